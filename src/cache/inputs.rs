//! What a build reads, hashed: the key of everything but the articles, and
//! each article file's own hash.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The files and folders of a site a build reads, under its root.
/// `quire serve` watches the same.
pub const SITE_INPUTS: [&str; 5] = ["content", "templates", "themes", "static", "journal.yaml"];

/// The hash of a file's bytes, in hex; `None` when it cannot be read.
pub fn hash_file(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(blake3::hash(&bytes).to_hex().to_string())
}

/// A file as the last build saw it: its size and time, and the hash of
/// its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    modified: u128,
    /// The hash of its bytes; empty when it could not be read.
    pub hash: String,
}

/// Every input file by its path in the site (`/`-separated), stamped.
pub type Stamps = BTreeMap<String, Stamp>;

/// The input files of the site in `root`: every file under
/// [`SITE_INPUTS`], but hidden ones, by their path in the site.
pub fn files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for input in SITE_INPUTS {
        let walk = walkdir::WalkDir::new(root.join(input))
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        files.extend(
            walk.filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .filter_map(|e| {
                    let relative = e.path().strip_prefix(root).ok()?;
                    Some(relative.to_string_lossy().replace('\\', "/"))
                }),
        );
    }
    files.sort();
    files
}

/// Each of `files` (under `root`) stamped. A file whose size and time are
/// those `known` holds keeps its hash unread, as git's index does, unless
/// its time is within a second of `known_at` (when the last stamps were
/// taken), so a file changed in the same moment is read again. Anything
/// but a regular file (a named pipe, a device) is stamped without a hash,
/// unread.
pub fn stamp(root: &Path, files: &[String], known: &Stamps, known_at: u128) -> Stamps {
    files
        .par_iter()
        .map(|file| {
            let path = root.join(file);
            let meta = std::fs::metadata(&path).ok();
            let size = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.as_ref().map_or(0, modified_nanos);
            let settled = modified > 0 && modified + 1_000_000_000 < known_at;
            // Only a regular file is read: a named pipe would never end
            // (the build reports it; stamping runs beside reading).
            let regular = meta.as_ref().is_some_and(std::fs::Metadata::is_file);
            let hash = match known.get(file) {
                Some(old) if settled && old.size == size && old.modified == modified => {
                    old.hash.clone()
                }
                _ if !regular => String::new(),
                _ => hash_file(&path).unwrap_or_default(),
            };
            (
                file.clone(),
                Stamp {
                    size,
                    modified,
                    hash,
                },
            )
        })
        .collect()
}

/// A file's time of last change, in nanoseconds since 1970; 0 when unknown.
fn modified_nanos(meta: &std::fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Now, in nanoseconds since 1970.
pub fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The key of everything a build depends on but the articles' own files
/// and PDF galleys: `quire` (this program, as [`Program`] names it), the
/// build's `options`, and every other input file by path and bytes
/// (`stamps` but those whose paths `is_article` picks): the configuration,
/// issues, static pages, templates, theme and figures. Any change to one of
/// them builds everything anew.
pub fn key(
    quire: &str,
    options: &str,
    stamps: &Stamps,
    is_article: impl Fn(&str) -> bool,
) -> String {
    let mut key = blake3::Hasher::new();
    key.update(quire.as_bytes());
    key.update(b"\0");
    key.update(options.as_bytes());
    for (path, stamp) in stamps.iter().filter(|(p, _)| !is_article(p)) {
        key.update(b"\0");
        key.update(path.as_bytes());
        key.update(b"\0");
        key.update(stamp.hash.as_bytes());
    }
    key.finalize().to_hex().to_string()
}

/// This program: its version and the hash of its binary, so a cache made
/// by another build of quire is not used. The binary's hash is kept with
/// its size and time, and computed again only when those change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    size: u64,
    modified: u128,
    hash: String,
}

impl Program {
    /// This program, reusing `known`'s hash when the binary is the same
    /// file.
    pub fn this(known: Option<&Program>) -> Program {
        let exe = std::env::current_exe().ok();
        let meta = exe.as_ref().and_then(|e| std::fs::metadata(e).ok());
        let size = meta.as_ref().map_or(0, |m| m.len());
        let modified = meta.as_ref().map_or(0, modified_nanos);
        if let Some(known) = known.filter(|k| k.size == size && k.modified == modified) {
            return known.clone();
        }
        let hash = exe.as_deref().and_then(hash_file).unwrap_or_default();
        Program {
            size,
            modified,
            hash: format!("{} {hash}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// What the key is made with.
    pub fn name(&self) -> &str {
        &self.hash
    }
}

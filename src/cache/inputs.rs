//! What a build reads, hashed: the key of everything but the articles, and
//! each article file's own hash.

use std::path::Path;

use rayon::prelude::*;

/// The files and folders of a site a build reads, under its root.
/// `quire serve` watches the same.
pub const SITE_INPUTS: [&str; 5] = ["content", "templates", "themes", "static", "journal.yaml"];

/// The hash of a file's bytes, in hex; `None` when it cannot be read.
pub fn hash_file(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(blake3::hash(&bytes).to_hex().to_string())
}

/// The key of everything a build depends on but the articles' own files:
/// `quire` (this program, as [`Program`] names it), the build's `options`,
/// and every other file under [`SITE_INPUTS`] by path and bytes: the
/// configuration, issues, static pages, templates, theme, PDFs and figures.
/// Any change to one of them builds everything anew.
pub fn key(root: &Path, quire: &str, options: &str, articles: &[&Path]) -> String {
    let articles: std::collections::HashSet<&Path> = articles.iter().copied().collect();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for input in SITE_INPUTS {
        let walk = walkdir::WalkDir::new(root.join(input))
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        files.extend(
            walk.filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
                .filter(|p| !articles.contains(&p.as_path())),
        );
    }
    files.sort();
    let hashes: Vec<String> = files
        .par_iter()
        .map(|p| hash_file(&root.join(p)).unwrap_or_default())
        .collect();
    let mut key = blake3::Hasher::new();
    key.update(quire.as_bytes());
    key.update(b"\0");
    key.update(options.as_bytes());
    for (path, hash) in files.iter().zip(&hashes) {
        key.update(b"\0");
        key.update(path.to_string_lossy().as_bytes());
        key.update(b"\0");
        key.update(hash.as_bytes());
    }
    key.finalize().to_hex().to_string()
}

/// This program: its version and the hash of its binary, so a cache made
/// by another build of quire is not used. The binary's hash is kept with
/// its size and time, and computed again only when those change.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        let modified = meta
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
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

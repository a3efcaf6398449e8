//! Reading stays inside the site folder.
//!
//! Every file and folder the build reads is named by a path under the site
//! root, but a symbolic link on that path may lead anywhere: a PDF linked to
//! `/etc/hostname` would be published with that file's bytes. So each path
//! is resolved to its real path and refused when that lies outside the
//! site's own real folder: a link is the same escape as `..`, by another
//! road. Links that stay inside the site (one content folder linked from
//! another) keep working. A path of plain names none of which is a link
//! cannot leave the site, so that, the common case, is shown by looking
//! at each name once, without asking for real paths.
//!
//! Special files (named pipes, sockets, devices) are refused by their type,
//! before anything opens them: opening a named pipe waits for a writer, so
//! reading one would hang the build.
//!
//! This is the one rule; every reader of site files goes through
//! [`resolve`] or [`read`], and every walk of a site folder checks its
//! links with [`check_entry`].

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// Why a path under the site was refused.
#[derive(Debug)]
pub enum Why {
    /// Its real path is outside the site folder.
    Outside {
        /// The real path it leads to.
        leads: PathBuf,
    },
    /// It is not a regular file or folder.
    Special {
        /// What it is instead, in an editor's words: `a named pipe`.
        kind: &'static str,
    },
    /// It could not be resolved or its type read (missing, a broken link,
    /// permissions).
    Io(io::Error),
}

/// A path under the site that may not be read, with why.
#[derive(Debug)]
pub struct Refused {
    /// The path as the site names it, relative to the site root when it is
    /// under it.
    pub path: PathBuf,
    /// Why it is refused.
    pub why: Why,
}

impl Refused {
    /// Whether nothing is there at all (no file, or a link to nothing), the
    /// case callers with an optional file treat as absent.
    pub fn is_missing(&self) -> bool {
        matches!(&self.why, Why::Io(err) if err.kind() == io::ErrorKind::NotFound)
    }

    /// The refusal as a diagnostic at the start of the refused path;
    /// `what` names it for the editor (`the PDF`, `the folder`).
    pub fn diagnostic(&self, what: &str) -> Diagnostic {
        if let Why::Io(err) = &self.why {
            return Diagnostic::unreadable(&self.path, what, err);
        }
        let file = SourceFile::new(&self.path, "");
        self.diagnostic_at(what, Span::file_start(&file))
    }

    /// The refusal as a diagnostic at `span` (the field that names the
    /// path); the message names the path.
    pub fn diagnostic_at(&self, what: &str, span: Span) -> Diagnostic {
        let path = self.path.display();
        match &self.why {
            Why::Outside { leads } => Diagnostic::new(
                Code::UnsafePath,
                span,
                format!(
                    "{what} `{path}` leads outside the site folder, to `{}`",
                    leads.display()
                ),
            )
            .label("a symbolic link out of the site")
            .help("quire reads only files inside the site folder: copy the file into the site instead of linking to it"),
            Why::Special { kind } => Diagnostic::new(
                Code::Unreadable,
                span,
                format!("{what} `{path}` is {kind}, not a file"),
            )
            .label("never opened")
            .help("quire reads only regular files and folders: remove it from the site folder"),
            Why::Io(err) => Diagnostic::new(
                Code::Unreadable,
                span,
                format!("{what} `{path}` cannot be read: {err}"),
            )
            .label("not readable")
            .help("check that it exists, is not a broken link, and that quire may read it"),
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.path.display();
        match &self.why {
            Why::Outside { leads } => write!(
                f,
                "{path} leads outside the site folder, to {}",
                leads.display()
            ),
            Why::Special { kind } => write!(f, "{path} is {kind}, not a file"),
            Why::Io(err) => write!(f, "{path} cannot be read: {err}"),
        }
    }
}

impl std::error::Error for Refused {}

/// A path under the site, resolved and allowed.
#[derive(Debug)]
pub struct Real {
    /// Where to open it: its real path, every link resolved, or (the
    /// common case) the site's path joined with names none of which is a
    /// link.
    pub path: PathBuf,
    /// What it is: a regular file or a folder.
    pub meta: fs::Metadata,
}

/// Resolves `path` (relative to `root`, already joined to it, or absolute)
/// to its real path, refusing it when that is outside `root`'s real path or is
/// not a regular file or folder. Nothing is opened.
pub fn resolve(root: &Path, path: &Path) -> Result<Real, Refused> {
    let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let refuse = |why| Refused {
        path: relative.clone(),
        why,
    };
    if let Some(found) = plain_path(root, &relative) {
        return found.map_err(refuse);
    }
    let site = root.canonicalize().map_err(|err| refuse(Why::Io(err)))?;
    let real = root
        .join(&relative)
        .canonicalize()
        .map_err(|err| refuse(Why::Io(err)))?;
    if !real.starts_with(&site) {
        return Err(refuse(Why::Outside { leads: real }));
    }
    let meta = fs::metadata(&real).map_err(|err| refuse(Why::Io(err)))?;
    if let Some(kind) = special(&meta.file_type()) {
        return Err(refuse(Why::Special { kind }));
    }
    Ok(Real { path: real, meta })
}

/// The common case of [`resolve`], cheaply: a path of plain names (no
/// `..`, `.` or root) none of which is a link is inside the site whatever
/// the site's own real path, and one `lstat` per name shows it, where
/// resolving the real paths of the site and the file asks the system once
/// per name of both (reading 10,000 articles, a fifth of the time).
/// `None` when the path has another part or a link on it: then its real
/// path decides.
fn plain_path(root: &Path, relative: &Path) -> Option<Result<Real, Why>> {
    use std::path::Component;
    if relative.as_os_str().is_empty()
        || !relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)))
    {
        return None;
    }
    let mut path = root.to_path_buf();
    let mut meta = None;
    for part in relative.components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(found) if found.file_type().is_symlink() => return None,
            Ok(found) => meta = Some(found),
            Err(err) => return Some(Err(Why::Io(err))),
        }
    }
    let meta = meta?;
    if let Some(kind) = special(&meta.file_type()) {
        return Some(Err(Why::Special { kind }));
    }
    Some(Ok(Real { path, meta }))
}

/// The bytes of the regular file `path` under `root`, read through its real
/// path after [`resolve`] allowed it. A folder is refused as an
/// `IsADirectory` error.
pub fn read(root: &Path, path: &Path) -> Result<Vec<u8>, Refused> {
    let real = resolve(root, path)?;
    let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    if real.meta.is_dir() {
        return Err(Refused {
            path: relative,
            why: Why::Io(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder, not a file",
            )),
        });
    }
    fs::read(&real.path).map_err(|err| Refused {
        path: relative,
        why: Why::Io(err),
    })
}

/// Checks that a new file at `path` under `root` would be written inside
/// the site: the nearest folder on its path that exists already (the issue
/// folder, or the year or `content/` above a new one) must resolve inside
/// it. Writers call this before creating folders, so a linked issue folder
/// cannot lead `quire new` or `quire import` to write elsewhere.
pub fn writable(root: &Path, path: &Path) -> Result<(), Refused> {
    let mut folder = path.parent();
    while let Some(dir) = folder {
        if fs::symlink_metadata(dir).is_ok() {
            return resolve(root, dir).map(|_| ());
        }
        folder = dir.parent();
    }
    resolve(root, root).map(|_| ())
}

/// Checks one entry of a walk under `root` (walkdir following links):
/// `Ok` for a regular file or folder whose real path is inside the
/// site, `Err` for a link out of it or a special file, which the walk must
/// skip (and not descend into). Only links are resolved, so a walk costs
/// one extra look-up per link, not per file: an entry reached through
/// allowed folders is inside unless it is itself a link.
pub fn check_entry(root: &Path, entry: &walkdir::DirEntry) -> Result<(), Refused> {
    if entry.path_is_symlink() {
        return resolve(root, entry.path()).map(|_| ());
    }
    match special(&entry.file_type()) {
        Some(kind) => Err(Refused {
            path: entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf(),
            why: Why::Special { kind },
        }),
        None => Ok(()),
    }
}

/// A walk's error under `root` as a diagnostic at the path it names: a
/// broken link is a file that cannot be read, a folder that cannot be
/// listed or a loop of links is a folder that cannot be read. The message
/// carries the system's reason, not the machine's path.
pub fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(root);
    let relative = path.strip_prefix(root).unwrap_or(path);
    let what = if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        "the folder"
    } else {
        "the file"
    };
    match err.io_error() {
        Some(io) => Diagnostic::unreadable(relative, what, io),
        None => Diagnostic::unreadable(
            relative,
            what,
            &io::Error::other("the links lead back to a folder above it, in a loop"),
        ),
    }
}

/// What a file type that is neither a regular file nor a folder is, in an
/// editor's words; `None` for a file or a folder.
#[cfg(unix)]
fn special(kind: &fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() || kind.is_dir() {
        None
    } else if kind.is_fifo() {
        Some("a named pipe")
    } else if kind.is_socket() {
        Some("a socket")
    } else if kind.is_block_device() || kind.is_char_device() {
        Some("a device")
    } else {
        Some("a special file")
    }
}

/// What a file type that is neither a regular file nor a folder is; other
/// systems than Unix do not tell pipes and devices apart here.
#[cfg(not(unix))]
fn special(kind: &fs::FileType) -> Option<&'static str> {
    (!kind.is_file() && !kind.is_dir()).then_some("a special file")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).expect("content/");
        fs::write(dir.path().join("secret"), "secret").expect("an outside file");
        fs::write(root.join("content/a.md"), "a").expect("a file");
        (dir, root)
    }

    #[test]
    fn a_link_inside_the_site_is_read() {
        let (_dir, root) = site();
        symlink("a.md", root.join("content/b.md")).expect("a link");
        assert_eq!(
            read(&root, Path::new("content/b.md")).expect("inside"),
            b"a"
        );
    }

    #[test]
    fn a_link_out_of_the_site_is_refused_by_its_path() {
        let (dir, root) = site();
        symlink(dir.path().join("secret"), root.join("content/b.md")).expect("a link");
        let refused = read(&root, Path::new("content/b.md")).expect_err("outside");
        assert_eq!(refused.path, Path::new("content/b.md"));
        assert!(matches!(refused.why, Why::Outside { .. }), "{refused:?}");
        let diag = refused.diagnostic("the file");
        assert_eq!(diag.code, Code::UnsafePath);
        assert!(diag.message.contains("secret"), "{}", diag.message);
    }

    #[test]
    fn a_folder_linked_out_refuses_what_is_under_it() {
        let (dir, root) = site();
        symlink(dir.path(), root.join("content/up")).expect("a link");
        let refused = read(&root, Path::new("content/up/secret")).expect_err("outside");
        assert!(matches!(refused.why, Why::Outside { .. }), "{refused:?}");
    }

    #[test]
    fn a_folder_linked_inside_the_site_is_read_and_one_linked_out_is_not() {
        let (dir, root) = site();
        symlink(root.join("content"), root.join("linked")).expect("a link");
        assert_eq!(read(&root, Path::new("linked/a.md")).expect("inside"), b"a");
        fs::create_dir_all(root.join("content/2018/4")).expect("a folder");
        symlink(dir.path(), root.join("content/2018/4/up")).expect("a link");
        let refused = read(&root, Path::new("content/2018/4/up/secret")).expect_err("out");
        assert!(matches!(refused.why, Why::Outside { .. }), "{refused:?}");
        let missing = read(&root, Path::new("content/2018/5/a.md")).expect_err("missing");
        assert!(missing.is_missing(), "{missing:?}");
        assert_eq!(missing.path, Path::new("content/2018/5/a.md"));
    }

    #[test]
    fn a_site_reached_through_a_link_reads_its_own_files() {
        let (dir, root) = site();
        let alias = dir.path().join("alias");
        symlink(&root, &alias).expect("a link to the site");
        assert_eq!(
            read(&alias, Path::new("content/a.md")).expect("inside"),
            b"a"
        );
    }

    #[test]
    fn a_named_pipe_is_refused_without_opening_it() {
        let (_dir, root) = site();
        let pipe = root.join("content/pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test
        }
        let refused = read(&root, Path::new("content/pipe.md")).expect_err("a pipe");
        assert!(
            matches!(
                refused.why,
                Why::Special {
                    kind: "a named pipe"
                }
            ),
            "{refused:?}"
        );
        assert_eq!(refused.diagnostic("the file").code, Code::Unreadable);
    }

    #[test]
    fn a_missing_file_is_missing() {
        let (_dir, root) = site();
        assert!(read(&root, Path::new("content/none.md"))
            .expect_err("none")
            .is_missing());
        let folder = read(&root, Path::new("content")).expect_err("a folder");
        assert!(!folder.is_missing());
    }
}

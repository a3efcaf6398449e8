//! Writing the site: into a staging folder beside the output, swapped in
//! only when the whole build succeeded.
//!
//! A failed or interrupted build leaves the previous output exactly as it
//! was: the staging folder is removed (or left, hidden, after a crash) and
//! the output folder is touched only by two renames at the very end.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{bail, Context, Result};

use crate::model::SitePath;

/// An output tree being written.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    /// The site folder, absolute: copies come only from inside it.
    site_root: PathBuf,
    committed: bool,
    /// Writing straight into an existing output (`quire serve`'s partial
    /// rebuilds): each file is replaced by a rename, nothing is swapped.
    in_place: bool,
    /// Writing some files of an existing output (a cached build): they are
    /// staged, and [`Output::apply`] moves in those whose bytes changed.
    /// Each staged file's share, for the size report.
    overlay: Option<std::sync::Mutex<Vec<(PathBuf, Share)>>>,
    /// Bytes written so far, by [`Share`]: the writer counts what it
    /// writes, so the size report walks no tree.
    written: [AtomicU64; Share::ALL.len()],
}

/// What a file is, for the report of the output's size: the parts `build`
/// names when the output is large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// Article pages.
    ArticlePages,
    /// Pages of keywords, countries, regions and authors, and their
    /// indexes.
    TermPages,
    /// Every other page: home, archive, issues, static pages, search, 404.
    OtherPages,
    /// PDFs.
    Pdfs,
    /// Articles' JATS XML.
    Jats,
    /// Citation downloads (`cite.bib`, `cite.ris`, `cite.json`).
    Downloads,
    /// Crossref deposits, DOAJ records and `oai.xml`.
    Deposits,
    /// The search index's files.
    SearchIndex,
    /// Atom feeds.
    Feeds,
    /// Everything else: the theme's and the site's static files, figures,
    /// covers, the sitemaps, robots.txt.
    Other,
}

impl Share {
    /// Every share, in the order a report breaks ties in.
    pub const ALL: [Share; 10] = [
        Share::ArticlePages,
        Share::TermPages,
        Share::OtherPages,
        Share::Pdfs,
        Share::Jats,
        Share::Downloads,
        Share::Deposits,
        Share::SearchIndex,
        Share::Feeds,
        Share::Other,
    ];

    /// What the report calls it (the command line speaks English).
    pub fn label(self) -> &'static str {
        match self {
            Share::ArticlePages => "article pages",
            Share::TermPages => "keyword, country, region and author pages",
            Share::OtherPages => "other pages",
            Share::Pdfs => "PDFs",
            Share::Jats => "JATS",
            Share::Downloads => "citation downloads",
            Share::Deposits => "Crossref, DOAJ and OAI files",
            Share::SearchIndex => "search index",
            Share::Feeds => "feeds",
            Share::Other => "other files",
        }
    }

    fn index(self) -> usize {
        Share::ALL
            .iter()
            .position(|&s| s == self)
            .expect("ALL lists every share")
    }
}

/// The bytes an output's files take, by [`Share`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sizes {
    bytes: [u64; Share::ALL.len()],
}

impl Sizes {
    /// `bytes` more in `share`.
    pub fn add(&mut self, share: Share, bytes: u64) {
        self.bytes[share.index()] += bytes;
    }

    /// `bytes` fewer in `share`.
    pub fn remove(&mut self, share: Share, bytes: u64) {
        let held = &mut self.bytes[share.index()];
        *held = held.saturating_sub(bytes);
    }

    /// The bytes of `share`.
    pub fn of(&self, share: Share) -> u64 {
        self.bytes[share.index()]
    }

    /// The bytes of every file.
    pub fn total(&self) -> u64 {
        self.bytes.iter().sum()
    }

    /// The shares that hold anything, the largest first (ties in the order
    /// of [`Share::ALL`]).
    pub fn largest(&self) -> Vec<(Share, u64)> {
        let mut shares: Vec<(Share, u64)> = Share::ALL
            .iter()
            .map(|&share| (share, self.of(share)))
            .filter(|&(_, bytes)| bytes > 0)
            .collect();
        shares.sort_by_key(|&(_, bytes)| std::cmp::Reverse(bytes));
        shares
    }
}

impl Output {
    /// Prepares to write the site into `target`, refusing folders that a
    /// build must never replace: `/`, the home folder, the site root, any
    /// folder holding the site root or a `content/` folder.
    pub fn create(target: &Path, site_root: &Path) -> Result<Output> {
        let target = absolute(target)?;
        let root = absolute(site_root)?;
        let home = std::env::var_os("HOME")
            .map(PathBuf::from)
            .and_then(|h| absolute(&h).ok());
        if target.parent().is_none() {
            bail!("refusing to write the site into {}: the output folder cannot be the file system's root", target.display());
        }
        if Some(&target) == home.as_ref() {
            bail!(
                "refusing to write the site into the home folder {}",
                target.display()
            );
        }
        if root.starts_with(&target) {
            bail!(
                "refusing to write the site into {}: it holds the site folder, which a build would delete",
                target.display()
            );
        }
        if target.join("content").is_dir() || target.join("journal.yaml").is_file() {
            bail!(
                "refusing to write the site into {}: it holds a content/ folder or journal.yaml, so it looks like a site, not an output",
                target.display()
            );
        }
        if target.exists() && !target.is_dir() {
            bail!("the output {} exists and is not a folder", target.display());
        }
        let parent = target.parent().expect("checked above");
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot clear {}", staging.display()))?;
        }
        fs::create_dir(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
        Ok(Output {
            target,
            staging,
            site_root: root,
            committed: false,
            in_place: false,
            overlay: None,
            written: Default::default(),
        })
    }

    /// Prepares to write some files of the output `target`, built before:
    /// they are staged beside it as [`Output::create`] stages a whole
    /// tree, and [`Output::apply`] moves into `target` those whose bytes
    /// differ from the file there. Until then `target` is not touched, so a
    /// failed build leaves it exactly as it was.
    pub fn overlay(target: &Path, site_root: &Path) -> Result<Output> {
        if !target.is_dir() {
            bail!("{} is not a built site", target.display());
        }
        let mut output = Output::create(target, site_root)?;
        output.overlay = Some(Default::default());
        Ok(output)
    }

    /// Moves the staged files of an [`Output::overlay`] into the output,
    /// each only when its bytes differ from the file it replaces, and
    /// removes the staging folder. Returns how the output's `sizes` change:
    /// `sizes` as they were, with each replaced file's old bytes taken out
    /// and its new ones put in; and how many files were replaced.
    pub fn apply(mut self, sizes: &Sizes) -> Result<(Sizes, usize)> {
        let staged = self
            .overlay
            .take()
            .context("only a staged overlay is applied")?
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut staged = staged;
        staged.sort_by(|a, b| a.0.cmp(&b.0));
        staged.dedup_by(|a, b| a.0 == b.0);
        let mut sizes = sizes.clone();
        let mut replaced = 0;
        for (relative, share) in staged {
            let new = self.staging.join(&relative);
            let old = self.target.join(&relative);
            let bytes = fs::read(&new).with_context(|| format!("cannot read {}", new.display()))?;
            match fs::read(&old) {
                Ok(before) if before == bytes => continue,
                Ok(before) => sizes.remove(share, before.len() as u64),
                Err(_) => {}
            }
            if let Some(parent) = old.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::rename(&new, &old).with_context(|| format!("cannot replace {}", old.display()))?;
            sizes.add(share, bytes.len() as u64);
            replaced += 1;
        }
        fs::remove_dir_all(&self.staging)
            .with_context(|| format!("cannot remove {}", self.staging.display()))?;
        self.committed = true;
        Ok((sizes, replaced))
    }

    fn staged(&self, path: &SitePath, share: Share) {
        if let Some(staged) = &self.overlay {
            staged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((path.to_path(), share));
        }
    }

    /// Writes into the existing output `target` itself, for a partial
    /// rebuild of a site built there before (by `quire serve`, into its own
    /// private folder). Each file is written beside its place and renamed
    /// over it, so a reader never sees half a file; nothing else changes.
    /// Copies come from the site folder `site_root`, as for [`Output::create`].
    pub fn in_place(target: &Path, site_root: &Path) -> Result<Output> {
        let target = absolute(target)?;
        if !target.is_dir() {
            bail!("{} is not a built site", target.display());
        }
        Ok(Output {
            staging: target.clone(),
            site_root: absolute(site_root)?,
            target,
            committed: true,
            in_place: true,
            overlay: None,
            written: Default::default(),
        })
    }

    /// The staging folder (for tests and logs).
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    fn prepare(&self, path: &SitePath) -> Result<PathBuf> {
        let file = self.staging.join(path.to_path());
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Ok(file)
    }

    /// The bytes written so far, by share.
    pub fn sizes(&self) -> Sizes {
        let mut sizes = Sizes::default();
        for (&share, bytes) in Share::ALL.iter().zip(&self.written) {
            sizes.add(share, bytes.load(Ordering::Relaxed));
        }
        sizes
    }

    fn count(&self, share: Share, bytes: u64) {
        self.written[share.index()].fetch_add(bytes, Ordering::Relaxed);
    }

    /// Writes `bytes` to `path`, counted in `share`.
    pub fn write(&self, path: &SitePath, bytes: &[u8], share: Share) -> Result<()> {
        let file = self.staging.join(path.to_path());
        if self.in_place {
            let partial = partial_name(&file);
            write_making_folder(&partial, bytes)?;
            fs::rename(&partial, &file)
                .with_context(|| format!("cannot replace {}", file.display()))?;
        } else {
            write_making_folder(&file, bytes)?;
        }
        self.staged(path, share);
        self.count(share, bytes.len() as u64);
        Ok(())
    }

    /// Copies the file `from` (under the site folder) to `path`, counted in
    /// `share`.
    ///
    /// The last guard of what is published: `from` is resolved to its real
    /// path and refused, before it is opened, when that lies outside the
    /// site folder or is not a regular file (`crate::inside`). Readers check
    /// the same rule earlier and report it as a diagnostic at its place;
    /// here a refusal fails the build, so nothing of the file is written.
    pub fn copy(&self, path: &SitePath, from: &Path, share: Share) -> Result<()> {
        // Made absolute without resolving links, so the link itself is
        // what is checked.
        let from = &std::path::absolute(from)
            .with_context(|| format!("cannot find {}", from.display()))?;
        let real = crate::inside::resolve(&self.site_root, from)
            .map_err(anyhow::Error::new)
            .and_then(|real| {
                if real.meta.is_file() {
                    Ok(real.path)
                } else {
                    bail!("{} is a folder, not a file", from.display())
                }
            })
            .with_context(|| format!("refusing to publish {}", from.display()))?;
        let file = self.prepare(path)?;
        if self.in_place {
            // Beside its place, then renamed over it, as `write` does: a
            // reader of the served site never gets half a PDF.
            let partial = partial_name(&file);
            let bytes = fs::copy(&real, &partial).with_context(|| {
                format!("cannot copy {} to {}", from.display(), partial.display())
            })?;
            fs::rename(&partial, &file)
                .with_context(|| format!("cannot replace {}", file.display()))?;
            self.count(share, bytes);
            return Ok(());
        }
        let bytes = fs::copy(&real, &file)
            .with_context(|| format!("cannot copy {} to {}", from.display(), file.display()))?;
        self.staged(path, share);
        self.count(share, bytes);
        Ok(())
    }

    /// Swaps the finished tree in for the old output and removes the old
    /// one (for an output written in place, there is nothing left to do).
    pub fn commit(self) -> Result<()> {
        self.swap()?.remove()
    }

    /// Swaps the finished tree in for the old output by two renames, and
    /// hands back the old tree, moved aside, to be removed: a server holds
    /// readers back only for the renames, not while a whole tree is
    /// deleted.
    pub fn swap(mut self) -> Result<OldOutput> {
        if self.in_place {
            return Ok(OldOutput(None));
        }
        let old = self.staging.with_file_name(format!(
            "{}.old",
            self.staging
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        if self.target.exists() {
            fs::rename(&self.target, &old).with_context(|| {
                format!("cannot move the old output {} aside", self.target.display())
            })?;
        }
        if let Err(err) = fs::rename(&self.staging, &self.target) {
            if old.exists() {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(err).with_context(|| {
                format!("cannot move the new output into {}", self.target.display())
            });
        }
        self.committed = true;
        Ok(OldOutput(old.exists().then_some(old)))
    }
}

/// The output a [`Output::swap`] replaced, moved aside; removed by
/// [`OldOutput::remove`] (or left for the next build's clean-up when that
/// fails).
#[must_use = "the old output stays on disk until removed"]
#[derive(Debug)]
pub struct OldOutput(Option<PathBuf>);

impl OldOutput {
    /// Deletes the old tree.
    pub fn remove(self) -> Result<()> {
        match &self.0 {
            Some(old) => fs::remove_dir_all(old)
                .with_context(|| format!("cannot remove the old output {}", old.display())),
            None => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes `bytes` to `file`, making its folder first only when the write
/// finds it missing: most files go into a folder made for an earlier one
/// (an article's page, downloads and JATS share theirs), and asking for
/// the folder every time cost two system calls a file.
fn write_making_folder(file: &Path, bytes: &[u8]) -> Result<()> {
    match fs::write(file, bytes) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = file.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            fs::write(file, bytes)
        }
        written => written,
    }
    .with_context(|| format!("cannot write {}", file.display()))
}

/// `path` made absolute and lexically normalised (it need not exist).
fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve symbolic links in the part that exists, so two names of one folder compare equal.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

/// Where a file is written before it is renamed over `file`: its whole name
/// with `.quire-partial` added, so no two files of a folder share one.
fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".quire-partial");
    file.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let site = tempfile::tempdir().unwrap();
        fs::create_dir(site.path().join("content")).unwrap();
        assert!(Output::create(Path::new("/"), site.path()).is_err());
        assert!(Output::create(site.path(), site.path()).is_err());
        assert!(Output::create(site.path().parent().unwrap(), site.path()).is_err());
        let other = tempfile::tempdir().unwrap();
        fs::create_dir(other.path().join("content")).unwrap();
        assert!(Output::create(other.path(), site.path()).is_err());
        assert!(Output::create(&site.path().join("public"), site.path()).is_ok());
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let site = tempfile::tempdir().unwrap();
        let target = site.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let out = Output::create(&target, site.path()).unwrap();
        out.write(&SitePath::at(&["a", "index.html"]), b"new", Share::Other)
            .unwrap();
        drop(out);
        assert_eq!(fs::read_to_string(target.join("old.html")).unwrap(), "old");
        assert!(!target.join("a").exists());

        let out = Output::create(&target, site.path()).unwrap();
        out.write(&SitePath::at(&["a", "index.html"]), b"new", Share::Other)
            .unwrap();
        out.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(target.join("a/index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = fs::read_dir(site.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn copies_only_regular_files_from_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        fs::write(dir.path().join("secret"), "secret").unwrap();
        fs::write(site.join("content/map.png"), "map").unwrap();
        std::os::unix::fs::symlink("map.png", site.join("content/inside.png")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), site.join("content/leak.png"))
            .unwrap();
        let out = Output::create(&site.join("public"), &site).unwrap();
        let to = |name: &str| SitePath::at(&[name]);
        out.copy(
            &to("inside.png"),
            &site.join("content/inside.png"),
            Share::Other,
        )
        .unwrap();
        assert_eq!(fs::read(out.staging().join("inside.png")).unwrap(), b"map");
        let refused = out
            .copy(
                &to("leak.png"),
                &site.join("content/leak.png"),
                Share::Other,
            )
            .unwrap_err();
        assert!(
            format!("{refused:#}").contains("outside the site"),
            "{refused:#}"
        );
        assert!(out
            .copy(&to("content"), &site.join("content"), Share::Other)
            .is_err());
        assert!(!out.staging().join("leak.png").exists());
    }

    #[test]
    fn the_writer_counts_the_bytes_of_each_share() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        fs::write(site.join("content/a.pdf"), vec![b'x'; 1000]).unwrap();
        let out = Output::create(&site.join("public"), &site).unwrap();
        out.write(
            &SitePath::at(&["index.html"]),
            &[b'h'; 300],
            Share::OtherPages,
        )
        .unwrap();
        out.write(
            &SitePath::at(&["a", "index.html"]),
            &[b'a'; 200],
            Share::ArticlePages,
        )
        .unwrap();
        out.write(
            &SitePath::at(&["b", "index.html"]),
            &[b'b'; 200],
            Share::ArticlePages,
        )
        .unwrap();
        out.copy(
            &SitePath::at(&["a", "a.pdf"]),
            &site.join("content/a.pdf"),
            Share::Pdfs,
        )
        .unwrap();
        let sizes = out.sizes();
        assert_eq!(sizes.total(), 1700);
        assert_eq!(
            sizes.largest(),
            [
                (Share::Pdfs, 1000),
                (Share::ArticlePages, 400),
                (Share::OtherPages, 300)
            ]
        );
        // A refused copy counts nothing.
        assert!(out
            .copy(&SitePath::at(&["c"]), &site.join("content"), Share::Other)
            .is_err());
        assert_eq!(out.sizes().total(), 1700);
    }
}

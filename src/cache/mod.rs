//! The build cache: `.quire-cache/` beside the site, so a build after a few
//! articles changed rewrites only what they touch.
//!
//! The cache holds what the last successful build was made from and what it
//! made that a partial build needs again:
//!
//! - the key of every input but the articles ([`inputs::key`]: this quire,
//!   the build's options and output folder, the configuration, issues,
//!   static pages, templates, theme and figures, by their bytes);
//! - each article file's hash, by its path, and its PDF galley's;
//! - the archive's layout: every article's place ([`assemble::place`]) and
//!   the taxonomies as built (terms, their articles, related articles);
//! - what the search index keeps ([`index::Kept`]): every stem's postings,
//!   which a partial build updates with the stems of the articles it
//!   renders, and the fingerprints of the index's files in the output, so
//!   that only those that changed are made, compressed and written;
//! - the output's size by share, for the build's report;
//! - beside the state, the text of every PDF galley ([`pdf::Store`]).
//!
//! A build reads and checks the whole content as always. When the key and
//! the layout are the ones the cache holds and only some article files (or
//! their PDFs' bytes) changed, it renders only the pages and files those
//! articles touch
//! ([`Touched`], the rule `quire serve` uses), with the whole search index,
//! stages them beside the output and moves in only the files whose bytes
//! changed. Anything else (no cache, `--no-cache`, another quire, a
//! changed configuration, template or figure, an article added, removed or
//! moved, a PDF added or removed, a changed keyword) builds everything, as
//! without a cache, and
//! writes the cache anew. Either way the output is the one a build without
//! the cache makes: a test makes each kind of edit on a fixture and compares
//! the two byte for byte.
//!
//! The cache describes the output folder it was built into: a build into
//! another folder, or an output folder deleted, builds everything. A
//! changed output folder (files deleted or edited by hand) is not noticed:
//! `--no-cache` builds it whole again.

pub mod inputs;
pub mod pdf;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::assemble;
use crate::model::Archive;
use crate::output::Sizes;
use crate::render::Touched;
use crate::search::index;

/// The cache's folder, in the site's root.
pub const FOLDER: &str = ".quire-cache";

/// The file of the cache's state, in [`FOLDER`] (postcard).
const STATE: &str = "state.bin";

/// The layout of the state file (3 since the index keeps its postings as
/// varints, 4 since it keeps the articles' PDFs); a cache of another is
/// not used.
const FORMAT: u32 = 4;

/// What the last successful build was made from, and what a partial build
/// needs of it.
#[derive(Debug, Serialize, Deserialize)]
pub struct State {
    format: u32,
    program: inputs::Program,
    key: String,
    layout: String,
    /// When the stamps were taken, in nanoseconds since 1970.
    stamped: u128,
    /// Every input file, stamped (its size, time and hash).
    files: inputs::Stamps,
    /// The article files' paths in the site, in archive order.
    articles: Vec<String>,
    /// Each article's PDF galley's hash, in archive order; `None` for an
    /// article without one.
    galleys: Vec<Option<String>>,
    /// The problems of the PDFs whose text is not all read, by their path
    /// in the site: a build that does not read a PDF warns from here.
    pdf_problems: std::collections::BTreeMap<PathBuf, pdf::Problem>,
    /// What the search index keeps for the next build: its postings and
    /// the fingerprints of the files the output holds.
    index: index::Kept,
    /// The output's bytes by share.
    sizes: Sizes,
}

/// What a build with the cache does.
#[derive(Debug)]
pub enum Plan {
    /// Build everything, for the reason given.
    Whole(String),
    /// Nothing changed: the output is already the build's.
    Nothing,
    /// Render only what these changed articles touch.
    Touched {
        /// The changed articles and what they touch.
        touched: Touched,
        /// The output's size as the cache knows it.
        sizes: Sizes,
        /// The search index as the last build kept it.
        written: Box<index::Kept>,
    },
}

/// The cache of the site in `root`, read and compared with the build about
/// to be made.
pub struct Cache {
    folder: PathBuf,
    old: Option<State>,
    /// The state of this build, but what rendering adds (the search
    /// index's postings, sizes).
    new: State,
}

/// The half of [`Cache::open`] that needs no archive: the last state read
/// and every input file stamped, which a build does while it reads the
/// content ([`Cache::stamp`]).
pub struct Stamped {
    folder: PathBuf,
    old: Option<State>,
    program: inputs::Program,
    stamped: u128,
    files: inputs::Stamps,
}

impl Cache {
    /// Reads the cache of `root` (when `use_old`) and stamps every input
    /// file, hashing those whose stamps changed.
    pub fn stamp(root: &Path, use_old: bool) -> Stamped {
        let started = std::time::Instant::now();
        let folder = root.join(FOLDER);
        let old: Option<State> = use_old
            .then(|| std::fs::read(folder.join(STATE)).ok())
            .flatten()
            .and_then(|bytes| postcard::from_bytes(&bytes).ok())
            .filter(|s: &State| s.format == FORMAT);
        let read = started.elapsed();
        let program = inputs::Program::this(old.as_ref().map(|s| &s.program));
        let stamped = inputs::now_nanos();
        let none = inputs::Stamps::new();
        let (known, known_at) = old.as_ref().map_or((&none, 0), |s| (&s.files, s.stamped));
        let files = inputs::stamp(root, &inputs::files(root), known, known_at);
        log::debug!(
            "read the build cache in {:.3} s, stamped the inputs in {:.3} s",
            read.as_secs_f64(),
            (started.elapsed() - read).as_secs_f64()
        );
        Stamped {
            folder,
            old,
            program,
            stamped,
            files,
        }
    }

    /// This build's state for `archive`, from what `stamped` found, built
    /// with `options` (the build's options written out, its output folder
    /// among them).
    pub fn open(stamped: Stamped, archive: &Archive, options: &str) -> Cache {
        let started = std::time::Instant::now();
        let Stamped {
            folder,
            old,
            program,
            stamped,
            files,
        } = stamped;
        let articles: Vec<String> = archive
            .articles
            .iter()
            .map(|a| site_path(a.source.path()))
            .collect();
        let pdfs: Vec<Option<String>> = archive
            .articles
            .iter()
            .map(|a| a.pdf.as_ref().map(|pdf| site_path(&pdf.source)))
            .collect();
        // An article's PDF is the article's, as its file is: a changed PDF
        // renders what its article touches, not everything.
        let is_article: std::collections::HashSet<&str> = articles
            .iter()
            .chain(pdfs.iter().flatten())
            .map(String::as_str)
            .collect();
        let (key, layout) = rayon::join(
            || inputs::key(program.name(), options, &files, |p| is_article.contains(p)),
            || layout(archive),
        );
        log::debug!(
            "hashed the key and the layout in {:.3} s",
            started.elapsed().as_secs_f64()
        );
        let galleys = pdfs
            .iter()
            .map(|pdf| {
                let pdf = pdf.as_ref()?;
                Some(files.get(pdf).map(|f| f.hash.clone()).unwrap_or_default())
            })
            .collect();
        let new = State {
            format: FORMAT,
            program,
            key,
            layout,
            stamped,
            files,
            articles,
            galleys,
            pdf_problems: Default::default(),
            index: index::Kept::default(),
            sizes: Sizes::default(),
        };
        Cache { folder, old, new }
    }

    /// What this build must do, given that its output folder is `target`.
    pub fn plan(&mut self, archive: &Archive, target: &Path) -> Plan {
        let Some(old) = self.old.take() else {
            return Plan::Whole("no build cache".to_string());
        };
        let new = &self.new;
        if old.key != new.key {
            return Plan::Whole(
                "quire, the options, the configuration, an issue, a page, a template or a file beside the articles changed"
                    .to_string(),
            );
        }
        if !target.is_dir() {
            return Plan::Whole("there is no output to update".to_string());
        }
        if old.articles != new.articles {
            return Plan::Whole("an article was added or removed".to_string());
        }
        if old.layout != new.layout {
            return Plan::Whole(
                "an article moved, or the terms or related articles changed".to_string(),
            );
        }
        let has_pdf = |galleys: &[Option<String>]| -> Vec<bool> {
            galleys.iter().map(Option::is_some).collect()
        };
        if has_pdf(&old.galleys) != has_pdf(&new.galleys) {
            // The sitemap lists the PDFs, and a partial build keeps it.
            return Plan::Whole("an article's PDF was added or removed".to_string());
        }
        let changed: Vec<_> = archive
            .articles
            .iter()
            .zip(old.galleys.iter().zip(&new.galleys))
            .filter(|(a, (old_pdf, new_pdf))| {
                let path = site_path(a.source.path());
                old.files.get(&path).map(|f| &f.hash) != new.files.get(&path).map(|f| &f.hash)
                    || old_pdf != new_pdf
            })
            .map(|(a, _)| a.id())
            .collect();
        let documents = archive.articles.iter().filter(|a| !a.draft).count();
        if old.index.documents() != Some(documents) {
            return Plan::Whole("the cache lacks the search index's words".to_string());
        }
        self.new.pdf_problems = old.pdf_problems;
        if changed.is_empty() {
            self.new.index = old.index;
            self.new.sizes = old.sizes;
            return Plan::Nothing;
        }
        Plan::Touched {
            touched: Touched {
                articles: changed,
                ..Touched::default()
            },
            sizes: old.sizes,
            written: Box::new(old.index),
        }
    }

    /// The warnings of the PDFs the last build found problems with that
    /// `pdfs` was not asked for in this build (after a partial build, or
    /// none).
    pub fn carried_problems(&self, pdfs: &pdf::Store) -> Vec<crate::diag::Diagnostic> {
        self.new
            .pdf_problems
            .iter()
            .filter(|(source, _)| !pdfs.asked(source))
            .map(|(source, problem)| problem.diagnostic(source))
            .collect()
    }

    /// Writes the cache after a successful build: what the search index
    /// keeps (`written`, when the build made the index), the output's
    /// `sizes`, the problems of the PDFs `pdfs` was asked for in place of
    /// theirs. A cache that cannot be written is reported and left out;
    /// the build stands.
    pub fn save(mut self, written: Option<index::Kept>, sizes: Sizes, pdfs: &pdf::Store) {
        if let Some(written) = written {
            self.new.index = written;
        }
        self.new
            .pdf_problems
            .retain(|source, _| !pdfs.asked(source));
        self.new.pdf_problems.extend(pdfs.problems());
        self.new.sizes = sizes;
        let partial = self.folder.join(format!("{STATE}.partial"));
        if let Err(e) = write_whole(&self.folder.join(STATE), &partial, &self.new) {
            log::warn!(
                "cannot write the build cache in {}: {e}; the next build builds everything",
                self.folder.display()
            );
        }
    }

    /// The hash of each article's PDF by its path in the site
    /// (`Pdf::source`), as the stamps hold it, for the [`pdf::Store`].
    pub fn pdf_hashes(&self, archive: &Archive) -> std::collections::HashMap<PathBuf, String> {
        archive
            .articles
            .iter()
            .zip(&self.new.galleys)
            .filter_map(|(article, hash)| {
                let pdf = article.pdf.as_ref()?;
                Some((pdf.source.clone(), hash.clone().filter(|h| !h.is_empty())?))
            })
            .collect()
    }

    /// The output's size as the cache knows it (after [`Plan::Nothing`]).
    pub fn sizes(&self) -> Sizes {
        self.new.sizes.clone()
    }

    /// Removes the cache (after a build that could not keep it true).
    pub fn forget(self) {
        let _ = std::fs::remove_file(self.folder.join(STATE));
    }
}

/// Writes `value` (postcard) as `file`, in the cache's folder: encoded
/// into `partial` beside it, then renamed over it, so that an interrupted
/// build leaves the old file or the new one, never half of one. A
/// `partial` left by a failure is removed.
fn write_whole<T: Serialize>(file: &Path, partial: &Path, value: &T) -> std::io::Result<()> {
    let folder = file.parent().unwrap_or(Path::new("."));
    let written = std::fs::create_dir_all(folder)
        .and_then(|()| std::fs::File::create(partial))
        .and_then(|out| {
            let mut out = std::io::BufWriter::new(out);
            postcard::to_io(value, &mut out).map_err(std::io::Error::other)?;
            std::io::Write::flush(&mut out)
        })
        .and_then(|()| std::fs::rename(partial, file));
    if written.is_err() {
        let _ = std::fs::remove_file(partial);
    }
    written
}

/// A file's path in the site as the stamps name it: `/`-separated.
fn site_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The archive's layout: every article's place in order, and the
/// taxonomies as built, as one hash. Equal layouts have the same pages at
/// the same addresses listing the same articles.
fn layout(archive: &Archive) -> String {
    let mut hasher = blake3::Hasher::new();
    for article in &archive.articles {
        hasher.update(article.source.path().to_string_lossy().as_bytes());
        hasher.update(assemble::place(article).as_bytes());
    }
    // Written straight into the hasher, not into a string first.
    struct Feed<'h>(&'h mut blake3::Hasher);
    impl std::fmt::Write for Feed<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    std::fmt::Write::write_fmt(
        &mut Feed(&mut hasher),
        format_args!("{:?}", archive.taxonomies),
    )
    .expect("hashing does not fail");
    hasher.finalize().to_hex().to_string()
}

//! The text of PDF galleys, kept between builds: one file a PDF under
//! `.quire-cache/pdf/`, named by the hash of the PDF's bytes, holding what
//! [`crate::pdf::text`] gave for them (the text, or why there is none).
//!
//! Reading a PDF's text costs milliseconds a page, so a PDF whose bytes
//! the store knows is never read again, whatever else changed: a build that
//! renders everything (a changed `journal.yaml`, `--no-cache`) reads the
//! text from here too. The store is keyed by the PDF's bytes alone, so it
//! cannot disagree with them; an entry made by another version of quire or
//! of its reading ([`EXTRACTION`]) is read again. A PDF's hash is the one
//! the build cache's stamps already hold ([`super::inputs::stamp`]); only
//! a render without them (`quire check`, `quire serve`) hashes the PDF as
//! it reads it.
//!
//! A whole build removes the entries of PDFs it did not ask for
//! ([`Store::prune`]): PDFs no longer in the archive, or changed.
//!
//! A PDF whose text (or some of whose pages) cannot be read is a warning,
//! [`Problem::diagnostic`], given by every build while the PDF is
//! unchanged: the store records each problem it meets, and the build
//! cache's state keeps them for the builds that render fewer articles.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::pdf::{PdfError, PdfText};

/// The store's folder, in the build cache's folder.
pub const FOLDER: &str = "pdf";

/// The version of what [`crate::pdf::text`] makes of a PDF: raise it when
/// the reading or the mending changes what comes out, so that entries
/// made before are read again.
pub const EXTRACTION: u32 = 3;

/// The extension of an entry's file.
const EXTENSION: &str = "bin";

/// What a PDF's bytes gave: its text, or why there is none.
pub type Extracted = Result<PdfText, PdfError>;

/// One entry, as its file holds it (postcard).
#[derive(Serialize, Deserialize)]
struct Entry {
    extraction: u32,
    quire: String,
    text: Extracted,
}

/// The PDF texts of one site, read from the store or extracted and kept
/// there; shared by the article jobs of a render.
pub struct Store {
    root: PathBuf,
    /// `None` for a build that keeps nothing ([`Store::off`]).
    folder: Option<PathBuf>,
    /// The hash of each PDF the build cache stamped, by its path in the
    /// site (as `Pdf::source` gives it).
    hashes: HashMap<PathBuf, String>,
    /// The hashes asked for, so [`Store::prune`] keeps their entries.
    used: Mutex<HashSet<String>>,
    extracted: AtomicUsize,
    cached: AtomicUsize,
    /// Time spent extracting, summed over the threads, in nanoseconds.
    extracting: AtomicU64,
    /// Whether writing an entry failed already (said once).
    unwritable: AtomicBool,
    /// The PDFs asked for, by their path in the site.
    asked: Mutex<HashSet<PathBuf>>,
    /// The problems of the PDFs asked for, by their path in the site.
    problems: Mutex<std::collections::BTreeMap<PathBuf, Problem>>,
}

/// Why a PDF's text, or some of it, is not in the search index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Why there is no text at all.
    pub error: Option<PdfError>,
    /// The pages (from 1) that could not be read, when the rest was.
    pub unreadable_pages: Vec<u32>,
}

impl Problem {
    /// What `extracted` says is wrong; `None` when the whole text was read.
    pub fn of(extracted: &Extracted) -> Option<Problem> {
        match extracted {
            Err(error) => Some(Problem {
                error: Some(error.clone()),
                unreadable_pages: Vec::new(),
            }),
            Ok(text) if !text.unreadable_pages.is_empty() => Some(Problem {
                error: None,
                unreadable_pages: text.unreadable_pages.clone(),
            }),
            Ok(_) => None,
        }
    }

    /// The warning for the PDF at `source` (its path in the site).
    pub fn diagnostic(&self, source: &Path) -> Diagnostic {
        let file = SourceFile::new(source, "");
        let at = Span::file_start(&file);
        let diagnostic = |message: String, label: &str, help: &str| {
            Diagnostic::new(Code::PdfText, at.clone(), message)
                .label(label)
                .help(help)
        };
        match &self.error {
            Some(PdfError::Unreadable(why)) => diagnostic(
                format!("the PDF's text cannot be read ({why}), so the search finds its article by the title, abstract and keywords only"),
                "not readable as a PDF",
                "open the file in a PDF reader: if it does not open, export the PDF again from the typesetting software and replace the file",
            ),
            Some(PdfError::Encrypted) => diagnostic(
                "the PDF is encrypted with a password, so the search cannot read its text".to_string(),
                "needs a password",
                "replace it with a copy saved without a password to open (a PDF that only forbids printing or copying is read)",
            ),
            Some(PdfError::NoTextLayer { pages }) => diagnostic(
                format!(
                    "the PDF has no text layer ({pages} page{} of images, a scan?), so the search cannot find words in it",
                    if *pages == 1 { "" } else { "s" }
                ),
                "no text to read",
                "run OCR on it (for example with OCRmyPDF, or your PDF editor's \"recognise text\") and replace the file",
            ),
            None => {
                let pages: Vec<String> =
                    self.unreadable_pages.iter().map(u32::to_string).collect();
                let (noun, pronoun) = if pages.len() == 1 {
                    ("page", "its")
                } else {
                    ("pages", "their")
                };
                diagnostic(
                    format!(
                        "{noun} {} of the PDF cannot be read, so the search does not find {pronoun} words",
                        pages.join(", ")
                    ),
                    "partly readable",
                    "look at those pages in a PDF reader: if they are damaged, export the PDF again and replace the file",
                )
            }
        }
    }
}

impl Store {
    /// The store of the site in `root`, knowing the `hashes` of PDFs by
    /// their path in the site (the build cache's stamps; empty without
    /// them).
    pub fn new(root: &Path, hashes: HashMap<PathBuf, String>) -> Store {
        Store {
            root: root.to_path_buf(),
            folder: Some(root.join(super::FOLDER).join(FOLDER)),
            hashes,
            used: Mutex::default(),
            extracted: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            extracting: AtomicU64::new(0),
            unwritable: AtomicBool::new(false),
            asked: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// A store that reads every PDF and keeps nothing: for a build that
    /// does not touch the build cache.
    pub fn off(root: &Path) -> Store {
        Store {
            folder: None,
            ..Store::new(root, HashMap::new())
        }
    }

    /// [`Store::extract`], recording the PDF and its problem for the
    /// warnings ([`Store::diagnostics`]).
    pub fn text(&self, source: &Path) -> Extracted {
        let extracted = self.extract(source);
        self.asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(source.to_path_buf());
        if let Some(problem) = Problem::of(&extracted) {
            self.problems
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(source.to_path_buf(), problem);
        }
        extracted
    }

    /// The warnings for the PDFs asked for so far, by their paths.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let problems = self.problems.lock().unwrap_or_else(|e| e.into_inner());
        problems
            .iter()
            .map(|(source, problem)| problem.diagnostic(source))
            .collect()
    }

    /// The problems of the PDFs asked for so far, by their paths.
    pub fn problems(&self) -> std::collections::BTreeMap<PathBuf, Problem> {
        self.problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Whether the PDF at `source` was asked for.
    pub fn asked(&self, source: &Path) -> bool {
        self.asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(source)
    }

    /// The text of the PDF at `source` (its path in the site): from the
    /// store when it holds the PDF's bytes' entry, else read from the PDF
    /// and kept. A PDF that cannot be opened is a [`PdfError::Unreadable`].
    fn extract(&self, source: &Path) -> Extracted {
        let mut bytes = None;
        let hash = match self.hashes.get(source).filter(|h| !h.is_empty()) {
            Some(hash) => hash.clone(),
            None => {
                let read = self.read(source)?;
                let hash = blake3::hash(&read).to_hex().to_string();
                bytes = Some(read);
                hash
            }
        };
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(hash.clone());
        let file = self
            .folder
            .as_ref()
            .map(|folder| folder.join(format!("{hash}.{EXTENSION}")));
        if let Some(entry) = file
            .as_ref()
            .and_then(|file| std::fs::read(file).ok())
            .and_then(|kept| postcard::from_bytes::<Entry>(&kept).ok())
            .filter(|entry| entry.extraction == EXTRACTION && entry.quire == quire())
        {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return entry.text;
        }
        let bytes = match bytes {
            Some(bytes) => bytes,
            None => self.read(source)?,
        };
        let started = Instant::now();
        let text = crate::pdf::text(&bytes);
        drop(bytes);
        let took = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.extracting.fetch_add(took, Ordering::Relaxed);
        self.extracted.fetch_add(1, Ordering::Relaxed);
        let entry = Entry {
            extraction: EXTRACTION,
            quire: quire(),
            text,
        };
        if let (Some(folder), Some(file)) = (&self.folder, &file) {
            self.keep(folder, file, &entry);
        }
        entry.text
    }

    /// The bytes of the PDF at `source`.
    fn read(&self, source: &Path) -> Result<Vec<u8>, PdfError> {
        std::fs::read(self.root.join(source))
            .map_err(|e| PdfError::Unreadable(crate::diag::system_words(&e)))
    }

    /// Writes `entry` as `file` ([`super::write_whole`]: a whole entry or
    /// none), through a partial file of its own, as several threads write
    /// at once. A store that cannot be written is said once and the build
    /// goes on.
    fn keep(&self, folder: &Path, file: &Path, entry: &Entry) {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let partial = file.with_extension(format!(
            "{}-{}.partial",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        if let Err(e) = super::write_whole(file, &partial, entry) {
            if !self.unwritable.swap(true, Ordering::Relaxed) {
                log::warn!(
                    "cannot keep the text of PDFs in {}: {e}; the next build reads them again",
                    folder.display()
                );
            }
        }
    }

    /// Says at debug level how many PDFs were read and how many came from
    /// the store, and the time reading took (summed over the threads).
    pub fn report(&self) {
        let extracted = self.extracted.load(Ordering::Relaxed);
        let cached = self.cached.load(Ordering::Relaxed);
        if extracted + cached == 0 {
            return;
        }
        log::debug!(
            "PDF text: {extracted} PDFs read in {:.3} s of work, {cached} from the build cache",
            self.extracting.load(Ordering::Relaxed) as f64 / 1e9
        );
    }

    /// How many PDFs were read (not found in the store) so far.
    pub fn extracted(&self) -> usize {
        self.extracted.load(Ordering::Relaxed)
    }

    /// Removes every entry but those asked for since the store was made
    /// (after a whole build, which asked for every PDF it indexes), and
    /// any file left half written.
    pub fn prune(&self) {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let Some(Ok(entries)) = self.folder.as_ref().map(std::fs::read_dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let kept = name
                .strip_suffix(&format!(".{EXTENSION}"))
                .is_some_and(|hash| used.contains(hash));
            if !kept {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// This quire's version, which an entry is made by.
fn quire() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_kept_read_back_and_pruned() {
        let site = tempfile::tempdir().expect("a temporary folder");
        let root = site.path();
        std::fs::write(root.join("a.pdf"), b"not a PDF").expect("writable");
        let store = Store::new(root, HashMap::new());
        let first = store.text(Path::new("a.pdf"));
        assert!(matches!(first, Err(PdfError::Unreadable(_))), "{first:?}");
        assert_eq!(store.extracted(), 1);

        let again = Store::new(root, HashMap::new());
        assert_eq!(again.text(Path::new("a.pdf")), first);
        assert_eq!(again.extracted(), 0, "read from the store");

        let missing = again.text(Path::new("b.pdf"));
        assert!(
            matches!(missing, Err(PdfError::Unreadable(_))),
            "{missing:?}"
        );

        let folder = root.join(super::super::FOLDER).join(FOLDER);
        std::fs::write(folder.join("old.bin"), b"").expect("writable");
        again.prune();
        let left: Vec<_> = std::fs::read_dir(&folder)
            .expect("the store")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
        Store::new(root, HashMap::new()).prune();
        assert_eq!(std::fs::read_dir(&folder).expect("the store").count(), 0);
    }
}

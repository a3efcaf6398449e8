//! Diagnostics: problems in files that editors own, reported like a compiler.
//!
//! A content problem is data, not an `Err`: every stage pushes
//! [`Diagnostic`]s into a [`Diagnostics`] collector and goes on, so that one
//! run reports every problem. Machine failures (disk, permissions) are
//! `anyhow` errors in `cmd/` and `output.rs` instead.

mod code;
mod render;
mod source;
mod suggest;

pub use code::Code;
pub use render::{render, render_styled, Format};
pub(crate) use source::line_break;
pub use source::{SourceFile, Span};
pub use suggest::did_you_mean;

pub(crate) use source::floor_char_boundary;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one place, with what to do about it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning; given by the code.
    pub severity: Severity,
    /// The stable code (`E012`), documented in the editors' guide.
    pub code: Code,
    /// What is wrong: lowercase, no final period.
    pub message: String,
    /// Where, with a short label under the quoted line.
    pub primary: (Span, String),
    /// Other places that explain the problem (the first use of a DOI...).
    pub secondary: Vec<(Span, String)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem of kind `code` at `span`; its severity comes from the code.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: code.severity(),
            code,
            message: message.into(),
            primary: (span, String::new()),
            secondary: Vec::new(),
            help: None,
        }
    }

    /// Sets the label printed under the primary span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.primary.1 = label.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place to quote.
    pub fn secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }

    /// A file or folder of the site that cannot be read: `path` relative to
    /// the site root, `what` "the file" or "the folder", `err` what the
    /// system said.
    pub fn unreadable(path: &std::path::Path, what: &str, err: &std::io::Error) -> Self {
        let file = SourceFile::new(path, "");
        use std::io::ErrorKind;
        let why = match err.kind() {
            ErrorKind::NotFound => "it does not exist (a link to nothing?)".to_string(),
            ErrorKind::PermissionDenied => "quire is not allowed to read it".to_string(),
            _ => system_words(err),
        };
        Diagnostic::new(
            Code::Unreadable,
            Span::file_start(&file),
            format!("{what} cannot be read: {why}"),
        )
        .label("not readable")
        .help("check that it exists, is not a link to a file that was moved or deleted, and that your user may read it")
    }

    /// The file the problem is in.
    pub fn path(&self) -> &std::path::Path {
        self.primary.0.file.path()
    }
}

/// A collector of diagnostics from every stage.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        (errors, self.items.len() - errors)
    }

    /// True when nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems sorted by file, position and code; identical problems
    /// reported twice appear once.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.path(), a.primary.0.range.start, a.code, &a.message).cmp(&(
                b.path(),
                b.primary.0.range.start,
                b.code,
                &b.message,
            ))
        });
        self.items.dedup_by(|a, b| {
            a.code == b.code
                && a.message == b.message
                && a.path() == b.path()
                && a.primary.0.range == b.primary.0.range
        });
        self.items
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<T: IntoIterator<Item = Diagnostic>>(&mut self, iter: T) {
        self.items.extend(iter);
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Self { items }
    }
}

/// What the system said of `err`, as the middle of a sentence: "Is a
/// directory (os error 21)" becomes "is a directory".
pub fn system_words(err: &std::io::Error) -> String {
    let said = err.to_string();
    let said = said.split(" (os error").next().unwrap_or(&said);
    let mut chars = said.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

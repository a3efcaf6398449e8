//! Text out of PDF galleys, page by page, cleaned for the search index.
//!
//! [`text`] takes a PDF's bytes and returns one [`PageText`] per page, in the
//! file's page order: the page's 1-based index (what `#page=N` opens), its
//! printed label when the PDF says one ("84"), and its text as paragraphs.
//!
//! The steps, each its own module:
//!
//! 1. `read` runs pdf-extract over each page and keeps every glyph with its
//!    place and size (not pdf-extract's own plain text, which knows no
//!    columns); `labels` reads the page labels;
//! 2. `layout` puts the glyphs into lines, and [`clean::line`] tidies each
//!    (ligatures, Unicode composition, spaces);
//! 3. `running` leaves out running headers and footers: a line at the top or
//!    bottom of most pages that is the same but for its numbers;
//! 4. `layout` puts the remaining lines in reading order, one column after
//!    the other when the page has two, and groups them into paragraphs;
//! 5. [`clean`] joins each paragraph's lines, mending words hyphenated
//!    across lines, and then words hyphenated across pages.
//!
//! A PDF that cannot be read, needs a password, or has (almost) no text (a
//! scan) is a [`PdfError`], never a panic: the build warns, naming the file,
//! and goes on. `docs/pdf-text.md` says the same for editors.

pub mod clean;
mod labels;
mod layout;
mod read;
mod running;

use std::fmt;

use serde::{Deserialize, Serialize};

/// One page's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageText {
    /// The page's place in the file, from 1: the `N` of `#page=N`.
    pub index: u32,
    /// The page's printed number when the PDF has page labels (`"84"`), for
    /// "p. 84"; `None` when it has none.
    pub label: Option<String>,
    /// The page's text, its paragraphs separated by a blank line; empty for a
    /// page without text.
    pub text: String,
}

/// A PDF's text: its pages, and the pages that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfText {
    /// Every page in file order, one entry each (a page that could not be
    /// read is here with empty text).
    pub pages: Vec<PageText>,
    /// The indexes (from 1) of pages whose content could not be read: the
    /// rest of the file was; worth a warning.
    pub unreadable_pages: Vec<u32>,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PdfError {
    /// The file is not a PDF, or is damaged past reading (or the reader
    /// failed on it); the reader's own words.
    Unreadable(String),
    /// The PDF is encrypted with a password it does not give.
    Encrypted,
    /// The PDF has pages but no text (or almost none) to index: most likely
    /// scanned images without a text layer.
    NoTextLayer {
        /// How many pages the PDF has.
        pages: usize,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable(why) => write!(f, "the PDF cannot be read ({why})"),
            Self::Encrypted => f.write_str("the PDF is encrypted with a password"),
            Self::NoTextLayer { pages } => write!(
                f,
                "the PDF has no text layer ({pages} page{} of images, a scan?): its text is not searchable",
                if *pages == 1 { "" } else { "s" }
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// Fewer letters than this per page, on average over the file, after
/// running headers and footers are left out, is "no text layer". A page of
/// an article has two or three thousand; a scan may still carry a line a
/// repository stamped on each page, and that line is a running header.
const LETTERS_PER_PAGE: usize = 32;

/// A PDF's text, page by page, cleaned for indexing (see the module docs).
pub fn text(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let read = read::glyphs(bytes)?;
    let labels = read.labels;
    let mut pages: Vec<(Vec<layout::Line>, f32)> = read
        .pages
        .iter()
        .map(|page| {
            let mut lines = layout::lines(page);
            for line in &mut lines {
                line.text = clean::line(&line.text);
            }
            lines.retain(|line| !line.text.is_empty());
            (lines, page.height)
        })
        .collect();
    running::strip(&mut pages);
    let pages: Vec<Vec<layout::Line>> = pages
        .into_iter()
        .zip(&read.pages)
        .map(|((lines, _), page)| layout::order(lines, page.width))
        .collect();
    let vocabulary = clean::Vocabulary::of(pages.iter().flatten().map(|line| line.text.as_str()));
    let mut texts: Vec<String> = pages
        .iter()
        .map(|lines| clean::page_text(&layout::paragraphs(lines), &vocabulary))
        .collect();
    clean::page_breaks(&mut texts, &vocabulary);
    let read_pages = texts.len() - read.unreadable.len();
    if too_little_text(&texts, read_pages) {
        return Err(PdfError::NoTextLayer { pages: texts.len() });
    }
    let pages = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| PageText {
            index: u32::try_from(i + 1).unwrap_or(u32::MAX),
            label: labels.get(i).cloned().flatten(),
            text,
        })
        .collect();
    Ok(PdfText {
        pages,
        unreadable_pages: read.unreadable,
    })
}

/// Whether `texts`, of `pages` pages that could be read, hold fewer than
/// [`LETTERS_PER_PAGE`] letters a page: no text layer.
fn too_little_text(texts: &[String], pages: usize) -> bool {
    let letters: usize = texts
        .iter()
        .map(|text| text.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    letters < LETTERS_PER_PAGE * pages.max(1)
}

#[cfg(test)]
mod tests;

//! Reading a PDF with pdf-extract: every glyph of every page, with its place.
//!
//! pdf-extract (on lopdf) decodes the fonts (simple encodings, ToUnicode
//! maps, Type0/CID fonts with Identity-H) and walks each page's content; its
//! `OutputDev` hands over each glyph's text with its text matrix. Its own
//! plain-text output joins lines by position alone and knows no columns, so
//! [`Collector`] keeps the glyphs and `layout` orders them.
//!
//! pdf-extract 0.12 misreads a CID font's widths given as ranges (`/W [0 9
//! 600]`, "CIDs 0 to 9 are 600 wide", as krilla and so Typst write them): it
//! reads none, every glyph is taken to be of zero width and a line's letters
//! all stand at its start. [`mend_widths`] rewrites such ranges in the form
//! it reads (`/W [0 [600 600 …]]`) before any page is read.
//!
//! pdf-extract panics on some damaged files (an `unwrap` on a missing page
//! content, an `expect` on a missing media box, a `todo!` on a ToUnicode map
//! given by name): every call into it runs under `catch_unwind`, and while it
//! runs the panic hook stays silent on this thread, so a damaged PDF is an
//! error value and prints nothing. A page that fails alone is reported as
//! unreadable and the others are kept.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use super::{labels, PdfError};

/// One glyph as drawn: its text (one character, or more for a ligature a
/// ToUnicode map spells out), where its baseline starts, measured from the
/// page's top left corner in points, its size and its advance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub advance: f32,
}

/// One page's glyphs in content order, with the page's size.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GlyphPage {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}

/// What [`glyphs`] read: every page (empty when unreadable), the page
/// labels, and the 1-based indexes of the pages that failed.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub pages: Vec<GlyphPage>,
    pub labels: Vec<Option<String>>,
    pub unreadable: Vec<u32>,
}

/// Reads every page's glyphs. Fails when the file cannot be opened at all,
/// needs a password, has no pages, or no page can be read.
pub(crate) fn glyphs(bytes: &[u8]) -> Result<Read, PdfError> {
    let doc = quietly(|| open(bytes))
        .unwrap_or_else(|why| Err(PdfError::Unreadable(format!("the reader failed: {why}"))))?;
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(PdfError::Unreadable("it has no pages".to_owned()));
    }
    let labels = quietly(|| labels::of(&doc, numbers.len())).unwrap_or_default();
    let mut read = Read {
        pages: Vec::with_capacity(numbers.len()),
        labels,
        unreadable: Vec::new(),
    };
    let mut first_error = None;
    for (i, number) in numbers.iter().enumerate() {
        let index = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut collector = Collector::default();
        let outcome = quietly(|| pdf_extract::output_doc_page(&doc, &mut collector, *number));
        match outcome {
            Ok(Ok(())) => read.pages.push(collector.page),
            Ok(Err(error)) => {
                first_error.get_or_insert_with(|| error.to_string());
                read.unreadable.push(index);
                read.pages.push(GlyphPage::default());
            }
            Err(why) => {
                first_error.get_or_insert_with(|| format!("the reader failed: {why}"));
                read.unreadable.push(index);
                read.pages.push(GlyphPage::default());
            }
        }
    }
    if read.unreadable.len() == read.pages.len() {
        let why = first_error.unwrap_or_else(|| "no page can be read".to_owned());
        return Err(PdfError::Unreadable(why));
    }
    Ok(read)
}

/// Parses the file and, when it is encrypted, tries the empty password (a
/// PDF that only restricts printing or copying opens with it, as in a
/// reader's window).
fn open(bytes: &[u8]) -> Result<Document, PdfError> {
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Unreadable(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    mend_widths(&mut doc);
    Ok(doc)
}

/// The most glyphs a font's `/W` ranges may name (a CID is 16 bits).
const MAX_RANGE: i64 = 1 << 16;

/// Rewrites every CID font's `/W` widths in the form pdf-extract reads:
/// each run `first [w1 w2 …]`, numbers inline. A range `first last w`
/// becomes `first [w w … w]`; references are resolved; what is neither is
/// dropped (the glyphs it named get the default width).
fn mend_widths(doc: &mut Document) {
    let mut mended = Vec::new();
    for (id, object) in &doc.objects {
        let Ok(font) = object.as_dict() else { continue };
        let cid_font = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"CIDFontType0" || name == b"CIDFontType2");
        let Some(widths) = font.get(b"W").ok().and_then(|w| resolve_array(doc, w)) else {
            continue;
        };
        if cid_font {
            mended.push((*id, runs(doc, widths)));
        }
    }
    for (id, widths) in mended {
        if let Some(font) = doc.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) {
            font.set("W", Object::Array(widths));
        }
    }
}

/// `/W`'s entries as `first [widths]` pairs of plain numbers.
fn runs(doc: &Document, widths: &[Object]) -> Vec<Object> {
    let number = |object: &Object| match doc.dereference(object).map(|(_, o)| o) {
        Ok(Object::Integer(n)) => Some(*n as f64),
        Ok(Object::Real(r)) => Some(f64::from(*r)),
        _ => None,
    };
    let mut out = Vec::new();
    let mut named = 0usize;
    let mut i = 0;
    while i < widths.len() {
        let Some(first) = number(&widths[i]) else {
            i += 1;
            continue;
        };
        let next = widths.get(i + 1).and_then(|o| resolve_array(doc, o));
        if let Some(list) = next {
            let list: Vec<Object> = list
                .iter()
                .map(|w| Object::Real(number(w).unwrap_or(0.0) as f32))
                .collect();
            out.push(Object::Integer(first as i64));
            out.push(Object::Array(list));
            i += 2;
            continue;
        }
        let (Some(last), Some(width)) = (
            widths.get(i + 1).and_then(number),
            widths.get(i + 2).and_then(number),
        ) else {
            break;
        };
        let (first, last) = (first as i64, last as i64);
        if (0..MAX_RANGE).contains(&(last - first)) {
            let count = usize::try_from(last - first + 1).unwrap_or(0);
            // A font has at most 2^16 glyphs; a /W naming more is broken,
            // and must not make this loop fill the memory.
            named += count;
            if named > MAX_RANGE as usize {
                break;
            }
            out.push(Object::Integer(first));
            out.push(Object::Array(vec![Object::Real(width as f32); count]));
        }
        i += 3;
    }
    out
}

fn resolve_array<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a [Object]> {
    doc.dereference(object)
        .ok()
        .and_then(|(_, o)| o.as_array().ok())
        .map(Vec::as_slice)
}

/// Receives pdf-extract's glyphs for one page.
#[derive(Default)]
struct Collector {
    page: GlyphPage,
    /// The media box's top and left, to measure from the top left corner.
    top: f64,
    left: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury.max(media_box.lly);
        self.left = media_box.llx.min(media_box.urx);
        self.page.width = (media_box.urx - media_box.llx).abs() as f32;
        self.page.height = (media_box.ury - media_box.lly).abs() as f32;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text rendering matrix without the font size: its scale times
        // the font size is the glyph's size on the page.
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale) as f32;
        let (x, y) = ((trm.m31 - self.left) as f32, (self.top - trm.m32) as f32);
        if !(x.is_finite() && y.is_finite() && size.is_finite()) || text.is_empty() {
            return Ok(());
        }
        self.page.glyphs.push(Glyph {
            text: text.to_owned(),
            x,
            y,
            size,
            advance: (width * font_size * scale) as f32,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

thread_local! {
    /// Whether this thread is inside [`quietly`], where a panic is caught
    /// and becomes an error value, so the panic hook says nothing.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err` with its message. The first call
/// wraps the process's panic hook in one that stays silent on a thread
/// inside `quietly` and otherwise does what the hook before it did.
fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|quiet| quiet.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(was));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_quietly_is_an_error_value() {
        let outcome: Result<(), String> = quietly(|| panic!("broken table"));
        assert_eq!(outcome, Err("broken table".to_owned()));
        assert_eq!(quietly(|| 7), Ok(7));
        assert!(!QUIET.with(Cell::get));
    }

    #[test]
    fn width_ranges_become_lists() {
        let doc = Document::new();
        let widths = vec![
            Object::Integer(0),
            Object::Integer(2),
            Object::Real(600.5),
            Object::Integer(5),
            Object::Array(vec![Object::Integer(300), Object::Real(250.0)]),
            Object::Integer(9),
        ];
        assert_eq!(
            runs(&doc, &widths),
            [
                Object::Integer(0),
                Object::Array(vec![Object::Real(600.5); 3]),
                Object::Integer(5),
                Object::Array(vec![Object::Real(300.0), Object::Real(250.0)]),
            ]
        );
    }

    #[test]
    fn width_ranges_stop_at_a_font_s_glyphs() {
        let doc = Document::new();
        let range = [
            Object::Integer(0),
            Object::Integer(60_000),
            Object::Integer(500),
        ];
        let widths: Vec<Object> = range.iter().cycle().take(3 * 1000).cloned().collect();
        assert_eq!(runs(&doc, &widths).len(), 2);
    }

    #[test]
    fn what_is_not_a_pdf_is_unreadable() {
        for bytes in [&b""[..], b"hello", b"%PDF-1.7\n1 0 obj <<\n%%EOF"] {
            assert!(
                matches!(glyphs(bytes), Err(PdfError::Unreadable(_))),
                "{bytes:?}"
            );
        }
    }
}

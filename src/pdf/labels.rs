//! Page labels: the page numbers a PDF says are printed on its pages.
//!
//! A galley of pages 84-97 of an issue is a 14-page file whose first page is
//! "84". The catalogue's `/PageLabels` number tree says so: from page index
//! `k` on, pages are numbered in a style (`/S`: decimal, Roman, letters)
//! from a start (`/St`, default 1), after a prefix (`/P`). A PDF without the
//! tree has no labels (`None` for every page); the search then says the
//! file's page number.

use std::collections::HashSet;

use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// How deep a number tree may nest before it is taken as broken.
const MAX_DEPTH: usize = 32;

/// The label of each of the `pages` pages, in file order.
pub(crate) fn of(doc: &Document, pages: usize) -> Vec<Option<String>> {
    let mut ranges = Vec::new();
    if let Some(tree) = doc
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"PageLabels").ok())
        .and_then(|tree| dictionary(doc, tree))
    {
        collect(doc, tree, 0, &mut HashSet::new(), &mut ranges);
    }
    ranges.sort_by_key(|range: &Range| range.first);
    (0..pages)
        .map(|page| {
            let range = ranges.iter().rev().find(|range| range.first <= page)?;
            Some(range.label(page - range.first))
        })
        .collect()
}

/// One entry of the tree: from page index `first` on, this style.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Range {
    first: usize,
    style: Option<u8>,
    prefix: String,
    start: i64,
}

impl Range {
    /// The label of the page `offset` pages after the range's first.
    fn label(&self, offset: usize) -> String {
        let n = self
            .start
            .saturating_add(i64::try_from(offset).unwrap_or(i64::MAX));
        let number = match self.style {
            Some(b'D') => n.to_string(),
            Some(b'R') => roman(n).to_uppercase(),
            Some(b'r') => roman(n),
            Some(b'A') => letters(n).to_uppercase(),
            Some(b'a') => letters(n),
            _ => String::new(),
        };
        format!("{}{number}", self.prefix)
    }
}

/// Reads a `/Nums` array and the `/Kids` below, at most [`MAX_DEPTH`] deep
/// and each node once.
fn collect(
    doc: &Document,
    node: &Dictionary,
    depth: usize,
    seen: &mut HashSet<*const Dictionary>,
    ranges: &mut Vec<Range>,
) {
    if depth > MAX_DEPTH || !seen.insert(node as *const Dictionary) {
        return;
    }
    if let Some(nums) = node.get(b"Nums").ok().and_then(|n| array(doc, n)) {
        for pair in nums.chunks(2) {
            let [key, value] = pair else { continue };
            let first = resolve(doc, key).and_then(|k| k.as_i64().ok());
            let (Some(first), Some(entry)) = (first, dictionary(doc, value)) else {
                continue;
            };
            let Ok(first) = usize::try_from(first) else {
                continue;
            };
            ranges.push(Range {
                first,
                style: entry
                    .get(b"S")
                    .ok()
                    .and_then(|s| resolve(doc, s))
                    .and_then(|s| s.as_name().ok())
                    .and_then(|name| name.first().copied()),
                prefix: entry
                    .get(b"P")
                    .ok()
                    .and_then(|p| resolve(doc, p))
                    .and_then(|p| p.as_str().ok())
                    .map(text_string)
                    .unwrap_or_default(),
                start: entry
                    .get(b"St")
                    .ok()
                    .and_then(|s| resolve(doc, s))
                    .and_then(|s| s.as_i64().ok())
                    .filter(|start| *start >= 1)
                    .unwrap_or(1),
            });
        }
    }
    if let Some(kids) = node.get(b"Kids").ok().and_then(|k| array(doc, k)) {
        for kid in kids {
            if let Some(kid) = dictionary(doc, kid) {
                collect(doc, kid, depth + 1, seen, ranges);
            }
        }
    }
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object)
        .ok()
        .map(|(_, object): (Option<ObjectId>, _)| object)
}

fn dictionary<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, object).and_then(|o| o.as_dict().ok())
}

fn array<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Vec<Object>> {
    resolve(doc, object).and_then(|o| o.as_array().ok())
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after its
/// own (PDF 2.0), else PDFDocEncoding, read as Latin-1 (they differ only in
/// a few signs no page label uses).
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// Lowercase Roman numerals; beyond 3999 (no journal has such a page),
/// decimal.
fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const DIGITS: [(i64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Lowercase letters as PDF numbers pages with them: a..z, then aa..zz, then
/// aaa..zzz (the letter repeated, not a base-26 count).
fn letters(n: i64) -> String {
    if !(1..=26 * 100).contains(&n) {
        return n.to_string();
    }
    let times = usize::try_from((n - 1) / 26 + 1).unwrap_or(1);
    let letter = char::from(b'a' + u8::try_from((n - 1) % 26).unwrap_or(0));
    std::iter::repeat_n(letter, times).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(first: usize, style: Option<u8>, prefix: &str, start: i64) -> Range {
        Range {
            first,
            style,
            prefix: prefix.to_owned(),
            start,
        }
    }

    #[test]
    fn labels_count_from_the_start_in_their_style() {
        assert_eq!(range(0, Some(b'D'), "", 84).label(2), "86");
        assert_eq!(range(0, Some(b'r'), "", 1).label(3), "iv");
        assert_eq!(range(0, Some(b'R'), "", 1).label(13), "XIV");
        assert_eq!(range(0, Some(b'D'), "A-", 1).label(0), "A-1");
        assert_eq!(range(0, None, "Cover", 1).label(0), "Cover");
    }

    #[test]
    fn letters_repeat_past_z() {
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(28), "bb");
        assert_eq!(roman(1994), "mcmxciv");
    }

    #[test]
    fn text_strings_in_utf16_and_latin1() {
        assert_eq!(text_string(&[0xFE, 0xFF, 0x04, 0x21, 0x00, 0x2E]), "С.");
        assert_eq!(text_string(b"p. "), "p. ");
    }
}

//! Source files and positions in them.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A text file an editor owns, kept whole so that diagnostics can quote it.
///
/// `path` is relative to the site root (`content/2018/4/x.md`), which is how
/// editors name their files and how every diagnostic prints it.
///
/// Where each line starts is found the first time a position is asked for:
/// most files are read without a problem, and a file read only to be
/// split (an article's full text) is never scanned for lines.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Wraps `text` read from `path` (relative to the site root).
    ///
    /// A leading UTF-8 byte-order mark (Windows editors save one) is dropped:
    /// no editor shows it, no reader of the text wants it, and positions
    /// then count from the first character the editor sees.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Arc::new(Self {
            path: path.into(),
            text,
            line_starts: OnceLock::new(),
        })
    }

    /// Where each line starts. A line ends at LF, CRLF or a lone CR, as
    /// YAML and CommonMark both read it: positions agree with what the
    /// parsers report.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            let mut at = 0;
            while let Some((_, next)) = line_break(bytes, at) {
                at = next;
                starts.push(at);
            }
            starts
        })
    }

    /// The path relative to the site root.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts().binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The 1-based line and 1-based column (in characters) of byte `offset`.
    ///
    /// An offset inside a multi-byte character counts as that character.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts()[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// The byte range of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let start = starts.get(line).copied().unwrap_or(self.text.len());
        let end = starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        let end = end.max(start);
        let text = &self.text[start..end];
        start..start + text.trim_end_matches('\r').len()
    }

    /// The byte offset of 1-based `line` and 0-based character column `col`.
    ///
    /// Positions past the end of a line clamp to its end; past the last line,
    /// to the end of the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let range = self.line_range(line.saturating_sub(1));
        let text = &self.text[start..range.end];
        start
            + text
                .char_indices()
                .nth(col)
                .map_or(text.len(), |(byte, _)| byte)
    }

    /// The number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// A smaller copy of this file for a value kept long after its file
    /// was read (an article, for the whole build): only its first line and
    /// the lines `spans` point into keep their text; a line between them
    /// keeps only its line break, so lines and columns in the kept lines
    /// are as in this file, and nothing after the last of them is kept.
    /// Each of `spans` that points into this file is moved to the copy; a
    /// span in another file is left as it is.
    ///
    /// Diagnostics made later quote only these places; one made while
    /// the file was read keeps the whole file.
    pub fn excerpt(self: &Arc<Self>, spans: &mut [&mut Span]) -> Arc<SourceFile> {
        let bytes = self.text.as_bytes();
        let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
        // A kept line, with its line break, from the byte at `at`.
        let line_of = |at: usize| {
            let start = bytes[..at].iter().rposition(is_break).map_or(0, |i| i + 1);
            let end = line_break(bytes, at).map_or(bytes.len(), |(_, next)| next);
            (start, end)
        };
        let mut kept = vec![line_of(0)];
        for span in spans.iter().filter(|span| Arc::ptr_eq(&span.file, self)) {
            let (start, _) = line_of(span.range.start);
            let (_, end) = line_of(span.range.end.saturating_sub(1).max(span.range.start));
            kept.push((start, end));
        }
        kept.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(kept.len());
        for (start, end) in kept {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        // Each kept range's start in the copy.
        let mut text = String::new();
        let mut moved = Vec::with_capacity(merged.len());
        let mut at = 0;
        for &(start, end) in &merged {
            text.extend(
                bytes[at..start]
                    .iter()
                    .filter(|b| is_break(b))
                    .map(|&b| char::from(b)),
            );
            moved.push(text.len());
            text.push_str(&self.text[start..end]);
            at = end;
        }
        let copy = SourceFile::new(&self.path, text);
        let place = |offset: usize| {
            merged
                .iter()
                .zip(&moved)
                .find(|((start, end), _)| (*start..=*end).contains(&offset))
                .map_or(copy.text.len(), |((start, _), to)| to + (offset - start))
        };
        for span in spans.iter_mut() {
            if Arc::ptr_eq(&span.file, self) {
                let range = place(span.range.start)..place(span.range.end);
                **span = Span::new(&copy, range);
            }
        }
        copy
    }
}

/// The first line break in `bytes` from `from` on (LF, CRLF or a lone CR):
/// where it starts and where the next line starts.
pub(crate) fn line_break(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let end = from
        + bytes
            .get(from..)?
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')?;
    let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    };
    Some((end, next))
}

/// The largest char boundary at or before `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A byte range in a source file.
#[derive(Debug, Clone)]
pub struct Span {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Byte offsets into the file's text.
    pub range: Range<usize>,
}

impl Span {
    /// A span of `range` in `file`, cut to the file's text and to character
    /// boundaries: a position a parser reports past the end (an error at
    /// the end of the file) still points inside it.
    pub fn new(file: &Arc<SourceFile>, range: Range<usize>) -> Self {
        let text = file.text();
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.min(text.len())).max(start);
        Self {
            file: Arc::clone(file),
            range: start..end,
        }
    }

    /// An empty span at the start of `file`: for problems with the file as a whole.
    pub fn file_start(file: &Arc<SourceFile>) -> Self {
        Self::new(file, 0..0)
    }

    /// The 1-based line and character column where the span starts.
    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.range.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let file = SourceFile::new("a.yaml", "a: 1\rb: 2\r\nc: 3\nd");
        assert_eq!(file.line_count(), 4);
        assert_eq!(file.line_col(5), (2, 1));
        assert_eq!(&file.text()[file.line_range(0)], "a: 1");
        assert_eq!(&file.text()[file.line_range(1)], "b: 2");
        assert_eq!(file.line_col(11), (3, 1));
    }

    #[test]
    fn spans_stay_inside_their_file() {
        let file = SourceFile::new("a.yaml", "key: Ёж");
        assert_eq!(Span::new(&file, 11..12).range, 9..9);
        assert_eq!(Span::new(&file, 6..8).range, 5..7);
        let backwards = Range { start: 4, end: 2 };
        assert_eq!(Span::new(&file, backwards).range, 4..4);
    }

    #[test]
    fn columns_count_characters() {
        let file = SourceFile::new("a.md", "title: Казахстан x\nsecond\n");
        let x = file.text().find('x').unwrap();
        assert_eq!(file.line_col(x), (1, 18));
        let second = file.text().find("second").unwrap();
        assert_eq!(file.line_col(second), (2, 1));
        assert_eq!(file.offset_of(1, 17), x);
    }

    #[test]
    fn line_range_drops_carriage_return() {
        let file = SourceFile::new("a.md", "one\r\ntwo");
        assert_eq!(&file.text()[file.line_range(0)], "one");
        assert_eq!(&file.text()[file.line_range(1)], "two");
        assert_eq!(file.line_count(), 2);
    }

    #[test]
    fn an_excerpt_keeps_the_lines_its_spans_need_where_they_were() {
        let file = SourceFile::new(
            "a.md",
            "---\r\nabstract: |\n  Long.\n  Text.\rdoi: 10.1/x\nkeywords:\n  - Ёж\n  - b\nend: 1\n",
        );
        let at = |needle: &str| {
            let start = file.text().find(needle).unwrap();
            Span::new(&file, start..start + needle.len())
        };
        let mut doi = at("10.1/x");
        let mut keywords = at("- Ёж\n  - b");
        let other = SourceFile::new("b.md", "---\n");
        let mut elsewhere = Span::new(&other, 0..3);
        let before: Vec<_> = [&doi, &keywords]
            .iter()
            .map(|s| (s.line_col(), file.text()[s.range.clone()].to_string()))
            .collect();
        let copy = file.excerpt(&mut [&mut doi, &mut keywords, &mut elsewhere]);
        assert_eq!(copy.text(), "---\r\n\n\n\rdoi: 10.1/x\n\n  - Ёж\n  - b\n");
        let after: Vec<_> = [&doi, &keywords]
            .iter()
            .map(|s| (s.line_col(), copy.text()[s.range.clone()].to_string()))
            .collect();
        assert_eq!(before, after);
        assert!(Arc::ptr_eq(&doi.file, &copy));
        assert!(Arc::ptr_eq(&elsewhere.file, &other));
        // Nothing after the last kept line: `end: 1` is gone.
        assert_eq!(copy.line_count(), file.line_count() - 1);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let file = SourceFile::new("a.md", "ab");
        assert_eq!(file.line_col(99), (1, 3));
        assert_eq!(file.offset_of(7, 0), 2);
        assert_eq!(file.offset_of(1, 9), 2);
    }
}

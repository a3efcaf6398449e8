//! Source files and positions in them.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A text file an editor owns, kept whole so that diagnostics can quote it.
///
/// `path` is relative to the site root (`content/2018/4/x.md`), which is how
/// editors name their files and how every diagnostic prints it.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    line_starts: Vec<usize>,
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
        // A line ends at LF, CRLF or a lone CR, as YAML and CommonMark both
        // read it: positions agree with what the parsers report.
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter_map(|(i, &b)| {
                let ends = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
                ends.then_some(i + 1)
            }))
            .collect();
        Arc::new(Self {
            path: path.into(),
            text,
            line_starts,
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
        match self.line_starts.binary_search(&offset) {
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
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// The byte range of 0-based `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
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
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
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
        self.line_starts.len()
    }
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
    fn offsets_past_the_end_clamp() {
        let file = SourceFile::new("a.md", "ab");
        assert_eq!(file.line_col(99), (1, 3));
        assert_eq!(file.offset_of(7, 0), 2);
        assert_eq!(file.offset_of(1, 9), 2);
    }
}

//! Splitting a Markdown file into its YAML front matter and its body.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// The parts of a Markdown file with front matter.
#[derive(Debug, Clone)]
pub struct Split {
    /// The YAML between the two `---` lines (byte range in the file).
    pub yaml: Range<usize>,
    /// The Markdown after the closing `---` line.
    pub body: Range<usize>,
    /// The opening `---`: where a missing required field is reported.
    pub opening: Span,
}

/// Finds the front matter. With `required`, a file without one is an error;
/// otherwise the whole file is body and `yaml` is empty.
pub fn split(file: &Arc<SourceFile>, required: bool) -> Result<Split, Diagnostic> {
    let text = file.text();
    // A byte-order mark is gone already: `SourceFile::new` drops it.
    let first_line = file.line_range(0);
    let opens = text[first_line.clone()].trim_end() == "---";
    if !opens {
        if required {
            return Err(Diagnostic::new(
                Code::NoFrontMatter,
                Span::new(file, first_line),
                "the file does not start with a `---` line",
            )
            .label("expected `---` on this line")
            .help("put a line `---` first, then the fields (`title: ...`), then another line `---`; the text follows it"));
        }
        return Ok(Split {
            yaml: 0..0,
            body: 0..text.len(),
            opening: Span::new(file, 0..0),
        });
    }
    let opening = Span::new(file, 0..3);
    for line in 1..file.line_count() {
        let range = file.line_range(line);
        if text[range.clone()].trim_end() == "---" {
            let yaml_start = file.line_range(1).start.min(range.start);
            let body_start = (range.end + 1).min(text.len());
            let body_start = if text[range.end..].starts_with("\r\n") {
                range.end + 2
            } else {
                body_start
            };
            return Ok(Split {
                yaml: yaml_start..range.start,
                body: body_start.min(text.len())..text.len(),
                opening,
            });
        }
    }
    Err(Diagnostic::new(
        Code::UnclosedFrontMatter,
        opening,
        "the front matter is never closed",
    )
    .label("this `---` opens the front matter")
    .help("add a line `---` after the last field, before the text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let file = SourceFile::new("a.md", "---\ntitle: x\n---\nBody\n");
        let s = split(&file, true).unwrap();
        assert_eq!(&file.text()[s.yaml], "title: x\n");
        assert_eq!(&file.text()[s.body], "Body\n");
    }

    #[test]
    fn windows_line_endings_and_empty_body() {
        let file = SourceFile::new("a.md", "---\r\ntitle: x\r\n---\r\n");
        let s = split(&file, true).unwrap();
        assert_eq!(&file.text()[s.yaml], "title: x\r\n");
        assert_eq!(&file.text()[s.body], "");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_line() {
        let file = SourceFile::new("a.md", "\u{feff}---\ntitle: x\n---\nBody\n");
        let s = split(&file, true).unwrap();
        assert_eq!(&file.text()[s.yaml], "title: x\n");
        assert_eq!(s.opening.line_col(), (1, 1));
    }

    #[test]
    fn missing_and_unclosed() {
        let file = SourceFile::new("a.md", "title: x\n");
        assert_eq!(split(&file, true).unwrap_err().code, Code::NoFrontMatter);
        assert_eq!(split(&file, false).unwrap().body, 0..9);
        let file = SourceFile::new("a.md", "---\ntitle: x\n");
        assert_eq!(
            split(&file, true).unwrap_err().code,
            Code::UnclosedFrontMatter
        );
    }
}

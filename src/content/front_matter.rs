//! Splitting a Markdown file into its YAML front matter and its body.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{line_break, Code, Diagnostic, SourceFile, Span};

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
    // A byte-order mark is gone already: `SourceFile::new` drops it. Lines
    // are found here as `SourceFile` finds them (LF, CRLF or a lone CR),
    // without asking it for positions: a file read to be split is not
    // scanned for lines unless something in it is reported.
    let bytes = text.as_bytes();
    let (first_end, mut next) = line_break(bytes, 0).unwrap_or((text.len(), text.len()));
    let opens = text[..first_end].trim_end() == "---";
    if !opens {
        if required {
            return Err(Diagnostic::new(
                Code::NoFrontMatter,
                Span::new(file, 0..first_end),
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
    let yaml_start = next;
    loop {
        let start = next;
        let (end, after) = line_break(bytes, start).unwrap_or((text.len(), text.len()));
        if text[start..end].trim_end() == "---" {
            return Ok(Split {
                yaml: yaml_start..start,
                body: after..text.len(),
                opening,
            });
        }
        if end == text.len() {
            break;
        }
        next = after;
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

    #[test]
    fn lone_carriage_returns_end_lines_too() {
        let file = SourceFile::new("a.md", "---\rtitle: x\r---  \rBody");
        let s = split(&file, true).unwrap();
        assert_eq!(&file.text()[s.yaml], "title: x\r");
        assert_eq!(&file.text()[s.body], "Body");
        let file = SourceFile::new("a.md", "---\n---");
        let s = split(&file, true).unwrap();
        assert_eq!((s.yaml, s.body), (4..4, 7..7));
        for unclosed in ["---", "---\n", "---\r\n\r\n", "--- \ntitle: x\n--"] {
            let file = SourceFile::new("a.md", unclosed);
            assert_eq!(
                split(&file, true).unwrap_err().code,
                Code::UnclosedFrontMatter,
                "{unclosed:?}"
            );
        }
    }
}

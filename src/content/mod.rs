//! Reading the site folder: `content/` walked, every file parsed and checked.
//!
//! Each file is read on its own (in parallel) into checked model values;
//! checks that need the whole archive (duplicate DOIs, addresses) are
//! `assemble`'s.

pub mod article;
pub mod front_matter;
pub mod issue;
pub mod markdown;
pub mod page;
pub mod walk;

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// Reads a file an editor owns as text. A file that is not UTF-8, or is
/// empty when `non_empty`, is a diagnostic.
pub fn read_source(
    root: &Path,
    relative: &Path,
    non_empty: bool,
) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(root.join(relative)).unwrap_or_default();
    match String::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(relative, text);
            if non_empty && file.text().trim().is_empty() {
                return Err(Diagnostic::new(
                    Code::EmptyFile,
                    Span::file_start(&file),
                    "the file is empty",
                )
                .label("nothing here")
                .help("fill it in (docs/editing.md lists every field), or delete it"));
            }
            Ok(file)
        }
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            // The valid prefix is copied unchanged, so `valid` is also the
            // offset of the first replacement character in the lossy text.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = SourceFile::new(relative, text);
            let at = valid..valid + '\u{fffd}'.len_utf8();
            Err(Diagnostic::new(
                Code::NotUtf8,
                Span::new(&file, at),
                "the file is not UTF-8 text",
            )
            .label("the first byte that is not UTF-8 comes here")
            .help("save the file as UTF-8 (in most editors: Save with encoding, UTF-8)"))
        }
    }
}

//! Reading the site folder: `content/` walked, every file parsed and checked.
//!
//! Each file is read on its own (in parallel) into checked model values;
//! checks that need the whole archive (duplicate DOIs, addresses) are
//! `assemble`'s.

pub mod article;
pub mod bounds;
pub mod front_matter;
pub mod issue;
pub mod markdown;
pub mod page;
pub mod walk;

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// Reads a file an editor owns as text. A file that cannot be read, leads
/// outside the site folder or is not a regular file (`crate::inside`), is
/// not UTF-8, or is empty when `non_empty`, is a diagnostic.
pub fn read_source(
    root: &Path,
    relative: &Path,
    non_empty: bool,
) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes =
        crate::inside::read(root, relative).map_err(|refused| refused.diagnostic("the file"))?;
    source_of(relative, bytes, non_empty)
}

/// [`read_source`] for a file [`walk::walk`] has just listed, and so
/// checked by `crate::inside`'s rule as it reached it (`check_entry`: no
/// link out of the site on its way, a regular file): it is opened directly,
/// without asking the system again for each folder on its path.
pub fn read_walked_source(
    root: &Path,
    relative: &Path,
    non_empty: bool,
) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(root.join(relative)).map_err(|err| {
        crate::inside::Refused {
            path: relative.to_path_buf(),
            why: crate::inside::Why::Io(err),
        }
        .diagnostic("the file")
    })?;
    source_of(relative, bytes, non_empty)
}

/// The text of the file at `relative` from its bytes; not UTF-8, or empty
/// when `non_empty`, is a diagnostic.
fn source_of(
    relative: &Path,
    bytes: Vec<u8>,
    non_empty: bool,
) -> Result<Arc<SourceFile>, Diagnostic> {
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

/// The page's slug and where `slug:` is written: the `slug:` field when
/// given (it must already be a slug), else the file name made a slug.
/// `example` is a slug for the help text (`central-asia-integration`).
pub fn read_slug(
    f: &mut crate::decode::Fields<'_>,
    relative: &Path,
    example: &str,
) -> (Option<crate::model::Slug>, Option<Span>) {
    use crate::model::Slug;
    let span = f.get("slug").map(|node| f.span(node));
    if let Some(text) = f.text("slug") {
        let help = format!("a slug is lowercase letters, digits and `-`, such as `{example}`");
        let slug = f
            .parse_text::<Slug>("slug", text, Code::BadSlug, &help)
            .map(|s| s.value);
        return (slug, span);
    }
    let stem = relative
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = Slug::from_text(&stem);
    if slug.is_none() {
        let at = Span::file_start(f.file());
        f.report(
            Diagnostic::new(
                Code::BadSlug,
                at,
                format!("the file name `{stem}.md` gives no address"),
            )
            .label("no letter or digit to make an address from")
            .help(format!(
                "rename the file to a few words such as `{example}.md`, or add `slug: {example}`"
            )),
        );
    }
    (slug, span)
}

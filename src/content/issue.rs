//! `_issue.yaml`: an issue's metadata.

use std::path::Path;

use crate::decode::Fields;
use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::{Issue, IssueId};
use crate::yaml;

use super::walk::IssueDir;

/// The keys `_issue.yaml` accepts.
pub const FIELDS: &[&str] = &[
    "year",
    "number",
    "whole_number",
    "volume",
    "title",
    "published",
    "cover",
];

/// Reads the issue in `dir`; `None` (and diagnostics) when it is unusable.
pub fn read(root: &Path, dir: &IssueDir, diags: &mut Vec<Diagnostic>) -> Option<Issue> {
    let Some(issue_file) = &dir.issue_file else {
        let file = SourceFile::new(dir.dir.join("_issue.yaml"), "");
        diags.push(
            Diagnostic::new(
                Code::MissingIssueFile,
                Span::file_start(&file),
                "the issue folder has no `_issue.yaml`",
            )
            .label("this file is missing")
            .help(format!(
                "create it with at least `year: {}`, `number: {}` and `published: YYYY-MM-DD`",
                dir.year, dir.number
            )),
        );
        return None;
    };
    let file = match super::read_source(root, issue_file, true) {
        Ok(file) => file,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let node = match yaml::parse(&file, 0..file.text().len()) {
        Ok(node) => node,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut f = Fields::new(
        &file,
        &node,
        "_issue.yaml",
        FIELDS,
        Span::file_start(&file),
        diags,
    )?;
    let year = f.number("year", 1000, 9999);
    let number = f.number("number", 1, 10_000);
    match &year {
        Some(y) if y.value != u32::from(dir.year) => {
            f.report(mismatch("year", y.value, dir.year.into(), y.span.clone()))
        }
        Some(_) => {}
        None if f.get("year").is_none() => f.missing("year", &dir.year.to_string()),
        None => {}
    }
    match &number {
        Some(n) if n.value != dir.number => {
            f.report(mismatch("number", n.value, dir.number, n.span.clone()))
        }
        Some(_) => {}
        None if f.get("number").is_none() => f.missing("number", &dir.number.to_string()),
        None => {}
    }
    let whole_number = f.number("whole_number", 1, 1_000_000).map(|n| n.value);
    let volume = f.number("volume", 1, 100_000).map(|n| n.value);
    let title = f.text("title").map(|t| t.value);
    let published = match f.get("published") {
        Some(_) => f.date("published"),
        None => {
            f.missing("published", "2018-08-30");
            None
        }
    };
    let cover = f.text("cover").and_then(|cover| {
        let ok = crate::content::markdown::normalise(Path::new(&cover.value))
            .is_some_and(|p| p.as_os_str() == std::ffi::OsStr::new(&cover.value) && !cover.value.contains('/'));
        if !ok {
            f.report(
                Diagnostic::new(Code::UnsafePath, cover.span.clone(), format!("`{}` is not a file name in the issue folder", cover.value))
                    .label("the cover must sit in the issue folder")
                    .help("put the image beside `_issue.yaml` and give its file name, such as `cover: cover.jpg`"),
            );
            None
        } else {
            // The cover is published as it is: a regular file inside the
            // site, not a link out of it (`crate::inside`).
            match crate::inside::resolve(root, &dir.dir.join(&cover.value)) {
                Ok(real) if real.meta.is_file() => Some(cover.value),
                Err(refused) if !refused.is_missing() => {
                    f.report(refused.diagnostic_at("the cover image", cover.span.clone()));
                    None
                }
                _ => {
                    f.report(
                        Diagnostic::new(Code::MissingAsset, cover.span.clone(), format!("missing cover image `{}`", cover.value))
                            .label("no such file in the issue folder")
                            .help("add the image beside `_issue.yaml`, or correct the name (names are case-sensitive)"),
                    );
                    None
                }
            }
        }
    });
    let (year, number, published) = (year?, number?, published?);
    if year.value != u32::from(dir.year) || number.value != dir.number {
        return None;
    }
    Some(Issue {
        id: IssueId {
            year: dir.year,
            number: dir.number,
        },
        whole_number,
        volume,
        title,
        published: published.value,
        cover,
        dir: dir.dir.clone(),
        articles: Vec::new(),
    })
}

fn mismatch(key: &str, found: u32, folder: u32, span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::IssueMismatch,
        span,
        format!("`{key}: {found}` does not match the folder, which says {folder}"),
    )
    .label(format!("the folder name says {folder}"))
    .help(format!(
        "write `{key}: {folder}`, or move the issue to the folder its {key} names"
    ))
}

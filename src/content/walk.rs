//! Finding the files of `content/`: the home text, static pages, issues and articles.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::inside;

/// An issue folder, `content/<year>/<number>/`.
#[derive(Debug, Clone)]
pub struct IssueDir {
    /// The year folder's number.
    pub year: u16,
    /// The issue folder's number.
    pub number: u32,
    /// The folder, relative to the site root.
    pub dir: PathBuf,
    /// `_issue.yaml`, when present.
    pub issue_file: Option<PathBuf>,
    /// The `.md` files, sorted by name.
    pub articles: Vec<PathBuf>,
    /// The names of its other files and folders (PDFs, covers, figures),
    /// sorted: an article's PDF under its default name is looked for here
    /// rather than asked of the system once per article.
    pub files: Vec<String>,
}

/// The files of `content/`, each relative to the site root, in name order.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// `content/_index.md`.
    pub home: Option<PathBuf>,
    /// `content/_index.<code>.md`: the home text in another language.
    pub home_translations: Vec<PathBuf>,
    /// `content/pages/*.md`.
    pub pages: Vec<PathBuf>,
    /// The issue folders, oldest first.
    pub issues: Vec<IssueDir>,
}

/// `_index.en.md`: the home text's name with a two-letter code before `.md`.
fn is_home_translation(name: &str) -> bool {
    name.strip_prefix("_index.")
        .and_then(|rest| rest.strip_suffix(".md"))
        .is_some_and(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Lists `root/content/`. Folders and Markdown files that fit nowhere are
/// warnings; a folder that cannot be listed is an error. A site without
/// `content/` has no files.
///
/// Links are followed while they stay inside the site: `content/` itself, a
/// year or issue folder, or an article may be a symbolic link to another
/// place in the site, and one leading outside it is an error and is not
/// walked (`crate::inside`). Named pipes, sockets and devices are errors and
/// are never opened.
pub fn walk(root: &Path, diags: &mut Vec<Diagnostic>) -> ContentFiles {
    let mut files = ContentFiles::default();
    let content = root.join("content");
    match inside::resolve(root, Path::new("content")) {
        Ok(_) => {}
        // No content/ at all: an archive without issues, as before.
        Err(refused) if refused.is_missing() => return files,
        Err(refused) => {
            diags.push(refused.diagnostic("the folder"));
            return files;
        }
    }
    let stray = |path: &Path, what: &str, diags: &mut Vec<Diagnostic>| {
        // A stray file's first line is shown; a stray folder has none.
        let text = if root.join(path).is_dir() {
            String::new()
        } else {
            match inside::read(root, path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(refused) => {
                    diags.push(refused.diagnostic("the file"));
                    String::new()
                }
            }
        };
        let file = SourceFile::new(path, text);
        diags.push(
            Diagnostic::new(Code::StrayContent, Span::file_start(&file), format!("{what} is not part of the archive"))
                .label("ignored by quire")
                .help("articles go in content/<year>/<number>/, static pages in content/pages/; move or delete it"),
        );
    };
    // Links out of the site and special files, found as the walk reaches
    // them: they are left out, and a folder left out is not descended into.
    let refused = RefCell::new(Vec::new());
    let walker = WalkDir::new(&content)
        .min_depth(1)
        .max_depth(3)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            let what = if e.file_type().is_dir() {
                "the folder"
            } else {
                let name = e.file_name().to_string_lossy();
                if !name.ends_with(".md") && name != "_issue.yaml" {
                    // Not read by the walk: PDFs, covers and figures are
                    // checked, once, where they are read.
                    return true;
                }
                "the file"
            };
            match inside::check_entry(root, e) {
                Ok(()) => true,
                Err(r) => {
                    refused.borrow_mut().push(r.diagnostic(what));
                    false
                }
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(inside::walk_error(root, &err));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_path_buf();
        let parts: Vec<String> = entry
            .path()
            .strip_prefix(&content)
            .unwrap_or(entry.path())
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let is_dir = entry.file_type().is_dir();
        let is_md = !is_dir && parts.last().is_some_and(|n| n.ends_with(".md"));
        match parts.as_slice() {
            [name] if name == "_index.md" && !is_dir => files.home = Some(relative),
            [name] if is_home_translation(name) && !is_dir => {
                files.home_translations.push(relative)
            }
            [name] if name == "pages" && is_dir => {}
            [name] if is_dir && parse_year(name).is_none() => {
                stray(&relative, "a folder not named by a year", diags)
            }
            [_] if is_dir => {}
            [_] if is_md => stray(&relative, "a Markdown file outside any issue folder", diags),
            [_] => {}
            [pages, _] if pages == "pages" && is_md => files.pages.push(relative),
            [pages, _] if pages == "pages" => {}
            // Only content/pages/*.md are pages; a folder there holds their
            // images, and a text inside it would be silently unpublished.
            [pages, _, _] if pages == "pages" && is_md => stray(
                &relative,
                "a Markdown file in a folder inside content/pages/",
                diags,
            ),
            [year, number] if is_dir => match (parse_year(year), parse_number(number)) {
                (Some(year), Some(number)) => files.issues.push(IssueDir {
                    year,
                    number,
                    dir: relative,
                    issue_file: None,
                    articles: Vec::new(),
                    files: Vec::new(),
                }),
                (Some(_), _) => stray(&relative, "a folder not named by an issue number", diags),
                _ => {}
            },
            [year, _] if is_md && parse_year(year).is_some() => {
                stray(&relative, "a Markdown file outside any issue folder", diags)
            }
            [year, _, name] if parse_year(year).is_some() => {
                let parent = relative.parent().map(Path::to_path_buf).unwrap_or_default();
                let Some(issue) = files.issues.iter_mut().rev().find(|i| i.dir == parent) else {
                    continue;
                };
                if is_dir {
                    issue.files.push(name.clone());
                } else if name == "_issue.yaml" {
                    issue.issue_file = Some(relative);
                } else if is_md {
                    issue.articles.push(relative);
                } else {
                    issue.files.push(name.clone());
                }
            }
            _ => {}
        }
    }
    diags.extend(refused.into_inner());
    files
        .issues
        .sort_by(|a, b| (a.year, a.number, &a.dir).cmp(&(b.year, b.number, &b.dir)));
    one_folder_per_issue(&mut files.issues, diags);
    files
}

/// `2018/4` and `2018/04` are the same issue, published at one address:
/// the second folder is an error naming the first, and is left out.
fn one_folder_per_issue(issues: &mut Vec<IssueDir>, diags: &mut Vec<Diagnostic>) {
    let mut kept: Vec<IssueDir> = Vec::with_capacity(issues.len());
    for issue in issues.drain(..) {
        match kept.last() {
            Some(first) if (first.year, first.number) == (issue.year, issue.number) => {
                let here = SourceFile::new(&issue.dir, "");
                let there = SourceFile::new(&first.dir, "");
                diags.push(
                    Diagnostic::new(
                        Code::PathCollision,
                        Span::file_start(&here),
                        format!(
                            "two folders hold issue {}/{}",
                            issue.year, issue.number
                        ),
                    )
                    .label("this folder")
                    .secondary(Span::file_start(&there), "names the same issue")
                    .help("keep one folder per issue: move the articles of one into the other and delete it"),
                );
            }
            _ => kept.push(issue),
        }
    }
    *issues = kept;
}

/// A year folder's name: four digits.
fn parse_year(name: &str) -> Option<u16> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse::<u16>().ok())
        .flatten()
}

/// An issue folder's name: a number from 1, in digits (`4`, or `04` for
/// folders that sort by name).
fn parse_number(name: &str) -> Option<u32> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    name.parse::<u32>().ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_without_content_has_no_files_and_no_problem() {
        let site = tempfile::tempdir().expect("a temporary folder");
        let mut diags = Vec::new();
        let files = walk(site.path(), &mut diags);
        assert!(files.issues.is_empty() && files.home.is_none());
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn an_issue_lists_its_articles_and_its_other_files() {
        let site = tempfile::tempdir().expect("a temporary folder");
        let issue = site.path().join("content/2020/1");
        std::fs::create_dir_all(issue.join("figures")).expect("folders");
        for name in [
            "_issue.yaml",
            "b.md",
            "a.md",
            "a.pdf",
            "cover.jpg",
            ".hidden.pdf",
        ] {
            std::fs::write(issue.join(name), "x").expect("a file");
        }
        let mut diags = Vec::new();
        let files = walk(site.path(), &mut diags);
        let issue = &files.issues[0];
        assert_eq!(
            issue.articles,
            [
                PathBuf::from("content/2020/1/a.md"),
                PathBuf::from("content/2020/1/b.md")
            ]
        );
        assert_eq!(issue.files, ["a.pdf", "cover.jpg", "figures"]);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_broken_link_is_reported_not_skipped() {
        let site = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(site.path().join("content")).expect("content/");
        std::os::unix::fs::symlink("gone.md", site.path().join("content/stray.md"))
            .expect("a broken link");
        let mut diags = Vec::new();
        walk(site.path(), &mut diags);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::Unreadable], "{diags:?}");
        assert_eq!(diags[0].path(), Path::new("content/stray.md"));
    }

    #[test]
    fn two_folders_of_one_issue_are_an_error() {
        let site = tempfile::tempdir().expect("a temporary folder");
        for dir in ["content/2020/4", "content/2020/04", "content/2020/+5"] {
            std::fs::create_dir_all(site.path().join(dir)).expect("an issue folder");
        }
        let mut diags = Vec::new();
        let files = walk(site.path(), &mut diags);
        let kept: Vec<_> = files.issues.iter().map(|i| i.dir.clone()).collect();
        assert_eq!(kept, [PathBuf::from("content/2020/04")]);
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.message.clone())).collect();
        assert!(
            codes.contains(&(
                Code::PathCollision,
                "two folders hold issue 2020/4".to_string()
            )),
            "{codes:?}"
        );
        assert!(
            codes.iter().any(|(code, _)| *code == Code::StrayContent),
            "{codes:?}"
        );
    }

    #[test]
    fn a_text_in_a_folder_of_pages_is_reported() {
        let site = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(site.path().join("content/pages/team")).expect("folders");
        std::fs::write(
            site.path().join("content/pages/team/editors.md"),
            "---\ntitle: E\n---\n",
        )
        .expect("a page");
        std::fs::write(site.path().join("content/pages/team/photo.jpg"), "jpg").expect("an image");
        let mut diags = Vec::new();
        let files = walk(site.path(), &mut diags);
        assert!(files.pages.is_empty());
        let strays: Vec<_> = diags
            .iter()
            .filter(|d| d.code == Code::StrayContent)
            .collect();
        assert_eq!(strays.len(), 1, "{diags:?}");
        assert!(strays[0].message.contains("a folder inside content/pages/"));
    }
}

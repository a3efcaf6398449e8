//! `quire init`: a new journal site, ready to check, build and publish.
//!
//! It writes `journal.yaml` with every setting laid out and explained, the
//! home page's text, one issue and one article for the editors to replace,
//! a `.gitignore`, and the GitHub Pages workflow that builds the site with a
//! released quire. Nothing is ever overwritten: a folder that holds any of
//! these files already is refused before anything is written.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Datelike;

use super::new::{issue_dir, load_config, shown, today, write_new};
use super::Outcome;
use crate::cli::{Cli, InitArgs};
use crate::model::{IssueId, Slug};
use crate::scaffold::{self, ArticleDraft, AuthorDraft};

/// `journal.yaml`, every setting explained.
const JOURNAL: &str = include_str!("../init/journal.yaml");
/// The home page's text.
const HOME: &str = include_str!("../init/_index.md");
/// `.gitignore`.
const GITIGNORE: &str = include_str!("../init/gitignore");
/// The GitHub Pages workflow of a journal's own repository.
const WORKFLOW: &str = include_str!("../init/pages.yml");
/// The line of [`WORKFLOW`] that pins the quire release it downloads.
const VERSION_LINE: &str = "QUIRE_VERSION: \"0.1.0\"";

/// The first article's file name.
const FIRST_ARTICLE: &str = "first-article";

/// Runs `quire init`.
pub fn run(cli: &Cli, args: &InitArgs) -> Result<Outcome> {
    let root = args.dir.clone().unwrap_or_else(|| cli.root.clone());
    let issue = IssueId {
        year: today()?
            .year()
            .try_into()
            .context("the year is out of range")?,
        number: 1,
    };
    let files = [
        ("journal.yaml", JOURNAL.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/pages.yml", workflow()),
        ("content/_index.md", HOME.to_string()),
    ];
    let issue_file = issue_dir(issue).join("_issue.yaml");
    let article_file = issue_dir(issue).join(format!("{FIRST_ARTICLE}.md"));
    let taken: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| PathBuf::from(name))
        .chain([
            PathBuf::from("content"),
            issue_file.clone(),
            article_file.clone(),
        ])
        .filter(|path| root.join(path).symlink_metadata().is_ok())
        .collect();
    // `content` stands for everything under it.
    let taken: Vec<&PathBuf> = taken
        .iter()
        .filter(|path| {
            !taken
                .iter()
                .any(|above| path != &above && path.starts_with(above))
        })
        .collect();
    if !taken.is_empty() {
        let names: Vec<String> = taken.iter().map(|p| shown(p)).collect();
        log::error!(
            "{} holds a site already ({}): quire init never overwrites; start the new site in an empty folder",
            root.display(),
            names.join(", ")
        );
        return Ok(Outcome::ContentErrors);
    }
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    for (name, text) in &files {
        if !write_new(&root, Path::new(name), text)? {
            return Ok(Outcome::ContentErrors);
        }
    }
    let Some(config) = load_config(&root, cli.format)? else {
        return Ok(Outcome::ContentErrors);
    };
    let published = today()?;
    if !write_new(
        &root,
        &issue_file,
        &scaffold::issue(issue, Some(1), published),
    )? {
        return Ok(Outcome::ContentErrors);
    }
    let slug: Slug = FIRST_ARTICLE.parse().expect("a valid slug");
    let article = scaffold::article(&first_article(), issue, &slug, &config);
    if !write_new(&root, &article_file, &article)? {
        return Ok(Outcome::ContentErrors);
    }
    log::info!(
        "wrote a new journal site in {}: set the title and base_url in journal.yaml, replace {} with the first real article, then run `quire check`",
        root.display(),
        shown(&article_file)
    );
    Ok(Outcome::Clean)
}

/// The start of the line of [`WORKFLOW`] that names the repository whose
/// releases it downloads.
const REPOSITORY_LINE: &str = "QUIRE_REPOSITORY: ";

/// The workflow, pinned to this quire's own release, from the repository
/// Cargo.toml names (the one owner of both).
fn workflow() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    WORKFLOW
        .replacen(
            VERSION_LINE,
            &format!("QUIRE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
            1,
        )
        .lines()
        .map(|line| match line.split_once(REPOSITORY_LINE) {
            Some((indent, _)) if indent.trim().is_empty() => {
                format!("{indent}{REPOSITORY_LINE}{repository}\n")
            }
            _ => format!("{line}\n"),
        })
        .collect()
}

/// The article an editor replaces: every required field filled, so the new
/// site checks and builds, and its words say what to do.
fn first_article() -> ArticleDraft {
    ArticleDraft {
        title: Some("Title of the First Article".to_string()),
        authors: vec![AuthorDraft {
            name: Some("Given Family".to_string()),
            affiliation: Some("Name of the University".to_string()),
            ..AuthorDraft::default()
        }],
        doi: None,
        pages: Some("1-10".to_string()),
        abstract_paragraphs: vec![
            "Replace this file with the first article of the archive: its metadata above, its full text (if any) below the closing line of dashes, and its PDF beside it under the same name.".to_string(),
            "Each field is explained where it stands; `quire check` says what is missing or wrong, with the line and column.".to_string(),
        ],
        keywords: vec!["first keyword".to_string(), "second keyword".to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_pins_this_release() {
        assert!(WORKFLOW.contains(VERSION_LINE), "the line init replaces");
        assert!(workflow().contains(&format!("QUIRE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))));
        let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
        assert!(workflow().contains(&format!("  {REPOSITORY_LINE}{repository}\n")));
        assert_eq!(workflow().lines().count(), WORKFLOW.lines().count());
    }
}

//! Partial rebuilds: after a save, rewrite only the pages a change to some
//! articles touches, in place, when nothing else changed.
//!
//! Whether a change can be rebuilt in part is asked of the code that owns
//! each rule: [`assemble::same_place`] (addresses, archive order, DOIs,
//! drafts) and [`taxonomy::same_terms`] (what the taxonomies are built
//! from), so a new field that moves an article cannot be missed here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::assemble;
use crate::content::article;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::Archive;
use crate::output::Output;
use crate::render::templates::Templates;
use crate::render::{render_scoped, render_scoped_with, Scope, Stats, Touched};
use crate::site::Site;
use crate::taxonomy;

/// What [`rebuild_touched`] did.
#[derive(Debug)]
pub enum Partial {
    /// Nothing: the changed files were an editor's temporary files, gone.
    Nothing,
    /// The touched pages were rewritten in place.
    Rebuilt {
        /// What was written.
        stats: Stats,
        /// Whether the taxonomies were built anew.
        taxonomies: bool,
        /// Warnings.
        diags: Diagnostics,
    },
    /// The changed files have errors; nothing was written.
    Failed(Diagnostics),
    /// Only a whole build can show the change: a file was added, removed
    /// or is not an article, an address or the archive order moved, or
    /// writing failed (the reason).
    Whole(String),
}

/// Re-reads the `changed` files of the site in `root` and, when they are
/// articles that keep their place, swaps them into `archive` and rewrites
/// in `served` (a built site) the pages they touch, with `templates` when
/// given (loaded before, with the problems loading them found) or with
/// templates loaded anew.
pub fn rebuild_touched(
    root: &Path,
    archive: &mut Archive,
    changed: &[PathBuf],
    served: &Path,
    templates: Option<(&Templates, &[Diagnostic])>,
) -> Partial {
    let mut updates = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for path in changed {
        let Ok(relative) = path.strip_prefix(root) else {
            return Partial::Whole(format!("{} is outside the site", path.display()));
        };
        let known = archive
            .articles
            .iter()
            .position(|a| a.source.path() == relative);
        let idx = match known {
            Some(idx) if path.is_file() => idx,
            // An editor's temporary file, gone again: nothing to do.
            None if !path.exists() => continue,
            _ => {
                return Partial::Whole(format!(
                    "{} is new, gone or not an article",
                    relative.display()
                ))
            }
        };
        let old = &archive.articles[idx];
        let Some(issue) = archive.issue(old.issue) else {
            return Partial::Whole(format!("{} has no issue", relative.display()));
        };
        let (new, found) = article::read(root, relative, issue, &archive.config);
        diags.extend(found);
        let Some(new) = new else {
            continue;
        };
        if !assemble::same_place(old, &new) {
            return Partial::Whole(format!("{} moved in the archive", relative.display()));
        }
        updates.push((idx, new));
    }
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Partial::Failed(Diagnostics::from(diags));
    }
    if updates.is_empty() {
        return Partial::Nothing;
    }
    let terms_before = term_dirs(archive, updates.iter().map(|(i, _)| *i));
    let mut taxonomies = false;
    for (idx, new) in updates.iter().cloned() {
        taxonomies |= !taxonomy::same_terms(&archive.articles[idx], &new);
        archive.articles[idx] = new;
    }
    let mut related = Vec::new();
    if taxonomies {
        let mut ignored = Vec::new();
        let languages = archive.config.languages.clone();
        let synonyms = taxonomy::synonyms::load(root, &languages, &mut ignored);
        let before = std::mem::replace(
            &mut archive.taxonomies,
            taxonomy::build(&archive.articles, &synonyms, &languages, &mut diags),
        );
        // Related articles are scored across the archive: a changed term
        // can change the lists of articles that never named it.
        related = (0..archive.articles.len())
            .filter(|&idx| before.related.get(idx) != archive.taxonomies.related.get(idx))
            .map(|idx| archive.articles[idx].id())
            .collect();
        // A term no article has any more loses its pages.
        let now = term_dirs(archive, 0..archive.articles.len());
        for gone in terms_before.iter().filter(|d| !now.contains(*d)) {
            let dir = served.join(gone);
            if let Err(e) = std::fs::remove_dir_all(&dir) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    return Partial::Whole(format!("cannot remove {}: {e}", dir.display()));
                }
            }
        }
    }
    let scope = Scope::Touched(Touched {
        articles: updates
            .iter()
            .map(|(i, _)| archive.articles[*i].id())
            .collect(),
        // Without a change to the taxonomies the terms are the same.
        extra_terms: if taxonomies {
            terms_before
        } else {
            HashSet::new()
        },
        taxonomies,
        related,
    });
    let mut found = Vec::new();
    let written = Output::in_place(served, root).and_then(|output| match templates {
        Some((templates, problems)) => {
            found.extend(problems.iter().cloned());
            render_scoped_with(archive, Some(&output), &scope, templates, &mut found)
        }
        None => render_scoped(archive, Some(&output), &scope, &mut found),
    });
    match written {
        Ok(stats) => {
            diags.extend(found);
            let diags = Diagnostics::from(diags);
            if diags.has_errors() {
                // A full text's error: the pages written show the old text
                // or none; the whole build says what is wrong.
                return Partial::Whole("a page has errors".to_string());
            }
            Partial::Rebuilt {
                stats,
                taxonomies,
                diags,
            }
        }
        Err(e) => Partial::Whole(format!("a partial rebuild failed ({e:#})")),
    }
}

/// The term folders listing any of `articles` (`keywords/central-asia`).
fn term_dirs(archive: &Archive, articles: impl Iterator<Item = usize>) -> HashSet<String> {
    // Every language's tree has the term's pages.
    let trees: Vec<Site> = archive
        .config
        .languages
        .iter()
        .map(|lang| Site::new(&archive.config).for_lang(lang))
        .collect();
    articles
        .flat_map(|idx| archive.taxonomies.terms_of(idx))
        .flat_map(|(kind, slug)| {
            trees
                .iter()
                .map(move |site| site.term(kind, slug).as_str().to_string())
        })
        .collect()
}

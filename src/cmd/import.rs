//! `quire import`: plain-text abstracts into article files.

use std::path::Path;

use anyhow::{anyhow, Context, Result};

use super::new::{ensure_issue, issue_dir, load_config, shown, write_new};
use super::Outcome;
use crate::cli::{Cli, ImportArgs};
use crate::config::Config;
use crate::import::{self, Imported};
use crate::model::{IssueId, Slug};
use crate::scaffold;

/// Imports every file of `args`; exit 1 when any could not be written.
pub fn run(cli: &Cli, args: &ImportArgs) -> Result<Outcome> {
    let issue = match &args.issue {
        Some(text) => Some(scaffold::parse_issue(text).map_err(|e| anyhow!(e))?),
        None => None,
    };
    let Some(config) = load_config(&cli.root, cli.format)? else {
        return Ok(Outcome::ContentErrors);
    };
    let mut outcome = Outcome::Clean;
    for file in &args.files {
        if !import_one(cli, &config, file, issue)? {
            outcome = Outcome::ContentErrors;
        }
    }
    Ok(outcome)
}

/// Imports one file; false when nothing was written.
fn import_one(cli: &Cli, config: &Config, file: &Path, issue: Option<IssueId>) -> Result<bool> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let imported = import::parse(&String::from_utf8_lossy(&bytes));
    let Some(id) = choose_issue(&name, &imported, issue) else {
        return Ok(false);
    };
    let Some(slug) = choose_slug(file, &imported) else {
        log::error!("{name}: no title and no usable file name to name the article by");
        return Ok(false);
    };
    if let (Some(doi), Some(prefix)) = (&imported.draft.doi, &config.doi_prefix) {
        if !doi.starts_with(&format!("{prefix}/")) {
            log::warn!("{name}: the DOI {doi} lies outside the journal's prefix {prefix}");
        }
    }
    let relative = issue_dir(id).join(format!("{slug}.md"));
    if cli.root.join(&relative).exists() {
        log::error!(
            "{name}: {} exists already: not overwritten, skipped",
            shown(&relative)
        );
        return Ok(false);
    }
    let whole_number = imported.doi_issue.map(|d| d.whole_number);
    ensure_issue(&cli.root, id, whole_number)?;
    let text = scaffold::article(&imported.draft, id, &slug, config);
    if !write_new(&cli.root, &relative, &text)? {
        return Ok(false);
    }
    summarise(&name, &relative, id, &imported);
    Ok(true)
}

/// The issue: `--issue` when given, else the one the DOI names.
fn choose_issue(name: &str, imported: &Imported, given: Option<IssueId>) -> Option<IssueId> {
    let from_doi = imported.doi_issue.map(|d| d.issue);
    match (given, from_doi) {
        (Some(given), Some(doi)) if given != doi => {
            log::warn!(
                "{name}: the DOI names issue {}/{}, --issue {}/{} is used",
                doi.year,
                doi.number,
                given.year,
                given.number
            );
            Some(given)
        }
        (Some(id), _) | (None, Some(id)) => Some(id),
        (None, None) => {
            log::error!("{name}: no DOI of the form <prefix>/<ISSN>-<year>-<issue>-<whole>-<first>-<last> says which issue this is: give --issue YEAR/NUMBER");
            None
        }
    }
}

/// The file name: from the title, else from the input file's name.
fn choose_slug(file: &Path, imported: &Imported) -> Option<Slug> {
    imported
        .draft
        .title
        .as_deref()
        .and_then(import::slug_for_title)
        .or_else(|| Slug::from_text(&file.file_stem()?.to_string_lossy()))
}

/// Prints what was filled, what was not found and what was not understood.
fn summarise(name: &str, relative: &Path, id: IssueId, imported: &Imported) {
    let d = &imported.draft;
    let mut filled = Vec::new();
    if d.title.is_some() {
        filled.push("title".to_string());
    }
    for (i, a) in d.authors.iter().enumerate() {
        let fields = [
            ("name", &a.name),
            ("degrees", &a.degrees),
            ("position", &a.position),
            ("affiliation", &a.affiliation),
            ("address", &a.address),
            ("email", &a.email),
        ];
        let known: Vec<&str> = fields
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| *k)
            .collect();
        filled.push(format!("author {} ({})", i + 1, known.join(", ")));
    }
    if let Some(doi) = &d.doi {
        filled.push(format!("doi {doi}"));
    }
    if let Some(found) = &imported.doi_issue {
        filled.push(format!(
            "year {}, issue {}, whole number {}, pages {}",
            id.year, id.number, found.whole_number, found.pages
        ));
    }
    if !d.abstract_paragraphs.is_empty() {
        filled.push(format!(
            "abstract ({} paragraphs)",
            d.abstract_paragraphs.len()
        ));
    }
    if !d.keywords.is_empty() {
        filled.push(format!("keywords ({})", d.keywords.len()));
    }
    log::info!("{name}: wrote {}", shown(relative));
    log::info!("  filled: {}", filled.join("; "));
    let missing = imported.missing();
    if !missing.is_empty() {
        log::warn!("{name}: not found: {}", missing.join("; "));
    }
    for note in &imported.notes {
        log::warn!("{name}: {note}");
    }
    for (line, text) in &imported.unrecognised {
        log::warn!("{name}:{line}: not recognised: {text}");
    }
}

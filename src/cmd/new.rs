//! `quire new`: a new article or issue file for an editor to fill in.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, Context, Result};
use chrono::NaiveDate;

use super::{report, Outcome};
use crate::cli::{Cli, NewArgs, NewCommand};
use crate::config::{self, Config};
use crate::diag::{Diagnostics, Format, Severity};
use crate::inside;
use crate::model::IssueId;
use crate::scaffold;

/// Runs the `new` subcommand named in `args`.
pub fn run(cli: &Cli, args: &NewArgs) -> Result<Outcome> {
    match &args.what {
        NewCommand::Article(a) => new_article(cli, &a.article),
        NewCommand::Issue(a) => new_issue(cli, &a.issue),
    }
}

fn new_article(cli: &Cli, target: &str) -> Result<Outcome> {
    let (id, slug) = scaffold::parse_article(target).map_err(|e| anyhow!(e))?;
    let Some(config) = load_config(&cli.root, cli.format)? else {
        return Ok(Outcome::ContentErrors);
    };
    let relative = issue_dir(id).join(format!("{slug}.md"));
    if cli.root.join(&relative).exists() {
        log::error!("{} exists already: not overwritten", shown(&relative));
        return Ok(Outcome::ContentErrors);
    }
    ensure_issue(&cli.root, id, None)?;
    let text = scaffold::article(&scaffold::ArticleDraft::default(), id, &slug, &config);
    if !write_new(&cli.root, &relative, &text)? {
        return Ok(Outcome::ContentErrors);
    }
    log::info!(
        "wrote {}: fill in the fields marked `required`, then run `quire check`",
        shown(&relative)
    );
    Ok(Outcome::Clean)
}

fn new_issue(cli: &Cli, target: &str) -> Result<Outcome> {
    let id = scaffold::parse_issue(target).map_err(|e| anyhow!(e))?;
    let relative = issue_dir(id).join("_issue.yaml");
    if cli.root.join(&relative).exists() {
        log::error!("{} exists already: not overwritten", shown(&relative));
        return Ok(Outcome::ContentErrors);
    }
    if ensure_issue(&cli.root, id, None)? {
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::ContentErrors)
    }
}

/// Reads journal.yaml; `None` (after printing its errors) when it has errors.
pub(crate) fn load_config(root: &Path, format: Format) -> Result<Option<Config>> {
    let mut diags = Vec::new();
    let config = config::load(root, &mut diags);
    if diags.iter().any(|d| d.severity == Severity::Error) || config.is_none() {
        report(Diagnostics::from(diags), format);
        log::error!("correct journal.yaml first");
        return Ok(None);
    }
    Ok(config)
}

/// `content/<year>/<number>`, relative to the site.
pub(crate) fn issue_dir(id: IssueId) -> PathBuf {
    Path::new("content")
        .join(id.year.to_string())
        .join(id.number.to_string())
}

/// A path relative to the site, `/`-separated, for messages.
pub(crate) fn shown(relative: &Path) -> String {
    relative
        .iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes the issue's `_issue.yaml` unless it exists; true when written.
pub(crate) fn ensure_issue(root: &Path, id: IssueId, whole_number: Option<u32>) -> Result<bool> {
    let relative = issue_dir(id).join("_issue.yaml");
    if root.join(&relative).exists() {
        return Ok(false);
    }
    let text = scaffold::issue(id, whole_number, today()?);
    let written = write_new(root, &relative, &text)?;
    if written {
        log::info!(
            "wrote {} (its `published` date is today's: correct it)",
            shown(&relative)
        );
    }
    Ok(written)
}

/// Writes `text` into `root/relative`, creating folders, only when no such
/// file exists (checked and created in one step); false, with an error
/// printed, when it exists.
pub(crate) fn write_new(root: &Path, relative: &Path, text: &str) -> Result<bool> {
    let path = root.join(relative);
    if let Err(refused) = inside::writable(root, &path) {
        report(
            Diagnostics::from(vec![refused.diagnostic("the folder")]),
            Format::Human,
        );
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut file) => {
            file.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            log::error!("{} exists already: not overwritten", shown(relative));
            Ok(false)
        }
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Today's date (UTC).
pub(crate) fn today() -> Result<NaiveDate> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("the system clock is before 1970")?
        .as_secs();
    i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive())
        .ok_or_else(|| anyhow!("the system clock is out of range"))
}

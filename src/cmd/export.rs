//! `quire export`: files for other services, made on demand.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, Context, Result};

use super::{report, Outcome};
use crate::assemble::{self, LoadOptions};
use crate::cli::{Cli, CrossrefArgs, ExportArgs, ExportCommand};
use crate::diag::Diagnostics;
use crate::model::IssueId;
use crate::render;
use crate::scholarly::crossref;
use crate::site::Site;

/// Runs the export named in `args`.
pub fn run(cli: &Cli, args: &ExportArgs) -> Result<Outcome> {
    match &args.what {
        ExportCommand::Crossref(args) => export_crossref(cli, args),
    }
}

/// `2018/4` as an issue id; `Err` names the expected form.
fn parse_issue(text: &str) -> Result<IssueId> {
    let bad = || anyhow!("`{text}` is not an issue: write YEAR/NUMBER, for example 2018/4");
    let (year, number) = text
        .trim()
        .trim_matches('/')
        .split_once('/')
        .ok_or_else(bad)?;
    Ok(IssueId {
        year: year.parse().map_err(|_| bad())?,
        number: number.parse().map_err(|_| bad())?,
    })
}

/// The current time as Crossref's `YYYYMMDDhhmmss` (UTC).
fn now_timestamp() -> Result<String> {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("the system clock is before 1970")?
        .as_secs();
    let now = i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .ok_or_else(|| anyhow!("the system clock is out of range"))?;
    Ok(now.format("%Y%m%d%H%M%S").to_string())
}

/// Checks the site as `check` does, then writes one issue's deposit with
/// the current time as its timestamp.
fn export_crossref(cli: &Cli, args: &CrossrefArgs) -> Result<Outcome> {
    let id = parse_issue(&args.issue)?;
    let options = LoadOptions {
        drafts: false,
        base_url: None,
    };
    let (archive, diags) = assemble::load(&cli.root, &options);
    let mut all = diags.sorted();
    if let Some(archive) = &archive {
        render::render(archive, None, &mut all)?;
    }
    let outcome = report(Diagnostics::from(all), cli.format);
    let Some(archive) = archive.filter(|_| outcome == Outcome::Clean) else {
        log::error!("export failed: correct the errors above first");
        return Ok(Outcome::ContentErrors);
    };
    let Some(issue) = archive.issue(id) else {
        log::error!(
            "there is no issue {}/{} (no content/{}/{}/_issue.yaml)",
            id.year,
            id.number,
            id.year,
            id.number
        );
        return Ok(Outcome::ContentErrors);
    };
    let Some(depositor) = &archive.config.crossref else {
        log::error!("journal.yaml has no `crossref:` block with `depositor_name` and `depositor_email`, which a deposit needs");
        return Ok(Outcome::ContentErrors);
    };
    let site = Site::new(&archive.config);
    let timestamp = now_timestamp()?;
    let Some(text) = crossref::deposit(&archive, issue, depositor, &site, &timestamp) else {
        log::error!(
            "no article of issue {}/{} has a DOI: there is nothing to deposit",
            id.year,
            id.number
        );
        return Ok(Outcome::ContentErrors);
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            log::info!(
                "wrote the Crossref deposit of {}/{} to {}",
                id.year,
                id.number,
                path.display()
            );
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .context("cannot write to standard output")?,
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_are_year_slash_number() {
        let id = parse_issue("2018/4").unwrap();
        assert_eq!((id.year, id.number), (2018, 4));
        assert!(parse_issue("2018").is_err());
        assert!(parse_issue("2018/x").is_err());
        assert!(parse_issue("2018/4/5").is_err());
    }

    #[test]
    fn timestamps_have_fourteen_digits() {
        let stamp = now_timestamp().unwrap();
        assert_eq!(stamp.len(), 14);
        assert!(stamp.bytes().all(|b| b.is_ascii_digit()));
    }
}

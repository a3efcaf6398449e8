//! `quire build`.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use super::{report, Outcome};
use crate::assemble::{self, LoadOptions};
use crate::cli::{BuildArgs, Cli};
use crate::diag::Diagnostics;
use crate::output::Output;
use crate::render::{self, Stats};

/// What one build did: its figures when it succeeded, and every problem it
/// found (warnings too).
#[derive(Debug)]
pub struct Built {
    /// What was written; `None` when content errors stopped the build and
    /// the old output was left as it was.
    pub stats: Option<Stats>,
    /// Every problem, sorted.
    pub diags: Diagnostics,
}

/// Builds the site in `root` into `target`, replacing the old output only
/// when there was no error. `Err` is a machine failure (a disk error).
pub fn build_into(root: &Path, options: &LoadOptions, target: &Path) -> Result<Built> {
    let started = Instant::now();
    let (archive, diags) = assemble::load(root, options);
    log::debug!(
        "read and checked the content in {:.3} s",
        started.elapsed().as_secs_f64()
    );
    let Some(archive) = archive.filter(|_| !diags.has_errors()) else {
        return Ok(Built { stats: None, diags });
    };
    let output = Output::create(target, root)?;
    let rendering = Instant::now();
    let mut found = Vec::new();
    let stats = render::render(&archive, Some(&output), &mut found)
        .with_context(|| format!("cannot write the site into {}", output.staging().display()))?;
    log::debug!(
        "rendered {} files in {:.3} s",
        stats.files,
        rendering.elapsed().as_secs_f64()
    );
    let mut all: Vec<_> = diags.sorted();
    all.extend(found);
    let diags = Diagnostics::from(all);
    if diags.has_errors() {
        drop(output);
        return Ok(Built { stats: None, diags });
    }
    let swapping = Instant::now();
    output.commit()?;
    log::debug!(
        "swapped the new output in, in {:.3} s",
        swapping.elapsed().as_secs_f64()
    );
    Ok(Built {
        stats: Some(stats),
        diags,
    })
}

/// Builds the site; the old output is replaced only when there was no error.
pub fn run(cli: &Cli, args: &BuildArgs) -> Result<Outcome> {
    let started = Instant::now();
    let root = &cli.root;
    let base_url = args
        .base_url
        .as_deref()
        .map(|url| {
            url.parse::<crate::config::BaseUrl>()
                .map_err(|e| anyhow::anyhow!("--base-url: {e}"))
        })
        .transpose()?;
    let options = LoadOptions {
        drafts: args.drafts,
        base_url,
    };
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    let built = build_into(root, &options, &target)?;
    let Some(stats) = built.stats else {
        log::error!("build failed: the output was not changed");
        return Ok(report(built.diags, cli.format));
    };
    let outcome = report(built.diags, cli.format);
    let noun = if stats.articles == 1 {
        "article"
    } else {
        "articles"
    };
    log::info!(
        "built {} pages for {} {noun} in {:.2} s",
        stats.pages,
        stats.articles,
        started.elapsed().as_secs_f64()
    );
    Ok(outcome)
}

//! `quire build`.

use std::time::Instant;

use anyhow::{Context, Result};

use super::{report, Outcome};
use crate::assemble::{self, LoadOptions};
use crate::cli::{BuildArgs, Cli};
use crate::diag::Diagnostics;
use crate::output::Output;
use crate::render;

/// Builds the site; the old output is replaced only when there was no error.
pub fn run(cli: &Cli, args: &BuildArgs) -> Result<Outcome> {
    let started = Instant::now();
    let root = &cli.root;
    let base_url = args
        .base_url
        .as_deref()
        .map(|url| {
            url.parse()
                .map_err(|e: String| anyhow::anyhow!("--base-url: {e}"))
        })
        .transpose()?;
    let options = LoadOptions {
        drafts: args.drafts,
        base_url,
    };
    let (archive, diags) = assemble::load(root, &options);
    log::debug!(
        "read and checked the content in {:.3} s",
        started.elapsed().as_secs_f64()
    );
    let Some(archive) = archive.filter(|_| !diags.has_errors()) else {
        log::error!("build failed: the output was not changed");
        return Ok(report(diags, cli.format));
    };
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    let output = Output::create(&target, root)?;
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
        log::error!("build failed: the output was not changed");
        return Ok(report(diags, cli.format));
    }
    let swapping = Instant::now();
    output.commit()?;
    log::debug!(
        "swapped the new output in, in {:.3} s",
        swapping.elapsed().as_secs_f64()
    );
    let outcome = report(diags, cli.format);
    log::info!(
        "built {} pages for {} articles in {:.2} s",
        stats.pages,
        stats.articles,
        started.elapsed().as_secs_f64()
    );
    Ok(outcome)
}

//! `quire check`.

use std::time::Instant;

use anyhow::Result;

use super::{report, Outcome};
use crate::assemble::{self, LoadOptions};
use crate::cli::{CheckArgs, Cli};
use crate::diag::Diagnostics;
use crate::render;

/// Reads and checks everything, writes nothing, prints every problem.
pub fn run(cli: &Cli, args: &CheckArgs) -> Result<Outcome> {
    let started = Instant::now();
    let options = LoadOptions {
        drafts: args.drafts,
        base_url: None,
    };
    let (archive, diags) = assemble::load(&cli.root, &options);
    let mut all = diags.sorted();
    let mut articles = 0;
    if let Some(archive) = &archive {
        let mut found = Vec::new();
        render::render(archive, None, &mut found)?;
        all.extend(found);
        articles = archive.articles.len();
    }
    let diags = Diagnostics::from(all);
    let outcome = report(diags, cli.format);
    if outcome == Outcome::Clean {
        let noun = if articles == 1 { "article" } else { "articles" };
        log::info!(
            "checked {articles} {noun} in {:.2} s: no errors",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(outcome)
}

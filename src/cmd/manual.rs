//! `quire completions` and `quire man`: made from the clap definitions in
//! `cli.rs`, so they never fall behind the commands.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::Outcome;
use crate::cli::Cli;

/// Prints the completion script for `shell` to standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut command, "quire", &mut out);
    out.flush().context("cannot write the completions")?;
    Ok(Outcome::Clean)
}

/// Prints the man page, `quire.1`, to standard output.
pub fn man_page() -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("cannot write the man page")?;
    out.flush().context("cannot write the man page")?;
    Ok(Outcome::Clean)
}

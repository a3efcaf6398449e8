//! `quire serve`.

use anyhow::Result;

use super::Outcome;
use crate::cli::{Cli, ServeArgs};
use crate::serve::{self, ServeOptions};

/// Serves the site until the process is stopped; content errors never stop
/// it, only a machine failure (the port is taken) does.
pub fn run(cli: &Cli, args: &ServeArgs) -> Result<Outcome> {
    serve::run(&ServeOptions {
        root: cli.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        open: args.open,
    })?;
    Ok(Outcome::Clean)
}

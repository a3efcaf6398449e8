//! The command line, declared once: doc comments are the help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::diag::Format;

/// quire: a static site generator for the archive of a scholarly journal.
///
/// Run it in the site folder (the one holding journal.yaml and content/),
/// or name that folder with --root.
#[derive(Debug, Parser)]
#[command(name = "quire", version, propagate_version = true)]
pub struct Cli {
    /// The site folder.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// How problems are printed: `human` (with the quoted line) or `short` (one line each, for CI).
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour problems: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,

    /// Say more: stage timings (-v), everything (-vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Say nothing but problems.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour what is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// On a terminal, unless the NO_COLOR environment variable is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

impl Color {
    /// The choice for `anstream`'s output streams.
    pub fn choice(self) -> anstream::ColorChoice {
        match self {
            Color::Auto => anstream::ColorChoice::Auto,
            Color::Always => anstream::ColorChoice::Always,
            Color::Never => anstream::ColorChoice::Never,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output); the old output is replaced only after a successful build.
    Build(BuildArgs),
    /// Read and check everything, write nothing, print every problem.
    Check(CheckArgs),
    /// Write a file for another service, such as an issue's Crossref deposit.
    Export(ExportArgs),
    /// Write a new article or issue file with every field laid out and commented.
    New(NewArgs),
    /// Turn plain-text abstracts as the journal prints them into article files, never overwriting one.
    Import(ImportArgs),
    /// Build, serve on this computer, rebuild on every change and reload open pages.
    Serve(ServeArgs),
    /// Start a new journal site: journal.yaml explained, one issue and one article to replace, the GitHub Pages workflow.
    Init(InitArgs),
    /// Print a shell's completion script for quire to standard output.
    Completions(CompletionsArgs),
    /// Print quire's man page (roff) to standard output.
    Man,
}

/// `quire init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to start the site in; created when missing, refused when it holds a site already [default: --root].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `quire completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `quire serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 takes any free port.
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,

    /// The address to listen on. Anything but a loopback address shows the
    /// site (drafts included, with --drafts) to the network.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,

    /// Include articles and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Open the site in the default web browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// `quire build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site [default: public/ in the site folder].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Publish under this address instead of journal.yaml's base_url (for previews).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Include articles and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,

    /// Warn when the output is larger than this, in MB of 1,000,000 bytes
    /// [default: 1000, GitHub Pages' limit of 1 GB per site].
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(1..))]
    pub size_limit: Option<u64>,

    /// Build everything anew, ignoring (and then replacing) the build cache
    /// in .quire-cache/.
    #[arg(long)]
    pub no_cache: bool,
}

/// `quire check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Check drafts as if they were published (they are always checked for DOIs).
    #[arg(long)]
    pub drafts: bool,
}

/// `quire export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[command(subcommand)]
    pub what: ExportCommand,
}

/// What `quire export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write an issue's Crossref deposit (schema 5.3.1) to upload to Crossref, stamped with the current time.
    Crossref(CrossrefArgs),
}

/// `quire export crossref`.
#[derive(Debug, Args)]
pub struct CrossrefArgs {
    /// The issue, as YEAR/NUMBER (for example 2018/4).
    #[arg(value_name = "YEAR/NUMBER")]
    pub issue: String,

    /// Write the deposit into FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `quire new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to write.
    #[command(subcommand)]
    pub what: NewCommand,
}

/// What `quire new` writes.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write content/YEAR/NUMBER/SLUG.md, and the issue's _issue.yaml when missing.
    Article(NewArticleArgs),
    /// Write content/YEAR/NUMBER/_issue.yaml.
    Issue(NewIssueArgs),
}

/// `quire new article`.
#[derive(Debug, Args)]
pub struct NewArticleArgs {
    /// The issue and the file name, as YEAR/NUMBER/SLUG (for example 2018/4/central-asia-integration).
    #[arg(value_name = "YEAR/NUMBER/SLUG")]
    pub article: String,
}

/// `quire new issue`.
#[derive(Debug, Args)]
pub struct NewIssueArgs {
    /// The issue, as YEAR/NUMBER (for example 2018/4).
    #[arg(value_name = "YEAR/NUMBER")]
    pub issue: String,
}

/// `quire import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plain-text files, one article each.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Put the articles into this issue (YEAR/NUMBER) instead of the one their DOI names.
    #[arg(long, value_name = "YEAR/NUMBER")]
    pub issue: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}

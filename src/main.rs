//! The `quire` binary: parse the command line, start logging, run, exit.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use quire::cli::{Cli, Command};
use quire::cmd;

/// mimalloc rather than the system's allocator: the reasons and the
/// figures are beside the dependency in Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    anstream::ColorChoice::write_global(cli.color.choice());
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => log::LevelFilter::Error,
        (false, 0) => log::LevelFilter::Info,
        (false, 1) => log::LevelFilter::Debug,
        (false, _) => log::LevelFilter::Trace,
    };
    env_logger::Builder::new()
        .filter_level(log::LevelFilter::Warn)
        .filter_module("quire", level)
        // The PDF reader's own log lines (a glyph without a Unicode name, a
        // damaged object) are its details: quire reports a PDF it cannot
        // read, once, naming the file (src/pdf).
        .filter_module("pdf_extract", log::LevelFilter::Off)
        .filter_module("lopdf", log::LevelFilter::Off)
        .format(|buf, record| match record.level() {
            log::Level::Info => writeln!(buf, "{}", record.args()),
            level => writeln!(buf, "{}: {}", level.as_str().to_lowercase(), record.args()),
        })
        .init();
    let outcome = match &cli.command {
        Command::Build(args) => cmd::build::run(&cli, args),
        Command::Check(args) => cmd::check::run(&cli, args),
        Command::Export(args) => cmd::export::run(&cli, args),
        Command::New(args) => cmd::new::run(&cli, args),
        Command::Import(args) => cmd::import::run(&cli, args),
        Command::Serve(args) => cmd::serve::run(&cli, args),
        Command::Init(args) => cmd::init::run(&cli, args),
        Command::Completions(args) => cmd::manual::completions(args.shell),
        Command::Man => cmd::manual::man_page(),
    };
    match outcome {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

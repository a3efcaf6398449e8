//! The commands: thin layers over load, render and output.

pub mod build;
pub mod check;
pub mod export;
pub mod import;
pub mod init;
pub mod manual;
pub mod new;
pub mod serve;

use std::io::Write;

use crate::diag::{render_styled, Diagnostics, Format};

/// How a command ended, as an exit code: 0 clean, 1 content errors, 2 usage
/// or machine failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No error (warnings allowed).
    Clean,
    /// Content has errors.
    ContentErrors,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::ContentErrors => 1,
        }
    }
}

/// Prints every diagnostic to standard error, sorted, then a count line.
/// Returns the outcome they make.
pub fn report(diags: Diagnostics, format: Format) -> Outcome {
    let (errors, warnings) = diags.counts();
    let outcome = if diags.has_errors() {
        Outcome::ContentErrors
    } else {
        Outcome::Clean
    };
    // Styled, then stripped by the stream where colour is not wanted (the
    // choice `main` set from --color and NO_COLOR).
    let mut out = anstream::stderr().lock();
    let human = format == Format::Human;
    for d in diags.sorted() {
        let _ = out.write_all(render_styled(&d, format).as_bytes());
        if human {
            let _ = out.write_all(b"\n");
        }
    }
    if errors + warnings > 0 {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let _ = writeln!(
            out,
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
    }
    outcome
}

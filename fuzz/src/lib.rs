//! quire's fuzz targets, as plain functions.
//!
//! Each function in [`check`] takes the fuzzer's bytes, runs one of quire's
//! readers or writers on them through the library's public functions, and
//! panics when an invariant breaks: a diagnostic pointing outside its file,
//! HTML or XML that a parser refuses, markup that escaped from content, a
//! served path outside the site. `fuzz_targets/` hands them to libFuzzer
//! (nightly, `cargo fuzz`); `tests/replay.rs` runs them on stable over the
//! seed corpora ([`seeds`]) and the saved crashes in `regressions/`, then
//! for a bounded time over random mutations of them ([`mutate`]).

pub mod check;
pub mod mutate;
pub mod seeds;
mod site;

/// The names of the targets, as in `fuzz_targets/` and `regressions/`.
pub const TARGETS: &[&str] = &[
    "article",
    "journal",
    "issue",
    "markdown_html",
    "jats",
    "search",
    "import",
    "serve_path",
];

/// Runs the target named `name` on `data`; `false` for an unknown name.
pub fn run(name: &str, data: &[u8]) -> bool {
    let f: fn(&[u8]) = match name {
        "article" => check::article,
        "journal" => check::journal,
        "issue" => check::issue,
        "markdown_html" => check::markdown_html,
        "jats" => check::jats,
        "search" => check::search,
        "import" => check::import,
        "serve_path" => check::serve_path,
        _ => return false,
    };
    f(data);
    true
}

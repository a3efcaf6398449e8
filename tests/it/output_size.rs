//! The output's size in `quire build`'s summary, and the warning when it
//! passes a limit (GitHub Pages' 1 GB, or `--size-limit`), naming the
//! largest parts. The limit is a parameter, so a small site shows the
//! warning without a gigabyte being written.

use std::fs;

use crate::support::{self, built_sample, TestSite};

/// `bytes` as the summary prints them: megabytes of 10^6 bytes, one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

#[test]
fn the_summary_gives_the_bytes_written() {
    let site = built_sample();
    let written: u64 = site
        .tree("public")
        .values()
        .map(|bytes| bytes.len() as u64)
        .sum();
    let summary = format!("articles ({}) in ", megabytes(written));
    let run = site.build_run();
    run.stderr_contains(&summary);
    assert!(
        !run.stderr.contains("warn: the output is"),
        "the sample is far within 1 GB:\n{}",
        run.stderr
    );
}

#[test]
fn past_the_limit_the_build_warns_naming_the_largest_parts() {
    let site = TestSite::sample();
    // A galley of 3 MB, as a real one would be.
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.resize(3_000_000, b' ');
    fs::write(site.path("content/2019/2/russia-china-alignment.pdf"), pdf).expect("a PDF");
    // With the sample's other galleys, two of which have text.
    let pdfs: u64 = support::files_with_extension(&site.path("content"), "pdf")
        .iter()
        .map(|pdf| fs::metadata(pdf).expect("a PDF").len())
        .sum();
    let run = site.build(&["--base-url", support::BASE_URL, "--size-limit", "5"]);
    run.success().no_panic();
    run.stderr_contains("warn: the output is ")
        .stderr_contains(", more than 5 MB, the limit --size-limit gives; the largest parts: ")
        .stderr_contains(&format!("PDFs {}", megabytes(pdfs)))
        .stderr_contains("set `galleys_base_url` in journal.yaml");
    let warning = run
        .stderr
        .lines()
        .find(|l| l.starts_with("warn: the output is"))
        .expect("the warning");
    // The parts are named largest first, with the rest summed.
    let parts: Vec<f64> = warning
        .split("; ")
        .nth(1)
        .and_then(|p| p.strip_prefix("the largest parts: "))
        .expect("the parts")
        .split(" MB")
        .filter_map(|p| p.rsplit(' ').next()?.parse().ok())
        .collect();
    assert!(parts.len() >= 4, "{warning}");
    let named = &parts[..parts.len() - 1];
    assert!(named.windows(2).all(|w| w[0] >= w[1]), "{warning}");

    // The same site within a larger limit: no warning, and the output was
    // written either way.
    let run = site.build(&["--base-url", support::BASE_URL, "--size-limit", "50"]);
    run.success();
    assert!(!run.stderr.contains("warn:"), "{}", run.stderr);
    assert!(site
        .path("public/archive/2019/2/russia-china-alignment/russia-china-alignment.pdf")
        .is_file());
}

#[test]
fn a_limit_of_nothing_is_a_usage_error() {
    let site = TestSite::sample();
    site.build(&["--size-limit", "0"]).code(2);
}

//! The slow paths an editor can reach by accident are bounded: one file
//! of 100,000 nested `<div>`s and one with a 5 MB code block each took
//! minutes (the sanitiser and syntect); now a site with both builds in
//! seconds, with a W008 warning for each, and the text is still there.

use std::time::{Duration, Instant};

use crate::support::TestSite;

/// Generous for a debug binary on a shared machine; before the bounds the
/// same build took 88 s (the code) and 280 s (the HTML) here.
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn deep_html_and_huge_code_build_in_seconds() {
    let site = TestSite::fixture("valid-minimal");
    let article = site.read("content/2020/1/first-article.md");
    let divs = 100_000;
    site.write(
        "content/2020/1/deep-html.md",
        &format!(
            "{}\n{}deep text{}\n",
            article.replace("Regional Integration", "Deep"),
            "<div>".repeat(divs),
            "</div>".repeat(divs)
        ),
    );
    let line = "fn main() { let s = \"<script>\"; println!(\"{s}\"); } // comment\n";
    site.write(
        "content/2020/1/huge-code.md",
        &format!(
            "{}\n```rust\n{}```\n",
            article.replace("Regional Integration", "Huge"),
            line.repeat(5 * 1024 * 1024 / line.len())
        ),
    );
    let start = Instant::now();
    let run = site.build(&["--format", "short"]);
    let took = start.elapsed();
    run.success().no_panic();
    assert!(took < LIMIT, "the build took {took:?}");
    let warnings = run.stderr.matches("warning[W008]").count();
    assert_eq!(warnings, 2, "one W008 for each file\n{}", run.stderr);
    run.stderr_contains("content/2020/1/deep-html.md:9:1001: warning[W008]: HTML nested 100000 elements deep")
        .stderr_contains("content/2020/1/huge-code.md:9:1: warning[W008]: this code block (5120 KB) is too large to highlight");

    let deep = site.read("public/archive/2020/1/deep-html/index.html");
    assert!(deep.contains("deep text"));
    assert!(
        deep.matches("<div").count() < 300,
        "the deep tags were left out"
    );
    let huge = site.read("public/archive/2020/1/huge-code/index.html");
    assert!(
        huge.contains("let s = &quot;&lt;script&gt;&quot;;"),
        "printed plain, escaped"
    );
    assert!(!huge.contains("<script>\""));
}

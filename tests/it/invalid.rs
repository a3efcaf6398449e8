//! One invalid fixture per diagnostic code, with `quire check`'s output as a
//! snapshot.
//!
//! `tests/fixtures/valid-minimal/` is the smallest complete site. Each folder
//! under `tests/fixtures/invalid/` is an overlay on it: its files are copied
//! over a copy of valid-minimal (a symbolic link as a link, so a fixture can
//! hold a broken one), and an empty file `<name>.delete` deletes `<name>`
//! from the copy. A folder is named by the code it triggers,
//! `e012-unknown-field`, and a new folder is picked up without touching this
//! file. [`every_code_has_a_fixture`] makes a new code without a fixture fail.
//!
//! Snapshots (`snapshots/it__invalid__*.snap`) hold what editors read: the
//! short form for every case, the human form for a few. Review each one by
//! eye: the line and column must point at the mistake in the fixture.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};

use quire::diag::{Code, Severity};

use crate::support::{self, TestSite};

/// The cases whose human form is snapshotted as well: the demo and
/// a few with a secondary span or a multi-line context.
const HUMAN: &[&str] = &[
    "three-problems",
    "e005-yaml-syntax",
    "e005-tab-indent",
    "e005-duplicate-key-issue",
    "e014-date-order",
    "e016-duplicate-doi",
];

/// The three codes of the demo (`keywrods`, a bad DOI, an ORCID with
/// a wrong check digit).
const THREE_PROBLEMS: &[&str] = &["E012", "E015", "E017"];

/// The case folders under `tests/fixtures/invalid/`, sorted.
fn cases() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(support::fixtures().join("invalid"))
        .expect("tests/fixtures/invalid/ exists")
        .map(|entry| entry.expect("readable fixture folder"))
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_dir()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The code a case folder is named by: `e012-unknown-field` gives E012;
/// `three-problems` gives none.
fn code_of(case: &str) -> Option<Code> {
    let (prefix, _) = case.split_once('-')?;
    Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str().eq_ignore_ascii_case(prefix))
}

/// valid-minimal with the overlay `invalid/<case>` on top.
fn invalid_site(case: &str) -> TestSite {
    let site = TestSite::fixture("valid-minimal");
    site.overlay(&format!("invalid/{case}"));
    site
}

/// `text` with the site's path as `[SITE]` and timings as `[TIME]`.
fn normalise(site: &TestSite, text: &str) -> String {
    let mut text = text.to_string();
    let root = site.root();
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for path in [canonical, root.to_path_buf()] {
        text = text.replace(&path.display().to_string(), "[SITE]");
    }
    mask_seconds(&text)
}

/// Replaces `0.02 s` (a timing in a log line) by `[TIME] s`.
fn mask_seconds(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" s") {
        let (before, after) = rest.split_at(at);
        let digits = before.len()
            - before
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                .len();
        let number = &before[before.len() - digits..];
        if number.contains('.') && number.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&before[..before.len() - digits]);
            out.push_str("[TIME]");
        } else {
            out.push_str(before);
        }
        out.push_str(" s");
        rest = &after[2..];
    }
    out.push_str(rest);
    out
}

/// The codes in the short form's lines, `file:line:col: error[E012]: ...`, in order.
fn codes_printed(short: &str) -> Vec<String> {
    short
        .lines()
        .filter_map(|line| {
            let open = line
                .find(": error[")
                .map(|i| i + 8)
                .or_else(|| line.find(": warning[").map(|i| i + 10))?;
            let close = line[open..].find(']')?;
            Some(line[open..open + close].to_string())
        })
        .collect()
}

fn snapshot(name: &str, case: &str, format: &str, stderr: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!(
        "quire --format {format} check, on valid-minimal + tests/fixtures/invalid/{case}/"
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, stderr));
}

/// Runs one case and checks its exit code, its codes and its snapshots.
fn check_case(case: &str) {
    let site = invalid_site(case);
    let run = site.check();
    let stderr = normalise(&site, &run.stderr);
    let printed = codes_printed(&stderr);
    assert!(
        !stderr.contains("panicked"),
        "{case}: quire panicked:\n{}",
        stderr
    );
    match code_of(case) {
        Some(code) => {
            let expected_exit = match code.severity() {
                Severity::Error => 1,
                Severity::Warning => 0,
            };
            assert_eq!(
                run.code,
                Some(expected_exit),
                "{case}: exit code\n{}",
                stderr
            );
            assert!(
                printed.iter().any(|c| c == code.as_str()),
                "{case}: {code} not printed:\n{}",
                stderr
            );
            assert!(
                printed.iter().all(|c| c == code.as_str()),
                "{case}: other codes than {code} printed ({printed:?}):\n{}",
                stderr
            );
        }
        None if case == "three-problems" => {
            assert_eq!(run.code, Some(1), "{case}: exit code\n{}", stderr);
            for code in THREE_PROBLEMS {
                assert!(
                    printed.iter().any(|c| c == code),
                    "{case}: {code} not printed:\n{}",
                    stderr
                );
            }
            let errors: Vec<_> = run
                .stderr
                .lines()
                .filter(|l| l.contains(": error["))
                .collect();
            assert_eq!(errors.len(), 3, "{case}: exactly three errors\n{}", stderr);
            for line in errors {
                let mut parts = line.splitn(4, ':');
                let (file, line_no, col) = (parts.next(), parts.next(), parts.next());
                assert_eq!(file, Some("content/2020/1/first-article.md"), "{line}");
                assert!(
                    line_no.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n > 1)),
                    "{line}"
                );
                assert!(
                    col.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)),
                    "{line}"
                );
            }
        }
        None => panic!("{case}: a case folder is named by its code, such as `e012-unknown-field`"),
    }
    snapshot(case, case, "short", &stderr);
    if HUMAN.contains(&case) {
        let human = site.run(&["check"]);
        assert_eq!(
            human.code, run.code,
            "{case}: the human form exits like the short one"
        );
        let stderr = normalise(&site, &human.stderr);
        snapshot(&format!("{case}-human"), case, "human", &stderr);
    }
}

#[test]
fn valid_minimal_is_clean() {
    let site = TestSite::fixture("valid-minimal");
    let run = site.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        codes_printed(&run.stderr).is_empty(),
        "valid-minimal must be clean:\n{}",
        run.stderr
    );
}

/// A UTF-8 byte-order mark (Windows editors save one) before every kind of
/// text file the site reads: each is read as if it were not there, and
/// nothing of it reaches a page.
#[test]
fn a_byte_order_mark_is_read_everywhere() {
    const BOM: &str = "\u{feff}";
    let site = TestSite::fixture("valid-minimal");
    for rel in [
        "journal.yaml",
        "content/2020/1/_issue.yaml",
        "content/2020/1/first-article.md",
    ] {
        let text = site.read(rel);
        site.write(rel, &format!("{BOM}{text}"));
    }
    site.write(
        "content/_index.md",
        &format!("{BOM}---\ntitle: Welcome\n---\nThe archive of the journal.\n"),
    );
    site.write(
        "content/pages/about.md",
        &format!("{BOM}---\ntitle: About the Journal\n---\nWho we are.\n"),
    );
    site.write(
        "content/_keywords.yaml",
        &format!("{BOM}Central Asia:\n  synonyms: [Middle Asia]\n"),
    );
    let run = site.check();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(codes_printed(&run.stderr).is_empty(), "{}", run.stderr);
    site.build(&[]).success();
    let public = site.public();
    for page in support::files_with_extension(&public, "html") {
        let html = fs::read_to_string(&page).expect("a built page");
        assert!(
            !html.contains(BOM),
            "{} holds a byte-order mark",
            page.display()
        );
    }
    assert!(site
        .read("public/about/index.html")
        .contains("About the Journal"));
}

#[test]
fn every_invalid_case_reports_its_code() {
    let mut failed = Vec::new();
    for case in cases() {
        if catch_unwind(AssertUnwindSafe(|| check_case(&case))).is_err() {
            failed.push(case);
        }
    }
    assert!(
        failed.is_empty(),
        "failing invalid cases (see the messages above): {failed:?}"
    );
}

#[test]
fn every_code_has_a_fixture() {
    let cases = cases();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|code| {
            let prefix = format!("{}-", code.to_ascii_lowercase());
            !cases.iter().any(|case| case.starts_with(&prefix))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a folder tests/fixtures/invalid/<code>-<what>/: {missing:?}"
    );
    let unnamed: Vec<&String> = cases
        .iter()
        .filter(|case| code_of(case).is_none() && case.as_str() != "three-problems")
        .collect();
    assert!(
        unnamed.is_empty(),
        "case folders not named by a known code: {unnamed:?}"
    );
}

/// A failed build leaves `public/` exactly as it was and no staging folder.
fn failed_build_keeps_the_output(case: &str) {
    let site = invalid_site(case);
    site.write("public/marker.html", "<p>the last good build</p>\n")
        .write("public/archive/index.html", "<p>old archive</p>\n");
    let before = site.tree("public");
    let run = site.run(&["--format", "short", "build"]);
    assert_eq!(run.code, Some(1), "{case}: build exits 1\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("build failed: the output was not changed"),
        "{case}:\n{}",
        run.stderr
    );
    assert_eq!(site.tree("public"), before, "{case}: public/ changed");
    let leftovers: Vec<String> = fs::read_dir(site.root())
        .expect("readable site folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "{case}: staging left behind: {leftovers:?}"
    );
}

#[test]
fn failed_build_leaves_public_untouched() {
    // Content errors: the build stops before writing anything.
    failed_build_keeps_the_output("three-problems");
}

#[test]
fn failed_render_leaves_public_untouched() {
    // A template that fails: the build stops after writing into staging.
    failed_build_keeps_the_output("e033-template-error");
}

#[test]
fn timings_are_masked() {
    assert_eq!(
        mask_seconds("checked 1 articles in 0.02 s: no errors"),
        "checked 1 articles in [TIME] s: no errors"
    );
    assert_eq!(mask_seconds("a 5 s b"), "a 5 s b");
}

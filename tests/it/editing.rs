//! `quire new`: the files it writes, read back field by
//! field, and `quire check` on them.

use quire::content::front_matter;
use quire::diag::SourceFile;
use serde_json::Value;

use crate::support::TestSite;

/// The front matter of the site's file `rel`, as JSON.
fn front_matter_of(site: &TestSite, rel: &str) -> Value {
    let text = site.read(rel);
    let file = SourceFile::new(rel, text);
    let split = front_matter::split(&file, true).expect("the file has front matter");
    quire::yaml::parse(&file, split.yaml.clone())
        .expect("the front matter is valid YAML")
        .to_json()
}

/// A small site: the minimal fixture (one issue, 2020/1).
fn site() -> TestSite {
    TestSite::fixture("valid-minimal")
}

// ---- quire new ----

#[test]
fn new_article_lays_out_every_field_and_check_wants_the_required_ones() {
    let site = site();
    site.run(&["new", "article", "2020/1/new-piece"])
        .success()
        .stderr_contains("wrote content/2020/1/new-piece.md");
    let text = site.read("content/2020/1/new-piece.md");
    for field in quire::content::article::FIELDS {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{field}:"))
                    || l.starts_with(&format!("# {field}:"))),
            "no line for `{field}` in\n{text}"
        );
    }
    for field in quire::content::article::AUTHOR_FIELDS {
        assert!(text.contains(&format!("{field}: ")), "no author `{field}`");
    }
    let check = site.check();
    check.code(1);
    for field in ["title", "abstract", "name"] {
        check.stderr_contains(&format!("missing required field `{field}`"));
    }
    fill_required(&site, "content/2020/1/new-piece.md");
    site.check().success();
}

/// Fills the required fields of a file `quire new article` wrote.
fn fill_required(site: &TestSite, rel: &str) {
    site.replace(
        rel,
        "title: \"\"",
        "title: \"A New Piece: On Filling Templates\"",
    )
    .replace(rel, "- name: \"\"", "- name: Anna B. Smith");
    let filled: String = site
        .read(rel)
        .lines()
        .map(|line| match line.starts_with("abstract: |") {
            true => format!("{line}\n  The first paragraph.\n\n  The second paragraph.\n"),
            false => format!("{line}\n"),
        })
        .collect();
    site.write(rel, &filled);
}

#[test]
fn every_optional_field_of_a_new_article_is_valid_once_uncommented() {
    let site = site();
    site.run(&["new", "article", "2020/1/new-piece"]).success();
    let rel = "content/2020/1/new-piece.md";
    fill_required(&site, rel);
    let uncommented: String = site
        .read(rel)
        .lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().strip_prefix("# ") {
                Some(rest) => format!("{}{rest}\n", &line[..indent]),
                None => format!("{line}\n"),
            }
        })
        .collect();
    site.write(rel, &uncommented)
        .write("content/2020/1/new-piece.pdf", "%PDF-1.4\n");
    let fm = front_matter_of(&site, rel);
    assert_eq!(fm["authors"][0]["orcid"], "0000-0002-1825-0097");
    assert_eq!(fm["translations"]["ru"]["keywords"][1], "second keyword");
    assert_eq!(fm["draft"], true);
    site.run(&["--format", "short", "check", "--drafts"])
        .success();
}

#[test]
fn new_article_creates_its_issue_and_never_overwrites() {
    let site = site();
    site.run(&["new", "article", "2021/3/first"])
        .success()
        .stderr_contains("wrote content/2021/3/_issue.yaml");
    let issue = front_matter_yaml(&site, "content/2021/3/_issue.yaml");
    assert_eq!(issue["year"], 2021);
    assert_eq!(issue["number"], 3);
    assert!(issue["published"].as_str().is_some_and(|d| d.len() == 10));
    let before = site.read("content/2021/3/first.md");
    site.write("content/2021/3/first.md", &format!("{before}edited\n"));
    site.run(&["new", "article", "2021/3/first"])
        .code(1)
        .stderr_contains("content/2021/3/first.md exists already");
    assert_eq!(
        site.read("content/2021/3/first.md"),
        format!("{before}edited\n")
    );
    site.run(&["new", "issue", "2021/3"])
        .code(1)
        .stderr_contains("content/2021/3/_issue.yaml exists already");
    fill_required(&site, "content/2021/3/first.md");
    site.check().success();
}

#[test]
fn new_issue_lists_every_issue_field_and_passes_check() {
    let site = site();
    site.run(&["new", "issue", "2022/1"])
        .success()
        .stderr_contains("wrote content/2022/1/_issue.yaml");
    let text = site.read("content/2022/1/_issue.yaml");
    for field in quire::content::issue::FIELDS {
        assert!(
            text.contains(&format!("{field}: ")),
            "no `{field}` in\n{text}"
        );
    }
    site.check().success();
}

#[test]
fn new_refuses_bad_targets() {
    let site = site();
    site.run(&["new", "article", "2020/1/Not A Slug"])
        .code(2)
        .stderr_contains("is not a slug");
    site.run(&["new", "article", "20/1/piece"]).code(2);
    site.run(&["new", "issue", "2020/0"]).code(2);
    assert!(!site.path("content/20").exists());
}

/// A YAML file of the site, as JSON.
fn front_matter_yaml(site: &TestSite, rel: &str) -> Value {
    let text = site.read(rel);
    let len = text.len();
    let file = SourceFile::new(rel, text);
    quire::yaml::parse(&file, 0..len)
        .expect("valid YAML")
        .to_json()
}

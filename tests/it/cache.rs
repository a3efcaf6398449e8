//! A build with the build cache writes exactly what a build without it
//! writes, after every kind of edit, and renders only what an edit of some
//! articles touches.
//!
//! One copy of the sample is built with the cache, edited, built again with
//! it, and compared byte for byte with a fresh build of the edited copy
//! without the cache, edit after edit.

use std::path::PathBuf;

use quire::assemble::LoadOptions;
use quire::cmd::build::{build_into, Built, Caching, How};

use crate::support::{tree, TestSite};

/// The seed article.
const SEED: &str = "content/2018/4/central-asia-integration.md";
/// Another article of the same issue.
const OTHER: &str = "content/2018/4/uzbekistan-opening.md";

/// How a cached build is expected to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Touched(usize),
    Whole,
    Unchanged,
}

struct Cached {
    site: TestSite,
    out: tempfile::TempDir,
}

impl Cached {
    fn new() -> Cached {
        let cached = Cached {
            site: TestSite::sample(),
            out: tempfile::tempdir().expect("a temporary folder"),
        };
        let built = cached.build(Caching::Use);
        assert_eq!(built.how, How::Whole, "the first build builds everything");
        cached
    }

    fn public(&self) -> PathBuf {
        self.out.path().join("public")
    }

    fn build(&self, caching: Caching) -> Built {
        let built = build_into(
            self.site.root(),
            &LoadOptions::default(),
            &self.public(),
            caching,
        )
        .expect("the build runs");
        assert!(
            built.stats.is_some(),
            "the edited sample does not build: {:?}",
            built
                .diags
                .sorted()
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        built
    }

    /// Builds with the cache, expecting `expect`, and compares the output
    /// with a build of the same site without it.
    fn check(&self, what: &str, expect: Expect) {
        let built = self.build(Caching::Use);
        let how = match built.how {
            How::Whole => Expect::Whole,
            How::Touched(n) => Expect::Touched(n),
            How::Unchanged => Expect::Unchanged,
        };
        assert_eq!(how, expect, "how the build after {what} went");
        let fresh = tempfile::tempdir().expect("a temporary folder");
        let whole = build_into(
            self.site.root(),
            &LoadOptions::default(),
            &fresh.path().join("public"),
            Caching::Off,
        )
        .expect("the build runs");
        assert_eq!(
            built.sizes.as_ref().map(|s| s.total()),
            whole.sizes.as_ref().map(|s| s.total()),
            "after {what}, the size the cached build reports"
        );
        let cached = tree(&self.public());
        let whole = tree(&fresh.path().join("public"));
        let only_cached: Vec<&String> = cached.keys().filter(|k| !whole.contains_key(*k)).collect();
        let only_whole: Vec<&String> = whole.keys().filter(|k| !cached.contains_key(*k)).collect();
        let differ: Vec<&String> = cached
            .iter()
            .filter(|(k, v)| whole.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            only_cached.is_empty() && only_whole.is_empty() && differ.is_empty(),
            "after {what}, the cached build differs from a build without the cache:\n\
             only in the cached build: {only_cached:?}\n\
             only in the build without it: {only_whole:?}\n\
             different: {differ:?}"
        );
    }
}

#[test]
fn a_cached_build_writes_what_a_build_without_the_cache_writes() {
    let c = Cached::new();
    c.check("nothing", Expect::Unchanged);
    let edits: [(&str, &str, &str, &str, Expect); 10] = [
        (
            "an abstract",
            SEED,
            "Talk of regional integration has returned",
            "Talk of regional integration is back",
            Expect::Touched(1),
        ),
        (
            "a title",
            SEED,
            "title: Central Asia in Search for its Own Way of Integration",
            "title: Central Asia and Its Own Way to Integration",
            Expect::Touched(1),
        ),
        (
            "a translated title",
            SEED,
            "title: Центральная Азия в поисках собственного пути интеграции",
            "title: Центральная Азия и её путь к интеграции",
            Expect::Touched(1),
        ),
        (
            "a keyword",
            SEED,
            "regionalism, Kazakhstan",
            "regional order, Kazakhstan",
            Expect::Whole,
        ),
        (
            "the pages",
            SEED,
            "pages: 78-91",
            "pages: 79-92",
            Expect::Whole,
        ),
        (
            "an issue",
            "content/2018/4/_issue.yaml",
            "title: Central Asia after 2016",
            "title: Central Asia after 2016 and 2017",
            Expect::Whole,
        ),
        (
            "the journal's description",
            "journal.yaml",
            "A sample archive of a peer-reviewed journal",
            "A sample archive of a reviewed journal",
            Expect::Whole,
        ),
        (
            "the draft flag",
            OTHER,
            "\ntitle:",
            "\ndraft: true\ntitle:",
            Expect::Whole,
        ),
        (
            "the draft flag again",
            OTHER,
            "\ndraft: true\ntitle:",
            "\ntitle:",
            Expect::Whole,
        ),
        (
            "an abstract again",
            SEED,
            "Talk of regional integration is back",
            "Talk of regional integration has come back",
            Expect::Touched(1),
        ),
    ];
    for (what, rel, from, to, expect) in edits {
        assert!(c.site.read(rel).contains(from), "{rel} has {from:?}");
        c.site.replace(rel, from, to);
        c.check(what, expect);
    }

    // Two articles at once, one of them in its full text.
    c.site.replace(
        SEED,
        "Talk of regional integration has come back",
        "Talk of regional integration returned",
    );
    let other = c.site.read(OTHER);
    c.site
        .write(OTHER, &format!("{other}\nA paragraph added at the end.\n"));
    c.check("two articles", Expect::Touched(2));

    // A word that sorts before every other: the first shard of the search
    // index gets another first term, so another name, and the cached build
    // removes the file of the old name.
    let first_shard = || {
        let entry: serde_json::Value =
            serde_json::from_slice(&std::fs::read(c.public().join("search/index.json")).unwrap())
                .expect("index.json");
        entry["shards"][0].as_str().expect("a term").to_string()
    };
    let before = first_shard();
    c.site.replace(
        SEED,
        "Talk of regional integration returned",
        "Talk of 0000 regional integration returned",
    );
    c.check("a word that sorts first", Expect::Touched(1));
    assert_ne!(first_shard(), before, "the first shard starts elsewhere");
    c.site
        .replace(SEED, "Talk of 0000 regional", "Talk of regional");
    c.check("that word removed", Expect::Touched(1));
    assert_eq!(first_shard(), before);

    // A static page: everything; a PDF: what its article touches.
    let about = c.site.read("content/pages/about.md");
    c.site.write(
        "content/pages/about.md",
        &format!("{about}\nOne more line.\n"),
    );
    c.check("a static page", Expect::Whole);
    let pdf = c.site.path("content/2018/4/central-asia-integration.pdf");
    let mut bytes = std::fs::read(&pdf).expect("the PDF");
    bytes.extend_from_slice(b"\n% a changed PDF\n");
    std::fs::write(&pdf, bytes).expect("the PDF written");
    c.check("a PDF", Expect::Touched(1));

    // An article added, then removed.
    let new = "content/2018/4/a-new-article.md";
    let text = c
        .site
        .read(SEED)
        .replace("doi: 10.24833/2071-8160-2018-4-61-78-91\n", "")
        .replace("pages: 79-92", "pages: 93-99");
    c.site.write(new, &text);
    c.check("a new article", Expect::Whole);
    std::fs::remove_file(c.site.path(new)).expect("removed");
    c.check("an article removed", Expect::Whole);
}

#[test]
fn without_the_cache_the_build_is_whole_and_renews_it() {
    let c = Cached::new();
    c.site.replace(
        SEED,
        "Talk of regional integration has returned",
        "Talk of regional integration is back",
    );
    assert_eq!(c.build(Caching::Renew).how, How::Whole);
    c.check("a build without the cache", Expect::Unchanged);
    // A deleted output is built whole.
    std::fs::remove_dir_all(c.public()).expect("removed");
    c.check("the output deleted", Expect::Whole);
}

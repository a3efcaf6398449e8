//! The text of PDF galleys in the search index: an article without a
//! Markdown full text is found by the words of its PDF, in English and in
//! Russian; its document names the PDF and its page-text file holds the
//! pages; a damaged PDF is a warning naming it; the text is kept in the
//! build cache, and a changed PDF is read again.
//!
//! The PDFs are written here with krilla: DejaVu Sans (a subset,
//! `tests/fixtures/fonts/`) embedded with its Unicode map, as typesetting
//! software writes galleys, with page labels.

use std::num::NonZeroU32;
use std::path::Path;

use krilla::geom::Point;
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use quire::assemble::LoadOptions;
use quire::cmd::build::{build_into, Caching, How};
use serde_json::Value;

use crate::search::{gunzip, Index};
use crate::support::{tree, TestSite};

const ENGLISH: &str = "content/2020/1/first-article";
const RUSSIAN: &str = "content/2020/1/russian-article";
const ENGLISH_PAGE: &str = "/j/archive/2020/1/first-article/";
const RUSSIAN_PAGE: &str = "/j/archive/2020/1/russian-article/";

/// Lines drawn from (`x`, `y`) down, 11 pt type on 14 pt leading.
struct Block<'a> {
    x: f32,
    y: f32,
    lines: &'a [&'a str],
}

/// One column of lines at the left margin.
fn column(lines: &'static [&'static str]) -> Vec<Block<'static>> {
    vec![Block {
        x: 72.0,
        y: 100.0,
        lines,
    }]
}

/// A PDF of A4 pages, each with its `blocks`, labelled from `first`
/// (the page numbers).
fn galley(first: u32, pages: &[Vec<Block<'_>>]) -> Vec<u8> {
    let font = Font::new(
        std::fs::read(crate::support::fixtures().join("fonts/DejaVuSans-subset.ttf"))
            .expect("the test font")
            .into(),
        0,
    )
    .expect("a TrueType font");
    let mut doc = Document::new();
    for (n, blocks) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(595.0, 842.0)
            .expect("A4")
            .with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                None,
                NonZeroU32::new(first + n as u32),
            ));
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for block in blocks {
            for (i, line) in block.lines.iter().enumerate() {
                surface.draw_text(
                    Point::from_xy(block.x, block.y + 14.0 * i as f32),
                    font.clone(),
                    11.0,
                    line,
                    false,
                    TextDirection::Auto,
                );
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().expect("krilla writes the PDF")
}

/// The English galley: a page with a word hyphenated across lines, a page
/// of two columns.
fn english(extra: &'static str) -> Vec<u8> {
    let first: &'static [&'static str] = &[
        "Herding on the Kazakh steppe",
        "This study of nomadic pastora-",
        "lism follows herders between the",
        "summer and winter pastures.",
    ];
    let two_columns = vec![
        Block {
            x: 72.0,
            y: 100.0,
            lines: &[
                "The left column speaks",
                "of grain and the steppe",
                "in the north.",
            ],
        },
        Block {
            x: 320.0,
            y: 100.0,
            lines: &[
                "The right column tells",
                "of saxaul forests in",
                "the Kyzylkum desert.",
            ],
        },
    ];
    let extra = [extra];
    let last = vec![Block {
        x: 72.0,
        y: 100.0,
        lines: &extra,
    }];
    galley(84, &[column(first), two_columns, last])
}

/// The Russian galley.
fn russian() -> Vec<u8> {
    galley(
        12,
        &[column(&[
            "Хлопководство в долине",
            "Ферганы и водные ресурсы",
            "Сырдарьи.",
        ])],
    )
}

/// valid-minimal with its article (no full text) given the English galley,
/// and a Russian article without full text with the Russian one.
fn site() -> TestSite {
    let site = TestSite::fixture("valid-minimal");
    std::fs::write(
        site.path(&format!("{ENGLISH}.pdf")),
        english("Appendix on felt making."),
    )
    .expect("written");
    site.write(
        &format!("{RUSSIAN}.md"),
        "---\ntitle: Вода и хлопок\nlanguage: ru\nauthors:\n  - name: Ирина Петрова\n\
         abstract: Статья о воде.\nkeywords: [Центральная Азия]\n---\n",
    );
    std::fs::write(site.path(&format!("{RUSSIAN}.pdf")), russian()).expect("written");
    site
}

/// `quire -v build` on `site`, asserting success; its stderr.
fn build(site: &TestSite, args: &[&str]) -> String {
    let mut all = vec!["-v", "build"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    run.success().no_panic();
    run.stderr.clone()
}

/// The search folder's file `rel`, decompressed.
fn search_file(site: &TestSite, rel: &str) -> Option<Value> {
    let bytes = std::fs::read(site.public().join("search").join(rel)).ok()?;
    Some(gunzip(&bytes))
}

/// The paragraphs of `pages` (a page-text file's entries) on the page of
/// `index`.
fn paragraphs(pages: &Value, index: u64) -> Vec<String> {
    let page = pages
        .as_array()
        .expect("an array of pages")
        .iter()
        .find(|p| p[0].as_u64() == Some(index))
        .unwrap_or_else(|| panic!("no page {index} in {pages}"));
    page[2]
        .as_array()
        .expect("paragraphs")
        .iter()
        .map(|p| p.as_str().expect("a paragraph").to_string())
        .collect()
}

#[test]
fn the_words_of_a_pdf_find_its_article_and_its_pages_are_kept() {
    let site = site();
    let log = build(&site, &[]);
    assert!(!log.contains("W010"), "{log}");
    assert!(log.contains("PDF text: 2 PDFs read"), "{log}");
    let index = Index::of(&site.public());

    // Words only in the PDFs, a Russian word in another form than printed,
    // a word hyphenated across lines, a word of the right column.
    assert_eq!(index.search("saxaul"), [ENGLISH_PAGE]);
    assert_eq!(index.search("pastoralism"), [ENGLISH_PAGE]);
    assert!(index.search("pastora").is_empty());
    assert_eq!(index.search("хлопководству"), [RUSSIAN_PAGE]);
    assert_eq!(index.search("ресурсам"), [RUSSIAN_PAGE]);

    // The document keeps the abstract, not the PDF's text, and names the
    // PDF as the article page links it.
    let (_, doc) = index.document_at(ENGLISH_PAGE);
    assert_eq!(
        doc["pdf"],
        "/j/archive/2020/1/first-article/first-article.pdf"
    );
    assert_eq!(
        doc["text"],
        serde_json::json!(["The article asks what holds a region together."])
    );
    let page = site.read("public/archive/2020/1/first-article/index.html");
    assert!(page.contains("href=\"/j/archive/2020/1/first-article/first-article.pdf\""));

    // Its page-text file, beside the document: every page with its index,
    // label and paragraphs; the two columns one after the other.
    let pages = search_file(&site, "p/2020/1/0.json.gz").expect("the page-text file");
    assert_eq!(pages.as_array().map(Vec::len), Some(3), "{pages}");
    assert_eq!(pages[0][0], 1);
    assert_eq!(pages[0][1], "84");
    let first = paragraphs(&pages, 1).join(" ");
    assert!(first.contains("nomadic pastoralism follows"), "{first}");
    let second = paragraphs(&pages, 2);
    let left = second.iter().position(|p| p.contains("left column"));
    let right = second.iter().position(|p| p.contains("saxaul"));
    assert!(
        left.is_some() && right.is_some() && left < right,
        "{second:?}"
    );
    assert!(
        second
            .iter()
            .any(|p| p == "The left column speaks of grain and the steppe in the north."),
        "{second:?}"
    );
    assert_eq!(pages[2][1], "86");
    let russian = index
        .document_at(RUSSIAN_PAGE)
        .1
        .get("pdf")
        .and_then(Value::as_str)
        .map(str::to_string);
    assert_eq!(
        russian.as_deref(),
        Some("/j/archive/2020/1/russian-article/russian-article.pdf")
    );
    let russian_pages = search_file(&site, "p/2020/1/1.json.gz").expect("the Russian page text");
    assert_eq!(russian_pages[0][1], "12");
    assert_eq!(
        paragraphs(&russian_pages, 1),
        ["Хлопководство в долине Ферганы и водные ресурсы Сырдарьи."]
    );
}

#[test]
fn an_article_with_a_full_text_is_not_indexed_by_its_pdf() {
    let site = site();
    let text = site.read(&format!("{ENGLISH}.md"));
    site.write(
        &format!("{ENGLISH}.md"),
        &format!("{text}\nThe full text, in Markdown.\n"),
    );
    let log = build(&site, &[]);
    assert!(log.contains("PDF text: 1 PDFs read"), "{log}");
    let index = Index::of(&site.public());
    assert!(index.search("saxaul").is_empty());
    let (_, doc) = index.document_at(ENGLISH_PAGE);
    assert!(doc.get("pdf").is_none(), "{doc}");
    assert!(search_file(&site, "p/2020/1/0.json.gz").is_none());
}

#[test]
fn a_damaged_pdf_is_a_warning_naming_it_on_every_build() {
    let site = site();
    std::fs::write(site.path(&format!("{ENGLISH}.pdf")), b"%PDF-1.7\nnot a PDF").expect("written");
    for _ in 0..2 {
        let log = build(&site, &[]);
        assert!(
            log.contains("warning[W010]: the PDF's text cannot be read"),
            "{log}"
        );
        assert!(log.contains(&format!("{ENGLISH}.pdf:1:1")), "{log}");
    }
    let index = Index::of(&site.public());
    assert!(index.search("saxaul").is_empty());
    assert_eq!(index.search("хлопководству"), [RUSSIAN_PAGE]);
    assert!(index.document_at(ENGLISH_PAGE).1.get("pdf").is_none());
    assert!(search_file(&site, "p/2020/1/0.json.gz").is_none());
    // `check` reads the PDFs too, and says the same.
    let check = site.check();
    assert_eq!(check.code, Some(0), "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains(&format!("{ENGLISH}.pdf:1:1: warning[W010]")),
        "{}",
        check.stderr
    );
}

/// Builds `site` with the build cache into its `public/`, and compares the
/// output with a build without the cache into `fresh`.
fn cached_equals_uncached(site: &TestSite, fresh: &Path) -> How {
    let built = build_into(
        site.root(),
        &LoadOptions::default(),
        &site.public(),
        Caching::Use,
    )
    .expect("the build runs");
    assert!(built.stats.is_some());
    let _ = std::fs::remove_dir_all(fresh);
    let whole = build_into(site.root(), &LoadOptions::default(), fresh, Caching::Off)
        .expect("the build runs");
    assert!(whole.stats.is_some());
    assert!(
        tree(&site.public()) == tree(fresh),
        "the cached build differs from a build without the cache"
    );
    built.how
}

#[test]
fn the_text_is_cached_and_a_changed_pdf_is_read_again() {
    let site = site();
    build(&site, &[]);
    let before = tree(&site.public());

    // A build that renders everything reads no PDF: the text is cached.
    let log = build(&site, &["--no-cache"]);
    assert!(
        log.contains("PDF text: 0 PDFs read in 0.000 s of work, 2 from the build cache"),
        "{log}"
    );
    assert!(tree(&site.public()) == before, "byte for byte the same");

    // Built here from now on (the build cache knows the program that
    // built: this one is not `quire`, so this first build is whole).
    let fresh = tempfile::tempdir().expect("a temporary folder");
    let fresh = fresh.path().join("public");
    assert_eq!(cached_equals_uncached(&site, &fresh), How::Whole);

    // A changed PDF: its article is rendered and indexed again, alone.
    std::fs::write(
        site.path(&format!("{ENGLISH}.pdf")),
        english("Appendix on yurt building."),
    )
    .expect("written");
    assert_eq!(cached_equals_uncached(&site, &fresh), How::Touched(1));
    let index = Index::of(&site.public());
    assert_eq!(index.search("yurt"), [ENGLISH_PAGE]);
    assert!(index.search("felt").is_empty());

    // The stale entry goes with the next whole build.
    let store = site.path(".quire-cache/pdf");
    let entries = || std::fs::read_dir(&store).expect("the store").count();
    assert_eq!(entries(), 3);
    let renewed = build_into(
        site.root(),
        &LoadOptions::default(),
        &site.public(),
        Caching::Renew,
    )
    .expect("the build runs");
    assert_eq!(renewed.how, How::Whole);
    assert_eq!(entries(), 2);

    // Damaged, then mended: the page-text file goes, and comes back.
    let good = std::fs::read(site.path(&format!("{ENGLISH}.pdf"))).expect("the PDF");
    std::fs::write(site.path(&format!("{ENGLISH}.pdf")), b"damaged").expect("written");
    assert_eq!(cached_equals_uncached(&site, &fresh), How::Touched(1));
    assert!(search_file(&site, "p/2020/1/0.json.gz").is_none());
    std::fs::write(site.path(&format!("{ENGLISH}.pdf")), good).expect("written");
    assert_eq!(cached_equals_uncached(&site, &fresh), How::Touched(1));
    assert!(search_file(&site, "p/2020/1/0.json.gz").is_some());
}

/// With the PDFs on another host, a document names the PDF there, as the
/// article page links it; the sample's articles without a full text are
/// found by their PDFs' words, those with one are not given a `pdf`.
#[test]
fn a_pdf_on_the_galleys_host_is_named_there() {
    let built = crate::support::built_sample_with_galleys();
    let index = Index::of(&built.public());
    let (_, doc) = index.document_at("/journal/archive/2018/4/central-asia-integration/");
    assert_eq!(
        doc["pdf"],
        format!(
            "{}2018/4/central-asia-integration.pdf",
            crate::support::GALLEYS_URL
        )
    );
    let (_, with_body) = index.document_at("/journal/archive/2018/4/water-energy-syr-darya/");
    assert!(with_body.get("pdf").is_none(), "{with_body}");
    assert!(built
        .read("public/archive/2018/4/central-asia-integration/index.html")
        .contains(doc["pdf"].as_str().expect("an address")));
}

//! The sample's two PDF galleys with text (`examples/sample-galleys.rs`
//! writes them) read as the search reads them: pages labelled from the
//! article's first page, the running header and page numbers left out, the
//! two-column page read column by column, the word hyphenated across lines
//! joined; and the words the browser suite searches for found on their page
//! and in no Markdown file of the sample.

use std::fs;
use std::path::Path;

use quire::pdf::{self, PageText};

use crate::support;

fn sample() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pages(name: &str) -> Vec<PageText> {
    let bytes = fs::read(sample().join("content/2019/1").join(name)).expect("the galley is there");
    let text = pdf::text(&bytes).expect("the galley has text");
    assert!(
        text.unreadable_pages.is_empty(),
        "{name}: {:?}",
        text.unreadable_pages
    );
    text.pages
}

fn labels(pages: &[PageText]) -> Vec<(u32, Option<&str>)> {
    pages
        .iter()
        .map(|p| (p.index, p.label.as_deref()))
        .collect()
}

/// The pages whose text holds `word` (as a whole word), by index.
fn pages_with(pages: &[PageText], word: &str) -> Vec<u32> {
    pages
        .iter()
        .filter(|p| {
            p.text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == word)
        })
        .map(|p| p.index)
        .collect()
}

/// No Markdown file of the sample has `stem` (the word searched for, in any
/// of its forms), so only the galley can make the search find it.
fn in_no_markdown(stem: &str) {
    for file in support::files_with_extension(&sample().join("content"), "md") {
        let text = fs::read_to_string(&file)
            .expect("Markdown is text")
            .to_lowercase();
        assert!(!text.contains(stem), "{} has {stem:?}", file.display());
    }
}

#[test]
fn english_galley_reads_as_printed() {
    let pages = pages("afghanistan-northern-neighbours.pdf");
    assert_eq!(
        labels(&pages),
        [
            (1, Some("25")),
            (2, Some("26")),
            (3, Some("27")),
            (4, Some("28"))
        ]
    );
    // "trans-" ends a line of the right column, "shipment" starts the next.
    assert_eq!(pages_with(&pages, "transshipment"), [3]);
    let columns = &pages[2].text;
    assert!(!columns.contains("trans-"), "{columns}");
    let left = columns.find("Friendship Bridge").expect("the left column");
    let right = columns.find("The change comes").expect("the right column");
    assert!(left < right, "the left column is read first: {columns}");
    for page in &pages {
        assert!(
            !page
                .text
                .contains("Review of Eurasian Regional Studies · 2019"),
            "{}",
            page.text
        );
    }
    in_no_markdown("transship");
}

#[test]
fn russian_galley_reads_as_printed() {
    let pages = pages("kyrgyzstan-eaeu.pdf");
    assert_eq!(
        labels(&pages),
        [(1, Some("41")), (2, Some("42")), (3, Some("43"))]
    );
    // The suite types "челноки"; the galley says "челноков", on its page 42.
    assert_eq!(pages_with(&pages, "челноков"), [2]);
    assert_eq!(pages_with(&pages, "сертификации"), [3]);
    let columns = &pages[1].text;
    let left = columns.find("челноков").expect("the left column");
    let right = columns
        .find("единый таможенный тариф")
        .expect("the right column");
    assert!(left < right, "the left column is read first: {columns}");
    for page in &pages {
        assert!(
            !page.text.contains("Обозрение евразийских"),
            "{}",
            page.text
        );
    }
    in_no_markdown("челнок");
}

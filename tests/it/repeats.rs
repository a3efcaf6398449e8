//! What the output writes once instead of on every page: the abstract is
//! whole in one tag of an article page's head, and a term page lists an
//! article without its DOI (docs/scholarly-outputs.md, ARCHITECTURE.md
//! "What the output holds and why").

use scraper::{Html, Selector};

use crate::support::{built_sample, SEED_DOI};

/// The seed article's folder under `public/`.
const SEED: &str = "archive/2018/4/central-asia-integration";

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector).collect()
}

/// The `content` of every `<meta>` matching `selector`.
fn contents(doc: &Html, selector: &str) -> Vec<String> {
    select(doc, selector)
        .iter()
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect()
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_head_holds_the_abstract_whole_once_and_its_start_for_snippets() {
    let site = built_sample();
    let page = Html::parse_document(&site.read(&format!("public/{SEED}/index.html")));
    let shown = folded(
        &select(&page, ".abstract .abstract-text")[0]
            .text()
            .collect::<String>(),
    );
    assert!(shown.chars().count() > 300, "the seed's abstract is long");

    assert_eq!(
        contents(&page, r#"meta[name="citation_abstract"]:not([lang])"#),
        std::slice::from_ref(&shown)
    );
    // The translation's abstract is there too, in its language.
    assert_eq!(
        contents(&page, r#"meta[name="citation_abstract"][lang="ru"]"#).len(),
        1
    );
    assert!(contents(&page, r#"meta[name="DC.description"]"#).is_empty());
    assert!(contents(&page, r#"meta[property="article:tag"]"#).is_empty());

    // Search results and link previews get its start, cut at a word.
    for selector in [
        r#"meta[name="description"]"#,
        r#"meta[property="og:description"]"#,
    ] {
        let snippet = contents(&page, selector);
        assert_eq!(snippet.len(), 1, "{selector}");
        let start = snippet[0]
            .strip_suffix('…')
            .unwrap_or_else(|| panic!("{selector} ends in an ellipsis: {snippet:?}"));
        assert!(start.chars().count() <= 300, "{selector}: {start}");
        assert!(shown.starts_with(start), "{selector}: {start}");
        assert!(
            shown[start.len()..].starts_with(' '),
            "{selector} ends at a word: {start}"
        );
    }

    let script = select(&page, r#"script[type="application/ld+json"]"#);
    let json: serde_json::Value =
        serde_json::from_str(&script[0].text().collect::<String>()).expect("JSON-LD parses");
    assert_eq!(json["@type"], "ScholarlyArticle");
    assert!(json.get("abstract").is_none() && json.get("description").is_none());
}

#[test]
fn a_term_page_lists_an_article_without_the_doi_its_issue_shows() {
    let site = built_sample();
    let doi_url = format!("https://doi.org/{SEED_DOI}");
    let seed_entry = |doc: &Html| -> String {
        select(doc, "li.entry")
            .into_iter()
            .find(|e| e.html().contains("central-asia-integration/\""))
            .expect("the seed is listed")
            .html()
    };

    let issue = Html::parse_document(&site.read("public/archive/2018/4/index.html"));
    assert!(
        seed_entry(&issue).contains(&doi_url),
        "the issue's contents"
    );

    for term in [
        "keywords/central-asia",
        "countries/kazakhstan",
        "authors/makhmutova-evgeniya-v",
    ] {
        let page = Html::parse_document(&site.read(&format!("public/{term}/index.html")));
        let entry = seed_entry(&page);
        assert!(!entry.contains(&doi_url), "{term}: {entry}");
        assert!(entry.contains("class=\"entry-issue\""), "{term}: {entry}");
    }
}

//! Two interface languages (`languages: [ru, en]`): the default tree at the
//! base path and the English one under `/en/`, every page in both, each
//! page's twin named by a language switch and reciprocal `hreflang` links,
//! every link leading to a file of the output, and the files both trees
//! share written once (`tests/fixtures/bilingual/`).

use std::collections::{BTreeMap, BTreeSet};

use scraper::{Html, Selector};

use crate::support::{self, built_fixture, BuiltSite};

/// The fixture's base path and origin.
const BASE: &str = "/vestnik/";
const ORIGIN: &str = "https://example.org";

fn built() -> &'static BuiltSite {
    built_fixture("bilingual")
}

/// Every page of the output, by its path under `public/` (`en/archive/`).
fn pages() -> BTreeMap<String, Html> {
    let public = built().public();
    support::files_with_extension(&public, "html")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| {
            let rel = support::relative(&public, p.parent().expect("a folder"));
            let html = std::fs::read_to_string(&p).expect("a page");
            (rel, Html::parse_document(&html))
        })
        .collect()
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector).collect()
}

#[test]
fn every_page_exists_in_both_trees() {
    let pages = pages();
    let english: BTreeSet<&str> = pages
        .keys()
        .filter_map(|p| p.strip_prefix("en/").or((p == "en").then_some("")))
        .collect();
    let russian: BTreeSet<&str> = pages
        .keys()
        .map(String::as_str)
        .filter(|p| *p != "en" && !p.starts_with("en/"))
        .collect();
    assert!(russian.len() > 30, "only {} pages", russian.len());
    assert_eq!(russian, english, "the trees differ");
    for kind in [
        "",
        "archive",
        "archive/2020/1",
        "archive/2020/1/statya-1",
        "keywords",
        "countries",
        "regions",
        "authors",
        "search",
    ] {
        assert!(russian.contains(kind), "no /{kind}/ page");
    }
}

#[test]
fn each_tree_speaks_its_language() {
    let pages = pages();
    let h1 = |page: &str| -> String {
        select(&pages[page], "h1")
            .first()
            .map(|e| e.text().collect())
            .unwrap_or_default()
    };
    assert_eq!(h1("archive"), "Архив");
    assert_eq!(h1("en/archive"), "Archive");
    let lang = |page: &str| -> String {
        select(&pages[page], "html")[0]
            .value()
            .attr("lang")
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(lang("archive"), "ru");
    assert_eq!(lang("en/archive"), "en");
    let title =
        |page: &str| -> String { select(&pages[page], ".site-title a")[0].text().collect() };
    assert_eq!(title(""), "Вестник региональных исследований");
    assert_eq!(title("en"), "Herald of Regional Studies");
}

#[test]
fn hreflang_pairs_are_reciprocal_and_the_switch_leads_to_the_twin() {
    let pages = pages();
    let alternates = |doc: &Html| -> BTreeMap<String, String> {
        select(doc, r#"link[rel="alternate"][hreflang]"#)
            .into_iter()
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap_or_default().to_string(),
                    e.value().attr("href").unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    for (page, doc) in &pages {
        let own = alternates(doc);
        let here = format!(
            "{ORIGIN}{BASE}{}",
            if page.is_empty() {
                String::new()
            } else {
                format!("{page}/")
            }
        );
        assert_eq!(own.len(), 3, "/{page}/: {own:?}");
        assert!(
            own.values().any(|url| *url == here),
            "/{page}/ is not among its own alternates"
        );
        assert_eq!(
            own["x-default"], own["ru"],
            "/{page}/: x-default is the default language's"
        );
        for url in own.values() {
            let rel = url
                .strip_prefix(&format!("{ORIGIN}{BASE}"))
                .unwrap_or_else(|| panic!("/{page}/: {url} is outside the site"))
                .trim_end_matches('/');
            let twin = pages
                .get(rel)
                .unwrap_or_else(|| panic!("/{page}/: {url} is no page of the output"));
            assert_eq!(alternates(twin), own, "/{page}/ and /{rel}/ disagree");
        }
        let switch: Vec<String> = select(doc, ".language-switch a")
            .into_iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect();
        let expected: Vec<String> = ["ru", "en"]
            .iter()
            .map(|l| own[*l].trim_start_matches(ORIGIN).to_string())
            .collect();
        assert_eq!(switch, expected, "/{page}/: the language switch");
    }
}

#[test]
fn every_link_leads_to_a_file_of_the_output() {
    let public = built().public();
    let mut checked = 0;
    for (page, doc) in pages() {
        for e in select(
            &doc,
            "a[href], link[href], img[src], script[src], form[action]",
        ) {
            let value = e.value();
            let href = value
                .attr("href")
                .or(value.attr("src"))
                .or(value.attr("action"))
                .unwrap_or_default();
            let href = href.strip_prefix(ORIGIN).unwrap_or(href);
            let Some(rest) = href.strip_prefix(BASE) else {
                continue;
            };
            let path = rest.split(['#', '?']).next().unwrap_or("");
            let file = if path.is_empty() || path.ends_with('/') {
                public.join(path).join("index.html")
            } else {
                public.join(path)
            };
            assert!(file.is_file(), "/{page}/: {href} leads to nothing");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links");
}

#[test]
fn shared_files_are_written_once_and_linked_from_both_trees() {
    let public = built().public();
    let article = "archive/2020/1/statya-1";
    assert!(public.join(article).join("cite.ris").is_file());
    assert!(
        !public.join("en").join(article).join("cite.ris").exists(),
        "a download in the English tree"
    );
    assert!(!public.join("en/style.css").exists() && !public.join("en/sitemap.xml").exists());
    let english = std::fs::read_to_string(public.join("en").join(article).join("index.html"))
        .expect("the English page");
    assert!(
        english.contains(&format!("{BASE}{article}/cite.ris")),
        "the English page links the shared download"
    );
    // One search index, which both search pages read.
    assert!(public.join("search/index.json").is_file());
    assert!(!public.join("en/search/index.json").exists());
    let search = std::fs::read_to_string(public.join("en/search/index.html"))
        .expect("the English search page");
    assert!(
        search.contains(&format!("{BASE}search/index.json")),
        "the English search page reads the one index"
    );
}

#[test]
fn an_article_shows_its_translation_in_the_page_language_and_its_original_below() {
    let pages = pages();
    let english = &pages["en/archive/2020/1/statya-1"];
    let lang = |doc: &Html| {
        select(doc, "html")[0]
            .value()
            .attr("lang")
            .unwrap_or_default()
            .to_string()
    };
    let text = |doc: &Html, s: &str| -> String {
        select(doc, s)
            .first()
            .map(|e| e.text().collect())
            .unwrap_or_default()
    };
    assert_eq!(lang(english), "en");
    assert_eq!(text(english, "h1"), "Integration in Central Asia");
    let original = select(english, r#"section.translation[lang="ru"]"#);
    assert_eq!(original.len(), 1, "the original below, marked lang=ru");
    assert!(original[0]
        .text()
        .collect::<String>()
        .contains("Интеграция в Центральной Азии"));
    assert_eq!(
        select(english, r#".article-body[lang="ru"]"#).len(),
        1,
        "the full text is marked Russian"
    );
    let keywords: Vec<String> = select(english, ".terms dd a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(
        keywords.starts_with(&["regionalism".to_string(), "Kazakhstan".to_string()]),
        "{keywords:?}"
    );
    // The Russian page shows the original, with the English translation below.
    let russian = &pages["archive/2020/1/statya-1"];
    assert_eq!(lang(russian), "ru");
    assert_eq!(text(russian, "h1"), "Интеграция в Центральной Азии");
    assert_eq!(
        select(russian, r#"section.translation[lang="en"]"#).len(),
        1
    );
    // Machines read the article in its language of record on both trees.
    let citation_title = |doc: &Html| {
        select(doc, r#"meta[name="citation_title"]"#)[0]
            .value()
            .attr("content")
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(citation_title(english), citation_title(russian));
    assert_eq!(citation_title(russian), "Интеграция в Центральной Азии");
}

#[test]
fn an_article_without_a_translation_says_it_shows_the_original() {
    let pages = pages();
    let doc = &pages["en/archive/2020/2/statya-2"];
    assert_eq!(select(doc, "html")[0].value().attr("lang"), Some("ru"));
    let note = select(doc, r#".original-note[lang="en"]"#);
    assert_eq!(note.len(), 1, "the note, in English, marked so");
    assert!(select(&pages["archive/2020/2/statya-2"], ".original-note").is_empty());
}

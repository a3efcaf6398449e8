//! Taxonomy pages on a small fixture: exact article lists across
//! pagination, merged spellings, countries from keywords, regions, and
//! authors by ORCID and by name.

use std::path::Path;

use scraper::{Html, Selector};

use crate::support::{self, built_fixture, built_sample, BuiltSite};

/// The article addresses a list page shows, in order.
fn listed(public: &Path, page: &str) -> Vec<String> {
    let path = public.join(page).join("index.html");
    let html = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc = Html::parse_document(&html);
    let links = Selector::parse("main .entry-title a").expect("a valid selector");
    doc.select(&links)
        .filter_map(|a| a.value().attr("href"))
        .map(|href| {
            href.trim_start_matches("/j/archive/")
                .trim_end_matches('/')
                .to_string()
        })
        .collect()
}

/// The `href` of the head's `<link rel=...>`, if any.
fn head_link(public: &Path, page: &str, rel: &str) -> Option<String> {
    let html = std::fs::read_to_string(public.join(page).join("index.html")).expect("page exists");
    let doc = Html::parse_document(&html);
    let selector = Selector::parse(&format!("head link[rel=\"{rel}\"]")).expect("a valid selector");
    doc.select(&selector)
        .next()
        .and_then(|l| l.value().attr("href"))
        .map(str::to_string)
}

/// The taxonomy fixture, built once for all the tests here.
fn built() -> &'static BuiltSite {
    built_fixture("taxonomy")
}

#[test]
fn keyword_pages_paginate_newest_first() {
    let site = built();
    let public = site.public();
    assert_eq!(
        listed(&public, "keywords/central-asia"),
        ["2021/1/e", "2021/1/d"]
    );
    assert_eq!(
        listed(&public, "keywords/central-asia/page/2"),
        ["2021/1/c", "2020/1/b"]
    );
    assert_eq!(
        listed(&public, "keywords/central-asia/page/3"),
        ["2020/1/a"]
    );
    assert!(
        !public.join("keywords/central-asia/page/1").exists(),
        "page 1 is the term's own address"
    );
    assert!(!public.join("keywords/central-asia/page/4").exists());
    assert_eq!(head_link(&public, "keywords/central-asia", "prev"), None);
    assert_eq!(
        head_link(&public, "keywords/central-asia", "next").as_deref(),
        Some("/j/keywords/central-asia/page/2/")
    );
    assert_eq!(
        head_link(&public, "keywords/central-asia/page/3", "prev").as_deref(),
        Some("/j/keywords/central-asia/page/2/")
    );
    assert_eq!(
        head_link(&public, "keywords/central-asia/page/3", "next"),
        None
    );
    assert!(public.join("keywords/central-asia/feed.xml").is_file());
}

#[test]
fn three_spellings_make_one_keyword() {
    let site = built();
    let keywords: Vec<String> = std::fs::read_dir(site.public().join("keywords"))
        .expect("keywords folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("central"))
        .collect();
    assert_eq!(keywords, ["central-asia"]);
    let page = site.read("public/keywords/central-asia/index.html");
    assert!(page.contains("<h1"), "a term page has a heading");
    assert!(
        page.contains("Central Asia"),
        "shown in the spelling most articles use"
    );
}

#[test]
fn countries_come_from_the_field_and_from_whole_keywords() {
    let site = built();
    let public = site.public();
    assert_eq!(
        listed(&public, "countries/kazakhstan"),
        ["2020/1/b", "2020/1/a"]
    );
    assert_eq!(listed(&public, "countries/kyrgyzstan"), ["2021/1/c"]);
    assert!(
        !public.join("countries/georgia").exists(),
        "`Georgian politics` names no country"
    );
    // Regions come from countries and from keywords naming a region, so
    // every article here is in Central Asia.
    assert_eq!(
        listed(&public, "regions/central-asia"),
        ["2021/1/e", "2021/1/d"]
    );
    assert_eq!(listed(&public, "regions/central-asia/page/3"), ["2020/1/a"]);
    let region = site.read("public/regions/central-asia/index.html");
    assert!(
        region.contains("/j/countries/kazakhstan/") && region.contains("/j/countries/kyrgyzstan/"),
        "the region lists its countries"
    );
}

#[test]
fn authors_by_orcid_and_by_name() {
    let site = built();
    let public = site.public();
    // The entry without an ORCID joins the one ORCID holder of that name.
    assert_eq!(
        listed(&public, "authors/smith-anna"),
        ["2020/1/b", "2020/1/a"]
    );
    // Namesakes with different ORCIDs get two pages, numbered in archive order.
    assert_eq!(listed(&public, "authors/doe-john"), ["2021/1/d"]);
    assert_eq!(listed(&public, "authors/doe-john-2"), ["2021/1/e"]);
    assert!(site
        .read("public/authors/doe-john/index.html")
        .contains("0000-0001-5109-3700"));
}

#[test]
fn article_pages_link_their_terms_and_related_articles() {
    let site = built();
    let page = site.read("public/archive/2020/1/a/index.html");
    for link in [
        "/j/keywords/central-asia/",
        "/j/keywords/water/",
        "/j/countries/kazakhstan/",
        "/j/regions/central-asia/",
        "/j/authors/smith-anna/",
    ] {
        assert!(
            page.contains(&format!("href=\"{link}\"")),
            "article A links {link}"
        );
    }
    // B shares a keyword and a country with A: the most related.
    let doc = Html::parse_document(&page);
    let related = Selector::parse(".related .entry-title a").expect("a valid selector");
    let first = doc
        .select(&related)
        .next()
        .and_then(|a| a.value().attr("href"));
    assert_eq!(first, Some("/j/archive/2020/1/b/"));
}

#[test]
fn sitemap_lists_every_term_page() {
    let site = built();
    let sitemap: String = support::sitemaps(&site.public(), "https://example.org/j/")
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("a sitemap"))
        .collect();
    for page in [
        "keywords/",
        "keywords/central-asia/",
        "keywords/central-asia/page/3/",
        "countries/kazakhstan/",
        "regions/central-asia/",
        "authors/doe-john-2/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/j/{page}</loc>")),
            "sitemap lists {page}"
        );
    }
}

#[test]
fn the_seed_article_is_on_its_term_pages_in_the_sample() {
    let site = built_sample();
    let seed = "/archive/2018/4/central-asia-integration/";
    for page in [
        "keywords/central-asia",
        "countries/kazakhstan",
        "countries/uzbekistan",
        "regions/central-asia",
        "authors/makhmutova-evgeniya-v",
    ] {
        let html = site.read(&format!("public/{page}/index.html"));
        assert!(html.contains(seed), "{page} lists the seed article");
    }
    // "Central Asia", "central asia" and "Central  Asia" are one keyword in the sample.
    let variants: Vec<String> = std::fs::read_dir(site.public().join("keywords"))
        .expect("keywords folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("central-asia"))
        .collect();
    assert_eq!(variants, ["central-asia"]);
}

//! The archive's own citation graph (issue 16): a reference naming an
//! article of the archive, by DOI or by a link to its page, links to that
//! page, and the cited article lists the articles citing it.
//!
//! The sample's own references already cite three of its articles by DOI;
//! the test copies it and makes one of them a link instead, adds a second
//! citation of the same article by the same citing one and a
//! self-citation, and reads the pages, the JSON-LD and the JATS.

use scraper::{Html, Selector};

use crate::support::{built_sample, TestSite};
use crate::validate::xmllint_validates;

/// A: cited by B (by DOI) and C (by a link to its Russian page).
const A: &str = "archive/2018/4/russia-china-central-asia";
const A_FILE: &str = "content/2018/4/russia-china-central-asia.md";
/// B: 2019, cites A by its DOI, twice.
const B: &str = "archive/2019/2/russia-china-alignment";
const B_FILE: &str = "content/2019/2/russia-china-alignment.md";
/// C: 2020, cites A by a root-relative link to its page.
const C: &str = "archive/2020/1/china-central-asia-security";
const C_FILE: &str = "content/2020/1/china-central-asia-security.md";
const A_DOI_URL: &str = "https://doi.org/10.24833/sample-2018-4-01";

fn cited_site() -> TestSite {
    let site = TestSite::sample();
    site.replace(
        C_FILE,
        A_DOI_URL,
        "URL: /journal/ru/archive/2018/4/russia-china-central-asia",
    )
    .replace(
        B_FILE,
        "references:\n",
        "references:\n  - \"Lebedev I. V. The same article again. doi:10.24833/SAMPLE-2018-4-01.\"\n",
    )
    .replace(
        A_FILE,
        "references:\n",
        "references:\n  - \"Lebedev I. V. An earlier note. https://example.github.io/journal/archive/2018/4/russia-china-central-asia/\"\n",
    );
    site.build(&[]).success();
    site
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(css).expect("selector");
    page.select(&selector).collect()
}

fn text(element: &scraper::ElementRef) -> String {
    element.text().collect::<String>()
}

fn json_ld(page: &Html) -> serde_json::Value {
    let script = select(page, r#"script[type="application/ld+json"]"#);
    serde_json::from_str(&text(&script[0])).expect("JSON-LD parses")
}

#[test]
fn a_cited_article_lists_the_articles_citing_it_newest_first() {
    let site = cited_site();
    let page = Html::parse_document(&site.read(&format!("public/{A}/index.html")));
    let heading = select(&page, "#cited-by-heading");
    assert_eq!(text(&heading[0]), "Cited in this journal by 2 articles");
    let listed: Vec<String> = select(&page, ".cited-by-list .entry-title a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or("").to_string())
        .collect();
    // C (2020) before B (2019); B once though it cites A twice; A's own
    // reference to itself is not counted.
    assert_eq!(listed, [format!("/journal/{C}/"), format!("/journal/{B}/")]);
    // Its self-citation is not linked either.
    let own = format!("/journal/{A}/");
    assert!(select(&page, ".references .reference-in-journal")
        .iter()
        .all(|a| a.value().attr("href") != Some(own.as_str())));

    let ru = Html::parse_document(&site.read(&format!("public/ru/{A}/index.html")));
    let heading = select(&ru, "#cited-by-heading");
    assert_eq!(
        text(&heading[0]),
        "Цитируется в\u{a0}этом журнале в\u{a0}2\u{a0}статьях"
    );
    let listed = select(&ru, ".cited-by-list .entry-title a");
    assert_eq!(
        listed[0].value().attr("href"),
        Some(format!("/journal/ru/{C}/").as_str())
    );
}

#[test]
fn a_reference_naming_an_archive_article_links_to_its_page() {
    let site = cited_site();
    for (citing, tree) in [(B, ""), (C, ""), (B, "ru/"), (C, "ru/")] {
        let page = Html::parse_document(&site.read(&format!("public/{tree}{citing}/index.html")));
        let links: Vec<String> = select(&page, ".references .reference-in-journal")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or("").to_string())
            .collect();
        assert!(
            links.contains(&format!("/journal/{tree}{A}/")),
            "{tree}{citing}: {links:?}"
        );
    }
    // B's DOI link stays beside the link to A's page.
    let b = site.read(&format!("public/{B}/index.html"));
    assert!(b.contains(&format!("<a href=\"{A_DOI_URL}\">")), "{b}");
}

#[test]
fn json_ld_and_jats_name_the_cited_article() {
    let site = cited_site();
    let a_url = format!("https://example.github.io/journal/{A}/");
    let page = Html::parse_document(&site.read(&format!("public/{C}/index.html")));
    let json = json_ld(&page);
    let cited: Vec<&serde_json::Value> = json["citation"]
        .as_array()
        .expect("a citation list")
        .iter()
        .filter(|c| c.is_object())
        .collect();
    assert_eq!(cited.len(), 1, "{json}");
    assert_eq!(cited[0]["@id"], a_url.as_str());
    assert_eq!(cited[0]["url"], a_url.as_str());
    assert_eq!(cited[0]["sameAs"], A_DOI_URL);
    assert_eq!(cited[0]["identifier"]["value"], "10.24833/sample-2018-4-01");
    assert!(json["citation"][1].is_string(), "{json}");

    // C wrote no DOI: the JATS adds A's, and the link to A's page.
    let jats_path = site.path(&format!("public/{C}/article.jats.xml"));
    let jats = std::fs::read_to_string(&jats_path).expect("C's JATS");
    assert!(
        jats.contains("<pub-id pub-id-type=\"doi\">10.24833/sample-2018-4-01</pub-id>"),
        "{jats}"
    );
    assert!(
        jats.contains(&format!(
            "<ext-link ext-link-type=\"uri\" xlink:href=\"{a_url}\">{a_url}</ext-link>"
        )),
        "{jats}"
    );
    let b_jats = site.path(&format!("public/{B}/article.jats.xml"));
    xmllint_validates(
        "jats-1.3",
        "JATS-journalpublishing1-3-mathml3.xsd",
        &[jats_path, b_jats],
    );
}

/// The sample shows the feature as it is, so the checks of every built
/// page (the Nu checker, axe, JATS against its schema) see it.
#[test]
fn the_sample_shows_its_own_citations() {
    let site = built_sample();
    let page = Html::parse_document(&site.read(&format!("public/{A}/index.html")));
    assert_eq!(select(&page, ".cited-by-list li").len(), 2);
    let cited =
        Html::parse_document(&site.read("public/archive/2017/1/caspian-legal-status/index.html"));
    let heading = select(&cited, "#cited-by-heading");
    assert_eq!(text(&heading[0]), "Cited in this journal by 1 article");
}

/// Author and term pages show how often each listed article is cited in
/// the journal, linked to the list on its page; articles nobody cites
/// show nothing. (The statistics fixture: A1 cited by 3, B1 by 2, B2 and
/// A2 by 1, C1 and C2 by none.)
#[test]
fn term_and_author_pages_show_each_entrys_citations() {
    let site = crate::support::built_fixture("statistics");
    let cited = |page: &str| -> Vec<(String, String)> {
        let html = Html::parse_document(&site.read(page));
        select(&html, ".entry")
            .iter()
            .map(|entry| {
                let title = entry
                    .select(&Selector::parse(".entry-title a").expect("selector"))
                    .next()
                    .map(|a| text(&a))
                    .unwrap_or_default();
                let count = entry
                    .select(&Selector::parse(".entry-cited a").expect("selector"))
                    .next()
                    .map(|a| format!("{} {}", a.value().attr("href").unwrap_or(""), text(&a)))
                    .unwrap_or_default();
                (title, count)
            })
            .collect()
    };
    let pair = |t: &str, c: &str| (t.to_string(), c.to_string());
    assert_eq!(
        cited("public/keywords/water/index.html"),
        [
            pair("Article C2", ""),
            pair("Article C1", ""),
            pair(
                "Article A1",
                "/j/archive/2014/1/a1/#cited-by-heading Cited in this journal by 3 articles"
            ),
        ]
    );
    let author = cited("public/authors/smith-anna/index.html");
    assert!(author.contains(&pair(
        "Article B1",
        "/j/archive/2016/1/b1/#cited-by-heading Cited in this journal by 2 articles"
    )));
    let ru = cited("public/ru/countries/kazakhstan/index.html");
    assert!(
        ru.contains(&pair(
            "Article A2",
            "/j/ru/archive/2014/1/a2/#cited-by-heading Цитируется в\u{a0}этом журнале в\u{a0}1\u{a0}статье"
        )),
        "{ru:?}"
    );
    // The link's target is there.
    let a1 = site.read("public/archive/2014/1/a1/index.html");
    assert!(a1.contains("id=\"cited-by-heading\""));
}

//! What harvesters read: the DOAJ records beside each issue (`doaj.xml`) and
//! the OAI-PMH static repository at the root (`oai.xml`), checked for the
//! seed article's facts. Their validity against the schemas is checked in
//! `validate.rs`.

use roxmltree::{Document, Node};

use crate::build::built_sample;

/// The seed article's facts, as its front matter gives them.
const SEED_TITLE: &str = "Central Asia in Search for its Own Way of Integration";
const SEED_DOI: &str = "10.24833/2071-8160-2018-4-61-78-91";
const SEED_AUTHOR: &str = "Evgeniya V. Makhmutova";
const SEED_KEYWORDS: &[&str] = &[
    "Central Asia",
    "CIS",
    "integration",
    "regionalism",
    "Kazakhstan",
    "Uzbekistan",
    "security",
    "infrastructure",
];

/// The texts of the children of `node` named `name`.
fn texts<'a>(node: Node<'a, 'a>, name: &str) -> Vec<&'a str> {
    node.descendants()
        .filter(|n| n.tag_name().name() == name)
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn the_seed_articles_doaj_record_carries_its_metadata() {
    let site = built_sample();
    let text = site.read("public/archive/2018/4/doaj.xml");
    let doc = Document::parse(&text).expect("doaj.xml is XML");
    let records: Vec<Node> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("record"))
        .collect();
    assert_eq!(records.len(), 4, "issue 2018/4 has four articles");
    let seed = records
        .iter()
        .find(|r| texts(**r, "doi") == [SEED_DOI])
        .expect("a record with the seed's DOI");
    assert_eq!(texts(*seed, "title"), [SEED_TITLE]);
    assert_eq!(texts(*seed, "name"), [SEED_AUTHOR]);
    assert_eq!(texts(*seed, "keyword"), SEED_KEYWORDS);
    assert_eq!(texts(*seed, "language"), ["eng"]);
    assert_eq!(texts(*seed, "startPage"), ["78"]);
    assert_eq!(texts(*seed, "endPage"), ["91"]);
    assert_eq!(texts(*seed, "volume"), ["11"]);
    assert_eq!(texts(*seed, "issue"), ["4"]);
    assert_eq!(texts(*seed, "publicationDate"), ["2018-08-30"]);
    assert_eq!(
        texts(*seed, "publisherRecordId"),
        ["archive/2018/4/central-asia-integration"]
    );
    assert_eq!(
        texts(*seed, "affiliationName"),
        ["Financial University under the Government of the Russian Federation"]
    );
    assert!(texts(*seed, "abstract")[0].starts_with("Talk of regional integration"));
}

#[test]
fn doaj_points_at_the_page_when_it_holds_the_full_text() {
    let site = built_sample();
    let text = site.read("public/archive/2018/4/doaj.xml");
    let doc = Document::parse(&text).expect("doaj.xml is XML");
    let urls: Vec<(Option<&str>, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("fullTextUrl"))
        .map(|n| (n.attribute("format"), n.text().unwrap_or("")))
        .collect();
    // The water-energy article has a body: its page; the others a PDF only.
    assert!(urls.contains(&(
        Some("html"),
        "https://example.github.io/journal/archive/2018/4/water-energy-syr-darya/"
    )));
    assert!(urls.contains(&(
        Some("pdf"),
        "https://example.github.io/journal/archive/2018/4/central-asia-integration/central-asia-integration.pdf"
    )));
    // The translation's title, abstract and keywords come in Russian.
    assert!(
        text.contains("<title language=\"rus\">Зимой энергия"),
        "{text}"
    );
    assert!(text.contains("<keywords language=\"rus\">"));
}

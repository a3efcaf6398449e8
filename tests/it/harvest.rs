//! What harvesters read: the DOAJ records beside each issue (`doaj.xml`) and
//! the OAI-PMH static repository at the root (`oai.xml`), checked for the
//! seed article's facts. Their validity against the schemas is checked in
//! `validate.rs`.

use roxmltree::{Document, Node};

use crate::support::{built_sample, TestSite, BASE_URL, SEED_DOI, SEED_KEYWORDS};

/// The seed article's facts, as its front matter gives them.
const SEED_TITLE: &str = "Central Asia in Search for its Own Way of Integration";
const SEED_TITLE_RU: &str = "Центральная Азия в поисках собственного пути интеграции";
const SEED_KEYWORDS_RU: &[&str] = &[
    "Центральная Азия",
    "СНГ",
    "интеграция",
    "регионализм",
    "Казахстан",
    "Узбекистан",
    "безопасность",
    "инфраструктура",
];
const SEED_AUTHOR: &str = "Evgeniya V. Makhmutova";

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
    // The English title, then the Russian translation's.
    assert_eq!(texts(*seed, "title"), [SEED_TITLE, SEED_TITLE_RU]);
    assert_eq!(texts(*seed, "name"), [SEED_AUTHOR]);
    assert_eq!(
        texts(*seed, "keyword"),
        [SEED_KEYWORDS, SEED_KEYWORDS_RU].concat()
    );
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

/// The `oai:record` of `oai.xml` whose identifier ends in `path`.
fn oai_record<'a>(doc: &'a Document<'a>, path: &str) -> Node<'a, 'a> {
    doc.descendants()
        .filter(|n| n.has_tag_name((OAI_NS, "record")))
        .find(|r| texts(*r, "identifier").iter().any(|id| id.ends_with(path)))
        .unwrap_or_else(|| panic!("no record for {path}"))
}

const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";

#[test]
fn the_seed_articles_oai_record_carries_its_metadata() {
    let site = built_sample();
    let text = site.read("public/oai.xml");
    let doc = Document::parse(&text).expect("oai.xml is XML");
    let identify = doc
        .descendants()
        .find(|n| n.has_tag_name("Identify"))
        .expect("an Identify part");
    assert_eq!(
        texts(identify, "baseURL"),
        ["https://gateway.example.org/oai/example.github.io/journal/oai.xml"]
    );
    assert_eq!(texts(identify, "adminEmail"), ["editor@example.org"]);
    assert_eq!(texts(identify, "earliestDatestamp"), ["2017-02-28"]);
    assert_eq!(
        texts(identify, "repositoryIdentifier"),
        ["example.github.io"]
    );

    let seed = oai_record(&doc, ":journal/archive/2018/4/central-asia-integration");
    assert_eq!(
        texts(seed, "identifier")[0],
        "oai:example.github.io:journal/archive/2018/4/central-asia-integration"
    );
    assert_eq!(texts(seed, "datestamp"), ["2018-08-30"]);
    assert_eq!(texts(seed, "title"), [SEED_TITLE, SEED_TITLE_RU]);
    assert_eq!(texts(seed, "creator"), ["Makhmutova, Evgeniya V."]);
    assert_eq!(
        texts(seed, "subject"),
        [SEED_KEYWORDS, SEED_KEYWORDS_RU].concat()
    );
    assert_eq!(
        texts(seed, "identifier")[1..],
        [
            "https://example.github.io/journal/archive/2018/4/central-asia-integration/",
            &format!("https://doi.org/{SEED_DOI}")
        ]
    );
    assert_eq!(
        texts(seed, "source"),
        [
            "Review of Eurasian Regional Studies; Vol. 11, No. 4 (2018); 78–91",
            "0000-0019",
            "0000-006X"
        ]
    );
    assert_eq!(texts(seed, "language"), ["en"]);
    assert_eq!(
        texts(seed, "rights"),
        ["https://creativecommons.org/licenses/by/4.0/"]
    );
    assert!(texts(seed, "description")[0].starts_with("Talk of regional integration"));
}

#[test]
fn oai_records_are_the_published_articles_in_archive_order() {
    let site = built_sample();
    let text = site.read("public/oai.xml");
    let doc = Document::parse(&text).expect("oai.xml is XML");
    let ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((OAI_NS, "header")))
        .flat_map(|h| texts(h, "identifier"))
        .collect();
    // 26 articles, one of them a draft.
    assert_eq!(ids.len(), 25);
    assert!(!ids.iter().any(|id| id.ends_with("/anaklia-deep-sea-port")));
    assert!(ids[0].ends_with("/archive/2017/1/caspian-pipelines-after-sanctions"));
}

#[test]
fn without_a_gateway_there_is_no_oai_file() {
    let site = TestSite::sample();
    site.replace(
        "journal.yaml",
        "oai_gateway: https://gateway.example.org/oai\n",
        "",
    );
    site.build(&["--base-url", BASE_URL]).success();
    assert!(!site.public().join("oai.xml").exists());
    assert!(site.public().join("archive/2018/4/doaj.xml").is_file());
}

#[test]
fn a_gateway_without_a_contact_address_is_an_error() {
    let site = TestSite::sample();
    site.replace("journal.yaml", "contact_email: editor@example.org\n", "");
    site.build(&["--base-url", BASE_URL])
        .code(1)
        .stderr_contains("error[E010]: `oai_gateway` needs `contact_email`");
}

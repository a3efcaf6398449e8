//! What scholars' machines read: the article pages' metadata as a reference
//! manager extracts it, and the citation downloads of the seed article as
//! insta snapshots (`snapshots/it__scholarly__seed_*.snap`).

use std::path::PathBuf;
use std::process::Command;

use scraper::{Html, Selector};

use crate::support::{
    self, built_fixture, built_sample, BuiltSite, TestSite, BASE_URL, SEED_DOI, SEED_KEYWORDS,
};

/// The seed article's folder under `public/`.
const SEED: &str = "archive/2018/4/central-asia-integration";

/// The Python that `.ci/setup` prepared with extruct, lxml and PyYAML.
fn python() -> Option<PathBuf> {
    let python = support::repo_root().join("tests/tools/.venv/bin/python");
    if python.is_file() {
        Some(python)
    } else {
        support::missing("the Python readers (tests/tools/.venv with extruct)");
        None
    }
}

#[test]
fn reference_managers_read_every_article_page_as_its_front_matter_says() {
    read_metadata(built_sample());
}

/// Both trees of a site in two languages: each article's page of record
/// (in its own language's tree) reads as its front matter says, and its
/// page in the other tree carries the very same `citation_*` tags with a
/// canonical address of its own.
#[test]
fn reference_managers_read_both_trees_of_a_site_in_two_languages() {
    read_metadata(built_fixture("bilingual"));
}

/// Runs `tests/tools/read_metadata.py` over `site`; fails on any mismatch.
pub fn read_metadata(site: &BuiltSite) {
    let Some(python) = python() else {
        return;
    };
    let output = Command::new(python)
        .arg(support::repo_root().join("tests/tools/read_metadata.py"))
        .arg(site.root())
        .arg(site.public())
        .output()
        .expect("python runs");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "the pages' metadata differ from the front matter (exit {:?}):\n{report}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains(" 0 mismatches"), "{report}");
}

/// Snapshots `text` byte for byte. insta compares texts without their
/// trailing whitespace and with `\r\n` read as `\n`, so the rest is checked
/// here: the text ends in `tail` after its last visible character (the
/// newline, and RIS's space after `ER  -`), and has no carriage return.
fn snapshot_whole(name: &str, what: &str, text: &str, tail: &str) {
    assert_eq!(
        &text[text.trim_end().len()..],
        tail,
        "{name}: the end of {what}"
    );
    assert!(!text.contains('\r'), "{name}: a carriage return in {what}");
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!(
        "{what}: the sample site built with --base-url {BASE_URL}; \
         after its last visible character it ends in {tail:?}, which insta trims and the test checks"
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn the_seed_articles_citation_downloads_match_their_snapshots() {
    let site = built_sample();
    for (name, file, tail) in [
        ("seed_cite_bib", "cite.bib", "\n"),
        ("seed_cite_ris", "cite.ris", " \n"),
        ("seed_cite_json", "cite.json", "\n"),
    ] {
        let rel = format!("public/{SEED}/{file}");
        snapshot_whole(name, &rel, &site.read(&rel), tail);
    }

    let page = Html::parse_document(&site.read(&format!("public/{SEED}/index.html")));
    let reference = |style: &str| {
        let selector = Selector::parse(&format!(".cite-{style} .reference")).expect("selector");
        page.select(&selector)
            .next()
            .unwrap_or_else(|| panic!("no {style} reference on the seed's page"))
            .text()
            .collect::<String>()
    };
    let styles = ["gost", "apa", "chicago"]
        .map(|style| format!("{style}: {}\n", reference(style)))
        .concat();
    snapshot_whole(
        "seed_references",
        &format!("the GOST, APA and Chicago references on public/{SEED}/index.html"),
        &styles,
        "\n",
    );
}

#[test]
fn the_seed_articles_page_carries_every_tag_scholars_machines_read() {
    let site = built_sample();
    let page = Html::parse_document(&site.read(&format!("public/{SEED}/index.html")));
    let values = |attr: &str, key: &str| -> Vec<String> {
        let selector =
            Selector::parse(&format!("meta[{attr}=\"{key}\"]:not([lang])")).expect("selector");
        page.select(&selector)
            .filter_map(|m| m.value().attr("content").map(str::to_string))
            .collect()
    };
    let url = format!("{BASE_URL}{SEED}/");
    let expect = [
        (
            "name",
            "citation_title",
            vec!["Central Asia in Search for its Own Way of Integration"],
        ),
        ("name", "citation_author", vec!["Evgeniya V. Makhmutova"]),
        (
            "name",
            "citation_author_institution",
            vec!["Financial University under the Government of the Russian Federation"],
        ),
        ("name", "citation_author_email", vec!["elrus@yandex.ru"]),
        ("name", "citation_publication_date", vec!["2018/08/30"]),
        (
            "name",
            "citation_journal_title",
            vec!["Review of Eurasian Regional Studies"],
        ),
        (
            "name",
            "citation_journal_abbrev",
            vec!["Eurasian Regional Review"],
        ),
        ("name", "citation_issn", vec!["0000-0019", "0000-006X"]),
        (
            "name",
            "citation_publisher",
            vec!["Steppe & Sea Academic Press (fictional)"],
        ),
        ("name", "citation_volume", vec!["11"]),
        ("name", "citation_issue", vec!["4"]),
        ("name", "citation_firstpage", vec!["78"]),
        ("name", "citation_lastpage", vec!["91"]),
        ("name", "citation_doi", vec![SEED_DOI]),
        ("name", "citation_language", vec!["en"]),
        ("name", "citation_keywords", SEED_KEYWORDS.to_vec()),
        ("name", "citation_abstract_html_url", vec![url.as_str()]),
        (
            "name",
            "DC.title",
            vec!["Central Asia in Search for its Own Way of Integration"],
        ),
        ("name", "DC.creator", vec!["Makhmutova, Evgeniya V."]),
        ("name", "DC.date", vec!["2018-08-30"]),
        ("name", "DC.language", vec!["en"]),
        (
            "name",
            "prism.publicationName",
            vec!["Review of Eurasian Regional Studies"],
        ),
        ("name", "prism.issn", vec!["0000-0019"]),
        ("name", "prism.eIssn", vec!["0000-006X"]),
        ("name", "prism.volume", vec!["11"]),
        ("name", "prism.number", vec!["4"]),
        ("name", "prism.startingPage", vec!["78"]),
        ("name", "prism.endingPage", vec!["91"]),
        ("name", "prism.doi", vec![SEED_DOI]),
        ("property", "og:type", vec!["article"]),
        (
            "property",
            "og:title",
            vec!["Central Asia in Search for its Own Way of Integration"],
        ),
        ("property", "og:url", vec![url.as_str()]),
    ];
    for (attr, key, expected) in expect {
        assert_eq!(values(attr, key), expected, "<meta {attr}=\"{key}\">");
    }
    let pdf = values("name", "citation_pdf_url");
    assert_eq!(pdf, [format!("{url}central-asia-integration.pdf")]);
    assert!(site
        .path(&format!("public/{SEED}/central-asia-integration.pdf"))
        .is_file());
    assert_eq!(
        values("name", "citation_xml_url"),
        [format!("{url}article.jats.xml")]
    );
    let references = values("name", "citation_reference");
    assert_eq!(references.len(), 2, "{references:?}");
    assert!(references[1].contains("10.2307/2538540"));

    // The second language: keywords, title and abstract marked with lang and xml:lang.
    let russian = Selector::parse("meta[lang=\"ru\"][xml\\:lang=\"ru\"]").expect("selector");
    let tagged: Vec<(&str, &str)> = page
        .select(&russian)
        .filter_map(|m| Some((m.value().attr("name")?, m.value().attr("content")?)))
        .collect();
    assert!(
        tagged.contains(&("citation_keywords", "интеграция")),
        "{tagged:?}"
    );
    assert!(
        tagged.contains(&(
            "DCTERMS.alternative",
            "Центральная Азия в поисках собственного пути интеграции"
        )),
        "{tagged:?}"
    );
    assert!(tagged.iter().any(|(name, _)| *name == "citation_abstract"));

    let canonical = Selector::parse("link[rel=canonical]").expect("selector");
    let href = page
        .select(&canonical)
        .next()
        .and_then(|l| l.value().attr("href"));
    assert_eq!(href, Some(url.as_str()));

    let script = Selector::parse("script[type=\"application/ld+json\"]").expect("selector");
    let json: serde_json::Value = serde_json::from_str(
        &page
            .select(&script)
            .next()
            .expect("JSON-LD on the page")
            .text()
            .collect::<String>(),
    )
    .expect("JSON-LD parses");
    assert_eq!(json["@type"], "ScholarlyArticle");
    assert_eq!(json["isPartOf"]["@type"], "PublicationIssue");
    assert_eq!(json["isPartOf"]["issueNumber"], "4");
    assert_eq!(json["isPartOf"]["isPartOf"]["@type"], "PublicationVolume");
    assert_eq!(json["isPartOf"]["isPartOf"]["volumeNumber"], "11");
    let periodical = &json["isPartOf"]["isPartOf"]["isPartOf"];
    assert_eq!(periodical["@type"], "Periodical");
    assert_eq!(
        periodical["issn"],
        serde_json::json!(["0000-0019", "0000-006X"])
    );
    let author = &json["author"][0];
    assert_eq!(author["@type"], "Person");
    assert_eq!(author["familyName"], "Makhmutova");
    assert_eq!(
        author["affiliation"][0]["name"],
        "Financial University under the Government of the Russian Federation"
    );
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let site = TestSite::sample();
    site.replace(
        "content/2018/4/central-asia-integration.md",
        "title: Central Asia in Search for its Own Way of Integration",
        "title: \"Central Asia </script><script>alert(1)</script> & <!-- more\"",
    );
    site.build(&["--base-url", BASE_URL]).success();
    let html = site.read(&format!("public/{SEED}/index.html"));
    let start = html.find("application/ld+json").expect("JSON-LD");
    let script = &html[start..];
    let end = script.find("</script>").expect("a closing tag");
    let body = &script[..end];
    assert!(!body.contains("<"), "{body}");
    assert!(body.contains("\\u003c/script\\u003e"), "{body}");
    assert!(!html.contains("<script>alert"));
}

#[test]
fn a_journal_without_an_issn_links_no_jats_file_and_still_offers_citations() {
    let site = built_fixture("valid-minimal");
    let dir = "public/archive/2020/1/first-article";
    assert!(!site.path(&format!("{dir}/article.jats.xml")).exists());
    let html = site.read(&format!("{dir}/index.html"));
    assert!(
        !html.contains("article.jats.xml"),
        "a link to a JATS file never written"
    );
    assert!(!html.contains("citation_xml_url"));
    for file in ["cite.bib", "cite.ris", "cite.json"] {
        assert!(site.path(&format!("{dir}/{file}")).is_file(), "{file}");
        assert!(html.contains(&format!("{file}\"")), "{file} linked");
    }
    assert!(html.contains("class=\"cite-style cite-apa\""));
}

#[test]
fn a_subtitled_articles_ris_keeps_the_subtitle_in_the_title_and_the_journal_in_t2() {
    let site = crate::support::built_sample();
    let ris = site.read("public/archive/2018/3/belt-and-road-corridors/cite.ris");
    let tags: Vec<(&str, &str)> = ris
        .lines()
        .filter_map(|line| line.split_once("  - "))
        .collect();
    let one = |tag: &str| -> Vec<&str> {
        tags.iter()
            .filter(|(t, _)| *t == tag)
            .map(|(_, v)| *v)
            .collect()
    };
    assert_eq!(
        one("TI"),
        ["The Belt and Road in Central Asia: Corridors on Paper and on the Ground"],
        "{ris}"
    );
    // RIS readers take T2 of a JOUR record for the journal.
    assert_eq!(one("T2"), ["Review of Eurasian Regional Studies"], "{ris}");
    assert_eq!(one("JO"), ["Review of Eurasian Regional Studies"], "{ris}");
}

//! The Crossref deposits: what the site's `crossref.xml` holds, and
//! `quire export crossref`.

use roxmltree::{Document, Node};

use crate::build::BASE_URL;
use crate::support::TestSite;

const NS: &str = "http://www.crossref.org/schema/5.3.1";

/// The text of the first descendant of `node` named `name` (Crossref namespace).
fn text_of<'a>(node: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.descendants()
        .find(|n| n.has_tag_name((NS, name)))
        .and_then(|n| n.text())
}

/// The `<journal_article>` of `deposit` whose DOI is `doi`.
fn article_with_doi<'a>(deposit: &'a Document<'a>, doi: &str) -> Option<Node<'a, 'a>> {
    deposit
        .descendants()
        .filter(|n| n.has_tag_name((NS, "journal_article")))
        .find(|n| text_of(*n, "doi") == Some(doi))
}

/// Checks the seed article in a deposit of 2018/4.
fn assert_seed_article(xml: &str) {
    let doc = Document::parse(xml).expect("the deposit is well-formed XML");
    let article = article_with_doi(&doc, "10.24833/2071-8160-2018-4-61-78-91")
        .expect("the seed article is in the deposit");
    assert_eq!(text_of(article, "first_page"), Some("78"));
    assert_eq!(text_of(article, "last_page"), Some("91"));
    assert_eq!(text_of(article, "surname"), Some("Makhmutova"));
    assert_eq!(text_of(article, "given_name"), Some("Evgeniya V."));
    assert_eq!(
        text_of(article, "resource"),
        Some(format!("{BASE_URL}archive/2018/4/central-asia-integration/").as_str())
    );
    assert_eq!(
        text_of(article, "institution_name"),
        Some("Financial University under the Government of the Russian Federation")
    );
}

#[test]
fn the_seed_article_is_in_its_issues_deposit() {
    let site = TestSite::sample();
    site.build(&["--base-url", BASE_URL]).success();
    let xml = site.read("public/archive/2018/4/crossref.xml");
    assert_seed_article(&xml);
    assert!(
        xml.contains("<timestamp>20180830000000</timestamp>"),
        "{xml}"
    );
}

#[test]
fn articles_without_a_doi_are_left_out_with_a_warning() {
    let site = TestSite::sample();
    let run = site.build(&["--base-url", BASE_URL]);
    run.success()
        .stderr_contains("warning[W006]")
        .stderr_contains("content/2019/1/from-the-editors.md");
    let xml = site.read("public/archive/2019/1/crossref.xml");
    assert!(!xml.contains("From the Editors"), "{xml}");
    assert!(xml.contains("labour-migration-remittances"), "{xml}");
}

#[test]
fn a_journal_without_dois_gets_no_deposit_and_no_warning() {
    let site = TestSite::sample();
    site.replace("journal.yaml", "doi_prefix: \"10.24833\"\n", "")
        .replace(
            "journal.yaml",
            "crossref:\n  depositor_name: Editorial office\n  depositor_email: editor@example.org\n",
            "",
        );
    let run = site.build(&["--base-url", BASE_URL]);
    run.success();
    assert!(!run.stderr.contains("W006"), "{run}");
    assert!(!site.path("public/archive/2018/4/crossref.xml").exists());
}

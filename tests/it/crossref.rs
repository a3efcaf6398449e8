//! The Crossref deposits: what the site's `crossref.xml` holds, and
//! `quire export crossref`.

use roxmltree::{Document, Node};

use crate::support::{built_sample, TestSite, BASE_URL};

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
    let site = built_sample();
    let xml = site.read("public/archive/2018/4/crossref.xml");
    assert_seed_article(&xml);
    assert!(
        xml.contains("<timestamp>20180830000000</timestamp>"),
        "{xml}"
    );
}

#[test]
fn articles_without_a_doi_are_left_out_with_a_warning() {
    let site = built_sample();
    site.build_run()
        .success()
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

/// A 14-digit timestamp at or after the deposit's content date.
fn timestamp_of(xml: &str) -> String {
    let doc = Document::parse(xml).expect("the deposit is well-formed XML");
    text_of(doc.root_element(), "timestamp")
        .expect("a timestamp")
        .to_string()
}

#[test]
fn export_crossref_writes_the_deposit_with_the_current_time() {
    let site = TestSite::sample();
    let run = site.run(&["export", "crossref", "2018/4"]);
    run.success().stderr_contains("warning[W006]");
    assert_seed_article(&run.stdout);
    let stamp = timestamp_of(&run.stdout);
    assert_eq!(stamp.len(), 14, "{stamp}");
    assert!(
        stamp.as_str() > "20250101000000",
        "not the current time: {stamp}"
    );
    assert!(
        run.stdout.contains(&format!(
            "<doi_batch_id>0000-006X-2018-4-{stamp}</doi_batch_id>"
        )),
        "{run}"
    );
    let file = site.path("deposit.xml");
    std::fs::write(&file, &run.stdout).expect("write the deposit");
    crate::validate::xmllint_validates("crossref-5.3.1", "crossref5.3.1.xsd", &[file]);
}

#[test]
fn export_crossref_writes_into_a_file() {
    let site = TestSite::sample();
    let target = site.path("out/2018-4.xml");
    std::fs::create_dir_all(site.path("out")).expect("create out/");
    let target_arg = target.to_str().expect("a UTF-8 temporary path");
    let run = site.run(&["export", "crossref", "2018/4", "--output", target_arg]);
    run.success()
        .stderr_contains("wrote the Crossref deposit of 2018/4");
    assert!(run.stdout.is_empty(), "{run}");
    assert_seed_article(&std::fs::read_to_string(&target).expect("the deposit is written"));
}

#[test]
fn export_crossref_refuses_what_it_cannot_deposit() {
    let site = TestSite::sample();
    site.run(&["export", "crossref", "2018/9"])
        .code(1)
        .stderr_contains("there is no issue 2018/9");
    site.run(&["export", "crossref", "2018"])
        .code(2)
        .stderr_contains("write YEAR/NUMBER");

    let no_depositor = TestSite::sample();
    no_depositor.replace(
        "journal.yaml",
        "crossref:\n  depositor_name: Editorial office\n  depositor_email: editor@example.org\n",
        "",
    );
    let run = no_depositor.run(&["export", "crossref", "2018/4"]);
    run.code(1).stderr_contains("no `crossref:` block");
    assert!(run.stdout.is_empty(), "{run}");

    let broken = TestSite::sample();
    broken.replace(
        "content/2018/4/central-asia-integration.md",
        "doi: 10.24833/2071-8160-2018-4-61-78-91",
        "doi: 11.24833/x",
    );
    let run = broken.run(&["export", "crossref", "2018/4"]);
    run.code(1)
        .stderr_contains("error[E015]")
        .stderr_contains("export failed");
    assert!(run.stdout.is_empty(), "{run}");
}

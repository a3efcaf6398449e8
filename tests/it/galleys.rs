//! PDFs published on another host (`galleys_base_url` in journal.yaml):
//! the build copies none into the output, and every PDF link (the article
//! page's download, the issue's contents, `citation_pdf_url`, JSON-LD, JATS
//! `self-uri`, RIS `L1`, DOAJ's full text, OAI) names the galleys' host
//! followed by the PDF's path under `content/`; `check` still wants each PDF
//! on disk.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::support::{self, built_sample_with_galleys, TestSite, GALLEYS_URL};

/// The address each PDF under `content/` has on the galleys' host.
fn galleys_of(root: &Path) -> BTreeSet<String> {
    let content = root.join("content");
    support::files_with_extension(&content, "pdf")
        .iter()
        .map(|pdf| format!("{GALLEYS_URL}{}", support::relative(&content, pdf)))
        .collect()
}

/// Every address ending in `.pdf` in `text`: the runs of characters that
/// may stand in a URL up to each `.pdf` that ends a word (not the
/// stylesheet's `.pdf-download`).
fn pdf_addresses(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(".pdf") {
        let after = text[at + 4..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
            continue;
        }
        let start = text[..at]
            .rfind(|c: char| c.is_whitespace() || "\"'<>()[]{},".contains(c))
            .map_or(0, |i| i + 1);
        found.push(format!("{}.pdf", &text[start..at]));
    }
    found
}

#[test]
fn no_pdf_is_copied_into_the_output() {
    let site = built_sample_with_galleys();
    assert!(
        galleys_of(site.root()).len() >= 5,
        "the sample has PDFs to publish"
    );
    let copied = support::files_with_extension(&site.public(), "pdf");
    assert!(copied.is_empty(), "PDFs in the output: {copied:?}");
}

#[test]
fn every_pdf_address_the_site_writes_is_on_the_galleys_host() {
    let site = built_sample_with_galleys();
    let public = site.public();
    let mut problems = Vec::new();
    let mut named = BTreeSet::new();
    for (rel, bytes) in site.tree("public") {
        // The search index's files are gzipped and name no PDF.
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        for address in pdf_addresses(&text) {
            if address.starts_with(GALLEYS_URL) {
                named.insert(address);
            } else {
                problems.push(format!("{rel}: {address}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "PDF addresses elsewhere:\n{}",
        problems.join("\n")
    );
    assert_eq!(
        named,
        galleys_of(site.root()),
        "every PDF is named, at its address"
    );
    assert!(
        !support::sitemaps(&public, support::BASE_URL)
            .iter()
            .any(|f| fs::read_to_string(f).expect("a sitemap").contains(".pdf")),
        "a sitemap lists only the site's own addresses"
    );
}

#[test]
fn each_article_names_its_own_pdf_in_every_format() {
    let site = built_sample_with_galleys();
    let public = site.public();
    let meta = Selector::parse("meta[name=\"citation_pdf_url\"]").expect("selector");
    let download = Selector::parse("a[type=\"application/pdf\"]").expect("selector");
    let mut articles = 0;
    for page in support::files_with_extension(&public.join("archive"), "html") {
        let folder = page.parent().expect("a folder");
        let Ok(jats) = fs::read_to_string(folder.join("article.jats.xml")) else {
            continue;
        };
        let html = Html::parse_document(&fs::read_to_string(&page).expect("a page"));
        let Some(pdf) = html
            .select(&meta)
            .filter_map(|m| m.value().attr("content"))
            .next()
            .map(str::to_string)
        else {
            continue;
        };
        articles += 1;
        let rel = support::relative(&public, folder);
        assert!(
            pdf.starts_with(GALLEYS_URL),
            "{rel}: citation_pdf_url {pdf}"
        );
        let links: Vec<&str> = html
            .select(&download)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            !links.is_empty() && links.iter().all(|href| *href == pdf),
            "{rel}: the download links {links:?}, not {pdf}"
        );
        assert!(
            jats.contains(&format!(
                "<self-uri content-type=\"pdf\" xlink:href=\"{pdf}\"/>"
            )),
            "{rel}: JATS self-uri"
        );
        let ris = fs::read_to_string(folder.join("cite.ris")).expect("cite.ris");
        assert!(ris.contains(&format!("L1  - {pdf}\n")), "{rel}: RIS L1");
        // The page of the other tree links the same file.
        let twin = public.join("ru").join(&rel).join("index.html");
        let twin = fs::read_to_string(&twin).expect("the Russian page");
        assert!(twin.contains(&format!("href=\"{pdf}\"")), "ru/{rel}");
        // The issue's contents link it too.
        let issue = folder
            .parent()
            .expect("the issue's folder")
            .join("index.html");
        let issue = fs::read_to_string(issue).expect("the issue's page");
        assert!(
            issue.contains(&format!("href=\"{pdf}\"")),
            "{rel}: the issue's contents"
        );
    }
    assert!(articles >= 5, "only {articles} articles with a PDF");
    let oai = fs::read_to_string(public.join("oai.xml")).expect("oai.xml");
    assert!(oai.contains(&format!("<dc:relation>{GALLEYS_URL}")), "OAI");
}

#[test]
fn reference_managers_read_the_pdf_on_the_galleys_host() {
    crate::scholarly::read_metadata(built_sample_with_galleys());
}

#[test]
fn check_still_wants_each_pdf_on_disk() {
    let site = TestSite::sample();
    let journal = site.read("journal.yaml");
    site.write(
        "journal.yaml",
        &format!("{journal}galleys_base_url: {GALLEYS_URL}\n"),
    );
    fs::remove_file(site.path("content/2019/2/new-great-game-review-galley.pdf"))
        .expect("the sample's galley");
    site.check()
        .code(1)
        .stderr_contains("content/2019/2/book-review-new-great-game.md:13:6: error[E023]: the PDF `new-great-game-review-galley.pdf` does not exist");
}

#[test]
fn a_galleys_base_url_that_is_not_an_address_is_e029_at_its_value() {
    let site = TestSite::sample();
    let journal = site.read("journal.yaml");
    let line = journal.lines().count() + 1;
    site.write(
        "journal.yaml",
        &format!("{journal}galleys_base_url: galleys.example.org/rers/\n"),
    );
    site.check().code(1).stderr_contains(&format!(
        "journal.yaml:{line}:19: error[E029]: invalid `galleys_base_url`: `galleys.example.org/rers/` is not a full web address (it needs https:// and a host)"
    ));
}

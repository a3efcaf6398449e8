//! The Crossref deposit of an issue: `crossref.xml`, schema 5.3.1.
//!
//! One `<journal>` with the journal's metadata, the issue, and one
//! `<journal_article>` per article that has a DOI; an article without one
//! is left out with a warning (W006), given only when the journal uses DOIs
//! at all (`doi_prefix` or `crossref:` in journal.yaml).
//!
//! Decisions:
//! - The depositor comes from journal.yaml's `crossref:` block. Without it
//!   no deposit is written into the site (there is nobody to deposit it),
//!   and `quire export crossref` says so as an error.
//! - The site's file must not change from build to build, so its
//!   `<timestamp>` is made from the content's dates: the latest publication
//!   date among the issue and its deposited articles, at midnight, as
//!   `YYYYMMDDhhmmss`. `quire export crossref` uses the current time
//!   instead, because Crossref accepts a re-deposit only with a larger
//!   timestamp.
//! - `<doi_batch_id>` is the journal's online ISSN (else print ISSN, else
//!   its title as a slug), the year, the number and the timestamp.
//! - The titles are plain text; the abstract is the converted Markdown as
//!   `<jats:abstract>`. Translated titles are not deposited as
//!   `<original_language_title>`: that element is for the original of a
//!   translated primary title, and here the primary title is the original.

use chrono::{Datelike, NaiveDate};

use super::jats::markdown::{self, Footnotes, Options};
use super::jats::{reference_doi, resolve_link, XLINK_NS};
use super::{journal_abbrev, ArticleUrls};
use crate::config::Crossref;
use crate::diag::{Code, Diagnostic, Span};
use crate::model::{slugify, Archive, Article, Issue};
use crate::site::Site;
use crate::xml::XmlOut;

/// The Crossref schema's namespace.
pub const CROSSREF_NS: &str = "http://www.crossref.org/schema/5.3.1";
/// Crossref's namespace for JATS elements (the abstract).
pub const JATS_NS: &str = "http://www.ncbi.nlm.nih.gov/JATS1";
/// The Access Indicators namespace (licences).
pub const AI_NS: &str = "http://www.crossref.org/AccessIndicators.xsd";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://www.crossref.org/schema/5.3.1 https://www.crossref.org/schemas/crossref5.3.1.xsd";

/// Whether the journal registers DOIs: it names a DOI prefix or a Crossref
/// depositor.
pub fn uses_dois(archive: &Archive) -> bool {
    archive.config.doi_prefix.is_some() || archive.config.crossref.is_some()
}

/// The articles of `issue` that have a DOI, in contents order.
fn deposited<'a>(archive: &'a Archive, issue: &Issue) -> Vec<&'a Article> {
    issue
        .articles
        .iter()
        .filter_map(|idx| archive.articles.get(*idx))
        .filter(|article| article.doi.is_some())
        .collect()
}

/// A warning (W006) for each article of `issue` that has no DOI, when the
/// journal uses DOIs; none otherwise.
pub fn left_out(archive: &Archive, issue: &Issue) -> Vec<Diagnostic> {
    if !uses_dois(archive) {
        return Vec::new();
    }
    issue
        .articles
        .iter()
        .filter_map(|idx| archive.articles.get(*idx))
        .filter(|article| article.doi.is_none())
        .map(|article| {
            let text = article.source.text();
            let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let end = (start + 3).min(text.len());
            Diagnostic::new(
                Code::NoDoi,
                Span::new(&article.source, start..end),
                "the article has no DOI, so it is left out of the issue's Crossref deposit",
            )
            .label("no `doi:` in this front matter")
            .help("add `doi: 10.NNNN/suffix` once the DOI is assigned; an editorial without a DOI can stay as it is")
        })
        .collect()
}

/// The timestamp of the site's deposit of `issue`: the latest publication
/// date of the issue and its deposited articles, `YYYYMMDD000000`.
pub fn content_timestamp(archive: &Archive, issue: &Issue) -> String {
    let latest = deposited(archive, issue)
        .iter()
        .map(|article| article.published)
        .chain(std::iter::once(issue.published))
        .max()
        .unwrap_or(issue.published);
    format!("{}000000", latest.format("%Y%m%d"))
}

/// The deposit of `issue` with `timestamp` (`YYYYMMDDhhmmss`); `None` when
/// no article of the issue has a DOI.
pub fn deposit(
    archive: &Archive,
    issue: &Issue,
    depositor: &Crossref,
    site: &Site,
    timestamp: &str,
) -> Option<String> {
    let articles = deposited(archive, issue);
    if articles.is_empty() {
        return None;
    }
    let mut out = XmlOut::new();
    out.open(
        "doi_batch",
        &[
            ("xmlns", CROSSREF_NS),
            ("xmlns:xsi", XSI_NS),
            ("xmlns:jats", JATS_NS),
            ("xmlns:ai", AI_NS),
            ("xmlns:xlink", XLINK_NS),
            ("version", "5.3.1"),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ],
    );
    head(&mut out, archive, issue, depositor, timestamp);
    out.open("body", &[]);
    out.open("journal", &[]);
    journal_metadata(&mut out, archive);
    journal_issue(&mut out, issue);
    for article in articles {
        journal_article(&mut out, archive, article, site);
    }
    out.close("journal");
    out.close("body");
    out.close("doi_batch");
    Some(out.finish())
}

/// The batch id: the journal's ISSN (or title slug), year, number, timestamp.
pub fn batch_id(archive: &Archive, issue: &Issue, timestamp: &str) -> String {
    let config = &archive.config;
    let journal = config
        .issn_online
        .as_ref()
        .or(config.issn_print.as_ref())
        .map(|issn| issn.as_str().to_string())
        .unwrap_or_else(|| slugify(journal_abbrev(config).unwrap_or(&config.title)));
    format!(
        "{journal}-{}-{}-{timestamp}",
        issue.id.year, issue.id.number
    )
}

fn head(out: &mut XmlOut, archive: &Archive, issue: &Issue, depositor: &Crossref, timestamp: &str) {
    let config = &archive.config;
    out.open("head", &[]);
    out.leaf("doi_batch_id", &[], &batch_id(archive, issue, timestamp));
    out.leaf("timestamp", &[], timestamp);
    out.open("depositor", &[]);
    out.leaf("depositor_name", &[], &depositor.depositor_name);
    out.leaf("email_address", &[], &depositor.depositor_email);
    out.close("depositor");
    out.leaf(
        "registrant",
        &[],
        config.publisher.as_deref().unwrap_or(&config.title),
    );
    out.close("head");
}

fn journal_metadata(out: &mut XmlOut, archive: &Archive) {
    let config = &archive.config;
    out.open(
        "journal_metadata",
        &[("language", config.language.as_str())],
    );
    out.leaf("full_title", &[], &config.title);
    if let Some(abbrev) = journal_abbrev(config) {
        out.leaf("abbrev_title", &[], abbrev);
    }
    if let Some(issn) = &config.issn_print {
        out.leaf("issn", &[("media_type", "print")], issn.as_str());
    }
    if let Some(issn) = &config.issn_online {
        out.leaf("issn", &[("media_type", "electronic")], issn.as_str());
    }
    out.close("journal_metadata");
}

fn publication_date(out: &mut XmlOut, date: NaiveDate) {
    out.open("publication_date", &[("media_type", "online")]);
    out.leaf("month", &[], &format!("{:02}", date.month()));
    out.leaf("day", &[], &format!("{:02}", date.day()));
    out.leaf("year", &[], &date.year().to_string());
    out.close("publication_date");
}

fn journal_issue(out: &mut XmlOut, issue: &Issue) {
    out.open("journal_issue", &[]);
    publication_date(out, issue.published);
    if let Some(volume) = issue.volume {
        out.open("journal_volume", &[]);
        out.leaf("volume", &[], &volume.to_string());
        out.close("journal_volume");
    }
    out.leaf("issue", &[], &issue.id.number.to_string());
    out.close("journal_issue");
}

fn journal_article(out: &mut XmlOut, archive: &Archive, article: &Article, site: &Site) {
    out.open(
        "journal_article",
        &[
            ("publication_type", "full_text"),
            ("language", article.language.as_str()),
        ],
    );
    out.open("titles", &[]);
    out.leaf("title", &[], &article.title.text());
    if let Some(subtitle) = &article.subtitle {
        out.leaf("subtitle", &[], &subtitle.text());
    }
    out.close("titles");
    contributors(out, article);
    abstract_element(out, archive, article, site);
    publication_date(out, article.published);
    if let Some(pages) = &article.pages {
        out.open("pages", &[]);
        out.leaf("first_page", &[], &pages.first.to_string());
        if pages.last != pages.first {
            out.leaf("last_page", &[], &pages.last.to_string());
        }
        out.close("pages");
    }
    if let Some(license) = article.license.as_ref().filter(|l| !l.url.is_empty()) {
        out.open("ai:program", &[("name", "AccessIndicators")]);
        out.leaf("ai:license_ref", &[], &license.url);
        out.close("ai:program");
    }
    out.open("doi_data", &[]);
    if let Some(doi) = &article.doi {
        out.leaf("doi", &[], doi.as_str());
    }
    out.leaf("resource", &[], &ArticleUrls::new(article, site).page);
    out.close("doi_data");
    citations(out, article);
    out.close("journal_article");
}

fn contributors(out: &mut XmlOut, article: &Article) {
    if article.authors.is_empty() {
        return;
    }
    out.open("contributors", &[]);
    for (n, author) in article.authors.iter().enumerate() {
        let sequence = if n == 0 { "first" } else { "additional" };
        out.open(
            "person_name",
            &[("sequence", sequence), ("contributor_role", "author")],
        );
        let family = if author.family.trim().is_empty() {
            &author.name
        } else {
            &author.family
        };
        if !author.given.trim().is_empty() {
            out.leaf("given_name", &[], &author.given);
        }
        out.leaf("surname", &[], family);
        if !author.affiliations.is_empty() {
            out.open("affiliations", &[]);
            for institution in &author.affiliations {
                out.open("institution", &[]);
                out.leaf("institution_name", &[], &institution.name);
                out.close("institution");
            }
            out.close("affiliations");
        }
        if let Some(orcid) = &author.orcid {
            out.leaf("ORCID", &[], &orcid.url());
        }
        out.close("person_name");
    }
    out.close("contributors");
}

fn abstract_element(out: &mut XmlOut, archive: &Archive, article: &Article, site: &Site) {
    if article.abstract_.markdown().trim().is_empty() {
        return;
    }
    let resolve = |dest: &str| resolve_link(archive, article, site, dest);
    let converted = markdown::blocks(
        article.abstract_.markdown(),
        &Options {
            prefix: "jats:",
            footnotes: Footnotes::Inline,
            id_prefix: "fn",
            resolve: &resolve,
        },
    );
    out.open("jats:abstract", &[("xml:lang", article.language.as_str())]);
    out.blocks(&converted.blocks);
    out.close("jats:abstract");
}

fn citations(out: &mut XmlOut, article: &Article) {
    if article.references.is_empty() {
        return;
    }
    out.open("citation_list", &[]);
    for (n, reference) in article.references.iter().enumerate() {
        let key = format!("ref-{}", n + 1);
        out.open("citation", &[("key", &key)]);
        if let Some((_, doi)) = reference_doi(reference) {
            out.leaf("doi", &[], doi.as_str());
        }
        out.leaf("unstructured_citation", &[], reference);
        out.close("citation");
    }
    out.close("citation_list");
}

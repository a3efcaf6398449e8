//! The article page's machine-readable head: Google Scholar's Highwire
//! `citation_*` tags, Dublin Core, PRISM, OpenGraph and schema.org JSON-LD,
//! all made here from the model, so the vocabularies cannot disagree.
//!
//! Templates get the tags as a list ([`MetaTag`]) and the JSON-LD as a
//! string that is safe inside `<script>`; they decide where to put them.
//!
//! Each vocabulary carries what its readers read, and a long text is
//! written whole once. The abstract (1.5 KB on an average page, on every
//! page of the archive) is whole only in `citation_abstract`: Google
//! Scholar reads it there, and Zotero's embedded-metadata reader takes it
//! there over Dublin Core's. `description` and `og:description` carry its
//! first 300 characters, all a search result or a link preview shows;
//! Dublin Core and the JSON-LD leave it out. Keywords are written for the
//! three readers that take them (`citation_keywords`, `DC.subject`, the
//! JSON-LD's `keywords`), not as OpenGraph's `article:tag`, which no link
//! preview shows.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::{inverted_name, journal_abbrev, ArticleUrls};
use crate::model::{Archive, Article, ArticleProse, Author};

/// The namespaces the tags' prefixes stand for, as `<link rel="schema.X">`.
pub const SCHEMAS: [(&str, &str); 3] = [
    ("schema.DC", "http://purl.org/dc/elements/1.1/"),
    ("schema.DCTERMS", "http://purl.org/dc/terms/"),
    (
        "schema.prism",
        "http://prismstandard.org/namespaces/basic/2.0/",
    ),
];

/// One `<meta>` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetaTag {
    /// `name` for Highwire, Dublin Core and PRISM; `property` for OpenGraph.
    pub attr: &'static str,
    /// The tag's name: `citation_title`, `DC.creator`, `og:title`.
    pub key: String,
    /// The value, as text (templates escape it).
    pub content: String,
    /// The language of the value when it differs from the page's (a
    /// translation's title, abstract or keywords).
    pub lang: Option<String>,
}

struct Tags(Vec<MetaTag>);

impl Tags {
    fn name(&mut self, key: &str, content: impl Into<String>) {
        self.push("name", key, content.into(), None);
    }

    fn name_in(&mut self, key: &str, content: impl Into<String>, lang: &str) {
        self.push("name", key, content.into(), Some(lang.to_string()));
    }

    /// One `key` tag per keyword, in the article's language and then each
    /// translation's.
    fn keywords(&mut self, article: &Article, key: &str) {
        for k in &article.keywords {
            self.name(key, k);
        }
        for t in &article.translations {
            for k in &t.keywords {
                self.name_in(key, k, t.lang.as_str());
            }
        }
    }

    /// The abstract as `citation_abstract`, in the article's language and
    /// then each translation's: the one tag in the head that carries whole
    /// abstracts (the module's docs say why).
    fn abstracts(&mut self, article: &Article, prose: &ArticleProse) {
        self.name("citation_abstract", &prose.abstract_text);
        for (t, shown) in article.translations.iter().zip(&prose.translations) {
            self.name_in("citation_abstract", &shown.abstract_text, t.lang.as_str());
        }
    }

    fn property(&mut self, key: &str, content: impl Into<String>) {
        self.push("property", key, content.into(), None);
    }

    fn push(&mut self, attr: &'static str, key: &str, content: String, lang: Option<String>) {
        let content = match super::single_spaced(&content) {
            Cow::Borrowed(_) => content,
            Cow::Owned(spaced) => spaced,
        };
        if !content.is_empty() {
            self.0.push(MetaTag {
                attr,
                key: key.to_string(),
                content,
                lang,
            });
        }
    }
}

/// Every `<meta>` tag of the article page at `idx`, whose title and
/// abstracts are derived in `prose`.
pub fn meta_tags(
    archive: &Archive,
    idx: usize,
    urls: &ArticleUrls,
    prose: &ArticleProse,
) -> Vec<MetaTag> {
    let mut tags = Tags(Vec::new());
    highwire(archive, idx, urls, prose, &mut tags);
    dublin_core(archive, idx, urls, prose, &mut tags);
    prism(archive, idx, urls, &mut tags);
    open_graph(archive, idx, urls, prose, &mut tags);
    tags.0
}

fn highwire(
    archive: &Archive,
    idx: usize,
    urls: &ArticleUrls,
    prose: &ArticleProse,
    tags: &mut Tags,
) {
    let config = &archive.config;
    let article = &archive.articles[idx];
    let issue = archive.issue(article.issue);
    tags.name("citation_title", &prose.full_title);
    for author in &article.authors {
        tags.name("citation_author", &author.name);
        for affiliation in &author.affiliations {
            tags.name("citation_author_institution", &affiliation.name);
        }
        if let Some(email) = &author.email {
            tags.name("citation_author_email", email);
        }
        if let Some(orcid) = &author.orcid {
            tags.name("citation_author_orcid", orcid.url());
        }
    }
    tags.name(
        "citation_publication_date",
        article.published.format("%Y/%m/%d").to_string(),
    );
    tags.name("citation_journal_title", &config.title);
    if let Some(abbrev) = journal_abbrev(config) {
        tags.name("citation_journal_abbrev", abbrev);
    }
    for issn in [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
    {
        tags.name("citation_issn", issn.as_str());
    }
    if let Some(publisher) = &config.publisher {
        tags.name("citation_publisher", publisher);
    }
    if let Some(volume) = issue.and_then(|i| i.volume) {
        tags.name("citation_volume", volume.to_string());
    }
    tags.name("citation_issue", article.issue.number.to_string());
    if let Some(pages) = article.pages {
        tags.name("citation_firstpage", pages.first.to_string());
        tags.name("citation_lastpage", pages.last.to_string());
    }
    if let Some(doi) = &article.doi {
        tags.name("citation_doi", doi.as_str());
    }
    tags.name("citation_language", article.language.as_str());
    tags.keywords(article, "citation_keywords");
    tags.abstracts(article, prose);
    tags.name("citation_abstract_html_url", &urls.page);
    if article.has_body {
        tags.name("citation_fulltext_html_url", &urls.page);
    }
    if let Some(pdf) = &urls.pdf {
        tags.name("citation_pdf_url", pdf);
    }
    if super::jats::written(config) {
        tags.name("citation_xml_url", &urls.jats);
    }
    for reference in &article.references {
        tags.name("citation_reference", reference);
    }
}

fn dublin_core(
    archive: &Archive,
    idx: usize,
    urls: &ArticleUrls,
    prose: &ArticleProse,
    tags: &mut Tags,
) {
    let config = &archive.config;
    let article = &archive.articles[idx];
    let issue = archive.issue(article.issue);
    tags.name("DC.title", &prose.full_title);
    for (t, shown) in article.translations.iter().zip(&prose.translations) {
        tags.name_in("DCTERMS.alternative", &shown.full_title, t.lang.as_str());
    }
    for author in &article.authors {
        tags.name("DC.creator", inverted_name(author));
    }
    tags.keywords(article, "DC.subject");
    if let Some(publisher) = &config.publisher {
        tags.name("DC.publisher", publisher);
    }
    tags.name("DC.date", article.published.to_string());
    tags.name("DCTERMS.issued", article.published.to_string());
    tags.name("DC.type", "Text");
    tags.name("DC.format", "text/html");
    tags.name("DC.identifier", &urls.page);
    if let Some(doi) = &article.doi {
        tags.name("DC.identifier", doi.url());
    }
    tags.name("DC.language", article.language.as_str());
    let mut source = config.title.clone();
    if let Some(volume) = issue.and_then(|i| i.volume) {
        source.push_str(&format!("; Vol. {volume}"));
    }
    source.push_str(&format!("; No. {}", article.issue.number));
    if let Some(pages) = article.pages {
        source.push_str(&format!("; {pages}"));
    }
    tags.name("DC.source", source);
    if let Some(license) = &article.license {
        let rights = if license.url.is_empty() {
            &license.id
        } else {
            &license.url
        };
        tags.name("DC.rights", rights);
    }
    tags.name("DCTERMS.bibliographicCitation", citation_text(archive, idx));
}

/// "Review of Eurasian Regional Studies, 2018, Vol. 11, No. 4, pp. 78–91":
/// the article's place in the journal, as Dublin Core's bibliographic
/// citation.
fn citation_text(archive: &Archive, idx: usize) -> String {
    let article = &archive.articles[idx];
    let mut text = format!(
        "{}, {}",
        archive.config.title,
        article.published.format("%Y")
    );
    if let Some(volume) = archive.issue(article.issue).and_then(|i| i.volume) {
        text.push_str(&format!(", Vol. {volume}"));
    }
    text.push_str(&format!(", No. {}", article.issue.number));
    if let Some(pages) = article.pages {
        let label = if pages.first == pages.last {
            "p."
        } else {
            "pp."
        };
        text.push_str(&format!(", {label} {pages}"));
    }
    text
}

fn prism(archive: &Archive, idx: usize, urls: &ArticleUrls, tags: &mut Tags) {
    let config = &archive.config;
    let article = &archive.articles[idx];
    tags.name("prism.publicationName", &config.title);
    if let Some(issn) = &config.issn_print {
        tags.name("prism.issn", issn.as_str());
    }
    if let Some(issn) = &config.issn_online {
        tags.name("prism.eIssn", issn.as_str());
    }
    if let Some(volume) = archive.issue(article.issue).and_then(|i| i.volume) {
        tags.name("prism.volume", volume.to_string());
    }
    tags.name("prism.number", article.issue.number.to_string());
    if let Some(pages) = article.pages {
        tags.name("prism.startingPage", pages.first.to_string());
        tags.name("prism.endingPage", pages.last.to_string());
    }
    tags.name("prism.publicationDate", article.published.to_string());
    if let Some(doi) = &article.doi {
        tags.name("prism.doi", doi.as_str());
    }
    tags.name("prism.url", &urls.page);
    if let Some(section) = &article.section {
        tags.name("prism.section", section);
    }
}

fn open_graph(
    archive: &Archive,
    idx: usize,
    urls: &ArticleUrls,
    prose: &ArticleProse,
    tags: &mut Tags,
) {
    let config = &archive.config;
    let article = &archive.articles[idx];
    tags.property("og:type", "article");
    tags.property("og:title", &prose.full_title);
    tags.property("og:description", &prose.description);
    // Open Graph's address is the page's canonical one, its own tree's.
    tags.property("og:url", &urls.here);
    tags.property("og:site_name", &config.title);
    tags.property("article:published_time", article.published.to_string());
    if let Some(section) = &article.section {
        tags.property("article:section", section);
    }
}

/// The schema.org description of the article: a `ScholarlyArticle` inside
/// its `PublicationIssue`, `PublicationVolume` and `Periodical`, as JSON
/// that is safe to put inside `<script type="application/ld+json">`.
pub fn json_ld(archive: &Archive, idx: usize, urls: &ArticleUrls, prose: &ArticleProse) -> String {
    let value = json_ld_value(archive, idx, urls, prose);
    let text = serde_json::to_string(&value).unwrap_or_else(|_| "{}".to_string());
    // Nothing in a JSON string may close the script element or open a comment.
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The JSON-LD as a value, for tests and other writers.
pub fn json_ld_value(
    archive: &Archive,
    idx: usize,
    urls: &ArticleUrls,
    prose: &ArticleProse,
) -> Value {
    let config = &archive.config;
    let article = &archive.articles[idx];
    let issue = archive.issue(article.issue);
    let issns: Vec<&str> = [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
        .map(|i| i.as_str())
        .collect();
    let mut periodical = Map::new();
    periodical.insert("@type".into(), json!("Periodical"));
    periodical.insert("name".into(), json!(config.title));
    if let Some(abbrev) = journal_abbrev(config) {
        periodical.insert("alternateName".into(), json!(abbrev));
    }
    if !issns.is_empty() {
        periodical.insert("issn".into(), json!(issns));
    }
    if let Some(publisher) = &config.publisher {
        periodical.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    let mut container = Value::Object(periodical);
    if let Some(volume) = issue.and_then(|i| i.volume) {
        container = json!({
            "@type": "PublicationVolume",
            "volumeNumber": volume.to_string(),
            "isPartOf": container,
        });
    }
    let mut publication_issue = Map::new();
    publication_issue.insert("@type".into(), json!("PublicationIssue"));
    publication_issue.insert(
        "issueNumber".into(),
        json!(article.issue.number.to_string()),
    );
    if let Some(issue) = issue {
        publication_issue.insert("datePublished".into(), json!(issue.published.to_string()));
    }
    publication_issue.insert("isPartOf".into(), container);

    let mut item = Map::new();
    let mut put = |name: &str, value: Value| {
        item.insert(name.to_string(), value);
    };
    put("@context", json!("https://schema.org"));
    put("@type", json!("ScholarlyArticle"));
    put("@id", json!(urls.page));
    put("url", json!(urls.page));
    put("name", json!(prose.full_title));
    put("headline", json!(prose.title_text));
    if let Some(subtitle) = &prose.subtitle_text {
        put("alternativeHeadline", json!(subtitle));
    }
    put(
        "author",
        Value::Array(article.authors.iter().map(person).collect()),
    );
    put("datePublished", json!(article.published.to_string()));
    put("inLanguage", json!(article.language.as_str()));
    if !article.keywords.is_empty() {
        put("keywords", json!(super::folded_keywords(article)));
    }
    if let Some(section) = &article.section {
        put("articleSection", json!(section));
    }
    if let Some(pages) = article.pages {
        put("pageStart", json!(pages.first.to_string()));
        put("pageEnd", json!(pages.last.to_string()));
        put("pagination", json!(pages.to_string()));
    }
    if let Some(doi) = &article.doi {
        put(
            "identifier",
            json!({ "@type": "PropertyValue", "propertyID": "DOI", "value": doi.as_str() }),
        );
        put("sameAs", json!(doi.url()));
    }
    if let Some(license) = article.license.as_ref().filter(|l| !l.url.is_empty()) {
        put("license", json!(license.url));
    }
    if let Some(publisher) = &config.publisher {
        put(
            "publisher",
            json!({ "@type": "Organization", "name": publisher }),
        );
    }
    if let Some(pdf) = &urls.pdf {
        put(
            "encoding",
            json!({ "@type": "MediaObject", "contentUrl": pdf, "encodingFormat": "application/pdf" }),
        );
    }
    let tax = &archive.taxonomies;
    if let Some(places) = tax.article_countries.get(idx).filter(|p| !p.is_empty()) {
        put(
            "spatialCoverage",
            Value::Array(
                places
                    .iter()
                    .map(|&c| json!({ "@type": "Country", "name": tax.countries[c].name }))
                    .collect(),
            ),
        );
    }
    if !article.references.is_empty() {
        put("citation", citations(archive, idx));
    }
    put("isPartOf", Value::Object(publication_issue));
    Value::Object(item)
}

/// The JSON-LD `citation` list: each reference as its text, or, when it
/// names an archive article ([`crate::citations`]), as that article with
/// its page of record (`@id`, `url`), its DOI and the reference's text.
fn citations(archive: &Archive, idx: usize) -> Value {
    let article = &archive.articles[idx];
    let site = crate::site::Site::new(&archive.config);
    Value::Array(
        article
            .references
            .iter()
            .enumerate()
            .map(|(n, reference)| {
                let Some(cited) = archive.citations.named_by(idx, n) else {
                    return json!(reference);
                };
                let cited = &archive.articles[cited];
                let page = ArticleUrls::page_of_record(cited, &site);
                let mut item = Map::new();
                item.insert("@type".into(), json!("ScholarlyArticle"));
                item.insert("@id".into(), json!(page));
                item.insert("url".into(), json!(page));
                item.insert("name".into(), json!(cited.full_title()));
                if let Some(doi) = &cited.doi {
                    item.insert(
                        "identifier".into(),
                        json!({ "@type": "PropertyValue", "propertyID": "DOI", "value": doi.as_str() }),
                    );
                    item.insert("sameAs".into(), json!(doi.url()));
                }
                item.insert("description".into(), json!(reference));
                Value::Object(item)
            })
            .collect(),
    )
}

fn person(author: &Author) -> Value {
    let mut p = Map::new();
    p.insert("@type".into(), json!("Person"));
    if let Some(orcid) = &author.orcid {
        p.insert("@id".into(), json!(orcid.url()));
    }
    p.insert("name".into(), json!(author.name));
    p.insert("familyName".into(), json!(author.family));
    if !author.given.is_empty() {
        p.insert("givenName".into(), json!(author.given));
    }
    if !author.affiliations.is_empty() {
        p.insert(
            "affiliation".into(),
            Value::Array(
                author
                    .affiliations
                    .iter()
                    .map(|a| match a.country {
                        Some(code) => json!({
                            "@type": "Organization",
                            "name": a.name,
                            "address": { "@type": "PostalAddress", "addressCountry": code },
                        }),
                        None => json!({ "@type": "Organization", "name": a.name }),
                    })
                    .collect(),
            ),
        );
    }
    if let Some(email) = &author.email {
        p.insert("email".into(), json!(email));
    }
    Value::Object(p)
}

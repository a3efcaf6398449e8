//! JATS 1.3 (Journal Publishing) for each article: `article.jats.xml`.
//!
//! The front matter carries everything the model knows about the article;
//! the body is the full text, read again from its file as the page is; the
//! back holds the references and the full text's footnotes.
//!
//! Decisions: the Journal Publishing schema requires at least one ISSN in
//! `<journal-meta>`, so a journal without `issn_print` or `issn_online` gets
//! no JATS files. An author's position is a `<role>`; a name in its own
//! script is a `<string-name>` beside the `<name>`. Each distinct pair of
//! affiliation and address is one `<aff>`.

pub mod markdown;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use super::{journal_abbrev, ArticleUrls, FullText};
use crate::model::{Affiliation, Archive, Article, Author, Doi};
use crate::site::Site;
use crate::xml::XmlOut;
use markdown::{Converted, Footnotes, Options, XmlEvent};

/// The xlink namespace.
pub const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
/// The NISO Access and License Indicators namespace.
pub const ALI_NS: &str = "http://www.niso.org/schemas/ali/1.0/";

/// Where an article's links lead: the address written for each link or
/// image of its Markdown. A relative link to another article's `.md` file
/// becomes that article's page; a root-relative one gets the site's base;
/// any other relative one is read against the article's page. Scripts and
/// data addresses give `None`.
pub fn resolve_link(
    archive: &Archive,
    article: &Article,
    site: &Site,
    dest: &str,
) -> Option<String> {
    let dest = dest.trim();
    if !crate::model::prose::is_safe_url(dest) {
        return None;
    }
    let page = ArticleUrls::new(article, site).page;
    if let Some(rest) = dest.strip_prefix('/').filter(|r| !r.starts_with('/')) {
        return Some(site.absolute(&format!("{}{rest}", site.base_path())));
    }
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, suffix) = dest.split_at(cut);
    if path.ends_with(".md") && !path.contains(':') {
        let dir = article.source.path().parent().unwrap_or(Path::new(""));
        if let Some(target) = crate::content::markdown::normalise(&dir.join(path)) {
            if let Some(other) = archive.articles.iter().find(|a| a.source.path() == target) {
                return Some(format!("{}{suffix}", ArticleUrls::new(other, site).page));
            }
        }
    }
    match url::Url::parse(&page).and_then(|base| base.join(dest)) {
        Ok(joined) => Some(joined.to_string()),
        Err(_) => Some(page),
    }
}

/// The absolute form of `href`, an address as the article's page writes
/// it: root-relative with the base path, or relative to the page.
fn absolute(article: &Article, site: &Site, href: &str) -> Option<String> {
    if href.starts_with('/') && !href.starts_with("//") {
        return Some(site.absolute(href));
    }
    let page = ArticleUrls::new(article, site).page;
    url::Url::parse(&page)
        .and_then(|base| base.join(href))
        .map(|joined| joined.to_string())
        .ok()
}

/// Where a DOI stands in a formatted reference: the byte range of its text
/// (after any `https://doi.org/` or `doi:` in front) and the DOI.
pub fn reference_doi(reference: &str) -> Option<(std::ops::Range<usize>, Doi)> {
    crate::model::dois_in(reference)
        .into_iter()
        .next()
        .map(|found| (found.at, found.doi))
}

/// Whether the journal's articles get JATS files: only with an ISSN, which
/// the Journal Publishing schema requires.
pub fn written(config: &crate::config::Config) -> bool {
    config.issn_print.is_some() || config.issn_online.is_some()
}

/// The text of `article.jats.xml` for article `idx`, with its full `text`
/// as the body, or `None` when the journal has no ISSN (the schema requires
/// one). The body's links lead where its page's do.
pub fn article_file(
    archive: &Archive,
    idx: usize,
    site: &Site,
    text: Option<FullText<'_>>,
) -> Option<String> {
    let article = archive.articles.get(idx)?;
    if !written(&archive.config) {
        return None;
    }
    let on_page: HashMap<&str, &str> = text
        .iter()
        .flat_map(|text| text.links)
        .map(|(written, resolved)| (written.as_str(), resolved.as_str()))
        .collect();
    let resolve = |dest: &str| match on_page.get(dest) {
        Some(resolved) => absolute(article, site, resolved),
        None => resolve_link(archive, article, site, dest),
    };
    let body = text
        .map(|text| text.markdown)
        .filter(|text| !text.trim().is_empty())
        .map(|text| {
            markdown::blocks(
                text,
                &Options {
                    prefix: "",
                    footnotes: Footnotes::Back,
                    id_prefix: "fn",
                    resolve: &resolve,
                },
            )
        })
        .unwrap_or_default();
    let mut out = XmlOut::new();
    out.open(
        "article",
        &[
            ("xmlns:xlink", XLINK_NS),
            ("xmlns:ali", ALI_NS),
            ("dtd-version", "1.3"),
            ("article-type", "research-article"),
            ("xml:lang", article.language.as_str()),
        ],
    );
    out.open("front", &[]);
    journal_meta(&mut out, archive);
    article_meta(&mut out, archive, article, site, &resolve);
    out.close("front");
    if !body.blocks.is_empty() {
        out.open("body", &[]);
        out.blocks(&body.blocks);
        out.close("body");
    }
    back(&mut out, archive, idx, site, &body);
    out.close("article");
    Some(out.finish())
}

fn journal_meta(out: &mut XmlOut, archive: &Archive) {
    let config = &archive.config;
    out.open("journal-meta", &[]);
    out.leaf(
        "journal-id",
        &[("journal-id-type", "publisher-id")],
        journal_abbrev(config).unwrap_or(&config.title),
    );
    out.open("journal-title-group", &[]);
    out.leaf("journal-title", &[], &config.title);
    if let Some(abbrev) = journal_abbrev(config) {
        out.leaf(
            "abbrev-journal-title",
            &[("abbrev-type", "publisher")],
            abbrev,
        );
    }
    out.close("journal-title-group");
    if let Some(issn) = &config.issn_print {
        out.leaf("issn", &[("publication-format", "print")], issn.as_str());
    }
    if let Some(issn) = &config.issn_online {
        out.leaf(
            "issn",
            &[("publication-format", "electronic")],
            issn.as_str(),
        );
    }
    if let Some(publisher) = &config.publisher {
        out.open("publisher", &[]);
        out.leaf("publisher-name", &[], publisher);
        out.close("publisher");
    }
    out.close("journal-meta");
}

fn article_meta(
    out: &mut XmlOut,
    archive: &Archive,
    article: &Article,
    site: &Site,
    resolve: &dyn Fn(&str) -> Option<String>,
) {
    let inline_options = Options {
        prefix: "",
        footnotes: Footnotes::Inline,
        id_prefix: "fn",
        resolve,
    };
    out.open("article-meta", &[]);
    if let Some(doi) = &article.doi {
        out.leaf("article-id", &[("pub-id-type", "doi")], doi.as_str());
    }
    if let Some(section) = &article.section {
        out.open("article-categories", &[]);
        out.open("subj-group", &[("subj-group-type", "heading")]);
        out.leaf("subject", &[], section);
        out.close("subj-group");
        out.close("article-categories");
    }
    title_group(out, article, &inline_options);
    contributors(out, &article.authors);
    pub_date(out, article.published);
    let issue = archive.issue(article.issue);
    if let Some(volume) = issue.and_then(|i| i.volume) {
        out.leaf("volume", &[], &volume.to_string());
    }
    out.leaf("issue", &[], &article.issue.number.to_string());
    if let Some(pages) = &article.pages {
        out.leaf("fpage", &[], &pages.first.to_string());
        out.leaf("lpage", &[], &pages.last.to_string());
    }
    history(out, article);
    permissions(out, article);
    let addresses = ArticleUrls::new(article, site);
    if let Some(pdf) = &addresses.pdf {
        out.empty("self-uri", &[("content-type", "pdf"), ("xlink:href", pdf)]);
    }
    out.empty("self-uri", &[("xlink:href", &addresses.page)]);
    abstract_element(
        out,
        "abstract",
        None,
        article.abstract_.markdown(),
        &inline_options,
    );
    for translation in &article.translations {
        abstract_element(
            out,
            "trans-abstract",
            Some(translation.lang.as_str()),
            translation.abstract_.markdown(),
            &inline_options,
        );
    }
    keywords(out, article.language.as_str(), &article.keywords);
    for translation in &article.translations {
        keywords(out, translation.lang.as_str(), &translation.keywords);
    }
    if let Some(funding) = &article.funding {
        out.open("funding-group", &[]);
        out.leaf("funding-statement", &[], funding);
        out.close("funding-group");
    }
    out.close("article-meta");
}

fn title_group(out: &mut XmlOut, article: &Article, options: &Options<'_>) {
    out.open("title-group", &[]);
    out.mixed(
        "article-title",
        &[],
        &markdown::inline(article.title.markdown(), options),
    );
    if let Some(subtitle) = &article.subtitle {
        out.mixed(
            "subtitle",
            &[],
            &markdown::inline(subtitle.markdown(), options),
        );
    }
    for translation in &article.translations {
        if translation.title.markdown().trim().is_empty() {
            continue;
        }
        out.open(
            "trans-title-group",
            &[("xml:lang", translation.lang.as_str())],
        );
        out.mixed(
            "trans-title",
            &[],
            &markdown::inline(translation.title.markdown(), options),
        );
        if let Some(subtitle) = &translation.subtitle {
            out.mixed(
                "trans-subtitle",
                &[],
                &markdown::inline(subtitle.markdown(), options),
            );
        }
        out.close("trans-title-group");
    }
    out.close("title-group");
}

/// The distinct (affiliation, address) pairs of the byline, in order.
fn affiliations(authors: &[Author]) -> Vec<(&Affiliation, Option<&str>)> {
    let mut affs: Vec<(&Affiliation, Option<&str>)> = Vec::new();
    for author in authors {
        for institution in &author.affiliations {
            let key = (institution, author.address.as_deref());
            if !affs.contains(&key) {
                affs.push(key);
            }
        }
    }
    affs
}

fn contributors(out: &mut XmlOut, authors: &[Author]) {
    if authors.is_empty() {
        return;
    }
    let affs = affiliations(authors);
    out.open("contrib-group", &[]);
    for author in authors {
        let mut attrs = vec![("contrib-type", "author")];
        if author.corresponding {
            attrs.push(("corresp", "yes"));
        }
        out.open("contrib", &attrs);
        if let Some(orcid) = &author.orcid {
            out.leaf("contrib-id", &[("contrib-id-type", "orcid")], &orcid.url());
        }
        match &author.name_original {
            Some(original) => {
                out.open("name-alternatives", &[]);
                name(out, author);
                out.leaf("string-name", &[("specific-use", "original")], original);
                out.close("name-alternatives");
            }
            None => name(out, author),
        }
        if let Some(degrees) = &author.degrees {
            out.leaf("degrees", &[], degrees);
        }
        if let Some(position) = &author.position {
            out.leaf("role", &[("content-type", "position")], position);
        }
        if author.affiliations.is_empty() {
            if let Some(address) = &author.address {
                out.open("address", &[]);
                out.leaf("addr-line", &[], address);
                out.close("address");
            }
        }
        if let Some(email) = &author.email {
            out.leaf("email", &[], email);
        }
        for institution in &author.affiliations {
            let key = (institution, author.address.as_deref());
            if let Some(n) = affs.iter().position(|a| *a == key) {
                let id = format!("aff-{}", n + 1);
                out.empty("xref", &[("ref-type", "aff"), ("rid", &id)]);
            }
        }
        out.close("contrib");
    }
    out.close("contrib-group");
    for (n, (institution, address)) in affs.iter().enumerate() {
        let id = format!("aff-{}", n + 1);
        out.open("aff", &[("id", &id)]);
        out.leaf("institution", &[], &institution.name);
        if let Some(address) = address {
            out.leaf("addr-line", &[], address);
        }
        // The country as JATS names it: its ISO code, and its English name.
        if let Some(country) = institution
            .country
            .and_then(|code| crate::taxonomy::Gazetteer::get().by_code(code))
        {
            out.leaf("country", &[("country", country.alpha2)], country.name);
        }
        out.close("aff");
    }
}

fn name(out: &mut XmlOut, author: &Author) {
    out.open("name", &[]);
    let family = if author.family.trim().is_empty() {
        &author.name
    } else {
        &author.family
    };
    out.leaf("surname", &[], family);
    if !author.given.trim().is_empty() {
        out.leaf("given-names", &[], &author.given);
    }
    out.close("name");
}

fn date_parts(out: &mut XmlOut, date: NaiveDate) {
    out.leaf("day", &[], &format!("{:02}", date.day()));
    out.leaf("month", &[], &format!("{:02}", date.month()));
    out.leaf("year", &[], &date.year().to_string());
}

fn pub_date(out: &mut XmlOut, date: NaiveDate) {
    let iso = date.to_string();
    out.open(
        "pub-date",
        &[
            ("publication-format", "electronic"),
            ("date-type", "pub"),
            ("iso-8601-date", &iso),
        ],
    );
    date_parts(out, date);
    out.close("pub-date");
}

fn history(out: &mut XmlOut, article: &Article) {
    let dates = [
        ("received", article.received),
        ("rev-recd", article.revised),
        ("accepted", article.accepted),
    ];
    if dates.iter().all(|(_, d)| d.is_none()) {
        return;
    }
    out.open("history", &[]);
    for (kind, date) in dates {
        if let Some(date) = date {
            let iso = date.to_string();
            out.open("date", &[("date-type", kind), ("iso-8601-date", &iso)]);
            date_parts(out, date);
            out.close("date");
        }
    }
    out.close("history");
}

fn permissions(out: &mut XmlOut, article: &Article) {
    out.open("permissions", &[]);
    out.leaf("copyright-year", &[], &article.published.year().to_string());
    if let Some(license) = &article.license {
        if license.url.is_empty() {
            out.open("license", &[]);
        } else {
            out.open("license", &[("xlink:href", &license.url)]);
            out.leaf("ali:license_ref", &[], &license.url);
        }
        let name = if license.name.is_empty() {
            &license.id
        } else {
            &license.name
        };
        out.leaf("license-p", &[], name);
        out.close("license");
    }
    out.close("permissions");
}

fn abstract_element(
    out: &mut XmlOut,
    name: &str,
    lang: Option<&str>,
    text: &str,
    options: &Options<'_>,
) {
    if text.trim().is_empty() {
        return;
    }
    let converted = markdown::blocks(text, options);
    let attrs: Vec<(&str, &str)> = lang.map(|l| ("xml:lang", l)).into_iter().collect();
    out.open(name, &attrs);
    out.blocks(&converted.blocks);
    out.close(name);
}

fn keywords(out: &mut XmlOut, lang: &str, keywords: &[String]) {
    if keywords.is_empty() {
        return;
    }
    out.open(
        "kwd-group",
        &[("kwd-group-type", "author"), ("xml:lang", lang)],
    );
    for keyword in keywords {
        out.leaf("kwd", &[], keyword);
    }
    out.close("kwd-group");
}

fn back(out: &mut XmlOut, archive: &Archive, idx: usize, site: &Site, body: &Converted) {
    let article = &archive.articles[idx];
    if article.references.is_empty() && body.footnotes.is_empty() {
        return;
    }
    out.open("back", &[]);
    if !article.references.is_empty() {
        out.open("ref-list", &[]);
        for (n, reference) in article.references.iter().enumerate() {
            let id = format!("ref-{}", n + 1);
            out.open("ref", &[("id", &id)]);
            let mut events = citation(reference);
            if let Some(cited) = archive.citations.named_by(idx, n) {
                cited_article(&mut events, reference, &archive.articles[cited], site);
            }
            out.mixed("mixed-citation", &[], &events);
            out.close("ref");
        }
        out.close("ref-list");
    }
    if !body.footnotes.is_empty() {
        out.open("fn-group", &[]);
        out.blocks(&body.footnotes);
        out.close("fn-group");
    }
    out.close("back");
}

/// A reference as mixed-citation content: its text, with the DOI in it
/// marked up as a `<pub-id>`.
fn citation(reference: &str) -> Vec<XmlEvent> {
    let text = |s: &str| Event::Text(BytesText::new(&crate::xml::xml_safe(s)).into_owned());
    match reference_doi(reference) {
        Some((range, doi)) => {
            let mut start = BytesStart::new("pub-id");
            start.push_attribute(("pub-id-type", "doi"));
            vec![
                text(&reference[..range.start]),
                Event::Start(start),
                text(doi.as_str()),
                Event::End(BytesEnd::new("pub-id")),
                text(&reference[range.end..]),
            ]
        }
        None => vec![text(reference)],
    }
}

/// Appends to a reference that names an archive article ([`crate::citations`])
/// that article's DOI as a `<pub-id>`, when the reference does not write
/// it, and its page of record as an `<ext-link>`.
fn cited_article(events: &mut Vec<XmlEvent>, reference: &str, cited: &Article, site: &Site) {
    let text = |s: &str| Event::Text(BytesText::new(s).into_owned());
    if let Some(doi) = &cited.doi {
        let written = crate::model::dois_in(reference)
            .iter()
            .any(|found| found.doi.key() == doi.key());
        if !written {
            let mut start = BytesStart::new("pub-id");
            start.push_attribute(("pub-id-type", "doi"));
            events.push(text(" "));
            events.push(Event::Start(start));
            events.push(Event::Text(
                BytesText::new(&crate::xml::xml_safe(doi.as_str())).into_owned(),
            ));
            events.push(Event::End(BytesEnd::new("pub-id")));
        }
    }
    let page = ArticleUrls::page_of_record(cited, site);
    let mut start = BytesStart::new("ext-link");
    start.push_attribute(("ext-link-type", "uri"));
    start.push_attribute(("xlink:href", page.as_str()));
    events.push(text(" "));
    events.push(Event::Start(start));
    events.push(Event::Text(BytesText::new(&page).into_owned()));
    events.push(Event::End(BytesEnd::new("ext-link")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_are_found_in_references() {
        let reference = "Smith J. Title. 2019. https://doi.org/10.1234/abc.def.";
        let (range, doi) = reference_doi(reference).unwrap();
        assert_eq!(&reference[range], "10.1234/abc.def");
        assert_eq!(doi.as_str(), "10.1234/abc.def");
        let (range, _) = reference_doi("X. DOI: 10.24833/a-1, p. 5").unwrap();
        assert_eq!(range, 8..20);
        assert!(reference_doi("No DOI here, 10.12/short").is_none());
    }

    #[test]
    fn citations_mark_their_doi() {
        let mut writer = quick_xml::Writer::new(Vec::new());
        markdown::write_events(&mut writer, &citation("A & B. doi:10.1234/x <y>")).unwrap();
        assert_eq!(
            String::from_utf8(writer.into_inner()).unwrap(),
            "A &amp; B. doi:<pub-id pub-id-type=\"doi\">10.1234/x</pub-id> &lt;y&gt;"
        );
    }

    #[test]
    fn affiliations_are_distinct_by_institution_and_address() {
        let author = |affs: &[&str], address: Option<&str>| Author {
            affiliations: affs
                .iter()
                .map(|a| Affiliation {
                    name: a.to_string(),
                    country: None,
                })
                .collect(),
            address: address.map(str::to_string),
            ..Author::default()
        };
        let authors = [
            author(&["U", "V"], None),
            author(&["U"], None),
            author(&["U"], Some("Street 1")),
        ];
        let got: Vec<(&str, Option<&str>)> = affiliations(&authors)
            .into_iter()
            .map(|(a, address)| (a.name.as_str(), address))
            .collect();
        assert_eq!(got, [("U", None), ("V", None), ("U", Some("Street 1"))]);
    }

    #[test]
    fn documents_are_indented_and_escaped() {
        let mut out = XmlOut::new();
        out.open("a", &[("k", "x\"y")]);
        out.leaf("b", &[], "1 < 2\u{1}");
        out.close("a");
        assert_eq!(
            out.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a k=\"x&quot;y\">\n  <b>1 &lt; 2</b>\n</a>\n"
        );
    }
}

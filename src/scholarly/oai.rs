//! The OAI-PMH Static Repository: `/oai.xml`, one file that an OAI Static
//! Repository Gateway serves to harvesters as an OAI-PMH repository (the
//! OAI's "Specification for an OAI Static Repository and an OAI Static
//! Repository Gateway").
//!
//! The file is written only when `journal.yaml` names the gateway
//! (`oai_gateway`): its `baseURL` must be the address the gateway gives it,
//! the gateway's address, a `/` and the file's own address without
//! `https://`, and without a gateway there is no true value to write. It
//! holds one `oai_dc` record per published article, oldest issue first.
//! Datestamps are publication dates (YYYY-MM-DD granularity, as static
//! repositories must use), so the file is the same on every build.

use std::io;

use chrono::NaiveDate;

use crate::config::BaseUrl;
use crate::model::{Archive, Article};
use crate::site::Site;

use super::ArticleUrls;
use crate::xml::{self, text_element, XmlWriter};

const STATIC_REPOSITORY_NS: &str = "http://www.openarchives.org/OAI/2.0/static-repository";
const STATIC_REPOSITORY_XSD: &str = "http://www.openarchives.org/OAI/2.0/static-repository.xsd";
const OAI_NS: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_DC_NS: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
const OAI_DC_XSD: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const OAI_IDENTIFIER_NS: &str = "http://www.openarchives.org/OAI/2.0/oai-identifier";
const OAI_IDENTIFIER_XSD: &str = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
/// The size the static repository guidelines have in mind: "between 1 and
/// 5000 records".
const GUIDELINE_RECORDS: usize = 5000;
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The Static Repository base URL: the gateway's address, one `/`, and the
/// file's address without its scheme (`https://`, or `http://` as in the
/// guidelines' example).
pub fn base_url(gateway: &BaseUrl, file_url: &str) -> String {
    let bare = file_url
        .split_once("://")
        .map_or(file_url, |(_, rest)| rest);
    format!("{}{bare}", gateway.as_url())
}

/// `host` when it can be an OAI repository identifier: a domain name whose
/// every label starts with a letter (oai-identifier.xsd), so not an IP
/// address, `localhost` or a label such as `2gis`.
pub fn repository_identifier(host: &str) -> Option<&str> {
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |label: &&str| {
        label.starts_with(|c: char| c.is_ascii_alphabetic())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    (labels.len() >= 2 && labels.iter().all(label_ok)).then_some(host)
}

/// The local part of an OAI identifier made from a root-relative address:
/// the address without its outer slashes, each character outside the set
/// oai-identifier.xsd allows percent-encoded.
pub fn local_identifier(path: &str) -> String {
    const ALLOWED: &str = "-_.!~*'();/?:@&=+$,%";
    let mut id = String::with_capacity(path.len());
    for c in path.trim_matches('/').chars() {
        if c.is_ascii_alphanumeric() || ALLOWED.contains(c) {
            id.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                id.push_str(&format!("%{b:02X}"));
            }
        }
    }
    id
}

/// The name a record goes by: `oai:<host>:<path>` when the site's host can
/// be a repository identifier, else the article's page address.
fn identifier(host: Option<&str>, article: &Article, site: &Site) -> String {
    let path = site.dir_path(&site.article(article));
    match host {
        Some(host) => format!("oai:{host}:{}", local_identifier(&path)),
        None => site.absolute(&path),
    }
}

/// What the `Identify` part says besides the records.
struct Repository<'a> {
    archive: &'a Archive,
    base_url: String,
    admin_email: &'a str,
    host: Option<&'a str>,
}

/// `/oai.xml`; `None` without `oai_gateway` or `contact_email` in
/// journal.yaml (config reading reports the second), or without a published
/// article (a static repository holds at least one record).
pub fn file(archive: &Archive, site: &Site) -> Option<String> {
    let config = &archive.config;
    let (Some(gateway), Some(admin_email)) = (&config.oai_gateway, &config.contact_email) else {
        log::debug!(
            "no oai_gateway (or contact_email) in journal.yaml: no {}",
            site.oai().as_str()
        );
        return None;
    };
    let articles: Vec<&Article> = archive.articles.iter().filter(|a| !a.draft).collect();
    let first = *articles.first()?;
    let earliest = articles.iter().map(|a| a.published).min()?;
    if articles.len() > GUIDELINE_RECORDS {
        log::warn!(
            "{} holds {} records; static repositories are meant for up to {GUIDELINE_RECORDS}, and a gateway may refuse a larger file",
            site.oai().as_str(),
            articles.len()
        );
    }
    let file_url = site.file_url(&site.oai());
    let site_host = url::Url::parse(site.origin())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    let repository = Repository {
        archive,
        base_url: base_url(gateway, &file_url),
        admin_email,
        host: site_host.as_deref().and_then(repository_identifier),
    };
    let text = xml::document(|w| {
        w.create_element("Repository")
            .with_attributes([
                ("xmlns", STATIC_REPOSITORY_NS),
                ("xmlns:oai", OAI_NS),
                ("xmlns:xsi", XSI_NS),
                (
                    "xsi:schemaLocation",
                    &format!("{STATIC_REPOSITORY_NS} {STATIC_REPOSITORY_XSD}"),
                ),
            ])
            .write_inner_content(|w| {
                let sample = identifier(repository.host, first, site);
                identify(w, &repository, earliest, &sample)?;
                list_metadata_formats(w)?;
                list_records(w, &repository, &articles, site)
            })?;
        Ok(())
    });
    Some(text)
}

/// `Identify`, with the oai-identifier description when identifiers are
/// `oai:` ones.
fn identify(
    w: &mut XmlWriter,
    repository: &Repository<'_>,
    earliest: NaiveDate,
    sample: &str,
) -> io::Result<()> {
    w.create_element("Identify").write_inner_content(|w| {
        text_element(
            w,
            "oai:repositoryName",
            &[],
            &repository.archive.config.title,
        )?;
        text_element(w, "oai:baseURL", &[], &repository.base_url)?;
        text_element(w, "oai:protocolVersion", &[], "2.0")?;
        text_element(w, "oai:adminEmail", &[], repository.admin_email)?;
        text_element(w, "oai:earliestDatestamp", &[], &earliest.to_string())?;
        text_element(w, "oai:deletedRecord", &[], "no")?;
        text_element(w, "oai:granularity", &[], "YYYY-MM-DD")?;
        if let Some(host) = repository.host {
            w.create_element("oai:description")
                .write_inner_content(|w| oai_identifier(w, host, sample))?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The `oai-identifier` description: scheme, repository identifier,
/// delimiter and a sample identifier.
fn oai_identifier(w: &mut XmlWriter, host: &str, sample: &str) -> io::Result<()> {
    w.create_element("oai-identifier")
        .with_attributes([
            ("xmlns", OAI_IDENTIFIER_NS),
            (
                "xsi:schemaLocation",
                &format!("{OAI_IDENTIFIER_NS} {OAI_IDENTIFIER_XSD}"),
            ),
        ])
        .write_inner_content(|w| {
            text_element(w, "scheme", &[], "oai")?;
            text_element(w, "repositoryIdentifier", &[], host)?;
            text_element(w, "delimiter", &[], ":")?;
            text_element(w, "sampleIdentifier", &[], sample)
        })?;
    Ok(())
}

/// `ListMetadataFormats`: `oai_dc` alone.
fn list_metadata_formats(w: &mut XmlWriter) -> io::Result<()> {
    w.create_element("ListMetadataFormats")
        .write_inner_content(|w| {
            w.create_element("oai:metadataFormat")
                .write_inner_content(|w| {
                    text_element(w, "oai:metadataPrefix", &[], "oai_dc")?;
                    text_element(w, "oai:schema", &[], OAI_DC_XSD)?;
                    text_element(w, "oai:metadataNamespace", &[], OAI_DC_NS)
                })?;
            Ok(())
        })?;
    Ok(())
}

/// `ListRecords metadataPrefix="oai_dc"`: one record per article.
fn list_records(
    w: &mut XmlWriter,
    repository: &Repository<'_>,
    articles: &[&Article],
    site: &Site,
) -> io::Result<()> {
    w.create_element("ListRecords")
        .with_attribute(("metadataPrefix", "oai_dc"))
        .write_inner_content(|w| {
            for article in articles {
                w.create_element("oai:record").write_inner_content(|w| {
                    w.create_element("oai:header").write_inner_content(|w| {
                        let id = identifier(repository.host, article, site);
                        text_element(w, "oai:identifier", &[], &id)?;
                        text_element(w, "oai:datestamp", &[], &article.published.to_string())
                    })?;
                    w.create_element("oai:metadata").write_inner_content(|w| {
                        dublin_core(w, repository.archive, article, site)
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The record's `oai_dc:dc`.
fn dublin_core(
    w: &mut XmlWriter,
    archive: &Archive,
    article: &Article,
    site: &Site,
) -> io::Result<()> {
    w.create_element("oai_dc:dc")
        .with_attributes([
            ("xmlns:oai_dc", OAI_DC_NS),
            ("xmlns:dc", DC_NS),
            ("xsi:schemaLocation", &format!("{OAI_DC_NS} {OAI_DC_XSD}")),
        ])
        .write_inner_content(|w| {
            described(w, article)?;
            published(w, archive, article, site)
        })?;
    Ok(())
}

/// Title, creators, subjects and description, each in the article's
/// language, then its translations'.
fn described(w: &mut XmlWriter, article: &Article) -> io::Result<()> {
    let lang = article.language.as_str();
    text_element(w, "dc:title", &[("xml:lang", lang)], &article.full_title())?;
    for t in &article.translations {
        let title = t.title.text();
        if !title.trim().is_empty() {
            text_element(
                w,
                "dc:title",
                &[("xml:lang", t.lang.as_str())],
                title.trim(),
            )?;
        }
    }
    for author in &article.authors {
        text_element(w, "dc:creator", &[], &super::inverted_name(author))?;
    }
    let keywords = std::iter::once((lang, &article.keywords)).chain(
        article
            .translations
            .iter()
            .map(|t| (t.lang.as_str(), &t.keywords)),
    );
    for (lang, words) in keywords {
        for word in words {
            text_element(w, "dc:subject", &[("xml:lang", lang)], word)?;
        }
    }
    let abstracts = std::iter::once((lang, article.abstract_.text())).chain(
        article
            .translations
            .iter()
            .map(|t| (t.lang.as_str(), t.abstract_.text())),
    );
    for (lang, text) in abstracts {
        if !text.trim().is_empty() {
            text_element(w, "dc:description", &[("xml:lang", lang)], text.trim())?;
        }
    }
    Ok(())
}

/// Publisher, date, type, format, identifiers, source, language, relation
/// and rights.
fn published(
    w: &mut XmlWriter,
    archive: &Archive,
    article: &Article,
    site: &Site,
) -> io::Result<()> {
    let config = &archive.config;
    let addresses = ArticleUrls::new(article, site);
    if let Some(publisher) = &config.publisher {
        text_element(w, "dc:publisher", &[], publisher)?;
    }
    text_element(w, "dc:date", &[], &article.published.to_string())?;
    text_element(w, "dc:type", &[], "Text")?;
    text_element(w, "dc:type", &[], "info:eu-repo/semantics/article")?;
    text_element(w, "dc:format", &[], "text/html")?;
    if addresses.pdf.is_some() {
        text_element(w, "dc:format", &[], "application/pdf")?;
    }
    text_element(w, "dc:identifier", &[], &addresses.page)?;
    if let Some(doi) = &article.doi {
        text_element(w, "dc:identifier", &[], &doi.url())?;
    }
    text_element(w, "dc:source", &[], &source(archive, article))?;
    for issn in [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
    {
        text_element(w, "dc:source", &[], issn.as_str())?;
    }
    text_element(w, "dc:language", &[], article.language.as_str())?;
    if let Some(pdf) = &addresses.pdf {
        text_element(w, "dc:relation", &[], pdf)?;
    }
    if let Some(license) = &article.license {
        let rights = if license.url.is_empty() {
            &license.id
        } else {
            &license.url
        };
        text_element(w, "dc:rights", &[], rights)?;
    }
    Ok(())
}

/// `Journal; Vol. 11, No. 4 (2018); 78–91`: where the article appeared.
fn source(archive: &Archive, article: &Article) -> String {
    let id = article.issue;
    let mut numbering = match archive.issue(id).and_then(|issue| issue.volume) {
        Some(volume) => format!("Vol. {volume}, "),
        None => String::new(),
    };
    numbering.push_str(&format!("No. {} ({})", id.number, id.year));
    let mut parts = vec![archive.config.title.clone(), numbering];
    if let Some(pages) = &article.pages {
        parts.push(pages.to_string());
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Author;

    #[test]
    fn the_base_url_is_the_gateway_then_the_file_without_its_scheme() {
        let gateway: BaseUrl = "http://gateway.institution.org/oai".parse().unwrap();
        assert_eq!(
            base_url(&gateway, "http://an.oai.org/ma/mini.xml"),
            "http://gateway.institution.org/oai/an.oai.org/ma/mini.xml"
        );
        let slashed: BaseUrl = "https://gw.example.org/oai/".parse().unwrap();
        assert_eq!(
            base_url(&slashed, "https://example.github.io/journal/oai.xml"),
            "https://gw.example.org/oai/example.github.io/journal/oai.xml"
        );
    }

    #[test]
    fn repository_identifiers_are_domain_names_of_letter_led_labels() {
        assert_eq!(
            repository_identifier("example.github.io"),
            Some("example.github.io")
        );
        assert_eq!(
            repository_identifier("my-journal.org"),
            Some("my-journal.org")
        );
        assert_eq!(repository_identifier("localhost"), None);
        assert_eq!(repository_identifier("127.0.0.1"), None);
        assert_eq!(repository_identifier("2gis.ru"), None);
    }

    #[test]
    fn local_identifiers_keep_the_allowed_characters_only() {
        assert_eq!(
            local_identifier("/journal/archive/2018/4/central-asia-integration/"),
            "journal/archive/2018/4/central-asia-integration"
        );
        assert_eq!(local_identifier("/a b/ж<"), "a%20b/%D0%B6%3C");
    }

    #[test]
    fn creators_are_family_comma_given() {
        let author = Author {
            name: "Evgeniya V. Makhmutova".into(),
            family: "Makhmutova".into(),
            given: "Evgeniya V.".into(),
            ..Author::default()
        };
        assert_eq!(
            crate::scholarly::inverted_name(&author),
            "Makhmutova, Evgeniya V."
        );
        let mononym = Author {
            name: "Tacitus".into(),
            family: "Tacitus".into(),
            ..Author::default()
        };
        assert_eq!(crate::scholarly::inverted_name(&mononym), "Tacitus");
    }
}

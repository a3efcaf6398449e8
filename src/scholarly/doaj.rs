//! DOAJ article records: `doaj.xml` beside each issue page, one `<record>`
//! per published article of the issue, in DOAJ's article XML
//! (`doajArticles.xsd`), ready for DOAJ's XML upload.
//!
//! The schema fixes the order of the elements and requires only
//! `journalTitle`, `publicationDate`, one `title` and `fullTextUrl`; quire
//! always has all four, so every article makes a valid record and the other
//! elements are left out when the article lacks them. Languages are ISO
//! 639-2/B codes (`ger`, not `deu`); see [`language_code`].

use std::io;

use crate::config::Config;
use crate::model::{Archive, Article, Issue, Lang};
use crate::site::Site;

use super::ArticleUrls;
use crate::xml::{self, text_element, XmlWriter};

/// The ISO 639-2/B codes that differ from the 639-3 (and 639-2/T) codes
/// isolang gives: DOAJ's schema takes the bibliographic forms only.
const BIBLIOGRAPHIC: &[(&str, &str)] = &[
    ("bo", "tib"),
    ("cs", "cze"),
    ("cy", "wel"),
    ("de", "ger"),
    ("el", "gre"),
    ("eu", "baq"),
    ("fa", "per"),
    ("fr", "fre"),
    ("hy", "arm"),
    ("is", "ice"),
    ("ka", "geo"),
    ("mi", "mao"),
    ("mk", "mac"),
    ("ms", "may"),
    ("my", "bur"),
    ("nl", "dut"),
    ("ro", "rum"),
    ("sk", "slo"),
    ("sq", "alb"),
    ("zh", "chi"),
];

/// ISO 639-1 codes with no ISO 639-2 code at all: Serbo-Croatian (`sh`)
/// exists in 639-1 and 639-3 (`hbs`) only.
const NOT_IN_639_2: &[&str] = &["sh"];

/// The ISO 639-2/B code of `lang` (`arm` for `hy`), or `None` for a
/// language ISO 639-2 does not list, whose language is then left out.
pub fn language_code(lang: &Lang) -> Option<&'static str> {
    let code = lang.as_str();
    if NOT_IN_639_2.contains(&code) {
        return None;
    }
    if let Some((_, b)) = BIBLIOGRAPHIC.iter().find(|(one, _)| *one == code) {
        return Some(b);
    }
    isolang::Language::from_639_1(code).map(|l| l.to_639_3())
}

/// `doaj.xml` for `issue`; `None` when the issue has no published article
/// (the schema wants at least one record).
pub fn file(archive: &Archive, issue: &Issue, site: &Site) -> Option<String> {
    let articles: Vec<&Article> = issue
        .articles
        .iter()
        .map(|&idx| &archive.articles[idx])
        .filter(|article| !article.draft)
        .collect();
    if articles.is_empty() {
        return None;
    }
    let text = xml::document(|w| {
        w.create_element("records").write_inner_content(|w| {
            for article in &articles {
                record(w, &archive.config, issue, article, site)?;
            }
            Ok(())
        })?;
        Ok(())
    });
    Some(text)
}

/// One `<record>`, its elements in the schema's order.
fn record(
    w: &mut XmlWriter,
    config: &Config,
    issue: &Issue,
    article: &Article,
    site: &Site,
) -> io::Result<()> {
    let language = language_code(&article.language);
    w.create_element("record").write_inner_content(|w| {
        if let Some(code) = language {
            text_element(w, "language", &[], code)?;
        }
        journal(w, config)?;
        text_element(w, "publicationDate", &[], &article.published.to_string())?;
        numbering(w, issue, article)?;
        if let Some(doi) = &article.doi {
            text_element(w, "doi", &[], doi.as_str())?;
        }
        text_element(w, "publisherRecordId", &[], site.article(article).as_str())?;
        text_element(w, "documentType", &[], "article")?;
        titles(w, article, language)?;
        authors(w, article)?;
        abstracts(w, article, language)?;
        full_text_url(w, article, site)?;
        keywords(w, article, language)
    })?;
    Ok(())
}

/// `publisher`, `journalTitle`, `issn`, `eissn`.
fn journal(w: &mut XmlWriter, config: &Config) -> io::Result<()> {
    if let Some(publisher) = &config.publisher {
        text_element(w, "publisher", &[], publisher)?;
    }
    text_element(w, "journalTitle", &[], &config.title)?;
    if let Some(issn) = &config.issn_print {
        text_element(w, "issn", &[], issn.as_str())?;
    }
    if let Some(issn) = &config.issn_online {
        text_element(w, "eissn", &[], issn.as_str())?;
    }
    Ok(())
}

/// `volume`, `issue`, `startPage`, `endPage`.
fn numbering(w: &mut XmlWriter, issue: &Issue, article: &Article) -> io::Result<()> {
    if let Some(volume) = issue.volume {
        text_element(w, "volume", &[], &volume.to_string())?;
    }
    text_element(w, "issue", &[], &issue.id.number.to_string())?;
    if let Some(pages) = &article.pages {
        text_element(w, "startPage", &[], &pages.first.to_string())?;
        text_element(w, "endPage", &[], &pages.last.to_string())?;
    }
    Ok(())
}

/// The `language` attribute for a code, or none.
fn lang_attr(code: Option<&'static str>) -> Vec<(&'static str, &'static str)> {
    code.map(|code| vec![("language", code)])
        .unwrap_or_default()
}

/// The title, then each translation's title.
fn titles(w: &mut XmlWriter, article: &Article, language: Option<&'static str>) -> io::Result<()> {
    text_element(w, "title", &lang_attr(language), &article.full_title())?;
    for translation in &article.translations {
        let title = translation.full_title();
        if !translation.title.text().trim().is_empty() {
            let attrs = lang_attr(language_code(&translation.lang));
            text_element(w, "title", &attrs, title.trim())?;
        }
    }
    Ok(())
}

/// The distinct affiliations of the byline, in order of first appearance.
fn affiliations(article: &Article) -> Vec<&str> {
    let mut list: Vec<&str> = Vec::new();
    for affiliation in article.authors.iter().flat_map(|a| &a.affiliations) {
        if !list.contains(&affiliation.name.as_str()) {
            list.push(&affiliation.name);
        }
    }
    list
}

/// `authors` (name, email, affiliationId, orcid_id) and the
/// `affiliationsList` their ids point into; ids are `1`, `2`, ... within the
/// record.
fn authors(w: &mut XmlWriter, article: &Article) -> io::Result<()> {
    if article.authors.is_empty() {
        return Ok(());
    }
    let list = affiliations(article);
    let id_of = |name: &str| list.iter().position(|n| *n == name).map(|i| i + 1);
    w.create_element("authors").write_inner_content(|w| {
        for author in &article.authors {
            w.create_element("author").write_inner_content(|w| {
                text_element(w, "name", &[], &author.name)?;
                if let Some(email) = &author.email {
                    text_element(w, "email", &[], email)?;
                }
                for id in author.affiliations.iter().filter_map(|a| id_of(&a.name)) {
                    text_element(w, "affiliationId", &[], &id.to_string())?;
                }
                if let Some(orcid) = &author.orcid {
                    text_element(w, "orcid_id", &[], &orcid.url())?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    if list.is_empty() {
        return Ok(());
    }
    w.create_element("affiliationsList")
        .write_inner_content(|w| {
            for (i, name) in list.iter().enumerate() {
                let id = (i + 1).to_string();
                text_element(w, "affiliationName", &[("affiliationId", &id)], name)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The abstract, then each translation's, as plain text; empty ones are
/// left out.
fn abstracts(
    w: &mut XmlWriter,
    article: &Article,
    language: Option<&'static str>,
) -> io::Result<()> {
    let text = article.abstract_.text();
    if !text.trim().is_empty() {
        text_element(w, "abstract", &lang_attr(language), text.trim())?;
    }
    for translation in &article.translations {
        let text = translation.abstract_.text();
        if !text.trim().is_empty() {
            let attrs = lang_attr(language_code(&translation.lang));
            text_element(w, "abstract", &attrs, text.trim())?;
        }
    }
    Ok(())
}

/// The one `fullTextUrl` the schema allows: the article's page when it
/// carries the full text, else the PDF when there is one, else the page
/// (which then holds all there is: the abstract).
fn full_text_url(w: &mut XmlWriter, article: &Article, site: &Site) -> io::Result<()> {
    let addresses = ArticleUrls::new(article, site);
    let (url, format) = match (&addresses.pdf, article.has_body) {
        (Some(pdf), false) => (pdf.as_str(), "pdf"),
        _ => (addresses.page.as_str(), "html"),
    };
    text_element(w, "fullTextUrl", &[("format", format)], url)
}

/// One `keywords` per language: the article's, then each translation's.
fn keywords(
    w: &mut XmlWriter,
    article: &Article,
    language: Option<&'static str>,
) -> io::Result<()> {
    let groups = std::iter::once((language, &article.keywords)).chain(
        article
            .translations
            .iter()
            .map(|t| (language_code(&t.lang), &t.keywords)),
    );
    for (code, words) in groups {
        if words.is_empty() {
            continue;
        }
        w.create_element("keywords")
            .with_attributes(lang_attr(code))
            .write_inner_content(|w| {
                for word in words {
                    text_element(w, "keyword", &[], word)?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(lang: &str) -> Option<&'static str> {
        language_code(&lang.parse().unwrap())
    }

    #[test]
    fn languages_take_their_bibliographic_codes() {
        assert_eq!(code("en"), Some("eng"));
        assert_eq!(code("ru"), Some("rus"));
        assert_eq!(code("hy"), Some("arm"));
        assert_eq!(code("ka"), Some("geo"));
        assert_eq!(code("de"), Some("ger"));
        assert_eq!(code("fr"), Some("fre"));
        assert_eq!(code("zh"), Some("chi"));
        assert_eq!(code("fa"), Some("per"));
        assert_eq!(code("kk"), Some("kaz"));
        assert_eq!(code("uz"), Some("uzb"));
        assert_eq!(code("az"), Some("aze"));
        assert_eq!(code("sh"), None);
    }

    #[test]
    fn every_bibliographic_override_is_a_real_language() {
        for (one, b) in BIBLIOGRAPHIC {
            let lang = isolang::Language::from_639_1(one).expect("a 639-1 code");
            assert_ne!(lang.to_639_3(), *b, "{one} needs no override");
            assert_eq!(b.len(), 3);
        }
    }
}

//! Citing an article: one CSL-JSON item made from the model, from which the
//! formatted references (GOST R 7.0.5, APA, Chicago, by the CSL processor
//! hayagriva) and the downloads (CSL-JSON, BibTeX, RIS) are all derived.

use std::sync::LazyLock;

use biblatex::{Chunk, Entry, EntryType, Spanned};
use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, LocaleCode, Style, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Formatting,
};
use serde_json::{json, Map, Value};

use super::{inverted_name, journal_abbrev, ArticleUrls};
use crate::html::escape as html_escape;
use crate::model::{Archive, Article, ArticleProse, Issue};

/// The CSL styles a page offers, in the order shown.
const STYLES: [(&str, &str, ArchivedStyle); 3] = [
    ("gost", "GOST R 7.0.5", ArchivedStyle::GostR7052008Numeric),
    (
        "apa",
        "APA",
        ArchivedStyle::AmericanPsychologicalAssociation,
    ),
    ("chicago", "Chicago", ArchivedStyle::ChicagoAuthorDate),
];

/// The styles and the locales, parsed once per process.
struct Processor {
    styles: Vec<(&'static str, &'static str, IndependentStyle)>,
    locales: Vec<Locale>,
}

static PROCESSOR: LazyLock<Processor> = LazyLock::new(|| Processor {
    styles: STYLES
        .iter()
        .filter_map(|&(id, label, archived)| match archived.get() {
            Style::Independent(style) => Some((id, label, style)),
            Style::Dependent(_) => None,
        })
        .collect(),
    // Only the locales the styles are asked for: the processor searches the
    // list for every term, and all 60-odd bundled locales made that search
    // a large share of a build's time.
    locales: locales()
        .into_iter()
        .filter(|l| {
            l.lang
                .as_ref()
                .is_some_and(|code| LOCALES.contains(&code.0.as_str()))
        })
        .collect(),
});

/// The locales references are formatted in: English, and Russian for
/// articles in Russian.
const LOCALES: [&str; 2] = ["en-US", "ru-RU"];

/// One formatted reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// A short identifier of the style: `gost`, `apa`, `chicago`.
    pub style: &'static str,
    /// The style's name as shown: `GOST R 7.0.5`.
    pub label: &'static str,
    /// The reference as HTML (text escaped; italics and links as markup).
    pub html: String,
    /// The reference as plain text.
    pub text: String,
}

/// The article's citation key, for BibTeX and CSL-JSON: the first author's
/// family name in ASCII, the year and the title's first long word
/// (`makhmutova2018central`).
pub fn key(article: &Article, prose: &ArticleProse) -> String {
    let ascii = |s: &str| -> String {
        deunicode::deunicode(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let family = article
        .authors
        .first()
        .map(|a| ascii(&a.family))
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "anon".to_string());
    let word = prose
        .title_text
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii)
        .find(|w| w.len() > 3)
        .unwrap_or_default();
    format!("{family}{}{word}", article.published.format("%Y"))
}

/// The issue the article is in; the archive is assembled, so it exists.
fn issue_of<'a>(archive: &'a Archive, article: &Article) -> Option<&'a Issue> {
    archive.issue(article.issue)
}

/// The article as a CSL-JSON item: the one record every citation format
/// here is made from.
pub fn csl_json(
    archive: &Archive,
    article: &Article,
    urls: &ArticleUrls,
    prose: &ArticleProse,
) -> Value {
    let config = &archive.config;
    let issue = issue_of(archive, article);
    let mut item = Map::new();
    let mut put = |name: &str, value: Value| {
        item.insert(name.to_string(), value);
    };
    put("id", json!(key(article, prose)));
    put("type", json!("article-journal"));
    put("title", json!(prose.full_title));
    if prose.subtitle_text.is_some() {
        put("title-short", json!(prose.title_text));
    }
    put(
        "author",
        Value::Array(
            article
                .authors
                .iter()
                .map(|a| {
                    if a.given.is_empty() {
                        json!({ "family": a.family })
                    } else {
                        json!({ "family": a.family, "given": a.given })
                    }
                })
                .collect(),
        ),
    );
    put("container-title", json!(config.title));
    if let Some(abbrev) = journal_abbrev(config) {
        put("container-title-short", json!(abbrev));
    }
    let issns: Vec<&str> = [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
        .map(|i| i.as_str())
        .collect();
    if !issns.is_empty() {
        put("ISSN", json!(issns.join(", ")));
    }
    if let Some(volume) = issue.and_then(|i| i.volume) {
        put("volume", json!(volume.to_string()));
    }
    put("issue", json!(article.issue.number.to_string()));
    if let Some(pages) = article.pages {
        put("page", json!(page_range(pages, "-")));
        put("page-first", json!(pages.first.to_string()));
    }
    put(
        "issued",
        json!({ "date-parts": [date_parts(article.published)] }),
    );
    if let Some(doi) = &article.doi {
        put("DOI", json!(doi.as_str()));
    }
    put("URL", json!(urls.page));
    put("language", json!(article.language.as_str()));
    if !prose.abstract_text.is_empty() {
        put("abstract", json!(prose.abstract_text));
    }
    if !article.keywords.is_empty() {
        put("keyword", json!(super::folded_keywords(article).join(", ")));
    }
    Value::Object(item)
}

fn date_parts(date: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    json!([date.year(), date.month(), date.day()])
}

fn page_range(pages: crate::model::PageRange, dash: &str) -> String {
    if pages.first == pages.last {
        pages.first.to_string()
    } else {
        format!("{}{dash}{}", pages.first, pages.last)
    }
}

/// `cite.json`: the CSL-JSON file, an array holding the one item, as
/// Zotero, Mendeley and pandoc read it.
pub fn csl_json_file(item: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&Value::Array(vec![item.clone()]))
        .unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

/// The reference to `item` in each style the page offers.
///
/// Terms ("Vol.", "No.") follow the article's language: Russian for an
/// article in Russian, English otherwise, as Russian journals cite foreign
/// works. The bundled GOST style has no DOI element, so the DOI is added
/// after it, as GOST R 7.0.5 allows.
pub fn references(item: &Value) -> Vec<Reference> {
    let doi = item.get("DOI").and_then(Value::as_str).map(str::to_string);
    let locale = match item.get("language").and_then(Value::as_str) {
        Some("ru") => "ru-RU",
        _ => "en-US",
    };
    let Ok(item) = serde_json::from_value::<Item>(item.clone()) else {
        return Vec::new();
    };
    let processor = &*PROCESSOR;
    processor
        .styles
        .iter()
        .filter_map(|(id, label, style)| {
            let mut driver = BibliographyDriver::new();
            driver.citation(CitationRequest::from_items(
                vec![CitationItem::with_entry(&item)],
                style,
                &processor.locales,
            ));
            let rendered = driver.finish(BibliographyRequest::new(
                style,
                Some(LocaleCode(locale.to_string())),
                &processor.locales,
            ));
            let entry = rendered.bibliography?.items.into_iter().next()?;
            let mut html = String::new();
            let mut text = String::new();
            write_children(&entry.content, &mut html, &mut text);
            if let (Some(doi), "gost") = (&doi, *id) {
                let url = format!("https://doi.org/{doi}");
                html.push_str(&format!(
                    " DOI: <a href=\"{}\">{}</a>.",
                    html_escape(&url),
                    html_escape(doi)
                ));
                text.push_str(&format!(" DOI: {doi}."));
            }
            Some(Reference {
                style: id,
                label,
                html: html.trim().to_string(),
                text: text.trim().to_string(),
            })
        })
        .collect()
}

/// Writes hayagriva's output tree as escaped HTML and as plain text
/// (hayagriva's own HTML writer does not escape text).
fn write_children(children: &ElemChildren, html: &mut String, text: &mut String) {
    for child in &children.0 {
        match child {
            ElemChild::Text(t) => write_formatted(&t.text, &t.formatting, html, text),
            ElemChild::Elem(e) => write_children(&e.children, html, text),
            ElemChild::Markup(m) => {
                html.push_str(&html_escape(m));
                text.push_str(m);
            }
            ElemChild::Link { text: t, url } => {
                html.push_str(&format!("<a href=\"{}\">", html_escape(url)));
                write_formatted(&t.text, &t.formatting, html, text);
                html.push_str("</a>");
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn write_formatted(content: &str, formatting: &Formatting, html: &mut String, text: &mut String) {
    let mut tags: Vec<&str> = Vec::new();
    if formatting.font_style == FontStyle::Italic {
        tags.push("i");
    }
    if formatting.font_weight == FontWeight::Bold {
        tags.push("b");
    }
    if formatting.font_variant == FontVariant::SmallCaps {
        tags.push("small");
    }
    match formatting.vertical_align {
        VerticalAlign::Sup => tags.push("sup"),
        VerticalAlign::Sub => tags.push("sub"),
        _ => {}
    }
    for tag in &tags {
        html.push_str(&format!("<{tag}>"));
    }
    html.push_str(&html_escape(content));
    for tag in tags.iter().rev() {
        html.push_str(&format!("</{tag}>"));
    }
    text.push_str(content);
}

/// `cite.bib`: the article as a BibTeX `@article`.
pub fn bibtex(
    archive: &Archive,
    article: &Article,
    urls: &ArticleUrls,
    prose: &ArticleProse,
) -> String {
    let config = &archive.config;
    let mut entry = Entry::new(key(article, prose), EntryType::Article);
    let mut set = |field: &str, value: &str| {
        if !value.is_empty() {
            entry.set(
                field,
                vec![Spanned::detached(Chunk::Normal(value.to_string()))],
            );
        }
    };
    let authors: Vec<String> = article.authors.iter().map(inverted_name).collect();
    set("author", &authors.join(" and "));
    set("title", &prose.full_title);
    set("journal", &config.title);
    set("year", &article.published.format("%Y").to_string());
    if let Some(volume) = issue_of(archive, article).and_then(|i| i.volume) {
        set("volume", &volume.to_string());
    }
    set("number", &article.issue.number.to_string());
    if let Some(pages) = article.pages {
        set("pages", &page_range(pages, "--"));
    }
    if let Some(doi) = &article.doi {
        set("doi", doi.as_str());
    }
    set("url", &urls.page);
    let issns: Vec<&str> = [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
        .map(|i| i.as_str())
        .collect();
    set("issn", &issns.join(", "));
    if let Some(publisher) = &config.publisher {
        set("publisher", publisher);
    }
    set("language", article.language.english_name());
    set("keywords", &super::folded_keywords(article).join(", "));
    // BibTeX readers differ on blank lines inside a field: keep one paragraph.
    set(
        "abstract",
        &prose
            .abstract_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    let mut text = entry
        .to_bibtex_string()
        .unwrap_or_else(|_| entry.to_biblatex_string());
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// `cite.ris`: the article as an RIS record (`TY  - JOUR`).
pub fn ris(
    archive: &Archive,
    article: &Article,
    urls: &ArticleUrls,
    prose: &ArticleProse,
) -> String {
    let config = &archive.config;
    let mut out = String::new();
    let mut line = |tag: &str, value: &str| {
        // RIS is line-based: a value never spans lines.
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !value.is_empty() {
            out.push_str(&format!("{tag}  - {value}\n"));
        }
    };
    line("TY", "JOUR");
    // The whole title, subtitle included: RIS readers (Zotero, Citation.js)
    // take `T2` for the journal of a `JOUR` record, so a subtitle there
    // became the journal's name.
    line("TI", &prose.full_title);
    for author in &article.authors {
        line("AU", &inverted_name(author));
    }
    line("PY", &article.published.format("%Y").to_string());
    line("DA", &article.published.format("%Y/%m/%d").to_string());
    line("T2", &config.title);
    line("JO", &config.title);
    if let Some(abbrev) = journal_abbrev(config) {
        line("J2", abbrev);
    }
    if let Some(volume) = issue_of(archive, article).and_then(|i| i.volume) {
        line("VL", &volume.to_string());
    }
    line("IS", &article.issue.number.to_string());
    if let Some(pages) = article.pages {
        line("SP", &pages.first.to_string());
        // One page is SP alone: readers join SP and EP into `5-5` otherwise.
        if pages.last != pages.first {
            line("EP", &pages.last.to_string());
        }
    }
    for issn in [&config.issn_print, &config.issn_online]
        .into_iter()
        .flatten()
    {
        line("SN", issn.as_str());
    }
    if let Some(publisher) = &config.publisher {
        line("PB", publisher);
    }
    if let Some(doi) = &article.doi {
        line("DO", doi.as_str());
    }
    line("UR", &urls.page);
    if let Some(pdf) = &urls.pdf {
        line("L1", pdf);
    }
    line("LA", article.language.as_str());
    for keyword in &article.keywords {
        line("KW", keyword);
    }
    line("AB", &prose.abstract_text);
    out.push_str("ER  - \n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hayagriva_text_is_escaped_and_its_formatting_kept() {
        let mut html = String::new();
        let mut text = String::new();
        let formatting = Formatting {
            font_style: FontStyle::Italic,
            ..Formatting::default()
        };
        write_formatted("R&D <Studies>", &formatting, &mut html, &mut text);
        assert_eq!(html, "<i>R&amp;D &lt;Studies&gt;</i>");
        assert_eq!(text, "R&D <Studies>");
    }

    #[test]
    fn references_come_in_three_styles_with_the_doi() {
        let item = json!({
            "id": "x", "type": "article-journal", "title": "A & B",
            "author": [{ "family": "Иванов", "given": "Пётр" }],
            "container-title": "Journal", "issue": "2", "page": "5-9",
            "issued": { "date-parts": [[2020, 1, 2]] },
            "DOI": "10.1234/abc", "language": "ru"
        });
        let refs = references(&item);
        let styles: Vec<&str> = refs.iter().map(|r| r.style).collect();
        assert_eq!(styles, ["gost", "apa", "chicago"]);
        assert!(refs[0].text.contains("Иванов"), "{}", refs[0].text);
        assert!(
            refs[0].text.ends_with("DOI: 10.1234/abc."),
            "{}",
            refs[0].text
        );
        assert!(refs.iter().all(|r| r.html.contains("A &amp; B")));
    }
}

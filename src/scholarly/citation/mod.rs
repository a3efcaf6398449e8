//! Citing an article: one CSL-JSON item made from the model, from which the
//! formatted references (GOST R 7.0.5, APA, Chicago: module `styles`) and the
//! downloads (CSL-JSON, BibTeX, RIS) are all derived.

use biblatex::{Chunk, Entry, EntryType, Spanned};
use serde_json::{json, Map, Value};

use super::{inverted_name, journal_abbrev, ArticleUrls};
use crate::model::{Archive, Article, ArticleProse, Issue};

mod styles;

pub use styles::references;

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
    // The item is written in place as a one-element array, not cloned
    // into one; the buffer starts at about a file's size.
    let mut bytes = Vec::with_capacity(4096);
    if serde_json::to_writer_pretty(&mut bytes, std::slice::from_ref(item)).is_err() {
        return "[]\n".to_string();
    }
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
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
    set("abstract", &super::single_spaced(&prose.abstract_text));
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
        let value = super::single_spaced(value);
        if !value.is_empty() {
            out.push_str(tag);
            out.push_str("  - ");
            out.push_str(&value);
            out.push('\n');
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

//! One article's document file: what a search result shows, and the text
//! its snippet is cut from.
//!
//! The text is the abstracts (the article's own, then each translation's
//! title and abstract) and the full text's opening, [`TEXT_KEPT`]
//! characters of it in whole paragraphs, the last one cut after a word and
//! marked "…". The words of the rest are in the term shards, so a search
//! finds an article by a word anywhere in it; when the matched words are
//! not in the text kept, the result's snippet is the abstract's opening,
//! unmarked. A full text of any length (a Markdown body, or a PDF's text)
//! thus makes a document of bounded size, and showing a result always
//! fetches one small file. Keeping the whole text made the documents of the
//! generated 10,000-article archive 57.7 MB instead of 12.9 MB; the other
//! bounds measured are in `docs/search.md`.
//!
//! An article without a Markdown body whose PDF galley's text was read is
//! indexed by that text ([`Content::Pdf`]): its document keeps the
//! abstracts only, with the PDF's address in `pdf`, and the whole text goes
//! to a file of its own, [`page_text`], which the search page fetches for a
//! result whose matched words are not in the abstracts, to cut a snippet
//! from the page that holds them.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Archive, ArticleIdx, ArticleProse};
use crate::pdf::PdfText;
use crate::site::Site;
use crate::text::Text;

/// How many characters of full text a document keeps after the abstracts:
/// about the first page.
pub const TEXT_KEPT: usize = 2_000;

/// An article's full text, as the index reads it.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    /// The paragraphs of its Markdown body (none for an article without
    /// one, or whose PDF could not be read).
    Body(&'a [String]),
    /// The text of its PDF galley, for an article without a body: `link` is
    /// the address its page links the PDF with.
    Pdf {
        /// The PDF's address, as [`Site::pdf_link`] gives it.
        link: &'a str,
        /// The PDF's text, page by page.
        text: &'a PdfText,
    },
}

impl<'a> Content<'a> {
    /// The text to count, in parts: the body's paragraphs, or the PDF's
    /// pages.
    pub fn parts(self) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        match self {
            Content::Body(body) => Box::new(body.iter().map(String::as_str)),
            Content::Pdf { text, .. } => Box::new(text.pages.iter().map(|p| p.text.as_str())),
        }
    }
}

/// The document file of article `idx` as JSON: what a result shows, and the
/// text its snippet is cut from. `prose` is its title and abstracts as
/// derived for its page, `content` its full text: a body's opening is
/// kept; of a PDF, only its address.
pub fn document(
    archive: &Archive,
    idx: ArticleIdx,
    site: &Site,
    prose: &ArticleProse,
    content: Content<'_>,
) -> String {
    let article = &archive.articles[idx];
    let issue = archive.issue(article.issue).expect("assembled");
    #[derive(Serialize)]
    struct Doc<'a> {
        url: String,
        title: &'a str,
        /// The title's language when it is a translation (a site of one
        /// language whose language the article is not written in).
        #[serde(skip_serializing_if = "Option::is_none")]
        title_lang: Option<&'a str>,
        /// The language the article is written in.
        lang: &'a str,
        authors: Vec<&'a str>,
        issue: String,
        year: u16,
        section: Option<&'a str>,
        pages: Option<String>,
        text: Vec<Cow<'a, str>>,
        /// The address of the PDF whose text was indexed, for an article
        /// indexed by its PDF; its text is in the page-text file.
        #[serde(skip_serializing_if = "Option::is_none")]
        pdf: Option<&'a str>,
        /// With two interface languages or more: what a result shows on
        /// each language's search page, by language code.
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        shown: BTreeMap<&'a str, Shown<'a>>,
    }
    /// A result in one interface language: its page in that language's
    /// tree, its title in that language when translated, the issue label
    /// and section name in that language's words.
    #[derive(Serialize)]
    struct Shown<'a> {
        url: String,
        title: &'a str,
        lang: &'a str,
        issue: String,
        section: Option<&'a str>,
    }
    let languages = &archive.config.languages;
    let mut shown: BTreeMap<&str, Shown<'_>> = languages
        .iter()
        .map(|lang| {
            let there = site.for_lang(lang);
            let (title, title_lang) = match article.shown_translation(lang) {
                Some((at, t)) => (prose.translations[at].full_title.as_str(), t.lang.as_str()),
                None => (prose.full_title.as_str(), article.language.as_str()),
            };
            let shown = Shown {
                url: there.dir_path(&there.article(article)),
                title,
                lang: title_lang,
                issue: Text::of(lang).issue_label(issue),
                section: article
                    .section
                    .as_deref()
                    .map(|name| archive.config.section_in(name, lang)),
            };
            (lang.as_str(), shown)
        })
        .collect();
    // A site of one language shows the title its pages show (a
    // translation into the site's language, when the article has one) at
    // the top level, and writes no per-language map.
    let (title, title_lang) = match (languages.len(), shown.pop_first()) {
        (1, Some((_, one))) => {
            shown.clear();
            let marked = (one.lang != article.language.as_str()).then_some(one.lang);
            (one.title, marked)
        }
        (_, first) => {
            if let Some((lang, one)) = first {
                shown.insert(lang, one);
            }
            (prose.full_title.as_str(), None)
        }
    };
    let mut text: Vec<Cow<'_, str>> = paragraphs(&prose.abstract_text).collect();
    for translation in &prose.translations {
        text.push(Cow::Borrowed(&translation.title_text));
        text.extend(paragraphs(&translation.abstract_text));
    }
    let pdf = match content {
        Content::Body(body) => {
            text.extend(opening(body, TEXT_KEPT));
            None
        }
        Content::Pdf { link, .. } => Some(link),
    };
    let doc = Doc {
        url: site.dir_path(&site.article(article)),
        title,
        title_lang,
        lang: article.language.as_str(),
        authors: article.authors.iter().map(|a| a.name.as_str()).collect(),
        issue: Text::of(site.lang()).issue_label(issue),
        year: issue.id.year,
        section: article.section.as_deref(),
        pages: article.pages.as_ref().map(|p| p.to_string()),
        text,
        pdf,
        shown,
    };
    serde_json::to_string(&doc).expect("plain data")
}

/// The page-text file of a PDF's `text` as JSON: one entry a page that has
/// text, in file order, `[index, label or null, [paragraph, ...]]`.
pub fn page_text(text: &PdfText) -> String {
    /// A page: its index, its label, its paragraphs.
    type Page<'t> = (u32, Option<&'t str>, Vec<Cow<'t, str>>);
    let pages: Vec<Page<'_>> = text
        .pages
        .iter()
        .map(|page| {
            (
                page.index,
                page.label.as_deref(),
                paragraphs(&page.text).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, _, paragraphs)| !paragraphs.is_empty())
        .collect();
    serde_json::to_string(&pages).expect("plain data")
}

/// The paragraphs of an abstract (as plain text, blank lines between).
fn paragraphs(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(Cow::Borrowed)
}

/// The first paragraphs of `body`, `budget` characters of them: whole
/// paragraphs while they fit, then the one that does not, cut after its
/// last whole word within the budget and marked "…" (or left out when not
/// one word fits).
fn opening(body: &[String], budget: usize) -> Vec<Cow<'_, str>> {
    let mut left = budget;
    let mut out = Vec::new();
    for paragraph in body {
        if left == 0 {
            break;
        }
        let Some((end, next)) = paragraph.char_indices().nth(left) else {
            left -= paragraph.chars().count();
            out.push(Cow::Borrowed(paragraph.as_str()));
            continue;
        };
        let within = &paragraph[..end];
        let words = if next.is_whitespace() {
            within
        } else {
            within
                .rfind(char::is_whitespace)
                .map_or("", |at| &within[..at])
        };
        let words = words.trim_end();
        if !words.is_empty() {
            out.push(Cow::Owned(format!("{words}…")));
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(paragraphs: &[&str]) -> Vec<String> {
        paragraphs.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn the_page_text_lists_the_pages_with_text() {
        use crate::pdf::PageText;
        let page = |index: u32, label: Option<&str>, text: &str| PageText {
            index,
            label: label.map(str::to_string),
            text: text.to_string(),
        };
        let text = PdfText {
            pages: vec![
                page(1, Some("84"), "First \"one\".\n\nSecond."),
                page(2, None, ""),
                page(3, None, "Третья."),
            ],
            unreadable_pages: vec![2],
        };
        assert_eq!(
            page_text(&text),
            r#"[[1,"84",["First \"one\".","Second."]],[3,null,["Третья."]]]"#
        );
    }

    #[test]
    fn the_opening_keeps_whole_paragraphs_while_they_fit() {
        let body = owned(&["Introduction", "Short one.", "Three"]);
        assert_eq!(opening(&body, 100), ["Introduction", "Short one.", "Three"]);
        assert_eq!(opening(&body, 22), ["Introduction", "Short one."]);
    }

    #[test]
    fn the_paragraph_past_the_budget_is_cut_after_a_word() {
        let body = owned(&["Heading", "Интеграция регионов Центральной Азии"]);
        // 7 + 14: "Интеграция рег" is cut back to its whole word.
        assert_eq!(opening(&body, 21), ["Heading", "Интеграция…"]);
        // A cut just before a space keeps the word before it.
        assert_eq!(opening(&body, 17), ["Heading", "Интеграция…"]);
        // Not one word fits: nothing of the paragraph.
        assert_eq!(opening(&body, 12), ["Heading"]);
        assert!(opening(&body, 0).is_empty());
    }
}

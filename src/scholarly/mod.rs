//! What scholars' machines read: citation downloads (BibTeX, RIS, CSL-JSON),
//! formatted references, JATS, Crossref deposits, DOAJ records and the
//! OAI-PMH static repository.
//!
//! Every output here is made from the model alone ([`crate::model`]), so the
//! page's meta tags, the downloads and the XML files cannot disagree. The
//! render stage asks for the files with [`article_files`], [`issue_files`] and
//! [`site_files`] and writes them beside the pages.

pub mod citation;
pub mod crossref;
pub mod head;
pub mod jats;

use std::borrow::Cow;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Archive, Article, ArticleProse, Issue, SitePath};
use crate::site::{ArticleFile, IssueFile, Site};

pub mod doaj;
pub mod oai;

/// A file made from the model: where it is written and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Its place in the output, from [`Site`].
    pub path: SitePath,
    /// The contents.
    pub text: String,
}

/// The absolute addresses of one article and the files beside it.
#[derive(Debug, Clone)]
pub struct ArticleUrls {
    /// The landing page of record ([`Site::article_of_record`]), the same
    /// on every tree.
    pub page: String,
    /// The article's page in the tree `site` speaks for, which a page's
    /// canonical link and `og:url` name.
    pub here: String,
    /// The PDF galley, when there is one: beside the page, or on the
    /// galleys' host ([`Site::pdf_url`]).
    pub pdf: Option<String>,
    /// The JATS XML.
    pub jats: String,
    /// The BibTeX download.
    pub bibtex: String,
    /// The RIS download.
    pub ris: String,
    /// The CSL-JSON download.
    pub csl_json: String,
}

impl ArticleUrls {
    /// The address of `article`'s page of record on `site` (its `page`),
    /// alone: for a link to another article, which needs none of its files.
    pub fn page_of_record(article: &Article, site: &Site) -> String {
        site.dir_url(&site.article_of_record(article))
    }

    /// The addresses of `article` on `site`: its page of record, and the
    /// files every language shares.
    pub fn new(article: &Article, site: &Site) -> Self {
        let file = |file: ArticleFile| site.file_url(&site.article_file(article, file));
        ArticleUrls {
            page: Self::page_of_record(article, site),
            here: site.dir_url(&site.article(article)),
            pdf: site.pdf_url(article),
            jats: file(ArticleFile::Jats),
            bibtex: file(ArticleFile::Bibtex),
            ris: file(ArticleFile::Ris),
            csl_json: file(ArticleFile::CslJson),
        }
    }
}

/// The journal's abbreviated title: `short_title` when it differs from
/// `title`.
pub fn journal_abbrev(config: &Config) -> Option<&str> {
    config
        .short_title
        .as_deref()
        .filter(|short| *short != config.title)
}

/// An author as reference managers and Dublin Core want the name: "Family,
/// Given", the family name alone when there is no given name, or the name as
/// printed when there is no family name either.
pub fn inverted_name(author: &crate::model::Author) -> String {
    let family = author.family.trim();
    let given = author.given.trim();
    match (family.is_empty(), given.is_empty()) {
        (true, _) => author.name.trim().to_string(),
        (false, true) => family.to_string(),
        (false, false) => format!("{family}, {given}"),
    }
}

/// The article's keywords as written, with white space folded (the content
/// format merges "Central  Asia" and "Central Asia").
pub fn folded_keywords(article: &Article) -> Vec<String> {
    article
        .keywords
        .iter()
        .map(|k| single_spaced(k).into_owned())
        .collect()
}

/// `text` with its words (as `split_whitespace` cuts them) joined by one
/// space each, none at the ends: borrowed when it is so already, as most
/// values are, so no list of words is made for them.
pub fn single_spaced(text: &str) -> Cow<'_, str> {
    let mut after_word = false;
    let spaced = text.chars().all(|c| {
        if c == ' ' {
            std::mem::replace(&mut after_word, false)
        } else {
            after_word = true;
            !c.is_whitespace()
        }
    });
    if spaced && (after_word || text.is_empty()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// An article's full text as its page was made from it.
#[derive(Debug, Clone, Copy)]
pub struct FullText<'a> {
    /// The Markdown after the front matter, as the renderer read it.
    pub markdown: &'a str,
    /// Each link's address as written and as the page wrote it.
    pub links: &'a [(String, String)],
}

/// The files written beside the page of article `idx`, with its full text
/// `text`, its addresses `links`, its CSL-JSON `item` and its derived
/// title and abstracts `prose` (each made once, for its page and these
/// files).
pub fn article_files(
    archive: &Archive,
    idx: usize,
    site: &Site,
    text: Option<FullText<'_>>,
    links: &ArticleUrls,
    item: &serde_json::Value,
    prose: &ArticleProse,
) -> Vec<File> {
    let article = &archive.articles[idx];
    let file = |kind: ArticleFile, text: String| File {
        path: site.article_file(article, kind),
        text,
    };
    let mut files = vec![
        file(ArticleFile::CslJson, citation::csl_json_file(item)),
        file(
            ArticleFile::Bibtex,
            citation::bibtex(archive, article, links, prose),
        ),
        file(
            ArticleFile::Ris,
            citation::ris(archive, article, links, prose),
        ),
    ];
    if let Some(text) = jats::article_file(archive, idx, site, text) {
        files.push(file(ArticleFile::Jats, text));
    }
    files
}

/// The files written beside the page of `issue`. Problems (such as articles
/// left out of a deposit) go to `diags`.
pub fn issue_files(
    archive: &Archive,
    issue: &Issue,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Vec<File> {
    diags.extend(crossref::left_out(archive, issue));
    let mut files = Vec::new();
    if let Some(depositor) = &archive.config.crossref {
        let timestamp = crossref::content_timestamp(archive, issue);
        if let Some(text) = crossref::deposit(archive, issue, depositor, site, &timestamp) {
            files.push(File {
                path: site.issue_file(issue.id, IssueFile::Crossref),
                text,
            });
        }
    }
    if let Some(text) = doaj::file(archive, issue, site) {
        files.push(File {
            path: site.issue_file(issue.id, IssueFile::Doaj),
            text,
        });
    }
    files
}

/// The files written at the site's root.
pub fn site_files(archive: &Archive, site: &Site) -> Vec<File> {
    let mut files = Vec::new();
    if let Some(text) = oai::file(archive, site) {
        files.push(File {
            path: site.oai(),
            text,
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn single_spaced_joins_words_as_split_whitespace_does(text in "[a-b \\t\\n\u{a0}\u{2003}]{0,24}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(single_spaced(&text), expected);
        }
    }
}

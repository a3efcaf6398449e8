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

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{Archive, Article, Issue};
use crate::render::views::Urls;

pub mod doaj;
pub mod oai;
mod xml_doc;

/// The JATS file beside each article page.
pub const JATS_FILE: &str = "article.jats.xml";
/// The BibTeX download beside each article page.
pub const BIBTEX_FILE: &str = "cite.bib";
/// The RIS download beside each article page.
pub const RIS_FILE: &str = "cite.ris";
/// The CSL-JSON download beside each article page.
pub const CSL_JSON_FILE: &str = "cite.json";
/// The Crossref deposit beside each issue page.
pub const CROSSREF_FILE: &str = "crossref.xml";
/// The DOAJ article records beside each issue page.
pub const DOAJ_FILE: &str = "doaj.xml";
/// The OAI-PMH static repository at the site's root.
pub const OAI_FILE: &str = "oai.xml";

/// A file made from the model: its name (relative to the folder it is
/// written in) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The file name, such as `cite.bib`.
    pub name: &'static str,
    /// The contents.
    pub text: String,
}

/// The absolute addresses of one article and the files beside it.
#[derive(Debug, Clone)]
pub struct ArticleUrls {
    /// The landing page.
    pub page: String,
    /// The PDF galley, when there is one.
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
    /// The addresses of `article` on the site `urls` describes.
    pub fn new(article: &Article, urls: &Urls) -> Self {
        let page = urls.absolute(&urls.dir(&article.site_path()));
        let beside = |name: &str| format!("{page}{name}");
        ArticleUrls {
            pdf: article.pdf.as_ref().map(|pdf| beside(&pdf.file_name)),
            jats: beside(JATS_FILE),
            bibtex: beside(BIBTEX_FILE),
            ris: beside(RIS_FILE),
            csl_json: beside(CSL_JSON_FILE),
            page,
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

/// The article's full title as citations write it: the title, then the
/// subtitle after a colon (after a space only when the title already ends
/// in a stop, a question mark, an exclamation mark or a colon).
pub fn full_title(article: &Article) -> String {
    let title = article.title_text.trim();
    match article.subtitle_text.as_deref().map(str::trim) {
        Some(subtitle) if !subtitle.is_empty() => {
            if title.ends_with(['.', '?', '!', ':']) {
                format!("{title} {subtitle}")
            } else {
                format!("{title}: {subtitle}")
            }
        }
        _ => title.to_string(),
    }
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
        .map(|k| k.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The files written beside the page of article `idx`, whose full text (the
/// Markdown after the front matter, as the renderer read it) is
/// `body_markdown`.
pub fn article_files(
    archive: &Archive,
    idx: usize,
    urls: &Urls,
    body_markdown: Option<&str>,
) -> Vec<File> {
    let article = &archive.articles[idx];
    let links = ArticleUrls::new(article, urls);
    let item = citation::csl_json(archive, article, &links);
    let mut files = vec![
        File {
            name: CSL_JSON_FILE,
            text: citation::csl_json_file(&item),
        },
        File {
            name: BIBTEX_FILE,
            text: citation::bibtex(archive, article, &links),
        },
        File {
            name: RIS_FILE,
            text: citation::ris(archive, article, &links),
        },
    ];
    if let Some(text) = jats::article_file(archive, idx, urls, body_markdown) {
        files.push(File {
            name: JATS_FILE,
            text,
        });
    }
    files
}

/// The files written beside the page of `issue`. Problems (such as articles
/// left out of a deposit) go to `diags`.
pub fn issue_files(
    archive: &Archive,
    issue: &Issue,
    urls: &Urls,
    diags: &mut Vec<Diagnostic>,
) -> Vec<File> {
    diags.extend(crossref::left_out(archive, issue));
    let mut files = Vec::new();
    if let Some(depositor) = &archive.config.crossref {
        let timestamp = crossref::content_timestamp(archive, issue);
        if let Some(text) = crossref::deposit(archive, issue, depositor, urls, &timestamp) {
            files.push(File {
                name: CROSSREF_FILE,
                text,
            });
        }
    }
    files.extend(doaj::file(archive, issue, urls));
    files
}

/// The files written at the site's root.
pub fn site_files(archive: &Archive, urls: &Urls) -> Vec<File> {
    let mut files = Vec::new();
    files.extend(oai::file(archive, urls));
    files
}

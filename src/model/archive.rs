//! The archive: issues, articles and static pages, immutable once assembled.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Doi, HomeText, Inline, Lang, License, Markdown, Orcid, PageRange, Slug, StaticPage};
use crate::config::Config;
use crate::diag::{SourceFile, Span};

/// An issue's place in the archive: year and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IssueId {
    /// The year, as in the folder name.
    pub year: u16,
    /// The number within the year.
    pub number: u32,
}

/// An article's position in [`Archive::articles`]: dense and fast, but
/// valid only for the archive it came from (an added file shifts every
/// later one). What must outlive an archive (serve's record of what
/// changed, a cache) names an article by its [`ArticleId`].
pub type ArticleIdx = usize;

/// An article's stable identity: its issue and its slug, which together
/// make its address and are unique in an assembled archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId {
    /// Its issue.
    pub issue: IssueId,
    /// Its slug within the issue.
    pub slug: Slug,
}

/// One issue.
#[derive(Debug, Clone)]
pub struct Issue {
    /// Year and number.
    pub id: IssueId,
    /// The running number since the first issue.
    pub whole_number: Option<u32>,
    /// The volume.
    pub volume: Option<u32>,
    /// The thematic title.
    pub title: Option<String>,
    /// The publication date.
    pub published: NaiveDate,
    /// The cover image's file name, relative to the issue folder.
    pub cover: Option<String>,
    /// The issue folder, relative to the site root (`content/2018/4`).
    pub dir: PathBuf,
    /// The published articles in contents order: by first page, then file name.
    pub articles: Vec<ArticleIdx>,
}

/// One author in a byline.
#[derive(Debug, Clone, Default)]
pub struct Author {
    /// The name as printed.
    pub name: String,
    /// The family name, for citations.
    pub family: String,
    /// The given names, for citations; may be empty.
    pub given: String,
    /// The name in its own script.
    pub name_original: Option<String>,
    /// Academic degrees.
    pub degrees: Option<String>,
    /// Position held.
    pub position: Option<String>,
    /// Affiliations, in the order given.
    pub affiliations: Vec<Affiliation>,
    /// Postal address.
    pub address: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// ORCID iD.
    pub orcid: Option<Orcid>,
    /// Whether this is the corresponding author.
    pub corresponding: bool,
}

impl Author {
    /// The institutions of the affiliations, in the order given: what a
    /// byline prints.
    pub fn affiliation_names(&self) -> Vec<&str> {
        self.affiliations.iter().map(|a| a.name.as_str()).collect()
    }
}

/// An author's affiliation: an institution, and its country when the
/// editor gave one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affiliation {
    /// The institution as written.
    pub name: String,
    /// Its country's ISO 3166-1 alpha-2 code, from the gazetteer; `None`
    /// when the affiliation is written as plain text.
    pub country: Option<&'static str>,
}

/// Metadata of an article in a second language.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language.
    pub lang: Lang,
    /// The title as written; empty when not given.
    pub title: Inline,
    /// The subtitle, when given.
    pub subtitle: Option<Inline>,
    /// The abstract as written; empty when not given.
    pub abstract_: Markdown,
    /// The keywords. On a site of several languages they pair with the
    /// article's own by position and join their terms (`taxonomy`);
    /// otherwise they make no term pages.
    pub keywords: Vec<String>,
    /// Where the `keywords` list is written, for the warning when it
    /// cannot be paired.
    pub keywords_span: Option<Span>,
}

/// An article's PDF galley.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file name, kept in the output beside the article's page.
    pub file_name: String,
    /// The file on disk, relative to the site root.
    pub source: PathBuf,
    /// Its size in bytes.
    pub size: u64,
}

/// One article.
#[derive(Debug, Clone)]
pub struct Article {
    /// The Markdown file up to the end of its front matter, for diagnostics.
    ///
    /// The full text is not kept: it is read again when the page is rendered,
    /// so a build holds one full text per thread, not the whole archive's.
    pub source: Arc<SourceFile>,
    /// Whether the file has a body after its front matter.
    pub has_body: bool,
    /// The issue it appears in.
    pub issue: IssueId,
    /// The file name without `.md`, for ordering.
    pub file_stem: String,
    /// The last segment of its address.
    pub slug: Slug,
    /// Where `slug:` is written; `None` when the slug comes from the file name.
    pub slug_span: Option<Span>,
    /// The title as written.
    pub title: Inline,
    /// The subtitle as written.
    pub subtitle: Option<Inline>,
    /// The byline.
    pub authors: Vec<Author>,
    /// The DOI.
    pub doi: Option<Doi>,
    /// Where the DOI is written, for duplicate reports.
    pub doi_span: Option<Span>,
    /// The pages.
    pub pages: Option<PageRange>,
    /// The rubric.
    pub section: Option<String>,
    /// The language of the article.
    pub language: Lang,
    /// The abstract as written.
    pub abstract_: Markdown,
    /// The keywords, as written.
    pub keywords: Vec<String>,
    /// Where each keyword is written.
    pub keyword_spans: Vec<Span>,
    /// The countries (ISO alpha-2): the `countries` field's, then those named by keywords.
    pub countries: Vec<&'static str>,
    /// The UN M49 sub-regions (codes): its countries', then those named by keywords.
    pub regions: Vec<&'static str>,
    /// The PDF galley.
    pub pdf: Option<Pdf>,
    /// Date received.
    pub received: Option<NaiveDate>,
    /// Date revised.
    pub revised: Option<NaiveDate>,
    /// Date accepted.
    pub accepted: Option<NaiveDate>,
    /// Publication date: its own `published`, else the issue's.
    pub published: NaiveDate,
    /// The licence.
    pub license: Option<License>,
    /// Funding statement.
    pub funding: Option<String>,
    /// Formatted references, one per entry.
    pub references: Vec<String>,
    /// Metadata in other languages.
    pub translations: Vec<Translation>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// `extra:`, untouched.
    pub extra: serde_json::Value,
}

impl Translation {
    /// Title and subtitle as one line of plain text, by
    /// [`super::full_title`]'s rule.
    pub fn full_title(&self) -> String {
        let subtitle = self.subtitle.as_ref().map(Inline::text);
        super::full_title(&self.title.text(), subtitle.as_deref())
    }

    /// The translated abstract cut to about 300 characters, by
    /// [`Article::description`]'s rule.
    pub fn description(&self) -> String {
        description(&self.abstract_.text())
    }
}

impl Article {
    /// Its stable identity.
    pub fn id(&self) -> ArticleId {
        ArticleId {
            issue: self.issue,
            slug: self.slug.clone(),
        }
    }

    /// Its translation into `lang` when a page in `lang` shows it in place
    /// of the original: the article is written in another language and
    /// the translation has a title. (A translation with keywords alone
    /// stays among the other languages.)
    pub fn shown_translation(&self, lang: &Lang) -> Option<(usize, &Translation)> {
        if &self.language == lang {
            return None;
        }
        self.translations
            .iter()
            .enumerate()
            .find(|(_, t)| &t.lang == lang && !t.title.markdown().trim().is_empty())
    }

    /// The abstract cut to about 300 characters, for meta descriptions and
    /// short feed summaries.
    pub fn description(&self) -> String {
        description(&self.abstract_.text())
    }

    /// Title and subtitle as one line of plain text, by
    /// [`super::full_title`]'s rule.
    pub fn full_title(&self) -> String {
        let subtitle = self.subtitle.as_ref().map(Inline::text);
        super::full_title(&self.title.text(), subtitle.as_deref())
    }
}

/// An abstract's plain text cut to about 300 characters: the one rule for
/// [`Article::description`] and [`super::ArticleProse::description`].
pub(super) fn description(abstract_text: &str) -> String {
    summary(abstract_text, 300)
}

/// The first `limit` characters of `text` or fewer, cut at a word boundary
/// with an ellipsis: for meta descriptions.
fn summary(text: &str, limit: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let cut = flat
        .char_indices()
        .nth(limit)
        .map_or(flat.len(), |(i, _)| i);
    let head = &flat[..cut];
    let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
    format!("{}…", head.trim_end_matches([',', ';', ':', '.']))
}

/// The whole archive, in archive order: oldest issue first, within an issue
/// by first page, then file name.
#[derive(Debug)]
pub struct Archive {
    /// The journal's settings.
    pub config: Config,
    /// The site folder on disk.
    pub root: PathBuf,
    /// Issues, oldest first.
    pub issues: Vec<Issue>,
    /// Articles in archive order (drafts only when built with `--drafts`).
    pub articles: Vec<Article>,
    /// Static pages by file name, each with its translations.
    pub pages: Vec<StaticPage>,
    /// The home page's text.
    pub home: Option<HomeText>,
    /// Keywords, countries, regions, authors and related articles.
    pub taxonomies: crate::taxonomy::Taxonomies,
    /// Which of its articles cite which ([`crate::citations`]).
    pub citations: crate::citations::Citations,
}

impl Archive {
    /// The position of the article `id` names, if it is in this archive.
    pub fn position(&self, id: &ArticleId) -> Option<ArticleIdx> {
        let issue = self.issue(id.issue)?;
        issue
            .articles
            .iter()
            .copied()
            .find(|&idx| self.articles[idx].slug == id.slug)
    }

    /// The newest issue's publication date: when the archive last changed.
    pub fn latest_issue_date(&self) -> Option<NaiveDate> {
        self.issues.iter().map(|i| i.published).max()
    }

    /// The issue with `id`.
    pub fn issue(&self, id: IssueId) -> Option<&Issue> {
        self.issues
            .binary_search_by_key(&id, |i| i.id)
            .ok()
            .map(|i| &self.issues[i])
    }

    /// Sorts article indices newest first: by publication date, latest
    /// first, ties in reverse archive order. The order of feeds and term
    /// pages.
    pub fn newest_first(&self, articles: &mut [ArticleIdx]) {
        self.newest_first_by(articles, |&a| a);
    }

    /// Sorts `items` as [`Archive::newest_first`] sorts the article index
    /// `article` gives for each.
    pub fn newest_first_by<T>(&self, items: &mut [T], article: impl Fn(&T) -> ArticleIdx) {
        items.sort_by(|a, b| {
            let (a, b) = (article(a), article(b));
            self.articles[b]
                .published
                .cmp(&self.articles[a].published)
                .then(b.cmp(&a))
        });
    }

    /// Every article by issue, the latest issue first, each issue's in
    /// contents order; articles outside any issue's list, should there be
    /// any, come last. Unlike [`Archive::newest_first`] this keeps an
    /// issue's articles together and in the order the issue prints them:
    /// the order of search results.
    pub fn by_issue_newest_first(&self) -> Vec<ArticleIdx> {
        let mut order: Vec<ArticleIdx> = self
            .issues
            .iter()
            .rev()
            .flat_map(|issue| issue.articles.iter().copied())
            .collect();
        let listed: std::collections::HashSet<ArticleIdx> = order.iter().copied().collect();
        order.extend((0..self.articles.len()).filter(|idx| !listed.contains(idx)));
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_cut_at_words() {
        assert_eq!(summary("short  text", 300), "short text");
        assert_eq!(summary("one two three four", 10), "one two…");
        assert_eq!(summary("Ёлки палки, лес густой", 12), "Ёлки палки…");
    }
}

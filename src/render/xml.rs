//! The site's XML and text files: Atom feeds, sitemaps and their index,
//! robots.txt.

use chrono::NaiveDate;

use super::pages::PerArticle;
use crate::model::{Archive, Article, Lang};
use crate::site::Site;
use crate::xml::{Escape, XmlOut};

/// How many articles the feed carries.
pub const FEED_SIZE: usize = 50;

/// The Atom feed of the latest articles, newest first, of `site`'s
/// language's tree.
pub fn feed(archive: &Archive, site: &Site) -> String {
    let mut order: Vec<usize> = (0..archive.articles.len()).collect();
    archive.newest_first(&mut order);
    let home = site.dir_url(&site.home());
    let title = archive.config.title_in(site.lang()).to_string();
    atom(
        archive,
        site,
        &order[..order.len().min(FEED_SIZE)],
        (&title, &home, &site.file_url(&site.feed())),
        Summary::Full,
        None,
    )
}

/// How much of each abstract a feed carries.
#[derive(Debug, Clone, Copy)]
pub enum Summary {
    /// The whole abstract: the site's own feed.
    Full,
    /// Its first 300 characters or so: feeds of keywords, countries and
    /// regions, which exist to say that something new appeared (12,000
    /// keyword feeds with whole abstracts were 100 MB on a 10,000-article
    /// archive).
    Short,
}

/// An Atom feed of `articles` (already in feed order) for the page at
/// `page_url`, whose own address is `self_url`.
///
/// On a site of several languages, each tree has its feed: it says its
/// language (`xml:lang` on `<feed>`), gives the journal's words in it, and
/// shows each article's title and abstract in it when the article is
/// written in it or translated into it; otherwise the article's own, with
/// their language. A site of one language writes its feed as it always
/// did: the journal's words and each article's own, no `xml:lang`.
///
/// An article's `<entry>` is the same in every feed of a tree with the same
/// `summary`: with `entries`, each is written once and kept there (an
/// article is in the feeds of several keywords).
pub(crate) fn atom(
    archive: &Archive,
    site: &Site,
    articles: &[usize],
    feed: (&str, &str, &str),
    summary: Summary,
    entries: Option<&PerArticle>,
) -> String {
    let (title, page_url, self_url) = feed;
    let config = &archive.config;
    let order = articles;
    let home = page_url;
    let updated = order
        .iter()
        .map(|&i| archive.articles[i].published)
        .max()
        .unwrap_or(NaiveDate::MIN);
    let lang = site.lang();
    let several = site.languages().len() > 1;
    let mut out = XmlOut::with("utf-8", Escape::Html);
    let mut feed_attrs = vec![("xmlns", "http://www.w3.org/2005/Atom")];
    if several {
        feed_attrs.push(("xml:lang", lang.as_str()));
    }
    out.open("feed", &feed_attrs);
    out.leaf("title", &[], title);
    if let Some(description) = config.description_in(lang) {
        out.leaf("subtitle", &[], description);
    }
    out.leaf("id", &[], home);
    out.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", home)],
    );
    out.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", self_url),
        ],
    );
    out.leaf("updated", &[], &timestamp(updated));
    let publisher = config
        .publisher_in(lang)
        .unwrap_or_else(|| config.title_in(lang));
    out.leaves("author", &[("name", publisher)]);
    for &idx in order {
        let entry = || {
            let mut out = XmlOut::fragment(1, Escape::Html);
            write_entry(&mut out, archive, site, idx, summary);
            out.into_text()
        };
        match entries {
            Some(entries) => out.raw(&entries.get_or_make(idx, entry)),
            None => out.raw(&entry()),
        }
    }
    out.close("feed");
    out.finish()
}

/// Article `idx`'s `<entry>` in a feed of `site`'s tree.
fn write_entry(out: &mut XmlOut, archive: &Archive, site: &Site, idx: usize, summary: Summary) {
    let lang = site.lang();
    let several = site.languages().len() > 1;
    let article = &archive.articles[idx];
    let url = site.dir_url(&site.article(article));
    let shown = several.then(|| EntryText::new(article, lang, summary));
    let entry_lang = shown.as_ref().and_then(|s| s.entry_lang);
    match entry_lang {
        Some(code) => out.open("entry", &[("xml:lang", code)]),
        None => out.open("entry", &[]),
    }
    match &shown {
        Some(shown) => out.leaf("title", &[], &shown.title),
        None => out.leaf("title", &[], &article.title.text()),
    }
    out.leaf("id", &[], &url);
    out.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
    );
    if let Some(doi) = &article.doi {
        out.empty(
            "link",
            &[("rel", "related"), ("href", &doi.url()), ("title", "DOI")],
        );
    }
    out.leaf("published", &[], &timestamp(article.published));
    out.leaf("updated", &[], &timestamp(article.published));
    for author in &article.authors {
        out.leaves("author", &[("name", &author.name)]);
    }
    for keyword in &article.keywords {
        out.empty("category", &[("term", keyword)]);
    }
    match shown {
        Some(EntryText {
            summary: text,
            summary_lang: Some(code),
            ..
        }) => out.leaf("summary", &[("xml:lang", code)], &text),
        Some(shown) => out.leaf("summary", &[], &shown.summary),
        None => out.leaf("summary", &[], &summary.of(article)),
    }
    out.close("entry");
}

impl Summary {
    /// The article's own abstract, whole or cut short.
    fn of(self, article: &Article) -> String {
        match self {
            Summary::Full => article.abstract_.text(),
            Summary::Short => article.description(),
        }
    }
}

/// An entry's title and summary in a feed's language, on a site of
/// several languages.
struct EntryText<'a> {
    title: String,
    summary: String,
    /// The entry's language when it is not the feed's: the article is
    /// written in another language and not translated into the feed's.
    entry_lang: Option<&'a str>,
    /// The summary's language when it differs from the title's: a
    /// translation that gives a title but no abstract.
    summary_lang: Option<&'a str>,
}

impl<'a> EntryText<'a> {
    /// `article`'s title and summary for a feed in `lang`: its own when it
    /// is written in `lang`, else its translation into `lang` (one with a
    /// title), else its own marked with its language.
    fn new(article: &'a Article, lang: &Lang, summary: Summary) -> Self {
        let own = |entry_lang| EntryText {
            title: article.title.text(),
            summary: summary.of(article),
            entry_lang,
            summary_lang: None,
        };
        if &article.language == lang {
            return own(None);
        }
        let Some((_, translation)) = article.shown_translation(lang) else {
            return own(Some(article.language.as_str()));
        };
        let translated = match summary {
            Summary::Full => translation.abstract_.text(),
            Summary::Short => translation.description(),
        };
        if translated.trim().is_empty() {
            EntryText {
                title: translation.title.text(),
                summary: summary.of(article),
                entry_lang: None,
                summary_lang: Some(article.language.as_str()),
            }
        } else {
            EntryText {
                title: translation.title.text(),
                summary: translated,
                entry_lang: None,
                summary_lang: None,
            }
        }
    }
}

fn timestamp(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

/// One sitemap entry: an absolute address, its last change, and the same
/// page's address in each language.
pub struct SitemapEntry {
    /// The absolute address.
    pub url: String,
    /// The last change, when known.
    pub lastmod: Option<NaiveDate>,
    /// The page in every interface language, itself included, as
    /// `(hreflang, address)`, with `x-default` (the default language's
    /// page) last; empty for a file, and on a site of one language.
    pub alternates: Vec<(String, String)>,
}

/// The XHTML namespace, whose `link` element a sitemap uses to name a
/// page's twins in other languages (the form Google documents).
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// The `<url>` elements of a sitemap, written once with the place where
/// each ends, so that they can be cut into files of a bounded size (see
/// `render::pass::sitemap`) without being written again.
pub struct Urlset {
    /// The whole document: the declaration, `<urlset>`, every `<url>`,
    /// `</urlset>`.
    text: String,
    /// Where the first `<url>` starts: the end of the opening tag.
    head: usize,
    /// Where each `<url>` ends, in order.
    ends: Vec<usize>,
}

impl Urlset {
    /// The `<url>` elements of `entries`, in the order given. Entries with
    /// alternates list them as `<xhtml:link rel="alternate" hreflang=".."
    /// href=".."/>` after their address and date; the XHTML namespace is
    /// declared when any entry has them.
    pub fn new(entries: &[SitemapEntry]) -> Urlset {
        let mut out = XmlOut::with("UTF-8", Escape::Html);
        let mut attrs = vec![("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")];
        if entries.iter().any(|e| !e.alternates.is_empty()) {
            attrs.push(("xmlns:xhtml", XHTML));
        }
        out.open("urlset", &attrs);
        let head = out.written();
        let mut ends = Vec::with_capacity(entries.len());
        for entry in entries {
            url(&mut out, entry);
            ends.push(out.written());
        }
        out.close("urlset");
        Urlset {
            text: out.finish(),
            head,
            ends,
        }
    }

    /// The bytes of each `<url>` element (with the line break and
    /// indentation before it), in order.
    pub fn sizes(&self) -> Vec<usize> {
        let mut start = self.head;
        self.ends
            .iter()
            .map(|&end| {
                let size = end - start;
                start = end;
                size
            })
            .collect()
    }

    /// The bytes of a sitemap file besides its `<url>` elements: the
    /// declaration and the `<urlset>` tags.
    pub fn overhead(&self) -> usize {
        self.head + (self.text.len() - self.last_end())
    }

    fn last_end(&self) -> usize {
        self.ends.last().copied().unwrap_or(self.head)
    }

    /// The sitemap file of the elements in `range` (positions, as
    /// [`Urlset::sizes`] counts them).
    pub fn file(&self, range: std::ops::Range<usize>) -> String {
        let start = match range.start {
            0 => self.head,
            n => self.ends[n - 1],
        };
        let end = match range.end {
            0 => self.head,
            n => self.ends[n - 1],
        };
        let mut file = String::with_capacity(self.overhead() + end - start);
        file.push_str(&self.text[..self.head]);
        file.push_str(&self.text[start..end]);
        file.push_str(&self.text[self.last_end()..]);
        file
    }
}

/// One `<url>` element.
fn url(out: &mut XmlOut, entry: &SitemapEntry) {
    let lastmod = entry.lastmod.map(|date| date.to_string());
    if entry.alternates.is_empty() {
        match &lastmod {
            Some(date) => out.leaves("url", &[("loc", &entry.url), ("lastmod", date)]),
            None => out.leaves("url", &[("loc", &entry.url)]),
        }
        return;
    }
    out.open("url", &[]);
    out.leaf("loc", &[], &entry.url);
    if let Some(date) = &lastmod {
        out.leaf("lastmod", &[], date);
    }
    for (lang, url) in &entry.alternates {
        out.empty(
            "xhtml:link",
            &[("rel", "alternate"), ("hreflang", lang), ("href", url)],
        );
    }
    out.close("url");
}

/// A sitemap index naming each sitemap by its absolute address, with the
/// newest last change of the pages it lists when they have one.
pub fn sitemap_index(sitemaps: &[(String, Option<NaiveDate>)]) -> String {
    let mut out = XmlOut::with("UTF-8", Escape::Html);
    out.open(
        "sitemapindex",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for (loc, lastmod) in sitemaps {
        match lastmod {
            Some(date) => out.leaves("sitemap", &[("loc", loc), ("lastmod", &date.to_string())]),
            None => out.leaves("sitemap", &[("loc", loc)]),
        }
    }
    out.close("sitemapindex");
    out.finish()
}

/// robots.txt: everything may be crawled; the sitemap index's address.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.file_url(&site.sitemap())
    )
}

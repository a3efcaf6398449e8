//! The site's XML and text files: Atom feed, sitemap, robots.txt.

use chrono::NaiveDate;

use crate::content::markdown::html_escape as escape;
use crate::model::Archive;

use crate::site::Site;

/// How many articles the feed carries.
pub const FEED_SIZE: usize = 50;

/// The Atom feed of the latest articles, newest first.
pub fn feed(archive: &Archive, site: &Site) -> String {
    let mut order: Vec<usize> = (0..archive.articles.len()).collect();
    archive.newest_first(&mut order);
    let home = site.dir_url(&site.home());
    let title = archive.config.title.clone();
    atom(
        archive,
        site,
        &order[..order.len().min(FEED_SIZE)],
        (&title, &home, &site.file_url(&site.feed())),
        Summary::Full,
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
pub fn atom(
    archive: &Archive,
    site: &Site,
    articles: &[usize],
    feed: (&str, &str, &str),
    summary: Summary,
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
    let mut xml = String::with_capacity(4096 + order.len() * 1500);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    if let Some(description) = &config.description {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(description)));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape(home)));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(home)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(self_url)
    ));
    xml.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    let publisher = config.publisher.as_deref().unwrap_or(&config.title);
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(publisher)
    ));
    for &idx in order {
        let article = &archive.articles[idx];
        let url = site.dir_url(&site.article(article));
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape(&article.title.text())
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        if let Some(doi) = &article.doi {
            xml.push_str(&format!(
                "    <link rel=\"related\" href=\"{}\" title=\"DOI\"/>\n",
                escape(&doi.url())
            ));
        }
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(article.published)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(article.published)
        ));
        for author in &article.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(&author.name)
            ));
        }
        for keyword in &article.keywords {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(keyword)));
        }
        let text = match summary {
            Summary::Full => article.abstract_.text(),
            Summary::Short => article.description(),
        };
        xml.push_str(&format!("    <summary>{}</summary>\n", escape(&text)));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

fn timestamp(date: NaiveDate) -> String {
    format!("{date}T00:00:00Z")
}

/// One sitemap entry: an absolute address and its last change.
pub struct SitemapEntry {
    /// The absolute address.
    pub url: String,
    /// The last change, when known.
    pub lastmod: Option<NaiveDate>,
}

/// The sitemap of `entries`, in the order given.
pub fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut xml = String::with_capacity(128 + entries.len() * 120);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(&entry.url)));
        if let Some(date) = entry.lastmod {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// robots.txt: everything may be crawled; the sitemap's address.
pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.file_url(&site.sitemap())
    )
}

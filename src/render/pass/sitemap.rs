//! The sitemaps and the other files at the site's root (robots.txt,
//! `.nojekyll`, `CNAME`).
//!
//! The sitemaps list every page and PDF from the archive and the address
//! scheme, not from what a render happened to write, so a partial rebuild
//! that adds or removes a term page writes the same sitemaps as a whole
//! build.
//!
//! **Decision.** `sitemap.xml`, the address robots.txt gives, is always a
//! sitemap index, and the pages are listed in `sitemap-1.xml`,
//! `sitemap-2.xml`... of at most 50,000 addresses and 50 MiB each, as the
//! protocol allows. An index even when one file would do means one form
//! for every archive: the form a journal of 100,000 articles needs is the
//! one every build and every test writes, and a site does not change form
//! the day its archive passes 50,000 addresses. Search engines read an
//! index wherever they read a sitemap, at the cost of one more small file.

use std::ops::Range;

use anyhow::Result;
use chrono::NaiveDate;

use super::taxonomies::TermList;
use super::Build;
use crate::model::SitePath;
use crate::render::xml::{self, SitemapEntry, Urlset};
use crate::site::Site;

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Addresses (`<url>` elements) in one file.
    pub urls: usize,
    /// Bytes of one file, uncompressed.
    pub bytes: usize,
}

/// The protocol's limits: 50,000 addresses and 52,428,800 bytes (50 MiB)
/// per file, uncompressed.
pub const PROTOCOL: Limits = Limits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// Every page of the site in the sitemap's order: home, archive, statistics, issues,
/// articles each with its PDF (when the site publishes it), static pages, search, then each taxonomy's
/// index pages and its terms' pages. On a site of several languages each
/// page is listed in every language's tree, one after the other, each
/// naming them all; a PDF, shared by the trees, once.
fn entries(build: &Build<'_>, lists: &[TermList<'_>]) -> Vec<SitemapEntry> {
    let Build { archive, site, .. } = build;
    let latest_issue = archive.latest_issue_date();
    let newest_article = archive.articles.iter().map(|a| a.published).max();
    let mut entries = Vec::new();
    let out = &mut entries;
    page(out, site, &site.home(), latest_issue);
    page(out, site, &site.archive(), latest_issue);
    page(out, site, &site.statistics(), latest_issue);
    for issue in &archive.issues {
        page(out, site, &site.issue(issue.id), Some(issue.published));
    }
    for article in &archive.articles {
        page(out, site, &site.article(article), Some(article.published));
        // A PDF on the galleys' host is not listed: a sitemap names only
        // addresses under its own folder.
        if let Some(target) = site.pdf(article) {
            out.push(SitemapEntry {
                url: site.file_url(&target),
                lastmod: Some(article.published),
                alternates: Vec::new(),
            });
        }
    }
    for static_page in &archive.pages {
        page(out, site, &site.page(&static_page.slug), None);
    }
    page(out, site, &site.search(), None);
    for list in lists {
        for n in 1..=site.index_pages(list.terms.len()) {
            page(out, site, &site.taxonomy_page(list.kind, n), newest_article);
        }
        for term in &list.terms {
            let newest = term
                .articles
                .iter()
                .map(|&a| archive.articles[a].published)
                .max();
            for n in 1..=site.term_pages(term.articles.len()) {
                page(out, site, &site.term_page(list.kind, term.slug, n), newest);
            }
        }
    }
    entries
}

/// The page at `at` (of the default tree) in every language's tree, each
/// naming all of them and `x-default`; on a site of one language, the page.
fn page(out: &mut Vec<SitemapEntry>, site: &Site, at: &SitePath, lastmod: Option<NaiveDate>) {
    let languages = site.languages();
    if languages.len() < 2 {
        out.push(SitemapEntry {
            url: site.dir_url(at),
            lastmod,
            alternates: Vec::new(),
        });
        return;
    }
    let urls: Vec<String> = languages
        .iter()
        .map(|lang| site.dir_url(&site.in_lang(at, lang)))
        .collect();
    let mut alternates: Vec<(String, String)> = languages
        .iter()
        .zip(&urls)
        .map(|(lang, url)| (lang.to_string(), url.clone()))
        .collect();
    alternates.push(("x-default".to_string(), urls[0].clone()));
    out.extend(urls.into_iter().map(|url| SitemapEntry {
        url,
        lastmod,
        alternates: alternates.clone(),
    }));
}

/// Cuts entries of `sizes` bytes each (in order) into runs that fit one
/// file each: at most `limits.urls` entries, and the file (`overhead`
/// bytes besides its entries) at most `limits.bytes` long. An entry too
/// long for a file even alone gets a file of its own. Every entry is in
/// exactly one run, in order; no entries, no runs.
pub fn split(sizes: &[usize], overhead: usize, limits: Limits) -> Vec<Range<usize>> {
    let most = limits.urls.max(1);
    let mut runs = Vec::new();
    let mut start = 0;
    let mut bytes = overhead;
    for (n, &size) in sizes.iter().enumerate() {
        let full = n - start == most || (n > start && bytes + size > limits.bytes);
        if full {
            runs.push(start..n);
            start = n;
            bytes = overhead;
        }
        bytes += size;
    }
    if start < sizes.len() {
        runs.push(start..sizes.len());
    }
    runs
}

/// The sitemap files of `entries` on `site`, each within `limits`, handed
/// to `file` one at a time (a sitemap may be 50 MiB): the index at
/// [`Site::sitemap`] first, then each sitemap it lists.
fn files(
    site: &Site,
    entries: &[SitemapEntry],
    limits: Limits,
    mut file: impl FnMut(SitePath, String) -> Result<()>,
) -> Result<()> {
    let urls = Urlset::new(entries);
    let runs = split(&urls.sizes(), urls.overhead(), limits);
    let listed: Vec<(String, Option<NaiveDate>)> = runs
        .iter()
        .enumerate()
        .map(|(n, run)| {
            let newest = entries[run.clone()].iter().filter_map(|e| e.lastmod).max();
            (site.file_url(&site.sitemap_part(n + 1)), newest)
        })
        .collect();
    file(site.sitemap(), xml::sitemap_index(&listed))?;
    for (n, run) in runs.into_iter().enumerate() {
        file(site.sitemap_part(n + 1), urls.file(run))?;
    }
    Ok(())
}

/// Writes the sitemap index and its sitemaps, robots.txt, `.nojekyll` and
/// `CNAME`.
pub fn write(build: &Build<'_>, lists: &[TermList<'_>]) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        ..
    } = build;
    files(site, &entries(build, lists), PROTOCOL, |at, text| {
        pages.write(&at, text.as_bytes())
    })?;
    pages.write(&site.robots(), xml::robots(site).as_bytes())?;
    pages.write(&site.nojekyll(), b"")?;
    if let Some(cname) = &archive.config.cname {
        pages.write(&site.cname(), format!("{cname}\n").as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diag::SourceFile;
    use proptest::prelude::*;

    fn site(yaml: &str) -> Site {
        let file = SourceFile::new("journal.yaml", yaml);
        let mut diags = Vec::new();
        let config: Config = crate::config::parse(&file, None, &mut diags).expect("a config");
        assert!(diags.is_empty(), "{diags:?}");
        Site::new(&config)
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, day).expect("a date")
    }

    /// `n` pages, the `i`th changed on day `i + 1` (none for every third).
    fn entries(n: usize, alternates: bool) -> Vec<SitemapEntry> {
        (0..n)
            .map(|i| {
                let url = format!("https://example.org/j/p{i}/");
                SitemapEntry {
                    lastmod: (i % 3 != 2).then(|| date(i as u32 + 1)),
                    alternates: if alternates {
                        vec![
                            ("en".to_string(), url.clone()),
                            ("ru".to_string(), format!("https://example.org/j/ru/p{i}/")),
                            ("x-default".to_string(), url.clone()),
                        ]
                    } else {
                        Vec::new()
                    },
                    url,
                }
            })
            .collect()
    }

    /// The files [`files`] hands over, in order.
    fn all(site: &Site, entries: &[SitemapEntry], limits: Limits) -> Vec<(SitePath, String)> {
        let mut out = Vec::new();
        files(site, entries, limits, |at, text| {
            out.push((at, text));
            Ok(())
        })
        .expect("nothing fails");
        out
    }

    const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// The texts of the `name` children of the root's children.
    fn children(xml: &str, root: &str, name: &str) -> Vec<Vec<String>> {
        let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
        assert_eq!(doc.root_element().tag_name().name(), root, "{xml}");
        assert_eq!(doc.root_element().tag_name().namespace(), Some(NS));
        doc.root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|item| {
                item.children()
                    .filter(|n| n.tag_name().name() == name)
                    .filter_map(|n| n.text().map(str::to_string))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn runs_hold_at_most_the_limit_of_entries_and_bytes() {
        let few = |urls, bytes| Limits { urls, bytes };
        assert_eq!(split(&[10; 5], 0, few(2, 1000)), [0..2, 2..4, 4..5]);
        assert_eq!(split(&[10; 4], 0, few(2, 1000)), [0..2, 2..4]);
        assert_eq!(split(&[30, 30, 30], 10, few(100, 75)), [0..2, 2..3]);
        // An entry longer than a file may be gets a file of its own.
        assert_eq!(split(&[5, 100, 5], 10, few(100, 50)), [0..1, 1..2, 2..3]);
        assert_eq!(split(&[], 10, PROTOCOL), Vec::<Range<usize>>::new());
        assert_eq!(split(&[10; 3], 0, few(0, 1000)), [0..1, 1..2, 2..3]);
    }

    proptest! {
        #[test]
        fn every_entry_is_in_exactly_one_run_within_the_limits(
            sizes in proptest::collection::vec(1usize..200, 0..300),
            urls in 1usize..40,
            bytes in 1usize..2000,
        ) {
            let overhead = 50;
            let runs = split(&sizes, overhead, Limits { urls, bytes });
            let mut next = 0;
            for run in &runs {
                prop_assert_eq!(run.start, next);
                prop_assert!(run.end > run.start && run.end - run.start <= urls);
                let total: usize = overhead + sizes[run.clone()].iter().sum::<usize>();
                prop_assert!(total <= bytes || run.len() == 1);
                next = run.end;
            }
            prop_assert_eq!(next, sizes.len());
        }
    }

    #[test]
    fn a_small_limit_splits_the_sitemap_and_the_index_lists_each_file() {
        let site = site("title: J\nbase_url: https://example.org/j/\n");
        let pages = entries(8, false);
        let files = all(
            &site,
            &pages,
            Limits {
                urls: 3,
                bytes: PROTOCOL.bytes,
            },
        );
        let names: Vec<&str> = files.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = children(&files[0].1, "sitemapindex", "loc");
        let listed: Vec<String> = index.into_iter().flatten().collect();
        assert_eq!(
            listed,
            [1, 2, 3].map(|n| format!("https://example.org/j/sitemap-{n}.xml"))
        );
        // Each file's last change is the newest of its pages'.
        let dates: Vec<Vec<String>> = children(&files[0].1, "sitemapindex", "lastmod");
        assert_eq!(
            dates,
            [
                vec!["2020-01-02".to_string()],
                vec!["2020-01-05".to_string()],
                vec!["2020-01-08".to_string()]
            ]
        );
        let mut found = Vec::new();
        for (_, text) in &files[1..] {
            let urls = children(text, "urlset", "loc");
            assert!(!urls.is_empty() && urls.len() <= 3, "{text}");
            found.extend(urls.into_iter().flatten());
        }
        let every: Vec<String> = pages.iter().map(|e| e.url.clone()).collect();
        assert_eq!(found, every, "every address once, in order");
    }

    #[test]
    fn a_byte_limit_splits_too_and_every_file_keeps_its_namespaces() {
        let site = site("title: J\nbase_url: https://example.org/j/\nlanguages: [en, ru]\n");
        let pages = entries(10, true);
        let whole = Urlset::new(&pages);
        let bytes = whole.overhead() + 3 * whole.sizes()[0];
        let files = all(&site, &pages, Limits { urls: 1000, bytes });
        assert!(files.len() > 2, "{} files", files.len());
        let mut found = Vec::new();
        for (at, text) in &files[1..] {
            assert!(text.len() <= bytes, "{at} is {} bytes", text.len());
            assert!(text.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
            found.extend(children(text, "urlset", "loc").into_iter().flatten());
        }
        assert_eq!(found.len(), pages.len());
    }

    #[test]
    fn within_the_protocol_one_sitemap_holds_every_page() {
        let site = site("title: J\nbase_url: https://example.org/j/\n");
        let pages = entries(5, false);
        let files = all(&site, &pages, PROTOCOL);
        assert_eq!(files.len(), 2);
        let urls = children(&files[1].1, "urlset", "loc");
        assert_eq!(urls.len(), 5);
        assert!(files[1]
            .1
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset"));
        assert!(
            files[1].1.ends_with("</url>\n</urlset>\n"),
            "{}",
            files[1].1
        );
    }
}

//! The sitemap and the other files at the site's root (robots.txt,
//! `.nojekyll`, `CNAME`).
//!
//! The sitemap lists every page and PDF from the archive and the address
//! scheme, not from what a render happened to write, so a partial rebuild
//! that adds or removes a term page writes the same sitemap as a whole
//! build.

use anyhow::Result;
use chrono::NaiveDate;

use super::taxonomies::TermList;
use super::Build;
use crate::model::SitePath;
use crate::render::xml::{self, SitemapEntry};
use crate::site::Site;

/// Every page of the site in the sitemap's order: home, archive, issues,
/// articles each with its PDF, static pages, search, then each taxonomy's
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
    for issue in &archive.issues {
        page(out, site, &site.issue(issue.id), Some(issue.published));
    }
    for article in &archive.articles {
        page(out, site, &site.article(article), Some(article.published));
        if let Some(pdf) = &article.pdf {
            if let Some(target) = site.beside_article(article, &pdf.file_name) {
                out.push(SitemapEntry {
                    url: site.file_url(&target),
                    lastmod: Some(article.published),
                    alternates: Vec::new(),
                });
            }
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

/// Writes the sitemap, robots.txt, `.nojekyll` and `CNAME`.
pub fn write(build: &Build<'_>, lists: &[TermList<'_>]) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        ..
    } = build;
    pages.write(
        &site.sitemap(),
        xml::sitemap(&entries(build, lists)).as_bytes(),
    )?;
    pages.write(&site.robots(), xml::robots(site).as_bytes())?;
    pages.write(&site.nojekyll(), b"")?;
    if let Some(cname) = &archive.config.cname {
        pages.write(&site.cname(), format!("{cname}\n").as_bytes())?;
    }
    Ok(())
}

//! The sitemap and the other files at the site's root (robots.txt,
//! `.nojekyll`, `CNAME`).
//!
//! The sitemap lists every page and PDF from the archive and the address
//! scheme, not from what a render happened to write, so a partial rebuild
//! that adds or removes a term page writes the same sitemap as a whole
//! build.

use anyhow::Result;

use super::taxonomies::TermList;
use super::Build;
use crate::render::xml::{self, SitemapEntry};

/// Every page of the site in the sitemap's order: home, archive, issues,
/// articles each with its PDF, static pages, search, then each taxonomy's
/// index pages and its terms' pages.
fn entries(build: &Build<'_>, lists: &[TermList<'_>]) -> Vec<SitemapEntry> {
    let Build { archive, site, .. } = build;
    let latest_issue = archive.latest_issue_date();
    let newest_article = archive.articles.iter().map(|a| a.published).max();
    let mut entries = vec![
        SitemapEntry {
            url: site.dir_url(&site.home()),
            lastmod: latest_issue,
        },
        SitemapEntry {
            url: site.dir_url(&site.archive()),
            lastmod: latest_issue,
        },
    ];
    entries.extend(archive.issues.iter().map(|issue| SitemapEntry {
        url: site.dir_url(&site.issue(issue.id)),
        lastmod: Some(issue.published),
    }));
    for article in &archive.articles {
        entries.push(SitemapEntry {
            url: site.dir_url(&site.article(article)),
            lastmod: Some(article.published),
        });
        if let Some(pdf) = &article.pdf {
            if let Some(target) = site.beside_article(article, &pdf.file_name) {
                entries.push(SitemapEntry {
                    url: site.file_url(&target),
                    lastmod: Some(article.published),
                });
            }
        }
    }
    entries.extend(archive.pages.iter().map(|page| SitemapEntry {
        url: site.dir_url(&site.page(&page.slug)),
        lastmod: None,
    }));
    entries.push(SitemapEntry {
        url: site.dir_url(&site.search()),
        lastmod: None,
    });
    for list in lists {
        for n in 1..=site.index_pages(list.terms.len()) {
            entries.push(SitemapEntry {
                url: site.dir_url(&site.taxonomy_page(list.kind, n)),
                lastmod: newest_article,
            });
        }
        for term in &list.terms {
            let newest = term
                .articles
                .iter()
                .map(|&a| archive.articles[a].published)
                .max();
            for n in 1..=site.term_pages(term.articles.len()) {
                entries.push(SitemapEntry {
                    url: site.dir_url(&site.term_page(list.kind, term.slug, n)),
                    lastmod: newest,
                });
            }
        }
    }
    entries
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

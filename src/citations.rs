//! The archive's own citation graph: which of its articles a reference
//! names, and so which articles cite which.
//!
//! A reference names an archive article when it holds that article's DOI
//! (bare, as `doi:`, or as a `https://doi.org/` or `http://dx.doi.org/`
//! address; DOIs compare ignoring ASCII case, as the DOI Handbook says) or
//! a link to that article's page on this site: absolute (the site's
//! `base_url`) or root-relative (starting with its base path), in any
//! language tree, with or without the final `/` or `index.html`. The DOI
//! is looked at first; the first DOI or link in the reference that names
//! an archive article wins. Not matched: a relative link without the
//! leading `/`, a link to another host (a mirror, `www.` or not), to a
//! file beside the page (the PDF, JATS), a page named only by its title,
//! or a DOI split across lines. [`Citations::build`] makes the graph in
//! one pass over every reference after the archive is read: its cost is
//! linear in the references.

use std::collections::HashMap;

use crate::model::{dois_in, Article, ArticleIdx};
use crate::site::Site;

/// The archive's citations of its own articles, made once by
/// [`Citations::build`]. Self-citations are left out; an article that
/// cites another twice is one citing article.
#[derive(Debug, Clone, Default)]
pub struct Citations {
    /// `(citing, reference number from 0, cited)`, by citing article and
    /// reference.
    links: Vec<(ArticleIdx, u32, ArticleIdx)>,
    /// `(cited, citing)`, by cited article, each pair once.
    cited_by: Vec<(ArticleIdx, ArticleIdx)>,
}

impl Citations {
    /// The graph of `articles` (in archive order), whose pages `site`
    /// places. Drafts are in it only when they are in `articles`.
    pub fn build(articles: &[Article], site: &Site) -> Citations {
        if articles.iter().all(|a| a.references.is_empty()) {
            return Citations::default();
        }
        let mut by_doi: HashMap<String, ArticleIdx> = HashMap::new();
        let mut by_path: HashMap<String, ArticleIdx> = HashMap::new();
        for (idx, article) in articles.iter().enumerate() {
            if let Some(doi) = &article.doi {
                by_doi.entry(doi.key()).or_insert(idx);
            }
            by_path.insert(site.article(article).as_str().to_string(), idx);
        }
        let mut links = Vec::new();
        for (citing, article) in articles.iter().enumerate() {
            for (n, reference) in article.references.iter().enumerate() {
                let named = dois_in(reference)
                    .into_iter()
                    .find_map(|found| by_doi.get(&found.doi.key()).copied())
                    .or_else(|| {
                        site_paths(reference, site)
                            .into_iter()
                            .find_map(|p| by_path.get(&p).copied())
                    });
                if let Some(cited) = named.filter(|&c| c != citing) {
                    let n = u32::try_from(n).unwrap_or(u32::MAX);
                    links.push((citing, n, cited));
                }
            }
        }
        let mut cited_by: Vec<(ArticleIdx, ArticleIdx)> = links
            .iter()
            .map(|&(citing, _, cited)| (cited, citing))
            .collect();
        cited_by.sort_unstable();
        cited_by.dedup();
        Citations { links, cited_by }
    }

    /// The archive article reference `n` (from 0) of article `citing`
    /// names, if any.
    pub fn named_by(&self, citing: ArticleIdx, n: usize) -> Option<ArticleIdx> {
        let n = u32::try_from(n).ok()?;
        self.links
            .binary_search_by(|&(a, r, _)| (a, r).cmp(&(citing, n)))
            .ok()
            .map(|i| self.links[i].2)
    }

    /// The archive articles that `cited` is cited by, each once, in archive
    /// order.
    pub fn cited_by(&self, cited: ArticleIdx) -> impl Iterator<Item = ArticleIdx> + '_ {
        let from = self.cited_by.partition_point(|&(c, _)| c < cited);
        self.cited_by[from..]
            .iter()
            .take_while(move |&&(c, _)| c == cited)
            .map(|&(_, citing)| citing)
    }

    /// The archive articles `citing` cites, each once.
    pub fn cites(&self, citing: ArticleIdx) -> Vec<ArticleIdx> {
        let from = self.links.partition_point(|&(a, _, _)| a < citing);
        let mut cited: Vec<ArticleIdx> = self.links[from..]
            .iter()
            .take_while(|&&(a, _, _)| a == citing)
            .map(|&(_, _, c)| c)
            .collect();
        cited.sort_unstable();
        cited.dedup();
        cited
    }
}

/// What in a reference could name an archive article, written out: its
/// DOIs' keys and its links' paths on this site. An article whose keys
/// change must be placed anew (`assemble::place`), as the graph changes
/// with them.
pub fn named_keys(article: &Article) -> Vec<String> {
    let mut keys = Vec::new();
    for reference in &article.references {
        keys.extend(dois_in(reference).into_iter().map(|found| found.doi.key()));
        keys.extend(link_like(reference).map(str::to_string));
    }
    keys
}

/// The words of `text` that look like links: an `http://` or `https://`
/// address or a root-relative path, without the punctuation around them.
fn link_like(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
        .map(|w| {
            w.trim_start_matches(['(', '['])
                .trim_end_matches(['.', ',', ';', ')', ']'])
        })
        .filter(|w| {
            let lower = w.get(..8).unwrap_or(w).to_ascii_lowercase();
            lower.starts_with("http://") || lower.starts_with("https://") || w.starts_with('/')
        })
}

/// The site paths (as [`Site::article`] writes them for the default tree:
/// `archive/2018/4/slug`) that the links in `reference` lead to.
fn site_paths(reference: &str, site: &Site) -> Vec<String> {
    link_like(reference)
        .filter_map(|link| site_path(link, site))
        .collect()
}

/// The default tree's site path of a link to a page of this site, or
/// `None` when it leads elsewhere.
fn site_path(link: &str, site: &Site) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or(link);
    let path = if link.starts_with('/') {
        link
    } else {
        let (scheme, rest) = link.split_once("://")?;
        let (_, origin_rest) = site.origin().split_once("://")?;
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        let host_len = rest.find('/').unwrap_or(rest.len());
        if !rest[..host_len].eq_ignore_ascii_case(origin_rest) {
            return None;
        }
        &rest[host_len..]
    };
    let base = site.base_path();
    let within = path
        .strip_prefix(base)
        .or_else(|| (path == base.trim_end_matches('/')).then_some(""))?;
    let within = within.strip_suffix("index.html").unwrap_or(within);
    let within = within.trim_end_matches('/');
    // A page in another language's tree names the same article.
    let within = match within.split_once('/') {
        Some((first, rest))
            if site
                .languages()
                .iter()
                .any(|l| l != site.default_lang() && l.as_str() == first) =>
        {
            rest
        }
        _ => within,
    };
    Some(within.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOURNAL: &str = "title: J\nbase_url: https://example.org/journal/\nlanguages: [en, ru]\n";

    fn site(journal: &str) -> Site {
        let file = crate::diag::SourceFile::new("journal.yaml", journal);
        let config = crate::config::parse(&file, None, &mut Vec::new()).expect("a config");
        Site::new(&config)
    }

    #[test]
    fn links_to_article_pages_are_read_in_every_form() {
        let site = site(JOURNAL);
        let want = Some("archive/2018/4/slug".to_string());
        for link in [
            "https://example.org/journal/archive/2018/4/slug/",
            "https://EXAMPLE.org/journal/archive/2018/4/slug",
            "http://example.org/journal/archive/2018/4/slug/index.html",
            "/journal/archive/2018/4/slug/",
            "/journal/archive/2018/4/slug",
            "/journal/ru/archive/2018/4/slug/",
            "https://example.org/journal/ru/archive/2018/4/slug/#top",
        ] {
            assert_eq!(site_path(link, &site), want, "{link}");
        }
        for link in [
            "https://other.org/journal/archive/2018/4/slug/",
            "/elsewhere/archive/2018/4/slug/",
            "ftp://example.org/journal/archive/2018/4/slug/",
        ] {
            assert_eq!(site_path(link, &site), None, "{link}");
        }
        let words: Vec<&str> =
            link_like("See (https://example.org/a/), /b/c. and 10.1/x, or a/b").collect();
        assert_eq!(words, ["https://example.org/a/", "/b/c"]);
    }
}

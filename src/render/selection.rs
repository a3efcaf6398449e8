//! Which pages a render writes: everything for a build and `check`, or only
//! what a change to some articles touches, for `quire serve`.

use std::collections::HashSet;

use crate::model::{Archive, ArticleId, ArticleIdx, IssueId, SitePath};

/// Which pages a render writes.
#[derive(Debug, Clone, Default)]
pub enum Scope {
    /// Everything: a build.
    #[default]
    All,
    /// Only what a change to some articles touches (`quire serve`).
    Touched(Touched),
}

/// What a change to some articles touches: their pages and files, their
/// neighbours' and the pages that list them as related, that cite them or
/// that they cite, their issues, the
/// term pages and feeds that list them, home, the archive, the site's feed
/// and the files made from every article (OAI).
#[derive(Debug, Clone, Default)]
pub struct Touched {
    /// The changed articles.
    pub articles: Vec<ArticleId>,
    /// Term folders (`keywords/central-asia`) to render besides those that
    /// list the changed articles now: the terms they had before.
    pub extra_terms: HashSet<String>,
    /// Whether the taxonomies changed, so their index pages are rendered too.
    pub taxonomies: bool,
    /// Other articles whose related articles changed with the taxonomies.
    pub related: Vec<ArticleId>,
}

/// The pages a [`Scope`] selects, answered per page.
pub(crate) struct Selection {
    /// `None`: all.
    articles: Option<HashSet<ArticleIdx>>,
    changed: HashSet<ArticleIdx>,
    issues: Option<HashSet<IssueId>>,
    extra_terms: HashSet<String>,
    indexes: bool,
}

impl Selection {
    pub(crate) fn new(archive: &Archive, scope: &Scope) -> Selection {
        let Scope::Touched(touched) = scope else {
            return Selection {
                articles: None,
                changed: HashSet::new(),
                issues: None,
                extra_terms: HashSet::new(),
                indexes: true,
            };
        };
        let changed: HashSet<ArticleIdx> = touched
            .articles
            .iter()
            .filter_map(|id| archive.position(id))
            .collect();
        let mut pages = changed.clone();
        let mut issues = HashSet::new();
        for &idx in &changed {
            let Some(article) = archive.articles.get(idx) else {
                continue;
            };
            issues.insert(article.issue);
            // Its neighbours show its title in their pager.
            if let Some(issue) = archive.issue(article.issue) {
                if let Some(at) = issue.articles.iter().position(|&a| a == idx) {
                    pages.extend(at.checked_sub(1).and_then(|p| issue.articles.get(p)));
                    pages.extend(issue.articles.get(at + 1));
                }
            }
        }
        // Articles that list a changed one as related show its title.
        for (idx, related) in archive.taxonomies.related.iter().enumerate() {
            if related.iter().any(|r| changed.contains(r)) {
                pages.insert(idx);
            }
        }
        // Articles a changed one cites list it under "Cited in this journal
        // by"; articles citing it name its title in their JSON-LD.
        for &idx in &changed {
            pages.extend(archive.citations.cites(idx));
            pages.extend(archive.citations.cited_by(idx));
        }
        pages.extend(touched.related.iter().filter_map(|id| archive.position(id)));
        Selection {
            articles: Some(pages),
            changed,
            issues: Some(issues),
            extra_terms: touched.extra_terms.clone(),
            indexes: touched.taxonomies,
        }
    }

    /// Whether everything is rendered.
    pub(crate) fn all(&self) -> bool {
        self.articles.is_none()
    }

    pub(crate) fn article(&self, idx: ArticleIdx) -> bool {
        self.articles.as_ref().is_none_or(|a| a.contains(&idx))
    }

    pub(crate) fn issue(&self, id: IssueId) -> bool {
        self.issues.as_ref().is_none_or(|i| i.contains(&id))
    }

    /// Whether the index pages of the taxonomies are rendered.
    pub(crate) fn indexes(&self) -> bool {
        self.indexes
    }

    /// Whether a page of a selected term's list, holding `articles`, is
    /// rendered: all of them when the taxonomies changed (entries may have
    /// moved between pages), else only those showing a changed article.
    pub(crate) fn term_page(&self, mut articles: impl Iterator<Item = ArticleIdx>) -> bool {
        self.all() || self.indexes || articles.any(|a| self.changed.contains(&a))
    }

    /// Whether the term whose folder `dir` gives, listing `articles`, is
    /// rendered (`dir` is asked only when needed: there are many terms).
    pub(crate) fn term(
        &self,
        dir: impl FnOnce() -> SitePath,
        articles: &mut dyn Iterator<Item = ArticleIdx>,
    ) -> bool {
        if self.all() {
            return true;
        }
        for a in &mut *articles {
            if self.changed.contains(&a) {
                return true;
            }
        }
        !self.extra_terms.is_empty() && self.extra_terms.contains(dir().as_str())
    }
}

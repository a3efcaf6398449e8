//! Atom feeds: the site's latest articles, and each keyword's, country's
//! and region's.

use anyhow::Result;

use super::taxonomies::{TermList, TERM_FEED_SIZE};
use super::{Build, Done, Pass};
use crate::render::pages::PerArticle;
use crate::render::xml;

/// The site's feed, then one job per selected term whose taxonomy has feeds.
pub struct Feeds<'b> {
    build: &'b Build<'b>,
    lists: &'b [TermList<'b>],
    /// (list, term) of each term feed.
    terms: Vec<(usize, usize)>,
    /// Each article's `<entry>` in term feeds: written by the first feed
    /// that carries it, copied by the others.
    entries: PerArticle,
}

impl<'b> Feeds<'b> {
    /// The feeds of `lists` that `build` selects, and the site's.
    pub fn new(build: &'b Build<'b>, lists: &'b [TermList<'b>]) -> Self {
        let mut terms = Vec::new();
        for (l, list) in lists.iter().enumerate().filter(|(_, l)| l.kind.has_feeds()) {
            for (t, term) in list.terms.iter().enumerate() {
                if build.selection.term(
                    || build.site.term(list.kind, term.slug),
                    &mut term.articles.iter().copied(),
                ) {
                    terms.push((l, t));
                }
            }
        }
        let entries = PerArticle::new(PerArticle::count(
            build.archive.articles.len(),
            terms.iter().flat_map(|&(l, t)| {
                lists[l].terms[t]
                    .newest
                    .iter()
                    .take(TERM_FEED_SIZE)
                    .copied()
            }),
        ));
        Feeds {
            build,
            lists,
            terms,
            entries,
        }
    }
}

impl Pass for Feeds<'_> {
    fn name(&self) -> &'static str {
        "feeds"
    }

    /// None for `check`: feeds are made from the model by a writer that
    /// cannot fail on content.
    fn jobs(&self) -> usize {
        if self.build.pages.writes() {
            1 + self.terms.len()
        } else {
            0
        }
    }

    fn run(&self, job: usize, _done: &mut Done) -> Result<()> {
        let Build {
            archive,
            site,
            pages,
            ..
        } = self.build;
        let Some(&(l, t)) = job.checked_sub(1).and_then(|j| self.terms.get(j)) else {
            return pages.write(&site.feed(), xml::feed(archive, site).as_bytes());
        };
        let list = &self.lists[l];
        let term = &list.terms[t];
        let ids: Vec<usize> = term.newest.iter().take(TERM_FEED_SIZE).copied().collect();
        let title = format!("{}: {}", archive.config.title_in(site.lang()), term.name);
        let feed = xml::atom(
            archive,
            site,
            &ids,
            (
                &title,
                &site.dir_url(&site.term(list.kind, term.slug)),
                &site.file_url(&site.term_feed(list.kind, term.slug)),
            ),
            xml::Summary::Short,
            Some(&self.entries),
        );
        pages.write(&site.term_feed(list.kind, term.slug), feed.as_bytes())
    }
}

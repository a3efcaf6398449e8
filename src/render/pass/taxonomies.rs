//! Taxonomy pages: an index and paginated term pages for keywords,
//! countries, regions and authors.
//!
//! Every term renders only its own articles, one page of `per_page` at a
//! time, so the work grows with the number of (article, term) pairs. The
//! lists made here serve the term feeds too ([`super::feeds`]).

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Build, Done, Pass};
use crate::model::{Archive, ArticleIdx, SitePath, Slug};
use crate::render::pages::{At, Page, PageKind};
use crate::render::views::EntryView;
use crate::site::{Site, INDEX_PAGE};
use crate::taxonomy::Kind;
use crate::text::Text;

/// Entries in a term's feed.
pub const TERM_FEED_SIZE: usize = 20;

/// A term of any taxonomy, as the pages need it.
pub struct Spec<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its address segment.
    pub slug: &'a Slug,
    /// Its articles, in archive order.
    pub articles: Vec<ArticleIdx>,
    /// Byline position per article (authors only), same order.
    positions: Vec<usize>,
    /// Its articles in [`Archive::newest_first`] order with their byline
    /// positions: made once, for its pages and its feed.
    pub newest: Vec<(ArticleIdx, Option<usize>)>,
    note: String,
    sort_key: (bool, String, String),
    /// The term itself, for what its page shows besides its articles.
    term: TermRef<'a>,
}

/// A term of one of the taxonomies.
#[derive(Clone, Copy)]
enum TermRef<'a> {
    Keyword(&'a crate::taxonomy::Term),
    Country(&'a crate::taxonomy::Place),
    Region(&'a crate::taxonomy::Region),
    Author(&'a crate::taxonomy::Person),
}

/// What a term's page shows about the term, besides its articles; the
/// fields depend on the taxonomy (`docs/templates.md`).
#[derive(Serialize)]
#[serde(untagged)]
enum TermExtra<'a> {
    Keyword {
        description: Option<&'a str>,
    },
    Country {
        code: &'a str,
        region: Option<LinkView<'a>>,
    },
    Region {
        countries: Vec<CountedLink<'a>>,
    },
    Author {
        orcid: Option<&'a str>,
        orcid_url: Option<String>,
        affiliations: &'a [String],
    },
}

/// A linked name.
#[derive(Serialize)]
struct LinkView<'a> {
    name: &'a str,
    path: String,
}

/// A linked name with its number of articles.
#[derive(Serialize)]
struct CountedLink<'a> {
    name: &'a str,
    path: String,
    count: usize,
}

/// What templates see as `term` on a term's pages.
#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    path: String,
    url: String,
    count: usize,
    feed_path: String,
    #[serde(flatten)]
    extra: TermExtra<'a>,
}

impl<'a> TermRef<'a> {
    /// What its page shows about it.
    fn extra(self, archive: &'a Archive, site: &Site) -> TermExtra<'a> {
        let tax = &archive.taxonomies;
        match self {
            TermRef::Keyword(term) => TermExtra::Keyword {
                description: term.description.as_deref(),
            },
            TermRef::Country(place) => TermExtra::Country {
                code: place.code,
                region: place.region.map(|r| {
                    let region = &tax.regions[r];
                    LinkView {
                        name: region.name,
                        path: site.dir_path(&site.term(Kind::Regions, &region.slug)),
                    }
                }),
            },
            TermRef::Region(region) => TermExtra::Region {
                countries: region
                    .countries
                    .iter()
                    .map(|&c| {
                        let place = &tax.countries[c];
                        CountedLink {
                            name: place.name,
                            path: site.dir_path(&site.term(Kind::Countries, &place.slug)),
                            count: place.articles.len(),
                        }
                    })
                    .collect(),
            },
            TermRef::Author(person) => {
                // The affiliations of the person's latest article.
                let latest = person
                    .articles
                    .last()
                    .map(|&(a, pos)| &archive.articles[a].authors[pos]);
                TermExtra::Author {
                    orcid: person.orcid.as_ref().map(|o| o.as_str()),
                    orcid_url: person.orcid.as_ref().map(|o| o.url()),
                    affiliations: latest.map_or(&[], |a| a.affiliations.as_slice()),
                }
            }
        }
    }
}

/// Every term of taxonomy `kind`, as its pages need it.
fn specs<'a>(archive: &'a Archive, kind: Kind, text: &Text) -> Vec<Spec<'a>> {
    let tax = &archive.taxonomies;
    let key = |s: &str| {
        let lower = s.to_lowercase();
        let latin = lower.chars().next().is_some_and(|c| {
            c.is_ascii()
                || deunicode::deunicode_char(c).is_some_and(|d| d.len() == 1) && !is_cyrillic(c)
        });
        (!latin, lower)
    };
    match kind {
        Kind::Keywords => tax
            .keywords
            .iter()
            .map(|t| {
                let (a, b) = key(&t.name);
                Spec {
                    name: &t.name,
                    slug: &t.slug,
                    articles: t.articles.clone(),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    note: String::new(),
                    sort_key: (a, b, String::new()),
                    term: TermRef::Keyword(t),
                }
            })
            .collect(),
        Kind::Countries => tax
            .countries
            .iter()
            .map(|c| {
                let region = c.region.map(|r| &tax.regions[r]);
                let (a, b) = key(c.name);
                Spec {
                    name: c.name,
                    slug: &c.slug,
                    articles: c.articles.clone(),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    note: region.map_or(String::new(), |r| r.name.to_string()),
                    sort_key: (a, b, String::new()),
                    term: TermRef::Country(c),
                }
            })
            .collect(),
        Kind::Regions => tax
            .regions
            .iter()
            .map(|r| {
                let (a, b) = key(r.name);
                Spec {
                    name: r.name,
                    slug: &r.slug,
                    articles: r.articles.clone(),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    note: text.count("countries-count", r.countries.len()),
                    sort_key: (a, b, String::new()),
                    term: TermRef::Region(r),
                }
            })
            .collect(),
        Kind::Authors => tax
            .authors
            .iter()
            .map(|p| {
                let (a, b) = key(&p.family);
                Spec {
                    name: &p.name,
                    slug: &p.slug,
                    articles: p.articles.iter().map(|&(a, _)| a).collect(),
                    positions: p.articles.iter().map(|&(_, pos)| pos).collect(),
                    newest: Vec::new(),
                    note: p
                        .orcid
                        .as_ref()
                        .map_or(String::new(), |o| o.as_str().to_string()),
                    sort_key: (a, b, p.given.to_lowercase()),
                    term: TermRef::Author(p),
                }
            })
            .collect(),
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    path: String,
    current: bool,
}

/// Previous/next and numbered page links.
#[derive(Serialize)]
pub struct Pagination {
    current: usize,
    total: usize,
    prev_path: String,
    next_path: String,
    pages: Vec<PageLink>,
}

impl Pagination {
    /// Page `current` of `total`, whose folders `page` gives.
    fn new(page: impl Fn(usize) -> SitePath, current: usize, total: usize, site: &Site) -> Self {
        let path = |n: usize| site.dir_path(&page(n));
        Self {
            current,
            total,
            prev_path: if current > 1 {
                path(current - 1)
            } else {
                String::new()
            },
            next_path: if current < total {
                path(current + 1)
            } else {
                String::new()
            },
            pages: (1..=total)
                .map(|n| PageLink {
                    number: n,
                    path: path(n),
                    current: n == current,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct Linked {
    name: String,
    path: String,
}

#[derive(Serialize)]
struct TermEntry<'a> {
    #[serde(flatten)]
    entry: EntryView<'a>,
    authors_linked: Vec<Linked>,
    affiliations: Option<&'a [String]>,
}

/// Each author of article `idx` with the address of their page.
pub fn linked_authors(archive: &Archive, idx: ArticleIdx, site: &Site) -> Vec<(String, String)> {
    let tax = &archive.taxonomies;
    archive.articles[idx]
        .authors
        .iter()
        .enumerate()
        .map(|(pos, a)| {
            let path = tax
                .article_authors
                .get(idx)
                .and_then(|people| people.get(pos))
                .map(|&p| site.dir_path(&site.term(Kind::Authors, &tax.authors[p].slug)))
                .unwrap_or_default();
            (a.name.clone(), path)
        })
        .collect()
}

/// A taxonomy's terms, sorted as its index lists them.
pub struct TermList<'a> {
    /// The taxonomy.
    pub kind: Kind,
    /// Its terms.
    pub terms: Vec<Spec<'a>>,
    /// The index's letter links (empty when the index is not rendered).
    letters: Vec<LetterLink>,
    /// The world map, on the countries index.
    map: String,
}

impl<'a> TermList<'a> {
    /// The term's articles in [`Archive::newest_first`] order, each with
    /// its byline position (authors only).
    fn newest_first(archive: &Archive, term: &Spec<'_>) -> Vec<(ArticleIdx, Option<usize>)> {
        let mut order: Vec<(ArticleIdx, Option<usize>)> = term
            .articles
            .iter()
            .enumerate()
            .map(|(i, &a)| (a, term.positions.get(i).copied()))
            .collect();
        archive.newest_first_by(&mut order, |&(article, _)| article);
        order
    }
}

/// Every taxonomy's term list for `build`: taxonomies without a term are
/// left out. Every term is listed, also in partial rebuilds: the sitemap
/// lists them all, and the jobs pick the touched ones.
pub fn term_lists<'a>(build: &Build<'a>) -> Vec<TermList<'a>> {
    let Build {
        archive,
        site,
        selection,
        text,
        ..
    } = build;
    let mut lists = Vec::new();
    for kind in Kind::ALL {
        let mut terms = specs(archive, kind, text);
        terms
            .par_iter_mut()
            .for_each(|term| term.newest = TermList::newest_first(archive, term));
        if terms.is_empty() {
            continue;
        }
        terms.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then(a.slug.cmp(b.slug)));
        let (letters, map) = if selection.indexes() {
            let map = if kind == Kind::Countries {
                crate::render::world_map(&archive.taxonomies, site, text)
            } else {
                String::new()
            };
            (letter_links(site, kind, &terms), map)
        } else {
            (Vec::new(), String::new())
        };
        lists.push(TermList {
            kind,
            terms,
            letters,
            map,
        });
    }
    lists
}

/// One job per page of each rendered index, then one per selected term.
pub struct Taxonomies<'b> {
    build: &'b Build<'b>,
    lists: &'b [TermList<'b>],
    jobs: Vec<Job>,
}

/// A job of [`Taxonomies`], by position in its list.
enum Job {
    /// Page `page` (from 0) of list `list`'s index.
    Index { list: usize, page: usize },
    /// Term `term` of list `list`.
    Term { list: usize, term: usize },
}

impl<'b> Taxonomies<'b> {
    /// The index pages and term pages of `lists` that `build` selects.
    pub fn new(build: &'b Build<'b>, lists: &'b [TermList<'b>]) -> Self {
        let mut jobs = Vec::new();
        for (l, list) in lists.iter().enumerate() {
            if build.selection.indexes() {
                let pages = build.site.index_pages(list.terms.len());
                jobs.extend((0..pages).map(|page| Job::Index { list: l, page }));
            }
            for (t, term) in list.terms.iter().enumerate() {
                if build.selection.term(
                    || build.site.term(list.kind, term.slug),
                    &mut term.articles.iter().copied(),
                ) {
                    jobs.push(Job::Term { list: l, term: t });
                }
            }
        }
        Taxonomies { build, lists, jobs }
    }
}

impl Pass for Taxonomies<'_> {
    fn name(&self) -> &'static str {
        "taxonomies"
    }

    fn jobs(&self) -> usize {
        self.jobs.len()
    }

    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        match self.jobs[job] {
            Job::Index { list, page } => render_index(self.build, &self.lists[list], page, done),
            Job::Term { list, term } => {
                let list = &self.lists[list];
                render_term(self.build, list.kind, &list.terms[term], done)
            }
        }
    }
}

#[derive(Serialize)]
struct LetterLink {
    letter: String,
    path: String,
}

/// The letter a term is listed under in the index: its first letter, or `#`.
fn letter_of(term: &Spec<'_>) -> String {
    match term.sort_key.1.chars().next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().collect::<String>(),
        _ => "#".to_string(),
    }
}

/// The anchor of a letter's group: `letter-41`.
fn anchor(letter: &str) -> String {
    let code: Vec<String> = letter.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("letter-{}", code.join("-"))
}

/// Each letter's first place in the index, across its pages.
fn letter_links(site: &Site, kind: Kind, terms: &[Spec<'_>]) -> Vec<LetterLink> {
    let mut letters: Vec<LetterLink> = Vec::new();
    for (n, chunk) in terms.chunks(INDEX_PAGE).enumerate() {
        for term in chunk {
            let letter = letter_of(term);
            if letters.last().map(|l| l.letter.as_str()) != Some(letter.as_str())
                && !letters.iter().any(|l| l.letter == letter)
            {
                letters.push(LetterLink {
                    path: format!(
                        "{}#{}",
                        site.dir_path(&site.taxonomy_page(kind, n + 1)),
                        anchor(&letter)
                    ),
                    letter,
                });
            }
        }
    }
    letters
}

/// Page `n` (from 0) of a taxonomy's index.
fn render_index(build: &Build<'_>, list: &TermList<'_>, n: usize, done: &mut Done) -> Result<()> {
    #[derive(Serialize)]
    struct IndexEntry<'a> {
        name: &'a str,
        path: String,
        count: usize,
        note: &'a str,
    }
    #[derive(Serialize)]
    struct Group<'a> {
        letter: String,
        id: String,
        terms: Vec<IndexEntry<'a>>,
    }
    #[derive(Serialize)]
    struct IndexView<'a> {
        total: usize,
        letters: &'a [LetterLink],
        groups: Vec<Group<'a>>,
        map_svg_html: &'a str,
        pagination: Pagination,
    }
    let Build { site, pages, .. } = build;
    let kind = list.kind;
    let chunks = site.index_pages(list.terms.len());
    let chunk = list.terms.chunks(INDEX_PAGE).nth(n).unwrap_or_default();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for term in chunk {
        let letter = letter_of(term);
        let entry = IndexEntry {
            name: term.name,
            path: site.dir_path(&site.term(kind, term.slug)),
            count: term.articles.len(),
            note: &term.note,
        };
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.terms.push(entry),
            _ => groups.push(Group {
                id: anchor(&letter),
                letter,
                terms: vec![entry],
            }),
        }
    }
    let dir = site.taxonomy_page(kind, n + 1);
    let pagination = Pagination::new(|n| site.taxonomy_page(kind, n), n + 1, chunks, site);
    let links = (pagination.prev_path.clone(), pagination.next_path.clone());
    let mut ctx = Context::new();
    ctx.insert("taxonomy", &TaxonomyInfo::new(kind, site, build.text));
    ctx.insert(
        "index",
        &IndexView {
            total: list.terms.len(),
            letters: &list.letters,
            groups,
            map_svg_html: if n == 0 { &list.map } else { "" },
            pagination,
        },
    );
    pages.render(
        Page {
            links,
            ..Page::dir(
                PageKind::Taxonomy,
                &build.text.get(kind.title_key()),
                dir.clone(),
            )
        },
        ctx,
        &mut done.diags,
    )?;
    done.pages += 1;
    Ok(())
}

/// What templates see as `taxonomy`.
#[derive(Serialize)]
struct TaxonomyInfo {
    /// `keywords`.
    kind: &'static str,
    /// "Keywords".
    title: String,
    /// "Keyword".
    singular: String,
    path: String,
}

impl TaxonomyInfo {
    fn new(kind: Kind, site: &Site, text: &Text) -> Self {
        Self {
            kind: kind.slug(),
            title: text.get(kind.title_key()),
            singular: text.get(kind.singular_key()),
            path: site.dir_path(&site.taxonomy(kind)),
        }
    }
}

/// The pages of one term's articles, newest first.
fn render_term(build: &Build<'_>, kind: Kind, term: &Spec<'_>, done: &mut Done) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        selection,
        ..
    } = build;
    let per_page = site.per_page();
    let dir = site.term(kind, term.slug);
    let order = &term.newest;
    let path = site.dir_path(&dir);
    let feed_path = if kind.has_feeds() {
        site.file_path(&site.term_feed(kind, term.slug))
    } else {
        String::new()
    };
    let term_view = TermView {
        name: term.name,
        url: site.absolute(&path),
        path,
        count: term.articles.len(),
        feed_path,
        extra: term.term.extra(archive, site),
    };
    let total = site.term_pages(order.len());
    for (n, chunk) in order.chunks(per_page).enumerate() {
        if !selection.term_page(chunk.iter().map(|&(idx, _)| idx)) {
            continue;
        }
        let articles: Vec<TermEntry<'_>> = chunk
            .iter()
            .map(|&(idx, position)| TermEntry {
                entry: EntryView::new(archive, &archive.articles[idx], site),
                authors_linked: linked_authors(archive, idx, site)
                    .into_iter()
                    .map(|(name, path)| Linked { name, path })
                    .collect(),
                affiliations: position
                    .map(|p| archive.articles[idx].authors[p].affiliations.as_slice()),
            })
            .collect();
        let pagination =
            Pagination::new(|n| site.term_page(kind, term.slug, n), n + 1, total, site);
        let links = (pagination.prev_path.clone(), pagination.next_path.clone());
        let mut ctx = Context::new();
        ctx.insert("taxonomy", &TaxonomyInfo::new(kind, site, build.text));
        ctx.insert("term", &term_view);
        ctx.insert("articles", &articles);
        ctx.insert("pagination", &pagination);
        pages.render(
            Page {
                at: At::Dir(site.term_page(kind, term.slug, n + 1)),
                links,
                ..Page::dir(PageKind::Term, term.name, dir.clone())
            },
            ctx,
            &mut done.diags,
        )?;
        done.pages += 1;
    }
    Ok(())
}

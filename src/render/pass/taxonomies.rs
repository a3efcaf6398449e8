//! Taxonomy pages: an index and paginated term pages for keywords,
//! countries, regions and authors.
//!
//! Every term renders only its own articles, one page of `per_page` at a
//! time, so the work grows with the number of (article, term) pairs. The
//! lists made here serve the term feeds too ([`super::feeds`]).

use std::borrow::Cow;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{Build, Done, Pass};
use crate::diag::Diagnostic;
use crate::model::{Archive, ArticleIdx, Author, Lang, SitePath, Slug};
use crate::render::pages::{At, Page, PageKind, PerArticle};
use crate::render::templates::TERM_ENTRY;
use crate::render::views::EntryView;
use crate::site::{Site, INDEX_PAGE};
use crate::taxonomy::{Kind, Script};
use crate::text::Text;

/// Entries in a term's feed.
pub const TERM_FEED_SIZE: usize = 20;

/// A term of any taxonomy, as the pages of one language need it.
pub struct Spec<'a> {
    /// Its name in the page's language.
    pub name: &'a str,
    /// The language its name is written in, when it is not the page's.
    pub name_lang: Option<&'a str>,
    /// Its address segment.
    pub slug: &'a Slug,
    /// Its articles, in archive order: the taxonomy's own list, borrowed
    /// (an author's is made from their (article, position) pairs).
    pub articles: Cow<'a, [ArticleIdx]>,
    /// Byline position per article (authors only), same order.
    positions: Vec<usize>,
    /// Its articles in [`Archive::newest_first`] order: made once, for its
    /// pages and its feed.
    pub newest: Vec<ArticleIdx>,
    /// The byline position of each of [`Spec::newest`] (authors only, else
    /// empty).
    newest_positions: Vec<usize>,
    note: String,
    sort_key: SortKey,
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
        affiliations: Vec<&'a str>,
    },
}

/// A linked name.
#[derive(Serialize)]
struct LinkView<'a> {
    name: &'a str,
    /// The language the name is written in, when it is not the page's.
    lang: Option<&'a str>,
    path: String,
}

/// A linked name with its number of articles.
#[derive(Serialize)]
struct CountedLink<'a> {
    name: &'a str,
    /// The language the name is written in, when it is not the page's.
    lang: Option<&'a str>,
    path: String,
    count: usize,
}

/// What templates see as `term` on a term's pages.
#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    /// The language the name is written in, when it is not the page's.
    lang: Option<&'a str>,
    path: String,
    url: String,
    count: usize,
    feed_path: String,
    #[serde(flatten)]
    extra: TermExtra<'a>,
}

impl<'a> TermRef<'a> {
    /// What its page shows about it, in the language of `site`.
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
                    let name = tax.region_name(r, site.lang());
                    LinkView {
                        name: name.text,
                        lang: name.lang,
                        path: site.dir_path(&site.term(Kind::Regions, &region.slug)),
                    }
                }),
            },
            TermRef::Region(region) => {
                let mut countries: Vec<(SortKey, CountedLink<'a>)> = region
                    .countries
                    .iter()
                    .map(|&c| {
                        let place = &tax.countries[c];
                        let name = tax.country_name(c, site.lang());
                        (
                            sort_key(name.text, "", site.lang(), tax.several_languages()),
                            CountedLink {
                                name: name.text,
                                lang: name.lang,
                                path: site.dir_path(&site.term(Kind::Countries, &place.slug)),
                                count: place.articles.len(),
                            },
                        )
                    })
                    .collect();
                // The countries by their names on this page; by slug (the
                // English names' order) when a site of one language shows
                // the English names.
                let english =
                    crate::taxonomy::gazetteer::names_language(site.lang().as_str()) == "en";
                if tax.several_languages() || !english {
                    countries.sort_by(|a, b| a.0.cmp(&b.0));
                }
                TermExtra::Region {
                    countries: countries.into_iter().map(|(_, link)| link).collect(),
                }
            }
            TermRef::Author(person) => {
                // The affiliations of the person's latest article.
                let latest = person
                    .articles
                    .last()
                    .map(|&(a, pos)| &archive.articles[a].authors[pos]);
                TermExtra::Author {
                    orcid: person.orcid.as_ref().map(|o| o.as_str()),
                    orcid_url: person.orcid.as_ref().map(|o| o.url()),
                    affiliations: latest.map_or_else(Vec::new, Author::affiliation_names),
                }
            }
        }
    }
}

/// How an index orders its terms: the alphabet first (the page's own
/// before the others), then the name folded for sorting, then as written,
/// then (authors) the given names.
type SortKey = (u8, String, String, String);

/// The sort key of `name` (with `given` names, for authors) on a page in
/// `lang`.
///
/// A site of one language sorts as it always has: names starting with a
/// Latin letter (or a digit) first, then by their lower case. A site of
/// several sorts in the page language's alphabetical order: names in the
/// alphabet `lang` writes first, then Latin or Cyrillic ones, then the
/// rest; within them accents are folded (`Åland` beside `Aland`) and `ё`
/// sorts with `е`, as Russian dictionaries do.
fn sort_key(name: &str, given: &str, lang: &Lang, several: bool) -> SortKey {
    let lower = name.to_lowercase();
    if !several {
        let latin = lower.chars().next().is_some_and(|c| {
            c.is_ascii()
                || deunicode::deunicode_char(c).is_some_and(|d| d.len() == 1)
                    && Script::of_char(c) != Some(Script::Cyrillic)
        });
        return (u8::from(!latin), lower.clone(), lower, given.to_lowercase());
    }
    let own = Script::of_lang(lang).unwrap_or(Script::Latin);
    let rank = match lower.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if !c.is_alphabetic() => 0,
        Some(c) => match Script::of_char(c) {
            Some(script) if script == own => 0,
            Some(_) => 1,
            None => 2,
        },
        None => 0,
    };
    let fold = |text: &str| -> String {
        text.chars()
            .map(|c| match (c, Script::of_char(c)) {
                ('ё', _) => "е".to_string(),
                (c, Some(Script::Latin)) if !c.is_ascii() => {
                    deunicode::deunicode_char(c).map_or_else(|| c.to_string(), str::to_lowercase)
                }
                (c, _) => c.to_string(),
            })
            .collect()
    };
    (rank, fold(&lower), lower, fold(&given.to_lowercase()))
}

/// Every term of taxonomy `kind`, as the pages of `site`'s language need
/// it.
fn specs<'a>(archive: &'a Archive, kind: Kind, site: &Site, text: &Text) -> Vec<Spec<'a>> {
    let tax = &archive.taxonomies;
    let lang = site.lang();
    let several = tax.several_languages();
    match kind {
        Kind::Keywords => tax
            .keywords
            .iter()
            .map(|t| {
                let name = t.name_in(lang);
                Spec {
                    name: name.text,
                    name_lang: name.lang,
                    slug: &t.slug,
                    articles: Cow::Borrowed(&t.articles),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    newest_positions: Vec::new(),
                    note: String::new(),
                    sort_key: sort_key(name.text, "", lang, several),
                    term: TermRef::Keyword(t),
                }
            })
            .collect(),
        Kind::Countries => tax
            .countries
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let name = tax.country_name(i, lang);
                Spec {
                    name: name.text,
                    name_lang: name.lang,
                    slug: &c.slug,
                    articles: Cow::Borrowed(&c.articles),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    newest_positions: Vec::new(),
                    note: c
                        .region
                        .map_or(String::new(), |r| tax.region_name(r, lang).text.to_string()),
                    sort_key: sort_key(name.text, "", lang, several),
                    term: TermRef::Country(c),
                }
            })
            .collect(),
        Kind::Regions => tax
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let name = tax.region_name(i, lang);
                Spec {
                    name: name.text,
                    name_lang: name.lang,
                    slug: &r.slug,
                    articles: Cow::Borrowed(&r.articles),
                    positions: Vec::new(),
                    newest: Vec::new(),
                    newest_positions: Vec::new(),
                    note: text.count("countries-count", r.countries.len()),
                    sort_key: sort_key(name.text, "", lang, several),
                    term: TermRef::Region(r),
                }
            })
            .collect(),
        Kind::Authors => tax
            .authors
            .iter()
            .map(|p| {
                let name = p.name_in(lang);
                let (rank, family, _, given) = sort_key(name.family, name.given, lang, several);
                Spec {
                    name: name.name,
                    name_lang: None,
                    slug: &p.slug,
                    articles: Cow::Owned(p.articles.iter().map(|&(a, _)| a).collect()),
                    positions: p.articles.iter().map(|&(_, pos)| pos).collect(),
                    newest: Vec::new(),
                    newest_positions: Vec::new(),
                    note: p
                        .orcid
                        .as_ref()
                        .map_or(String::new(), |o| o.as_str().to_string()),
                    // Family, then given names (as they always were).
                    sort_key: (rank, family, given, String::new()),
                    term: TermRef::Author(p),
                }
            })
            .collect(),
    }
}

/// One place in the row of numbered page links: a page, or a gap standing
/// for the pages left out between two shown ones (`gap`, with no number).
#[derive(Serialize)]
struct PageLink<'p> {
    number: usize,
    path: &'p str,
    current: bool,
    gap: bool,
}

/// How many pages on each side of the current one the row shows, besides
/// the first and the last.
const PAGE_WINDOW: usize = 2;

/// The page numbers the row of links on page `current` of `total` shows,
/// in order, with 0 for a gap: the first and last pages, and the current
/// one with [`PAGE_WINDOW`] neighbours on each side. A gap never hides a
/// single page (that page is shown instead). The row has at most
/// `2 * PAGE_WINDOW + 5` places, so a term of many pages does not make every one of its pages
/// link to all the others (a keyword on 28,000 of 100,000 articles has 560
/// pages).
fn shown_pages(current: usize, total: usize) -> Vec<usize> {
    let low = current.saturating_sub(PAGE_WINDOW).max(1);
    let high = (current + PAGE_WINDOW).min(total);
    let mut shown = Vec::with_capacity(2 * PAGE_WINDOW + 5);
    let push = |shown: &mut Vec<usize>, n: usize| {
        match shown.last() {
            Some(&last) if last >= n => return,
            // One page left out: show it rather than a gap.
            Some(&last) if last + 2 == n => shown.push(last + 1),
            Some(&last) if last + 2 < n => shown.push(0),
            _ => {}
        }
        shown.push(n);
    };
    if total == 0 {
        return shown;
    }
    push(&mut shown, 1);
    for n in low..=high {
        push(&mut shown, n);
    }
    push(&mut shown, total);
    shown
}

/// Previous/next and numbered page links.
#[derive(Serialize)]
pub struct Pagination<'p> {
    current: usize,
    total: usize,
    prev_path: &'p str,
    next_path: &'p str,
    pages: Vec<PageLink<'p>>,
}

/// The address of every page of a list, whose folders `page` gives (from
/// 1): made once for all its pages, whose rows of links ([`shown_pages`])
/// take theirs from it.
fn page_paths(page: impl Fn(usize) -> SitePath, total: usize, site: &Site) -> Vec<String> {
    (1..=total).map(|n| site.dir_path(&page(n))).collect()
}

impl<'p> Pagination<'p> {
    /// Page `current` of the pages at `paths` (from [`page_paths`]).
    fn new(paths: &'p [String], current: usize) -> Self {
        let total = paths.len();
        let path = |n: usize| paths.get(n - 1).map_or("", String::as_str);
        Self {
            current,
            total,
            prev_path: if current > 1 { path(current - 1) } else { "" },
            next_path: if current < total {
                path(current + 1)
            } else {
                ""
            },
            pages: shown_pages(current, total)
                .into_iter()
                .map(|n| PageLink {
                    number: n,
                    path: if n == 0 { "" } else { path(n) },
                    current: n == current,
                    gap: n == 0,
                })
                .collect(),
        }
    }

    /// The previous and next pages' addresses, as a [`Page`]'s links.
    fn links(&self) -> (String, String) {
        (self.prev_path.to_string(), self.next_path.to_string())
    }
}

#[derive(Serialize)]
struct Linked {
    name: String,
    path: String,
}

/// What `article_entry` gets as `entry` on a term page.
#[derive(Serialize)]
struct TermEntry<'a> {
    #[serde(flatten)]
    entry: EntryView<'a>,
    authors_linked: Vec<Linked>,
    affiliations: Option<Vec<&'a str>>,
    /// How many articles of the archive cite it ([`crate::citations`]).
    cited_by: usize,
    /// The page's language, to mark the interface's words in an entry
    /// in another.
    ui_lang: &'a str,
}

impl<'a> TermEntry<'a> {
    /// Article `idx` listed on a term page of `site`; `position`, its
    /// author's place in the byline on an author's page.
    fn new(archive: &'a Archive, idx: ArticleIdx, position: Option<usize>, site: &'a Site) -> Self {
        TermEntry {
            entry: EntryView::new(archive, &archive.articles[idx], site),
            authors_linked: linked_authors(archive, idx, site)
                .into_iter()
                .map(|(name, path)| Linked { name, path })
                .collect(),
            cited_by: archive.citations.cited_by(idx).count(),
            ui_lang: site.lang().as_str(),
            affiliations: position.map(|p| archive.articles[idx].authors[p].affiliation_names()),
        }
    }
}

/// An article in a term page's `articles`: the entry as HTML and, for a
/// term template other than the built-in one, its fields.
#[derive(Serialize)]
struct Listed<'a, 'h> {
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    fields: Option<TermEntry<'a>>,
    html: &'h str,
}

/// Each author of article `idx`, named as a byline in `site`'s language
/// names them, with the address of their page.
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
            (tax.author_name(a, site.lang()).to_string(), path)
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
    /// The term's articles in [`Archive::newest_first`] order, and their
    /// byline positions in that order (authors only, else empty).
    fn newest_first(archive: &Archive, term: &Spec<'_>) -> (Vec<ArticleIdx>, Vec<usize>) {
        if term.positions.is_empty() {
            let mut order = term.articles.to_vec();
            archive.newest_first_by(&mut order, |&article| article);
            return (order, Vec::new());
        }
        let mut order: Vec<(ArticleIdx, usize)> = term
            .articles
            .iter()
            .copied()
            .zip(term.positions.iter().copied())
            .collect();
        archive.newest_first_by(&mut order, |&(article, _)| article);
        order.into_iter().unzip()
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
        let mut terms = specs(archive, kind, site, text);
        terms.par_iter_mut().for_each(|term| {
            (term.newest, term.newest_positions) = TermList::newest_first(archive, term);
        });
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
    /// Each article's entry on keyword, country and region pages: rendered
    /// by the first page that lists it, printed by every other (an article
    /// is on about ten of them).
    entries: PerArticle,
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
        // How often each article's entry will be printed on the keyword,
        // country and region pages written.
        let per_page = build.site.per_page();
        let listed = jobs.iter().flat_map(|job| {
            let Job::Term { list, term } = *job else {
                return Vec::new();
            };
            if lists[list].kind == Kind::Authors {
                return Vec::new();
            }
            lists[list].terms[term]
                .newest
                .chunks(per_page)
                .filter(|chunk| build.selection.term_page(chunk.iter().copied()))
                .flatten()
                .copied()
                .collect()
        });
        let entries = PerArticle::new(PerArticle::count(build.archive.articles.len(), listed));
        Taxonomies {
            build,
            lists,
            jobs,
            entries,
        }
    }

    /// Article `idx`'s entry on a term page at `current`: `article_entry`
    /// of `macros.html` as [`TERM_ENTRY`] calls it. An author's page
    /// (`position`, the author's place in the byline) shows their
    /// affiliations and leaves their own name unlinked, so its entries are
    /// its own; every other term page shows the same entry, rendered once.
    /// (No author's page is at the address of another kind's term, so
    /// leaving `current` empty there changes nothing.)
    fn entry(
        &self,
        idx: ArticleIdx,
        position: Option<usize>,
        current: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Arc<str> {
        let Build {
            archive,
            site,
            pages,
            ..
        } = self.build;
        let render = |position: Option<usize>, current: &str, diags: &mut Vec<Diagnostic>| {
            let mut ctx = Context::new();
            ctx.insert("entry", &TermEntry::new(archive, idx, position, site));
            ctx.insert("affiliations", &position.is_some());
            ctx.insert("current", current);
            pages.fragment(TERM_ENTRY, &ctx, diags).unwrap_or_default()
        };
        match position {
            Some(_) => Arc::from(render(position, current, diags)),
            None => self.entries.get_or_make(idx, || render(None, "", diags)),
        }
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
                self.render_term(list.kind, &list.terms[term], done)
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
        /// The language the name (and a country's note, its region) is
        /// written in, when it is not the page's.
        lang: Option<&'a str>,
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
        pagination: Pagination<'a>,
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
            lang: term.name_lang,
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
    let paths = page_paths(|n| site.taxonomy_page(kind, n), chunks, site);
    let pagination = Pagination::new(&paths, n + 1);
    let links = pagination.links();
    let mut ctx = Context::new();
    ctx.insert(
        "taxonomy",
        &TaxonomyInfo::new(kind, build.archive, site, build.text),
    );
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
    /// The language every term name of the page is written in, when it is
    /// not the page's and the page marks its lists as a whole: the English
    /// country and region names of a site of one language other than
    /// English. Empty otherwise (names in another language are marked one
    /// by one).
    names_lang: &'static str,
}

impl TaxonomyInfo {
    fn new(kind: Kind, archive: &Archive, site: &Site, text: &Text) -> Self {
        let places = matches!(kind, Kind::Countries | Kind::Regions);
        Self {
            kind: kind.slug(),
            title: text.get(kind.title_key()),
            singular: text.get(kind.singular_key()),
            path: site.dir_path(&site.taxonomy(kind)),
            names_lang: archive
                .taxonomies
                .place_names_lang(site.lang())
                .filter(|_| places)
                .unwrap_or(""),
        }
    }
}

impl Taxonomies<'_> {
    /// The pages of one term's articles, newest first.
    fn render_term(&self, kind: Kind, term: &Spec<'_>, done: &mut Done) -> Result<()> {
        let build = self.build;
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
            lang: term.name_lang,
            url: site.absolute(&path),
            path,
            count: term.articles.len(),
            feed_path,
            extra: term.term.extra(archive, site),
        };
        // The built-in template prints each entry's HTML; another may read
        // the entry's fields.
        let fields = !pages.built_in(PageKind::Term);
        let paths = page_paths(
            |n| site.term_page(kind, term.slug, n),
            site.term_pages(order.len()),
            site,
        );
        for (n, chunk) in order.chunks(per_page).enumerate() {
            if !selection.term_page(chunk.iter().copied()) {
                continue;
            }
            let first = n * per_page;
            let listed: Vec<(ArticleIdx, Option<usize>)> = chunk
                .iter()
                .enumerate()
                .map(|(i, &idx)| (idx, term.newest_positions.get(first + i).copied()))
                .collect();
            let html: Vec<Arc<str>> = listed
                .iter()
                .map(|&(idx, position)| self.entry(idx, position, &term_view.path, &mut done.diags))
                .collect();
            let articles: Vec<Listed<'_, '_>> = listed
                .iter()
                .zip(&html)
                .map(|(&(idx, position), html)| Listed {
                    fields: fields.then(|| TermEntry::new(archive, idx, position, site)),
                    html,
                })
                .collect();
            let pagination = Pagination::new(&paths, n + 1);
            let links = pagination.links();
            let mut ctx = Context::new();
            ctx.insert(
                "taxonomy",
                &TaxonomyInfo::new(kind, build.archive, site, build.text),
            );
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_rows_show_the_ends_and_the_neighbours_with_gaps_between() {
        // Short lists show every page.
        assert_eq!(shown_pages(1, 1), vec![1]);
        assert_eq!(shown_pages(4, 7), (1..=7).collect::<Vec<_>>());
        assert_eq!(shown_pages(1, 5), (1..=5).collect::<Vec<_>>());
        assert_eq!(shown_pages(4, 9), vec![1, 2, 3, 4, 5, 6, 0, 9]);
        // A gap never stands for one page alone.
        assert_eq!(shown_pages(1, 10), vec![1, 2, 3, 0, 10]);
        assert_eq!(shown_pages(5, 10), vec![1, 2, 3, 4, 5, 6, 7, 0, 10]);
        assert_eq!(shown_pages(6, 10), vec![1, 0, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(
            shown_pages(280, 560),
            vec![1, 0, 278, 279, 280, 281, 282, 0, 560]
        );
        assert_eq!(shown_pages(560, 560), vec![1, 0, 558, 559, 560]);
        // Every page is reachable: each shown page links on to the pages
        // around it, so a reader steps from any page to any other.
        for total in 1..40 {
            for current in 1..=total {
                let row = shown_pages(current, total);
                assert!(
                    row.len() <= 2 * PAGE_WINDOW + 5,
                    "{current}/{total}: {row:?}"
                );
                assert_eq!(row.first(), Some(&1));
                assert_eq!(row.last(), Some(&total));
                assert!(row.contains(&current));
                let numbers: Vec<usize> = row.iter().copied().filter(|&n| n > 0).collect();
                assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{row:?}");
                for w in row.windows(2) {
                    assert!(!(w[0] == 0 && w[1] == 0), "{row:?}");
                }
                for (i, _) in row.iter().enumerate().filter(|(_, &n)| n == 0) {
                    assert!(row[i + 1] - row[i - 1] > 2, "a gap hides one page: {row:?}");
                }
            }
        }
    }

    fn sorted(names: &[&str], lang: &str, several: bool) -> Vec<String> {
        let lang: Lang = lang.parse().unwrap();
        let mut names: Vec<&str> = names.to_vec();
        names.sort_by_key(|n| sort_key(n, "", &lang, several));
        names.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn indexes_sort_in_the_page_language_alphabet() {
        let names = [
            "Ёлки",
            "Åland",
            "Zimbabwe",
            "Армения",
            "Ель",
            "Azerbaijan",
            "2020",
        ];
        assert_eq!(
            sorted(&names, "ru", true),
            [
                "2020",
                "Армения",
                "Ёлки",
                "Ель",
                "Åland",
                "Azerbaijan",
                "Zimbabwe"
            ]
        );
        assert_eq!(
            sorted(&names, "en", true),
            [
                "2020",
                "Åland",
                "Azerbaijan",
                "Zimbabwe",
                "Армения",
                "Ёлки",
                "Ель"
            ]
        );
        // A site of one language: Latin first, by code point, as before.
        assert_eq!(
            sorted(&names, "ru", false),
            [
                "2020",
                "Azerbaijan",
                "Zimbabwe",
                "Åland",
                "Армения",
                "Ель",
                "Ёлки"
            ]
        );
    }
}

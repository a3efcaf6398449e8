//! Taxonomies: keywords, countries, regions and authors, and related articles.
//!
//! Built once from the assembled articles. Every list is made in one pass
//! over the (article, term) pairs, so the cost grows with the number of
//! pairs, never with terms times articles; term pages later render only
//! their own articles.

pub mod authors;
pub mod gazetteer;
pub mod keywords;
pub mod kind;
pub mod related;
pub mod synonyms;

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{Article, ArticleIdx, Slug};

pub use authors::Person;
pub use gazetteer::Gazetteer;
pub use kind::Kind;
pub use synonyms::Synonyms;

/// A keyword with its articles.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name shown: the spelling most articles use, or the canonical form.
    pub name: String,
    /// The last segment of its address.
    pub slug: Slug,
    /// Its articles, in archive order.
    pub articles: Vec<ArticleIdx>,
    /// The description from `content/_keywords.yaml`.
    pub description: Option<String>,
}

/// A country with its articles.
#[derive(Debug, Clone)]
pub struct Place {
    /// ISO 3166-1 alpha-2 code.
    pub code: &'static str,
    /// ISO 3166-1 numeric code, for the map.
    pub numeric: u16,
    /// CLDR English name.
    pub name: &'static str,
    /// The last segment of its address.
    pub slug: Slug,
    /// Its UN M49 sub-region, as an index into [`Taxonomies::regions`].
    pub region: Option<usize>,
    /// Its articles, in archive order.
    pub articles: Vec<ArticleIdx>,
}

/// A UN M49 sub-region with its countries and articles.
#[derive(Debug, Clone)]
pub struct Region {
    /// The M49 code, `143`.
    pub code: &'static str,
    /// The English name, `Central Asia`.
    pub name: &'static str,
    /// The last segment of its address.
    pub slug: Slug,
    /// Its countries that have articles, as indices into [`Taxonomies::countries`].
    pub countries: Vec<usize>,
    /// Its articles (through a country or by name), in archive order.
    pub articles: Vec<ArticleIdx>,
}

/// Every taxonomy of the archive.
#[derive(Debug, Default)]
pub struct Taxonomies {
    /// Keywords, in order of first use.
    pub keywords: Vec<Term>,
    /// Countries with articles, by name.
    pub countries: Vec<Place>,
    /// Regions with articles, by name.
    pub regions: Vec<Region>,
    /// People, in order of first article.
    pub authors: Vec<Person>,
    /// Per article: its keywords' indices, in its own order.
    pub article_keywords: Vec<Vec<usize>>,
    /// Per article: its countries' indices.
    pub article_countries: Vec<Vec<usize>>,
    /// Per article: its regions' indices.
    pub article_regions: Vec<Vec<usize>>,
    /// Per article: its authors' indices, in byline order.
    pub article_authors: Vec<Vec<usize>>,
    /// Per article: up to five related articles, most related first.
    pub related: Vec<Vec<ArticleIdx>>,
}

impl Taxonomies {
    /// How many terms taxonomy `kind` has.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Keywords => self.keywords.len(),
            Kind::Countries => self.countries.len(),
            Kind::Regions => self.regions.len(),
            Kind::Authors => self.authors.len(),
        }
    }

    /// Every term article `idx` is listed under, with its taxonomy, in
    /// taxonomy order.
    pub fn terms_of(&self, idx: ArticleIdx) -> Vec<(Kind, &Slug)> {
        let mut terms = Vec::new();
        let of = |lists: &[Vec<usize>]| lists.get(idx).cloned().unwrap_or_default();
        for kind in Kind::ALL {
            match kind {
                Kind::Keywords => terms.extend(
                    of(&self.article_keywords)
                        .into_iter()
                        .map(|t| (kind, &self.keywords[t].slug)),
                ),
                Kind::Countries => terms.extend(
                    of(&self.article_countries)
                        .into_iter()
                        .map(|t| (kind, &self.countries[t].slug)),
                ),
                Kind::Regions => terms.extend(
                    of(&self.article_regions)
                        .into_iter()
                        .map(|t| (kind, &self.regions[t].slug)),
                ),
                Kind::Authors => terms.extend(
                    of(&self.article_authors)
                        .into_iter()
                        .map(|t| (kind, &self.authors[t].slug)),
                ),
            }
        }
        terms
    }
}

/// Whether two readings of one article give the taxonomies the same input:
/// its keywords, countries, regions and the names and ORCIDs its authors are
/// grouped by. If not, the taxonomies (and related articles) must be built
/// anew; `quire serve` asks this before a partial rebuild.
pub fn same_terms(old: &Article, new: &Article) -> bool {
    fn people(a: &Article) -> Vec<(&str, &str, &str, Option<&str>)> {
        a.authors
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.family.as_str(),
                    p.given.as_str(),
                    p.orcid.as_ref().map(|o| o.as_str()),
                )
            })
            .collect()
    }
    old.keywords == new.keywords
        && old.countries == new.countries
        && old.regions == new.regions
        && people(old) == people(new)
}

/// How many related articles an article page shows.
pub const RELATED: usize = 5;

/// Builds every taxonomy of `articles` (in archive order).
pub fn build(articles: &[Article], synonyms: &Synonyms, diags: &mut Vec<Diagnostic>) -> Taxonomies {
    let (keywords, article_keywords) = keywords::build(articles, synonyms, diags);
    let (authors, article_authors) = authors::build(articles);
    let (countries, regions, article_countries, article_regions) = places(articles);
    let related = related::build(
        articles.len(),
        &article_keywords,
        &article_countries,
        keywords.len(),
        countries.len(),
        RELATED,
    );
    Taxonomies {
        keywords,
        countries,
        regions,
        authors,
        article_keywords,
        article_countries,
        article_regions,
        article_authors,
        related,
    }
}

type PlaceLists = (Vec<Place>, Vec<Region>, Vec<Vec<usize>>, Vec<Vec<usize>>);

/// Countries and regions from each article's resolved codes.
fn places(articles: &[Article]) -> PlaceLists {
    let gazetteer = Gazetteer::get();
    let mut country_articles: HashMap<&'static str, Vec<ArticleIdx>> = HashMap::new();
    let mut region_articles: HashMap<&'static str, Vec<ArticleIdx>> = HashMap::new();
    for (idx, article) in articles.iter().enumerate() {
        for &code in &article.countries {
            country_articles.entry(code).or_default().push(idx);
        }
        for &code in &article.regions {
            region_articles.entry(code).or_default().push(idx);
        }
    }
    let mut countries: Vec<Place> = country_articles
        .into_iter()
        .filter_map(|(code, articles)| {
            let country = gazetteer.by_code(code)?;
            Some(Place {
                code: country.alpha2,
                numeric: country.numeric,
                name: country.name,
                slug: Slug::from_text(country.name).unwrap_or_else(|| {
                    Slug::from_text(country.alpha2).expect("a code makes a slug")
                }),
                region: None,
                articles,
            })
        })
        .collect();
    countries.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut regions: Vec<Region> = region_articles
        .into_iter()
        .filter_map(|(code, articles)| {
            let region = gazetteer.region_by_code(code)?;
            Some(Region {
                code: region.code,
                name: region.name,
                slug: Slug::from_text(region.name)?,
                countries: Vec::new(),
                articles,
            })
        })
        .collect();
    regions.sort_by(|a, b| a.slug.cmp(&b.slug));
    let region_index: HashMap<&str, usize> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code, i))
        .collect();
    for (i, place) in countries.iter_mut().enumerate() {
        let region = gazetteer
            .by_code(place.code)
            .and_then(|c| c.region.as_ref())
            .map(|r| r.code);
        place.region = region.and_then(|code| region_index.get(code).copied());
        if let Some(r) = place.region {
            regions[r].countries.push(i);
        }
    }
    let country_index: HashMap<&str, usize> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code, i))
        .collect();
    let article_countries = articles
        .iter()
        .map(|a| {
            a.countries
                .iter()
                .filter_map(|c| country_index.get(c).copied())
                .collect()
        })
        .collect();
    let article_regions = articles
        .iter()
        .map(|a| {
            a.regions
                .iter()
                .filter_map(|r| region_index.get(r).copied())
                .collect()
        })
        .collect();
    (countries, regions, article_countries, article_regions)
}

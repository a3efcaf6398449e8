//! Taxonomies: keywords, countries, regions and authors, and related articles.
//!
//! Built once from the assembled articles. Every list is made in one pass
//! over the (article, term) pairs, so the cost grows with the number of
//! pairs, never with terms times articles; term pages later render only
//! their own articles.
//!
//! On a site of several interface languages every term has a name in each
//! ([`Taxonomies::keyword_name`], [`Taxonomies::country_name`],
//! [`Taxonomies::region_name`], [`Taxonomies::person_name`],
//! [`Taxonomies::author_name`]) and one slug that every tree shares; on a
//! site of one language those give the names it has always shown.

pub mod authors;
pub mod gazetteer;
pub mod keywords;
pub mod kind;
pub mod related;
pub mod script;
pub mod synonyms;

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::model::{Article, ArticleIdx, Author, Lang, Slug};

pub use authors::{NameParts, Person, PersonName};
pub use gazetteer::Gazetteer;
pub use kind::Kind;
pub use script::Script;
pub use synonyms::Synonyms;

/// A name as a page prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<'a> {
    /// The name.
    pub text: &'a str,
    /// The language it is written in, when that is not the page's: the
    /// page marks it with `lang`.
    pub lang: Option<&'a str>,
}

/// A keyword with its articles.
#[derive(Debug, Clone)]
pub struct Term {
    /// The default name: on a site of one language the spelling most
    /// articles use, or the canonical form; on a site of several, the
    /// name in the default language, else in the first language that has
    /// one (see `keywords`).
    pub name: String,
    /// The language [`Term::name`] is written in.
    pub name_lang: Lang,
    /// Its name in each interface language that has one, in the order of
    /// `languages:`.
    pub names: Vec<(Lang, String)>,
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
    /// CLDR Russian name.
    pub name_ru: &'static str,
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
    /// The Russian name, `Центральная Азия`.
    pub name_ru: &'static str,
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
    /// The site's interface languages, the default first.
    pub languages: Vec<Lang>,
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

impl Term {
    /// Its name on a page in `lang`: its name in `lang`, else its default
    /// name marked with the language it is written in.
    pub fn name_in(&self, lang: &Lang) -> Name<'_> {
        match self.names.iter().find(|(l, _)| l == lang) {
            Some((_, name)) => Name {
                text: name,
                lang: None,
            },
            None => Name {
                text: &self.name,
                lang: Some(self.name_lang.as_str()),
            },
        }
    }
}

impl Taxonomies {
    /// Whether the site has several interface languages, so names are
    /// chosen per language.
    pub fn several_languages(&self) -> bool {
        self.languages.len() > 1
    }

    /// Keyword `t`'s name on a page in `lang`.
    pub fn keyword_name(&self, t: usize, lang: &Lang) -> Name<'_> {
        self.keywords[t].name_in(lang)
    }

    /// Country `c`'s name on a page in `lang`: the gazetteer's name in
    /// `lang` (Russian or English, marked when English stands for another
    /// language), on a site of one language as of several.
    pub fn country_name(&self, c: usize, lang: &Lang) -> Name<'static> {
        let place = &self.countries[c];
        self.place_name(place.name, place.name_ru, lang)
    }

    /// Region `r`'s name on a page in `lang`, as [`Taxonomies::country_name`].
    pub fn region_name(&self, r: usize, lang: &Lang) -> Name<'static> {
        let region = &self.regions[r];
        self.place_name(region.name, region.name_ru, lang)
    }

    fn place_name(&self, en: &'static str, ru: &'static str, lang: &Lang) -> Name<'static> {
        let written = gazetteer::names_language(lang.as_str());
        Name {
            text: if written == "ru" { ru } else { en },
            lang: (written != lang.as_str()).then_some(written),
        }
    }

    /// The language the gazetteer's names are in on a page in `lang`, when
    /// it has none in `lang` (English stands in): such pages mark their
    /// lists of countries and regions as a whole.
    pub fn place_names_lang(&self, lang: &Lang) -> Option<&'static str> {
        let written = gazetteer::names_language(lang.as_str());
        (written != lang.as_str()).then_some(written)
    }

    /// Person `p`'s name on a page in `lang`, with its parts for sorting.
    pub fn person_name(&self, p: usize, lang: &Lang) -> NameParts<'_> {
        self.authors[p].name_in(lang)
    }

    /// How a byline names `author` on a page in `lang`: by
    /// [`authors::name_in`] on a site of several languages, by `name` on a
    /// site of one.
    pub fn author_name<'a>(&self, author: &'a Author, lang: &Lang) -> &'a str {
        if self.several_languages() {
            authors::name_in(author, lang)
        } else {
            &author.name
        }
    }

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
/// its keywords, their translations (which a site of several languages
/// pairs with them), its language, countries, regions and the names and
/// ORCIDs its authors are grouped by and shown with. If not, the
/// taxonomies (and related articles) must be built anew; `quire serve`
/// asks this before a partial rebuild.
pub fn same_terms(old: &Article, new: &Article) -> bool {
    type PersonKey<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
    fn people(a: &Article) -> Vec<PersonKey<'_>> {
        a.authors
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    p.family.as_str(),
                    p.given.as_str(),
                    p.name_original.as_deref(),
                    p.orcid.as_ref().map(|o| o.as_str()),
                )
            })
            .collect()
    }
    fn translated(a: &Article) -> Vec<(&Lang, &[String])> {
        a.translations
            .iter()
            .map(|t| (&t.lang, t.keywords.as_slice()))
            .collect()
    }
    old.keywords == new.keywords
        && old.language == new.language
        && translated(old) == translated(new)
        && old.countries == new.countries
        && old.regions == new.regions
        && people(old) == people(new)
}

/// `text` in NFC, borrowed when it is already (ASCII text always is):
/// most names and keywords need no copy to be compared.
pub(crate) fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if unicode_normalization::is_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(unicode_normalization::UnicodeNormalization::nfc(text).collect())
    }
}

/// How many related articles an article page shows.
pub const RELATED: usize = 5;

/// Builds every taxonomy of `articles` (in archive order) for a site in
/// `languages` (its interface languages, the default first).
pub fn build(
    articles: &[Article],
    synonyms: &Synonyms,
    languages: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> Taxonomies {
    let (keywords, article_keywords) = keywords::build(articles, synonyms, languages, diags);
    let (authors, article_authors) = authors::build(articles, languages);
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
        languages: languages.to_vec(),
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
                name_ru: country.name_ru,
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
                name_ru: region.name_ru,
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

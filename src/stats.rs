//! The archive at a glance: the figures of the statistics page, counted
//! once from the model.
//!
//! Every figure counts articles but two: the affiliation countries count
//! authors, and the most cited articles count citing articles (both
//! below). An article belongs to the year of its
//! issue (the year the archive page files it under), to its section (or to
//! none), and to every keyword, country and region it names: an article
//! naming two countries counts once in each, so a figure's rows may add up
//! to more than the archive's articles.
//!
//! *Periods.* Keywords and places are also counted per period: five
//! calendar years starting at a year divisible by five (2015–2019,
//! 2020–2024) when the archive spans at most [`FIVE_YEAR_SPAN`] years,
//! whole decades (2000–2009) when it is longer, so that a long archive has
//! at most a dozen periods or so and a short one is not one period. A
//! period without articles is left out, and the first and last are cut to
//! the archive's years (2017–2019, 2020 for an archive of 2017 to 2020).
//!
//! *Top and other.* Countries and regions show the [`TOP`] with most
//! articles, then one row for the rest (how many articles name one of
//! them, with how many places it covers); keywords show the [`TOP`] of each
//! period, without a row for the rest (it would be most articles).
//!
//! Ties are broken by the model's own order (a term's first use, a place's
//! name), so the figures are the same on every build.
//!
//! *Most cited.* The articles with the most citing articles inside the
//! archive ([`crate::citations`]: each citing article once, self-citations
//! left out), the [`TOP`] of them; of equal counts the newest article
//! (latest publication date) comes first, then archive order.
//!
//! *Affiliation countries.* Authors are counted, not articles: each author
//! of each article once in every distinct country of their affiliations
//! (an author with two affiliations in Kazakhstan counts once there; one
//! with affiliations in two countries once in each; the same person in two
//! articles twice). Affiliations written without a country are not
//! counted. The [`TOP`] countries, then one row for the rest (the authors
//! with an affiliation in one of them, each once).

use chrono::NaiveDate;

use crate::model::{Archive, ArticleIdx, Author};

/// How many countries, regions or keywords a figure lists by name.
pub const TOP: usize = 10;

/// The longest archive (in years, first to last) counted in five-year
/// periods; a longer one is counted in decades.
pub const FIVE_YEAR_SPAN: u16 = 30;

/// The figures of the statistics page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Articles in all.
    pub articles: usize,
    /// Per year with articles, oldest first: the year and its articles.
    pub years: Vec<(u16, usize)>,
    /// Per section, in `journal.yaml`'s order then by name: the section
    /// (`None` for articles without one) and its articles; empty when no
    /// article has a section.
    pub sections: Vec<(Option<String>, usize)>,
    /// The periods with articles, oldest first.
    pub periods: Vec<Period>,
    /// Countries, most articles first.
    pub countries: Places,
    /// Regions, most articles first.
    pub regions: Places,
    /// Per period (as [`Figures::periods`]): up to [`TOP`] keywords, as
    /// indices into `Taxonomies::keywords`, with their articles in it, most
    /// first.
    pub keywords: Vec<Vec<(usize, usize)>>,
    /// Up to [`TOP`] articles cited inside the archive, with how many of
    /// its articles cite each, most first; empty when no article of the
    /// archive cites another.
    pub cited: Vec<(ArticleIdx, usize)>,
    /// The authors' affiliation countries.
    pub affiliations: AffiliationCountries,
}

/// The countries of the authors' affiliations, counted in authors of
/// articles (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AffiliationCountries {
    /// Up to [`TOP`] countries (ISO 3166-1 alpha-2 codes), with their
    /// authors, most first; empty when no affiliation has a country.
    pub top: Vec<(&'static str, usize)>,
    /// The rest, when there are more than [`TOP`]: how many countries, and
    /// how many authors have an affiliation in one of them.
    pub other: Option<(usize, usize)>,
}

/// A span of years the page counts keywords and places in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first year.
    pub first: u16,
    /// The last year (the same as `first` for a period of one year).
    pub last: u16,
}

/// The places of one taxonomy (countries or regions) as the page shows
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Places {
    /// Up to [`TOP`] places, as indices into `Taxonomies::countries` or
    /// `regions`, with their articles in all and per period.
    pub top: Vec<PlaceCount>,
    /// The rest, when there are more than [`TOP`]: how many places, and the
    /// articles naming one of them in all and per period.
    pub other: Option<(usize, PlaceCount)>,
}

/// A place's articles, in all and per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceCount {
    /// The place's index (unused for the rest).
    pub place: usize,
    /// Its articles.
    pub total: usize,
    /// Its articles per period, as [`Figures::periods`].
    pub per_period: Vec<usize>,
}

impl Figures {
    /// Counts every figure of `archive`: one pass over its articles and
    /// their terms.
    pub fn count(archive: &Archive) -> Figures {
        let tax = &archive.taxonomies;
        let years_of: Vec<u16> = archive.articles.iter().map(|a| a.issue.year).collect();
        let mut years: Vec<(u16, usize)> = Vec::new();
        let mut sorted = years_of.clone();
        sorted.sort_unstable();
        for year in sorted {
            match years.last_mut() {
                Some((y, n)) if *y == year => *n += 1,
                _ => years.push((year, 1)),
            }
        }
        let periods = periods(&years);
        let period_of = |year: u16| {
            periods
                .iter()
                .position(|p| p.first <= year && year <= p.last)
        };

        let mut sections: Vec<(Option<String>, usize)> = archive
            .config
            .sections
            .iter()
            .map(|s| (Some(s.name.clone()), 0))
            .collect();
        for article in &archive.articles {
            match sections.iter_mut().find(|(s, _)| *s == article.section) {
                Some((_, n)) => *n += 1,
                None => sections.push((article.section.clone(), 1)),
            }
        }
        let named = archive.config.sections.len();
        sections[named..].sort_by(|a, b| match (&a.0, &b.0) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) => x.cmp(y),
        });
        sections.retain(|(_, n)| *n > 0);
        // No section at all is no figure.
        if sections.iter().all(|(s, _)| s.is_none()) {
            sections.clear();
        }

        let mut keyword_counts = vec![Vec::<usize>::new(); periods.len()];
        for (a, terms) in tax.article_keywords.iter().enumerate() {
            let Some(p) = years_of.get(a).and_then(|&y| period_of(y)) else {
                continue;
            };
            let counts = &mut keyword_counts[p];
            for &k in terms {
                if counts.len() <= k {
                    counts.resize(k + 1, 0);
                }
                counts[k] += 1;
            }
        }
        let keywords = keyword_counts
            .into_iter()
            .map(|counts| {
                let mut used: Vec<(usize, usize)> = counts
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, n)| n > 0)
                    .collect();
                used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                used.truncate(TOP);
                used
            })
            .collect();

        let place_years = |articles: &[Vec<usize>], places: usize| {
            let mut per = vec![vec![0usize; periods.len()]; places];
            for (a, named) in articles.iter().enumerate() {
                let Some(p) = years_of.get(a).and_then(|&y| period_of(y)) else {
                    continue;
                };
                for (i, &c) in named.iter().enumerate() {
                    // An article's two countries may share a region.
                    if named[..i].contains(&c) {
                        continue;
                    }
                    if let Some(row) = per.get_mut(c) {
                        row[p] += 1;
                    }
                }
            }
            top_places(per, articles, &years_of, period_of)
        };
        let countries = place_years(&tax.article_countries, tax.countries.len());
        let regions = place_years(&tax.article_regions, tax.regions.len());

        Figures {
            cited: most_cited(
                (0..archive.articles.len())
                    .map(|idx| (idx, archive.citations.cited_by(idx).count())),
                |idx| archive.articles[idx].published,
            ),
            affiliations: affiliation_countries(
                archive.articles.iter().flat_map(|article| &article.authors),
            ),
            articles: archive.articles.len(),
            years,
            sections,
            keywords,
            countries,
            regions,
            periods,
        }
    }
}

/// The [`TOP`] articles with the most citing articles, from each
/// article's count of them and its publication date.
fn most_cited(
    counts: impl Iterator<Item = (ArticleIdx, usize)>,
    published: impl Fn(ArticleIdx) -> NaiveDate,
) -> Vec<(ArticleIdx, usize)> {
    let mut cited: Vec<(ArticleIdx, usize)> = counts.filter(|&(_, n)| n > 0).collect();
    cited.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(published(b.0).cmp(&published(a.0)))
            .then(a.0.cmp(&b.0))
    });
    cited.truncate(TOP);
    cited
}

/// The affiliation countries of `authors` (every byline's, article by
/// article): each author once per distinct country.
fn affiliation_countries<'a>(authors: impl Iterator<Item = &'a Author>) -> AffiliationCountries {
    // Each author's distinct countries, in the order written.
    let authors: Vec<Vec<&'static str>> = authors
        .map(|author| {
            let mut countries: Vec<&'static str> = Vec::new();
            for code in author.affiliations.iter().filter_map(|a| a.country) {
                if !countries.contains(&code) {
                    countries.push(code);
                }
            }
            countries
        })
        .filter(|countries| !countries.is_empty())
        .collect();
    // Counted in order of first appearance, which breaks ties.
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for &code in authors.iter().flatten() {
        match counts.iter_mut().find(|(c, _)| *c == code) {
            Some((_, n)) => *n += 1,
            None => counts.push((code, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    if counts.len() <= TOP {
        return AffiliationCountries {
            top: counts,
            other: None,
        };
    }
    let rest: Vec<&'static str> = counts[TOP..].iter().map(|&(c, _)| c).collect();
    let in_rest = authors
        .iter()
        .filter(|countries| countries.iter().any(|c| rest.contains(c)))
        .count();
    counts.truncate(TOP);
    AffiliationCountries {
        top: counts,
        other: Some((rest.len(), in_rest)),
    }
}

/// The periods covering `years` (oldest first, with articles), those with
/// articles only.
fn periods(years: &[(u16, usize)]) -> Vec<Period> {
    let (Some(&(first, _)), Some(&(last, _))) = (years.first(), years.last()) else {
        return Vec::new();
    };
    let length = if last - first < FIVE_YEAR_SPAN { 5 } else { 10 };
    let mut out: Vec<Period> = Vec::new();
    for &(year, _) in years {
        let start = year - year % length;
        match out.last_mut() {
            Some(p) if year <= p.last => {}
            _ => out.push(Period {
                first: start.max(first),
                last: (start + (length - 1)).min(last),
            }),
        }
    }
    out
}

/// The [`TOP`] places with most articles (ties in the model's order) and
/// the rest, from each place's articles per period; `articles` names each
/// article's places, to count the rest's articles once each.
fn top_places(
    per: Vec<Vec<usize>>,
    articles: &[Vec<usize>],
    years_of: &[u16],
    period_of: impl Fn(u16) -> Option<usize>,
) -> Places {
    let periods = per.first().map_or(0, Vec::len);
    let mut all: Vec<PlaceCount> = per
        .into_iter()
        .enumerate()
        .map(|(place, per_period)| PlaceCount {
            place,
            total: per_period.iter().sum(),
            per_period,
        })
        .filter(|c| c.total > 0)
        .collect();
    all.sort_by(|a, b| b.total.cmp(&a.total).then(a.place.cmp(&b.place)));
    if all.len() <= TOP {
        return Places {
            top: all,
            other: None,
        };
    }
    let rest: Vec<bool> = {
        let mut rest = vec![false; all.iter().map(|c| c.place + 1).max().unwrap_or(0)];
        for c in &all[TOP..] {
            rest[c.place] = true;
        }
        rest
    };
    let mut other = PlaceCount {
        place: usize::MAX,
        total: 0,
        per_period: vec![0; periods],
    };
    for (a, named) in articles.iter().enumerate() {
        if named.iter().any(|&c| rest.get(c).copied().unwrap_or(false)) {
            other.total += 1;
            if let Some(p) = years_of.get(a).and_then(|&y| period_of(y)) {
                other.per_period[p] += 1;
            }
        }
    }
    let count = all.len() - TOP;
    all.truncate(TOP);
    Places {
        top: all,
        other: Some((count, other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_archive_is_counted_in_five_years() {
        let p = periods(&[(2017, 3), (2018, 1), (2020, 2)]);
        assert_eq!(
            p,
            [
                Period {
                    first: 2017,
                    last: 2019
                },
                Period {
                    first: 2020,
                    last: 2020
                }
            ]
        );
    }

    #[test]
    fn a_long_archive_is_counted_in_decades() {
        let p = periods(&[(1961, 3), (1999, 1), (2005, 2)]);
        let firsts: Vec<u16> = p.iter().map(|p| p.first).collect();
        assert_eq!(firsts, [1961, 1990, 2000]);
        let lasts: Vec<u16> = p.iter().map(|p| p.last).collect();
        assert_eq!(lasts, [1969, 1999, 2005]);
    }

    #[test]
    fn the_most_cited_come_first_then_the_newest_then_archive_order() {
        let date = |y| NaiveDate::from_ymd_opt(y, 1, 1).expect("a date");
        let years = [2014, 2014, 2016, 2021, 2016];
        let counts = [1, 1, 1, 0, 4].into_iter().enumerate();
        let cited = most_cited(counts, |idx| date(years[idx]));
        assert_eq!(cited, [(4, 4), (2, 1), (0, 1), (1, 1)]);
        let many = (0..15).map(|idx| (idx, 1));
        assert_eq!(most_cited(many, |_| date(2020)).len(), TOP);
    }

    #[test]
    fn affiliation_countries_count_each_author_once_per_country() {
        use crate::model::Affiliation;
        let author = |countries: &[Option<&'static str>]| Author {
            affiliations: countries
                .iter()
                .map(|&country| Affiliation {
                    name: "U".to_string(),
                    country,
                })
                .collect(),
            ..Author::default()
        };
        // Twelve countries: A to L once each, then A once more; one author
        // in K twice (once), one in K and L; authors without a country.
        let codes = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"];
        let mut authors: Vec<Author> = codes.iter().map(|&c| author(&[Some(c)])).collect();
        authors.push(author(&[Some("A"), None]));
        authors.push(author(&[Some("K"), Some("K")]));
        authors.push(author(&[Some("K"), Some("L")]));
        authors.push(author(&[None]));
        authors.push(author(&[]));
        let counted = affiliation_countries(authors.iter());
        // K (3) and A (2) first, then the ones in order of first use.
        assert_eq!(
            counted.top,
            [
                ("K", 3),
                ("A", 2),
                ("L", 2),
                ("B", 1),
                ("C", 1),
                ("D", 1),
                ("E", 1),
                ("F", 1),
                ("G", 1),
                ("H", 1)
            ]
        );
        // I and J: two countries, two authors.
        assert_eq!(counted.other, Some((2, 2)));
        assert_eq!(
            affiliation_countries([author(&[None])].iter()),
            AffiliationCountries::default()
        );
    }

    #[test]
    fn the_rest_counts_each_article_once() {
        // Twelve places; article 0 names places 10 and 11 (the rest).
        let mut articles: Vec<Vec<usize>> = vec![vec![10, 11]];
        for c in 0..10 {
            articles.push(vec![c]);
            articles.push(vec![c]);
        }
        let years = vec![2020u16; articles.len()];
        let mut per = vec![vec![0usize; 1]; 12];
        for named in &articles {
            for &c in named {
                per[c][0] += 1;
            }
        }
        let places = top_places(per, &articles, &years, |_| Some(0));
        assert_eq!(places.top.len(), TOP);
        let (count, other) = places.other.expect("two places left over");
        assert_eq!(count, 2);
        assert_eq!(other.total, 1);
        assert_eq!(other.per_period, [1]);
    }
}

//! Related articles from an inverted index: articles that share the most
//! keywords and countries.
//!
//! For each article, only the articles listed under its own terms are
//! scored (never the whole archive), in a dense score array reused across
//! articles; terms on a very large share of the archive carry little
//! meaning and are skipped, which also bounds the work.

use rayon::prelude::*;

use crate::model::ArticleIdx;

/// A term on more than this many articles says little about relatedness.
const COMMON: usize = 500;

/// Up to `limit` related articles for each of `count` articles.
///
/// A shared keyword scores 2, a shared country 1; ties go to the newer article.
pub fn build(
    count: usize,
    article_keywords: &[Vec<usize>],
    article_countries: &[Vec<usize>],
    keyword_count: usize,
    country_count: usize,
    limit: usize,
) -> Vec<Vec<ArticleIdx>> {
    let postings = |lists: &[Vec<usize>], terms: usize| {
        let mut index: Vec<Vec<ArticleIdx>> = vec![Vec::new(); terms];
        for (article, list) in lists.iter().enumerate() {
            for &t in list {
                index[t].push(article);
            }
        }
        index
    };
    let keyword_index = postings(article_keywords, keyword_count);
    let country_index = postings(article_countries, country_count);
    (0..count)
        .into_par_iter()
        .map_init(
            || (vec![0u32; count], Vec::new(), Vec::new()),
            |(scores, touched, best), article| {
                let mut add = |index: &[Vec<ArticleIdx>], terms: &[usize], weight: u32| {
                    for &t in terms {
                        let list = &index[t];
                        if list.len() > COMMON {
                            continue;
                        }
                        for &other in list {
                            if other != article {
                                if scores[other] == 0 {
                                    touched.push(other);
                                }
                                scores[other] += weight;
                            }
                        }
                    }
                };
                add(&keyword_index, &article_keywords[article], 2);
                add(&country_index, &article_countries[article], 1);
                best.clear();
                best.extend(touched.iter().map(|&o| (scores[o], o)));
                for &o in touched.iter() {
                    scores[o] = 0;
                }
                touched.clear();
                // Most shared first, then the newer: a total order, so the
                // first `limit` are found without sorting the rest.
                let order = |a: &(u32, ArticleIdx), b: &(u32, ArticleIdx)| {
                    b.0.cmp(&a.0).then(b.1.cmp(&a.1))
                };
                if best.len() > limit && limit > 0 {
                    best.select_nth_unstable_by(limit - 1, order);
                }
                best.truncate(limit);
                best.sort_unstable_by(order);
                // A list of its own size: collected from `best`, it would
                // keep the capacity of every candidate (at 10,000 articles,
                // more than a hundred megabytes across the archive).
                let mut related = Vec::with_capacity(best.len());
                related.extend(best.iter().map(|&(_, o)| o));
                related
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_shared_first_then_newest() {
        // Article 0 shares two keywords with 1, one with 2 and 3, a country with 3.
        let keywords = vec![vec![0, 1], vec![0, 1], vec![0], vec![1], vec![2]];
        let countries = vec![vec![0], vec![], vec![], vec![0], vec![]];
        let related = build(5, &keywords, &countries, 3, 1, 5);
        assert_eq!(related[0], vec![1, 3, 2]);
        assert!(related[4].is_empty());
        assert_eq!(related[1], vec![0, 3, 2]);
    }
}

//! Authors: one person per ORCID iD, otherwise per normalised name.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::{Article, ArticleIdx, Orcid, Slug};

/// A person with their articles.
#[derive(Debug, Clone)]
pub struct Person {
    /// The name as shown: the spelling used most, ties going to the latest.
    pub name: String,
    /// Family name of that spelling, for sorting.
    pub family: String,
    /// Given names of that spelling.
    pub given: String,
    /// The ORCID iD, when any of their entries gives one.
    pub orcid: Option<Orcid>,
    /// The last segment of their address.
    pub slug: Slug,
    /// (article, position in its byline), in archive order.
    pub articles: Vec<(ArticleIdx, usize)>,
}

/// The key of a name without an ORCID: NFC, lowercase, white space folded,
/// full stops dropped ("R.M. Bekov" and "R. M. Bekov" are one name).
pub fn name_key(name: &str) -> String {
    let nfc: String = name.nfc().collect::<String>().replace('.', ". ");
    nfc.split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Builds the people of `articles`, and for each article the person of each
/// of its authors in byline order.
pub fn build(articles: &[Article]) -> (Vec<Person>, Vec<Vec<usize>>) {
    // Pass 1: ORCID holders and the names they were written as.
    let mut by_orcid: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (idx, article) in articles.iter().enumerate() {
        for author in &article.authors {
            if let Some(orcid) = &author.orcid {
                let g = *by_orcid.entry(orcid.as_str()).or_insert_with(|| {
                    groups.push(Group::new(Some(orcid.clone())));
                    groups.len() - 1
                });
                groups[g].first.get_or_insert(idx);
            }
        }
    }
    // Names each ORCID holder was written as: a name written for exactly one
    // holder lets entries without an iD join them.
    let mut holders_of_name: HashMap<String, Vec<usize>> = HashMap::new();
    for article in articles {
        for author in &article.authors {
            if let Some(orcid) = &author.orcid {
                let g = by_orcid[orcid.as_str()];
                let list = holders_of_name.entry(name_key(&author.name)).or_default();
                if !list.contains(&g) {
                    list.push(g);
                }
            }
        }
    }
    // Pass 2: every entry to its person.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut per_article = Vec::with_capacity(articles.len());
    for (idx, article) in articles.iter().enumerate() {
        let mut mine = Vec::with_capacity(article.authors.len());
        for (position, author) in article.authors.iter().enumerate() {
            let key = name_key(&author.name);
            let g = match &author.orcid {
                Some(orcid) => by_orcid[orcid.as_str()],
                None => match holders_of_name.get(&key).map(Vec::as_slice) {
                    Some([only]) => *only,
                    _ => *by_name.entry(key).or_insert_with(|| {
                        groups.push(Group::new(None));
                        groups.len() - 1
                    }),
                },
            };
            let group = &mut groups[g];
            group.first.get_or_insert(idx);
            let spelling = group.spellings.entry(author.name.clone()).or_insert((
                0,
                0,
                author.family.clone(),
                author.given.clone(),
            ));
            spelling.0 += 1;
            spelling.1 = idx;
            if group.articles.last().map(|(a, _)| *a) != Some(idx) {
                group.articles.push((idx, position));
            }
            mine.push(g);
        }
        per_article.push(mine);
    }

    // Slugs: family then given names; namesakes numbered in archive order.
    let mut order: Vec<usize> = (0..groups.len())
        .filter(|&g| !groups[g].articles.is_empty())
        .collect();
    order.sort_by_key(|&g| (groups[g].first, g));
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut people: Vec<Option<Person>> = vec![None; groups.len()];
    for g in order {
        let group = &groups[g];
        let (name, family, given) = group.display();
        let base = Slug::from_text(&format!("{family} {given}"))
            .or_else(|| Slug::from_text(&name))
            .unwrap_or_else(|| Slug::from_text("author").expect("a literal slug"));
        let mut slug = base.clone();
        let mut n = 1;
        while taken.contains_key(slug.as_str()) {
            n += 1;
            slug = base.with_suffix(n);
        }
        taken.insert(slug.as_str().to_string(), g);
        people[g] = Some(Person {
            name,
            family,
            given,
            orcid: group.orcid.clone(),
            slug,
            articles: group.articles.clone(),
        });
    }
    // Renumber: people without articles (none in practice) are dropped.
    let mut new_index = vec![usize::MAX; groups.len()];
    let mut out = Vec::new();
    for (g, person) in people.into_iter().enumerate() {
        if let Some(person) = person {
            new_index[g] = out.len();
            out.push(person);
        }
    }
    for mine in &mut per_article {
        for g in mine.iter_mut() {
            *g = new_index[*g];
        }
    }
    (out, per_article)
}

struct Group {
    orcid: Option<Orcid>,
    /// Name -> (uses, latest article, family, given).
    spellings: HashMap<String, (usize, usize, String, String)>,
    articles: Vec<(ArticleIdx, usize)>,
    first: Option<usize>,
}

impl Group {
    fn new(orcid: Option<Orcid>) -> Self {
        Self {
            orcid,
            spellings: HashMap::new(),
            articles: Vec::new(),
            first: None,
        }
    }

    /// The spelling used most; ties go to the most recent.
    fn display(&self) -> (String, String, String) {
        self.spellings
            .iter()
            .max_by(|a, b| {
                a.1 .0
                    .cmp(&b.1 .0)
                    .then(a.1 .1.cmp(&b.1 .1))
                    .then(b.0.cmp(a.0))
            })
            .map(|(name, (_, _, family, given))| (name.clone(), family.clone(), given.clone()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        assert_eq!(name_key("R.M. Bekov"), name_key("R. M. Bekov"));
        assert_eq!(name_key("Evgeniya  V. Makhmutova"), "evgeniya v makhmutova");
    }
}

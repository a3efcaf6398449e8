//! Authors: one person per ORCID iD, otherwise per normalised name.
//!
//! On a site of several interface languages an author is shown, in each
//! language, by whichever of `name` and `name_original` is written in the
//! alphabet that language writes ([`name_in`]): `Evgeniya V. Makhmutova`
//! on English pages, `Евгения В. Махмутова` on Russian ones.

use std::collections::HashMap;

use super::script::Script;
use crate::model::{Article, ArticleIdx, Author, Lang, Orcid, Slug};

/// A person with their articles.
#[derive(Debug, Clone)]
pub struct Person {
    /// The name as shown: the spelling used most, ties going to the latest.
    pub name: String,
    /// Family name of that spelling, for sorting.
    pub family: String,
    /// Given names of that spelling.
    pub given: String,
    /// On a site of several languages, the name in each (by [`name_in`],
    /// the spelling used most, ties going to the latest); empty otherwise.
    pub names: Vec<(Lang, PersonName)>,
    /// The ORCID iD, when any of their entries gives one.
    pub orcid: Option<Orcid>,
    /// The last segment of their address.
    pub slug: Slug,
    /// (article, position in its byline), in archive order.
    pub articles: Vec<(ArticleIdx, usize)>,
}

/// A name with its parts, as one language's pages show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonName {
    /// The whole name.
    pub name: String,
    /// The family name, for sorting.
    pub family: String,
    /// The given names.
    pub given: String,
}

impl Person {
    /// Their name on a page in `lang`: the name in `lang` on a site of
    /// several languages, else the name shown everywhere.
    pub fn name_in(&self, lang: &Lang) -> NameParts<'_> {
        match self.names.iter().find(|(l, _)| l == lang) {
            Some((_, n)) => NameParts {
                name: &n.name,
                family: &n.family,
                given: &n.given,
            },
            None => NameParts {
                name: &self.name,
                family: &self.family,
                given: &self.given,
            },
        }
    }
}

/// A name and its parts, borrowed: what [`Person::name_in`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// The whole name.
    pub name: &'a str,
    /// The family name, for sorting.
    pub family: &'a str,
    /// The given names.
    pub given: &'a str,
}

/// The name of `author` on a page in `lang`: `name` when it is written in
/// the alphabet `lang` writes ([`Script::of_lang`]), else `name_original`
/// when that is, else `name`.
pub fn name_in<'a>(author: &'a Author, lang: &Lang) -> &'a str {
    original_in(author, lang).unwrap_or(&author.name)
}

/// `name_original`, when [`name_in`] chooses it.
fn original_in<'a>(author: &'a Author, lang: &Lang) -> Option<&'a str> {
    let script = Script::of_lang(lang)?;
    if Script::of_text(&author.name) == Some(script) {
        return None;
    }
    author
        .name_original
        .as_deref()
        .filter(|original| Script::of_text(original) == Some(script))
}

/// [`name_in`] with its family and given names: `family` and `given` for
/// `name`; for `name_original`, the word whose slug is the family name's
/// (`Махмутова` for `Makhmutova`), else the word at the family name's
/// place in `name` (first or last), the rest being the given names.
pub fn name_parts_in(author: &Author, lang: &Lang) -> PersonName {
    let Some(name) = original_in(author, lang) else {
        return PersonName {
            name: author.name.clone(),
            family: author.family.clone(),
            given: author.given.clone(),
        };
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let family_slug = Slug::from_text(&author.family);
    let by_slug = words
        .iter()
        .position(|w| family_slug.is_some() && Slug::from_text(w) == family_slug);
    let family_first = author
        .name
        .split_whitespace()
        .next()
        .is_some_and(|w| w == author.family)
        && !author.name.trim().ends_with(author.family.as_str());
    let at = by_slug.unwrap_or(if family_first {
        0
    } else {
        words.len().saturating_sub(1)
    });
    let family = words.get(at).copied().unwrap_or(name).to_string();
    let given = words
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    PersonName {
        name: name.to_string(),
        family,
        given,
    }
}

/// The key of a name without an ORCID: NFC, lowercase, white space folded,
/// full stops dropped ("R.M. Bekov" and "R. M. Bekov" are one name).
pub fn name_key(name: &str) -> String {
    let nfc: String = super::nfc(name).replace('.', ". ");
    nfc.split_whitespace()
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Builds the people of `articles`, and for each article the person of each
/// of its authors in byline order. With several interface `languages`,
/// each person also gets a name in each.
pub fn build(articles: &[Article], languages: &[Lang]) -> (Vec<Person>, Vec<Vec<usize>>) {
    let several = languages.len() > 1;
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
            if several {
                group.by_lang.resize_with(languages.len(), HashMap::new);
                for (l, lang) in languages.iter().enumerate() {
                    let parts = name_parts_in(author, lang);
                    let spelling = group.by_lang[l].entry(parts.name.clone()).or_insert((
                        0,
                        0,
                        parts.family,
                        parts.given,
                    ));
                    spelling.0 += 1;
                    spelling.1 = idx;
                }
            }
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
        let (name, family, given) = display(&group.spellings);
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
            names: languages
                .iter()
                .zip(&group.by_lang)
                .map(|(lang, spellings)| {
                    let (name, family, given) = display(spellings);
                    (
                        lang.clone(),
                        PersonName {
                            name,
                            family,
                            given,
                        },
                    )
                })
                .collect(),
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

/// Name -> (uses, latest article, family, given).
type Spellings = HashMap<String, (usize, usize, String, String)>;

struct Group {
    orcid: Option<Orcid>,
    spellings: Spellings,
    /// The same per interface language, by [`name_in`] (several only).
    by_lang: Vec<Spellings>,
    articles: Vec<(ArticleIdx, usize)>,
    first: Option<usize>,
}

impl Group {
    fn new(orcid: Option<Orcid>) -> Self {
        Self {
            orcid,
            spellings: HashMap::new(),
            by_lang: Vec::new(),
            articles: Vec::new(),
            first: None,
        }
    }
}

/// The spelling used most; ties go to the most recent.
fn display(spellings: &Spellings) -> (String, String, String) {
    spellings
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

#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str, family: &str, given: &str, original: Option<&str>) -> Author {
        Author {
            name: name.into(),
            family: family.into(),
            given: given.into(),
            name_original: original.map(str::to_string),
            ..Author::default()
        }
    }

    #[test]
    fn a_name_in_the_alphabet_of_the_page() {
        let (ru, en, ka): (Lang, Lang, Lang) = (
            "ru".parse().unwrap(),
            "en".parse().unwrap(),
            "ka".parse().unwrap(),
        );
        let both = author(
            "Evgeniya V. Makhmutova",
            "Makhmutova",
            "Evgeniya V.",
            Some("Евгения Викторовна Махмутова"),
        );
        assert_eq!(name_in(&both, &en), "Evgeniya V. Makhmutova");
        assert_eq!(name_in(&both, &ru), "Евгения Викторовна Махмутова");
        // A language of another alphabet gets `name`.
        assert_eq!(name_in(&both, &ka), "Evgeniya V. Makhmutova");
        let one = author("Иван И. Петров", "Петров", "Иван И.", None);
        assert_eq!(name_in(&one, &en), "Иван И. Петров");
        let reversed = author(
            "Иван И. Петров",
            "Петров",
            "Иван И.",
            Some("Ivan I. Petrov"),
        );
        assert_eq!(name_in(&reversed, &en), "Ivan I. Petrov");
        assert_eq!(name_in(&reversed, &ru), "Иван И. Петров");
    }

    #[test]
    fn family_names_of_the_original() {
        let ru: Lang = "ru".parse().unwrap();
        // The word that transliterates to the family name.
        let parts = name_parts_in(
            &author(
                "Evgeniya V. Makhmutova",
                "Makhmutova",
                "Evgeniya V.",
                Some("Махмутова Евгения Викторовна"),
            ),
            &ru,
        );
        assert_eq!(
            (parts.family.as_str(), parts.given.as_str()),
            ("Махмутова", "Евгения Викторовна")
        );
        // Another romanisation: the family name's place in `name`.
        let parts = name_parts_in(
            &author("Chzhan Vei", "Chzhan", "Vei", Some("Чжан Вэй")),
            &ru,
        );
        assert_eq!(parts.family, "Чжан");
        let parts = name_parts_in(
            &author(
                "Yulia Tymoshenko",
                "Tymoshenko",
                "Yulia",
                Some("Юлия Тимошенко"),
            ),
            &ru,
        );
        assert_eq!(
            (parts.family.as_str(), parts.given.as_str()),
            ("Тимошенко", "Юлия")
        );
    }

    #[test]
    fn name_keys() {
        assert_eq!(name_key("R.M. Bekov"), name_key("R. M. Bekov"));
        assert_eq!(name_key("Evgeniya  V. Makhmutova"), "evgeniya v makhmutova");
    }
}

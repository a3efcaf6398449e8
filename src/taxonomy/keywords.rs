//! Keyword terms: spellings merged, synonyms applied, translations paired,
//! slugs kept apart.
//!
//! A site of one language works as it always has: a term is a keyword's
//! normalised form (or the entry it is a synonym of), named by its most
//! used spelling. On a site of several interface languages an article's
//! translated keyword list pairs with its own by position, and each pair
//! joins its two spellings into one term (a union of terms: the English
//! article's "integration" and the Russian article's "интеграция" paired
//! with "integration" are one term). A term then has a name in each
//! interface language, and one slug that both trees share.

use std::collections::HashMap;

use crate::diag::{Code, Diagnostic, Span};
use crate::model::{Article, ArticleIdx, Lang, Slug};

use super::script::Script;
use super::synonyms::Synonyms;
use super::Term;

/// The form two spellings of one keyword share: NFC, lowercase, runs of
/// white space folded to one space, trimmed.
pub fn term_key(text: &str) -> String {
    let nfc = super::nfc(text);
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A keyword as written, white space folded and in NFC: the spelling a
/// name is chosen from.
fn spelling(keyword: &str) -> String {
    let folded = keyword.split_whitespace().collect::<Vec<_>>().join(" ");
    super::nfc(&folded).into_owned()
}

/// One normalised keyword (after synonyms), with what was written for it.
struct Node {
    key: String,
    /// The entry's spelling when the occurrence that made the node was a
    /// synonym.
    canonical: Option<String>,
    /// Where it was first written as an article's own keyword.
    first_span: Option<Span>,
    /// (spelling, language) -> (uses, first use in reading order).
    spellings: HashMap<(String, usize), (usize, usize)>,
}

/// Keyword nodes joined into terms.
struct Nodes<'s> {
    synonyms: &'s Synonyms,
    index: HashMap<String, usize>,
    nodes: Vec<Node>,
    /// Union-find: each node's parent; a root is the earliest node of its
    /// term, so terms keep the order of first use.
    parent: Vec<usize>,
    /// Every language a spelling was written in, by number.
    langs: Vec<Lang>,
    uses: usize,
}

impl<'s> Nodes<'s> {
    fn new(synonyms: &'s Synonyms, languages: &[Lang]) -> Self {
        Nodes {
            synonyms,
            index: HashMap::new(),
            nodes: Vec::new(),
            parent: Vec::new(),
            langs: languages.to_vec(),
            uses: 0,
        }
    }

    fn lang_id(&mut self, lang: &Lang) -> usize {
        match self.langs.iter().position(|l| l == lang) {
            Some(i) => i,
            None => {
                self.langs.push(lang.clone());
                self.langs.len() - 1
            }
        }
    }

    /// Records `keyword` written in `lang`; its node, or `None` for a
    /// keyword with no text.
    fn add(&mut self, keyword: &str, lang: &Lang, span: Option<&Span>) -> Option<usize> {
        let raw_key = term_key(keyword);
        if raw_key.is_empty() {
            return None;
        }
        let (key, canonical) = match self.synonyms.canonical(&raw_key) {
            Some(canonical) => (term_key(canonical), Some(canonical.to_string())),
            None => (raw_key, None),
        };
        let n = match self.index.get(&key) {
            Some(&n) => n,
            None => {
                self.nodes.push(Node {
                    key: key.clone(),
                    canonical,
                    first_span: span.cloned(),
                    spellings: HashMap::new(),
                });
                self.parent.push(self.nodes.len() - 1);
                self.index.insert(key, self.nodes.len() - 1);
                self.nodes.len() - 1
            }
        };
        if self.nodes[n].first_span.is_none() {
            self.nodes[n].first_span = span.cloned();
        }
        let lang = self.lang_id(lang);
        let uses = self.uses;
        self.nodes[n]
            .spellings
            .entry((spelling(keyword), lang))
            .or_insert((0, uses))
            .0 += 1;
        self.uses += 1;
        Some(n)
    }

    fn find(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    /// Makes `a` and `b` one term, the earlier node its root.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (root, child) = if a < b { (a, b) } else { (b, a) };
            self.parent[child] = root;
        }
    }
}

/// A term being made: its nodes, articles and spellings.
struct Draft {
    /// Its nodes, earliest first.
    members: Vec<usize>,
    articles: Vec<ArticleIdx>,
    /// (spelling, language) -> (uses, first use), over its nodes.
    spellings: HashMap<(String, usize), (usize, usize)>,
}

/// Builds the keyword terms of `articles` (in archive order), and for each
/// article the indices of its terms in the order it lists them.
/// `languages` are the site's interface languages, the default first.
pub fn build(
    articles: &[Article],
    synonyms: &Synonyms,
    languages: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Term>, Vec<Vec<usize>>) {
    let several = languages.len() > 1;
    let mut nodes = Nodes::new(synonyms, languages);
    let mut own: Vec<Vec<usize>> = Vec::with_capacity(articles.len());
    for article in articles {
        let written: Vec<Option<usize>> = article
            .keywords
            .iter()
            .enumerate()
            .map(|(k, keyword)| nodes.add(keyword, &article.language, article.keyword_spans.get(k)))
            .collect();
        if several {
            pair_translations(article, &written, languages, &mut nodes, diags);
        }
        own.push(written.into_iter().flatten().collect());
    }

    // Terms: one per root, in order of first use.
    let mut term_of = vec![usize::MAX; nodes.nodes.len()];
    let mut drafts: Vec<Draft> = Vec::new();
    for n in 0..nodes.nodes.len() {
        let root = nodes.find(n);
        if root == n {
            term_of[n] = drafts.len();
            drafts.push(Draft {
                members: Vec::new(),
                articles: Vec::new(),
                spellings: HashMap::new(),
            });
        }
        let t = term_of[root];
        term_of[n] = t;
        drafts[t].members.push(n);
        for (spelling, &(count, first)) in &nodes.nodes[n].spellings {
            let entry = drafts[t]
                .spellings
                .entry(spelling.clone())
                .or_insert((0, first));
            entry.0 += count;
            entry.1 = entry.1.min(first);
        }
    }
    let mut per_article = Vec::with_capacity(articles.len());
    for (idx, written) in own.iter().enumerate() {
        let mut mine: Vec<usize> = Vec::with_capacity(written.len());
        for &n in written {
            let t = term_of[n];
            if !mine.contains(&t) {
                mine.push(t);
                drafts[t].articles.push(idx);
            }
        }
        per_article.push(mine);
    }
    // Every term has an article: a translated keyword makes a node only
    // when it is joined to its article's own keyword.

    let named: Vec<Named> = drafts
        .iter()
        .map(|draft| name(draft, &nodes, synonyms, languages))
        .collect();
    let slugs = slugs(&drafts, &named, &nodes, diags);
    let terms = drafts
        .into_iter()
        .zip(named)
        .zip(slugs)
        .map(|((draft, named), slug)| {
            let description = draft
                .members
                .iter()
                .find_map(|&n| synonyms.description(&nodes.nodes[n].key))
                .map(str::to_string);
            Term {
                name: named.name,
                name_lang: named.name_lang,
                names: named.names,
                slug,
                articles: draft.articles,
                description,
            }
        })
        .collect();
    (terms, per_article)
}

/// Joins each keyword of `article`'s translations into the site's
/// languages with its own keyword at the same position, when the lists
/// are as long; when not, warns and joins nothing.
fn pair_translations(
    article: &Article,
    written: &[Option<usize>],
    languages: &[Lang],
    nodes: &mut Nodes<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    for translation in &article.translations {
        if translation.keywords.is_empty()
            || translation.lang == article.language
            || !languages.contains(&translation.lang)
        {
            continue;
        }
        if translation.keywords.len() != written.len() {
            let at = translation
                .keywords_span
                .clone()
                .unwrap_or_else(|| Span::file_start(&article.source));
            let mut d = Diagnostic::new(
                Code::UnpairedKeywords,
                at,
                format!(
                    "the `{}` keywords cannot be paired with the article's keywords: {} here, {} in `keywords`",
                    translation.lang,
                    translation.keywords.len(),
                    written.len()
                ),
            )
            .label(format!("{} keywords", translation.keywords.len()))
            .help(format!(
                "give one `{}` keyword for each of the article's keywords, in the same order, so that each pair is one keyword page in both languages; until then these keywords are shown but make no pages",
                translation.lang
            ));
            if let Some(first) = article.keyword_spans.first() {
                d = d.secondary(
                    first.clone(),
                    format!("the article's {} keywords start here", written.len()),
                );
            }
            diags.push(d);
            continue;
        }
        for (keyword, &original) in translation.keywords.iter().zip(written) {
            let Some(original) = original else { continue };
            if let Some(n) = nodes.add(keyword, &translation.lang, None) {
                nodes.join(original, n);
            }
        }
    }
}

/// A term's names.
struct Named {
    name: String,
    name_lang: Lang,
    names: Vec<(Lang, String)>,
}

/// The most used of `spellings` (ties to the first used) among those
/// `keep` accepts, with its language's number.
fn most_used(
    spellings: &HashMap<(String, usize), (usize, usize)>,
    keep: impl Fn(usize) -> bool,
) -> Option<(&str, usize)> {
    // Uses per spelling over the languages `keep` accepts.
    let mut merged: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for ((spelling, lang), &(count, first)) in spellings {
        if !keep(*lang) {
            continue;
        }
        let entry = merged.entry(spelling).or_insert((0, first, *lang));
        entry.0 += count;
        if first < entry.1 {
            entry.1 = first;
            entry.2 = *lang;
        }
    }
    merged
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(s, (_, _, lang))| (s, lang))
}

/// A term's name in each interface language and its default name.
///
/// One language: the name `names:` gives, else the entry's spelling when a
/// synonym made the term, else the spelling used most (ties: the first
/// used), as it has always been. Several: in each language L, the name
/// `names:` gives in L; else the spelling of the term's entry in
/// `_keywords.yaml` when it is written in L's alphabet; else the spelling
/// used most in L; else none. The default name is the name in the
/// default language, else in the first language that has one, else the
/// spelling used most in any language.
fn name(draft: &Draft, nodes: &Nodes<'_>, synonyms: &Synonyms, languages: &[Lang]) -> Named {
    let given = |lang: &Lang| {
        draft.members.iter().find_map(|&n| {
            synonyms
                .names(&nodes.nodes[n].key)
                .iter()
                .find(|(l, _)| l == lang)
                .map(|(_, name)| name.clone())
        })
    };
    let root = &nodes.nodes[draft.members[0]];
    if languages.len() < 2 {
        let lang = languages
            .first()
            .cloned()
            .unwrap_or_else(|| "en".parse().expect("en is a language"));
        let name = given(&lang)
            .or_else(|| root.canonical.clone())
            .or_else(|| most_used(&draft.spellings, |_| true).map(|(s, _)| s.to_string()))
            .unwrap_or_else(|| root.key.clone());
        return Named {
            names: vec![(lang.clone(), name.clone())],
            name,
            name_lang: lang,
        };
    }
    let entry = |script: Option<Script>| {
        draft.members.iter().find_map(|&n| {
            synonyms
                .entry(&nodes.nodes[n].key)
                .filter(|spelling| script.is_some() && Script::of_text(spelling) == script)
                .map(str::to_string)
        })
    };
    let names: Vec<(Lang, String)> = languages
        .iter()
        .enumerate()
        .filter_map(|(id, lang)| {
            given(lang)
                .or_else(|| entry(Script::of_lang(lang)))
                .or_else(|| most_used(&draft.spellings, |l| l == id).map(|(s, _)| s.to_string()))
                .map(|name| (lang.clone(), name))
        })
        .collect();
    let (name, name_lang) = match names.first() {
        Some((lang, name)) => (name.clone(), lang.clone()),
        None => match most_used(&draft.spellings, |_| true) {
            Some((spelling, lang)) => (spelling.to_string(), nodes.langs[lang].clone()),
            None => (root.key.clone(), languages[0].clone()),
        },
    };
    Named {
        name,
        name_lang,
        names,
    }
}

/// Each term's slug: made from its name in Latin letters when it has one
/// (a site of several languages), else from its default name. Where two
/// terms would share one, the term with more articles keeps it and the
/// other gets `-2` (then `-3`), with a warning.
fn slugs(
    drafts: &[Draft],
    named: &[Named],
    nodes: &Nodes<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Slug> {
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| {
        drafts[b]
            .articles
            .len()
            .cmp(&drafts[a].articles.len())
            .then(drafts[a].articles.first().cmp(&drafts[b].articles.first()))
            .then(a.cmp(&b))
    });
    let first_span = |t: usize| {
        drafts[t]
            .members
            .iter()
            .find_map(|&n| nodes.nodes[n].first_span.clone())
    };
    let mut slugs: Vec<Option<Slug>> = vec![None; drafts.len()];
    let mut taken: HashMap<String, usize> = HashMap::new();
    for &t in &order {
        let term = &named[t];
        // The first name in Latin letters; on a site of one language,
        // whose one name is the default name, that name.
        let source = term
            .names
            .iter()
            .map(|(_, name)| name)
            .find(|name| Script::of_text(name) == Some(Script::Latin))
            .unwrap_or(&term.name);
        let base = Slug::from_text(source)
            .unwrap_or_else(|| Slug::from_text("term").expect("a literal slug"));
        let mut slug = base.clone();
        let mut n = 1;
        while taken.contains_key(slug.as_str()) {
            n += 1;
            slug = base.with_suffix(n);
        }
        if n > 1 {
            let other = taken[base.as_str()];
            if let Some(span) = first_span(t) {
                let mut d = Diagnostic::new(
                    Code::SlugClash,
                    span,
                    format!("the keywords `{}` and `{}` would share the address /keywords/{base}/", term.name, named[other].name),
                )
                .label(format!("this one gets /keywords/{slug}/"))
                .help("if they are the same term, write them the same way (or declare one a synonym in content/_keywords.yaml); if not, nothing needs doing");
                if let Some(first) = first_span(other) {
                    d = d.secondary(first, "this one keeps the address");
                }
                diags.push(d);
            }
        }
        taken.insert(slug.as_str().to_string(), t);
        slugs[t] = Some(slug);
    }
    slugs
        .into_iter()
        .map(|s| s.expect("every term got a slug"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_space_and_normal_form() {
        assert_eq!(term_key("Central  Asia"), "central asia");
        assert_eq!(term_key(" central asia "), "central asia");
        assert_eq!(term_key("CENTRAL\tASIA"), "central asia");
        // "é" precomposed and as e + combining acute are one term.
        assert_eq!(term_key("Caf\u{e9}"), term_key("Cafe\u{301}"));
        assert_eq!(term_key("Интеграция"), "интеграция");
    }
}

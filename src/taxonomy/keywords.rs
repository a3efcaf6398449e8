//! Keyword terms: spellings merged, synonyms applied, slugs kept apart.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostic, Span};
use crate::model::{Article, ArticleIdx, Slug};

use super::synonyms::Synonyms;
use super::Term;

/// The form two spellings of one keyword share: NFC, lowercase, runs of
/// white space folded to one space, trimmed.
pub fn term_key(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Draft {
    key: String,
    /// Spelling -> (uses, first use in archive order).
    spellings: HashMap<String, (usize, usize)>,
    articles: Vec<ArticleIdx>,
    first_span: Option<Span>,
    canonical: Option<String>,
}

/// Builds the keyword terms of `articles` (in archive order), and for each
/// article the indices of its terms in the order it lists them.
pub fn build(
    articles: &[Article],
    synonyms: &Synonyms,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Term>, Vec<Vec<usize>>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut per_article = Vec::with_capacity(articles.len());
    let mut uses = 0usize;
    for (idx, article) in articles.iter().enumerate() {
        let mut mine: Vec<usize> = Vec::with_capacity(article.keywords.len());
        for (k, keyword) in article.keywords.iter().enumerate() {
            let raw_key = term_key(keyword);
            if raw_key.is_empty() {
                continue;
            }
            let (key, canonical) = match synonyms.canonical(&raw_key) {
                Some(canonical) => (term_key(canonical), Some(canonical.to_string())),
                None => (raw_key, None),
            };
            let t = *index.entry(key.clone()).or_insert_with(|| {
                drafts.push(Draft {
                    key,
                    spellings: HashMap::new(),
                    articles: Vec::new(),
                    first_span: article.keyword_spans.get(k).cloned(),
                    canonical,
                });
                drafts.len() - 1
            });
            let spelling = keyword.split_whitespace().collect::<Vec<_>>().join(" ");
            let spelling: String = spelling.nfc().collect();
            let entry = drafts[t].spellings.entry(spelling).or_insert((0, uses));
            entry.0 += 1;
            uses += 1;
            if !mine.contains(&t) {
                mine.push(t);
                drafts[t].articles.push(idx);
            }
        }
        per_article.push(mine);
    }

    // Slugs: the term with more articles keeps the bare slug.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| {
        drafts[b]
            .articles
            .len()
            .cmp(&drafts[a].articles.len())
            .then(drafts[a].articles[0].cmp(&drafts[b].articles[0]))
            .then(a.cmp(&b))
    });
    let mut slugs: Vec<Option<Slug>> = vec![None; drafts.len()];
    let mut taken: HashMap<String, usize> = HashMap::new();
    for &t in &order {
        let name = display_name(&drafts[t]);
        let base = Slug::from_text(&name)
            .unwrap_or_else(|| Slug::from_text("term").expect("a literal slug"));
        let mut slug = base.clone();
        let mut n = 1;
        while taken.contains_key(slug.as_str()) {
            n += 1;
            slug = base.with_suffix(n);
        }
        if n > 1 {
            let other = taken[base.as_str()];
            if let Some(span) = drafts[t].first_span.clone() {
                let mut d = Diagnostic::new(
                    Code::SlugClash,
                    span,
                    format!("the keywords `{}` and `{}` would share the address /keywords/{base}/", name, display_name(&drafts[other])),
                )
                .label(format!("this one gets /keywords/{slug}/"))
                .help("if they are the same term, write them the same way (or declare one a synonym in content/_keywords.yaml); if not, nothing needs doing");
                if let Some(first) = drafts[other].first_span.clone() {
                    d = d.secondary(first, "this one keeps the address");
                }
                diags.push(d);
            }
        }
        taken.insert(slug.as_str().to_string(), t);
        slugs[t] = Some(slug);
    }

    let terms = drafts
        .into_iter()
        .zip(slugs)
        .map(|(draft, slug)| {
            let description = synonyms.description(&draft.key).map(str::to_string);
            Term {
                name: display_name(&draft),
                slug: slug.expect("every term got a slug"),
                articles: draft.articles,
                description,
            }
        })
        .collect();
    (terms, per_article)
}

/// The canonical form when a synonym list names one; otherwise the spelling
/// used most, ties going to the one used first in archive order.
fn display_name(draft: &Draft) -> String {
    if let Some(canonical) = &draft.canonical {
        return canonical.clone();
    }
    draft
        .spellings
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(s, _)| s.clone())
        .unwrap_or_else(|| draft.key.clone())
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

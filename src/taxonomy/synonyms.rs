//! `content/_keywords.yaml`: keyword synonyms, names and descriptions.
//!
//! ```yaml
//! Eurasian Economic Union:
//!   synonyms: [EAEU, EAEC]
//!   names: {ru: Евразийский экономический союз}
//!   description: The economic union of Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia.
//! ```
//!
//! Each top-level key is a keyword in its canonical spelling; articles that
//! use a synonym are listed under it, and its page shows the description.
//! `names` gives the term's name in interface languages of `languages:`;
//! each name is a spelling of the term too, as a synonym is.

use std::collections::HashMap;
use std::path::Path;

use super::keywords::term_key;
use crate::decode::Fields;
use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::Lang;
use crate::yaml::{self, Node};

/// The fields of one entry.
pub const FIELDS: &[&str] = &["synonyms", "names", "description"];

/// Synonyms, names and descriptions, keyed by normalised term.
#[derive(Debug, Default)]
pub struct Synonyms {
    canonical: HashMap<String, String>,
    descriptions: HashMap<String, String>,
    /// Each entry's spelling, by its normalised form.
    entries: HashMap<String, String>,
    /// Each entry's `names`, in the order written.
    names: HashMap<String, Vec<(Lang, String)>>,
}

impl Synonyms {
    /// The canonical spelling for a normalised keyword that is a synonym
    /// (or one of an entry's `names`).
    pub fn canonical(&self, key: &str) -> Option<&str> {
        self.canonical.get(key).map(String::as_str)
    }

    /// The description of a normalised canonical term.
    pub fn description(&self, key: &str) -> Option<&str> {
        self.descriptions.get(key).map(String::as_str)
    }

    /// The entry's own spelling when the normalised `key` is an entry.
    pub fn entry(&self, key: &str) -> Option<&str> {
        self.entries.get(key).map(String::as_str)
    }

    /// The names `names:` gives the normalised canonical term, by language.
    pub fn names(&self, key: &str) -> &[(Lang, String)] {
        self.names.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Reads `content/_keywords.yaml` when it exists; `languages` are the
/// site's interface languages, the only ones `names:` may give.
pub fn load(root: &Path, languages: &[Lang], diags: &mut Vec<Diagnostic>) -> Synonyms {
    let relative = Path::new("content/_keywords.yaml");
    let mut out = Synonyms::default();
    // Absent is allowed; a link out of the site or a special file is not
    // (`read_source` refuses them).
    if crate::inside::resolve(root, relative).is_err_and(|refused| refused.is_missing()) {
        return out;
    }
    let file = match crate::content::read_source(root, relative, false) {
        Ok(file) => file,
        Err(d) => {
            diags.push(d);
            return out;
        }
    };
    if file.text().trim().is_empty() {
        return out;
    }
    let node = match yaml::parse(&file, 0..file.text().len()) {
        Ok(node) => node,
        Err(d) => {
            diags.push(d);
            return out;
        }
    };
    let Some(entries) = node.as_map() else {
        diags.push(
            Diagnostic::new(Code::NotAMapping, Span::new(&file, node.span.clone()), "expected keywords as `Keyword:` lines with their synonyms under them")
                .label("not a set of keywords")
                .help("write `Eurasian Economic Union:`, then `  synonyms: [EAEU]` and `  description: ...` under it"),
        );
        return out;
    };
    // Where each normalised form was first declared, and by which entry, to
    // report a second declaration.
    let mut declared: HashMap<String, (Span, String)> = HashMap::new();
    for entry in entries {
        let key_span = Span::new(&file, entry.key_span.clone());
        let canonical_key = term_key(&entry.key);
        claim(
            &mut declared,
            &canonical_key,
            &canonical_key,
            &entry.key,
            key_span.clone(),
            diags,
        );
        out.entries
            .entry(canonical_key.clone())
            .or_insert_with(|| entry.key.clone());
        if entry.value.is_null() {
            continue;
        }
        let Some(mut f) = Fields::new(
            &file,
            &entry.value,
            "a keyword entry",
            FIELDS,
            key_span,
            diags,
        ) else {
            continue;
        };
        for synonym in f.text_or_list("synonyms") {
            let key = term_key(&synonym.value);
            if claim(
                &mut declared,
                &key,
                &canonical_key,
                &synonym.value,
                synonym.span.clone(),
                f.diags(),
            ) {
                out.canonical.insert(key, entry.key.clone());
            }
        }
        let names = f
            .get("names")
            .map(|node| read_names(&file, node, languages, f.diags()))
            .unwrap_or_default();
        for (_, name) in &names {
            let key = term_key(&name.value);
            // A name the entry already declares (its own spelling, one of
            // its synonyms, another language's name) is no second claim.
            let own = declared
                .get(&key)
                .is_some_and(|(_, by)| *by == canonical_key);
            if !own
                && claim(
                    &mut declared,
                    &key,
                    &canonical_key,
                    &name.value,
                    name.span.clone(),
                    f.diags(),
                )
            {
                out.canonical.insert(key, entry.key.clone());
            }
        }
        if !names.is_empty() {
            out.names.insert(
                canonical_key.clone(),
                names
                    .into_iter()
                    .map(|(lang, name)| (lang, name.value))
                    .collect(),
            );
        }
        if let Some(description) = f.text("description") {
            out.descriptions.insert(canonical_key, description.value);
        }
    }
    out
}

/// An entry's `names:`, `{ru: Евразийский экономический союз, en: ...}`:
/// each key one of `languages`, each value a text
/// ([`crate::decode::language_texts`]).
fn read_names(
    file: &std::sync::Arc<SourceFile>,
    node: &Node,
    languages: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Lang, crate::decode::Spanned<String>)> {
    let fix = format!(
        "name the term in the site's languages ({}), or add the language to `languages:` in journal.yaml",
        crate::decode::listed_languages(languages)
    );
    crate::decode::language_texts(file, node, languages, "`names`", &fix, diags)
}

/// Records a declaration of `key` by the entry `by`; a second one is
/// reported and refused.
fn claim(
    declared: &mut HashMap<String, (Span, String)>,
    key: &str,
    by: &str,
    shown: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match declared.get(key).map(|(first, _)| first) {
        Some(first) => {
            diags.push(
                Diagnostic::new(Code::SynonymConflict, span, format!("`{shown}` is declared twice in the keyword list"))
                    .label("declared again here")
                    .secondary(first.clone(), "first declared here")
                    .help("a keyword is either one canonical term or the synonym of one; keep one declaration"),
            );
            false
        }
        None => {
            declared.insert(key.to_string(), (span, by.to_string()));
            true
        }
    }
}

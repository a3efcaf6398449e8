//! `content/_keywords.yaml`: keyword synonyms and descriptions.
//!
//! ```yaml
//! Eurasian Economic Union:
//!   synonyms: [EAEU, EAEC]
//!   description: The economic union of Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia.
//! ```
//!
//! Each top-level key is a keyword in its canonical spelling; articles that
//! use a synonym are listed under it, and its page shows the description.

use std::collections::HashMap;
use std::path::Path;

use super::keywords::term_key;
use crate::decode::Fields;
use crate::diag::{Code, Diagnostic, Span};
use crate::yaml;

/// The fields of one entry.
pub const FIELDS: &[&str] = &["synonyms", "description"];

/// Synonyms and descriptions, keyed by normalised term.
#[derive(Debug, Default)]
pub struct Synonyms {
    canonical: HashMap<String, String>,
    descriptions: HashMap<String, String>,
}

impl Synonyms {
    /// The canonical spelling for a normalised keyword that is a synonym.
    pub fn canonical(&self, key: &str) -> Option<&str> {
        self.canonical.get(key).map(String::as_str)
    }

    /// The description of a normalised canonical term.
    pub fn description(&self, key: &str) -> Option<&str> {
        self.descriptions.get(key).map(String::as_str)
    }
}

/// Reads `content/_keywords.yaml` when it exists.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Synonyms {
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
    // Where each normalised form was first declared, to report a second declaration.
    let mut declared: HashMap<String, Span> = HashMap::new();
    for entry in entries {
        let key_span = Span::new(&file, entry.key_span.clone());
        let canonical_key = term_key(&entry.key);
        claim(
            &mut declared,
            &canonical_key,
            &entry.key,
            key_span.clone(),
            diags,
        );
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
                &synonym.value,
                synonym.span.clone(),
                f.diags(),
            ) {
                out.canonical.insert(key, entry.key.clone());
            }
        }
        if let Some(description) = f.text("description") {
            out.descriptions.insert(canonical_key, description.value);
        }
    }
    out
}

/// Records a declaration of `key`; a second one is reported and refused.
fn claim(
    declared: &mut HashMap<String, Span>,
    key: &str,
    shown: &str,
    span: Span,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match declared.get(key) {
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
            declared.insert(key.to_string(), span);
            true
        }
    }
}

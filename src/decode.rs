//! Reading checked values out of a YAML mapping, one diagnostic per problem.
//!
//! [`Fields`] wraps a mapping read by [`crate::yaml`]: it reports unknown
//! keys (with a suggestion) as soon as it is made, then hands out each field
//! converted to its type. A field with a problem yields `None` and a
//! diagnostic pointing at its value, and the rest are still read, so one pass
//! over a file reports everything wrong in it.

use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diag::{did_you_mean, Code, Diagnostic, SourceFile, Span};
use crate::yaml::{Entry, Node, NodeKind};

/// A value with the place it was written.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// The fields of one YAML mapping, read one by one.
pub struct Fields<'a> {
    file: &'a Arc<SourceFile>,
    entries: &'a [Entry],
    known: Vec<&'static str>,
    missing_at: Span,
    diags: &'a mut Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Opens `node` as a mapping of `known` keys.
    ///
    /// `what` names the thing for messages ("article", "author", "journal.yaml");
    /// a missing required field is reported at `missing_at`. Returns `None`
    /// (and reports) when `node` is not a mapping.
    pub fn new(
        file: &'a Arc<SourceFile>,
        node: &'a Node,
        what: &str,
        known: &[&'static str],
        missing_at: Span,
        diags: &'a mut Vec<Diagnostic>,
    ) -> Option<Self> {
        let Some(entries) = node.as_map() else {
            diags.push(
                Diagnostic::new(
                    Code::NotAMapping,
                    Span::new(file, node.span.clone()),
                    format!("the fields of {what} must be `name: value` lines"),
                )
                .label(format!("this is {}", node.kind_name()))
                .help(match node.kind {
                    NodeKind::Seq(_) => {
                        "remove the `- ` before the fields: write `title: ...`, not `- title: ...`"
                            .to_string()
                    }
                    _ => format!(
                        "write one `name: value` line per field; {what} takes {}",
                        list(known)
                    ),
                }),
            );
            return None;
        };
        for entry in entries {
            if !known.contains(&entry.key.as_str()) {
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    Span::new(file, entry.key_span.clone()),
                    format!("unknown field `{}`", entry.key),
                )
                .label(format!("not a field of {what}"));
                d = match did_you_mean(&entry.key, known.iter().copied()) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    // Only a mapping with `extra:` has a place for the rest.
                    None if known.contains(&"extra") => d.help(format!(
                        "{what} takes {}; put anything else under `extra:`",
                        list(known)
                    )),
                    None => d.help(format!("{what} takes {}", list(known))),
                };
                diags.push(d);
            }
        }
        Some(Self {
            file,
            entries,
            known: known.to_vec(),
            missing_at,
            diags,
        })
    }

    /// True when an unknown key was reported as a likely misspelling of
    /// `key`: a warning that `key` is missing would then say the same twice.
    pub fn misspelt(&self, key: &str) -> bool {
        self.entries.iter().any(|e| {
            !self.known.contains(&e.key.as_str())
                && did_you_mean(&e.key, self.known.iter().copied()) == Some(key)
        })
    }

    /// The span of `node`.
    pub fn span(&self, node: &Node) -> Span {
        Span::new(self.file, node.span.clone())
    }

    /// The span of `key`'s value, or the place for missing fields.
    pub fn span_of(&self, key: &str) -> Span {
        self.get(key)
            .map_or_else(|| self.missing_at.clone(), |n| self.span(n))
    }

    /// The file being read.
    pub fn file(&self) -> &'a Arc<SourceFile> {
        self.file
    }

    /// Records a problem found by the caller.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    /// The value of `key` unless it is absent or null.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
            .filter(|n| !n.is_null())
    }

    /// Reports `key` as missing.
    pub fn missing(&mut self, key: &str, example: &str) {
        let d = Diagnostic::new(
            Code::MissingField,
            self.missing_at.clone(),
            format!("missing required field `{key}`"),
        )
        .label(format!("`{key}` is required here"))
        .help(match example.strip_prefix('\n') {
            // A list of fields: its first item goes on the next line.
            Some(item) => format!(
                "add a line `{key}:` and under it a line such as `{}`",
                item.trim_end()
            ),
            None => format!("add a line such as `{key}: {example}`"),
        });
        self.diags.push(d);
    }

    /// Reports `key`'s value `node` as not being `expected` ("text", "a
    /// list", "true or false", "a set of fields").
    fn wrong_type(&mut self, key: &str, node: &Node, expected: &str) {
        let message = match example(key) {
            _ if key == "authors" && expected == "a list" => {
                "`authors` must be a list, with one `- name: ...` line per author".to_string()
            }
            Some(example) => format!("`{key}` must be {expected}, like `{example}`"),
            None => format!("`{key}` must be {expected}"),
        };
        let help = match (expected, &node.kind) {
            ("a list", _) if key == "authors" => {
                "write `authors:` and under it one line `  - name: Anna B. Smith` per author, in byline order"
                    .to_string()
            }
            ("a list", NodeKind::Str(_) | NodeKind::Number(_)) => format!(
                "put the items in square brackets, separated by commas: `{key}: [{}]`; or write one `- item` line per item under `{key}:`",
                node.as_text().unwrap_or_default().trim()
            ),
            ("a list", _) => format!(
                "put the items in square brackets, separated by commas, or write one `- item` line per item under `{key}:`"
            ),
            ("text", _) => self.quote_help(key, node),
            ("true or false", _) => format!("write `{key}: true` or `{key}: false`"),
            ("a set of fields", _) => format!(
                "write `{key}:` and under it one `name: value` line per field, indented by two spaces"
            ),
            _ => format!("give `{key}` {expected}"),
        };
        let d = Diagnostic::new(Code::WrongType, self.span(node), message)
            .label(format!("this is {}, not {expected}", node.kind_name()))
            .help(help);
        self.diags.push(d);
    }

    /// How to make `node`, read as something else, into text: quotes.
    fn quote_help(&self, key: &str, node: &Node) -> String {
        let written = self.file.text()[node.span.clone()].trim();
        let why = match node.kind {
            NodeKind::Map(_) => "a colon followed by a space makes YAML read a field; ",
            NodeKind::Seq(_) => "square brackets make YAML read a list; ",
            _ => "",
        };
        // Quote what was written when it is whole on its line.
        if !written.is_empty() && !written.contains(['"', '\n']) {
            format!("{why}put the whole text in quotes: `{key}: \"{written}\"`")
        } else {
            format!("{why}put the whole text in quotes")
        }
    }

    /// An item of the list `key` that is not text, or is empty.
    fn bad_item(&mut self, key: &str, item: &Node) {
        let written = self.file.text()[item.span.clone()].trim();
        let d = if item.is_null() || item.as_text().is_some() {
            Diagnostic::new(
                Code::BadValue,
                self.span(item),
                format!("an item of `{key}` is empty"),
            )
            .label("nothing here")
            .help("write the item, or remove it from the list")
        } else {
            let help = match item.kind {
                NodeKind::Map(_) if !written.contains([',', ']', '"']) => format!(
                    "a colon followed by a space makes YAML read a field; put the item in quotes: `\"{written}\"`"
                ),
                NodeKind::Map(_) => {
                    "a colon followed by a space makes YAML read a field; put the item in quotes"
                        .to_string()
                }
                _ => "put the item in quotes".to_string(),
            };
            Diagnostic::new(
                Code::WrongType,
                self.span(item),
                format!("each item of `{key}` must be text"),
            )
            .label(format!("this is {}, not text", item.kind_name()))
            .help(help)
        };
        self.diags.push(d);
    }

    /// Text of a string (or number written bare) at `node`, trimmed; empty is `None`.
    fn node_text(&mut self, key: &str, node: &Node) -> Option<Spanned<String>> {
        match node.as_text() {
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(Spanned {
                value: text.trim().to_string(),
                span: self.span(node),
            }),
            None => {
                self.wrong_type(key, node, "text");
                None
            }
        }
    }

    /// An optional text field.
    pub fn text(&mut self, key: &str) -> Option<Spanned<String>> {
        let node = self.get(key)?;
        self.node_text(key, node)
    }

    /// A required text field; `example` goes into the help of a missing one.
    pub fn required_text(&mut self, key: &str, example: &str) -> Option<Spanned<String>> {
        match self.get(key) {
            Some(node) => {
                let text = self.node_text(key, node);
                if text.is_none() && node.as_text().is_some() {
                    self.missing(key, example);
                }
                text
            }
            None => {
                self.missing(key, example);
                None
            }
        }
    }

    /// An optional text field parsed into `T`; a parse failure is reported
    /// with `code`, the parser's message and `help`.
    pub fn parsed<T>(&mut self, key: &str, code: Code, help: &str) -> Option<Spanned<T>>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        let text = self.text(key)?;
        self.parse_text(key, text, code, help)
    }

    /// Parses `text` (already read from `key`) into `T`.
    pub fn parse_text<T>(
        &mut self,
        key: &str,
        text: Spanned<String>,
        code: Code,
        help: &str,
    ) -> Option<Spanned<T>>
    where
        T: FromStr,
        T::Err: std::fmt::Display,
    {
        match text.value.parse::<T>() {
            Ok(value) => Some(Spanned {
                value,
                span: text.span,
            }),
            Err(why) => {
                self.diags.push(
                    Diagnostic::new(code, text.span, format!("invalid `{key}`: {why}"))
                        .label(format!("not a valid `{key}`"))
                        .help(help.to_string()),
                );
                None
            }
        }
    }

    /// An optional whole number in `min..=max`.
    pub fn number(&mut self, key: &str, min: u32, max: u32) -> Option<Spanned<u32>> {
        let node = self.get(key)?;
        let span = self.span(node);
        let parsed = match &node.kind {
            NodeKind::Number(text) | NodeKind::Str(text) => text.trim().parse::<u32>().ok(),
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(Spanned { value: n, span }),
            _ => {
                let shown = node.as_text().unwrap_or(node.kind_name()).to_string();
                self.diags.push(
                    Diagnostic::new(
                        Code::BadValue,
                        span,
                        format!(
                            "`{key}` must be a whole number from {min} to {max}, found `{shown}`"
                        ),
                    )
                    .label("not a whole number in range")
                    .help(format!(
                        "write `{key}: {min}` or another number from {min} to {max}"
                    )),
                );
                None
            }
        }
    }

    /// An optional `true`/`false` field.
    pub fn flag(&mut self, key: &str) -> Option<bool> {
        let node = self.get(key)?;
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, node, "true or false");
                None
            }
        }
    }

    /// An optional `YYYY-MM-DD` date.
    pub fn date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        let text = self.text(key)?;
        let well_formed = text.value.len() == 10
            && text.value.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let date = well_formed
            .then(|| NaiveDate::parse_from_str(&text.value, "%Y-%m-%d").ok())
            .flatten();
        match date {
            Some(value) => Some(Spanned {
                value,
                span: text.span,
            }),
            None => {
                let why = if well_formed {
                    format!("`{}` is not a day of the calendar", text.value)
                } else {
                    format!("`{}` is not written YYYY-MM-DD", text.value)
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::BadDate,
                        text.span,
                        format!("invalid date in `{key}`: {why}"),
                    )
                    .label("not a real YYYY-MM-DD date")
                    .help(format!(
                        "write the date as `{key}: 2018-08-30` (year, month, day)"
                    )),
                );
                None
            }
        }
    }

    /// An optional list of text items (`keywords: [Central Asia, CIS]`).
    ///
    /// A single text is refused: `keywords: Central Asia, CIS` would
    /// otherwise be one keyword with a comma in it. An item that is empty or
    /// not text is reported and left out.
    pub fn text_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        match &node.kind {
            NodeKind::Seq(items) => self.list_items(key, items),
            _ => {
                self.wrong_type(key, node, "a list");
                Vec::new()
            }
        }
    }

    /// An optional list of text items where one text is a list of one, for
    /// fields that usually hold one item (`affiliation: MGIMO University`).
    pub fn text_or_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        match &node.kind {
            NodeKind::Seq(items) => self.list_items(key, items),
            NodeKind::Str(_) | NodeKind::Number(_) => {
                self.node_text(key, node).into_iter().collect()
            }
            _ => {
                self.wrong_type(key, node, "a list");
                Vec::new()
            }
        }
    }

    fn list_items(&mut self, key: &str, items: &[Node]) -> Vec<Spanned<String>> {
        items
            .iter()
            .filter_map(|item| self.item_text(key, item))
            .collect()
    }

    /// One item of the list field `key` as text, trimmed; an item that is
    /// empty or not text is reported (how to quote it) and is `None`.
    pub fn item_text(&mut self, key: &str, item: &Node) -> Option<Spanned<String>> {
        match item.as_text() {
            Some(text) if !text.trim().is_empty() => Some(Spanned {
                value: text.trim().to_string(),
                span: self.span(item),
            }),
            _ => {
                self.bad_item(key, item);
                None
            }
        }
    }

    /// The items of an optional list field (each checked by the caller).
    pub fn list(&mut self, key: &str) -> Option<&'a [Node]> {
        let node = self.get(key)?;
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            _ => {
                self.wrong_type(key, node, "a list");
                None
            }
        }
    }

    /// The `extra:` map as JSON for templates; `null` when absent.
    pub fn extra(&mut self) -> serde_json::Value {
        match self.get("extra") {
            Some(node) if node.as_map().is_some() => node.to_json(),
            Some(node) => {
                self.wrong_type("extra", node, "a set of fields");
                serde_json::Value::Null
            }
            None => serde_json::Value::Null,
        }
    }

    /// The diagnostics sink, for reading nested mappings.
    pub fn diags(&mut self) -> &mut Vec<Diagnostic> {
        self.diags
    }
}

/// How `key` is written, for the message of a value of the wrong kind.
fn example(key: &str) -> Option<&'static str> {
    Some(match key {
        "keywords" => "keywords: [Central Asia, CIS]",
        "countries" => "countries: [KZ, Kyrgyzstan]",
        "synonyms" => "synonyms: [EAEU, Eurasian Economic Union]",
        "affiliation" => "affiliation: [MGIMO University]",
        "references" => "references: [\"Smith, A. (2018). Regions. Moscow.\"]",
        "title" => "title: Regional Integration in Central Asia",
        "subtitle" => "subtitle: Twenty Years On",
        "short_title" => "short_title: JMS",
        "abstract" => "abstract: The article asks what holds a region together.",
        "description" => "description: A journal of regional studies",
        "name" | "given" | "family" => "name: Anna B. Smith",
        "section" => "section: Research Articles",
        "funding" => "funding: Russian Science Foundation, grant 19-18-00001",
        "publisher" => "publisher: MGIMO University",
        "draft" => "draft: true",
        "extra" => "extra: {series: Working Papers}",
        "crossref" => "crossref: {depositor: Journal Office}",
        _ => return None,
    })
}

fn list(known: &[&str]) -> String {
    let mut out = String::new();
    for (i, k) in known.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == known.len() { " and " } else { ", " });
        }
        out.push('`');
        out.push_str(k);
        out.push('`');
    }
    out
}

/// The site's interface languages as a message lists them: `` `ru`, `en` ``.
pub fn listed_languages(languages: &[crate::model::Lang]) -> String {
    languages
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A language code written as a key (under `translations:`, `sections:`,
/// `names:`): one of the site's `languages`, or `None` with the problem
/// reported at `at`. `what` names the block in the message (`` `names` ``);
/// `fix` is the help when no code is close to the one written.
pub fn interface_language(
    key: &str,
    at: Span,
    languages: &[crate::model::Lang],
    what: &str,
    fix: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::model::Lang> {
    let parsed = key.parse::<crate::model::Lang>();
    let (code, message, label) = match parsed {
        Ok(lang) if languages.contains(&lang) => return Some(lang),
        Ok(lang) => (
            Code::BadValue,
            format!("`{lang}` is not one of the site's `languages`"),
            "no pages are made in this language",
        ),
        Err(why) => (
            Code::BadLanguage,
            format!("invalid language in {what}: {why}"),
            "not a language code",
        ),
    };
    let help = match did_you_mean(key.trim(), languages.iter().map(|l| l.as_str())) {
        Some(near) => format!("did you mean `{near}`?"),
        None => fix.to_string(),
    };
    diags.push(Diagnostic::new(code, at, message).label(label).help(help));
    None
}

/// A block of `<language>: <text>` lines (`names: {ru: ..., en: ...}`),
/// each language one of the site's `languages`: the texts, trimmed. What is
/// not a block, a language the site does not have and a value that is not
/// text are reported, and left out. `what` names the block in messages;
/// `fix` is the help for a language no listed one is close to.
pub fn language_texts(
    file: &Arc<SourceFile>,
    node: &Node,
    languages: &[crate::model::Lang],
    what: &str,
    fix: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(crate::model::Lang, Spanned<String>)> {
    let Some(entries) = node.as_map() else {
        diags.push(
            Diagnostic::new(
                Code::WrongType,
                Span::new(file, node.span.clone()),
                format!(
                    "{what} must be a set of languages, found {}",
                    node.kind_name()
                ),
            )
            .label("expected `ru: ...` lines")
            .help(format!(
                "write one `<language>: <text>` line under it for each of {}",
                listed_languages(languages)
            )),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries {
        let at = Span::new(file, entry.key_span.clone());
        let Some(lang) = interface_language(&entry.key, at, languages, what, fix, diags) else {
            continue;
        };
        let span = Span::new(file, entry.value.span.clone());
        match entry.value.as_text().map(str::trim) {
            Some(text) if !text.is_empty() => out.push((
                lang,
                Spanned {
                    value: text.to_string(),
                    span,
                },
            )),
            _ => diags.push(
                Diagnostic::new(
                    Code::WrongType,
                    span,
                    format!(
                        "the text in `{lang}` must be text, found {}",
                        entry.value.kind_name()
                    ),
                )
                .label("not a text")
                .help(format!("write the text after `{lang}: ` on the same line")),
            ),
        }
    }
    out
}

//! YAML, read with positions: the only module that calls a YAML library.
//!
//! serde_yaml reads the values (it is the parser of record: YAML 1.2 scalars,
//! duplicate-key and syntax errors with their positions) but keeps no
//! positions. yaml-rust2's marked event stream supplies them: the two trees
//! are walked side by side and every [`Node`] gets the byte range of its text
//! in the file. serde_yaml is archived upstream; a replacement needs changes
//! here and nowhere else, since no other module sees a YAML library's types.

use std::ops::Range;
use std::sync::Arc;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diag::{Diagnostic, SourceFile};

mod syntax;

/// A YAML value with the byte range of its text in the source file.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the value is written.
    pub span: Range<usize>,
    /// What it is.
    pub kind: NodeKind,
}

/// The kinds of YAML value quire distinguishes.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with the text it was written as (`10.1080` stays `10.1080`).
    Number(String),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key as text.
    pub key: String,
    /// Where the key is written.
    pub key_span: Range<usize>,
    /// The value.
    pub value: Node,
}

impl Node {
    /// A short name of the kind, for messages: "text", "a list"...
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "true/false",
            NodeKind::Number(_) => "a number",
            NodeKind::Str(_) => "text",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a set of fields",
        }
    }

    /// The entries when the node is a mapping.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The scalar's text when it is a string or a number.
    pub fn as_text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) | NodeKind::Number(s) => Some(s),
            _ => None,
        }
    }

    /// True for `~`, `null` or an empty value.
    pub fn is_null(&self) -> bool {
        matches!(self.kind, NodeKind::Null)
    }

    /// The value as JSON, for `extra:` maps passed to templates.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Number(text) => serde_json::from_str::<serde_json::Number>(text)
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(text.clone())),
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses the YAML text at `range` of `file`.
///
/// Positions in the returned nodes are byte offsets into the whole file, so
/// front matter can be parsed in place. An empty document is `Null`. A
/// byte-order mark at the start of `range` is skipped.
pub fn parse(file: &Arc<SourceFile>, range: Range<usize>) -> Result<Node, Diagnostic> {
    let mut range = range.start.min(file.text().len())..range.end.min(file.text().len());
    if file.text()[range.clone()].starts_with('\u{feff}') {
        range.start += '\u{feff}'.len_utf8();
    }
    let text = &file.text()[range.clone()];
    let first_line = file.line_index(range.start);
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|err| {
        let failure = Failure::new(file, &range, &err);
        syntax::explain(file, range.clone(), &failure)
    })?;
    let marks = marks(text).unwrap_or(Mark::Leaf { start: 0 });
    let mut builder = Builder {
        file,
        text,
        base: range.start,
        first_line,
    };
    Ok(builder.node(value, Some(&marks)))
}

/// What serde_yaml said, taken apart: its problem, where it was found, and
/// what it was reading then ("while scanning a quoted scalar" and where that
/// began). serde_yaml's `Display` is the only way to its context, so its
/// wording is read here; an unknown wording falls back to the plain message.
pub(crate) struct Failure {
    /// The problem without positions: "mapping values are not allowed in this context".
    problem: String,
    /// Where the problem was found (a byte offset into the file).
    at: usize,
    /// What the parser was reading, without position: "while scanning a quoted scalar".
    context: String,
    /// Where that began, when said.
    context_at: Option<usize>,
}

impl Failure {
    fn new(file: &Arc<SourceFile>, range: &Range<usize>, err: &serde_yaml::Error) -> Self {
        let first_line = file.line_index(range.start);
        let clamp = |offset: usize| {
            crate::diag::floor_char_boundary(file.text(), offset.clamp(range.start, range.end))
        };
        // serde_yaml's lines are 1-based and its columns 1-based characters.
        let place = |line: usize, column: usize| {
            clamp(file.offset_of(first_line + line.max(1), column.saturating_sub(1)))
        };
        let message = err.to_string();
        let (head, context) = match message.split_once(", while ") {
            Some((head, context)) => (head, format!("while {context}")),
            None => (message.as_str(), String::new()),
        };
        let problem = head.split(" at line ").next().unwrap_or(head).to_string();
        let (context, context_at) = match context.split_once(" at line ") {
            Some((what, position)) => (
                what.to_string(),
                line_column(position).map(|(l, c)| place(l, c)),
            ),
            None => (context, None),
        };
        let at = err
            .location()
            .map_or(range.start, |loc| place(loc.line(), loc.column()));
        Self {
            problem,
            at,
            context,
            context_at,
        }
    }
}

/// `3 column 7` (what follows " at line ") as (3, 7).
fn line_column(text: &str) -> Option<(usize, usize)> {
    let (line, rest) = text.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// Where `key` is written twice in one mapping of the YAML at `range`:
/// the key as written, then the byte offsets of its first and its second
/// place. Any repeated key serves when `key` is not found.
fn duplicate_key(
    file: &Arc<SourceFile>,
    range: &Range<usize>,
    key: &str,
) -> Option<(String, usize, usize)> {
    fn walk(mark: &Mark, key: Option<&str>) -> Option<(String, usize, usize)> {
        match mark {
            Mark::Leaf { .. } => None,
            Mark::Seq { items, .. } => items.iter().find_map(|m| walk(m, key)),
            Mark::Map { entries, .. } => {
                for (i, (name, second, _)) in entries.iter().enumerate() {
                    if key.is_some_and(|k| k != name) {
                        continue;
                    }
                    if let Some((_, first, _)) = entries[..i].iter().find(|(n, _, _)| n == name) {
                        return Some((name.clone(), *first, *second));
                    }
                }
                entries.iter().find_map(|(_, _, m)| walk(m, key))
            }
        }
    }
    let text = &file.text()[range.clone()];
    let mark = marks(text)?;
    let (name, first, second) = walk(&mark, Some(key)).or_else(|| walk(&mark, None))?;
    let builder = Builder {
        file,
        text,
        base: range.start,
        first_line: file.line_index(range.start),
    };
    Some((name, builder.offset(first), builder.offset(second)))
}

/// Positions from the event stream, shaped like the value tree.
#[derive(Debug)]
enum Mark {
    Leaf {
        start: usize,
    },
    Seq {
        start: usize,
        items: Vec<Mark>,
    },
    Map {
        start: usize,
        entries: Vec<(String, usize, Mark)>,
    },
}

impl Mark {
    fn start(&self) -> usize {
        match self {
            Mark::Leaf { start } | Mark::Seq { start, .. } | Mark::Map { start, .. } => *start,
        }
    }
}

/// Character markers from yaml-rust2, as (1-based line, 0-based column).
#[derive(Default)]
struct Collector {
    stack: Vec<Pending>,
    root: Option<Mark>,
    failed: bool,
}

enum Pending {
    Seq {
        start: usize,
        items: Vec<Mark>,
    },
    Map {
        start: usize,
        entries: Vec<(String, usize, Mark)>,
        key: Option<(String, usize)>,
    },
}

impl Collector {
    fn offset(&self, mark: Marker) -> usize {
        // Lines are 1-based and columns count characters; the caller maps the
        // (line, column) pair to a byte offset through the source text.
        let line = mark.line().max(1) - 1;
        (line << 20) | mark.col().min((1 << 20) - 1)
    }

    fn finish(&mut self, mark: Mark, scalar_key: Option<(String, usize)>) {
        match self.stack.last_mut() {
            None => self.root = Some(mark),
            Some(Pending::Seq { items, .. }) => items.push(mark),
            Some(Pending::Map { entries, key, .. }) => match key.take() {
                None => {
                    *key = Some(scalar_key.unwrap_or_else(|| (String::new(), mark.start())));
                }
                Some((name, at)) => entries.push((name, at, mark)),
            },
        }
    }
}

impl MarkedEventReceiver for Collector {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = self.offset(mark);
        match event {
            Event::Scalar(value, ..) => self.finish(Mark::Leaf { start: at }, Some((value, at))),
            Event::Alias(_) => self.finish(Mark::Leaf { start: at }, None),
            Event::SequenceStart(..) => self.stack.push(Pending::Seq {
                start: at,
                items: Vec::new(),
            }),
            Event::MappingStart(..) => self.stack.push(Pending::Map {
                start: at,
                entries: Vec::new(),
                key: None,
            }),
            Event::SequenceEnd => match self.stack.pop() {
                Some(Pending::Seq { start, items }) => {
                    self.finish(Mark::Seq { start, items }, None)
                }
                _ => self.failed = true,
            },
            Event::MappingEnd => match self.stack.pop() {
                Some(Pending::Map { start, entries, .. }) => {
                    self.finish(Mark::Map { start, entries }, None)
                }
                _ => self.failed = true,
            },
            Event::DocumentEnd
            | Event::StreamEnd
            | Event::StreamStart
            | Event::DocumentStart
            | Event::Nothing => {}
        }
    }
}

/// The positions of `text`'s first document, or `None` when yaml-rust2
/// cannot read what serde_yaml could (then nodes fall back to their parents'
/// positions).
fn marks(text: &str) -> Option<Mark> {
    let mut collector = Collector::default();
    let mut parser = Parser::new_from_str(text);
    parser.load(&mut collector, false).ok()?;
    if collector.failed {
        return None;
    }
    collector.root
}

struct Builder<'a> {
    file: &'a Arc<SourceFile>,
    text: &'a str,
    base: usize,
    first_line: usize,
}

impl Builder<'_> {
    /// The byte offset in the file of a packed (line, column) mark.
    fn offset(&self, packed: usize) -> usize {
        let line = packed >> 20;
        let col = packed & ((1 << 20) - 1);
        let offset = self.file.offset_of(self.first_line + line + 1, col);
        offset.clamp(self.base, self.base + self.text.len())
    }

    /// The range of a value starting at `start`: a scalar written on one line
    /// covers its text; anything else covers the rest of its first line.
    fn range(&self, start: usize, kind: &NodeKind) -> Range<usize> {
        let line = self.file.line_range(self.file.line_index(start));
        let rest = &self.file.text()[start..line.end.max(start)];
        let len = match kind {
            NodeKind::Str(s) | NodeKind::Number(s)
                if rest.starts_with(s.as_str()) && !s.is_empty() =>
            {
                s.len()
            }
            NodeKind::Str(_) if rest.starts_with('"') || rest.starts_with('\'') => {
                let quote = rest.as_bytes()[0] as char;
                rest[1..].find(quote).map_or(rest.len(), |end| end + 2)
            }
            NodeKind::Bool(_) | NodeKind::Null => {
                rest.find([' ', ',', ']', '}', '#']).unwrap_or(rest.len())
            }
            _ => {
                let end = rest.find(" #").unwrap_or(rest.len());
                rest[..end].trim_end().len()
            }
        };
        start..start + len
    }

    fn node(&mut self, value: serde_yaml::Value, mark: Option<&Mark>) -> Node {
        use serde_yaml::Value;
        let start = mark.map_or(self.base, |m| self.offset(m.start()));
        let kind = match value {
            Value::Null => NodeKind::Null,
            Value::Bool(b) => NodeKind::Bool(b),
            Value::Number(n) => {
                let written = mark
                    .filter(|m| matches!(m, Mark::Leaf { .. }))
                    .map(|_| {
                        let line = self.file.line_range(self.file.line_index(start));
                        let rest = &self.file.text()[start..line.end.max(start)];
                        let end = rest.find([' ', ',', ']', '}', '#']).unwrap_or(rest.len());
                        rest[..end].to_string()
                    })
                    .filter(|w| w.parse::<f64>().is_ok());
                NodeKind::Number(written.unwrap_or_else(|| n.to_string()))
            }
            Value::String(s) => NodeKind::Str(s),
            Value::Sequence(items) => {
                let marks = match mark {
                    Some(Mark::Seq { items, .. }) => Some(items),
                    _ => None,
                };
                NodeKind::Seq(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let m = marks.and_then(|m| m.get(i));
                            let mut node = self.node(item, m);
                            if m.is_none() {
                                node.span = start..start;
                            }
                            node
                        })
                        .collect(),
                )
            }
            Value::Mapping(map) => {
                let marks = match mark {
                    Some(Mark::Map { entries, .. }) => Some(entries),
                    _ => None,
                };
                NodeKind::Map(
                    map.into_iter()
                        .map(|(key, value)| {
                            let key = scalar_text(&key);
                            let m = marks.and_then(|m| m.iter().find(|(k, _, _)| *k == key));
                            let key_start = m.map_or(start, |(_, at, _)| self.offset(*at));
                            let key_len = if m.is_some()
                                && self.file.text()[key_start..].starts_with(key.as_str())
                            {
                                key.len()
                            } else {
                                0
                            };
                            let value = self.node(value, m.map(|(_, _, mark)| mark));
                            Entry {
                                key,
                                key_span: key_start..key_start + key_len,
                                value,
                            }
                        })
                        .collect(),
                )
            }
            Value::Tagged(tagged) => {
                let inner = self.node(tagged.value, mark);
                inner.kind
            }
        };
        // A block mapping's events begin at its first colon; its text
        // begins at its first key.
        let start = match &kind {
            NodeKind::Map(entries) => entries
                .first()
                .map_or(start, |e| e.key_span.start.min(start)),
            _ => start,
        };
        let span = self.range(start, &kind);
        Node { span, kind }
    }
}

fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    /// The error for `text`, with the line and column it points at.
    fn error(text: &str) -> (Diagnostic, (usize, usize)) {
        let file = SourceFile::new("t.yaml", text);
        let err = parse(&file, 0..file.text().len()).unwrap_err();
        let at = err.primary.0.line_col();
        (err, at)
    }

    #[test]
    fn a_byte_order_mark_is_not_a_second_document() {
        let (file, node) = parse_all("\u{feff}year: 2020\nnumber: 1\n");
        let map = node.as_map().unwrap();
        assert_eq!(map[0].key, "year");
        assert_eq!(file.line_col(map[0].key_span.start), (1, 1));
    }

    #[test]
    fn a_tab_is_named_and_pointed_at() {
        let (err, at) = error("title: x\nauthors:\n\t- name: A\n");
        assert!(err.message.contains("tab"), "{}", err.message);
        assert!(err.help.as_deref().unwrap().contains("spaces"));
        assert_eq!(at, (3, 1));
        let (err, at) = error("authors:\n  - name: A\n\torcid: x\n");
        assert!(err.message.contains("tab"), "{}", err.message);
        assert_eq!(at, (3, 1));
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_second() {
        let (err, at) = error("year: 2020\nnumber: 1\nyear: 2021\n");
        assert_eq!(err.message, "`year` is written twice");
        assert_eq!(at, (3, 1));
        assert_eq!(err.secondary[0].0.line_col(), (1, 1));
        let (err, at) = error("authors:\n  - name: A\n    name: B\n");
        assert_eq!(err.message, "`name` is written twice");
        assert_eq!(at, (3, 5));
    }

    #[test]
    fn parser_states_become_the_editors_mistakes() {
        let cases: &[(&str, &str, (usize, usize))] = &[
            ("title: \"Regional\nabstract: x\n", "never closed", (1, 8)),
            ("title: Russia: a new look\n", "contains a colon", (1, 14)),
            ("title: R\n  abstract: x\n", "indented further", (2, 3)),
            (
                "authors:\n  - name: A\n - name: B\n",
                "not lined up",
                (3, 2),
            ),
            (
                "authors:\n  - name: A\n  name: B\n",
                "does not start with `- `",
                (3, 3),
            ),
            (
                "keywords:\n  - a\n  b\ntitle: x\n",
                "not a `name: value`",
                (3, 3),
            ),
            ("keywords: [a, b\ntitle: x\n", "never closed", (1, 11)),
            ("title: [Draft] Regional\n", "starts with `[`", (1, 8)),
            (
                "title: \"Great\" Game\n",
                "after its closing quotation mark",
                (1, 16),
            ),
            ("title: @home\n", "starts with `@`", (1, 8)),
            (
                "title: \"Ёжик\" ёлка\n",
                "after its closing quotation mark",
                (1, 15),
            ),
            ("title: x\n---\nnumber: 1\n", "`---` line", (2, 1)),
        ];
        for (text, says, at) in cases {
            let (err, found) = error(text);
            assert_eq!(err.code, Code::YamlSyntax);
            assert!(err.message.contains(says), "{text:?}: {}", err.message);
            assert_eq!(found, *at, "{text:?}: {}", err.message);
            assert!(!err.message.contains("YAML:"), "{text:?}: {}", err.message);
            let span = &err.primary.0;
            assert!(span.file.text().is_char_boundary(span.range.end), "{text:?}");
        }
    }

    fn parse_all(text: &str) -> (Arc<SourceFile>, Node) {
        let file = SourceFile::new("t.yaml", text);
        let node = parse(&file, 0..file.text().len()).expect("valid yaml");
        (file, node)
    }

    fn at<'a>(file: &'a SourceFile, range: &Range<usize>) -> &'a str {
        &file.text()[range.clone()]
    }

    #[test]
    fn keys_and_values_have_positions() {
        let (file, node) =
            parse_all("title: Central Asia\nkeywords: [CIS, \"Kazakhstan\"]\nnumber: 4\n");
        let map = node.as_map().unwrap();
        assert_eq!(at(&file, &map[0].key_span), "title");
        assert_eq!(at(&file, &map[0].value.span), "Central Asia");
        let NodeKind::Seq(items) = &map[1].value.kind else {
            panic!()
        };
        assert_eq!(at(&file, &items[0].span), "CIS");
        assert_eq!(at(&file, &items[1].span), "\"Kazakhstan\"");
        assert_eq!(file.line_col(map[2].value.span.start), (3, 9));
    }

    #[test]
    fn nested_block_lists_and_unicode() {
        let (file, node) =
            parse_all("authors:\n  - name: Ёжик Туманов\n    orcid: 0000-0002-1825-0097\n");
        let authors = &node.as_map().unwrap()[0].value;
        let NodeKind::Seq(items) = &authors.kind else {
            panic!()
        };
        let author = items[0].as_map().unwrap();
        assert_eq!(at(&file, &author[1].value.span), "0000-0002-1825-0097");
        assert_eq!(file.line_col(author[1].key_span.start), (3, 5));
        assert_eq!(at(&file, &author[0].value.span), "Ёжик Туманов");
    }

    #[test]
    fn numbers_keep_their_written_form() {
        let (_, node) = parse_all("doi_prefix: 10.1080\npages: 65\n");
        let map = node.as_map().unwrap();
        assert_eq!(map[0].value.as_text(), Some("10.1080"));
        assert_eq!(map[1].value.as_text(), Some("65"));
    }

    #[test]
    fn syntax_errors_point_into_the_file() {
        let text = "---\ntitle: a\n  bad: [\n---\n";
        let file = SourceFile::new("t.md", text);
        let err = parse(&file, 4..text.len() - 4).unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        assert!(
            err.primary.0.line_col().0 >= 2,
            "{:?}",
            err.primary.0.line_col()
        );
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn offsets_are_relative_to_the_file() {
        let text = "---\ntitle: x\n---\n";
        let file = SourceFile::new("t.md", text);
        let node = parse(&file, 4..13).unwrap();
        let entry = &node.as_map().unwrap()[0];
        assert_eq!(file.line_col(entry.key_span.start), (2, 1));
        assert_eq!(at(&file, &entry.value.span), "x");
    }
}

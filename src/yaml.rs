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

use crate::diag::{Code, Diagnostic, SourceFile, Span};

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
/// front matter can be parsed in place. An empty document is `Null`.
pub fn parse(file: &Arc<SourceFile>, range: Range<usize>) -> Result<Node, Diagnostic> {
    let text = &file.text()[range.clone()];
    let first_line = file.line_index(range.start);
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|err| {
        let offset = err
            .location()
            .map(|loc| range.start + loc.index().min(text.len()))
            .unwrap_or(range.start);
        syntax_error(file, offset, &err.to_string())
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

fn syntax_error(file: &Arc<SourceFile>, offset: usize, message: &str) -> Diagnostic {
    // serde_yaml appends " at line L column C"; the span says that already.
    let message = match message.find(" at line ") {
        Some(cut) => &message[..cut],
        None => message,
    };
    let offset = crate::diag::floor_char_boundary(file.text(), offset);
    Diagnostic::new(
        Code::YamlSyntax,
        Span::new(file, offset..offset),
        format!("invalid YAML: {message}"),
    )
    .label("the YAML cannot be read from here on")
    .help("check indentation and quoting: text containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@` must be in quotes")
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

    fn parse_all(text: &str) -> (Arc<SourceFile>, Node) {
        let file = SourceFile::new("t.yaml", text);
        let node = parse(&file, 0..text.len()).expect("valid yaml");
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

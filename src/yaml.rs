//! YAML, read with positions: the only module that calls a YAML library.
//!
//! saphyr-parser (the parser of the saphyr project, successor of yaml-rust2)
//! reads the text as a stream of events, each with the span of its text.
//! [`Reader`] builds the [`Node`] tree from those events as they come: one
//! pass over the text, no second parser and no tree in between, and every
//! node, key included, carries the byte range of its text in the file.
//!
//! No serde `Deserializer` is needed: quire's raw structs are read from the
//! node tree by [`crate::decode`], field by field, so every unknown field
//! and wrong type is reported at its node's own position. saphyr's own
//! loader (`MarkedYaml`) is not used: it stops at a repeated key knowing
//! only the second place, keys its mappings by hashed nodes, and would be a
//! second tree to convert; the events give all that quire needs.
//!
//! What the parser does not decide, quire does here: a repeated key (an
//! error at the second place, the first as a secondary span), a second
//! document, aliases (each `*name` expands to a copy, within a budget), and
//! how deep values may nest. No other module sees a YAML library's types.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError, Tag};

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

    /// How many nodes the tree holds, counting this one.
    fn size(&self) -> usize {
        1 + match &self.kind {
            NodeKind::Seq(items) => items.iter().map(Node::size).sum(),
            NodeKind::Map(entries) => entries.iter().map(|e| e.value.size()).sum(),
            _ => 0,
        }
    }
}

/// How deep lists and mappings may nest. quire's own files nest three
/// levels; the limit keeps the recursive walks over a tree (decoding,
/// dropping it) far from the end of a thread's stack.
const MAX_DEPTH: usize = 128;

/// How many nodes the aliases (`*name`) of one text may copy in all, so a
/// few lines of nested aliases cannot expand into millions of nodes.
const MAX_ALIAS_NODES: usize = 100_000;

/// Parses the YAML text at `range` of `file`.
///
/// Positions in the returned nodes are byte offsets into the whole file, so
/// front matter can be parsed in place. An empty document is `Null`. A
/// byte-order mark at the start of `range` is skipped.
pub fn parse(file: &Arc<SourceFile>, range: Range<usize>) -> Result<Node, Diagnostic> {
    let len = file.text().len();
    let mut range = range.start.min(len)..range.end.min(len);
    if file.text()[range.clone()].starts_with('\u{feff}') {
        range.start += '\u{feff}'.len_utf8();
    }
    let mut reader = Reader::new(file.text(), range.clone());
    let mut parser = Parser::new_from_str(reader.text);
    let failure = loop {
        match parser.next_event() {
            None => break None,
            Some(Ok((event, span))) => {
                if let Err(failure) = reader.event(event, span) {
                    break Some(failure);
                }
            }
            Some(Err(err)) => break Some(reader.scan_failure(&err)),
        }
    };
    if let Some(failure) = failure {
        return Err(syntax::explain(file, range, &failure));
    }
    if let Some(twice) = &reader.twice {
        return Err(syntax::duplicate(file, twice));
    }
    let mut root = reader.root.unwrap_or(Node {
        span: range.start..range.start,
        kind: NodeKind::Null,
    });
    within(&mut root, file.text(), &range);
    Ok(root)
}

/// Cuts every span of `node` to `range` of `text` and to character
/// boundaries: a position the parser reports past a value's end (after a
/// tag at the end of the text, found by fuzzing) still names text that is
/// there, so every reader of a node can slice the file by its span.
fn within(node: &mut Node, text: &str, range: &Range<usize>) {
    let cut = |span: &mut Range<usize>| {
        let clamp = |at: usize| {
            let mut at = at.clamp(range.start, range.end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let start = clamp(span.start);
        *span = start..clamp(span.end).max(start);
    };
    cut(&mut node.span);
    match &mut node.kind {
        NodeKind::Seq(items) => items.iter_mut().for_each(|item| within(item, text, range)),
        NodeKind::Map(entries) => {
            for entry in entries {
                cut(&mut entry.key_span);
                within(&mut entry.value, text, range);
            }
        }
        _ => {}
    }
}

/// Why a text could not be read, in quire's terms: the parser's error (or
/// quire's own) sorted into the mistakes [`syntax`] explains, with where it
/// was found and what was open then.
pub(crate) struct Failure {
    /// What kind of mistake this looks like.
    problem: Problem,
    /// The parser's words, without its "while ..." context, for a mistake
    /// [`syntax`] does not recognise.
    words: String,
    /// Where the parser stopped (a byte offset into the file).
    at: usize,
    /// Where the innermost open block list begins (its first `-`).
    list: Option<usize>,
    /// Where the innermost open collection begins, when it is a `[...]` or
    /// a `{...}` (its bracket).
    flow: Option<usize>,
}

/// The parser's errors, grouped by the mistake an editor made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A tab where YAML wants spaces.
    Tab,
    /// A tab between a colon and its value.
    TabAfterColon,
    /// A quoted text that runs on: never closed, or its next lines not indented.
    Quote,
    /// A backslash in double quotes that starts no escape YAML knows.
    Escape,
    /// A `: ` where no field can start.
    Colon,
    /// Something after a value where the next field was expected.
    AfterValue,
    /// A line in a block list without `- `.
    MissingDash,
    /// A line that is neither `name: value` nor a list item.
    NoColon,
    /// A second document, or a first one indented.
    Documents,
    /// A value starting with a character YAML keeps for itself.
    Reserved,
    /// A byte-order mark after the start.
    Bom,
    /// Anything else: the parser's words are shown.
    Other,
}

impl Problem {
    /// The kind of mistake behind saphyr-parser's error text.
    fn of(info: &str) -> Problem {
        let has = |s: &str| info.contains(s);
        if has("':' must be followed by a valid YAML whitespace") {
            Problem::TabAfterColon
        } else if has("tab") {
            Problem::Tab
        } else if has("did not find expected key")
            || has("invalid trailing content after")
            || has("misplaced bracket")
        {
            Problem::AfterValue
        } else if has("escape") || has("hexadecimal") {
            Problem::Escape
        } else if has("quoted scalar") {
            Problem::Quote
        } else if has("mapping values are not allowed") {
            Problem::Colon
        } else if has("did not find expected '-' indicator") {
            Problem::MissingDash
        } else if has("simple key expect") {
            Problem::NoColon
        } else if has("byte order mark") {
            Problem::Bom
        } else if has("<document start>") || has("<document-start>") {
            Problem::Documents
        } else if has("unexpected character")
            || has("unknown anchor")
            || has("while scanning an anchor or alias")
            || has("while scanning a tag")
            || has("while parsing a tag")
        {
            Problem::Reserved
        } else {
            Problem::Other
        }
    }
}

/// A key written twice in one mapping.
pub(crate) struct Twice {
    /// The key.
    key: String,
    /// Where it is written first.
    first: Range<usize>,
    /// Where it is written again.
    second: Range<usize>,
}

/// A list or mapping whose end has not been read yet.
struct Open {
    /// Where its text begins: its bracket, first `-` or first key.
    start: usize,
    /// Written as `[...]` or `{...}`.
    flow: bool,
    /// The anchor id (`&name`) it is saved under, 0 for none.
    anchor: usize,
    /// What it holds so far.
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        /// The key read, waiting for its value.
        key: Option<(String, Range<usize>)>,
    },
}

/// Builds nodes from the parser's events.
struct Reader<'a> {
    /// The whole file's text.
    file: &'a str,
    /// The YAML part of it, which the parser reads.
    text: &'a str,
    /// Where `text` begins in the file.
    base: usize,
    /// Whether `text` is ASCII, so that character indexes are byte offsets.
    ascii: bool,
    /// The last character index turned into a byte offset, and that offset
    /// (relative to `text`): events come in file order, so each look-up
    /// walks on from the last.
    cursor: (usize, usize),
    stack: Vec<Open>,
    root: Option<Node>,
    /// Documents read to their end.
    documents: usize,
    /// The nodes saved under anchor ids (`&name`), by id.
    anchors: Vec<Option<Node>>,
    /// Nodes copied by aliases so far.
    copied: usize,
    /// The repeated key written earliest in the file, if any.
    twice: Option<Twice>,
}

impl<'a> Reader<'a> {
    fn new(file: &'a str, range: Range<usize>) -> Self {
        let text = &file[range.clone()];
        Reader {
            file,
            text,
            base: range.start,
            ascii: text.is_ascii(),
            cursor: (0, 0),
            stack: Vec::new(),
            root: None,
            documents: 0,
            anchors: Vec::new(),
            copied: 0,
            twice: None,
        }
    }

    /// The byte offset in the file of the parser's character index.
    fn offset(&mut self, mark: Marker) -> usize {
        let index = mark.index();
        if self.ascii {
            return self.base + index.min(self.text.len());
        }
        let (mut chars, mut bytes) = self.cursor;
        if index >= chars {
            for c in self.text[bytes..].chars() {
                if chars == index {
                    break;
                }
                chars += 1;
                bytes += c.len_utf8();
            }
        } else {
            for c in self.text[..bytes].chars().rev() {
                if chars == index {
                    break;
                }
                chars -= 1;
                bytes -= c.len_utf8();
            }
        }
        self.cursor = (chars, bytes);
        self.base + bytes
    }

    /// The byte range in the file of an event's span, without the anchor
    /// and tag (`&name`, `!!str`) written before the value.
    fn range(&mut self, span: saphyr_parser::Span) -> Range<usize> {
        let start = self.offset(span.start);
        let end = self.offset(span.end).max(start);
        self.skip_properties(start, end)..end
    }

    /// The byte range of a scalar's text: a quoted one to its closing quote,
    /// others without the spaces and line breaks after them.
    fn scalar_range(&mut self, span: saphyr_parser::Span, style: ScalarStyle) -> Range<usize> {
        let range = self.range(span);
        let text = &self.file[range.clone()];
        let len = match style {
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => closing_quote(text),
            _ => None,
        };
        let len = len.unwrap_or_else(|| text.trim_end().len());
        // An empty value is placed by the parser on the colon before it;
        // it is written (as nothing) after it.
        if len == 0 && self.file[range.start..].starts_with(':') {
            return range.start + 1..range.start + 1;
        }
        range.start..range.start + len
    }

    /// Past the anchors and tags at `start`, and the spaces, line breaks
    /// and comments after them; at most to `end`.
    fn skip_properties(&self, start: usize, end: usize) -> usize {
        let bytes = self.file.as_bytes();
        let mut at = start;
        while at < end && matches!(bytes[at], b'&' | b'!') {
            while at < end && !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            while at < end {
                match bytes[at] {
                    b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                    b'#' => {
                        while at < end && bytes[at] != b'\n' {
                            at += 1;
                        }
                    }
                    _ => break,
                }
            }
        }
        at.min(end)
    }

    /// Takes in one event; a mistake quire finds itself stops the reading.
    fn event(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> Result<(), Failure> {
        match event {
            Event::DocumentStart(_) if self.documents > 0 => {
                let at = self.offset(span.start);
                Err(self.failure(Problem::Documents, "more than one document", at))
            }
            Event::DocumentEnd => {
                self.documents += 1;
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => {
                let range = self.scalar_range(span, style);
                if self.wants_key() {
                    // A key is text as written: `1.50:` stays `1.50`.
                    return self.finish_key(value.into_owned(), range, anchor);
                }
                let kind = scalar(value, style, tag.as_deref());
                self.finish(Node { span: range, kind }, anchor)
            }
            Event::Alias(id) => {
                let range = self.range(span);
                let Some(size) = self
                    .anchors
                    .get(id)
                    .and_then(Option::as_ref)
                    .map(Node::size)
                else {
                    let words = "an alias (`*name`) refers to the value that holds it";
                    return Err(self.failure(Problem::Other, words, range.start));
                };
                self.copied += size;
                if self.copied > MAX_ALIAS_NODES {
                    let words = "the aliases (`*name`) repeat too many values";
                    return Err(self.failure(Problem::Other, words, range.start));
                }
                // The copy keeps the positions of the text it copies; only
                // its root is where the alias is written.
                let kind = match self.anchors.get(id) {
                    Some(Some(saved)) => saved.kind.clone(),
                    _ => NodeKind::Null,
                };
                self.finish(Node { span: range, kind }, 0)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let range = self.range(span);
                if self.stack.len() >= MAX_DEPTH {
                    let words = format!("the values are nested more than {MAX_DEPTH} levels deep");
                    return Err(self.failure(Problem::Other, &words, range.start));
                }
                let body = if matches!(event, Event::SequenceStart(..)) {
                    Body::Seq(Vec::new())
                } else {
                    Body::Map {
                        entries: Vec::new(),
                        key: None,
                    }
                };
                self.stack.push(Open {
                    start: range.start,
                    flow: !range.is_empty(),
                    anchor,
                    body,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                // A flow end's span starts at its bracket (and may run on
                // over a comment after it).
                let bracket = self.offset(span.start);
                let Some(open) = self.stack.pop() else {
                    return Ok(());
                };
                let kind = match open.body {
                    Body::Seq(items) => NodeKind::Seq(items),
                    Body::Map { entries, .. } => {
                        self.check_keys(&entries);
                        NodeKind::Map(entries)
                    }
                };
                // A `[...]` ends at its bracket; a block at its last value.
                let end = if open.flow {
                    bracket + 1
                } else {
                    match &kind {
                        NodeKind::Seq(items) => items.last().map(|n| n.span.end),
                        NodeKind::Map(entries) => entries.last().map(|e| e.value.span.end),
                        _ => None,
                    }
                    .unwrap_or(open.start)
                };
                let node = Node {
                    span: open.start..end.max(open.start),
                    kind,
                };
                if self.wants_key() {
                    let key = self.file[node.span.clone()].trim().to_string();
                    return self.finish_key(key, node.span, open.anchor);
                }
                self.finish(node, open.anchor)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {
                Ok(())
            }
        }
    }

    /// True when the next node completed is a mapping's key.
    fn wants_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open {
                body: Body::Map { key: None, .. },
                ..
            })
        )
    }

    /// A complete node: saved under its anchor, then put in its parent.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), Failure> {
        if anchor > 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            self.anchors[anchor] = Some(node.clone());
        }
        match self.stack.last_mut().map(|open| &mut open.body) {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Body::Seq(items)) => items.push(node),
            Some(Body::Map { entries, key }) => match key.take() {
                Some((key, key_span)) => entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
                // An alias used as a key.
                None => {
                    let text = match &node.kind {
                        NodeKind::Str(s) | NodeKind::Number(s) => s.clone(),
                        _ => self.file[node.span.clone()].trim().to_string(),
                    };
                    *key = Some((text, node.span));
                }
            },
        }
        Ok(())
    }

    /// A complete key of the innermost mapping.
    fn finish_key(
        &mut self,
        text: String,
        span: Range<usize>,
        anchor: usize,
    ) -> Result<(), Failure> {
        if anchor > 0 {
            let node = Node {
                span: span.clone(),
                kind: NodeKind::Str(text.clone()),
            };
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            self.anchors[anchor] = Some(node);
        }
        if let Some(Open {
            body: Body::Map { key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *key = Some((text, span));
        }
        Ok(())
    }

    /// Notes the first repeated key of a finished mapping, when it comes
    /// earlier in the file than the one noted already.
    fn check_keys(&mut self, entries: &[Entry]) {
        let second = if entries.len() <= 16 {
            entries.iter().enumerate().find_map(|(i, e)| {
                entries[..i]
                    .iter()
                    .find(|earlier| earlier.key == e.key)
                    .map(|first| (first, e))
            })
        } else {
            let mut order: Vec<usize> = (0..entries.len()).collect();
            order.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key).then(a.cmp(&b)));
            order
                .windows(2)
                .filter(|w| entries[w[0]].key == entries[w[1]].key)
                .min_by_key(|w| w[1])
                .map(|w| (&entries[w[0]], &entries[w[1]]))
        };
        let Some((first, second)) = second else {
            return;
        };
        if self
            .twice
            .as_ref()
            .is_some_and(|t| t.second.start <= second.key_span.start)
        {
            return;
        }
        self.twice = Some(Twice {
            key: second.key.clone(),
            first: first.key_span.clone(),
            second: second.key_span.clone(),
        });
    }

    /// A failure at `at`, with what is open there.
    fn failure(&self, problem: Problem, words: &str, at: usize) -> Failure {
        let at = crate::diag::floor_char_boundary(
            self.file,
            at.clamp(self.base, self.base + self.text.len()),
        );
        let list = self
            .stack
            .iter()
            .rev()
            .find(|open| !open.flow && matches!(open.body, Body::Seq(_)))
            .map(|open| open.start);
        let flow = self
            .stack
            .last()
            .filter(|open| open.flow)
            .map(|open| open.start);
        Failure {
            problem,
            words: words.to_string(),
            at,
            list,
            flow,
        }
    }

    /// The failure for the parser's error.
    fn scan_failure(&mut self, err: &ScanError) -> Failure {
        let info = err.info();
        let at = self.offset(*err.marker());
        // "while parsing a block mapping, did not find expected key": the
        // problem without the parser's state.
        let words = match info.split_once(", ") {
            Some((context, problem)) if context.starts_with("while ") => problem,
            _ => info,
        };
        self.failure(Problem::of(info), words, at)
    }
}

/// The length of the quoted text at the start of `text`, both quotes
/// included (`\"` and `''` are no closing quotes).
fn closing_quote(text: &str) -> Option<usize> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|&(_, c)| c == '\'') {
                chars.next();
            } else {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The value of a scalar: YAML 1.2's core schema, as serde_yaml read it
/// before (a number with leading zeros, `012`, is text).
fn scalar(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> NodeKind {
    let plain = style == ScalarStyle::Plain
        && !tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
    if !plain {
        return NodeKind::Str(value.into_owned());
    }
    match value.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => NodeKind::Null,
        "true" | "True" | "TRUE" => NodeKind::Bool(true),
        "false" | "False" | "FALSE" => NodeKind::Bool(false),
        text => match number(text) {
            Some(number) => NodeKind::Number(number),
            None => NodeKind::Str(value.into_owned()),
        },
    }
}

/// The text of `text` read as a number: as written, except that
/// hexadecimal, octal and binary integers are given in decimal and the
/// infinities and not-a-number are spelt `.inf`, `-.inf` and `.nan`.
fn number(text: &str) -> Option<String> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if unsigned.starts_with(['+', '-']) {
        return None;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = unsigned.strip_prefix(prefix) {
            if digits.starts_with(['+', '-']) {
                return None;
            }
            let value = u128::from_str_radix(digits, radix).ok()?;
            return Some(format!("{}{value}", if negative { "-" } else { "" }));
        }
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative { "-.inf" } else { ".inf" }.to_string());
        }
        ".nan" | ".NaN" | ".NAN" if text == unsigned => return Some(".nan".to_string()),
        _ => {}
    }
    // Leading zeros make text, as in `012` (YAML 1.2).
    let leading_zero = unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.bytes().all(|b| b.is_ascii_digit());
    let digits = !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit());
    let float = unsigned.parse::<f64>().is_ok_and(f64::is_finite)
        && unsigned.bytes().any(|b| b.is_ascii_digit());
    ((digits || float) && !leading_zero).then(|| text.to_string())
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
            ("title: x\n---\nnumber: 1\n", "`---` line", (2, 1)),
        ];
        for (text, says, at) in cases {
            let (err, found) = error(text);
            assert_eq!(err.code, Code::YamlSyntax);
            assert!(err.message.contains(says), "{text:?}: {}", err.message);
            assert_eq!(found, *at, "{text:?}: {}", err.message);
            assert!(!err.message.contains("YAML:"), "{text:?}: {}", err.message);
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
    fn parser_errors_of_saphyr_become_the_editors_mistakes() {
        let cases: &[(&str, &str, (usize, usize))] = &[
            // The parser stops on the value above the line with the tab.
            (
                "authors:\n  - name: A\n\torcid: x\n",
                "indented with a tab",
                (3, 1),
            ),
            ("title:\tx\n", "a tab follows the colon of `title`", (1, 7)),
            (
                "title: \"Regional\nIntegration\"\n",
                "lines after the first are not indented",
                (1, 8),
            ),
            ("title: \"bad \\q\"\n", "`\\q` in double quotes", (1, 13)),
            ("title: \"\\x4\"\n", "2 hexadecimal digits", (1, 9)),
            ("keywords: [a, b]]\n", "starts with `[`", (1, 11)),
            (
                "extra: {a: [b, c}\nx: 1\n",
                "opened with `[` is never closed",
                (1, 12),
            ),
            ("- [a, b\n- c\n", "opened with `[` is never closed", (1, 3)),
            ("title: x\n...\nnumber: 1\n", "`---` line", (2, 1)),
            ("  title: x\nnumber: 1\n", "first field is indented", (1, 3)),
            (
                "title: x\nabstract The\n\n# note\nn: 1\n",
                "not a `name: value`",
                (2, 1),
            ),
            ("title: x\nabstract The", "not a `name: value`", (2, 1)),
            ("title: x\n\u{feff}n: 1\n", "byte-order mark", (2, 1)),
            ("title: *home\n", "starts with `*`", (1, 8)),
            (
                "title: \"Ёжик\" ёлка\n",
                "after its closing quotation mark",
                (1, 15),
            ),
        ];
        for (text, says, at) in cases {
            let (err, found) = error(text);
            assert_eq!(err.code, Code::YamlSyntax);
            assert!(err.message.contains(says), "{text:?}: {}", err.message);
            assert_eq!(found, *at, "{text:?}: {}", err.message);
            let range = &err.primary.0.range;
            assert!(
                err.primary.0.file.text().is_char_boundary(range.end),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_block_list_missing_a_dash_shows_where_the_list_starts() {
        let (err, at) = error("- a\nb: c\n");
        assert!(err.message.contains("does not start with `- `"));
        assert_eq!(at, (2, 1));
        assert_eq!(err.secondary[0].0.line_col(), (1, 1));
    }

    #[test]
    fn the_first_repeated_key_in_the_file_is_reported() {
        let (err, at) = error("a:\n  b: 1\n  b: 2\nb: 3\nb: 4\n");
        assert_eq!(err.message, "`b` is written twice");
        assert_eq!((at, err.secondary[0].0.line_col()), ((3, 3), (2, 3)));
        // A long mapping is checked by sorting; the same answer.
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k7: again\nk3: again\n");
        let (err, at) = error(&text);
        assert_eq!(err.message, "`k7` is written twice");
        assert_eq!((at, err.secondary[0].0.line_col()), ((41, 1), (8, 1)));
        // A quoted key is the same key; a syntax error comes first.
        let (err, _) = error("title: a\n\"title\": b\n");
        assert_eq!(err.message, "`title` is written twice");
        let (err, _) = error("a: 1\na: 2\nb: [\n");
        assert!(err.message.contains("never closed"), "{}", err.message);
    }

    #[test]
    fn scalar_spans_are_exact() {
        let (file, node) = parse_all(
            "a: \"x\" # note\nb: 'it''s'   \nc: |\n  one\n  two\n\nd: &n plain\ne: !!str 12\nf:\n",
        );
        let map = node.as_map().unwrap();
        let spans: Vec<&str> = map.iter().map(|e| at(&file, &e.value.span)).collect();
        assert_eq!(spans, ["\"x\"", "'it''s'", "one\n  two", "plain", "12", ""]);
        assert!(matches!(&map[4].value.kind, NodeKind::Str(s) if s == "12"));
        assert!(map[5].value.is_null());
        assert_eq!(file.line_col(map[5].value.span.start), (9, 3));
        assert_eq!(at(&file, &node.span), &file.text()[..file.text().len() - 1]);
    }

    #[test]
    fn collections_cover_their_text() {
        let (file, node) =
            parse_all("extra: {series: \"W, P\", n: [1, 2]} # c\nlist:\n  - a\n  - b # c\n");
        let map = node.as_map().unwrap();
        assert_eq!(
            at(&file, &map[0].value.span),
            "{series: \"W, P\", n: [1, 2]}"
        );
        assert_eq!(at(&file, &map[1].value.span), "- a\n  - b");
        let (file, node) = parse_all("\"quoted\": 1\n[a, b]: 2\n");
        let map = node.as_map().unwrap();
        assert_eq!(
            (map[0].key.as_str(), at(&file, &map[0].key_span)),
            ("quoted", "\"quoted\"")
        );
        assert_eq!(
            (map[1].key.as_str(), at(&file, &map[1].key_span)),
            ("[a, b]", "[a, b]")
        );
    }

    #[test]
    fn positions_count_bytes_in_any_script_and_line_ending() {
        let (file, node) = parse_all("имя: Ёжик 😀\r\nгод: 2020\r\nx: [ä, ö]\r\n");
        let map = node.as_map().unwrap();
        assert_eq!(at(&file, &map[0].value.span), "Ёжик 😀");
        assert_eq!(at(&file, &map[1].key_span), "год");
        assert_eq!(file.line_col(map[1].value.span.start), (2, 6));
        let NodeKind::Seq(items) = &map[2].value.kind else {
            panic!()
        };
        assert_eq!(at(&file, &items[1].span), "ö");
    }

    #[test]
    fn aliases_copy_their_anchor_and_merge_keys_stay_keys() {
        let (file, node) = parse_all("base: &b\n  x: 1\nuse: *b\nother:\n  <<: *b\n");
        let map = node.as_map().unwrap();
        assert_eq!(at(&file, &map[1].value.span), "*b");
        let copied = map[1].value.as_map().unwrap();
        // The copy points at the text it copies.
        assert_eq!(file.line_col(copied[0].key_span.start), (2, 3));
        assert_eq!(copied[0].value.as_text(), Some("1"));
        let other = map[2].value.as_map().unwrap();
        assert_eq!(other[0].key, "<<");
        assert!(other[0].value.as_map().is_some());
    }

    #[test]
    fn aliases_and_nesting_are_bounded() {
        let (err, at) = error("a: &x [1, *x]\n");
        assert!(
            err.message.contains("refers to the value that holds it"),
            "{}",
            err.message
        );
        assert_eq!(at, (1, 11));
        // Ten levels of ten aliases each: 10^10 values if copied out.
        let mut text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n".to_string();
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "l{i}: &l{i} [{}]\n",
                vec![format!("*l{p}"); 10].join(", ")
            ));
        }
        let (err, _) = error(&text);
        assert!(err.message.contains("too many values"), "{}", err.message);
        let deep = format!("a: {}x{}\n", "[".repeat(200), "]".repeat(200));
        let (err, at) = error(&deep);
        assert!(
            err.message.contains("nested more than 128 levels"),
            "{}",
            err.message
        );
        assert_eq!(at, (1, 4 + 127));
        let (err, _) = error(&"- ".repeat(20_000));
        assert!(
            err.message.contains("nested more than 128 levels"),
            "{}",
            err.message
        );
    }

    #[test]
    fn scalars_resolve_as_yaml_1_2() {
        let (_, node) = parse_all(
            "a: 0x1F\nb: 012\nc: 1e3\nd: -.5\ne: +1\nf: .Inf\ng: 1_000\nh: nan\ni: ~\nj: False\nk: yes\nl: '1'\nm: 99999999999999999999999\n",
        );
        let got: Vec<String> = node
            .as_map()
            .unwrap()
            .iter()
            .map(|e| match &e.value.kind {
                NodeKind::Number(n) => format!("num {n}"),
                NodeKind::Str(s) => format!("str {s}"),
                NodeKind::Bool(b) => format!("bool {b}"),
                NodeKind::Null => "null".to_string(),
                _ => "other".to_string(),
            })
            .collect();
        assert_eq!(
            got,
            [
                "num 31",
                "str 012",
                "num 1e3",
                "num -.5",
                "num +1",
                "num .inf",
                "str 1_000",
                "str nan",
                "null",
                "bool false",
                "str yes",
                "str 1",
                "num 99999999999999999999999",
            ]
        );
    }

    #[test]
    fn a_large_text_is_read() {
        let mut text = String::from("title: Большой текст\nkeywords:\n");
        for i in 0..20_000 {
            text.push_str(&format!("  - ключевое слово {i}\n"));
        }
        let (file, node) = parse_all(&text);
        let NodeKind::Seq(items) = &node.as_map().unwrap()[1].value.kind else {
            panic!()
        };
        assert_eq!(items.len(), 20_000);
        assert_eq!(at(&file, &items[19_999].span), "ключевое слово 19999");
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

//! Markdown to JATS 1.3 elements, as quick-xml events.
//!
//! The parser is pulldown-cmark with the options the HTML renderer uses, so
//! a text means the same on the page and in the XML. What JATS cannot nest
//! is rearranged, never dropped: the schema lets `<list-item>`, `<fn>` and
//! an `<abstract>`'s top level hold only paragraphs, so any other block
//! there (a quote, code, a table, a figure) is wrapped in a `<p>`, which
//! may hold them; a tight list item's bare text gets a `<p>` of its own;
//! top-level headings become nested `<sec>`s (a stack by level, so a level
//! that skips ahead is simply one deeper), and a heading inside a list or a
//! quote becomes a bold paragraph. Raw HTML is text, never markup.
//!
//! The events own their text, so a caller can keep them (footnotes go to
//! `<back>`, written after the body) and write them with any
//! `quick_xml::Writer`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Alignment, Event as Md, LinkType, Parser, Tag, TagEnd};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::xml::xml_safe;

/// An XML event that owns its data.
pub type XmlEvent = Event<'static>;

/// Where a text's footnotes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footnotes {
    /// `<xref ref-type="fn">` in the text; the `<fn>` elements in
    /// [`Converted::footnotes`], for a `<fn-group>` in `<back>`.
    Back,
    /// For texts without back matter (abstracts): the mark as `<sup>`, the
    /// note as paragraphs where it is written, its first one led by the mark.
    /// The top level then takes paragraphs only, as `<abstract>`'s does.
    Inline,
}

/// How to convert.
pub struct Options<'a> {
    /// The element name prefix: `""`, or `"jats:"` for Crossref.
    pub prefix: &'a str,
    /// Where footnotes go.
    pub footnotes: Footnotes,
    /// The start of footnote ids (`fn` gives `fn-1`, `fn-2`); must start
    /// like an XML name and be unique in the document.
    pub id_prefix: &'a str,
    /// Turns a link or image address into the one to write; `None` drops
    /// the address (an unsafe scheme).
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
}

/// A converted text.
#[derive(Debug, Default)]
pub struct Converted {
    /// Block-level elements, for `<body>`, `<abstract>` or a `<sec>`.
    pub blocks: Vec<XmlEvent>,
    /// `<fn>` elements, for a `<fn-group>` (empty unless [`Footnotes::Back`]).
    pub footnotes: Vec<XmlEvent>,
}

/// Converts a Markdown text to block-level JATS elements.
pub fn blocks(markdown: &str, options: &Options<'_>) -> Converted {
    let events: Vec<Md<'_>> = Parser::new_ext(markdown, crate::model::prose::options()).collect();
    let mut converter = Converter::new(options, &events, false);
    converter.run(&events);
    converter.finish()
}

/// Converts inline Markdown (a title) to JATS inline content: emphasis,
/// links and the like; blocks are joined with a space, images give their
/// description, footnotes their mark.
pub fn inline(markdown: &str, options: &Options<'_>) -> Vec<XmlEvent> {
    let events: Vec<Md<'_>> = Parser::new_ext(markdown, crate::model::prose::options()).collect();
    let mut converter = Converter::new(options, &events, true);
    converter.run(&events);
    converter.finish().blocks
}

/// What a container may hold directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Any block (`<body>`, `<sec>`, `<disp-quote>`).
    Flow,
    /// Paragraphs only (`<list-item>`, `<fn>`, an abstract's top level).
    Paras,
    /// Text and inline elements.
    Inline,
    /// Fixed children only (`<list>`, `<table>`).
    Structure,
}

/// An open Markdown container and the elements it opened.
#[derive(Debug)]
struct Frame {
    /// Local element names to close, innermost first.
    closes: Vec<&'static str>,
    kind: Kind,
    /// A `<p>` opened for bare inline content.
    implicit_p: bool,
    /// Blocks written inside.
    children: usize,
    /// A footnote written to the back matter.
    note: bool,
    /// A table whose `<tbody>` is open.
    tbody: bool,
}

impl Frame {
    fn new(closes: Vec<&'static str>, kind: Kind) -> Frame {
        Frame {
            closes,
            kind,
            implicit_p: false,
            children: 0,
            note: false,
            tbody: false,
        }
    }
}

struct Converter<'o, 'a> {
    options: &'o Options<'a>,
    inline_only: bool,
    out: Vec<XmlEvent>,
    notes: Vec<XmlEvent>,
    /// How many back-matter footnotes are open (writes go to `notes`).
    in_note: usize,
    stack: Vec<Frame>,
    /// Levels of the open `<sec>`s.
    secs: Vec<u8>,
    /// Footnote label to number, in order of definition.
    numbers: HashMap<String, usize>,
    /// Definitions seen so far.
    defined: usize,
    /// Labels whose `<fn>` is written.
    written_labels: HashSet<String>,
    /// A footnote mark to write at the start of the next paragraph.
    pending_mark: Option<String>,
    /// Inside an image: its description so far and the nesting depth.
    image: Option<(String, usize, Option<String>, bool)>,
    /// The next paragraph holds a lone image: write it as a figure.
    figure_next: bool,
    aligns: Vec<Alignment>,
    /// The open table has rows besides its header.
    table_has_rows: bool,
    cell: usize,
    in_head: bool,
    /// Something was written in inline-only mode (for block separators).
    wrote_inline: bool,
}

impl<'o, 'a> Converter<'o, 'a> {
    fn new(options: &'o Options<'a>, events: &[Md<'_>], inline_only: bool) -> Self {
        let mut numbers = HashMap::new();
        for event in events {
            if let Md::Start(Tag::FootnoteDefinition(label)) = event {
                let next = numbers.len() + 1;
                numbers.entry(label.to_string()).or_insert(next);
            }
        }
        let root_kind = if inline_only {
            Kind::Inline
        } else if options.footnotes == Footnotes::Inline {
            Kind::Paras
        } else {
            Kind::Flow
        };
        Converter {
            options,
            inline_only,
            out: Vec::new(),
            notes: Vec::new(),
            in_note: 0,
            stack: vec![Frame::new(Vec::new(), root_kind)],
            secs: Vec::new(),
            numbers,
            defined: 0,
            written_labels: HashSet::new(),
            pending_mark: None,
            image: None,
            figure_next: false,
            aligns: Vec::new(),
            table_has_rows: false,
            cell: 0,
            in_head: false,
            wrote_inline: false,
        }
    }

    fn run(&mut self, events: &[Md<'_>]) {
        for (i, event) in events.iter().enumerate() {
            if self.image.is_some() {
                self.in_image(event);
                continue;
            }
            match event {
                Md::Start(tag) => {
                    if matches!(tag, Tag::Paragraph) && lone_image(events, i) {
                        self.figure_next = true;
                    }
                    if matches!(tag, Tag::Table(_)) {
                        self.table_has_rows = table_has_rows(events, i);
                    }
                    self.start(tag);
                }
                Md::End(end) => self.end(*end),
                Md::Text(t) => self.text(t),
                Md::Code(t) => self.leaf_inline("monospace", t),
                Md::InlineMath(t) | Md::DisplayMath(t) | Md::Html(t) | Md::InlineHtml(t) => {
                    self.text(t)
                }
                Md::FootnoteReference(label) => self.footnote_reference(label),
                Md::SoftBreak | Md::HardBreak => self.text(" "),
                Md::Rule => {}
                Md::TaskListMarker(done) => self.text(if *done { "[x] " } else { "[ ] " }),
            }
        }
    }

    fn finish(mut self) -> Converted {
        self.close_implicit_p();
        while self.secs.pop().is_some() {
            self.end_element("sec", true);
        }
        Converted {
            blocks: self.out,
            footnotes: self.notes,
        }
    }

    // Writing.

    fn name(&self, local: &str) -> String {
        format!("{}{local}", self.options.prefix)
    }

    fn push(&mut self, event: XmlEvent) {
        if self.in_note > 0 {
            self.notes.push(event);
        } else {
            self.out.push(event);
        }
    }

    fn start_element(&mut self, local: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(self.name(local));
        for (key, value) in attrs {
            start.push_attribute((*key, &*xml_safe(value)));
        }
        self.push(Event::Start(start));
    }

    fn end_element(&mut self, local: &str, newline: bool) {
        self.push(Event::End(BytesEnd::new(self.name(local))));
        if newline {
            self.push(Event::Text(BytesText::new("\n").into_owned()));
        }
    }

    fn empty_element(&mut self, local: &str) {
        self.push(Event::Empty(BytesStart::new(self.name(local))));
    }

    fn raw_text(&mut self, text: &str) {
        let clean = xml_safe(text);
        if !clean.is_empty() {
            self.push(Event::Text(BytesText::new(&clean).into_owned()));
        }
    }

    fn top(&mut self) -> &mut Frame {
        self.stack
            .last_mut()
            .expect("the root frame is never popped")
    }

    /// The kind of the innermost container (an open section counts at the
    /// top level).
    fn kind(&self) -> Kind {
        let top = self.stack.last().expect("the root frame is never popped");
        if self.stack.len() == 1 && !self.secs.is_empty() {
            Kind::Flow
        } else {
            top.kind
        }
    }

    // Blocks.

    fn close_implicit_p(&mut self) {
        if self.top().implicit_p {
            self.top().implicit_p = false;
            self.end_element("p", true);
        }
    }

    /// Opens `elements` as a block in the current container (wrapped in a
    /// `<p>` where only paragraphs may stand) and pushes their frame.
    fn open_block(&mut self, elements: &[(&'static str, Vec<(&str, String)>)], kind: Kind) {
        if self.inline_only {
            self.block_separator();
            self.stack.push(Frame::new(Vec::new(), Kind::Inline));
            return;
        }
        let parent = self.kind();
        if parent == Kind::Inline || parent == Kind::Structure {
            // A block where none can stand (never made by the parser): its
            // content is kept, its element left out.
            self.stack.push(Frame::new(Vec::new(), parent));
            return;
        }
        self.close_implicit_p();
        self.top().children += 1;
        let mut closes = Vec::new();
        let is_p = elements.first().is_some_and(|(name, _)| *name == "p");
        if parent == Kind::Paras && !is_p {
            self.start_p();
            closes.push("p");
        }
        for (name, attrs) in elements {
            let borrowed: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if *name == "p" {
                self.start_p();
            } else {
                self.start_element(name, &borrowed);
            }
            if kind != Kind::Inline {
                self.raw_text("\n");
            }
            closes.push(name);
        }
        closes.reverse();
        self.stack.push(Frame::new(closes, kind));
    }

    /// `<p>`, led by a pending footnote mark.
    fn start_p(&mut self) {
        self.start_element("p", &[]);
        if let Some(mark) = self.pending_mark.take() {
            self.start_element("sup", &[]);
            self.raw_text(&mark);
            self.end_element("sup", false);
            self.raw_text(" ");
        }
    }

    fn close_frame(&mut self) {
        self.close_implicit_p();
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if self.stack.is_empty() {
            // Never the root: put it back.
            self.stack.push(frame);
            return;
        }
        if frame.tbody {
            self.end_element("tbody", true);
        }
        let needs_p =
            matches!(frame.closes.first(), Some(&"list-item") | Some(&"fn")) && frame.children == 0;
        if needs_p {
            self.empty_element("p");
        }
        for name in &frame.closes {
            self.end_element(name, frame.kind != Kind::Inline || *name == "p");
        }
        if frame.note {
            self.in_note -= 1;
        }
    }

    /// Makes room for inline content: a `<p>` of its own where the
    /// container takes blocks only.
    fn ensure_inline(&mut self) {
        if self.inline_only {
            self.wrote_inline = true;
            return;
        }
        match self.kind() {
            Kind::Flow | Kind::Paras if !self.top().implicit_p => {
                self.top().children += 1;
                self.start_p();
                self.top().implicit_p = true;
            }
            _ => {}
        }
    }

    fn block_separator(&mut self) {
        if self.wrote_inline {
            self.raw_text(" ");
            self.wrote_inline = false;
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Paragraph if self.figure_next => {
                self.figure_next = false;
                self.open_block(&[("fig", Vec::new())], Kind::Structure);
            }
            Tag::Paragraph | Tag::HtmlBlock => self.open_block(&[("p", Vec::new())], Kind::Inline),
            Tag::Heading { level, .. } => self.heading(*level as u8),
            Tag::BlockQuote(_) => self.open_block(&[("disp-quote", Vec::new())], Kind::Flow),
            Tag::CodeBlock(_) => self.open_block(&[("preformat", Vec::new())], Kind::Inline),
            Tag::List(start) => {
                let kind = if start.is_some() { "order" } else { "bullet" };
                self.open_block(
                    &[("list", vec![("list-type", kind.to_string())])],
                    Kind::Structure,
                );
            }
            Tag::Item => self.structural("list-item", Kind::Paras),
            Tag::FootnoteDefinition(label) => self.footnote_definition(label),
            Tag::Table(aligns) => {
                self.aligns = aligns.clone();
                self.open_block(
                    &[("table-wrap", Vec::new()), ("table", Vec::new())],
                    Kind::Structure,
                );
            }
            Tag::TableHead => {
                self.in_head = true;
                self.cell = 0;
                // A table of one header row: the row is the body (the
                // schema wants a `<tbody>`), its cells still `<th>`.
                let group = if self.table_has_rows {
                    "thead"
                } else {
                    "tbody"
                };
                self.structural(group, Kind::Structure);
                self.structural_row();
            }
            Tag::TableRow => {
                self.cell = 0;
                if !self.inline_only && !self.top().tbody {
                    self.top().tbody = true;
                    self.start_element("tbody", &[]);
                }
                self.structural_row();
            }
            Tag::TableCell => self.table_cell(),
            Tag::Emphasis => self.open_inline("italic", &[]),
            Tag::Strong => self.open_inline("bold", &[]),
            Tag::Strikethrough => self.open_inline("strike", &[]),
            Tag::Superscript => self.open_inline("sup", &[]),
            Tag::Subscript => self.open_inline("sub", &[]),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.link(*link_type, dest_url),
            Tag::Image { dest_url, .. } => {
                let src = (self.options.resolve)(dest_url);
                let figure = self.kind() == Kind::Structure && !self.inline_only;
                if !figure {
                    self.ensure_inline();
                }
                self.image = Some((String::new(), 1, src, figure));
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {
                let kind = self.kind();
                self.stack.push(Frame::new(Vec::new(), kind));
            }
        }
    }

    fn end(&mut self, end: TagEnd) {
        if end == TagEnd::TableHead {
            self.close_frame(); // the row
            self.in_head = false;
        }
        self.close_frame();
    }

    /// An element inside a list or table: never wrapped.
    fn structural(&mut self, name: &'static str, kind: Kind) {
        if self.inline_only {
            self.block_separator();
            self.stack.push(Frame::new(Vec::new(), Kind::Inline));
            return;
        }
        self.top().children += 1;
        self.start_element(name, &[]);
        self.raw_text("\n");
        self.stack.push(Frame::new(vec![name], kind));
    }

    fn structural_row(&mut self) {
        self.structural("tr", Kind::Structure);
    }

    fn table_cell(&mut self) {
        let name = if self.in_head { "th" } else { "td" };
        let align = match self.aligns.get(self.cell) {
            Some(Alignment::Left) => Some("left"),
            Some(Alignment::Center) => Some("center"),
            Some(Alignment::Right) => Some("right"),
            _ => None,
        };
        self.cell += 1;
        if self.inline_only {
            self.block_separator();
            self.stack.push(Frame::new(Vec::new(), Kind::Inline));
            return;
        }
        match align {
            Some(a) => self.start_element(name, &[("align", a)]),
            None => self.start_element(name, &[]),
        }
        self.stack.push(Frame::new(vec![name], Kind::Inline));
    }

    /// A heading: a `<sec>` at the top level, a bold paragraph elsewhere.
    fn heading(&mut self, level: u8) {
        if self.inline_only || self.stack.len() > 1 {
            self.open_block(&[("p", Vec::new())], Kind::Inline);
            if !self.inline_only {
                self.start_element("bold", &[]);
                self.top().closes.insert(0, "bold");
            }
            return;
        }
        self.close_implicit_p();
        while self.secs.last().is_some_and(|open| *open >= level) {
            self.secs.pop();
            self.end_element("sec", true);
        }
        self.top().children += 1;
        self.start_element("sec", &[]);
        self.raw_text("\n");
        self.secs.push(level);
        self.start_element("title", &[]);
        self.stack.push(Frame::new(vec!["title"], Kind::Inline));
    }

    fn footnote_definition(&mut self, label: &str) {
        self.defined += 1;
        let number = self.numbers.get(label).copied().unwrap_or(self.defined);
        let mark = number.to_string();
        if self.options.footnotes == Footnotes::Back && self.in_note == 0 && !self.inline_only {
            self.in_note += 1;
            // A label defined twice: the first definition keeps the id the
            // marks point to, a later one gets an id of its own.
            let id = if self.written_labels.insert(label.to_string()) {
                format!("{}-{number}", self.options.id_prefix)
            } else {
                format!("{}-{number}-{}", self.options.id_prefix, self.defined)
            };
            self.start_element("fn", &[("id", &id)]);
            self.start_element("label", &[]);
            self.raw_text(&mark);
            self.end_element("label", false);
            let mut frame = Frame::new(vec!["fn"], Kind::Paras);
            frame.note = true;
            self.stack.push(frame);
        } else {
            if self.inline_only {
                self.block_separator();
                self.raw_text(&format!("{mark} "));
            } else {
                self.close_implicit_p();
                self.pending_mark = Some(mark);
            }
            let kind = self.kind();
            self.stack.push(Frame::new(Vec::new(), kind));
        }
    }

    fn footnote_reference(&mut self, label: &str) {
        self.ensure_inline();
        let Some(number) = self.numbers.get(label).copied() else {
            self.raw_text(&format!("[^{label}]"));
            return;
        };
        let mark = number.to_string();
        if self.options.footnotes == Footnotes::Back && !self.inline_only {
            let id = format!("{}-{number}", self.options.id_prefix);
            self.start_element("xref", &[("ref-type", "fn"), ("rid", &id)]);
            self.raw_text(&mark);
            self.end_element("xref", false);
        } else {
            self.start_element("sup", &[]);
            self.raw_text(&mark);
            self.end_element("sup", false);
        }
    }

    // Inline content.

    fn text(&mut self, text: &str) {
        self.ensure_inline();
        self.raw_text(text);
    }

    fn leaf_inline(&mut self, name: &str, text: &str) {
        self.ensure_inline();
        self.start_element(name, &[]);
        self.raw_text(text);
        self.end_element(name, false);
    }

    fn open_inline(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.ensure_inline();
        self.start_element(name, attrs);
        self.stack.push(Frame::new(vec![name], Kind::Inline));
    }

    fn link(&mut self, link_type: LinkType, dest: &str) {
        let address = if link_type == LinkType::Email {
            Some(format!("mailto:{dest}"))
        } else {
            (self.options.resolve)(dest)
        };
        match address {
            Some(href) if !href.is_empty() => self.open_inline(
                "ext-link",
                &[("ext-link-type", "uri"), ("xlink:href", &href)],
            ),
            _ => {
                self.ensure_inline();
                self.stack.push(Frame::new(Vec::new(), Kind::Inline));
            }
        }
    }

    /// Inside an image: gathers its description until it ends.
    fn in_image(&mut self, event: &Md<'_>) {
        let Some((alt, depth, _, _)) = self.image.as_mut() else {
            return;
        };
        match event {
            Md::Start(Tag::Image { .. }) => *depth += 1,
            Md::End(TagEnd::Image) => *depth -= 1,
            Md::Text(t) | Md::Code(t) | Md::InlineHtml(t) | Md::InlineMath(t) => alt.push_str(t),
            Md::SoftBreak | Md::HardBreak => alt.push(' '),
            _ => {}
        }
        if self
            .image
            .as_ref()
            .is_some_and(|(_, depth, _, _)| *depth == 0)
        {
            if let Some((alt, _, src, figure)) = self.image.take() {
                self.write_image(&alt, src.as_deref(), figure);
            }
        }
    }

    fn write_image(&mut self, alt: &str, src: Option<&str>, figure: bool) {
        if self.inline_only {
            self.raw_text(alt);
            return;
        }
        let name = if figure { "graphic" } else { "inline-graphic" };
        match src.filter(|s| !s.is_empty()) {
            Some(src) => self.start_element(name, &[("xlink:href", src)]),
            None => self.start_element(name, &[]),
        }
        if !alt.trim().is_empty() {
            self.start_element("alt-text", &[]);
            self.raw_text(alt.trim());
            self.end_element("alt-text", false);
        }
        self.end_element(name, figure);
    }
}

/// Whether the paragraph starting at `events[i]` holds one image and
/// nothing else.
fn lone_image(events: &[Md<'_>], i: usize) -> bool {
    if !matches!(events.get(i + 1), Some(Md::Start(Tag::Image { .. }))) {
        return false;
    }
    let mut depth = 0usize;
    for (j, event) in events.iter().enumerate().skip(i + 1) {
        match event {
            Md::Start(Tag::Image { .. }) => depth += 1,
            Md::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return matches!(events.get(j + 1), Some(Md::End(TagEnd::Paragraph)));
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether the table starting at `events[i]` has rows besides its header.
fn table_has_rows(events: &[Md<'_>], i: usize) -> bool {
    events[i..]
        .iter()
        .take_while(|e| !matches!(e, Md::End(TagEnd::Table)))
        .any(|e| matches!(e, Md::Start(Tag::TableRow)))
}

/// Writes `events` with `writer`.
pub fn write_events<W: std::io::Write>(
    writer: &mut quick_xml::Writer<W>,
    events: &[XmlEvent],
) -> std::io::Result<()> {
    for event in events {
        writer.write_event(event.clone())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(dest: &str) -> Option<String> {
        (!dest.starts_with("javascript:")).then(|| format!("https://example.org/a/{dest}"))
    }

    fn options(prefix: &'static str, footnotes: Footnotes) -> Options<'static> {
        Options {
            prefix,
            footnotes,
            id_prefix: "fn",
            resolve: &keep,
        }
    }

    /// The events as a document under `<root>`, for roxmltree.
    fn document(events: &[XmlEvent]) -> String {
        let mut writer = quick_xml::Writer::new(Vec::new());
        write_events(&mut writer, events).unwrap();
        format!(
            "<root xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:jats=\"urn:jats\">{}</root>",
            String::from_utf8(writer.into_inner()).unwrap()
        )
    }

    fn body(markdown: &str) -> (String, String) {
        let converted = blocks(markdown, &options("", Footnotes::Back));
        (document(&converted.blocks), document(&converted.footnotes))
    }

    fn children<'a>(node: roxmltree::Node<'a, 'a>) -> Vec<String> {
        node.children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name().to_string())
            .collect()
    }

    /// The nesting rules of JATS that the converter must keep, checked
    /// on every element of `xml`.
    fn assert_jats_nesting(xml: &str, abstract_root: bool) {
        let doc = roxmltree::Document::parse(xml).unwrap();
        if abstract_root {
            for name in children(doc.root_element()) {
                assert!(
                    name == "p" || name == "sec",
                    "{name} at an abstract's top: {xml}"
                );
            }
        }
        for node in doc.descendants().filter(|n| n.is_element()) {
            let kids = children(node);
            match node.tag_name().name() {
                "sec" => {
                    assert_eq!(kids.first().map(String::as_str), Some("title"), "{xml}");
                    let first_sec = kids.iter().position(|k| k == "sec").unwrap_or(kids.len());
                    assert!(kids[first_sec..].iter().all(|k| k == "sec"), "{xml}");
                }
                "list-item" => {
                    assert!(!kids.is_empty(), "{xml}");
                    assert!(
                        kids.iter().all(|k| k == "p"),
                        "{kids:?} in list-item: {xml}"
                    );
                }
                "fn" => assert!(kids.iter().all(|k| k == "label" || k == "p"), "{xml}"),
                "p" | "title" | "td" | "th" | "italic" | "bold" => {
                    assert!(!kids.iter().any(|k| k == "p" || k == "sec"), "{xml}")
                }
                "list" => assert!(kids.iter().all(|k| k == "list-item"), "{xml}"),
                _ => {}
            }
        }
    }

    const ADVERSARIAL: &[&str] = &[
        "",
        "   \n\n",
        "#### Deep first\n\ntext\n\n# Top\n\n### Skipped\n\n## Back up\n\nend",
        "- tight\n- *two*\n  - nested\n    1. deeper\n-\n- > quote\n- ```\n  code\n  ```\n- ### heading\n",
        "> quote\n>\n> # heading in quote\n>\n> - list\n\n<div><script>x</script></div>\n\ninline <b>html</b>",
        "| a | b |\n|:--|--:|\n| *x* | [y](y.md) |\n\n| only | head |\n|---|---|\n",
        "![alone](f.png)\n\ntext ![inline](g.png) end\n\n![](h.png)\n\n[![linked](i.png)](https://x.org)",
        "note[^1] twice[^1] missing[^x]\n\n[^1]: first\n\n    - with a list\n\n[^1]: again\n\n[^empty]:\n",
        "# A\n\n---\n\n```\n<&>\n```\n\n[bad](javascript:alert(1)) \u{1}ctrl",
    ];

    #[test]
    fn adversarial_texts_keep_the_nesting_rules() {
        for text in ADVERSARIAL {
            let (blocks, notes) = body(text);
            assert_jats_nesting(&blocks, false);
            assert_jats_nesting(&notes, false);
            let converted = super::blocks(text, &options("", Footnotes::Inline));
            assert_jats_nesting(&document(&converted.blocks), true);
            assert!(converted.footnotes.is_empty());
        }
    }

    #[test]
    fn headings_make_nested_sections() {
        let (xml, _) = body("intro\n\n### Deep\n\na\n\n# Top\n\n## Sub\n\nb\n\n# Next\n");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(children(doc.root_element()), ["p", "sec", "sec", "sec"]);
        let top = doc
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .nth(2)
            .unwrap();
        assert_eq!(children(top), ["title", "sec"]);
        assert!(xml.contains("<title>Top</title>"), "{xml}");
    }

    #[test]
    fn empty_input_gives_nothing() {
        assert!(blocks("", &options("", Footnotes::Back)).blocks.is_empty());
        assert!(inline("", &options("", Footnotes::Back)).is_empty());
    }

    #[test]
    fn tight_list_items_get_paragraphs() {
        let (xml, _) = body("- one\n- two\n\n1. three\n");
        assert!(xml.contains("<list list-type=\"bullet\">"), "{xml}");
        assert!(xml.contains("<list-item>\n<p>one</p>"), "{xml}");
        assert!(xml.contains("<list list-type=\"order\">"), "{xml}");
    }

    #[test]
    fn raw_html_is_text() {
        let (xml, _) = body("<script>alert(1)</script>\n\na <b onclick=\"x\">b</b>");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert!(doc
            .descendants()
            .all(|n| !matches!(n.tag_name().name(), "script" | "b")));
        assert!(xml.contains("&lt;script&gt;"), "{xml}");
    }

    #[test]
    fn footnotes_are_cross_referenced() {
        let (xml, notes) = body("a[^x] b[^y] c[^x]\n\n[^y]: Why.\n\n[^x]: Ex.\n");
        assert!(
            xml.contains("<xref ref-type=\"fn\" rid=\"fn-2\">2</xref>"),
            "{xml}"
        );
        assert!(
            xml.contains("<xref ref-type=\"fn\" rid=\"fn-1\">1</xref>"),
            "{xml}"
        );
        assert!(
            notes.contains("<fn id=\"fn-1\"><label>1</label><p>Why.</p>"),
            "{notes}"
        );
        assert!(
            notes.contains("<fn id=\"fn-2\"><label>2</label><p>Ex.</p>"),
            "{notes}"
        );
        let inline_notes = blocks("a[^x]\n\n[^x]: Ex.\n", &options("", Footnotes::Inline));
        let xml = document(&inline_notes.blocks);
        assert!(xml.contains("<p>a<sup>1</sup></p>"), "{xml}");
        assert!(xml.contains("<p><sup>1</sup> Ex.</p>"), "{xml}");
    }

    #[test]
    fn inline_elements_and_links() {
        let (xml, _) = body("*i* **b** `c` ~~s~~ [l](x.md) [bad](javascript:y) <me@example.org>");
        for expected in [
            "<italic>i</italic>",
            "<bold>b</bold>",
            "<monospace>c</monospace>",
            "<strike>s</strike>",
            "<ext-link ext-link-type=\"uri\" xlink:href=\"https://example.org/a/x.md\">l</ext-link>",
            " bad ",
            "xlink:href=\"mailto:me@example.org\"",
        ] {
            assert!(xml.contains(expected), "{expected} not in {xml}");
        }
        assert!(!xml.contains("javascript"), "{xml}");
    }

    #[test]
    fn images_are_figures_or_inline_graphics() {
        let (xml, _) = body("![A figure](f.png)\n\nsee ![icon](i.png)\n");
        assert!(xml.contains("<fig>\n<graphic xlink:href=\"https://example.org/a/f.png\"><alt-text>A figure</alt-text></graphic>"), "{xml}");
        assert!(xml.contains("<p>see <inline-graphic xlink:href=\"https://example.org/a/i.png\"><alt-text>icon</alt-text></inline-graphic></p>"), "{xml}");
    }

    #[test]
    fn a_header_only_table_has_a_body() {
        let (xml, _) = body("| a |\n|---|\n");
        assert!(xml.contains("<tbody>\n<tr>\n<th>a</th>"), "{xml}");
        assert!(!xml.contains("thead"), "{xml}");
    }

    #[test]
    fn prefix_names_every_element() {
        let converted = blocks("# T\n\n- *x*\n", &options("jats:", Footnotes::Inline));
        let xml = document(&converted.blocks);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        for node in doc.descendants().filter(|n| n.is_element()) {
            if node.tag_name().name() != "root" {
                assert_eq!(node.tag_name().namespace(), Some("urn:jats"), "{xml}");
            }
        }
        assert!(xml.contains("<jats:list-item>"), "{xml}");
    }

    #[test]
    fn titles_are_inline() {
        let events = inline(
            "The *Silk* Road <i>x</i>\n\n- and ![pic](p.png)",
            &options("", Footnotes::Inline),
        );
        let xml = document(&events);
        assert_eq!(
            xml.trim_start_matches(|c| c != '>').trim_start_matches('>'),
            "The <italic>Silk</italic> Road &lt;i&gt;x&lt;/i&gt; and pic</root>"
        );
    }

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(xml_safe("a\u{1}b\u{FFFE}c\td"), "abc\td");
        let (xml, _) = body("x\u{8}y");
        assert!(xml.contains("<p>xy</p>"), "{xml}");
    }
}

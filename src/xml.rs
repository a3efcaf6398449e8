//! Writing XML: quick-xml's writer, wrapped once for every XML file quire
//! makes (the feeds and the sitemap, JATS, Crossref, DOAJ, OAI-PMH).
//!
//! [`XmlOut`] indents by element depth itself rather than with quick-xml's
//! indenting writer, because JATS and Crossref carry mixed content
//! (converted Markdown) that must be written as it comes, and the feeds
//! keep short elements on one line (`<author><name>…</name></author>`).
//! DOAJ and OAI-PMH records hold no mixed content and are written through
//! [`document`], quick-xml's own indentation.
//!
//! Escaping is chosen per document ([`Escape`]): the feeds and the sitemap
//! keep the HTML escape the pages use (`&#39;`), the scholarly files
//! quick-xml's (`&apos;`), so each file's bytes are what they were before
//! this module owned them.

use std::borrow::Cow;
use std::io;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::html::escape as html_escape;

/// A writer of an XML document held in memory.
pub type XmlWriter = Writer<Vec<u8>>;

/// How text and attribute values are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// quick-xml's escape (`&apos;`, `&quot;`), after dropping the
    /// characters XML 1.0 cannot hold ([`xml_safe`]): the scholarly files.
    Xml,
    /// The escape the HTML pages use (`'` as `&#39;`), nothing dropped: the
    /// feeds and the sitemap.
    Html,
}

/// An XML document being written, indented by element depth; mixed
/// content (converted Markdown) is written as it comes, never re-indented.
pub struct XmlOut {
    writer: XmlWriter,
    depth: usize,
    escape: Escape,
}

impl Default for XmlOut {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlOut {
    /// A document declared `UTF-8`, escaped with [`Escape::Xml`].
    pub fn new() -> XmlOut {
        XmlOut::with("UTF-8", Escape::Xml)
    }

    /// A document whose declaration names `encoding` as given (the Atom
    /// feeds have always said `utf-8`), escaped with `escape`.
    pub fn with(encoding: &str, escape: Escape) -> XmlOut {
        let mut out = XmlOut {
            writer: Writer::new(Vec::new()),
            depth: 0,
            escape,
        };
        out.event(Event::Decl(BytesDecl::new("1.0", Some(encoding), None)));
        out
    }

    /// A piece of a document, without the declaration, whose elements
    /// start `depth` levels in: written once and put into documents by
    /// [`XmlOut::raw`] (a feed's entries, each in several feeds).
    pub fn fragment(depth: usize, escape: Escape) -> XmlOut {
        XmlOut {
            writer: Writer::new(Vec::new()),
            depth,
            escape,
        }
    }

    /// XML that a [`XmlOut::fragment`] at this depth wrote, as it is.
    pub fn raw(&mut self, xml: &str) {
        self.event(Event::Text(BytesText::from_escaped(xml)));
    }

    /// The fragment's text, as written.
    pub fn into_text(self) -> String {
        String::from_utf8(self.writer.into_inner()).expect("quick-xml writes UTF-8 from &str")
    }

    fn event(&mut self, event: Event<'_>) {
        self.writer
            .write_event(event)
            .expect("writing XML into memory cannot fail");
    }

    fn indent(&mut self) {
        let pad = format!("\n{}", "  ".repeat(self.depth));
        self.event(Event::Text(BytesText::from_escaped(pad)));
    }

    fn start<'a>(&self, name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attrs {
            match self.escape {
                Escape::Xml => start.push_attribute((*key, &*xml_safe(value))),
                Escape::Html => start.push_attribute(Attribute {
                    key: quick_xml::name::QName(key),
                    value: Cow::Owned(html_escape(value)),
                }),
            }
        }
        start
    }

    fn text(&mut self, text: &str) {
        let text = match self.escape {
            Escape::Xml => BytesText::new(&xml_safe(text)).into_owned(),
            Escape::Html => BytesText::from_escaped(html_escape(text)),
        };
        self.event(Event::Text(text));
    }

    /// Opens an element that holds elements.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        let start = self.start(name, attrs);
        self.event(Event::Start(start));
        self.depth += 1;
    }

    /// Closes what [`XmlOut::open`] opened.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An element holding text.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        let start = self.start(name, attrs);
        self.event(Event::Start(start));
        self.text(text);
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An element on one line holding elements of text, each `(name,
    /// text)`: `<author><name>…</name></author>`.
    pub fn leaves(&mut self, name: &str, children: &[(&str, &str)]) {
        self.indent();
        self.event(Event::Start(BytesStart::new(name)));
        for (child, text) in children {
            self.event(Event::Start(BytesStart::new(*child)));
            self.text(text);
            self.event(Event::End(BytesEnd::new(*child)));
        }
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// An empty element.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        let start = self.start(name, attrs);
        self.event(Event::Empty(start));
    }

    /// An element holding converted inline content.
    pub fn mixed(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Event<'_>]) {
        self.indent();
        let start = self.start(name, attrs);
        self.event(Event::Start(start));
        self.events(content);
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Converted block content, each block on its own line.
    pub fn blocks(&mut self, content: &[Event<'_>]) {
        self.event(Event::Text(BytesText::from_escaped("\n")));
        self.events(content);
    }

    fn events(&mut self, content: &[Event<'_>]) {
        for event in content {
            self.event(event.borrow());
        }
    }

    /// How many bytes of the document are written so far: where the next
    /// element starts, for a caller that cuts the document into parts.
    pub fn written(&self) -> usize {
        self.writer.get_ref().len()
    }

    /// The document's text, ending in a newline.
    pub fn finish(mut self) -> String {
        self.event(Event::Text(BytesText::from_escaped("\n")));
        String::from_utf8(self.writer.into_inner()).expect("quick-xml writes UTF-8 from &str")
    }
}

/// Writes a UTF-8 XML document with quick-xml's indentation (two spaces),
/// whose content `body` writes after the declaration: for records without
/// mixed content. Text is escaped as [`Escape::Xml`] escapes it, without
/// dropping characters.
pub fn document(body: impl FnOnce(&mut XmlWriter) -> io::Result<()>) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| body(&mut writer))
        .expect("writing into memory cannot fail");
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("the writer was given UTF-8 text only")
}

/// Writes `<name attrs...>text</name>` into a [`document`], escaping the
/// text and the attribute values.
pub fn text_element(
    writer: &mut XmlWriter,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    writer
        .create_element(name)
        .with_attributes(attrs.iter().copied())
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

/// `text` without the characters XML 1.0 cannot hold (most C0 controls,
/// U+FFFE, U+FFFF), even escaped; borrowed when it has none, as nearly
/// every text has.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
            || c >= '\u{10000}'
    };
    // A first look by bytes, which the compiler checks many at a time
    // (no early exit): a C0 control is one byte, and U+FFFE and U+FFFF
    // start with EF, as few other characters do.
    let suspect = text.bytes().fold(false, |found, b| {
        found | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r')) | (b == 0xEF)
    });
    if !suspect || text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_safe_drops_only_what_xml_cannot_hold() {
        let kept = "Tab\there, new\nline, Россия, ＡＢ (U+FF21), \u{FFFD}, \u{1F600}";
        assert!(matches!(xml_safe(kept), Cow::Borrowed(_)));
        assert_eq!(xml_safe(kept), kept);
        assert_eq!(
            xml_safe("a\u{0}b\u{1F}c\u{FFFF}d\u{FFFE}e\u{FF21}"),
            "abcde\u{FF21}"
        );
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let xml = document(|w| text_element(w, "title", &[("note", "a\"<b")], "Q&A <i>"));
        assert!(
            xml.contains(r#"<title note="a&quot;&lt;b">Q&amp;A &lt;i&gt;</title>"#),
            "{xml}"
        );
        assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
        assert!(roxmltree::Document::parse(&xml).is_ok());
    }

    #[test]
    fn each_escape_keeps_its_bytes() {
        let mut out = XmlOut::with("utf-8", Escape::Html);
        out.open("feed", &[]);
        out.empty("link", &[("title", "it's")]);
        out.leaves("author", &[("name", "A & B's")]);
        out.close("feed");
        assert_eq!(
            out.finish(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed>\n  <link title=\"it&#39;s\"/>\n  <author><name>A &amp; B&#39;s</name></author>\n</feed>\n"
        );
        let mut out = XmlOut::new();
        out.leaf("title", &[], "it's\u{1}");
        assert!(out.finish().contains("<title>it&apos;s</title>"));
    }
}

//! XML documents written into memory with `quick-xml`, and the small
//! helpers the DOAJ and OAI-PMH writers share.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// A writer of an XML document held in memory.
pub type XmlWriter = Writer<Vec<u8>>;

/// Writes a UTF-8 XML document, indented by two spaces, whose content
/// `body` writes after the declaration.
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

/// Writes `<name attrs...>text</name>`, escaping the text and the attribute
/// values.
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

#[cfg(test)]
mod tests {
    use super::*;

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
}

//! Escaping text for HTML, and for the XML quire writes the same way.
//!
//! Two forms, kept apart because the output must not change: templates,
//! Markdown, citations and feeds escape the apostrophe too, the world map
//! leaves it as written (its text sits in element content and
//! double-quoted attributes only, where `'` is safe).

/// Escapes `&`, `<`, `>`, `"` and `'`: safe in element content and in
/// attribute values in either kind of quote.
///
/// Copies runs of ordinary bytes whole: templates escape every value they
/// print, so this is on the hot path of rendering.
pub fn escape(text: &str) -> String {
    escape_with::<true>(text)
}

/// Escapes `&`, `<`, `>` and `"`, leaving `'` as written: safe in element
/// content and double-quoted attribute values only. The world map's SVG
/// uses it, so a name such as `Côte d'Ivoire` is written as it reads.
pub fn escape_keeping_apostrophes(text: &str) -> String {
    escape_with::<false>(text)
}

/// Every character escaped is ASCII, so working on bytes never splits a
/// character, and the slices between them fall on character boundaries.
fn escape_with<const APOSTROPHE: bool>(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if APOSTROPHE => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&text[start..]);
    out
}

/// `html` without the characters HTML forbids in a document: C0 and C1
/// controls other than tab, line feed, form feed and carriage return, and
/// Unicode noncharacters. Text pasted from a PDF carries them, and a
/// browser's parser reports each as an error.
pub fn without_controls(html: String) -> String {
    let forbidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
            || matches!(c, '\u{fdd0}'..='\u{fdef}')
            || (c as u32 & 0xfffe) == 0xfffe
    };
    if html.contains(forbidden) {
        html.chars().filter(|c| !forbidden(*c)).collect()
    } else {
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_dropped() {
        let html = "<p>a\u{0}b\u{5}c\u{7f}d\u{85}e\u{fffe}f\u{1fffF}g\t\n\u{c}\r</p>".to_string();
        assert_eq!(without_controls(html), "<p>abcdefg\t\n\u{c}\r</p>");
        assert_eq!(without_controls("клиент".into()), "клиент");
    }

    #[test]
    fn escapes_the_five_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"Côte d'Ivoire & <"Ivory Coast">"#),
            "Côte d&#39;Ivoire &amp; &lt;&quot;Ivory Coast&quot;&gt;"
        );
        assert_eq!(escape("интеграция / 2018"), "интеграция / 2018");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn the_map_form_leaves_apostrophes() {
        assert_eq!(
            escape_keeping_apostrophes(r#"Côte d'Ivoire & <"Ivory Coast">"#),
            "Côte d'Ivoire &amp; &lt;&quot;Ivory Coast&quot;&gt;"
        );
    }
}

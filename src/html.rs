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

#[cfg(test)]
mod tests {
    use super::*;

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

//! Limits on what one full text may cost to render.
//!
//! Two slow paths an editor can reach by accident (a listing pasted whole,
//! HTML pasted from a web page or a word processor) grow much faster than
//! the text: syntect spends microseconds a byte, and the HTML5 tree builder
//! that the sanitiser runs walks its stack of open elements for each tag,
//! so 100,000 nested `<div>`s cost minutes. Past these limits a text still
//! renders, plainer, with a warning at its line.

/// Bytes of fenced code highlighted in one text; later blocks are printed
/// plain. A long listing in an article is a few hundred lines.
pub const HIGHLIGHT_BYTES: usize = 128 * 1024;

/// How deep elements may nest in a text's HTML before the sanitiser sees
/// it; the tags below this depth are left out, their text kept.
pub const HTML_DEPTH: usize = 200;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: the HTML parser closes them at
/// the next sibling, so they do not deepen the tree when written open.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt",
    "rp", "colgroup", "caption",
];

/// A piece of HTML as the depth count sees it.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// An opening tag that deepens the tree.
    Open,
    /// A closing tag of an element that deepened it.
    Close,
    /// Text, comments, void and self-closed tags.
    Flat,
}

/// Cuts `html` into pieces: each is a byte range and what it does to the depth.
fn pieces(html: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Piece)> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        if bytes[at] != b'<' {
            at = memchr(b'<', &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i);
            return Some((start..at, Piece::Flat));
        }
        let rest = &html[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment.find("-->").map_or(bytes.len(), |i| at + 4 + i + 3);
            return Some((start..at, Piece::Flat));
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // `<!doctype>`, `<?pi>`, or a `<` in text.
            at += 1;
            return Some((start..at, Piece::Flat));
        }
        // To the tag's `>`, past quoted attribute values.
        let mut i = name_start + name_len;
        let mut quote = None;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        at = (i + 1).min(bytes.len());
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let self_closed = !closing && html[start..at].ends_with("/>");
        let flat = self_closed
            || VOID.contains(&name.as_str())
            || SELF_CLOSING_SIBLINGS.contains(&name.as_str());
        let piece = match (flat, closing) {
            (true, _) => Piece::Flat,
            (false, true) => Piece::Close,
            (false, false) => Piece::Open,
        };
        Some((start..at, piece))
    })
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

/// Where in `html` elements first nest deeper than `limit` (the byte offset
/// of the opening tag that goes past it), and the deepest nesting.
pub fn too_deep(html: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut first = None;
    let mut deepest = 0;
    for (range, piece) in pieces(html) {
        match piece {
            Piece::Open => {
                depth += 1;
                if depth > limit && first.is_none() {
                    first = Some(range.start);
                }
                deepest = deepest.max(depth);
            }
            Piece::Close => depth = depth.saturating_sub(1),
            Piece::Flat => {}
        }
    }
    first.map(|at| (at, deepest))
}

/// `html` without the tags nested deeper than `limit`; their text stays.
/// What is left may still be unbalanced: the sanitiser, which runs next,
/// closes what is open.
pub fn flatten(html: &str, limit: usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    for (range, piece) in pieces(html) {
        let keep = match piece {
            Piece::Open => {
                depth += 1;
                depth <= limit
            }
            Piece::Close => {
                let keep = depth <= limit;
                depth = depth.saturating_sub(1);
                keep
            }
            Piece::Flat => true,
        };
        if keep {
            out.push_str(&html[range]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_elements_that_nest_and_skips_the_rest() {
        let html = "<div><p>a<br><img src=\"x>y\"/><!-- <div><div> --><section>b</section></div>";
        assert_eq!(too_deep(html, 2), None);
        assert_eq!(too_deep(html, 1), Some((html.find("<section").unwrap(), 2)));
        assert_eq!(too_deep("<b>".repeat(5).as_str(), 3), Some((9, 5)));
        assert_eq!(too_deep("a < b and 1<2", 0), None);
    }

    #[test]
    fn flattening_keeps_the_text_and_the_shallow_tags() {
        let html = format!("{}deep{}", "<div>".repeat(5), "</div>".repeat(5));
        assert_eq!(flatten(&html, 2), "<div><div>deep</div></div>");
        assert_eq!(flatten("<p>x</p>", 0), "<p>x</p>");
        assert_eq!(too_deep(&flatten(&html, 3), 3), None);
    }

    #[test]
    fn odd_input_is_cut_without_panicking() {
        for html in [
            "<",
            "</",
            "<a",
            "<a href='",
            "<!--",
            "<é>",
            "</é",
            "<a\u{e9}>",
        ] {
            let _ = too_deep(html, 0);
            assert!(flatten(html, 0).len() <= html.len());
        }
    }
}

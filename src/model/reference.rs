//! Finding DOIs inside formatted references, which editors paste as the
//! journal prints them.

use std::ops::Range;

use super::Doi;

/// Where the first DOI (bare or as a doi.org address) starts in `text`.
pub fn find_doi_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut best: Option<usize> = None;
    for needle in [
        "https://doi.org/10.",
        "http://doi.org/10.",
        "https://dx.doi.org/10.",
        "http://dx.doi.org/10.",
    ] {
        if let Some(i) = lower.find(needle) {
            best = Some(best.map_or(i, |b: usize| b.min(i)));
        }
    }
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find("10.") {
        let at = from + i;
        let preceded_ok = at == 0
            || !(bytes[at - 1].is_ascii_alphanumeric()
                || bytes[at - 1] == b'.'
                || bytes[at - 1] == b'/');
        let digits = lower[at + 3..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if preceded_ok && digits >= 4 && lower[at + 3 + digits..].starts_with('/') {
            return Some(best.map_or(at, |b| b.min(at)));
        }
        from = at + 3;
    }
    best
}

/// A DOI found in a formatted reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDoi {
    /// Where it is written, with a `https://doi.org/` in front when it has
    /// one, without the sentence's punctuation after it.
    pub written: Range<usize>,
    /// Where the DOI itself stands, after any address in front of it.
    pub at: Range<usize>,
    /// The DOI.
    pub doi: Doi,
}

/// Every DOI in a formatted reference, in order. A DOI ends at white
/// space, `<`, `>` or `"`, and a final `.`, `,`, `;`, `)` or `]` is the
/// sentence's, not the DOI's. The one rule for reading DOIs out of
/// references: the page's links, JATS's `<pub-id>`, Crossref's
/// `<citation>` and the archive's own citation graph (`crate::citations`)
/// all use it.
pub fn dois_in(text: &str) -> Vec<FoundDoi> {
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(start) = find_doi_start(&text[offset..]) {
        let start = offset + start;
        let from = &text[start..];
        let end = from
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(from.len());
        let written = from[..end].trim_end_matches(['.', ',', ';', ')', ']']);
        if let Ok(doi) = written.parse::<Doi>() {
            let bare = written.len() - doi.as_str().len();
            found.push(FoundDoi {
                written: start..start + written.len(),
                at: start + bare..start + written.len(),
                doi,
            });
        }
        // Past this DOI, or past one character when it did not parse.
        offset = start + end.max(1);
        while !text.is_char_boundary(offset) {
            offset += 1;
        }
        if offset >= text.len() {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_doi_in_a_reference_is_found() {
        let text = "A. 2019. doi:10.1234/AbC. B. https://doi.org/10.5555/x-1; http://dx.doi.org/10.7777/y). 10.5 pages";
        let found = dois_in(text);
        let values: Vec<&str> = found.iter().map(|f| f.doi.as_str()).collect();
        assert_eq!(values, ["10.1234/AbC", "10.5555/x-1", "10.7777/y"]);
        assert_eq!(&text[found[0].at.clone()], "10.1234/AbC");
        assert!(dois_in("No DOI, 10.12/short, ёж").is_empty());
    }
}

//! Finding DOIs inside formatted references, which editors paste as the
//! journal prints them.

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

//! Mending a PDF's lines into text a search index can use.
//!
//! Each step is its own function:
//!
//! - [`ligatures`]: the typographic ligatures `ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ` spelled out
//!   as letters, so "ﬁeld" is found as "field". Only these: a full NFKC
//!   would also turn `№` into `No`, `²` into `2` and `½` into `1⁄2`, which
//!   Russian and scholarly texts mean as written.
//! - [`line`]: one line tidied: ligatures, NFC (a `й` drawn as `и` and a
//!   breve is one letter again), every kind of space one plain space,
//!   control and zero-width characters and soft hyphens inside the line gone
//!   (one at the line's end is kept for [`line_break`]).
//! - [`line_break`]: how two lines of a paragraph meet (see its docs for the
//!   rule on hyphens).
//! - [`join_lines`] and [`page_text`]: a paragraph's lines into one line,
//!   a page's paragraphs separated by a blank line.

use std::borrow::Cow;
use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// The soft hyphen: where a word may break, invisible unless it does.
const SOFT_HYPHEN: char = '\u{AD}';

/// `text` with the ligature characters of Unicode's Alphabetic
/// Presentation Forms written as their letters.
pub fn ligatures(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line tidied (see the module docs): ligatures spelled out, NFC,
/// spaces made plain and single, invisible characters and inner soft
/// hyphens removed, no space at either end. A soft hyphen ending the line
/// stays, for [`line_break`] to join the word.
pub fn line(text: &str) -> String {
    let spelled = ligatures(text);
    let trimmed = spelled.trim_end_matches(|c: char| c.is_whitespace());
    let ends_soft = trimmed.ends_with(SOFT_HYPHEN);
    let mut out = String::with_capacity(text.len());
    for c in trimmed.nfc() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !invisible(c) {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    if ends_soft {
        out.push(SOFT_HYPHEN);
    }
    out
}

/// Characters that take no room in the text: controls, zero-width spaces
/// and joiners, the byte order mark, soft hyphens, and the replacement
/// character a reader puts where it could not decode a glyph.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            SOFT_HYPHEN | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{FFFD}'
        )
}

/// Words of one PDF, for telling a hyphenated compound from a word broken
/// across lines: every word, and every word written with a hyphen inside a
/// line ("post-soviet"), lowercase.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    hyphenated: HashSet<String>,
}

impl Vocabulary {
    /// The vocabulary of these lines (tidied by [`line`]).
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut vocabulary = Self::default();
        for line in lines {
            for token in line.split(|c: char| !(c.is_alphanumeric() || is_hyphen(c))) {
                let token = token.trim_matches(is_hyphen);
                if token.is_empty() {
                    continue;
                }
                let lower = token.to_lowercase();
                if lower.contains(is_hyphen) {
                    for part in lower.split(is_hyphen).filter(|p| !p.is_empty()) {
                        vocabulary.words.insert(part.to_owned());
                    }
                    vocabulary.hyphenated.insert(lower.replace('\u{2010}', "-"));
                } else {
                    vocabulary.words.insert(lower);
                }
            }
        }
        vocabulary
    }
}

/// A hyphen as typesetters break words with: ASCII's or Unicode's.
fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}'
}

/// How a line meets the next one in a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// Two words: a space between.
    Space,
    /// One word broken by a hyphen (or a soft hyphen): the hyphen goes, no
    /// space.
    Join,
    /// A compound written with a hyphen that fell at the line's end: the
    /// hyphen stays, no space.
    KeepHyphen,
}

/// How the line ending in `before` meets the line starting with `after`.
///
/// A line ending in a soft hyphen is a broken word: [`Break::Join`]. A line
/// ending in a hyphen right after a letter, before a line starting with a
/// letter, is a word broken by the typesetter ("regio-" "nal") or a compound
/// ("post-" "Soviet"), and the text cannot always say which. The rule, first
/// match wins:
///
/// 1. the next part starts with a capital, a digit, or is in another
///    alphabet than the first ("post-Soviet", "COVID-19", "IT-отрасль"):
///    the hyphen stays;
/// 2. a break leaves fewer than two letters on either side ("e-mail",
///    "x-ray"): typesetters do not break words so, the hyphen stays;
/// 3. the same PDF writes the compound with its hyphen inside a line
///    somewhere: the hyphen stays;
/// 4. otherwise the word was broken: joined without the hyphen
///    ("regional", "интеграция"), even for a lowercase compound the PDF
///    writes nowhere else ("well-known" broken there becomes "wellknown";
///    the search still finds "well").
pub fn line_break(before: &str, after: &str, vocabulary: &Vocabulary) -> Break {
    if before.ends_with(SOFT_HYPHEN) {
        return Break::Join;
    }
    let Some(head) = before.strip_suffix(is_hyphen) else {
        return Break::Space;
    };
    let first: String = {
        let mut letters: Vec<char> = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || is_hyphen(*c))
            .collect();
        letters.reverse();
        letters.into_iter().collect()
    };
    let last_part = first.rsplit(is_hyphen).next().unwrap_or("");
    let second: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || is_hyphen(*c))
        .collect();
    let (Some(end), Some(start)) = (last_part.chars().last(), second.chars().next()) else {
        return Break::Space;
    };
    if !end.is_alphabetic() {
        // "84-" "97": a range broken after its hyphen.
        return if end.is_numeric() && start.is_numeric() {
            Break::KeepHyphen
        } else {
            Break::Space
        };
    }
    if !start.is_alphabetic() || start.is_uppercase() || cyrillic(end) != cyrillic(start) {
        return Break::KeepHyphen;
    }
    let second_part = second.split(is_hyphen).next().unwrap_or("");
    if last_part.chars().count() < 2 || second_part.chars().count() < 2 {
        return Break::KeepHyphen;
    }
    let compound = format!("{first}-{second}")
        .to_lowercase()
        .replace('\u{2010}', "-");
    if vocabulary.hyphenated.contains(&compound) {
        return Break::KeepHyphen;
    }
    Break::Join
}

fn cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// A paragraph's lines (tidied by [`line`]) as one line, joined as
/// [`line_break`] says.
pub fn join_lines(lines: &[&str], vocabulary: &Vocabulary) -> String {
    let mut out = String::new();
    for next in lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            match line_break(&out, next, vocabulary) {
                Break::Space => out.push(' '),
                Break::Join => {
                    out.pop();
                }
                Break::KeepHyphen => {}
            }
        }
        out.push_str(next);
    }
    if out.ends_with(SOFT_HYPHEN) {
        out.pop();
    }
    out
}

/// A page's text: each paragraph's lines joined, paragraphs separated by a
/// blank line, empty ones left out.
pub fn page_text(paragraphs: &[Vec<&str>], vocabulary: &Vocabulary) -> String {
    paragraphs
        .iter()
        .map(|lines| join_lines(lines, vocabulary))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Mends words broken across pages: when a page's text ends in a word
/// broken by a hyphen and the next page's text goes on with the rest of it
/// (as [`line_break`] tells: [`Break::Join`]), the word is made whole at
/// the end of the first page (where its reading starts) and its rest, up to
/// the next space, leaves the start of the next page. A compound that keeps
/// its hyphen, or a page that starts a new sentence, is left as it is; so
/// is a pair of pages of which one has no text.
pub fn page_breaks(pages: &mut [String], vocabulary: &Vocabulary) {
    for i in 1..pages.len() {
        let (before, after) = pages.split_at_mut(i);
        let (page, next) = (&mut before[i - 1], &mut after[0]);
        let last_line = page.rsplit('\n').next().unwrap_or("");
        if page.is_empty() || next.is_empty() {
            continue;
        }
        if line_break(last_line, next, vocabulary) != Break::Join {
            continue;
        }
        let rest_len = next.find(char::is_whitespace).unwrap_or(next.len());
        page.pop();
        page.push_str(&next[..rest_len]);
        let kept = next[rest_len..].trim_start().len();
        next.drain(..next.len() - kept);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Vocabulary {
        Vocabulary::default()
    }

    #[test]
    fn ligatures_are_spelled_out() {
        assert_eq!(
            ligatures("ﬁeld eﬀect ﬂow oﬃce baﬄe"),
            "field effect flow office baffle"
        );
        assert!(matches!(ligatures("поле"), Cow::Borrowed(_)));
    }

    #[test]
    fn compatibility_signs_other_than_ligatures_stay() {
        assert_eq!(line("№ 4, 5 м², «Ёлка»"), "№ 4, 5 м², «Ёлка»");
    }

    #[test]
    fn a_line_is_composed_and_its_spaces_made_plain() {
        // и + combining breve, a no-break space, a thin space, a zero-width space.
        assert_eq!(
            line("  rai\u{306}on\u{A0}and\u{2009}the\u{200B}re \t"),
            "raĭon and there"
        );
        assert_eq!(
            line("Казахста\u{301}н"),
            "Казахста\u{301}н".nfc().collect::<String>()
        );
    }

    #[test]
    fn soft_hyphens_go_inside_a_line_and_stay_at_its_end() {
        assert_eq!(line("regio\u{AD}nal"), "regional");
        assert_eq!(line("regio\u{AD} "), "regio\u{AD}");
    }

    #[test]
    fn a_broken_word_is_joined() {
        assert_eq!(
            line_break("the regio-", "nal economy", &none()),
            Break::Join
        );
        assert_eq!(
            line_break("Региональная интегра-", "ция в", &none()),
            Break::Join
        );
        assert_eq!(line_break("the regio\u{AD}", "nal", &none()), Break::Join);
        assert_eq!(
            join_lines(&["the regio-", "nal economy"], &none()),
            "the regional economy"
        );
    }

    #[test]
    fn a_word_broken_across_pages_is_made_whole_on_the_first() {
        let mut pages = vec![
            "The first page ends in diversi-".to_string(),
            "fication, and the second goes on.\n\nA new paragraph.".to_string(),
            "The third ends in post-".to_string(),
            "Soviet states.".to_string(),
            "A page that ends a sentence.".to_string(),
            "another page".to_string(),
            "A last page of one broken regio-".to_string(),
            "nal".to_string(),
        ];
        page_breaks(&mut pages, &none());
        assert_eq!(
            pages,
            [
                "The first page ends in diversification,",
                "and the second goes on.\n\nA new paragraph.",
                "The third ends in post-",
                "Soviet states.",
                "A page that ends a sentence.",
                "another page",
                "A last page of one broken regional",
                "",
            ]
        );
    }

    #[test]
    fn a_compound_keeps_its_hyphen() {
        assert_eq!(
            line_break("the post-", "Soviet states", &none()),
            Break::KeepHyphen
        );
        assert_eq!(line_break("COVID-", "19", &none()), Break::KeepHyphen);
        assert_eq!(line_break("an e-", "mail", &none()), Break::KeepHyphen);
        assert_eq!(line_break("IT-", "отрасль", &none()), Break::KeepHyphen);
        let vocabulary = Vocabulary::of(["a well-known fact"]);
        assert_eq!(
            line_break("is well-", "known", &vocabulary),
            Break::KeepHyphen
        );
        assert_eq!(
            join_lines(&["the post-", "Soviet states"], &none()),
            "the post-Soviet states"
        );
    }

    #[test]
    fn a_dash_at_the_end_of_a_line_is_not_a_hyphen() {
        assert_eq!(line_break("war -", "and peace", &none()), Break::Space);
        assert_eq!(line_break("war —", "and peace", &none()), Break::Space);
        assert_eq!(line_break("pages 84-", "97", &none()), Break::KeepHyphen);
        assert_eq!(line_break("in 1991-", "the end", &none()), Break::Space);
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line() {
        let paragraphs = vec![vec!["One", "line."], vec![""], vec!["Two."]];
        assert_eq!(page_text(&paragraphs, &none()), "One line.\n\nTwo.");
    }
}

//! Words out of text: the tokenizer the index and `search.js` share, and the
//! plain paragraphs of a Markdown full text.
//!
//! The browser must cut a query exactly as the index cut the text, so the
//! rule is small and spelled out in both places: normalise to NFC, take
//! every run of letters and digits (Unicode `Alphabetic` or `Numeric`),
//! lowercase it, write 'ё' as 'е', and drop runs longer than
//! [`MAX_WORD`] characters (they are not words a reader types).

use pulldown_cmark::{Event, Parser, TagEnd};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::model::prose;

/// Longer runs of letters are left out of the index.
pub const MAX_WORD: usize = 40;

/// The words of `text`, lowercased, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |word| out.push(word.to_string()));
    out
}

/// Calls `f` with each word of `text`, lowercased, in order, reusing one
/// buffer: the index cuts megabytes of text, and most of it is already
/// NFC and mostly ASCII, which the fast paths here skip through (an ASCII
/// text needs no normalisation, a lowercase ASCII word no copy).
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    if text.is_ascii() {
        return each_ascii_word(text, f);
    }
    let composed: String;
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => {
            composed = text.nfc().collect();
            &composed
        }
    };
    let mut word = String::new();
    let mut emit = |run: &str, ascii: bool, lower: bool| {
        if lower {
            f(run);
            return;
        }
        word.clear();
        if ascii {
            word.push_str(run);
            word.make_ascii_lowercase();
        } else {
            for c in run.chars().flat_map(char::to_lowercase) {
                word.push(if c == 'ё' { 'е' } else { c });
            }
        }
        f(&word);
    };
    // The run of letters and digits being read: where it starts, its
    // length in characters, whether it is ASCII, and lowercase ASCII.
    let (mut start, mut chars, mut ascii, mut lower) = (0, 0, true, true);
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if chars == 0 {
                (start, ascii, lower) = (at, true, true);
            }
            chars += 1;
            if !c.is_ascii() {
                (ascii, lower) = (false, false);
            } else if c.is_ascii_uppercase() {
                lower = false;
            }
        } else if chars > 0 {
            if chars <= MAX_WORD {
                emit(&text[start..at], ascii, lower);
            }
            chars = 0;
        }
    }
    if chars > 0 && chars <= MAX_WORD {
        emit(&text[start..], ascii, lower);
    }
}

/// [`each_word`] for an ASCII text, byte by byte: a byte is a character,
/// ASCII is already NFC, and its letters and digits are the Unicode ones
/// of that range.
fn each_ascii_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut emit = |start: usize, end: usize, lower: bool| {
        let run = &text[start..end];
        if end - start > MAX_WORD {
            return;
        }
        if lower {
            f(run);
        } else {
            word.clear();
            word.push_str(run);
            word.make_ascii_lowercase();
            f(&word);
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        let mut lower = true;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            lower &= !bytes[at].is_ascii_uppercase();
            at += 1;
        }
        emit(start, at, lower);
    }
}

/// Appends `text` to `paragraph` with each run of whitespace written as
/// one space, none at the paragraph's start and none after another.
///
/// A space after a character that is not whitespace is already what the
/// rule writes, so it stays in the run copied whole; only other whitespace
/// (a line break, a second space, a no-break space) stops a run. Bytes are
/// read one at a time and a character decoded only where a byte may start
/// one of Unicode's few non-ASCII whitespace characters.
fn push_spaced(paragraph: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut start, mut at) = (0, 0);
    // Whether the byte before `at` is in the run and not whitespace.
    let mut after_word = false;
    while at < bytes.len() {
        let width = match bytes[at] {
            b' ' if after_word => {
                after_word = false;
                at += 1;
                continue;
            }
            b' ' | b'\t'..=b'\r' => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = text[at..].chars().next().expect("a character starts here");
                if !c.is_whitespace() {
                    after_word = true;
                    at += c.len_utf8();
                    continue;
                }
                c.len_utf8()
            }
            _ => {
                after_word = true;
                at += 1;
                continue;
            }
        };
        paragraph.push_str(&text[start..at]);
        if !paragraph.is_empty() && !paragraph.ends_with(' ') {
            paragraph.push(' ');
        }
        at += width;
        start = at;
        after_word = false;
    }
    paragraph.push_str(&text[start..]);
}

/// The paragraphs of a Markdown full text as plain text: headings, list
/// items, table cells and code blocks are paragraphs too; raw HTML is left
/// out (readers do not see its tags).
pub fn paragraphs(markdown_text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        if current.ends_with(' ') {
            current.pop();
        }
        if !current.is_empty() {
            out.push(std::mem::take(current));
        }
    };
    // Whitespace runs become one space as the text is gathered.
    let push = push_spaced;
    for event in Parser::new_ext(markdown_text, prose::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => push(&mut current, &t),
            Event::SoftBreak | Event::HardBreak => push(&mut current, " "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rule as the module doc states it, without the fast paths.
    fn words_by_the_rule(text: &str) -> Vec<String> {
        let text: String = text.nfc().collect();
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|run| !run.is_empty() && run.chars().count() <= MAX_WORD)
            .map(|run| {
                run.chars()
                    .flat_map(char::to_lowercase)
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .collect()
            })
            .collect()
    }

    /// Whitespace runs as one space, none at the start, as the rule says.
    fn spaced_by_the_rule(pieces: &[&str]) -> String {
        let mut out = String::new();
        for c in pieces.concat().chars() {
            if c.is_whitespace() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(c);
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    proptest! {
        #[test]
        fn paragraphs_join_whitespace_runs_into_one_space(text in "[a-b \\t\u{a0}\u{2003}]{0,40}") {
            let md = text.replace('\t', " ");
            let got = paragraphs(&md).join("\n\n");
            let expected: Vec<String> = md
                .split("\n\n")
                .map(|p| spaced_by_the_rule(&[p]))
                .filter(|p| !p.is_empty())
                .collect();
            prop_assert_eq!(got, expected.join("\n\n"));
        }

        #[test]
        fn the_fast_paths_cut_as_the_rule_does(text in "[a-zA-Z0-9 ,.ЁёЖжа-яÉé\u{301}ß-]{0,120}") {
            prop_assert_eq!(words(&text), words_by_the_rule(&text));
        }

        #[test]
        fn whitespace_is_folded_as_splitting_folds_it(
            before in "[a \\t\\n\u{a0}\u{85}\u{2003}\u{3000}é]{0,8}",
            text in any::<String>(),
        ) {
            // The rule, by splitting at every whitespace character.
            let by_splitting = |paragraph: &mut String, text: &str| {
                for (i, piece) in text.split(char::is_whitespace).enumerate() {
                    if i > 0 && !paragraph.is_empty() && !paragraph.ends_with(' ') {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(piece);
                }
            };
            let (mut expected, mut got) = (String::new(), String::new());
            by_splitting(&mut expected, &before);
            by_splitting(&mut expected, &text);
            push_spaced(&mut got, &before);
            push_spaced(&mut got, &text);
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn ascii_text_is_cut_as_the_rule_does(text in "[ -~\t\n]{0,160}") {
            prop_assert_eq!(words(&text), words_by_the_rule(&text));
        }

        #[test]
        fn any_text_is_cut_as_the_rule_does(text in any::<String>()) {
            prop_assert_eq!(words(&text), words_by_the_rule(&text));
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_lowercased() {
        assert_eq!(
            words("Russia's “Pivot” to Asia, 1991–2018: ЁЖИК и ёлка"),
            ["russia", "s", "pivot", "to", "asia", "1991", "2018", "ежик", "и", "елка"]
        );
    }

    #[test]
    fn decomposed_letters_are_composed_first() {
        // "é" as e + U+0301 is one letter after NFC, as the browser sees it.
        assert_eq!(words("Caf\u{65}\u{301} Tbilisi"), ["café", "tbilisi"]);
    }

    #[test]
    fn georgian_and_armenian_are_words_too() {
        assert_eq!(words("საქართველო Հայաստան"), ["საქართველო", "հայաստան"]);
    }

    #[test]
    fn overlong_runs_are_dropped() {
        let long = "a".repeat(MAX_WORD + 1);
        assert_eq!(words(&format!("short {long} word")), ["short", "word"]);
    }

    #[test]
    fn paragraphs_of_a_full_text_leave_out_markup() {
        let md = "# Heading\n\nFirst *para*\nwraps.\n\n- item one\n- item two\n\n<div>raw</div>\n\n| a | b |\n|---|---|\n| c | `d` |\n";
        assert_eq!(
            paragraphs(md),
            [
                "Heading",
                "First para wraps.",
                "item one",
                "item two",
                "a",
                "b",
                "c",
                "d"
            ]
        );
    }
}

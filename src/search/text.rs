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
/// NFC and mostly ASCII, which the fast paths here skip through.
pub fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let composed: String;
    let text = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => {
            composed = text.nfc().collect();
            &composed
        }
    };
    let mut word = String::new();
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        if run.is_empty() || run.chars().count() > MAX_WORD {
            continue;
        }
        word.clear();
        if run.is_ascii() {
            word.push_str(run);
            word.make_ascii_lowercase();
        } else {
            for c in run.chars().flat_map(char::to_lowercase) {
                word.push(if c == 'ё' { 'е' } else { c });
            }
        }
        f(&word);
    }
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
    let push = |current: &mut String, text: &str| {
        for c in text.chars() {
            if c.is_whitespace() {
                if !current.is_empty() && !current.ends_with(' ') {
                    current.push(' ');
                }
            } else {
                current.push(c);
            }
        }
    };
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

//! One stemmer for the index's mixed Russian and English text.
//!
//! [`stem`] picks the Snowball algorithm by the letters of the word: Russian
//! for words written in Cyrillic `а`..`я`, English (Porter2) for words in
//! Latin `a`..`z`, none for anything else (numbers, other scripts, words that
//! mix scripts). The browser does the same in
//! `themes/default/static/stem.js`; `tests/it/stemming.rs` checks, word by
//! word, that the two agree.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

/// The Snowball Russian stemmer, built on first use.
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// The Snowball English (Porter2) stemmer, built on first use.
static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The stem of one token.
///
/// The token must already be lowercased, with `ё` replaced by `е` (the
/// tokenizer does both). Then:
///
/// - if every char is in `'а'..='я'`, the Snowball Russian stemmer's result;
/// - else, if every char is in `'a'..='z'`, the Snowball English (Porter2)
///   stemmer's result;
/// - else the token unchanged.
///
/// The empty token is returned empty.
pub fn stem(word: &str) -> String {
    if word.chars().all(|c| ('а'..='я').contains(&c)) {
        RUSSIAN.stem(word).into_owned()
    } else if word.chars().all(|c| c.is_ascii_lowercase()) {
        ENGLISH.stem(word).into_owned()
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn russian_case_forms_share_a_stem() {
        assert_eq!(stem("интеграции"), stem("интеграция"));
        assert_ne!(stem("интеграции"), "интеграции");
    }

    #[test]
    fn english_plural_and_singular_share_a_stem() {
        assert_eq!(stem("integration"), stem("integrations"));
        assert_ne!(stem("integrations"), "integrations");
    }

    #[test]
    fn numbers_and_other_scripts_are_left_alone() {
        assert_eq!(stem("2018"), "2018");
        assert_eq!(stem("საქართველო"), "საქართველო");
    }

    #[test]
    fn mixed_scripts_and_capitals_are_left_alone() {
        assert_eq!(stem("covid19"), "covid19");
        assert_eq!(stem("Integration"), "Integration");
        assert_eq!(stem("ёлки"), "ёлки");
    }
}

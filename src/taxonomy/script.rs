//! Scripts: the alphabet a language writes, and the one a text is in.
//!
//! A name written twice, `Evgeniya V. Makhmutova` and `Евгения В.
//! Махмутова`, or a keyword and its translation, is shown on a page in the
//! form its language can read: [`Script::of_lang`] is the one place that
//! says which alphabet a language writes, and [`Script::of_text`] which one
//! a name is written in. Slugs prefer a Latin name, and the indexes sort
//! the page's own alphabet first.

use crate::model::Lang;

/// An alphabet that names are written in and chosen by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// The Latin alphabet, with its accented letters.
    Latin,
    /// Cyrillic, with the letters of Kazakh, Kyrgyz, Tajik, Ukrainian and
    /// the other languages that write it.
    Cyrillic,
}

/// Languages written in Cyrillic today (ISO 639-1).
const CYRILLIC: &[&str] = &[
    "ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "tt", "ba", "cv", "ce", "av", "os",
    "kv", "cu",
];

/// Languages written in an alphabet of their own, neither Latin nor
/// Cyrillic (Georgian, Armenian, Greek, Arabic, Persian, Chinese...).
const OTHER: &[&str] = &[
    "am", "ar", "as", "bn", "bo", "dv", "dz", "el", "fa", "gu", "he", "hi", "hy", "iu", "ja", "ka",
    "km", "kn", "ko", "lo", "ml", "mr", "my", "ne", "or", "pa", "ps", "sa", "si", "ta", "te", "th",
    "ti", "ug", "ur", "yi", "zh",
];

impl Script {
    /// The alphabet `lang` writes: Cyrillic for Russian, Ukrainian,
    /// Belarusian, Kazakh, Kyrgyz, Tajik and the other Cyrillic-script
    /// languages, none for a language with an alphabet of its own
    /// (Georgian, Armenian, Greek, Arabic...), Latin for the rest (English,
    /// Uzbek, Azerbaijani, Turkmen, Turkish...).
    pub fn of_lang(lang: &Lang) -> Option<Script> {
        let code = lang.as_str();
        if CYRILLIC.contains(&code) {
            Some(Script::Cyrillic)
        } else if OTHER.contains(&code) {
            None
        } else {
            Some(Script::Latin)
        }
    }

    /// The alphabet most of `text`'s letters are in; `None` when it has no
    /// letter or most are in another alphabet. Digits, spaces and
    /// punctuation do not count.
    pub fn of_text(text: &str) -> Option<Script> {
        let (mut latin, mut cyrillic, mut other) = (0usize, 0usize, 0usize);
        let mut first = None;
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            let script = Script::of_char(c);
            match script {
                Some(Script::Latin) => latin += 1,
                Some(Script::Cyrillic) => cyrillic += 1,
                None => other += 1,
            }
            first.get_or_insert(script);
        }
        if other >= latin.max(cyrillic) {
            return None;
        }
        match latin.cmp(&cyrillic) {
            std::cmp::Ordering::Greater => Some(Script::Latin),
            std::cmp::Ordering::Less => Some(Script::Cyrillic),
            std::cmp::Ordering::Equal => first.flatten(),
        }
    }

    /// The alphabet of one letter.
    pub fn of_char(c: char) -> Option<Script> {
        match c {
            'a'..='z' | 'A'..='Z' => Some(Script::Latin),
            // Latin-1, Latin Extended-A and -B, IPA, Latin Extended Additional.
            '\u{c0}'..='\u{2af}' if c != '\u{d7}' && c != '\u{f7}' => Some(Script::Latin),
            '\u{1e00}'..='\u{1eff}' => Some(Script::Latin),
            // Cyrillic and its supplement.
            '\u{400}'..='\u{52f}' => Some(Script::Cyrillic),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> Lang {
        code.parse().unwrap()
    }

    #[test]
    fn languages_and_their_alphabets() {
        for code in ["ru", "uk", "be", "kk", "ky", "tg", "sr", "mn"] {
            assert_eq!(
                Script::of_lang(&lang(code)),
                Some(Script::Cyrillic),
                "{code}"
            );
        }
        for code in ["en", "de", "fr", "uz", "az", "tk", "tr", "pl"] {
            assert_eq!(Script::of_lang(&lang(code)), Some(Script::Latin), "{code}");
        }
        for code in ["ka", "hy", "el", "ar", "zh"] {
            assert_eq!(Script::of_lang(&lang(code)), None, "{code}");
        }
    }

    #[test]
    fn texts_and_their_alphabets() {
        assert_eq!(
            Script::of_text("Evgeniya V. Makhmutova"),
            Some(Script::Latin)
        );
        assert_eq!(Script::of_text("Türkiye"), Some(Script::Latin));
        assert_eq!(Script::of_text("Oʻzbekiston"), Some(Script::Latin));
        assert_eq!(
            Script::of_text("Евгения В. Махмутова"),
            Some(Script::Cyrillic)
        );
        assert_eq!(Script::of_text("Қазақстан"), Some(Script::Cyrillic));
        // Mostly Cyrillic with a Latin abbreviation.
        assert_eq!(Script::of_text("ВВП и G20"), Some(Script::Cyrillic));
        assert_eq!(Script::of_text("საქართველო"), None);
        assert_eq!(Script::of_text("2018 – 2020"), None);
        assert_eq!(Script::of_text(""), None);
    }
}

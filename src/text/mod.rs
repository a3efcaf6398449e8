//! Display text: every word and format the site prints that is not the
//! journal's own, for one interface language.
//!
//! Words live in Fluent catalogues (Project Fluent's `.ftl` files), one
//! folder per language under the default theme's `locales/`
//! (`themes/default/locales/en/main.ftl`, `ru/main.ftl`), beside the
//! templates that print them, and are built into the binary as the
//! templates are. Dates, the issue label, the citation line, author lists,
//! sizes and counts are messages with placeables and plural selectors
//! (CLDR's rules, through `fluent-bundle`), so a language with other
//! plural forms or another order of words ("1 статья, 2 статьи, 5 статей",
//! "30 августа 2018 г.") is a new `.ftl` file, not new Rust.
//!
//! Decisions:
//!
//! - **No isolation marks.** Fluent wraps each placeable in U+2068/U+2069
//!   by default, for right-to-left text; our output is HTML whose `lang`
//!   and `dir` say that, and the marks would change every page. They are
//!   turned off for every catalogue.
//! - **A missing key is an error.** [`Text::try_get_with`] returns one,
//!   and the template function [`Lookup`] makes it a render error; the
//!   other methods take keys written in the code, which the tests check
//!   against every catalogue, so there they are an invariant. There is no
//!   fallback from one catalogue to another key by key: the tests require
//!   every catalogue to have every key. A language with no catalogue at
//!   all gets English ([`Text::new`]).
//! - **Templates print HTML.** Messages printed through [`Lookup`] may
//!   hold markup as a template's own text does; their arguments are
//!   escaped. Messages the Rust code formats are plain text.
//! - **Decimal commas are set here.** Fluent writes a number's fraction
//!   after a point in every language; for the languages whose CLDR
//!   decimal symbol is a comma ([`writes_decimal_comma`]) the catalogue
//!   gets a number formatter that writes a comma (`2,9 МБ`). It is the one
//!   thing about a language that is Rust and not its `.ftl` file.

mod lookup;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::types::FluentNumber;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::LanguageIdentifier;

use crate::model::{Article, Author, Issue, Lang};

pub use lookup::Lookup;

// Every catalogue of the default theme, parsed on first use.
fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "themes/default/locales",
        fallback_language: "en",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            let language = bundle.locales.first().map(|l| l.language.as_str());
            if language.is_some_and(writes_decimal_comma) {
                bundle.set_formatter(Some(with_decimal_comma));
            }
        },
    };
}

/// The language of the built-in catalogue, and of languages without one.
pub const DEFAULT_LANG: &str = "en";

/// Arguments of a message: its placeables' values by name.
pub type Args<'a> = HashMap<&'static str, FluentValue<'a>>;

/// A failed lookup: the key is missing from the language's catalogue, or
/// the message could not be formatted (an argument it names is missing).
#[derive(Debug, thiserror::Error)]
#[error("no text `{key}` in the `{lang}` catalogue: {reason}")]
pub struct TextError {
    key: String,
    lang: String,
    reason: String,
}

/// Display text in one interface language.
#[derive(Debug, Clone)]
pub struct Text {
    lang: LanguageIdentifier,
}

impl Text {
    /// Text in `lang`, or in English if there is no catalogue for it.
    pub fn new(lang: &Lang) -> Text {
        Text::from_code(lang.as_str())
    }

    /// English, the built-in catalogue's language: the interface of a
    /// language without a catalogue.
    pub fn default_interface() -> &'static Text {
        static DEFAULT: LazyLock<Text> = LazyLock::new(|| Text::from_code(DEFAULT_LANG));
        &DEFAULT
    }

    /// The text of `lang`, made once per catalogue (English for a language
    /// without one): what code that makes a page in `lang` asks for.
    pub fn of(lang: &Lang) -> &'static Text {
        static ALL: LazyLock<Vec<Text>> = LazyLock::new(|| {
            use fluent_templates::Loader;
            CATALOGUES
                .locales()
                .map(|lang| Text { lang: lang.clone() })
                .collect()
        });
        ALL.iter()
            .find(|text| text.lang.language.as_str() == lang.as_str())
            .unwrap_or_else(|| Text::default_interface())
    }

    fn from_code(code: &str) -> Text {
        use fluent_templates::Loader;
        let lang = code
            .parse::<LanguageIdentifier>()
            .ok()
            .filter(|l| CATALOGUES.locales().any(|known| known == l))
            .unwrap_or_else(|| CATALOGUES.fallback().clone());
        Text { lang }
    }

    /// The catalogue's language: `en`, `ru`.
    pub fn lang(&self) -> String {
        self.lang.to_string()
    }

    /// The message `key` with `args`, or why there is none.
    pub fn try_get_with<S: AsRef<str>>(
        &self,
        key: &str,
        args: &HashMap<S, FluentValue<'_>>,
    ) -> Result<String, TextError> {
        CATALOGUES
            .lookup_single_language(&self.lang, key, Some(args))
            .map_err(|err| TextError {
                key: key.to_string(),
                lang: self.lang.to_string(),
                reason: err.to_string(),
            })
    }

    /// The message `key` with `args`. Keys come from the code, and a test
    /// checks each against every catalogue.
    pub fn get_with(&self, key: &str, args: &Args<'_>) -> String {
        match self.try_get_with(key, args) {
            Ok(text) => text,
            Err(err) => {
                panic!("{err} (every key in the code is in every catalogue: see text::tests)")
            }
        }
    }

    /// The message `key`, which has no arguments.
    pub fn get(&self, key: &str) -> String {
        self.get_with(key, &Args::new())
    }

    /// The name of the language `code` (ISO 639-1) in this language, as a
    /// label: `English`, `Английский`; the code itself when CLDR has no
    /// name for it. From `languages.ftl`, generated by `tools/languages/`.
    pub fn language_name(&self, code: &str) -> String {
        self.get_with(
            "language-of",
            &Args::from([("code", FluentValue::from(code))]),
        )
    }

    /// The message `key` for the number `n` (`$n`): a count with its
    /// plural form, `12 articles`.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.get_with(key, &Args::from([("n", number(n))]))
    }

    /// A date as the language writes it: `30 August 2018`.
    pub fn date(&self, date: NaiveDate) -> String {
        self.get_with(
            "date",
            &Args::from([
                ("day", number(date.day())),
                ("month", number(date.month())),
                ("year", FluentValue::from(date.year())),
            ]),
        )
    }

    /// An issue's label: `2018, Vol. 11, No. 4 (61)`.
    pub fn issue_label(&self, issue: &Issue) -> String {
        self.get_with("issue-label", &issue_args(issue))
    }

    /// An article's place in the journal: `2018. Vol. 11, No. 4 (61). P. 78–91`.
    pub fn citation_line(&self, issue: &Issue, article: &Article) -> String {
        self.citation_line_pages(issue, article.pages.map(|p| p.to_string()))
    }

    /// The citation line of an article on `pages` of `issue`.
    fn citation_line_pages(&self, issue: &Issue, pages: Option<String>) -> String {
        let mut args = issue_args(issue);
        args.insert("pages", pages.map_or(none(), FluentValue::from));
        self.get_with("citation-line", &args)
    }

    /// Authors' names as a list: `A, B and C`.
    pub fn authors(&self, authors: &[Author]) -> String {
        let names: Vec<&str> = authors.iter().map(|a| a.name.as_str()).collect();
        self.names(&names)
    }

    /// Names as a list, `A, B and C`: [`Text::authors`] for names chosen
    /// by the caller (a byline in the page's alphabet).
    pub fn names(&self, names: &[&str]) -> String {
        match names {
            [] => String::new(),
            [one] => one.to_string(),
            [rest @ .., last] => format!(
                "{}{}{last}",
                rest.join(&self.get("authors-separator")),
                self.get("authors-last-separator")
            ),
        }
    }

    /// A file's size: `500 bytes`, `412 KB`, `2.9 MB` (`2,9 МБ` in a
    /// language that writes a decimal comma).
    pub fn size(&self, bytes: u64) -> String {
        let (unit, n) = match bytes {
            0..1024 => ("bytes", number(bytes)),
            1024..1_048_576 => ("kb", number((bytes + 512) / 1024)),
            // One decimal, as written (`2.9`): the text keeps its digits.
            _ => {
                let mb = format!("{:.1}", bytes as f64 / 1_048_576.0);
                let n = match mb.parse::<FluentNumber>() {
                    Ok(n) => n.into(),
                    Err(_) => FluentValue::from(mb),
                };
                ("mb", n)
            }
        };
        self.get_with(
            "size",
            &Args::from([("unit", FluentValue::from(unit)), ("n", n)]),
        )
    }

    /// A country's tooltip on the world map: `Kazakhstan: 12 articles`.
    pub fn map_country(&self, country: &str, n: usize) -> String {
        self.get_with(
            "map-country",
            &Args::from([("country", FluentValue::from(country)), ("n", number(n))]),
        )
    }
}

/// A whole number as a Fluent number (plural rules apply to it).
fn number<N>(n: N) -> FluentValue<'static>
where
    FluentValue<'static>: From<N>,
{
    FluentValue::from(n)
}

/// Whether a language writes a decimal comma (`2,9`), by its primary
/// subtag: Russian and the languages of the journal's region whose decimal
/// symbol in CLDR is a comma. Languages not listed write a point.
fn writes_decimal_comma(language: &str) -> bool {
    matches!(
        language,
        "ru" | "uk" | "be" | "kk" | "ky" | "uz" | "tg" | "tk" | "az" | "ka" | "hy"
    )
}

/// A catalogue's number formatter for a language with a decimal comma:
/// numbers as Fluent writes them, the point made a comma; other values
/// are left to Fluent.
fn with_decimal_comma<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(n.as_string().replace('.', ",")),
        _ => None,
    }
}

/// An optional number that is absent: the catalogues' selectors match `none`.
fn none() -> FluentValue<'static> {
    FluentValue::String(Cow::Borrowed("none"))
}

/// Year, volume, number and whole number of an issue.
fn issue_args(issue: &Issue) -> Args<'static> {
    Args::from([
        ("year", number(issue.id.year)),
        ("volume", issue.volume.map_or(none(), number)),
        ("number", number(issue.id.number)),
        ("whole", issue.whole_number.map_or(none(), number)),
    ])
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_ru;

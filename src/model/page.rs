//! Static pages (`content/pages/`) in their languages, and the home page's
//! text (`content/_index.md`).

use std::ops::Range;
use std::sync::Arc;

use super::{Lang, Slug};
use crate::diag::{SourceFile, Span};

/// A static page from `content/pages/`: the page in the site's default
/// language (`about.md`), with its translations into the site's other
/// interface languages (`about.en.md`).
#[derive(Debug, Clone)]
pub struct StaticPage {
    /// The Markdown file.
    pub source: Arc<SourceFile>,
    /// The byte range of the body.
    pub body: Range<usize>,
    /// The last segment of its address, shared by every language's tree.
    pub slug: Slug,
    /// Where `slug:` is written; `None` when the slug comes from the file name.
    pub slug_span: Option<Span>,
    /// The language it is written in: the site's default.
    pub lang: Lang,
    /// Its title.
    pub title: String,
    /// A one-line description.
    pub description: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// `extra:`, untouched.
    pub extra: serde_json::Value,
    /// The same page in other languages, each once, in file name order.
    pub translations: Vec<PageTranslation>,
}

/// A static page in another interface language (`about.en.md`): its own
/// text and front matter, at its page's address in that language's tree.
#[derive(Debug, Clone)]
pub struct PageTranslation {
    /// Its language, one of the site's other interface languages.
    pub lang: Lang,
    /// The Markdown file.
    pub source: Arc<SourceFile>,
    /// The byte range of the body.
    pub body: Range<usize>,
    /// Its title.
    pub title: String,
    /// A one-line description.
    pub description: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// `extra:`, untouched.
    pub extra: serde_json::Value,
}

/// What a static page shows in one language's tree: its translation into
/// that language, or else its own text.
#[derive(Debug, Clone, Copy)]
pub struct PageText<'a> {
    /// The language the text is written in.
    pub lang: &'a Lang,
    /// The Markdown file.
    pub source: &'a Arc<SourceFile>,
    /// The byte range of the body.
    pub body: &'a Range<usize>,
    /// The title.
    pub title: &'a str,
    /// A one-line description.
    pub description: Option<&'a str>,
    /// `extra:`, untouched.
    pub extra: &'a serde_json::Value,
}

impl StaticPage {
    /// The page's text for `lang`'s tree: its translation into `lang` when
    /// it has one, else its own text (whose `lang` then differs from the
    /// one asked for).
    pub fn text_in(&self, lang: &Lang) -> PageText<'_> {
        match self.translations.iter().find(|t| &t.lang == lang) {
            Some(t) => PageText {
                lang: &t.lang,
                source: &t.source,
                body: &t.body,
                title: &t.title,
                description: t.description.as_deref(),
                extra: &t.extra,
            },
            None => PageText {
                lang: &self.lang,
                source: &self.source,
                body: &self.body,
                title: &self.title,
                description: self.description.as_deref(),
                extra: &self.extra,
            },
        }
    }
}

/// `content/_index.md`: the home page's own text.
#[derive(Debug, Clone)]
pub struct HomeText {
    /// The Markdown file.
    pub source: Arc<SourceFile>,
    /// The byte range of the body.
    pub body: Range<usize>,
    /// A title, if the editors gave one.
    pub title: Option<String>,
    /// The language of a translation (`_index.en.md`); `None` for the
    /// text in the default language.
    pub lang: Option<Lang>,
    /// Its translations into the site's other languages.
    pub translations: Vec<HomeText>,
}

impl HomeText {
    /// The text a page in `lang` shows: its translation into `lang`, or
    /// this text, in the default language.
    pub fn text_in(&self, lang: &Lang) -> &HomeText {
        self.translations
            .iter()
            .find(|t| t.lang.as_ref() == Some(lang))
            .unwrap_or(self)
    }
}

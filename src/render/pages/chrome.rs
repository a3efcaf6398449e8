//! The chrome around every page's content: the header's content (the
//! journal's title, the navigation and the search form, `header.html`) and
//! the footer (`footer.html`).
//!
//! Both are the same on nearly every page of a tree, yet cost a page a
//! few dozen lookups and a dozen catalogue messages in Tera. So each is a
//! template of its own that sees only what can change it: `site`, the
//! interface's language when the page is in another (`ui_lang`) and, for
//! the header, the page's kind and where the page stands among the
//! header's links. Whatever a template makes of those, the same values
//! give the same HTML, so each variant is rendered once per tree and kept;
//! a tree has a few dozen at most (one per index page and static page the
//! header links to).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use serde::Serialize;
use tera::Context;

use super::PageKind;
use crate::diag::Diagnostic;
use crate::render::templates::Templates;

/// The header's and the footer's variants of one tree, rendered as needed.
pub(super) struct Chrome {
    /// The browse links' addresses (keywords, countries, regions, authors).
    browse: Vec<String>,
    /// The static pages' addresses in the navigation.
    nav: Vec<String>,
    /// Whether some template prints `page.header_html` (`page.footer_html`):
    /// a theme's own `base.html` may not.
    header: bool,
    footer: bool,
    made: RwLock<HashMap<Variant, Arc<str>>>,
}

/// What a piece of chrome can depend on.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Variant {
    Header {
        kind: PageKind,
        ui_other: bool,
        here: String,
        within: String,
    },
    Footer {
        ui_other: bool,
    },
}

/// What `header.html` sees as `page`.
#[derive(Serialize)]
struct HeaderPage<'a> {
    kind: &'static str,
    /// The page's own address when the header links to it, else empty.
    here: &'a str,
    /// The browse link whose pages this page is among (a term's page is
    /// among the keywords), else empty.
    within: &'a str,
}

/// The header's content and the footer of one page, as HTML (empty when no
/// template prints them).
pub(super) struct Pieces {
    /// `page.header_html`.
    pub header: Arc<str>,
    /// `page.footer_html`.
    pub footer: Arc<str>,
}

impl Chrome {
    /// The chrome of the tree whose `site` is given, through `templates`.
    pub fn new(templates: Option<&Templates>, base: &Context) -> Chrome {
        let paths = |list: &str| -> Vec<String> {
            base.get("site")
                .and_then(|site| site.get(list))
                .and_then(|items| items.as_array())
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.get("path")?.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        Chrome {
            browse: paths("browse"),
            nav: paths("nav"),
            header: templates.is_some_and(|t| t.mentions("header_html")),
            footer: templates.is_some_and(|t| t.mentions("footer_html")),
            made: RwLock::new(HashMap::new()),
        }
    }

    /// The pieces of the page of `kind` at `path`, whose interface's
    /// language is marked `ui_lang` (empty when the page is in it). A
    /// template error goes to `report`; the piece is then empty.
    pub fn pieces(
        &self,
        templates: &Templates,
        base: &Context,
        kind: PageKind,
        path: &str,
        ui_lang: &str,
        report: &mut dyn FnMut(Diagnostic),
    ) -> Pieces {
        let ui_other = !ui_lang.is_empty();
        let header = if self.header {
            // Browse links are folders side by side (`keywords/`,
            // `authors/`), so a page is among the pages of one at most.
            let here = self
                .browse
                .iter()
                .chain(&self.nav)
                .find(|link| *link == path)
                .cloned()
                .unwrap_or_default();
            let within = self
                .browse
                .iter()
                .find(|link| *link != path && path.starts_with(link.as_str()))
                .cloned()
                .unwrap_or_default();
            let variant = Variant::Header {
                kind,
                ui_other,
                here,
                within,
            };
            self.get(variant, templates, base, ui_lang, report)
        } else {
            Arc::from("")
        };
        let footer = if self.footer {
            self.get(
                Variant::Footer { ui_other },
                templates,
                base,
                ui_lang,
                report,
            )
        } else {
            Arc::from("")
        };
        Pieces { header, footer }
    }

    /// The variant, made now if it was not before.
    fn get(
        &self,
        variant: Variant,
        templates: &Templates,
        base: &Context,
        ui_lang: &str,
        report: &mut dyn FnMut(Diagnostic),
    ) -> Arc<str> {
        if let Some(made) = self.made.read().ok().and_then(|m| m.get(&variant).cloned()) {
            return made;
        }
        let mut ctx = base.clone();
        ctx.insert("ui_lang", ui_lang);
        let name = match &variant {
            Variant::Header {
                kind, here, within, ..
            } => {
                ctx.insert(
                    "page",
                    &HeaderPage {
                        kind: kind.name(),
                        here,
                        within,
                    },
                );
                "header.html"
            }
            Variant::Footer { .. } => "footer.html",
        };
        let html: Arc<str> = match templates.render(name, &ctx) {
            Ok(html) => Arc::from(super::without_final_line_break(html)),
            Err(diagnostic) => {
                report(diagnostic);
                Arc::from("")
            }
        };
        if let Ok(mut made) = self.made.write() {
            made.insert(variant, Arc::clone(&html));
        }
        html
    }
}

//! Rendering one page through its template into the sink, and the context
//! every page shares.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use super::templates::Templates;
use super::views::LicenseView;
use crate::diag::Diagnostic;
use crate::model::{Archive, Lang, SitePath};
use crate::output::{Output, Share};
use crate::site::Site;
use crate::taxonomy::Kind;
use crate::text::Text;

mod chrome;

/// The kinds of page, each with its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The home page.
    Home,
    /// The archive: every issue by year.
    Archive,
    /// An issue's contents.
    Issue,
    /// An article.
    Article,
    /// A static page from `content/pages/`.
    Page,
    /// The search page.
    Search,
    /// The archive's statistics.
    Statistics,
    /// A page of a taxonomy's index.
    Taxonomy,
    /// A page of a term's articles.
    Term,
    /// The page served for a missing address.
    NotFound,
}

impl PageKind {
    /// What templates see as `page.kind`.
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Archive => "archive",
            PageKind::Issue => "issue",
            PageKind::Article => "article",
            PageKind::Page => "page",
            PageKind::Search => "search",
            PageKind::Statistics => "statistics",
            PageKind::Taxonomy => "taxonomy",
            PageKind::Term => "term",
            PageKind::NotFound => "404",
        }
    }

    /// Where the report of the output's size counts it.
    pub fn share(self) -> Share {
        match self {
            PageKind::Article => Share::ArticlePages,
            PageKind::Taxonomy | PageKind::Term => Share::TermPages,
            PageKind::Home
            | PageKind::Archive
            | PageKind::Issue
            | PageKind::Page
            | PageKind::Search
            | PageKind::Statistics
            | PageKind::NotFound => Share::OtherPages,
        }
    }

    /// The template that renders it.
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Archive => "archive.html",
            PageKind::Issue => "issue.html",
            PageKind::Article => "article.html",
            PageKind::Page => "page.html",
            PageKind::Search => "search.html",
            PageKind::Statistics => "statistics.html",
            PageKind::Taxonomy => "taxonomy_index.html",
            PageKind::Term => "taxonomy_term.html",
            PageKind::NotFound => "404.html",
        }
    }
}

/// One page to render: what it is and where it goes.
pub struct Page<'p> {
    /// Its kind, which names its template.
    pub kind: PageKind,
    /// Its title.
    pub title: &'p str,
    /// Where it goes.
    pub at: At,
    /// Its language when it is not the site's (an article in another).
    pub lang: Option<&'p str>,
    /// The previous and next pages of a paginated list (empty when none).
    pub links: (String, String),
}

impl<'p> Page<'p> {
    /// A page written as `index.html` of the folder `dir`.
    pub fn dir(kind: PageKind, title: &'p str, dir: SitePath) -> Self {
        Page {
            kind,
            title,
            at: At::Dir(dir),
            lang: None,
            links: (String::new(), String::new()),
        }
    }

    /// A page written as the file `file` (`404.html`).
    pub fn file(kind: PageKind, title: &'p str, file: SitePath) -> Self {
        Page {
            at: At::File(file),
            ..Page::dir(kind, title, SitePath::root())
        }
    }
}

/// Where a page goes.
pub enum At {
    /// The `index.html` of a folder, addressed by the folder.
    Dir(SitePath),
    /// A file of its own (`404.html`).
    File(SitePath),
}

/// Where rendered pages and files go.
#[derive(Clone, Copy)]
pub enum Sink<'a> {
    /// The output folder: a build, or serve's partial rebuild.
    Output(&'a Output),
    /// Nowhere: `quire check` renders everything and keeps nothing.
    Discard,
}

/// A piece of a page as its template made it, without the file's final
/// line break, as Jinja prints a template: the template that prints the
/// piece places it like a line of its own.
fn without_final_line_break(mut html: String) -> String {
    if html.ends_with('\n') {
        html.pop();
        if html.ends_with('\r') {
            html.pop();
        }
    }
    html
}

/// Pieces of pages made once per article and printed in many (an
/// article's entry in the lists it is on), by [`crate::model::ArticleIdx`].
///
/// Each piece is kept only while it will be asked for again: the render
/// says at the start how often each article's piece will be, and the last
/// time drops it, so what is kept does not grow with the archive. A count
/// that is off costs work or memory, never a wrong page: a piece asked for
/// after it was dropped is made again.
pub struct PerArticle(Vec<Mutex<Piece>>);

/// An article's piece and how many more times it will be asked for.
#[derive(Default)]
struct Piece {
    left: u32,
    made: Option<Arc<str>>,
}

impl PerArticle {
    /// Room for the pieces of articles asked for `uses[idx]` times each.
    pub fn new(uses: Vec<u32>) -> Self {
        PerArticle(
            uses.into_iter()
                .map(|left| Mutex::new(Piece { left, made: None }))
                .collect(),
        )
    }

    /// How many pieces of each of `articles` articles `asked` asks for.
    pub fn count(articles: usize, asked: impl IntoIterator<Item = usize>) -> Vec<u32> {
        let mut uses = vec![0u32; articles];
        for idx in asked {
            if let Some(n) = uses.get_mut(idx) {
                *n = n.saturating_add(1);
            }
        }
        uses
    }

    /// The piece of article `idx`, made by `make` unless it is kept. (While
    /// it is made, another job asking for the same article waits.)
    pub fn get_or_make(&self, idx: usize, make: impl FnOnce() -> String) -> Arc<str> {
        let Some(slot) = self.0.get(idx) else {
            return Arc::from(make());
        };
        let mut piece = slot.lock().unwrap_or_else(PoisonError::into_inner);
        let made = match &piece.made {
            Some(made) => Arc::clone(made),
            None => Arc::from(make()),
        };
        piece.left = piece.left.saturating_sub(1);
        piece.made = (piece.left > 0).then(|| Arc::clone(&made));
        made
    }
}

/// What templates see as `page`.
#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'static str,
    title: &'a str,
    path: String,
    url: String,
    lang: &'a str,
    prev_path: String,
    next_path: String,
    /// The same page in every interface language, when there are several.
    alternates: Vec<Alternate>,
    /// The header's content and the footer, made once per variant.
    header_html: &'a str,
    footer_html: &'a str,
}

/// The same page in one interface language, for the language switch and
/// `<link rel="alternate" hreflang>`.
#[derive(Serialize)]
struct Alternate {
    /// Its language code.
    lang: String,
    /// The language's name in itself: `English`, `Русский`.
    name: String,
    /// Its root-relative address.
    path: String,
    /// Its absolute address.
    url: String,
    /// Whether it is this page.
    current: bool,
}

/// Renders pages through the templates into the sink, and writes files.
pub struct Pages<'a> {
    templates: Option<&'a Templates>,
    base: Context,
    site: &'a Site,
    /// Each interface language with its name in itself (`Русский`), made
    /// once for every page's language switch; empty for one language.
    languages: Vec<(&'a Lang, String)>,
    sink: Sink<'a>,
    files: AtomicUsize,
    /// Template errors already reported: a broken template fails on every
    /// page of its kind, and one report says it.
    failed: Mutex<HashSet<String>>,
    /// Whether a template reads `article.meta_tags` (the default theme
    /// prints `article.meta_html`).
    meta_tags: bool,
    /// The header's content and the footer, by variant.
    chrome: chrome::Chrome,
}

impl<'a> Pages<'a> {
    /// Pages through `templates` (none when they did not load: then only
    /// the work that can find content problems is done) into `sink`, with
    /// `base` in every page's context.
    pub fn new(
        templates: Option<&'a Templates>,
        base: Context,
        site: &'a Site,
        languages: &'a [Lang],
        sink: Sink<'a>,
    ) -> Self {
        let languages = if languages.len() > 1 {
            languages
                .iter()
                .map(|lang| {
                    // The language's name in its own words.
                    let text = Text::of(lang);
                    (lang, text.get("language-name"))
                })
                .collect()
        } else {
            Vec::new()
        };
        Pages {
            templates,
            chrome: chrome::Chrome::new(templates, &base),
            base,
            site,
            languages,
            sink,
            files: AtomicUsize::new(0),
            failed: Mutex::new(HashSet::new()),
            meta_tags: templates.is_some_and(|t| t.mentions("meta_tags")),
        }
    }

    /// Whether article pages list their `<meta>` tags one by one
    /// (`article.meta_tags`) besides writing them (`article.meta_html`):
    /// only when a template reads them.
    pub fn lists_meta_tags(&self) -> bool {
        self.meta_tags
    }

    /// Whether files are kept (false for `quire check`).
    pub fn writes(&self) -> bool {
        matches!(self.sink, Sink::Output(_))
    }

    /// Files written so far (or that would have been, for `check`).
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Renders `page` with `ctx` (and the shared context) through its
    /// kind's template. A template error goes to `diags`, once per error.
    pub fn render(&self, page: Page<'_>, ctx: Context, diags: &mut Vec<Diagnostic>) -> Result<()> {
        let Some(templates) = self.templates else {
            return Ok(());
        };
        let alternates = match &page.at {
            At::Dir(dir) => self.alternates(dir),
            At::File(_) => Vec::new(),
        };
        let (path, target) = match page.at {
            At::Dir(dir) => (self.site.dir_path(&dir), dir.index_html()),
            At::File(file) => (self.site.file_path(&file), file),
        };
        let lang = page.lang.unwrap_or(self.site.lang().as_str());
        // The interface's words are in the tree's language; a page in
        // another marks them with it.
        let ui_lang = if lang == self.site.lang().as_str() {
            ""
        } else {
            self.site.lang().as_str()
        };
        let chrome = self.chrome.pieces(
            templates,
            &self.base,
            page.kind,
            &path,
            ui_lang,
            &mut |diagnostic| self.report(diagnostic, diags),
        );
        let mut context = self.base.clone();
        context.extend(ctx);
        context.insert(
            "page",
            &PageInfo {
                kind: page.kind.name(),
                title: page.title,
                url: self.site.absolute(&path),
                path,
                lang,
                prev_path: page.links.0,
                next_path: page.links.1,
                alternates,
                header_html: &chrome.header,
                footer_html: &chrome.footer,
            },
        );
        match templates.render(page.kind.template(), &context) {
            Ok(html) => self.put(&target, html.as_bytes(), page.kind.share()),
            Err(diagnostic) => {
                self.report(diagnostic, diags);
                Ok(())
            }
        }
    }

    /// Whether page kind `kind` is rendered by the default theme's own
    /// template, which reads only what its documentation says (false
    /// without templates).
    pub fn built_in(&self, kind: PageKind) -> bool {
        self.templates
            .is_some_and(|t| t.is_built_in(kind.template()))
    }

    /// Renders template `name` with `ctx` alone (no `site`, no `page`): a
    /// piece of a page that quire renders once and prints in many, without
    /// its file's final line break ([`without_final_line_break`]). `None`
    /// without templates, or after a template error, which goes to `diags`
    /// once per error.
    pub fn fragment(
        &self,
        name: &str,
        ctx: &Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        match self.templates?.render(name, ctx) {
            Ok(html) => Some(without_final_line_break(html)),
            Err(diagnostic) => {
                self.report(diagnostic, diags);
                None
            }
        }
    }

    /// Reports a template error, unless the same one was reported before:
    /// a broken template fails on every page of its kind.
    fn report(&self, diagnostic: Diagnostic, diags: &mut Vec<Diagnostic>) {
        let (line, column) = diagnostic.primary.0.line_col();
        let key = format!(
            "{}:{line}:{column}: {}",
            diagnostic.path().display(),
            diagnostic.message
        );
        let first = self.failed.lock().is_ok_and(|mut seen| seen.insert(key));
        if first {
            diags.push(diagnostic);
        }
    }

    /// The page at `dir` in every interface language, when there are
    /// several: the trees are alike, so every page has its twin.
    fn alternates(&self, dir: &SitePath) -> Vec<Alternate> {
        self.languages
            .iter()
            .map(|&(lang, ref name)| {
                let path = self.site.dir_path(&self.site.in_lang(dir, lang));
                Alternate {
                    lang: lang.as_str().to_string(),
                    name: name.clone(),
                    url: self.site.absolute(&path),
                    path,
                    current: lang == self.site.lang(),
                }
            })
            .collect()
    }

    /// Writes a file that is not rendered through a template.
    pub fn write(&self, target: &SitePath, bytes: &[u8]) -> Result<()> {
        self.put(target, bytes, self.site.share_of(target))
    }

    fn put(&self, target: &SitePath, bytes: &[u8], share: Share) -> Result<()> {
        if let Sink::Output(output) = self.sink {
            output.write(target, bytes, share)?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Copies the file `source` to `target`.
    pub fn copy(&self, target: &SitePath, source: &Path) -> Result<()> {
        if let Sink::Output(output) = self.sink {
            output.copy(target, source, self.site.share_of(target))?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// What templates see as `site`: the journal and the links of every page's
/// header and footer.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    short_title: &'a str,
    description: &'a str,
    base_path: &'a str,
    /// The home page of this language's tree: where its page links start.
    home: String,
    base_url: String,
    language: &'a str,
    publisher: &'a str,
    contact_email: &'a str,
    issn_print: &'a str,
    issn_online: &'a str,
    license: Option<LicenseView<'a>>,
    stylesheet: String,
    nav: Vec<NavItem>,
    extra: &'a serde_json::Value,
    browse: Vec<BrowseLink>,
}

/// A static page in the navigation, titled in the tree's language.
#[derive(Serialize)]
struct NavItem {
    title: String,
    path: String,
    /// The title's language when it is not the tree's: the page has no
    /// translation into it.
    lang: Option<String>,
}

#[derive(Serialize)]
struct BrowseLink {
    title: String,
    path: String,
    count: usize,
}

/// The context every page shares: `site`, with the stylesheet's address
/// carrying `stylesheet_hash` against stale caches.
pub fn shared_context(
    archive: &Archive,
    site: &Site,
    text: &Text,
    stylesheet_hash: u32,
) -> Context {
    let config = &archive.config;
    let tax = &archive.taxonomies;
    let view = SiteView {
        title: config.title_in(site.lang()),
        short_title: config.short_title_in(site.lang()),
        description: config.description_in(site.lang()).unwrap_or(""),
        base_path: site.base_path(),
        home: site.dir_path(&site.home()),
        base_url: site.base_url(),
        language: site.lang().as_str(),
        publisher: config.publisher_in(site.lang()).unwrap_or(""),
        contact_email: config.contact_email.as_deref().unwrap_or(""),
        issn_print: config.issn_print.as_ref().map_or("", |i| i.as_str()),
        issn_online: config.issn_online.as_ref().map_or("", |i| i.as_str()),
        license: config.license.as_ref().map(LicenseView::new),
        stylesheet: format!(
            "{}?v={stylesheet_hash:08x}",
            site.file_path(&site.static_file("style.css").expect("a literal name"))
        ),
        nav: archive
            .pages
            .iter()
            .map(|p| {
                let text = p.text_in(site.lang());
                NavItem {
                    title: text.title.to_string(),
                    path: site.dir_path(&site.page(&p.slug)),
                    lang: (text.lang != site.lang()).then(|| text.lang.to_string()),
                }
            })
            .collect(),
        extra: &config.extra,
        browse: Kind::ALL
            .into_iter()
            .map(|kind| (kind, tax.count(kind)))
            .filter(|&(_, count)| count > 0)
            .map(|(kind, count)| BrowseLink {
                title: text.get(kind.title_key()),
                path: site.dir_path(&site.taxonomy(kind)),
                count,
            })
            .collect(),
    };
    let mut context = Context::new();
    context.insert("site", &view);
    context
}

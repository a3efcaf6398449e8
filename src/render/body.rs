//! Full texts as the passes need them: read from their files, rendered to
//! HTML with links between Markdown files resolved, their assets copied.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;

use super::pages::Pages;
use crate::content::markdown::{self, Anchors, Body, BodyContext, Target};
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Archive, Article, SitePath};
use crate::site::{Site, Written};

/// Renders the site's Markdown bodies (full texts, static pages, the home
/// page's text).
pub struct Bodies<'a> {
    archive: &'a Archive,
    site: &'a Site,
    /// The address of every Markdown file and of every page and file a
    /// link may name, made the first time a text links to one: most
    /// partial rebuilds render no such link, and the map of 10,000
    /// articles takes 30 ms.
    addresses: OnceLock<Known>,
    /// The ids of the Markdown texts other texts link into, by page.
    text_ids: Mutex<HashMap<String, Vec<String>>>,
    /// The theme's and the site's static files, by name (`files/a.pdf`).
    statics: Vec<String>,
}

/// What links are checked against.
#[derive(Default)]
struct Known {
    /// Each Markdown file's page: its address with the base path, and its
    /// place in the output.
    sources: HashMap<PathBuf, (String, String)>,
    /// Everything the build writes that a link may name, by its place in
    /// the output (a page by its folder).
    written: HashMap<String, Written>,
    /// Each issue folder's page.
    issues: HashMap<PathBuf, String>,
}

/// Ids every page of the built-in templates has (`base.html`).
const BASE_IDS: &[&str] = &["main-content", "site-search-q"];
/// Ids of the built-in `home.html`.
const HOME_IDS: &[&str] = &["latest-issue-heading", "browse-heading"];
/// Ids of the built-in `article.html`.
const ARTICLE_IDS: &[&str] = &["how-to-cite-heading", "related-heading"];
/// Ids of the built-in `taxonomy_term.html`.
const TERM_IDS: &[&str] = &["countries-heading", "articles-heading"];
/// Ids of the built-in `search.html`: `search`, and `search-` with the
/// form's parts and each facet's name.
const SEARCH_IDS: &[&str] = &["search"];

impl<'a> Bodies<'a> {
    /// Bodies of `archive`'s files, linking with `site`'s addresses.
    pub fn new(archive: &'a Archive, site: &'a Site, statics: Vec<String>) -> Self {
        Bodies {
            archive,
            site,
            addresses: OnceLock::new(),
            text_ids: Mutex::new(HashMap::new()),
            statics,
        }
    }

    /// The body at `range` of `file` as HTML; problems (broken links,
    /// missing images) go to `diags`.
    pub fn render(
        &self,
        file: &Arc<SourceFile>,
        range: Range<usize>,
        diags: &mut Vec<Diagnostic>,
    ) -> Body {
        if file.text()[range.clone()].trim().is_empty() {
            return Body::default();
        }
        let dir = file.path().parent().unwrap_or(Path::new(""));
        let ctx = BodyContext {
            file,
            range,
            root: &self.archive.root,
            dir,
            pages: self,
            base_path: self.site.base_path(),
        };
        markdown::body(&ctx, diags)
    }

    /// An article's file read again, with the byte range of its full text;
    /// `None` when it has none (or can no longer be read: then why is in
    /// `diags`). The file is split anew, so an edit made since it was read
    /// gives a consistent (newer) body rather than a stale range.
    pub fn read(
        &self,
        article: &Article,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(Arc<SourceFile>, Range<usize>)> {
        if !article.has_body {
            return None;
        }
        let file = crate::content::read_source(&self.archive.root, article.source.path(), true)
            .map_err(|d| diags.push(d))
            .ok()?;
        let split = crate::content::front_matter::split(&file, true)
            .map_err(|d| diags.push(d))
            .ok()?;
        Some((file, split.body))
    }

    /// Copies the files `body` refers to (relative to its Markdown file in
    /// `source_dir`) to where `beside` puts them.
    pub fn copy_assets(
        &self,
        pages: &Pages<'_>,
        body: &Body,
        source_dir: &Path,
        beside: impl Fn(&str) -> Option<SitePath>,
    ) -> Result<()> {
        for asset in &body.assets {
            if let Some(target) = beside(asset) {
                pages.copy(&target, &self.archive.root.join(source_dir).join(asset))?;
            }
        }
        Ok(())
    }

    fn known(&self) -> &Known {
        self.addresses.get_or_init(|| self.map())
    }

    fn map(&self) -> Known {
        let site = self.site;
        let archive = self.archive;
        let mut known = Known::default();
        let mut source = |path: &Path, at: SitePath| {
            known.sources.insert(
                path.to_path_buf(),
                (site.dir_path(&at), at.as_str().to_string()),
            );
        };
        for article in &archive.articles {
            source(article.source.path(), site.article(article));
        }
        for page in &archive.pages {
            source(page.source.path(), site.page(&page.slug));
            // A link to a page's translation leads to it in its own tree.
            for translation in &page.translations {
                let tree = site.for_lang(&translation.lang);
                source(translation.source.path(), tree.page(&page.slug));
            }
        }
        if let Some(home) = &archive.home {
            source(home.source.path(), site.home());
            // A link to the home text's translation leads to its own tree.
            for translation in &home.translations {
                if let Some(lang) = &translation.lang {
                    source(translation.source.path(), site.for_lang(lang).home());
                }
            }
        }
        for issue in &archive.issues {
            known
                .issues
                .insert(issue.dir.clone(), site.issue(issue.id).as_str().to_string());
        }
        for (at, what) in site.written(archive) {
            known.written.insert(at.as_str().to_string(), what);
        }
        // The theme's and the site's static files (`/files/policy.pdf`).
        for name in &self.statics {
            known.written.entry(name.clone()).or_insert(Written::File);
        }
        known
    }

    /// The ids of the Markdown text of the page at `path`, if it has one.
    fn ids_of_text(&self, path: &str, what: Written) -> Vec<String> {
        if let Some(ids) = self.text_ids.lock().ok().and_then(|m| m.get(path).cloned()) {
            return ids;
        }
        let archive = self.archive;
        let ids = match what {
            Written::Article(idx) => archive.articles.get(idx).and_then(|article| {
                let mut ignored = Vec::new();
                let (file, range) = self.read(article, &mut ignored)?;
                Some(markdown::text_ids(&file.text()[range]))
            }),
            Written::Page(n) => archive.pages.get(n).map(|page| {
                let text = page.text_in(self.site.lang());
                markdown::text_ids(&text.source.text()[text.body.clone()])
            }),
            Written::Home => archive.home.as_ref().map(|home| {
                let text = home.text_in(self.site.lang());
                markdown::text_ids(&text.source.text()[text.body.clone()])
            }),
            _ => None,
        }
        .unwrap_or_default();
        if let Ok(mut map) = self.text_ids.lock() {
            map.insert(path.to_string(), ids.clone());
        }
        ids
    }
}

impl markdown::Addresses for Bodies<'_> {
    fn address(&self, source: &Path) -> Option<String> {
        self.known()
            .sources
            .get(source)
            .map(|(href, _)| href.clone())
    }

    fn page_of(&self, source: &Path) -> Option<String> {
        self.known().sources.get(source).map(|(_, at)| at.clone())
    }

    fn target(&self, path: &str) -> Option<Target> {
        let written = &self.known().written;
        // A text names the default tree's addresses (`/about/`); on a page
        // of another tree the link leads to that tree's twin (`/en/about/`)
        // when it has one, and otherwise (a shared file) where it points.
        let site = self.site;
        let twin = (site.lang() != site.default_lang())
            .then(|| {
                let at = if path.is_empty() {
                    SitePath::root()
                } else {
                    SitePath::root().join_relative(path)?
                };
                let twin = site.for_lang(site.default_lang()).in_lang(&at, site.lang());
                Some(twin.as_str().to_string())
            })
            .flatten()
            .filter(|twin| written.contains_key(twin.as_str()));
        let path = twin.as_deref().unwrap_or(path);
        let what = *written.get(path)?;
        let at = if path.is_empty() {
            SitePath::root()
        } else {
            SitePath::root().join_relative(path)?
        };
        Some(match what {
            Written::File => Target {
                href: self.site.file_path(&at),
                page: false,
            },
            _ => Target {
                href: self.site.dir_path(&at),
                page: true,
            },
        })
    }

    /// In a tree other than the default one, the shared copy of a file
    /// beside the text: the trees share one copy, in the default tree.
    fn asset(&self, source: &Path, within: &str) -> Option<String> {
        let site = self.site;
        if site.lang() == site.default_lang() {
            return None;
        }
        let (_, at) = self.known().sources.get(source)?;
        let page = if at.is_empty() {
            SitePath::root()
        } else {
            SitePath::root().join_relative(at)?
        };
        let shared = site.in_lang(&page, site.default_lang());
        Some(site.file_path(&shared.join_relative(within)?))
    }

    fn issue_folder(&self, dir: &Path) -> Option<String> {
        self.known().issues.get(dir).cloned()
    }

    fn closest(&self, path: &str) -> Option<String> {
        let pages: Vec<&str> = self
            .known()
            .written
            .iter()
            .filter(|(_, what)| **what != Written::File)
            .map(|(at, _)| at.as_str())
            .collect();
        // The one page whose last segment is the link's (`about` or
        // `../about/` read from an article's folder), else a misspelt
        // address.
        let last = |at: &str| at.rsplit('/').next().unwrap_or("").to_string();
        let wanted = last(path);
        let mut same = pages
            .iter()
            .filter(|at| !wanted.is_empty() && last(at) == wanted);
        let close = match (same.next(), same.next()) {
            (Some(only), None) => Some(*only),
            _ => crate::diag::did_you_mean(path, pages.iter().copied()),
        };
        close.map(|at| {
            if at.is_empty() {
                "/".to_string()
            } else {
                format!("/{at}/")
            }
        })
    }

    fn anchors(&self, path: &str, with_text: bool) -> Option<Anchors> {
        let what = *self.known().written.get(path)?;
        let fixed: &[&str] = match what {
            Written::File => return None,
            Written::Home => HOME_IDS,
            Written::Article(_) => ARTICLE_IDS,
            Written::Term(_) => TERM_IDS,
            Written::Search => SEARCH_IDS,
            Written::Archive
            | Written::Statistics
            | Written::Issue(_)
            | Written::Page(_)
            | Written::Taxonomy(_) => &[],
        };
        let mut anchors = Anchors {
            ids: BASE_IDS
                .iter()
                .chain(fixed)
                .map(|id| id.to_string())
                .collect(),
            prefixes: Vec::new(),
        };
        match what {
            Written::Archive => anchors.ids.extend(
                self.archive
                    .issues
                    .iter()
                    .map(|issue| format!("y{}", issue.id.year)),
            ),
            Written::Search => anchors.prefixes.push("search-"),
            Written::Taxonomy(_) => anchors.prefixes.push("letter-"),
            _ => {}
        }
        if with_text {
            anchors.ids.extend(self.ids_of_text(path, what));
        }
        Some(anchors)
    }
}

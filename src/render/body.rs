//! Full texts as the passes need them: read from their files, rendered to
//! HTML with links between Markdown files resolved, their assets copied.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Result;

use super::pages::Pages;
use crate::content::markdown::{self, Body, BodyContext};
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Archive, Article, SitePath};
use crate::site::Site;

/// Renders the site's Markdown bodies (full texts, static pages, the home
/// page's text).
pub struct Bodies<'a> {
    archive: &'a Archive,
    site: &'a Site,
    /// The address of every Markdown file a link may name, made the first
    /// time a text links to one: most partial rebuilds render no such link,
    /// and the map of 10,000 articles takes 30 ms.
    addresses: OnceLock<HashMap<PathBuf, String>>,
}

impl<'a> Bodies<'a> {
    /// Bodies of `archive`'s files, linking with `site`'s addresses.
    pub fn new(archive: &'a Archive, site: &'a Site) -> Self {
        Bodies {
            archive,
            site,
            addresses: OnceLock::new(),
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

    fn map(&self) -> HashMap<PathBuf, String> {
        let site = self.site;
        let mut map = HashMap::new();
        for article in &self.archive.articles {
            map.insert(
                article.source.path().to_path_buf(),
                site.dir_path(&site.article(article)),
            );
        }
        for page in &self.archive.pages {
            map.insert(
                page.source.path().to_path_buf(),
                site.dir_path(&site.page(&page.slug)),
            );
        }
        if let Some(home) = &self.archive.home {
            map.insert(
                home.source.path().to_path_buf(),
                site.dir_path(&site.home()),
            );
        }
        map
    }
}

impl markdown::Addresses for Bodies<'_> {
    fn address(&self, source: &Path) -> Option<String> {
        self.addresses
            .get_or_init(|| self.map())
            .get(source)
            .cloned()
    }
}

//! Rendering the archive: pages through Tera, feeds and sitemap by code,
//! static files and article files copied; everything written to an [`Output`].
//!
//! Articles render in parallel, each page once: its full text is turned into
//! HTML, passed to its template and written, and nothing of it is kept.

pub mod map;
pub mod taxonomy;
pub mod templates;
pub mod views;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::content::markdown::{self, BodyContext};
use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::{Archive, SitePath};
use crate::output::Output;
use crate::scholarly;
use crate::search;
use views::{ArticleExtras, ArticleView, IssueView, LicenseView, TocView, Urls};
use xml::SitemapEntry;

/// What a build made.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// HTML pages written.
    pub pages: usize,
    /// Articles built.
    pub articles: usize,
    /// Files written in all (pages, feeds, copies).
    pub files: usize,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    path: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    short_title: &'a str,
    description: &'a str,
    base_path: &'a str,
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

#[derive(Serialize)]
struct PageInfo<'a> {
    kind: &'a str,
    title: &'a str,
    path: String,
    url: String,
    lang: &'a str,
    prev_path: String,
    next_path: String,
}

#[derive(Serialize)]
struct BrowseLink {
    title: &'static str,
    path: String,
    count: usize,
}

/// Which pages a render writes.
#[derive(Debug, Clone, Default)]
pub enum Scope {
    /// Everything: a build.
    #[default]
    All,
    /// Only what a change to some articles touches (`quire serve`).
    Touched(Touched),
}

/// What a change to some articles touches: their pages and files, their
/// neighbours' and the pages that list them as related, their issues, the
/// term pages and feeds that list them, home, the archive, the site's feed
/// and the files made from every article (OAI).
#[derive(Debug, Clone, Default)]
pub struct Touched {
    /// The changed articles.
    pub articles: Vec<usize>,
    /// Term folders (`keywords/central-asia`) to render besides those that
    /// list the changed articles now: the terms they had before.
    pub extra_terms: HashSet<String>,
    /// Whether the taxonomies changed, so their index pages are rendered too.
    pub taxonomies: bool,
}

/// The pages a [`Scope`] selects, answered per page.
pub(crate) struct Selection {
    /// `None`: all.
    articles: Option<HashSet<usize>>,
    changed: HashSet<usize>,
    issues: Option<HashSet<crate::model::IssueId>>,
    extra_terms: HashSet<String>,
    indexes: bool,
}

impl Selection {
    fn new(archive: &Archive, scope: &Scope) -> Selection {
        let Scope::Touched(touched) = scope else {
            return Selection {
                articles: None,
                changed: HashSet::new(),
                issues: None,
                extra_terms: HashSet::new(),
                indexes: true,
            };
        };
        let changed: HashSet<usize> = touched.articles.iter().copied().collect();
        let mut pages = changed.clone();
        let mut issues = HashSet::new();
        for &idx in &changed {
            let Some(article) = archive.articles.get(idx) else {
                continue;
            };
            issues.insert(article.issue);
            // Its neighbours show its title in their pager.
            if let Some(issue) = archive.issue(article.issue) {
                if let Some(at) = issue.articles.iter().position(|&a| a == idx) {
                    pages.extend(at.checked_sub(1).and_then(|p| issue.articles.get(p)));
                    pages.extend(issue.articles.get(at + 1));
                }
            }
        }
        // Articles that list a changed one as related show its title.
        for (idx, related) in archive.taxonomies.related.iter().enumerate() {
            if related.iter().any(|r| changed.contains(r)) {
                pages.insert(idx);
            }
        }
        Selection {
            articles: Some(pages),
            changed,
            issues: Some(issues),
            extra_terms: touched.extra_terms.clone(),
            indexes: touched.taxonomies,
        }
    }

    /// Whether everything is rendered.
    fn all(&self) -> bool {
        self.articles.is_none()
    }

    fn article(&self, idx: usize) -> bool {
        self.articles.as_ref().is_none_or(|a| a.contains(&idx))
    }

    fn issue(&self, id: crate::model::IssueId) -> bool {
        self.issues.as_ref().is_none_or(|i| i.contains(&id))
    }

    /// Whether the index pages of the taxonomies are rendered.
    pub(crate) fn indexes(&self) -> bool {
        self.indexes
    }

    /// Whether a page of a selected term's list, holding `articles`, is
    /// rendered: all of them when the taxonomies changed (entries may have
    /// moved between pages), else only those showing a changed article.
    pub(crate) fn term_page(&self, mut articles: impl Iterator<Item = usize>) -> bool {
        self.all() || self.indexes || articles.any(|a| self.changed.contains(&a))
    }

    /// Whether the term whose folder `dir` gives, listing `articles`, is
    /// rendered (`dir` is asked only when needed: there are many terms).
    pub(crate) fn term(
        &self,
        dir: impl FnOnce() -> SitePath,
        articles: &mut dyn Iterator<Item = usize>,
    ) -> bool {
        if self.all() {
            return true;
        }
        for a in &mut *articles {
            if self.changed.contains(&a) {
                return true;
            }
        }
        !self.extra_terms.is_empty() && self.extra_terms.contains(dir().as_str())
    }
}

/// Renders `archive` into `output`; with no output (`quire check`), renders
/// only what can hold content errors (full texts) and writes nothing.
/// Content problems go to `diags`; `Err` is a machine failure.
pub fn render(
    archive: &Archive,
    output: Option<&Output>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    render_scoped(archive, output, &Scope::All, diags)
}

/// [`render`], writing only the pages `scope` selects.
pub fn render_scoped(
    archive: &Archive,
    output: Option<&Output>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    let selection = Selection::new(archive, scope);
    let config = &archive.config;
    let urls = Urls {
        base_path: config.base_url.path.clone(),
        origin: config.base_url.origin.clone(),
    };
    let md_pages = MarkdownAddresses {
        archive,
        urls: &urls,
        map: OnceLock::new(),
    };
    let Some(tera) = templates::load(&archive.root, &config.theme, diags) else {
        return Ok(Stats::default());
    };
    let Some(output) = output else {
        let found: Vec<Vec<Diagnostic>> = archive
            .articles
            .par_iter()
            .map(|article| {
                let mut found = Vec::new();
                full_text(archive, &md_pages, &urls, article, &mut found);
                found
            })
            .collect();
        diags.extend(found.into_iter().flatten());
        for issue in &archive.issues {
            diags.extend(scholarly::crossref::left_out(archive, issue));
        }
        for page in &archive.pages {
            article_body(
                archive,
                &md_pages,
                &urls,
                &page.source,
                page.body.clone(),
                diags,
            );
        }
        return Ok(Stats {
            articles: archive.articles.len(),
            ..Stats::default()
        });
    };

    let files = AtomicUsize::new(0);
    let stylesheet_hash = copy_static(archive, output, &files, selection.all())?;

    let site = SiteView {
        title: &config.title,
        short_title: config.short_title.as_deref().unwrap_or(&config.title),
        description: config.description.as_deref().unwrap_or(""),
        base_path: &urls.base_path,
        base_url: config.base_url.as_url(),
        language: config.language.as_str(),
        publisher: config.publisher.as_deref().unwrap_or(""),
        contact_email: config.contact_email.as_deref().unwrap_or(""),
        issn_print: config.issn_print.as_ref().map_or("", |i| i.as_str()),
        issn_online: config.issn_online.as_ref().map_or("", |i| i.as_str()),
        license: config.license.as_ref().map(LicenseView::new),
        stylesheet: format!("{}style.css?v={stylesheet_hash:08x}", urls.base_path),
        nav: archive
            .pages
            .iter()
            .map(|p| NavItem {
                title: p.title.clone(),
                path: urls.dir(&SitePath::at(&[p.slug.as_str()])),
            })
            .collect(),
        extra: &config.extra,
        browse: {
            let tax = &archive.taxonomies;
            let counts = [
                tax.keywords.len(),
                tax.countries.len(),
                tax.regions.len(),
                tax.authors.len(),
            ];
            taxonomy::KINDS
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(kind, count)| BrowseLink {
                    title: kind.title(),
                    path: urls.dir(&SitePath::at(&[kind.kind_name()])),
                    count,
                })
                .collect()
        },
    };
    let base = Context::from_serialize(&site).map(|_| ()).ok();
    let mut base_context = Context::new();
    base_context.insert("site", &site);
    let _ = base;
    let renderer = PageRenderer {
        tera: &tera,
        base: &base_context,
        urls: &urls,
        output,
        files: &files,
        language: config.language.as_str(),
    };

    let mut pages = 0;
    let mut found = Vec::new();
    let mut sitemap = Vec::new();
    let latest = archive.issues.iter().map(|i| i.published).max();

    // Home.
    let mut ctx = Context::new();
    let intro_html = archive.home.as_ref().map_or(String::new(), |home| {
        article_body(
            archive,
            &md_pages,
            &urls,
            &home.source,
            home.body.clone(),
            &mut found,
        )
        .html
    });
    ctx.insert("intro_html", &intro_html);
    ctx.insert("top_keywords", &views::top_keywords(archive, &urls, 30));
    if let Some(issue) = archive
        .issues
        .iter()
        .rev()
        .find(|i| !i.articles.is_empty())
        .or(archive.issues.last())
    {
        ctx.insert("latest_issue", &IssueView::new(archive, issue, &urls, true));
    }
    let home_title = archive
        .home
        .as_ref()
        .and_then(|h| h.title.as_deref())
        .unwrap_or("");
    renderer.page(
        "home.html",
        "home",
        home_title,
        &SitePath::root(),
        None,
        ctx,
        &mut found,
    )?;
    sitemap.push(SitemapEntry {
        url: urls.absolute(&urls.base_path),
        lastmod: latest,
    });
    pages += 1;

    // Archive.
    #[derive(Serialize)]
    struct YearView<'a> {
        year: u16,
        issues: Vec<IssueView<'a>>,
    }
    let mut years: Vec<YearView<'_>> = Vec::new();
    for issue in archive.issues.iter().rev() {
        let view = IssueView::new(archive, issue, &urls, false);
        match years.last_mut() {
            Some(y) if y.year == issue.id.year => y.issues.push(view),
            _ => years.push(YearView {
                year: issue.id.year,
                issues: vec![view],
            }),
        }
    }
    let mut ctx = Context::new();
    ctx.insert("years", &years);
    let archive_path = SitePath::at(&["archive"]);
    renderer.page(
        "archive.html",
        "archive",
        "Archive",
        &archive_path,
        None,
        ctx,
        &mut found,
    )?;
    sitemap.push(SitemapEntry {
        url: urls.absolute(&urls.dir(&archive_path)),
        lastmod: latest,
    });
    pages += 1;

    // Issues.
    for issue in archive.issues.iter().filter(|i| selection.issue(i.id)) {
        let mut ctx = Context::new();
        let view = IssueView::new(archive, issue, &urls, true);
        let title = crate::text::Text::default_interface().issue_label(issue);
        ctx.insert("issue", &view);
        let path = issue.id.site_path();
        renderer.page("issue.html", "issue", &title, &path, None, ctx, &mut found)?;
        for file in scholarly::issue_files(archive, issue, &urls, &mut found) {
            if let Some(target) = path.join(file.name) {
                renderer.write_file(&target, file.text.as_bytes())?;
            }
        }
        if let Some(cover) = issue.cover.as_ref().filter(|_| selection.all()) {
            if let Some(target) = path.join(cover) {
                output.copy(&target, &archive.root.join(&issue.dir).join(cover))?;
                files.fetch_add(1, Ordering::Relaxed);
            }
        }
        sitemap.push(SitemapEntry {
            url: urls.absolute(&urls.dir(&path)),
            lastmod: Some(issue.published),
        });
        pages += 1;
    }

    // Articles, in parallel.
    // Whole builds index each article for search as its page is made: the
    // document file is written here, its counted stems kept for the shards.
    let indexer = selection
        .all()
        .then(|| search::index::Indexer::new(archive));
    #[allow(clippy::type_complexity)]
    let results: Vec<Result<(Vec<Diagnostic>, Option<(u32, search::index::Counted)>)>> = (0
        ..archive.articles.len())
        .into_par_iter()
        .filter(|&idx| selection.article(idx))
        .map(|idx| {
            let mut found = Vec::new();
            let article = &archive.articles[idx];
            // Read once: rendered here, and written as JATS below.
            let source = read_body(archive, article, &mut found);
            let body = source
                .as_ref()
                .map_or_else(markdown::Body::default, |(file, range)| {
                    article_body(archive, &md_pages, &urls, file, range.clone(), &mut found)
                });
            let body_markdown = source
                .as_ref()
                .and_then(|(file, range)| file.text().get(range.clone()));
            let dir = article.site_path();
            let mut ctx = Context::new();
            let issue = archive.issue(article.issue).expect("assembled");
            ctx.insert(
                "article",
                &ArticleView::new(
                    archive,
                    idx,
                    &urls,
                    ArticleExtras {
                        body_html: &body.html,
                        toc: &body.toc,
                    },
                ),
            );
            ctx.insert("issue", &IssueView::new(archive, issue, &urls, false));
            renderer.page(
                "article.html",
                "article",
                &article.title_text,
                &dir,
                Some(article.language.as_str()),
                ctx,
                &mut found,
            )?;
            for file in scholarly::article_files(archive, idx, &urls, body_markdown) {
                if let Some(target) = dir.join(file.name) {
                    renderer.write_file(&target, file.text.as_bytes())?;
                }
            }
            let source_dir = article.source.path().parent().unwrap_or(Path::new(""));
            if let Some(pdf) = &article.pdf {
                if let Some(target) = dir.join(&pdf.file_name) {
                    output.copy(&target, &archive.root.join(&pdf.source))?;
                    files.fetch_add(1, Ordering::Relaxed);
                }
            }
            copy_assets(archive, output, &files, &dir, source_dir, &body.assets)?;
            let mut counted = None;
            if let Some(indexer) = &indexer {
                let paragraphs = body_markdown.map_or_else(Vec::new, search::text::paragraphs);
                if let Some((number, file, stems)) =
                    indexer.document(archive, idx, &urls.base_path, &paragraphs)
                {
                    if let Some(target) =
                        SitePath::at(&["search"]).join_relative(file.path.as_str())
                    {
                        renderer.write_file(&target, &file.bytes)?;
                    }
                    counted = Some((number, stems));
                }
            }
            Ok((found, counted))
        })
        .collect();
    let mut counted = Vec::new();
    for result in results {
        let (diags, stems) = result?;
        found.extend(diags);
        if let Some((number, stems)) = stems {
            let number = number as usize;
            if counted.len() <= number {
                counted.resize_with(number + 1, || None);
            }
            counted[number] = Some(stems);
        }
    }
    for article in &archive.articles {
        let dir = article.site_path();
        sitemap.push(SitemapEntry {
            url: urls.absolute(&urls.dir(&dir)),
            lastmod: Some(article.published),
        });
        if let Some(pdf) = &article.pdf {
            if let Some(target) = dir.join(&pdf.file_name) {
                sitemap.push(SitemapEntry {
                    url: urls.absolute(&urls.file(&target)),
                    lastmod: Some(article.published),
                });
            }
        }
    }
    pages += (0..archive.articles.len())
        .filter(|&idx| selection.article(idx))
        .count();

    // Static pages.
    for page in archive.pages.iter().filter(|_| selection.all()) {
        let body = article_body(
            archive,
            &md_pages,
            &urls,
            &page.source,
            page.body.clone(),
            &mut found,
        );
        let dir = SitePath::at(&[page.slug.as_str()]);
        #[derive(Serialize)]
        struct StaticView<'a> {
            title: &'a str,
            description: Option<&'a str>,
            content_html: &'a str,
            toc: Vec<TocView<'a>>,
            extra: &'a serde_json::Value,
        }
        let mut ctx = Context::new();
        ctx.insert(
            "static_page",
            &StaticView {
                title: &page.title,
                description: page.description.as_deref(),
                content_html: &body.html,
                toc: body.toc.iter().map(TocView::new).collect(),
                extra: &page.extra,
            },
        );
        renderer.page(
            "page.html",
            "page",
            &page.title,
            &dir,
            None,
            ctx,
            &mut found,
        )?;
        let source_dir = page.source.path().parent().unwrap_or(Path::new(""));
        copy_assets(archive, output, &files, &dir, source_dir, &body.assets)?;
        sitemap.push(SitemapEntry {
            url: urls.absolute(&urls.dir(&dir)),
            lastmod: None,
        });
        pages += 1;
    }

    // Search: the index, and the page that reads it.
    if let Some(indexer) = indexer {
        let started = std::time::Instant::now();
        let (index, summary) = indexer.finish(archive, counted);
        log::debug!(
            "search index: {} documents, {} stems in {} shards, made in {:.3} s",
            summary.documents,
            summary.terms,
            summary.shards,
            started.elapsed().as_secs_f64()
        );
        let dir = SitePath::at(&["search"]);
        for file in index {
            if let Some(target) = dir.join_relative(file.path.as_str()) {
                renderer.write_file(&target, &file.bytes)?;
            }
        }
        let mut ctx = Context::new();
        ctx.insert("search", &views::SearchView::new(&summary, &urls));
        renderer.page(
            "search.html",
            "search",
            "Search",
            &dir,
            None,
            ctx,
            &mut found,
        )?;
        sitemap.push(SitemapEntry {
            url: urls.absolute(&urls.dir(&dir)),
            lastmod: None,
        });
        pages += 1;
    }

    // Keywords, countries, regions, authors.
    pages += taxonomy::render(
        archive,
        &renderer,
        &selection,
        &urls,
        &|tax| world_map(tax, &urls),
        &mut sitemap,
        &mut found,
    )?;

    // 404, feeds, sitemap and the files GitHub Pages wants.
    let write = |path: &str, bytes: &[u8]| -> Result<()> {
        output.write(&SitePath::at(&[path]), bytes)?;
        files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    };
    write("feed.xml", xml::feed(archive, &urls).as_bytes())?;
    for file in scholarly::site_files(archive, &urls) {
        write(file.name, file.text.as_bytes())?;
    }
    if selection.all() {
        renderer.file(
            "404.html",
            "404",
            "Page not found",
            &SitePath::at(&["404.html"]),
            Context::new(),
            &mut found,
        )?;
        pages += 1;
        write("sitemap.xml", xml::sitemap(&sitemap).as_bytes())?;
        write("robots.txt", xml::robots(&urls).as_bytes())?;
        write(".nojekyll", b"")?;
        if let Some(cname) = &config.cname {
            write("CNAME", format!("{cname}\n").as_bytes())?;
        }
    }
    diags.extend(found);
    Ok(Stats {
        pages,
        articles: archive.articles.len(),
        files: files.load(Ordering::Relaxed),
    })
}

struct PageRenderer<'a> {
    tera: &'a Tera,
    base: &'a Context,
    urls: &'a Urls,
    output: &'a Output,
    files: &'a AtomicUsize,
    language: &'a str,
}

impl PageRenderer<'_> {
    /// Renders `template` into `dir/index.html`.
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        template: &str,
        kind: &str,
        title: &str,
        dir: &SitePath,
        lang: Option<&str>,
        ctx: Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        let path = self.urls.dir(dir);
        self.render(
            template,
            kind,
            title,
            path,
            &dir.index_html(),
            lang,
            ctx,
            diags,
        )
    }

    /// Renders `template` into the file `target`.
    fn file(
        &self,
        template: &str,
        kind: &str,
        title: &str,
        target: &SitePath,
        ctx: Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        let path = self.urls.file(target);
        self.render(template, kind, title, path, target, None, ctx, diags)
    }

    /// Renders a page of a paginated list, with its previous and next addresses.
    #[allow(clippy::too_many_arguments)]
    fn paged(
        &self,
        template: &str,
        kind: &str,
        title: &str,
        dir: &SitePath,
        links: (String, String),
        ctx: Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        let path = self.urls.dir(dir);
        self.render_with(
            template,
            kind,
            title,
            path,
            &dir.index_html(),
            None,
            links,
            ctx,
            diags,
        )
    }

    /// Writes a file that is not rendered through a template.
    fn write_file(&self, target: &SitePath, bytes: &[u8]) -> Result<()> {
        self.output.write(target, bytes)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn render(
        &self,
        template: &str,
        kind: &str,
        title: &str,
        path: String,
        target: &SitePath,
        lang: Option<&str>,
        ctx: Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        self.render_with(
            template,
            kind,
            title,
            path,
            target,
            lang,
            (String::new(), String::new()),
            ctx,
            diags,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn render_with(
        &self,
        template: &str,
        kind: &str,
        title: &str,
        path: String,
        target: &SitePath,
        lang: Option<&str>,
        links: (String, String),
        ctx: Context,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        let mut context = self.base.clone();
        context.extend(ctx);
        context.insert(
            "page",
            &PageInfo {
                kind,
                title,
                url: self.urls.absolute(&path),
                path,
                lang: lang.unwrap_or(self.language),
                prev_path: links.0,
                next_path: links.1,
            },
        );
        match self.tera.render(template, &context) {
            Ok(html) => {
                self.output.write(target, html.as_bytes())?;
                self.files.fetch_add(1, Ordering::Relaxed);
            }
            Err(err) => {
                let file = SourceFile::new(template, "");
                diags.push(
                    Diagnostic::new(
                        Code::TemplateError,
                        Span::file_start(&file),
                        format!(
                            "the template `{template}` failed on {target}: {}",
                            templates::error_chain(&err)
                        ),
                    )
                    .help("check the variables the template uses against docs/templates.md"),
                );
            }
        }
        Ok(())
    }
}

/// Addresses of every Markdown file a link may name.
/// The addresses of the site's Markdown files, for links between them,
/// made the first time a full text links to one: most partial rebuilds
/// render no such link, and the map of 10,000 articles takes 30 ms.
struct MarkdownAddresses<'a> {
    archive: &'a Archive,
    urls: &'a Urls,
    map: OnceLock<HashMap<PathBuf, String>>,
}

impl markdown::Addresses for MarkdownAddresses<'_> {
    fn address(&self, source: &Path) -> Option<String> {
        self.map
            .get_or_init(|| markdown_addresses(self.archive, self.urls))
            .get(source)
            .cloned()
    }
}

fn markdown_addresses(archive: &Archive, urls: &Urls) -> HashMap<PathBuf, String> {
    let mut map = HashMap::new();
    for article in &archive.articles {
        map.insert(
            article.source.path().to_path_buf(),
            urls.dir(&article.site_path()),
        );
    }
    for page in &archive.pages {
        map.insert(
            page.source.path().to_path_buf(),
            urls.dir(&SitePath::at(&[page.slug.as_str()])),
        );
    }
    if let Some(home) = &archive.home {
        map.insert(home.source.path().to_path_buf(), urls.base_path.clone());
    }
    map
}

/// An article's full text, read again from its file and rendered.
///
/// The file is split anew, so an edit made since it was read gives a
/// consistent (newer) body rather than a stale range into changed text.
fn full_text(
    archive: &Archive,
    pages: &dyn markdown::Addresses,
    urls: &Urls,
    article: &crate::model::Article,
    diags: &mut Vec<Diagnostic>,
) -> markdown::Body {
    match read_body(archive, article, diags) {
        Some((file, body)) => article_body(archive, pages, urls, &file, body, diags),
        None => markdown::Body::default(),
    }
}

/// An article's file read again, with the byte range of its full text;
/// `None` when it has none (or can no longer be read: then why is in `diags`).
fn read_body(
    archive: &Archive,
    article: &crate::model::Article,
    diags: &mut Vec<Diagnostic>,
) -> Option<(std::sync::Arc<SourceFile>, std::ops::Range<usize>)> {
    if !article.has_body {
        return None;
    }
    let file = crate::content::read_source(&archive.root, article.source.path(), true)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = crate::content::front_matter::split(&file, true)
        .map_err(|d| diags.push(d))
        .ok()?;
    Some((file, split.body))
}

fn article_body(
    archive: &Archive,
    pages: &dyn markdown::Addresses,
    urls: &Urls,
    file: &std::sync::Arc<SourceFile>,
    range: std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) -> markdown::Body {
    if file.text()[range.clone()].trim().is_empty() {
        return markdown::Body::default();
    }
    let dir = file.path().parent().unwrap_or(Path::new(""));
    let ctx = BodyContext {
        file,
        range,
        root: &archive.root,
        dir,
        pages,
        base_path: &urls.base_path,
    };
    markdown::body(&ctx, diags)
}

fn copy_assets(
    archive: &Archive,
    output: &Output,
    files: &AtomicUsize,
    dir: &SitePath,
    source_dir: &Path,
    assets: &[String],
) -> Result<()> {
    for asset in assets {
        if let Some(target) = dir.join_relative(asset) {
            output.copy(&target, &archive.root.join(source_dir).join(asset))?;
            files.fetch_add(1, Ordering::Relaxed);
        }
    }
    Ok(())
}

/// Copies the static files (built-in, theme, site, each overriding the one
/// before) and returns a hash of the stylesheet for cache-busting.
/// Copies the theme's and the site's static files (only with `write`) and
/// returns the stylesheet's hash.
fn copy_static(
    archive: &Archive,
    output: &Output,
    files: &AtomicUsize,
    write: bool,
) -> Result<u32> {
    let mut chosen: std::collections::BTreeMap<String, Vec<u8>> = templates::BUILT_IN_STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    let mut from_disk: std::collections::BTreeMap<String, PathBuf> =
        std::collections::BTreeMap::new();
    for dir in [
        archive
            .root
            .join("themes")
            .join(&archive.config.theme)
            .join("static"),
        archive.root.join("static"),
    ] {
        for (name, path) in templates::files_under(&dir).unwrap_or_default() {
            chosen.remove(&name);
            from_disk.insert(name, path);
        }
    }
    let mut css_hash = 0x811c_9dc5_u32;
    for (name, bytes) in &chosen {
        if let Some(target) = SitePath::root().join_relative(name).filter(|_| write) {
            output.write(&target, bytes)?;
            files.fetch_add(1, Ordering::Relaxed);
        }
        if name == "style.css" {
            css_hash = fnv1a(bytes);
        }
    }
    for (name, path) in &from_disk {
        if let Some(target) = SitePath::root().join_relative(name) {
            if write {
                output.copy(&target, path)?;
                files.fetch_add(1, Ordering::Relaxed);
            }
            if name == "style.css" {
                css_hash = fnv1a(&std::fs::read(path).unwrap_or_default());
            }
        }
    }
    Ok(css_hash)
}

/// FNV-1a, 32 bits: a stable content hash for cache-busting addresses.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The country index's map: every country with articles shaded and linked.
///
/// The Natural Earth data is built into the binary with the default theme
/// and parsed once.
fn world_map(tax: &crate::taxonomy::Taxonomies, urls: &Urls) -> String {
    static MAP: std::sync::OnceLock<Option<map::WorldMap>> = std::sync::OnceLock::new();
    let Some(world) = MAP
        .get_or_init(|| {
            map::WorldMap::parse(include_str!("../../themes/default/data/world-110m.json")).ok()
        })
        .as_ref()
    else {
        return String::new();
    };
    let paths: Vec<String> = tax
        .countries
        .iter()
        .map(|c| urls.dir(&taxonomy::KINDS[1].term_dir(&c.slug)))
        .collect();
    let countries: Vec<map::MapCountry<'_>> = tax
        .countries
        .iter()
        .zip(&paths)
        .map(|(c, path)| map::MapCountry {
            numeric: c.numeric,
            name: c.name,
            count: c.articles.len(),
            path: Some(path),
        })
        .collect();
    world.svg(
        &countries,
        "Articles by country",
        crate::text::Text::default_interface(),
    )
}

//! The home page: the journal's own text, the latest issue, the keywords
//! most used.

use std::path::Path;

use anyhow::Result;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};
use crate::render::views::{self, IssueView};

/// Keywords the home page shows.
const TOP_KEYWORDS: usize = 30;

/// Renders the home page.
pub fn render(build: &Build<'_>, done: &mut Done) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        bodies,
        ..
    } = build;
    let mut ctx = Context::new();
    // The text in the page's language, or the default language's, marked.
    let shown = archive.home.as_ref().map(|home| home.text_in(site.lang()));
    let intro = shown.map(|home| {
        (
            home,
            bodies.render(&home.source, home.body.clone(), &mut done.diags),
        )
    });
    let intro_html = intro.as_ref().map_or("", |(_, body)| body.html.as_str());
    ctx.insert("intro_html", intro_html);
    let intro_lang = shown
        .and_then(|home| home.lang.as_ref())
        .unwrap_or(site.default_lang());
    if intro_lang != site.lang() {
        ctx.insert("intro_lang", intro_lang.as_str());
    }
    ctx.insert(
        "top_keywords",
        &views::top_keywords(archive, site, TOP_KEYWORDS),
    );
    if let Some(issue) = archive
        .issues
        .iter()
        .rev()
        .find(|i| !i.articles.is_empty())
        .or(archive.issues.last())
    {
        ctx.insert("latest_issue", &IssueView::new(archive, issue, site, true));
    }
    let title = shown.and_then(|h| h.title.as_deref()).unwrap_or("");
    pages.render(
        Page::dir(PageKind::Home, title, site.home()),
        ctx,
        &mut done.diags,
    )?;
    done.pages += 1;
    if let Some((home, body)) = intro.as_ref().filter(|_| build.primary) {
        let source_dir = home.source.path().parent().unwrap_or(Path::new(""));
        bodies.copy_assets(pages, body, source_dir, |asset| site.beside_home(asset))?;
    }
    Ok(())
}

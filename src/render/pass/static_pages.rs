//! Static pages from `content/pages/`, with the images they show.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use super::{Build, Done, Pass};
use crate::model::StaticPage;
use crate::render::pages::{Page, PageKind};
use crate::render::views::TocView;

/// One job per static page, in whole builds.
pub struct StaticPages<'b> {
    build: &'b Build<'b>,
    pages: Vec<&'b StaticPage>,
}

impl<'b> StaticPages<'b> {
    /// Every static page when `build` selects everything, else none.
    pub fn new(build: &'b Build<'b>) -> Self {
        let pages = if build.selection.all() {
            build.archive.pages.iter().collect()
        } else {
            Vec::new()
        };
        StaticPages { build, pages }
    }
}

/// What templates see as `static_page`.
#[derive(Serialize)]
struct StaticView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content_html: &'a str,
    toc: Vec<TocView<'a>>,
    extra: &'a serde_json::Value,
    /// The language of the text when it is not the page's: the page has no
    /// translation into this tree's language, and shows its own text.
    lang: Option<&'a str>,
}

impl Pass for StaticPages<'_> {
    fn name(&self) -> &'static str {
        "static pages"
    }

    fn jobs(&self) -> usize {
        self.pages.len()
    }

    /// The page in this tree's language: its translation, or its own text
    /// marked as being in another language.
    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        let Build {
            site,
            pages,
            bodies,
            ..
        } = self.build;
        let page = self.pages[job];
        let text = page.text_in(site.lang());
        let translated = text.lang != &page.lang;
        let body = bodies.render(text.source, text.body.clone(), &mut done.diags);
        let mut ctx = Context::new();
        ctx.insert(
            "static_page",
            &StaticView {
                title: text.title,
                description: text.description,
                content_html: &body.html,
                toc: body.toc.iter().map(TocView::new).collect(),
                extra: text.extra,
                lang: (text.lang != site.lang()).then(|| text.lang.as_str()),
            },
        );
        let dir = site.page(&page.slug);
        pages.render(
            Page::dir(PageKind::Page, text.title, dir.clone()),
            ctx,
            &mut done.diags,
        )?;
        done.pages += 1;
        // Its images are shared by every language's tree: the default
        // tree copies the page's, each other tree its translation's.
        if self.build.primary || translated {
            let source_dir = text.source.path().parent().unwrap_or(Path::new(""));
            bodies.copy_assets(pages, &body, source_dir, |asset| {
                site.beside_page(&page.slug, asset)
            })?;
        }
        Ok(())
    }
}

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

#[derive(Serialize)]
struct StaticView<'a> {
    title: &'a str,
    description: Option<&'a str>,
    content_html: &'a str,
    toc: Vec<TocView<'a>>,
    extra: &'a serde_json::Value,
}

impl Pass for StaticPages<'_> {
    fn name(&self) -> &'static str {
        "static pages"
    }

    fn jobs(&self) -> usize {
        self.pages.len()
    }

    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        let Build {
            site,
            pages,
            bodies,
            ..
        } = self.build;
        let page = self.pages[job];
        let body = bodies.render(&page.source, page.body.clone(), &mut done.diags);
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
        let dir = site.page(&page.slug);
        pages.render(
            Page::dir(PageKind::Page, &page.title, dir.clone()),
            ctx,
            &mut done.diags,
        )?;
        done.pages += 1;
        // Its images are shared by every language's tree.
        if self.build.primary {
            let source_dir = page.source.path().parent().unwrap_or(Path::new(""));
            bodies.copy_assets(pages, &body, source_dir, |asset| {
                site.beside_page(&page.slug, asset)
            })?;
        }
        Ok(())
    }
}

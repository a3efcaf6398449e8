//! The archive page: every issue, newest first, grouped by year.

use anyhow::Result;
use serde::Serialize;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};
use crate::render::views::IssueView;

#[derive(Serialize)]
struct YearView<'a> {
    year: u16,
    issues: Vec<IssueView<'a>>,
}

/// Renders the archive page.
pub fn render(build: &Build<'_>, done: &mut Done) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        text,
        ..
    } = build;
    let mut years: Vec<YearView<'_>> = Vec::new();
    for issue in archive.issues.iter().rev() {
        let view = IssueView::new(archive, issue, site, false);
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
    ctx.insert("statistics_path", &site.dir_path(&site.statistics()));
    pages.render(
        Page::dir(
            PageKind::Archive,
            &text.get("archive-title"),
            site.archive(),
        ),
        ctx,
        &mut done.diags,
    )?;
    done.pages += 1;
    Ok(())
}

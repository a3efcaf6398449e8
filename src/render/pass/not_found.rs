//! The page served for a missing address.

use anyhow::Result;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};

/// Renders `404.html` (whole builds).
pub fn render(build: &Build<'_>, done: &mut Done) -> Result<()> {
    let Build {
        site, pages, text, ..
    } = build;
    pages.render(
        Page::file(
            PageKind::NotFound,
            &text.get("not-found-title"),
            site.not_found(),
        ),
        Context::new(),
        &mut done.diags,
    )?;
    done.pages += 1;
    Ok(())
}

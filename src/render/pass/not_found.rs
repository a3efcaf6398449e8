//! The page served for a missing address.

use anyhow::Result;
use tera::Context;

use super::{Build, Done, Pass};
use crate::render::pages::{Page, PageKind};

/// `404.html`: one job in whole builds.
pub struct NotFound<'b> {
    /// What every pass reads.
    pub build: &'b Build<'b>,
}

impl Pass for NotFound<'_> {
    fn name(&self) -> &'static str {
        "404"
    }

    fn jobs(&self) -> usize {
        usize::from(self.build.selection.all())
    }

    fn run(&self, _job: usize, done: &mut Done) -> Result<()> {
        let Build {
            site, pages, text, ..
        } = self.build;
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
}

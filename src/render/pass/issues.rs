//! Issue pages: each issue's contents by section, and its cover.

use anyhow::Result;
use tera::Context;

use super::{Build, Done, Pass};
use crate::model::Issue;
use crate::render::pages::{Page, PageKind};
use crate::render::views::IssueView;

/// One job per selected issue.
pub struct Issues<'b> {
    build: &'b Build<'b>,
    issues: Vec<&'b Issue>,
}

impl<'b> Issues<'b> {
    /// The issues `build` selects.
    pub fn new(build: &'b Build<'b>) -> Self {
        Issues {
            build,
            issues: build.selected_issues(),
        }
    }
}

impl Pass for Issues<'_> {
    fn name(&self) -> &'static str {
        "issues"
    }

    fn jobs(&self) -> usize {
        self.issues.len()
    }

    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        let Build {
            archive,
            site,
            pages,
            selection,
            ..
        } = self.build;
        let issue = self.issues[job];
        let mut ctx = Context::new();
        ctx.insert("issue", &IssueView::new(archive, issue, site, true));
        let title = self.build.text.issue_label(issue);
        let dir = site.issue(issue.id);
        pages.render(
            Page::dir(PageKind::Issue, &title, dir.clone()),
            ctx,
            &mut done.diags,
        )?;
        done.pages += 1;
        // The cover is shared by every language's tree.
        if let Some(cover) = issue
            .cover
            .as_ref()
            .filter(|_| selection.all() && self.build.primary)
        {
            if let Some(target) = site.beside_issue(issue.id, cover) {
                pages.copy(&target, &archive.root.join(&issue.dir).join(cover))?;
            }
        }
        Ok(())
    }
}

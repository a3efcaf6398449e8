//! What scholarly services read beside the issue pages (the Crossref
//! deposit, DOAJ records) and at the root (the OAI-PMH repository). The
//! files beside each article are written with its page, which holds its
//! full text.

use anyhow::Result;

use super::{Build, Done, Pass};
use crate::model::Issue;
use crate::scholarly;

/// One job per selected issue, then one for the site's files.
pub struct Scholarly<'b> {
    build: &'b Build<'b>,
    issues: Vec<&'b Issue>,
}

impl<'b> Scholarly<'b> {
    /// The files of the issues `build` selects, and the site's.
    pub fn new(build: &'b Build<'b>) -> Self {
        Scholarly {
            build,
            issues: build.selected_issues(),
        }
    }
}

impl Pass for Scholarly<'_> {
    fn name(&self) -> &'static str {
        "scholarly files"
    }

    fn jobs(&self) -> usize {
        self.issues.len() + 1
    }

    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        let Build {
            archive,
            site,
            pages,
            ..
        } = self.build;
        let files = match self.issues.get(job) {
            Some(issue) => scholarly::issue_files(archive, issue, site, &mut done.diags),
            None => scholarly::site_files(archive, site),
        };
        for file in files {
            pages.write(&file.path, file.text.as_bytes())?;
        }
        Ok(())
    }
}

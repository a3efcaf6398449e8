//! The theme's and the site's static files (stylesheet, scripts, fonts):
//! built in, then the theme's `static/`, then the site's, each overriding
//! the one before by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{Build, Done, Pass};
use crate::diag::Diagnostic;
use crate::hash;
use crate::model::Archive;
use crate::render::templates;

/// Where a static file's bytes come from.
pub enum Source {
    /// The default theme, built into the binary.
    BuiltIn(&'static [u8]),
    /// A file of the site's theme or of the site.
    Disk(PathBuf),
}

/// Every static file by name (`fonts/a.woff2`), the last override winning.
/// A link out of the site, a special file or a folder that cannot be read
/// is a diagnostic, and is left out (`templates::files_under`).
pub fn chosen(archive: &Archive, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Source> {
    let mut files: BTreeMap<String, Source> = templates::BUILT_IN_STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), Source::BuiltIn(bytes)))
        .collect();
    for dir in [
        archive
            .root
            .join("themes")
            .join(&archive.config.theme)
            .join("static"),
        archive.root.join("static"),
    ] {
        // A folder that does not exist is empty; one that cannot be read
        // is an error, which stops the build.
        for (name, path) in templates::files_under(&archive.root, &dir, diags) {
            files.insert(name, Source::Disk(path));
        }
    }
    files
}

/// A hash of the stylesheet's bytes, for its cache-busting address. The
/// file is read through `crate::inside`, like every site file.
pub fn stylesheet_hash(root: &Path, files: &BTreeMap<String, Source>) -> Result<u32> {
    Ok(match files.get("style.css") {
        Some(Source::BuiltIn(bytes)) => hash::fnv1a(&[bytes]),
        Some(Source::Disk(path)) => {
            let bytes = crate::inside::read(root, path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            hash::fnv1a(&[&bytes])
        }
        None => hash::fnv1a(&[]),
    })
}

/// One job per static file, in whole builds that write.
pub struct StaticFiles<'b> {
    build: &'b Build<'b>,
    files: Vec<(&'b String, &'b Source)>,
}

impl<'b> StaticFiles<'b> {
    /// The files of `chosen`, when `build` writes everything.
    pub fn new(build: &'b Build<'b>, chosen: &'b BTreeMap<String, Source>) -> Self {
        let files = if build.selection.all() && build.pages.writes() {
            chosen.iter().collect()
        } else {
            Vec::new()
        };
        StaticFiles { build, files }
    }
}

impl Pass for StaticFiles<'_> {
    fn name(&self) -> &'static str {
        "static files"
    }

    fn jobs(&self) -> usize {
        self.files.len()
    }

    fn run(&self, job: usize, _done: &mut Done) -> Result<()> {
        let Build { site, pages, .. } = self.build;
        let (name, source) = self.files[job];
        let Some(target) = site.static_file(name) else {
            return Ok(());
        };
        match source {
            Source::BuiltIn(bytes) => pages.write(&target, bytes),
            Source::Disk(path) => pages.copy(&target, path),
        }
    }
}

//! The search page, and the index it reads (written after every article
//! has been indexed, by [`finish`]).

use std::time::Instant;

use anyhow::Result;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};
use crate::render::views::SearchView;
use crate::search::index::Kept;

/// Renders the search page (whole builds, which index the archive).
pub fn render(build: &Build<'_>, done: &mut Done) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        indexer,
        text,
        ..
    } = build;
    let Some(indexer) = indexer else {
        return Ok(());
    };
    let mut ctx = Context::new();
    ctx.insert("search", &SearchView::new(indexer, archive, site));
    pages.render(
        Page::dir(PageKind::Search, &text.get("search-title"), site.search()),
        ctx,
        &mut done.diags,
    )?;
    done.pages += 1;
    Ok(())
}

/// Writes the index's term shards, filters, lengths and `index.json` from
/// the documents' counted stems, which the indexer kept: of the files
/// `written` holds (those the output has), only the changed ones.
pub fn finish(build: &Build<'_>, written: Option<&mut Kept>) -> Result<()> {
    let Some(indexer) = build.indexer.as_ref().filter(|_| build.pages.writes()) else {
        return Ok(());
    };
    let started = Instant::now();
    let mut none = Kept::default();
    let (files, summary) = indexer.finish(written.unwrap_or(&mut none));
    log::debug!(
        "search index: {} documents, {} stems in {} shards, made in {:.3} s, {} files written",
        summary.documents,
        summary.terms,
        summary.shards,
        started.elapsed().as_secs_f64(),
        files.len()
    );
    for file in files {
        if let Some(target) = build.site.search_file(file.path.as_str()) {
            build.pages.write(&target, &file.bytes)?;
        }
    }
    Ok(())
}

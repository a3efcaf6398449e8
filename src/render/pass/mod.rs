//! The render's named passes, and the one queue that runs their jobs.
//!
//! A pass is a kind of output (home, archive, statistics, issues,
//! articles, static pages, search, taxonomies, feeds, scholarly files, the
//! 404 page, static files). Each lists its jobs (one page, one article with its files, one
//! term) and runs one when asked; [`run`] puts every pass's jobs in one
//! flat list and runs it in parallel, so a pass with one slow job does not
//! hold the others up, and timings are kept per pass. What needs every
//! job's results (the search index's shards) or the whole archive (the
//! sitemap) comes after, in [`super::finish`].

pub mod archive;
pub mod articles;
pub mod feeds;
pub mod home;
pub mod issues;
pub mod not_found;
pub mod scholarly;
pub mod search;
pub mod sitemap;
pub mod static_files;
pub mod static_pages;
pub mod statistics;
pub mod taxonomies;

use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use super::body::Bodies;
use super::pages::Pages;
use super::selection::Selection;
use crate::diag::Diagnostic;
use crate::model::{Archive, Issue};
use crate::search::index::Indexer;
use crate::site::Site;
use crate::text::Text;

/// What every pass reads: the archive, the address scheme, the page
/// renderer, what is selected, and the search indexer of a whole build.
pub struct Build<'a> {
    /// The archive.
    pub archive: &'a Archive,
    /// The address scheme, for the language being rendered.
    pub site: &'a Site,
    /// The renderer and the sink.
    pub pages: Pages<'a>,
    /// Which pages are written.
    pub selection: Selection,
    /// Full texts as HTML, with links between Markdown files resolved.
    pub bodies: Bodies<'a>,
    /// Numbers documents and lists the search filters (whole builds only).
    pub indexer: Option<Indexer>,
    /// The words of the language being rendered.
    pub text: &'a Text,
    /// Whether this is the default language's tree, which also writes the
    /// files every language shares (PDFs, figures, downloads, JATS, the
    /// search index, static files, the sitemap).
    pub primary: bool,
    /// The text of PDF galleys, for the articles indexed by theirs.
    pub pdfs: &'a crate::cache::pdf::Store,
}

impl<'a> Build<'a> {
    /// Whether this render writes the files every language shares.
    pub fn writes_shared(&self) -> bool {
        self.primary && self.pages.writes()
    }

    /// The issues whose pages and files this render writes.
    pub fn selected_issues(&self) -> Vec<&'a Issue> {
        let archive: &'a Archive = self.archive;
        archive
            .issues
            .iter()
            .filter(|i| self.selection.issue(i.id))
            .collect()
    }
}

/// What one job made besides its files.
#[derive(Default)]
pub struct Done {
    /// Pages rendered.
    pub pages: usize,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
}

/// A named step of the render.
pub trait Pass: Sync {
    /// Its name in `-v` timings.
    fn name(&self) -> &'static str;
    /// How many jobs it has.
    fn jobs(&self) -> usize;
    /// Runs job `job` (from 0 to [`Pass::jobs`]).
    fn run(&self, job: usize, done: &mut Done) -> Result<()>;
}

/// A pass of one job: a page the site has once (home, archive, search,
/// 404), made by a plain function.
pub struct Single<'b> {
    name: &'static str,
    build: &'b Build<'b>,
    wanted: bool,
    render: fn(&Build<'_>, &mut Done) -> Result<()>,
}

impl<'b> Single<'b> {
    /// The pass `name`, whose one job runs `render` when `wanted`.
    pub fn new(
        name: &'static str,
        build: &'b Build<'b>,
        wanted: bool,
        render: fn(&Build<'_>, &mut Done) -> Result<()>,
    ) -> Self {
        Single {
            name,
            build,
            wanted,
            render,
        }
    }
}

impl Pass for Single<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn jobs(&self) -> usize {
        usize::from(self.wanted)
    }

    fn run(&self, _job: usize, done: &mut Done) -> Result<()> {
        (self.render)(self.build, done)
    }
}

/// What the queue gives back: every job's result in queue order (pass by
/// pass, each pass's jobs in their order, so problems are reported in a
/// stable order), and per pass its jobs, pages and time spent in them.
pub struct Ran {
    /// Each job's result, in queue order.
    pub done: Vec<Done>,
    /// Per pass: name, jobs, pages and the time its jobs took together.
    pub timings: Vec<(&'static str, usize, usize, Duration)>,
}

/// Runs every job of `passes` in one parallel loop.
pub fn run(passes: &[&dyn Pass]) -> Result<Ran> {
    let queue: Vec<(usize, usize)> = passes
        .iter()
        .enumerate()
        .flat_map(|(p, pass)| (0..pass.jobs()).map(move |job| (p, job)))
        .collect();
    let progress = Progress::new(queue.len());
    let results: Vec<Result<(usize, Done, Duration)>> = queue
        .par_iter()
        .map(|&(p, job)| {
            let started = Instant::now();
            let mut done = Done::default();
            passes[p].run(job, &mut done)?;
            progress.advance();
            Ok((p, done, started.elapsed()))
        })
        .collect();
    progress.finish();
    let mut timings: Vec<(&'static str, usize, usize, Duration)> = passes
        .iter()
        .map(|pass| (pass.name(), 0, 0, Duration::ZERO))
        .collect();
    let mut done = Vec::with_capacity(results.len());
    for result in results {
        let (p, job, took) = result?;
        timings[p].1 += 1;
        timings[p].2 += job.pages;
        timings[p].3 += took;
        done.push(job);
    }
    Ok(Ran { done, timings })
}

/// The progress line of a long render: shown on a terminal only, and only
/// once the render has taken [`Progress::AFTER`], so quick builds and serve's
/// rebuilds print nothing; cleared when the render ends.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: Instant,
    shown: std::sync::Once,
}

impl Progress {
    /// How long a render runs before its progress is shown.
    const AFTER: Duration = Duration::from_secs(1);

    /// A line for `jobs` jobs; none when standard error is not a terminal
    /// or only problems are printed (`--quiet`).
    fn new(jobs: usize) -> Progress {
        use std::io::IsTerminal;
        let wanted = std::io::stderr().is_terminal() && log::log_enabled!(log::Level::Info);
        let bar = wanted.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(jobs as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "rendering {pos}/{len} pages and files {wide_bar} {eta} left",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            shown: std::sync::Once::new(),
        }
    }

    /// One more job done.
    fn advance(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if self.started.elapsed() >= Self::AFTER {
            self.shown
                .call_once(|| bar.set_draw_target(indicatif::ProgressDrawTarget::stderr()));
        }
    }

    /// The render is over: the line goes.
    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

//! Rendering the archive: pages through Tera, feeds, sitemap and scholarly
//! files by code, static files and article files copied; everything written
//! to an [`Output`], or to nowhere for `quire check`.
//!
//! The work is a list of named passes ([`pass`]), each a kind of output,
//! whose jobs run in one parallel loop; then what needs all of them (the
//! search index's shards) or the whole archive (the sitemap). `check` runs the very same passes
//! into a sink that keeps nothing, so it renders every template and reads
//! every full text exactly as `build` does, and cannot disagree with it.
//! Each article page is rendered once: its full text is turned into HTML,
//! passed to its template and written, and nothing of it is kept.

pub mod map;
pub mod templates;
pub mod views;
pub mod xml;

mod body;
mod pages;
mod pass;
mod selection;

use anyhow::Result;

use crate::cache::pdf::Store as PdfStore;
use crate::diag::Diagnostic;
use crate::model::Archive;
use crate::output::Output;
use crate::site::Site;
use crate::taxonomy::Kind;
use crate::text::Text;
pub use pages::PageKind;
use pages::{Pages, Sink};
use pass::{Build, Pass, Single};
pub use selection::{Scope, Touched};

/// What a build made.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// HTML pages written.
    pub pages: usize,
    /// Articles built.
    pub articles: usize,
    /// Files written in all (pages, feeds, copies).
    pub files: usize,
}

/// Renders all of `archive` into `output`; with no output (`quire check`),
/// renders everything into a sink and writes nothing. Content and template
/// problems go to `diags`; `Err` is a machine failure.
pub fn render(
    archive: &Archive,
    output: Option<&Output>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    render_scoped(archive, output, &Scope::All, diags)
}

/// [`render`], writing only the pages `scope` selects.
///
/// Each interface language of `languages:` gets its own tree, the default
/// one at the base path and each other under `/<lang>/`: the same passes
/// with that language's addresses and words. The default tree also writes
/// the files every language shares. A problem found in several trees (a
/// broken link in a text is one in each) is reported once.
pub fn render_scoped(
    archive: &Archive,
    output: Option<&Output>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    render_trees(archive, output, scope, None, None, None, diags)
}

/// The site's templates (built in, the theme's, the site's own), loaded as
/// every render loads them, for [`render_scoped_with`]; `None` when one
/// does not parse (the problems go to `diags`).
pub fn load_templates(
    archive: &Archive,
    diags: &mut Vec<Diagnostic>,
) -> Option<templates::Templates> {
    let default = Site::new(&archive.config);
    templates::load(
        &archive.root,
        &archive.config.theme,
        Text::of(default.lang()),
        diags,
    )
}

/// [`render_scoped`] with `templates` loaded before ([`load_templates`]):
/// `quire serve` loads them once for the partial rebuilds between two
/// whole builds, since only a whole build follows a change of a template.
pub fn render_scoped_with(
    archive: &Archive,
    output: Option<&Output>,
    scope: &Scope,
    templates: &templates::Templates,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    render_trees(archive, output, scope, None, Some(templates), None, diags)
}

/// [`render_scoped`] for the build cache: the search index is written
/// even when `scope` selects only some pages. `written` is what the last
/// build kept of the index (its postings and the files the output holds;
/// empty for a new output): the stems of the articles rendered are put in
/// place of theirs, and it is left holding this build's
/// ([`crate::search::index::Indexer::finish`]). `pdfs` gives the text of
/// the PDFs indexed, with the hashes the build cache knows.
pub fn render_indexed(
    archive: &Archive,
    output: Option<&Output>,
    scope: &Scope,
    written: &mut crate::search::index::Kept,
    pdfs: &PdfStore,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    render_trees(
        archive,
        output,
        scope,
        Some(written),
        None,
        Some(pdfs),
        diags,
    )
}

/// Renders every language's tree. Without `pdfs`, the PDFs' text comes
/// from a store of the site's that hashes each PDF as it reads it; the
/// warnings of the PDFs read go to `diags` after the trees' problems.
fn render_trees(
    archive: &Archive,
    output: Option<&Output>,
    scope: &Scope,
    mut written: Option<&mut crate::search::index::Kept>,
    loaded: Option<&templates::Templates>,
    pdfs: Option<&PdfStore>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Stats> {
    let own_store;
    let pdfs = match pdfs {
        Some(pdfs) => pdfs,
        None => {
            own_store = PdfStore::new(&archive.root, Default::default());
            &own_store
        }
    };
    let default = Site::new(&archive.config);
    // A template that does not parse is reported, and every pass still runs
    // without templates, so the content's own problems are reported too.
    let own;
    let templates = match loaded {
        Some(templates) => Some(templates),
        None => {
            own = load_templates(archive, diags);
            own.as_ref()
        }
    };
    let statics = pass::static_files::chosen(archive, diags);
    let stylesheet = pass::static_files::stylesheet_hash(&archive.root, &statics)?;
    let mut stats = Stats {
        articles: archive.articles.len(),
        ..Stats::default()
    };
    let mut seen: std::collections::HashSet<String> = diags
        .iter()
        .map(|d| crate::diag::render(d, crate::diag::Format::Short))
        .collect();
    for (n, lang) in archive.config.languages.iter().enumerate() {
        let site = default.for_lang(lang);
        let text = Text::of(lang);
        let own_templates = (n > 0)
            .then(|| templates.map(|t| t.for_text(text)))
            .flatten();
        let mut found = Vec::new();
        let (pages, files) = render_tree(
            archive,
            Tree {
                site: &site,
                text,
                templates: own_templates.as_ref().or(templates),
                primary: n == 0,
                statics: &statics,
                stylesheet,
                pdfs,
            },
            output,
            scope,
            written.as_deref_mut(),
            &mut found,
        )?;
        stats.pages += pages;
        stats.files += files;
        for d in found {
            if seen.insert(crate::diag::render(&d, crate::diag::Format::Short)) {
                diags.push(d);
            }
        }
    }
    pdfs.report();
    diags.extend(pdfs.diagnostics());
    Ok(stats)
}

/// One language's tree to render.
struct Tree<'t> {
    site: &'t Site,
    text: &'t Text,
    templates: Option<&'t templates::Templates>,
    primary: bool,
    statics: &'t std::collections::BTreeMap<String, pass::static_files::Source>,
    stylesheet: u32,
    pdfs: &'t PdfStore,
}

/// Renders one language's tree; its pages and files written.
fn render_tree(
    archive: &Archive,
    tree: Tree<'_>,
    output: Option<&Output>,
    scope: &Scope,
    written: Option<&mut crate::search::index::Kept>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(usize, usize)> {
    let Tree {
        site,
        text,
        templates,
        primary,
        statics,
        stylesheet,
        pdfs,
    } = tree;
    let selection = selection::Selection::new(archive, scope);
    let build = Build {
        archive,
        site,
        pages: Pages::new(
            templates,
            pages::shared_context(archive, site, text, stylesheet),
            site,
            &archive.config.languages,
            output.map_or(Sink::Discard, Sink::Output),
        ),
        indexer: (selection.all() || written.is_some())
            .then(|| crate::search::index::Indexer::new(archive)),
        selection,
        bodies: body::Bodies::new(archive, site, statics.keys().cloned().collect()),
        text,
        primary,
        pdfs,
    };
    let lists = pass::taxonomies::term_lists(&build);
    let shared = pass::static_files::StaticFiles::new(&build, statics);
    let scholarly = pass::scholarly::Scholarly::new(&build);
    let mut passes: Vec<&dyn Pass> = Vec::new();
    let home = Single::new("home", &build, true, pass::home::render);
    let archive_page = Single::new("archive", &build, true, pass::archive::render);
    let statistics = Single::new("statistics", &build, true, pass::statistics::render);
    let issues = pass::issues::Issues::new(&build);
    let articles = pass::articles::Articles::new(&build);
    let static_pages = pass::static_pages::StaticPages::new(&build);
    let search = Single::new(
        "search page",
        &build,
        build.indexer.is_some(),
        pass::search::render,
    );
    let taxonomies = pass::taxonomies::Taxonomies::new(&build, &lists);
    let feeds = pass::feeds::Feeds::new(&build, &lists);
    let not_found = Single::new(
        "404",
        &build,
        build.selection.all(),
        pass::not_found::render,
    );
    if primary {
        passes.push(&shared);
    }
    passes.extend([
        &home as &dyn Pass,
        &archive_page,
        &statistics,
        &issues,
        &articles,
        &static_pages,
        &search,
        &taxonomies,
        &feeds,
    ]);
    if primary {
        passes.push(&scholarly);
    }
    passes.push(&not_found);
    let ran = pass::run(&passes)?;
    for (name, jobs, pages, took) in &ran.timings {
        log::debug!(
            "{} pass {name}: {jobs} jobs, {pages} pages, {:.3} s of work",
            site.lang(),
            took.as_secs_f64()
        );
    }
    let pages: usize = ran.done.iter().map(|d| d.pages).sum();
    finish(&build, &lists, ran.done, written, diags)?;
    Ok((pages, build.pages.files()))
}

/// What needs every job's results or the whole archive: the search index's
/// shards (from the articles' counted stems, which the indexer kept as the
/// article jobs counted them, and from `written`'s postings for articles
/// not rendered) and the sitemap with the other root files. The jobs'
/// problems go to `diags`, in queue order.
fn finish(
    build: &Build<'_>,
    lists: &[pass::taxonomies::TermList<'_>],
    done: Vec<pass::Done>,
    written: Option<&mut crate::search::index::Kept>,
    diags: &mut Vec<Diagnostic>,
) -> Result<()> {
    for job in done {
        diags.extend(job.diags);
    }
    if !build.primary {
        return Ok(());
    }
    // One after the other, not side by side: each holds a good deal while
    // it works (the index its postings as they are made from the counts,
    // the sitemaps every address), and the index's shards are made and
    // compressed in parallel anyway.
    pass::search::finish(build, written)?;
    // The sitemaps list addresses and dates, which a partial build keeps
    // unless the taxonomies changed (its articles keep their places).
    if build.selection.indexes() {
        pass::sitemap::write(build, lists)?;
    }
    Ok(())
}

/// The country index's map: every country with articles shaded and linked,
/// titled in `site`'s language.
///
/// The Natural Earth data is built into the binary with the default theme
/// and parsed once.
pub(crate) fn world_map(tax: &crate::taxonomy::Taxonomies, site: &Site, text: &Text) -> String {
    static MAP: std::sync::OnceLock<Option<map::WorldMap>> = std::sync::OnceLock::new();
    let Some(world) = MAP
        .get_or_init(|| {
            map::WorldMap::parse(include_str!("../../themes/default/data/world-110m.json")).ok()
        })
        .as_ref()
    else {
        return String::new();
    };
    let paths: Vec<String> = tax
        .countries
        .iter()
        .map(|c| site.dir_path(&site.term(Kind::Countries, &c.slug)))
        .collect();
    // Each country's title in the tree's language (its English name on a
    // site of one language).
    let countries: Vec<map::MapCountry<'_>> = tax
        .countries
        .iter()
        .enumerate()
        .zip(&paths)
        .map(|((i, c), path)| map::MapCountry {
            numeric: c.numeric,
            name: tax.country_name(i, site.lang()).text,
            count: c.articles.len(),
            path: Some(path),
        })
        .collect();
    world.svg(&countries, &text.get("map-title"), text)
}

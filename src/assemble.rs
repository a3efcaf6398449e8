//! Reading the whole site into an [`Archive`]: every file checked, then the
//! checks that need all of them (duplicate DOIs, colliding addresses), then
//! archive order.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::{self, BaseUrl};
use crate::content::{article, issue, page, walk};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Diagnostics, SourceFile, Span};
use crate::model::{Archive, Article, Issue, StaticPage};
use crate::site::Site;
use crate::taxonomy;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Replaces `base_url` of journal.yaml (previews).
    pub base_url: Option<BaseUrl>,
}

/// Reads and checks the site in `root`. The archive is `None` only when
/// journal.yaml is unusable; otherwise it holds every article that could be
/// read, and `diags` says what could not.
pub fn load(root: &Path, options: &LoadOptions) -> (Option<Archive>, Diagnostics) {
    let started = std::time::Instant::now();
    let mut diags = Vec::new();
    let config = config::load(root, &mut diags);
    let files = walk::walk(root, &mut diags);
    log::debug!(
        "walked the content in {:.3} s",
        started.elapsed().as_secs_f64()
    );
    let Some(mut config) = config else {
        return (None, diags.into());
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }

    let mut issues: Vec<Issue> = Vec::new();
    let mut jobs = Vec::new();
    for dir in &files.issues {
        if let Some(issue) = issue::read(root, dir, &mut diags) {
            for path in &dir.articles {
                jobs.push((issues.len(), dir, path));
            }
            issues.push(issue);
        } else if dir.issue_file.is_some() {
            // Articles of an unreadable issue are still checked on their own.
            let stand_in = Issue {
                id: crate::model::IssueId {
                    year: dir.year,
                    number: dir.number,
                },
                whole_number: None,
                volume: None,
                title: None,
                published: chrono::NaiveDate::MIN,
                cover: None,
                dir: dir.dir.clone(),
                articles: Vec::new(),
            };
            for path in &dir.articles {
                let (_, found) = article::read_walked(root, path, &stand_in, &config, dir);
                diags.extend(found);
            }
        }
    }
    let reading = std::time::Instant::now();
    let read = || -> Vec<(usize, Option<Article>, Vec<Diagnostic>)> {
        jobs.par_iter()
            .map(|&(issue, dir, path)| {
                let (article, found) =
                    article::read_walked(root, path, &issues[issue], &config, dir);
                (issue, article, found)
            })
            .collect()
    };
    let results = match reading_pool(jobs.len()) {
        Some(pool) => pool.install(read),
        None => read(),
    };
    let mut articles = Vec::with_capacity(results.len());
    for (_, article, found) in results {
        diags.extend(found);
        articles.extend(article);
    }
    log::debug!(
        "read {} articles in {:.3} s",
        articles.len(),
        reading.elapsed().as_secs_f64()
    );
    let checking = std::time::Instant::now();
    check_dois(&articles, &mut diags);

    let mut pages: Vec<StaticPage> =
        page::read_all(root, &files.pages, &config.languages, &mut diags);
    let home = page::read_home_all(
        root,
        files.home.as_ref(),
        &files.home_translations,
        &config.languages,
        &mut diags,
    );

    if !options.drafts {
        articles.retain(|a| !a.draft);
        pages.retain(|p| !p.draft);
        for page in &mut pages {
            page.translations.retain(|t| !t.draft);
        }
    }
    check_addresses(&Site::new(&config), &articles, &pages, &mut diags);

    articles.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
    let by_id: HashMap<_, _> = issues
        .iter()
        .enumerate()
        .map(|(i, issue)| (issue.id, i))
        .collect();
    for (idx, article) in articles.iter().enumerate() {
        if let Some(&i) = by_id.get(&article.issue) {
            issues[i].articles.push(idx);
        }
    }
    log::debug!(
        "checked and ordered the archive in {:.3} s",
        checking.elapsed().as_secs_f64()
    );
    let building = std::time::Instant::now();
    let synonyms = taxonomy::synonyms::load(root, &config.languages, &mut diags);
    let taxonomies = taxonomy::build(&articles, &synonyms, &config.languages, &mut diags);
    log::debug!(
        "built the taxonomies in {:.3} s",
        building.elapsed().as_secs_f64()
    );
    let citing = std::time::Instant::now();
    let citations = crate::citations::Citations::build(&articles, &Site::new(&config));
    log::debug!(
        "made the citation graph in {:.3} s",
        citing.elapsed().as_secs_f64()
    );
    let archive = Archive {
        config,
        root: root.to_path_buf(),
        issues,
        articles,
        pages,
        home,
        taxonomies,
        citations,
    };
    (Some(archive), diags.into())
}

/// Files read at once per core while the articles are read: a file not
/// in the page cache waits on the disk, and a large archive is rarely
/// all there (100,000 articles are 2 GB; the output written since the
/// last build may have pushed them out), so more reads than cores are
/// kept in flight; a file in the cache costs the same either way.
const READS_PER_CORE: usize = 4;

/// The threads that read `files` articles: [`READS_PER_CORE`] per core, or
/// `None` (rayon's own threads) for an archive small enough not to wait
/// on the disk for long, or when the threads cannot be made.
fn reading_pool(files: usize) -> Option<rayon::ThreadPool> {
    if files < 1_000 {
        return None;
    }
    let threads = rayon::current_num_threads() * READS_PER_CORE;
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("quire-read-{i}"))
        .build()
        .ok()
}

/// DOIs are unique across the archive, drafts included, ignoring case.
fn check_dois(articles: &[Article], diags: &mut Vec<Diagnostic>) {
    let mut first: HashMap<String, &Article> = HashMap::new();
    let mut ordered: Vec<&Article> = articles.iter().collect();
    ordered.sort_by(|a, b| a.source.path().cmp(b.source.path()));
    for article in ordered {
        let (Some(doi), Some(span)) = (&article.doi, &article.doi_span) else {
            continue;
        };
        match first.get(&doi.key()) {
            Some(earlier) => {
                let mut d = Diagnostic::new(Code::DuplicateDoi, span.clone(), format!("the DOI {doi} is already used"))
                    .label("used twice")
                    .help("each article has its own DOI: check the suffix, or remove the DOI from the article that does not own it");
                if let Some(earlier_span) = &earlier.doi_span {
                    d = d.secondary(earlier_span.clone(), "first used here");
                }
                diags.push(d);
            }
            None => {
                first.insert(doi.key(), article);
            }
        }
    }
}

/// An article's place in archive order: its issue, its first page (none
/// last), its file name.
fn order_key(article: &Article) -> (crate::model::IssueId, u32, &str) {
    (
        article.issue,
        article.pages.map_or(u32::MAX, |p| p.first),
        &article.file_stem,
    )
}

/// Whether two readings of one article file keep its address, its place in
/// archive order and in every newest-first list (its publication date), and
/// what the whole-archive checks look at (its DOI, its draft flag, what
/// its references could name: the citation graph's input): if not,
/// the archive must be assembled anew. `quire serve` asks this before it
/// swaps a re-read article into the last archive.
pub fn same_place(old: &Article, new: &Article) -> bool {
    place(old) == place(new)
}

/// What [`same_place`] compares, as one value: an article's place in the
/// archive, written out (the build cache keeps it between builds).
pub fn place(article: &Article) -> String {
    format!(
        "{:?}",
        (
            order_key(article),
            &article.slug,
            article.published,
            article.draft,
            article.doi.as_ref().map(|d| d.key()),
            crate::citations::named_keys(article),
        )
    )
}

/// No two pages may be written to one address.
fn check_addresses(
    site: &Site,
    articles: &[Article],
    pages: &[StaticPage],
    diags: &mut Vec<Diagnostic>,
) {
    let reserved = site.reserved_slugs();
    // The place to blame: `slug:` when given, else the file as a whole.
    let at = |file: &Arc<SourceFile>, slug: &Option<Span>| {
        slug.clone().unwrap_or_else(|| Span::file_start(file))
    };
    let mut claims: Vec<(String, Span)> = articles
        .iter()
        .map(|a| {
            (
                site.article(a).as_str().to_string(),
                at(&a.source, &a.slug_span),
            )
        })
        .collect();
    claims.sort_by(|a, b| a.1.file.path().cmp(b.1.file.path()));
    for page in pages {
        let span = at(&page.source, &page.slug_span);
        if reserved.iter().any(|r| r == page.slug.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::PathCollision,
                    span,
                    format!("the address /{}/ is quire's own", page.slug),
                )
                .label("reserved address")
                .help(format!(
                    "rename the file or set `slug:` to something other than {}",
                    reserved.join(", ")
                )),
            );
        } else {
            claims.push((site.page(&page.slug).as_str().to_string(), span));
        }
    }
    let mut seen: HashMap<&str, &Span> = HashMap::new();
    for (address, span) in &claims {
        match seen.get(address.as_str()) {
            Some(other) => diags.push(
                Diagnostic::new(
                    Code::PathCollision,
                    span.clone(),
                    format!("two pages would be written to /{address}/"),
                )
                .label("this page's address")
                .secondary((*other).clone(), "is taken by this page")
                .help("give one of them another file name or `slug:`"),
            ),
            None => {
                seen.insert(address, span);
            }
        }
    }
}

//! `quire build`.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use super::{report, Outcome};
use crate::assemble::{self, LoadOptions};
use crate::cache::pdf::Store as PdfStore;
use crate::cache::{Cache, Plan};
use crate::cli::{BuildArgs, Cli};
use crate::diag::Diagnostics;
use crate::output::{Output, Share, Sizes};
use crate::render::{self, Scope, Stats};

/// What one build did: its figures when it succeeded, and every problem it
/// found (warnings too).
#[derive(Debug)]
pub struct Built {
    /// What was written; `None` when content errors stopped the build and
    /// the old output was left as it was.
    pub stats: Option<Stats>,
    /// The bytes of the files written, by share; `None` as `stats`.
    pub sizes: Option<Sizes>,
    /// Every problem, sorted.
    pub diags: Diagnostics,
    /// What the build did with the build cache's help.
    pub how: How,
}

/// How much a build rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Everything.
    Whole,
    /// What some changed articles touch (their number), with the build
    /// cache.
    Touched(usize),
    /// Nothing: the build cache showed no change.
    Unchanged,
}

/// A megabyte as the size report counts it: 10^6 bytes.
const MB: u64 = 1_000_000;

/// GitHub Pages' limit of 1 GB per site, in [`MB`]: read as 10^9 bytes,
/// the lower of the two readings of "1 GB" (10^9 and 2^30 bytes), so an
/// output within it fits whichever GitHub means.
pub const PAGES_LIMIT_MB: u64 = 1000;

/// How many of the largest shares a warning names; the rest is summed.
const NAMED: usize = 4;

/// `bytes` in megabytes, with one decimal: `382.1 MB`.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / MB as f64)
}

/// The warning for an output of `sizes` larger than `limit_mb` megabytes:
/// its size, its largest shares with theirs, and, when PDFs are among
/// them and a tenth of the whole at least, the key that publishes them
/// elsewhere. `None` within the limit.
pub fn size_warning(sizes: &Sizes, limit_mb: u64) -> Option<String> {
    let total = sizes.total();
    if total <= limit_mb.saturating_mul(MB) {
        return None;
    }
    let limit = if limit_mb == PAGES_LIMIT_MB {
        format!("{PAGES_LIMIT_MB} MB, the 1 GB GitHub Pages publishes per site")
    } else {
        format!("{limit_mb} MB, the limit --size-limit gives")
    };
    let largest = sizes.largest();
    let named = &largest[..largest.len().min(NAMED)];
    let mut parts: Vec<String> = named
        .iter()
        .map(|&(share, bytes)| format!("{} {}", share.label(), megabytes(bytes)))
        .collect();
    let rest: u64 = largest[named.len()..].iter().map(|&(_, bytes)| bytes).sum();
    if rest > 0 {
        parts.push(format!("the rest {}", megabytes(rest)));
    }
    let mut warning = format!(
        "the output is {}, more than {limit}; the largest parts: {}",
        megabytes(total),
        parts.join(", ")
    );
    // PDFs worth moving: among the largest parts, and a tenth of the whole
    // at least.
    let pdfs = sizes.of(Share::Pdfs);
    if named.iter().any(|&(share, _)| share == Share::Pdfs) && pdfs >= total / 10 {
        warning.push_str(
            "; to publish the PDFs on a second host, set `galleys_base_url` in journal.yaml (see \"PDFs on a second host\" in the editors' guide)",
        );
    }
    Some(warning)
}

/// Whether a build reads and writes the build cache ([`crate::cache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// Neither: the cache is not touched.
    Off,
    /// Build everything, then write the cache anew (`--no-cache`).
    Renew,
    /// Use the cache, and write it anew.
    Use,
}

/// Builds the site in `root` into `target`, replacing the old output only
/// when there was no error. `Err` is a machine failure (a disk error).
pub fn build_into(
    root: &Path,
    options: &LoadOptions,
    target: &Path,
    caching: Caching,
) -> Result<Built> {
    let started = Instant::now();
    // The build cache's state is read, and the inputs stamped, while the
    // content is read and checked: neither needs the other.
    let ((archive, diags), stamped) = rayon::join(
        || {
            let loaded = assemble::load(root, options);
            log::debug!(
                "read and checked the content in {:.3} s",
                started.elapsed().as_secs_f64()
            );
            loaded
        },
        || (caching != Caching::Off).then(|| Cache::stamp(root, caching == Caching::Use)),
    );
    let Some(archive) = archive.filter(|_| !diags.has_errors()) else {
        return Ok(Built {
            stats: None,
            sizes: None,
            diags,
            how: How::Whole,
        });
    };
    let mut cache = stamped.map(|stamped| {
        let described = format!("{options:?} {}", target.display());
        Cache::open(stamped, &archive, &described)
    });
    let plan = match cache.as_mut() {
        Some(cache) => cache.plan(&archive, target),
        None => Plan::Whole("no build cache".to_string()),
    };
    // The PDFs' text is kept even by a build with `--no-cache`: it is a
    // function of the PDF's bytes alone, which the stamps hashed.
    let pdfs = match cache.as_ref() {
        Some(cache) => PdfStore::new(root, cache.pdf_hashes(&archive)),
        None => PdfStore::off(root),
    };
    let rendering = Instant::now();
    let mut found = Vec::new();
    // The search index's files in the output, once rendered (`None` when
    // nothing was).
    let mut index = None;
    let (stats, sizes, how) = match plan {
        Plan::Nothing => {
            log::debug!("nothing changed since the last build");
            let sizes = cache.as_ref().map(Cache::sizes).unwrap_or_default();
            let stats = Stats {
                articles: archive.articles.len(),
                ..Stats::default()
            };
            (stats, sizes, How::Unchanged)
        }
        Plan::Touched {
            touched,
            sizes,
            mut written,
        } => {
            let changed = touched.articles.len();
            log::debug!("rebuilding what {changed} changed articles touch");
            let output = Output::overlay(target, root)?;
            let stats = render::render_indexed(
                &archive,
                Some(&output),
                &Scope::Touched(touched),
                &mut written,
                &pdfs,
                &mut found,
            )
            .with_context(|| {
                format!("cannot write the site into {}", output.staging().display())
            })?;
            if has_errors(&found) {
                return Ok(failed(diags, found));
            }
            let applied = output.apply(&sizes).and_then(|(mut sizes, replaced)| {
                remove_stale(&archive, target, written.stale(), &mut sizes)?;
                Ok((sizes, replaced))
            });
            index = Some(*written);
            let (sizes, replaced) = match applied {
                Ok(applied) => applied,
                Err(e) => {
                    // Some files may be moved in: the cache no longer
                    // describes the output.
                    if let Some(cache) = cache.take() {
                        cache.forget();
                    }
                    return Err(e);
                }
            };
            log::debug!("replaced {replaced} files of the output");
            (stats, sizes, How::Touched(changed))
        }
        Plan::Whole(reason) => {
            log::debug!("building everything: {reason}");
            let output = Output::create(target, root)?;
            let mut written = crate::search::index::Kept::default();
            let stats = render::render_indexed(
                &archive,
                Some(&output),
                &Scope::All,
                &mut written,
                &pdfs,
                &mut found,
            )
            .with_context(|| {
                format!("cannot write the site into {}", output.staging().display())
            })?;
            if has_errors(&found) {
                return Ok(failed(diags, found));
            }
            index = Some(written);
            // Every PDF indexed was asked for: the others' text is stale.
            pdfs.prune();
            let sizes = output.sizes();
            let swapping = Instant::now();
            output.commit()?;
            log::debug!(
                "swapped the new output in, in {:.3} s",
                swapping.elapsed().as_secs_f64()
            );
            (stats, sizes, How::Whole)
        }
    };
    log::debug!(
        "rendered {} files in {:.3} s",
        stats.files,
        rendering.elapsed().as_secs_f64()
    );
    if let Some(cache) = cache {
        // The PDFs not read in this build warn as they did in the last.
        found.extend(cache.carried_problems(&pdfs));
        let saving = Instant::now();
        cache.save(index, sizes.clone(), &pdfs);
        log::debug!(
            "wrote the build cache in {:.3} s",
            saving.elapsed().as_secs_f64()
        );
    }
    let mut all: Vec<_> = diags.sorted();
    all.extend(found);
    Ok(Built {
        stats: Some(stats),
        sizes: Some(sizes),
        diags: Diagnostics::from(all),
        how,
    })
}

/// Removes from the output in `target` the search index's `stale` files
/// (paths under the search folder), which the index just written has not,
/// and their bytes from `sizes`.
fn remove_stale(
    archive: &crate::model::Archive,
    target: &Path,
    stale: &[String],
    sizes: &mut Sizes,
) -> Result<()> {
    let site = crate::site::Site::new(&archive.config);
    for path in stale {
        let Some(file) = site.search_file(path) else {
            continue;
        };
        let file = target.join(file.to_path());
        if let Ok(meta) = std::fs::metadata(&file) {
            std::fs::remove_file(&file)
                .with_context(|| format!("cannot remove {}", file.display()))?;
            sizes.remove(Share::SearchIndex, meta.len());
        }
    }
    Ok(())
}

/// Whether rendering found errors (in full texts or templates).
fn has_errors(found: &[crate::diag::Diagnostic]) -> bool {
    found
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
}

/// The build's outcome when rendering found errors: no output, every
/// problem, those of reading first.
fn failed(read: Diagnostics, found: Vec<crate::diag::Diagnostic>) -> Built {
    let mut all: Vec<_> = read.sorted();
    all.extend(found);
    Built {
        stats: None,
        sizes: None,
        diags: Diagnostics::from(all),
        how: How::Whole,
    }
}

/// Builds the site; the old output is replaced only when there was no error.
pub fn run(cli: &Cli, args: &BuildArgs) -> Result<Outcome> {
    let started = Instant::now();
    let root = &cli.root;
    let base_url = args
        .base_url
        .as_deref()
        .map(|url| {
            url.parse::<crate::config::BaseUrl>()
                .map_err(|e| anyhow::anyhow!("--base-url: {e}"))
        })
        .transpose()?;
    let options = LoadOptions {
        drafts: args.drafts,
        base_url,
    };
    let target = args.output.clone().unwrap_or_else(|| root.join("public"));
    let caching = if args.no_cache {
        Caching::Renew
    } else {
        Caching::Use
    };
    let built = build_into(root, &options, &target, caching)?;
    let Some(stats) = built.stats else {
        log::error!("build failed: the output was not changed");
        return Ok(report(built.diags, cli.format));
    };
    let outcome = report(built.diags, cli.format);
    let noun = if stats.articles == 1 {
        "article"
    } else {
        "articles"
    };
    let sizes = built.sizes.unwrap_or_default();
    let cached = match built.how {
        How::Whole => String::new(),
        How::Touched(1) => "; the build cache found 1 article changed".to_string(),
        How::Touched(n) => format!("; the build cache found {n} articles changed"),
        How::Unchanged => "; the build cache found nothing changed".to_string(),
    };
    log::info!(
        "built {} pages for {} {noun} ({}) in {:.2} s{cached}",
        stats.pages,
        stats.articles,
        megabytes(sizes.total()),
        started.elapsed().as_secs_f64()
    );
    if let Some(warning) = size_warning(&sizes, args.size_limit.unwrap_or(PAGES_LIMIT_MB)) {
        log::warn!("{warning}");
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(parts: &[(Share, u64)]) -> Sizes {
        let mut sizes = Sizes::default();
        for &(share, bytes) in parts {
            sizes.add(share, bytes);
        }
        sizes
    }

    #[test]
    fn within_the_limit_there_is_no_warning() {
        let at_the_limit = sizes(&[(Share::ArticlePages, 600 * MB), (Share::Pdfs, 400 * MB)]);
        assert_eq!(at_the_limit.total(), 1_000_000_000);
        assert_eq!(size_warning(&at_the_limit, PAGES_LIMIT_MB), None);
        assert_eq!(megabytes(382_149_999), "382.1 MB");
        assert_eq!(megabytes(0), "0.0 MB");
    }

    #[test]
    fn past_the_limit_the_warning_names_the_largest_parts_and_the_key_for_pdfs() {
        let large = sizes(&[
            (Share::Jats, 170 * MB),
            (Share::ArticlePages, 382 * MB + 100_000),
            (Share::Pdfs, 300 * MB),
            (Share::SearchIndex, 68 * MB),
            (Share::Feeds, 38 * MB),
            (Share::Downloads, 69 * MB),
            (Share::Other, 1),
        ]);
        assert_eq!(
            size_warning(&large, PAGES_LIMIT_MB).as_deref(),
            Some(
                "the output is 1027.1 MB, more than 1000 MB, the 1 GB GitHub Pages publishes per site; \
                 the largest parts: article pages 382.1 MB, PDFs 300.0 MB, JATS 170.0 MB, \
                 citation downloads 69.0 MB, the rest 106.0 MB; \
                 to publish the PDFs on a second host, set `galleys_base_url` in journal.yaml \
                 (see \"PDFs on a second host\" in the editors' guide)"
            )
        );
    }

    #[test]
    fn the_key_is_suggested_only_when_pdfs_are_among_the_largest_and_weigh() {
        let pages = sizes(&[
            (Share::ArticlePages, 6 * MB),
            (Share::TermPages, 2 * MB),
            (Share::Pdfs, 1000),
        ]);
        let warning = size_warning(&pages, 5).expect("past 5 MB");
        assert_eq!(
            warning,
            "the output is 8.0 MB, more than 5 MB, the limit --size-limit gives; \
             the largest parts: article pages 6.0 MB, keyword, country, region and author pages 2.0 MB, PDFs 0.0 MB"
        );
        let more = sizes(&[
            (Share::ArticlePages, 6 * MB),
            (Share::TermPages, 2 * MB),
            (Share::Jats, 2 * MB),
            (Share::Feeds, 2 * MB),
            (Share::SearchIndex, 2 * MB),
            (Share::Pdfs, 1000),
        ]);
        let warning = size_warning(&more, 5).expect("past 5 MB");
        assert!(!warning.contains("galleys_base_url"), "{warning}");
        assert!(warning.ends_with(", the rest 2.0 MB"), "{warning}");
    }
}

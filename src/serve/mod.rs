//! `quire serve`: builds the site into a private folder, serves it on a
//! loopback address under the same base path as the published site, and
//! rebuilds when content, templates, themes, static files or journal.yaml
//! change. Open pages reload after a good build; after a failed one they
//! show its errors over the last good page, which stays served.
//!
//! A broken file never stops the server: a failed build only changes what
//! the status address reports.

pub mod connection;
pub mod http;
pub mod rebuild;

use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, EventKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::assemble::{self, LoadOptions};
use crate::config::{self, BaseUrl};
use crate::diag::{render, Diagnostic, Diagnostics, Format, Severity};
use crate::model::Archive;
use crate::output::Output;
use crate::render::{render_scoped, Scope};
use rebuild::Partial;

/// What `quire serve` needs to start.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; 0 takes any free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// The last build, as open pages learn of it.
#[derive(Debug, Clone, Default)]
pub struct BuildState {
    /// Counts builds; a page reloads when it changes.
    pub generation: u64,
    /// The last build's errors, each as `quire check` prints it; empty
    /// after a good build.
    pub errors: Vec<String>,
}

/// What the request threads share with the builder.
pub struct Shared {
    /// The output folder being served.
    pub site: PathBuf,
    /// The base path, `/journal/`.
    pub base_path: String,
    state: Mutex<BuildState>,
    changed: Condvar,
    /// Held for reading while a request reads the served folder, and for
    /// writing while a whole build swaps it for the new one.
    swap: RwLock<()>,
}

impl Shared {
    /// The state once its generation differs from `since`, or after
    /// `timeout`, whichever comes first.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> BuildState {
        let guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == since)
            .unwrap_or_else(|e| e.into_inner());
        guard.clone()
    }

    /// Keeps a whole build from swapping the served folder until dropped.
    pub fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.swap.read().unwrap_or_else(|e| e.into_inner())
    }

    fn publish(&self, errors: Vec<String>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.generation += 1;
        state.errors = errors;
        self.changed.notify_all();
    }
}

/// The base path the published site uses, from journal.yaml; `/` when the
/// file cannot be read yet (the first build will say why).
fn published_base_path(root: &Path) -> String {
    let mut ignored = Vec::new();
    config::load(root, &mut ignored)
        .map(|c| c.base_url.path)
        .unwrap_or_else(|| "/".to_string())
}

/// Builds, then serves until the process is stopped.
pub fn run(options: &ServeOptions) -> Result<()> {
    // The watcher reports real, absolute paths (`/home/ed/site/content/…`),
    // whatever form the folder was named in (`.`, `site`, `../site`, a
    // link): every path is compared with the site's real path, taken once.
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot find the site folder {}", options.root.display()))?;
    let root = root.as_path();
    let listener = TcpListener::bind((options.bind, options.port))
        .with_context(|| format!("cannot listen on {}:{}", options.bind, options.port))?;
    let address = listener
        .local_addr()
        .context("the server has no IP address")?;
    let base_path = published_base_path(root);
    let base_url: BaseUrl = format!("http://{address}{base_path}").parse()?;
    remove_abandoned_folders();
    let site = std::env::temp_dir().join(format!("{SERVED_PREFIX}{}", std::process::id()));
    let shared = Arc::new(Shared {
        site: site.clone(),
        base_path: base_path.clone(),
        state: Mutex::new(BuildState::default()),
        changed: Condvar::new(),
        swap: RwLock::new(()),
    });
    let load = LoadOptions {
        drafts: options.drafts,
        base_url: Some(base_url.clone()),
    };

    // Stopping with Ctrl-C removes the served folder.
    let served = site.clone();
    ctrlc::set_handler(move || {
        clean_up(&served);
        std::process::exit(0);
    })
    .context("cannot handle Ctrl-C")?;

    let mut archive = full_build(root, &load, &shared, "the first build");
    // Printed on standard output, alone on its line, for people and tests.
    println!("Serving the site at {}", base_url.as_url());
    if options.open {
        // A browser that cannot be started is no reason to stop serving.
        if let Err(err) = opener::open_browser(base_url.as_url()) {
            log::warn!(
                "cannot open a browser ({err}): open {} yourself",
                base_url.as_url()
            );
        }
    }

    // An editor's save is often several events (write, rename, chmod): the
    // debouncer gathers those of one moment, pairs renames, and hands them
    // over together, so each save builds once.
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut watcher = new_debouncer(SETTLE, Some(SETTLE / 4), tx)
        .context("cannot watch the site folder for changes")?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    for folder in crate::cache::inputs::SITE_INPUTS {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }

    let requests = Arc::clone(&shared);
    std::thread::spawn(move || connection::serve(listener, requests));

    // The templates of the last whole build, loaded once for the partial
    // rebuilds after it (with the problems loading them found).
    let mut templates: Option<Loaded> = None;
    while let Ok(batch) = rx.recv() {
        let mut changed = changed_paths(root, batch);
        if changed.is_empty() {
            continue;
        }
        // An editor that saves by moving the old file away and writing a
        // new one leaves no file at the path for a moment: a change seen
        // in that moment waits for the rest of the save, rather than
        // building the whole site for a file that is back an instant later.
        if changed.iter().any(|p| !p.exists()) {
            if let Ok(more) = rx.recv_timeout(SETTLE * 4) {
                changed.extend(changed_paths(root, more));
                changed.sort();
                changed.dedup();
            }
        }
        let why = describe(root, &changed);
        let partial = archive
            .as_mut()
            .and_then(|a| partial_build(root, a, &changed, &shared, &why, &mut templates));
        if partial.is_none() {
            templates = None;
            archive = full_build(root, &load, &shared, &why);
        }
    }
    Ok(())
}

/// Templates loaded for partial rebuilds, and the problems loading them
/// found (reported with each rebuild, as a build that loads them reports
/// them).
type Loaded = (crate::render::templates::Templates, Vec<Diagnostic>);

/// The files of `root` that a batch of the watcher's events may have
/// changed, sorted; a watcher error (a lost event, a folder gone) is shown,
/// and the next save still rebuilds.
fn changed_paths(root: &Path, batch: DebounceEventResult) -> Vec<PathBuf> {
    let events = batch.unwrap_or_else(|errors| {
        for err in errors {
            log::warn!("watching the site: {err}");
        }
        Vec::new()
    });
    let mut changed: Vec<PathBuf> = events
        .into_iter()
        .filter(|e| changes_content(&e.kind))
        .flat_map(|e| e.event.paths)
        .filter(|p| matters(root, p))
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// How long a file must stay quiet before its events are handed over (the
/// watcher looks every quarter of it): the rest of one save's events
/// arrive within it. Measured saves: vim (`:w`, writing in place, then
/// `fsync` and the file's ACL) spans 7 ms from the first event to the last
/// on a disk; VS Code (truncate and write) and gedit (a hidden temporary
/// file renamed over the article, one event on its path) under 1 ms on
/// tmpfs. Each save waits this long before its rebuild starts.
const SETTLE: Duration = Duration::from_millis(20);

/// Whether an event can change a file's content: creating, writing,
/// renaming or removing, but not reading (a build reads every file).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Other => false,
    }
}

/// Whether a change at `path` can change the site: files under the watched
/// folders and journal.yaml, but not editors' swap and backup files.
fn matters(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Hidden files (editors' locks and temporary files: `.#a.md`,
    // `.goutputstream-…`, `.a.md.swp`) are no input of a build.
    if name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
    {
        return false;
    }
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::cache::inputs::SITE_INPUTS.contains(&first.as_str())
}

/// "content/2018/4/a.md" or "3 files".
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    match changed {
        [one] => one.strip_prefix(root).unwrap_or(one).display().to_string(),
        many => format!("{} files", many.len()),
    }
}

/// Builds the whole site into the served folder, logs what it did and how
/// long it took, tells open pages, and returns the archive for partial
/// rebuilds; `None` when it failed (the last good build stays served).
fn full_build(root: &Path, load: &LoadOptions, shared: &Shared, why: &str) -> Option<Archive> {
    let started = Instant::now();
    let (archive, diags) = assemble::load(root, load);
    let Some(archive) = archive.filter(|_| !diags.has_errors()) else {
        failed(shared, why, diags);
        return None;
    };
    let result = Output::create(&shared.site, root).and_then(|output| {
        let mut found = Vec::new();
        let stats = render_scoped(&archive, Some(&output), &Scope::All, &mut found)?;
        Ok((output, stats, found))
    });
    let (output, stats, found) = match result {
        Ok(done) => done,
        Err(e) => {
            machine_failure(shared, why, &e);
            return None;
        }
    };
    let mut all = diags.sorted();
    all.extend(found);
    let diags = Diagnostics::from(all);
    if diags.has_errors() {
        drop(output);
        failed(shared, why, diags);
        return None;
    }
    // Requests wait for the two renames only; the old tree is deleted after.
    let swapping = shared.swap.write().unwrap_or_else(|e| e.into_inner());
    let swapped = output.swap();
    drop(swapping);
    if let Err(e) = swapped.and_then(|old| old.remove()) {
        machine_failure(shared, why, &e);
        return None;
    }
    log::info!(
        "{why}: rebuilt the whole site, {} pages and {} files, in {} ms{}",
        stats.pages,
        stats.files,
        started.elapsed().as_millis(),
        warnings(&diags)
    );
    shared.publish(Vec::new());
    Some(archive)
}

/// Rebuilds only what a change to existing articles touches, when that is
/// all that changed: `None` when a whole build is needed instead.
fn partial_build(
    root: &Path,
    archive: &mut Archive,
    changed: &[PathBuf],
    shared: &Shared,
    why: &str,
    templates: &mut Option<Loaded>,
) -> Option<()> {
    let started = Instant::now();
    if templates.is_none() {
        let mut found = Vec::new();
        *templates = crate::render::load_templates(archive, &mut found).map(|t| (t, found));
    }
    let loaded = templates.as_ref().map(|(t, found)| (t, found.as_slice()));
    match rebuild::rebuild_touched(root, archive, changed, &shared.site, loaded) {
        Partial::Nothing => Some(()),
        Partial::Failed(diags) => {
            failed(shared, why, diags);
            Some(())
        }
        Partial::Rebuilt {
            stats,
            taxonomies,
            diags,
        } => {
            log::info!(
                "{why}: rebuilt {} pages and {} files{} in {} ms{}",
                stats.pages,
                stats.files,
                if taxonomies {
                    ", with the taxonomies"
                } else {
                    ""
                },
                started.elapsed().as_millis(),
                warnings(&diags)
            );
            shared.publish(Vec::new());
            Some(())
        }
        Partial::Whole(reason) => {
            log::debug!("{why}: {reason}; rebuilding the whole site");
            None
        }
    }
}

/// " (2 warnings)", or nothing.
fn warnings(diags: &Diagnostics) -> String {
    match diags.counts().1 {
        0 => String::new(),
        1 => " (1 warning)".to_string(),
        n => format!(" ({n} warnings)"),
    }
}

/// Reports a build stopped by content errors: on the terminal, and to open
/// pages, which show them over the last good build.
fn failed(shared: &Shared, why: &str, diags: Diagnostics) {
    let errors: Vec<String> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| render(&d, Format::Human))
        .collect();
    for error in &errors {
        eprint!("{error}");
    }
    log::error!(
        "{why}: not rebuilt, {} error{}; still serving the last good build",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    shared.publish(errors);
}

fn machine_failure(shared: &Shared, why: &str, e: &anyhow::Error) {
    log::error!("{why}: the build failed: {e:#}");
    shared.publish(vec![format!("error: {e:#}")]);
}

/// The served folders' names in the temporary folder, before the process id.
const SERVED_PREFIX: &str = "quire-serve-";

/// Removes served folders left by servers that were killed without a chance
/// to clean up (where the system lists live processes under /proc).
fn remove_abandoned_folders() {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(SERVED_PREFIX) else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Removes the served folder when the server stops.
pub fn clean_up(site: &Path) {
    let _ = std::fs::remove_dir_all(site);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_temporary_files_do_not_matter_and_inputs_do() {
        let root = Path::new("/site");
        for input in [
            "content/2018/4/a.md",
            "journal.yaml",
            "templates/article.html",
            "static/logo.svg",
        ] {
            assert!(matters(root, &root.join(input)), "{input}");
        }
        for other in [
            "content/2018/4/.a.md.swp",
            "content/2018/4/.#a.md",
            "content/2018/4/.goutputstream-3QK1F2",
            "content/2018/4/a.md~",
            "content/2018/4/4913",
            "public/index.html",
            ".quire-cache/state.bin",
        ] {
            assert!(!matters(root, &root.join(other)), "{other}");
        }
        assert!(!matters(root, Path::new("/elsewhere/content/a.md")));
    }
}

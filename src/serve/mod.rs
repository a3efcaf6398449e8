//! `quire serve`: builds the site into a private folder, serves it on a
//! loopback address under the same base path as the published site, and
//! rebuilds when content, templates, themes, static files or journal.yaml
//! change. Open pages reload after a good build; after a failed one they
//! show its errors over the last good page, which stays served.
//!
//! A broken file never stops the server: a failed build only changes what
//! the status address reports.

pub mod http;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::assemble::LoadOptions;
use crate::cmd::build::{build_into, Built};
use crate::config::{self, BaseUrl};
use crate::diag::{render, Format, Severity};

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
    let server = tiny_http::Server::http((options.bind, options.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let address = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let base_path = published_base_path(&options.root);
    let base_url: BaseUrl = format!("http://{address}{base_path}")
        .parse()
        .map_err(|e: String| anyhow::anyhow!("{e}"))?;
    let site = std::env::temp_dir().join(format!("quire-serve-{}", std::process::id()));
    let shared = Arc::new(Shared {
        site: site.clone(),
        base_path: base_path.clone(),
        state: Mutex::new(BuildState::default()),
        changed: Condvar::new(),
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

    rebuild(&options.root, &load, &shared, "the first build");
    // Printed on standard output, alone on its line, for people and tests.
    println!("Serving the site at {}", base_url.as_url());

    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).context("cannot watch the site folder for changes")?;
    watcher
        .watch(&options.root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", options.root.display()))?;
    for folder in ["content", "templates", "themes", "static"] {
        let path = options.root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }

    let requests = Arc::clone(&shared);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&requests);
            std::thread::spawn(move || http::handle(request, &shared));
        }
    });

    while let Ok(first) = rx.recv() {
        // An editor's save is often several events (write, rename, chmod):
        // gather what arrives within a moment, then build once.
        let mut events = vec![first];
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            events.push(more);
        }
        let mut changed: Vec<PathBuf> = events
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| changes_content(&e.kind))
            .flat_map(|e| e.paths)
            .filter(|p| matters(&options.root, p))
            .collect();
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let why = describe(&options.root, &changed);
        rebuild(&options.root, &load, &shared, &why);
    }
    Ok(())
}

/// How long to wait for the rest of one save's events.
const SETTLE: Duration = Duration::from_millis(25);

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
    if name.starts_with(".#")
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
    matches!(
        first.as_str(),
        "content" | "templates" | "themes" | "static" | "journal.yaml"
    )
}

/// "content/2018/4/a.md" or "3 files".
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    match changed {
        [one] => one.strip_prefix(root).unwrap_or(one).display().to_string(),
        many => format!("{} files", many.len()),
    }
}

/// Builds the whole site into the served folder, logs what it did and how
/// long it took, and tells open pages.
fn rebuild(root: &Path, load: &LoadOptions, shared: &Shared, why: &str) {
    let started = Instant::now();
    match build_into(root, load, &shared.site) {
        Ok(Built {
            stats: Some(stats),
            diags,
        }) => {
            let (_, warnings) = diags.counts();
            log::info!(
                "{why}: rebuilt {} pages and {} files in {} ms{}",
                stats.pages,
                stats.files,
                started.elapsed().as_millis(),
                if warnings > 0 {
                    format!(
                        " ({warnings} warning{})",
                        if warnings == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            );
            shared.publish(Vec::new());
        }
        Ok(Built { stats: None, diags }) => {
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
        Err(e) => {
            log::error!("{why}: the build failed: {e:#}");
            shared.publish(vec![format!("error: {e:#}")]);
        }
    }
}

/// Removes the served folder when the server stops.
pub fn clean_up(site: &Path) {
    let _ = std::fs::remove_dir_all(site);
}

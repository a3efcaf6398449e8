//! A small site folder made once per process, for the readers that take
//! their input from disk: a valid `journal.yaml` and issue, a figure and
//! another article to link to, and a built output with links that lead out.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use quire::config::{self, Config};
use quire::content::issue;
use quire::content::walk::IssueDir;
use quire::diag::SourceFile;
use quire::model::Issue;

/// The journal of the fixture `valid-minimal`.
const JOURNAL: &str = include_str!("../../tests/fixtures/valid-minimal/journal.yaml");
/// Its issue.
const ISSUE: &str = include_str!("../../tests/fixtures/valid-minimal/content/2020/1/_issue.yaml");

/// The site folder and what was read from it.
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// Its `journal.yaml`, read.
    pub config: Config,
    /// Its issue 2020/1, read.
    pub issue: Issue,
    /// `public/`, a built site with two links that lead outside it.
    pub public: PathBuf,
    /// The folder `public/`'s links lead to.
    pub outside: PathBuf,
    /// Held while a target writes its input into the folder.
    lock: Mutex<()>,
}

impl Site {
    /// The folder, made on the first call.
    pub fn get() -> &'static Site {
        static SITE: OnceLock<Site> = OnceLock::new();
        SITE.get_or_init(make)
    }

    /// Writes `bytes` at `relative` in the site, holding the folder until
    /// the guard is dropped (tests replay targets on several threads).
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> MutexGuard<'_, ()> {
        let guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        fs::write(self.root.join(relative), bytes).expect("write into the scratch site");
        guard
    }
}

fn make() -> Site {
    let root = std::env::temp_dir().join(format!("quire-fuzz-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let issue_dir = root.join("content/2020/1");
    fs::create_dir_all(&issue_dir).expect("make the scratch site");
    fs::create_dir_all(root.join("content/2021/1")).expect("make the scratch site");
    fs::write(root.join("journal.yaml"), JOURNAL).expect("write journal.yaml");
    fs::write(issue_dir.join("_issue.yaml"), ISSUE).expect("write _issue.yaml");
    fs::write(issue_dir.join("figure.png"), b"\x89PNG").expect("write a figure");
    fs::write(issue_dir.join("other.md"), "---\ntitle: Other\n---\n").expect("write an article");

    // The output, with a file and a folder that are links to the outside.
    let outside = root.join("outside");
    let public = root.join("public");
    fs::create_dir_all(outside.join("folder")).expect("make outside/");
    fs::write(outside.join("secret.txt"), "secret").expect("write outside/secret.txt");
    fs::write(outside.join("folder/index.html"), "secret").expect("write outside/folder");
    fs::create_dir_all(public.join("archive")).expect("make public/");
    fs::create_dir_all(public.join("2020/1/article")).expect("make public/");
    fs::write(public.join("index.html"), "<p>home").expect("write public/");
    fs::write(public.join("archive/index.html"), "<p>archive").expect("write public/");
    fs::write(public.join("2020/1/article/index.html"), "<p>a").expect("write public/");
    fs::write(public.join("style.css"), "p{}").expect("write public/");
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(outside.join("secret.txt"), public.join("leak.txt")).expect("link a file out");
        symlink(outside.join("folder"), public.join("leak")).expect("link a folder out");
    }

    let mut diags = Vec::new();
    let file = SourceFile::new("journal.yaml", JOURNAL);
    let config = config::parse(&file, None, &mut diags).expect("the fixture's journal.yaml");
    let dir = IssueDir {
        year: 2020,
        number: 1,
        dir: PathBuf::from("content/2020/1"),
        issue_file: Some(PathBuf::from("content/2020/1/_issue.yaml")),
        articles: Vec::new(),
        // The folder's other files, as the walk lists them: an article's
        // PDF under its default name is looked for here.
        files: other_files(&root.join("content/2020/1")),
    };
    let issue = issue::read(&root, &dir, &mut diags).expect("the fixture's _issue.yaml");
    assert!(diags.is_empty(), "the fixtures are valid: {diags:?}");
    Site {
        root,
        config,
        issue,
        public,
        outside,
        lock: Mutex::new(()),
    }
}

/// The names of a folder's files and folders but its articles and
/// `_issue.yaml`, sorted, as `content::walk` lists them.
fn other_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".md") && n != "_issue.yaml")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

//! What the test modules share: [`TestSite`], a site copied into a temporary
//! folder that runs the real binary; [`built_sample`] and [`built_fixture`],
//! sites built once per test run for the tests that only read the output;
//! and [`tool`], which finds an external program or says why a test is
//! skipped.
//!
//! A test that only reads what a build wrote takes a shared [`BuiltSite`]:
//! building the sample is the slow part of most tests, and a shared build is
//! made once for all of them. A test that edits a site, or runs the binary on
//! it, makes its own [`TestSite`]; a [`BuiltSite`] has no method that writes.
//!
//! Skipping is for people without the validators installed; CI never skips
//! silently. With the variable `CI` set, a missing tool fails the test: CI's
//! `.ci/setup` installs every tool, so a missing one there is a broken setup,
//! not a reason to pass.

// Each test module uses a different part of this one.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// The repository's root (the sample site lives there).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/` in the repository.
pub fn fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures")
}

/// Where the sample is published in the tests: on GitHub Pages under a
/// project path, so every address its pages hold must start with
/// [`BASE_PATH`].
pub const BASE_URL: &str = "https://example.github.io/journal/";
/// The path part of [`BASE_URL`].
pub const BASE_PATH: &str = "/journal/";

/// The seed article's DOI, as its front matter gives it.
pub const SEED_DOI: &str = "10.24833/2071-8160-2018-4-61-78-91";

/// The seed article's keywords, in order, as the journal printed them.
pub const SEED_KEYWORDS: &[&str] = &[
    "Central Asia",
    "CIS",
    "integration",
    "regionalism",
    "Kazakhstan",
    "Uzbekistan",
    "security",
    "infrastructure",
];

/// What makes up the sample site in the repository's root; missing optional
/// ones are skipped. `public/`, `target/` and the rest are not the site.
const SAMPLE_PARTS: &[&str] = &["journal.yaml", "content", "themes", "templates", "static"];

/// A site in a temporary folder, deleted when dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// A copy of the repository's sample site (journal.yaml, content/,
    /// themes/, and templates/ and static/ when present).
    pub fn sample() -> TestSite {
        TestSite::sample_in(&std::env::temp_dir())
    }

    /// [`TestSite::sample`] in a new folder under `parent`.
    fn sample_in(parent: &Path) -> TestSite {
        let site = TestSite::empty_in(parent);
        let root = repo_root();
        for part in SAMPLE_PARTS {
            let from = root.join(part);
            if from.exists() {
                copy_path(&from, &site.path(part));
            }
        }
        assert!(
            site.path("journal.yaml").is_file(),
            "the sample site has no journal.yaml"
        );
        site
    }

    /// A copy of `tests/fixtures/<name>` (for example `build/drafts`).
    pub fn fixture(name: &str) -> TestSite {
        TestSite::fixture_in(name, &std::env::temp_dir())
    }

    /// [`TestSite::fixture`] in a new folder under `parent`.
    fn fixture_in(name: &str, parent: &Path) -> TestSite {
        let from = fixtures().join(name);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        let site = TestSite::empty_in(parent);
        copy_path(&from, site.root());
        site
    }

    /// An empty temporary folder.
    pub fn empty() -> TestSite {
        TestSite::empty_in(&std::env::temp_dir())
    }

    /// An empty folder under `parent`, deleted when dropped.
    fn empty_in(parent: &Path) -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("quire-test-")
            .tempdir_in(parent)
            .expect("a temporary folder");
        TestSite { dir }
    }

    /// Copies `tests/fixtures/<overlay>` over the site: its files replace
    /// the site's, and an empty file `<name>.delete` deletes `<name>` (a
    /// file or a folder), which must be there.
    pub fn overlay(&self, overlay: &str) -> &Self {
        let from = fixtures().join(overlay);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        overlay_tree(&from, self.root());
        self
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` under the site's folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// The default output folder, `public/`.
    pub fn public(&self) -> PathBuf {
        self.path("public")
    }

    /// The text of the site's file `rel`.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Writes `text` into the site's file `rel`, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create a folder in the test site");
        }
        fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        self
    }

    /// Replaces the one occurrence of `from` in the file `rel` by `to`;
    /// fails when `from` is not there exactly once (a stale edit must not
    /// pass silently).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        let found = text.matches(from).count();
        assert_eq!(found, 1, "`{from}` occurs {found} times in {rel}, not once");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Runs `quire --root <site> <args>` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// [`TestSite::run`] with these environment variables set.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_quire"))
            .arg("--root")
            .arg(self.root())
            .args(args)
            .current_dir(self.root())
            .env_remove("RUST_LOG")
            .envs(env.iter().copied())
            .output()
            .expect("the quire binary runs");
        let text = |bytes: Vec<u8>, stream: &str| {
            String::from_utf8(bytes).unwrap_or_else(|e| {
                panic!(
                    "`quire {}` printed non-UTF-8 on {stream}: {e}",
                    args.join(" ")
                )
            })
        };
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code(),
            stdout: text(output.stdout, "stdout"),
            stderr: text(output.stderr, "stderr"),
        }
    }

    /// `quire build <args>`.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// `quire --format short check`.
    pub fn check(&self) -> Run {
        self.run(&["--format", "short", "check"])
    }

    /// Every file under the site's folder `rel`, by path relative to it,
    /// with its bytes.
    pub fn tree(&self, rel: &str) -> Tree {
        tree(&self.path(rel))
    }
}

/// A site built once per test run, shared by every test that only reads
/// it: [`built_sample`], [`built_sample_with_drafts`], [`built_fixture`].
/// It has no method that writes; a test that changes a site, or builds it
/// again, makes its own [`TestSite`].
pub struct BuiltSite {
    site: TestSite,
    build: Run,
}

impl BuiltSite {
    /// Builds `site` with `quire build <args>`, asserting success.
    fn new(site: TestSite, args: &[&str]) -> BuiltSite {
        let build = site.build(args);
        build.success().no_panic();
        BuiltSite { site, build }
    }

    /// What the build printed.
    pub fn build_run(&self) -> &Run {
        &self.build
    }

    /// The site's folder.
    pub fn root(&self) -> &Path {
        self.site.root()
    }

    /// `rel` under the site's folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.site.path(rel)
    }

    /// The output folder, `public/`.
    pub fn public(&self) -> PathBuf {
        self.site.public()
    }

    /// The text of the site's file `rel`.
    pub fn read(&self, rel: &str) -> String {
        self.site.read(rel)
    }

    /// Every file under the site's folder `rel`, as [`TestSite::tree`].
    pub fn tree(&self, rel: &str) -> Tree {
        self.site.tree(rel)
    }
}

/// The sample site built into `public/` under [`BASE_URL`], once per test
/// run.
pub fn built_sample() -> &'static BuiltSite {
    shared("sample", || {
        BuiltSite::new(
            TestSite::sample_in(shared_root()),
            &["--base-url", BASE_URL],
        )
    })
}

/// The sample site with its drafts (`--drafts`) built into `public/` under
/// [`BASE_URL`], once per test run.
pub fn built_sample_with_drafts() -> &'static BuiltSite {
    shared("sample --drafts", || {
        BuiltSite::new(
            TestSite::sample_in(shared_root()),
            &["--base-url", BASE_URL, "--drafts"],
        )
    })
}

/// Where [`built_sample_with_galleys`] publishes its PDFs.
pub const GALLEYS_URL: &str = "https://galleys.example.org/rers/";

/// The sample with `galleys_base_url: GALLEYS_URL` (its PDFs published on
/// another host) built into `public/` under [`BASE_URL`], once per test
/// run.
pub fn built_sample_with_galleys() -> &'static BuiltSite {
    shared("sample, galleys elsewhere", || {
        let site = TestSite::sample_in(shared_root());
        let journal = site.read("journal.yaml");
        site.write(
            "journal.yaml",
            &format!("{journal}galleys_base_url: {GALLEYS_URL}\n"),
        );
        BuiltSite::new(site, &["--base-url", BASE_URL])
    })
}

/// The sample with Russian as its default language (`languages: [ru, en]`,
/// see [`russian_first`]) built into `public/` under [`BASE_URL`], once per
/// test run: the Russian tree at the base path, the English one under
/// `/en/`.
pub fn built_sample_russian_first() -> &'static BuiltSite {
    shared("sample [ru, en]", || {
        let site = TestSite::sample_in(shared_root());
        let journal = russian_first(&site.read("journal.yaml"));
        site.write("journal.yaml", &journal);
        russian_first_texts(site.root());
        BuiltSite::new(site, &["--base-url", BASE_URL])
    })
}

/// The sample in one language (see [`one_language`] and
/// [`without_russian_texts`]) built into `public/` under [`BASE_URL`], once
/// per test run: the site as a journal that never had two languages.
pub fn built_sample_one_language() -> &'static BuiltSite {
    shared("sample, one language", || {
        let site = TestSite::sample_in(shared_root());
        let journal = one_language(&site.read("journal.yaml"));
        site.write("journal.yaml", &journal);
        without_russian_texts(site.root());
        BuiltSite::new(site, &["--base-url", BASE_URL])
    })
}

/// The sample's `journal.yaml` made Russian first: `languages: [en, ru]`
/// becomes `[ru, en]`, and the journal's title, short title, description
/// and publisher change places with their Russian translation, which
/// becomes `translations: en:`, so that each stays in its language.
///
/// Panics when the file is not laid out as the sample's is (one line per
/// field): a test must not run on a half-rewritten site.
pub fn russian_first(journal: &str) -> String {
    const FIELDS: &[&str] = &["title", "short_title", "description", "publisher"];
    let mut lines: Vec<String> = journal.lines().map(str::to_string).collect();
    let find = |lines: &[String], wanted: &str| {
        lines
            .iter()
            .position(|l| l == wanted)
            .unwrap_or_else(|| panic!("the sample's journal.yaml has no line `{wanted}`"))
    };
    let at = find(&lines, "languages: [en, ru]");
    lines[at] = "languages: [ru, en]".to_string();
    let block = find(&lines, "translations:");
    let russian = find(&lines, "  ru:");
    assert_eq!(russian, block + 1, "`  ru:` must follow `translations:`");
    lines[russian] = "  en:".to_string();
    let mut swapped = 0;
    for at in russian + 1..lines.len() {
        let Some((key, value)) = lines[at]
            .strip_prefix("    ")
            .and_then(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_string(), v.to_string()))
        else {
            break;
        };
        assert!(
            FIELDS.contains(&key.as_str()),
            "unexpected `{key}` in translations"
        );
        let top = lines
            .iter()
            .position(|l| l.starts_with(&format!("{key}: ")))
            .unwrap_or_else(|| panic!("no top-level `{key}` to swap with its translation"));
        let english = lines[top][key.len() + 2..].to_string();
        lines[top] = format!("{key}: {value}");
        lines[at] = format!("    {key}: {english}");
        swapped += 1;
    }
    assert_eq!(
        swapped,
        FIELDS.len(),
        "every field of the journal is translated"
    );
    lines.join("\n") + "\n"
}

/// The sample's texts with a Russian version made Russian first, as
/// `languages: [ru, en]` wants them: in `content/` and `content/pages/`
/// each `X.ru.md` becomes `X.md`, and `X.md` becomes `X.en.md`.
pub fn russian_first_texts(root: &Path) {
    for dir in [root.join("content"), root.join("content/pages")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".ru.md"))
            .collect();
        names.sort();
        for name in names {
            let stem = &name[..name.len() - ".ru.md".len()];
            std::fs::rename(
                dir.join(format!("{stem}.md")),
                dir.join(format!("{stem}.en.md")),
            )
            .expect("the default text renamed");
            std::fs::rename(dir.join(&name), dir.join(format!("{stem}.md")))
                .expect("the Russian text renamed");
        }
    }
}

/// The sample's content in one language, as a journal that never had two
/// has it: the Russian texts (`X.ru.md`) removed, and the keywords' names
/// per language (`names:` in `content/_keywords.yaml`).
pub fn without_russian_texts(root: &Path) {
    for dir in [root.join("content"), root.join("content/pages")] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().ends_with(".ru.md") {
                std::fs::remove_file(entry.path()).expect("a Russian text removed");
            }
        }
    }
    let keywords = root.join("content/_keywords.yaml");
    if let Ok(text) = std::fs::read_to_string(&keywords) {
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("names:"))
            .collect();
        std::fs::write(&keywords, kept.join("\n") + "\n").expect("written");
    }
}

/// The sample's `journal.yaml` in one language: without `languages:` and
/// the `translations:` and `sections:` blocks, as a journal that never had
/// two.
pub fn one_language(journal: &str) -> String {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut removed = 0;
    for line in journal.lines() {
        if in_block && (line.starts_with(' ') || line.is_empty()) {
            continue;
        }
        in_block = line == "translations:" || line == "sections:";
        if in_block || line.starts_with("languages:") {
            removed += 1;
            continue;
        }
        out.push(line);
    }
    assert_eq!(
        removed, 3,
        "the sample's journal.yaml has `languages:`, `translations:` and `sections:`"
    );
    out.join("\n") + "\n"
}

/// `tests/fixtures/<name>` built into `public/` with its own `base_url`,
/// once per test run.
pub fn built_fixture(name: &str) -> &'static BuiltSite {
    shared(&format!("fixture {name}"), || {
        BuiltSite::new(TestSite::fixture_in(name, shared_root()), &[])
    })
}

/// The build named `key`, made by `make` the first time it is asked for.
/// Tests asking for one build wait for each other; different builds are
/// made in parallel.
fn shared(key: &str, make: impl FnOnce() -> BuiltSite) -> &'static BuiltSite {
    type Cells = BTreeMap<String, &'static OnceLock<BuiltSite>>;
    static BUILDS: Mutex<Cells> = Mutex::new(BTreeMap::new());
    let cell: &'static OnceLock<BuiltSite> = BUILDS
        .lock()
        // A test that panicked holding the lock left the map whole.
        .unwrap_or_else(PoisonError::into_inner)
        .entry(key.to_string())
        .or_insert_with(|| Box::leak(Box::default()));
    cell.get_or_init(make)
}

/// How long a folder of shared builds is kept after its run last made one.
const STALE: Duration = Duration::from_secs(60 * 60);

/// The folder of this run's shared builds, under `target/tmp/shared-builds/`
/// (Cargo's folder for integration tests' files, which `cargo clean`
/// empties).
///
/// Statics are never dropped, so a shared build would never delete its own
/// folder, as a [`TestSite`] does: each run instead deletes the folders of
/// runs that made their last build more than an hour ago.
fn shared_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-builds");
        fs::create_dir_all(&parent)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        remove_stale_runs(&parent);
        tempfile::Builder::new()
            .prefix("run-")
            .tempdir_in(&parent)
            .expect("a folder for the shared builds")
            .keep()
    })
}

/// Deletes the folders under `parent` not changed for [`STALE`]. Failing to
/// delete one fails no test: another run may be deleting it at the same time.
fn remove_stale_runs(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|changed| changed.elapsed().is_ok_and(|age| age > STALE));
        if stale {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Every file under a folder, by relative path (`/`-separated), with its bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

/// Reads every file under `dir`; the empty tree when `dir` does not exist.
pub fn tree(dir: &Path) -> Tree {
    let mut files = Tree::new();
    if !dir.exists() {
        return files;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = fs::read_dir(&current)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", current.display()));
        for entry in entries {
            let path = entry.expect("a readable folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path)
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                files.insert(relative(dir, &path), bytes);
            }
        }
    }
    files
}

/// Every file under `dir` whose name ends with `.ext`, as full paths, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let suffix = format!(".{ext}");
    tree(dir)
        .into_keys()
        .filter(|rel| rel.ends_with(&suffix))
        .map(|rel| dir.join(rel))
        .collect()
}

/// The sitemaps of the site built into `public`, as the index
/// `public/sitemap.xml` lists them: each a file at the site's root, named
/// by an absolute address under `base_url`. Panics when `sitemap.xml` is
/// not a sitemap index, or a listed sitemap is not there.
pub fn sitemaps(public: &Path, base_url: &str) -> Vec<PathBuf> {
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let index = public.join("sitemap.xml");
    let text = fs::read_to_string(&index).unwrap_or_else(|e| panic!("no sitemap.xml: {e}"));
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("sitemap.xml is not well-formed: {e}"));
    let root = doc.root_element();
    assert!(
        root.has_tag_name((ns, "sitemapindex")),
        "sitemap.xml's root is {:?}, not a sitemap index",
        root.tag_name()
    );
    let files: Vec<PathBuf> = root
        .children()
        .filter(|n| n.is_element())
        .map(|sitemap| {
            assert!(
                sitemap.has_tag_name((ns, "sitemap")),
                "{:?}",
                sitemap.tag_name()
            );
            let loc = sitemap
                .children()
                .find(|n| n.has_tag_name((ns, "loc")))
                .and_then(|n| n.text())
                .expect("every <sitemap> has a <loc>");
            let name = loc
                .strip_prefix(base_url)
                .unwrap_or_else(|| panic!("the sitemap {loc} is not under {base_url}"));
            assert!(
                !name.contains('/'),
                "the sitemap {loc} is not at the site's root"
            );
            let file = public.join(name);
            assert!(
                file.is_file(),
                "the index lists {loc}, which was not written"
            );
            file
        })
        .collect();
    assert!(!files.is_empty(), "the sitemap index lists no sitemap");
    files
}

/// `path` relative to `dir`, `/`-separated.
pub fn relative(dir: &Path, path: &Path) -> String {
    let rel = path
        .strip_prefix(dir)
        .unwrap_or_else(|_| panic!("{} is not under {}", path.display(), dir.display()));
    rel.iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Copies a file or a folder tree.
pub fn copy_path(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
        let entries =
            fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
        for entry in entries {
            let entry = entry.expect("a readable folder entry");
            copy_path(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        fs::copy(from, to)
            .unwrap_or_else(|e| panic!("cannot copy {} to {}: {e}", from.display(), to.display()));
    }
}

/// Copies the folder `from` over the folder `to`, file by file; an empty
/// file `<name>.delete` deletes `<name>` from `to` instead, and fails when
/// there is no such file or folder.
pub fn overlay_tree(from: &Path, to: &Path) {
    let entries =
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let source = entry.path();
        let kind = entry.file_type().expect("a fixture entry's type");
        if kind.is_symlink() {
            // A fixture's link (a broken one, for unreadable files) stays a link.
            let link = fs::read_link(&source).expect("a readable link");
            std::os::unix::fs::symlink(link, to.join(&name)).expect("make a link in the site");
        } else if source.is_dir() {
            let target = to.join(&name);
            fs::create_dir_all(&target)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", target.display()));
            overlay_tree(&source, &target);
        } else if let Some(deleted) = name.strip_suffix(".delete") {
            let target = to.join(deleted);
            let removed = if target.is_dir() {
                fs::remove_dir_all(&target)
            } else {
                fs::remove_file(&target)
            };
            removed.unwrap_or_else(|e| {
                panic!(
                    "{} deletes {}, which is not there: {e}",
                    source.display(),
                    target.display()
                )
            });
        } else {
            copy_path(&source, &to.join(&name));
        }
    }
}

/// What one run of the binary gave; the assertions chain and print
/// everything the binary said when they fail.
pub struct Run {
    /// The arguments after `--root <site>`.
    pub args: Vec<String>,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error (logs and diagnostics).
    pub stderr: String,
}

impl Run {
    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(&self) -> &Self {
        self.code(0)
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code of `quire {}`\n{self}",
            self.args.join(" ")
        );
        self
    }

    /// Asserts that standard error contains `text`.
    #[track_caller]
    pub fn stderr_contains(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "`quire {}` printed no `{text}` on stderr\n{self}",
            self.args.join(" ")
        );
        self
    }

    /// Asserts that standard output contains `text`.
    #[track_caller]
    pub fn stdout_contains(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "`quire {}` printed no `{text}` on stdout\n{self}",
            self.args.join(" ")
        );
        self
    }

    /// Asserts that the binary did not panic.
    #[track_caller]
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "`quire {}` panicked\n{self}",
            self.args.join(" ")
        );
        self
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "--- exit code: {:?}", self.code)?;
        writeln!(f, "--- stdout:\n{}", self.stdout)?;
        write!(f, "--- stderr:\n{}", self.stderr)
    }
}

/// Whether this run is CI's (the variable `CI` is set, and not to `""`,
/// `0` or `false`).
pub fn in_ci() -> bool {
    std::env::var("CI")
        .is_ok_and(|v| !matches!(v.trim().to_ascii_lowercase().as_str(), "" | "0" | "false"))
}

/// The program `name` on the `PATH`. When it is missing: in CI a panic;
/// elsewhere a "skipping" line on stderr and `None`, so the caller returns.
#[track_caller]
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|path| is_executable(path))
    });
    if found.is_none() {
        missing(name);
    }
    found
}

/// Reports that `what` (a tool, a file the tests need) is missing: panics in
/// CI, prints "skipping: <what> not installed (run .ci/setup)" elsewhere.
#[track_caller]
pub fn missing(what: &str) {
    if in_ci() {
        panic!("{what} not installed, and CI must not skip: .ci/setup should have installed it");
    }
    eprintln!("skipping: {what} not installed (run .ci/setup)");
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

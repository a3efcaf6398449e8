//! What the test modules share: [`TestSite`], a site copied into a temporary
//! folder that runs the real binary, and [`tool`], which finds an external
//! program or says why a test is skipped.
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

/// The repository's root (the sample site lives there).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/` in the repository.
pub fn fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures")
}

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
        let site = TestSite::empty();
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
        let from = fixtures().join(name);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        let site = TestSite::empty();
        copy_path(&from, site.root());
        site
    }

    /// An empty temporary folder.
    pub fn empty() -> TestSite {
        let dir = tempfile::Builder::new()
            .prefix("quire-test-")
            .tempdir()
            .expect("a temporary folder");
        TestSite { dir }
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
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
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

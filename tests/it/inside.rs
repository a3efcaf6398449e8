//! Reading stays inside the site: a symbolic link that leads out of the
//! site folder is an error at its path, by every road a build reads (a PDF,
//! a figure copied beside an article, a static file, a template, a year or
//! issue folder, `content/` itself), and nothing of the outside file reaches
//! the output; special files are refused without being opened; links within
//! the site keep working (`tests/fixtures/inside/links-within/`).

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{self, TestSite};

/// What the outside file holds: no output file may contain it.
const SECRET: &[u8] = b"SECRET-OUTSIDE-THE-SITE-7f3a";

/// A folder beside the site (not in it) with the file `secret` and the
/// folders a link might lead to.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Outside {
        let dir = tempfile::Builder::new()
            .prefix("quire-outside-")
            .tempdir()
            .expect("a temporary folder");
        fs::write(dir.path().join("secret"), SECRET).expect("the outside file");
        Outside { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `text` into `rel`, creating folders.
    fn write(&self, rel: &str, text: &[u8]) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        fs::write(path, text).expect("an outside file");
    }
}

/// The minimal site, with a link at `rel` to `to`.
fn site_with_link(rel: &str, to: &Path) -> TestSite {
    let site = TestSite::fixture("valid-minimal");
    let at = site.path(rel);
    fs::create_dir_all(at.parent().expect("a parent")).expect("a folder");
    symlink(to, at).expect("make the link");
    site
}

/// An article of issue 2020/1 with `body` as its full text.
fn with_body(site: &TestSite, body: &str) {
    let text = site.read("content/2020/1/first-article.md");
    site.write(
        "content/2020/1/first-article.md",
        &format!("{text}\n{body}\n"),
    );
}

/// Asserts that no file of the output holds the outside file's bytes.
#[track_caller]
fn nothing_of_outside_in(site: &TestSite) {
    for (name, bytes) in site.tree("public") {
        assert!(
            !bytes.windows(SECRET.len()).any(|w| w == SECRET),
            "public/{name} holds the outside file's bytes"
        );
    }
}

/// `quire --format short build`: an error at `path` saying it leads outside
/// the site, to the outside folder, and no output.
#[track_caller]
fn refused_at(site: &TestSite, outside: &Outside, path: &str) {
    let run = site.run(&["--format", "short", "build"]);
    run.code(1)
        .no_panic()
        .stderr_contains(&format!("{path}:"))
        .stderr_contains("error[E031]")
        .stderr_contains("leads outside the site folder");
    let leads = outside
        .dir
        .path()
        .canonicalize()
        .expect("the outside folder");
    run.stderr_contains(&leads.display().to_string());
    assert!(!site.public().exists(), "a failed build wrote public/");
    nothing_of_outside_in(site);
}

#[test]
fn a_pdf_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    let site = site_with_link("content/2020/1/first-article.pdf", &outside.path("secret"));
    refused_at(&site, &outside, "content/2020/1/first-article.pdf:1:1");
}

#[test]
fn a_pdf_named_in_front_matter_and_linked_out_is_an_error_at_the_field() {
    let outside = Outside::new();
    let site = site_with_link("content/2020/1/galley.pdf", &outside.path("secret"));
    site.replace(
        "content/2020/1/first-article.md",
        "keywords:",
        "pdf: galley.pdf\nkeywords:",
    );
    refused_at(&site, &outside, "content/2020/1/first-article.md:6:6");
    site.run(&["--format", "short", "check"])
        .code(1)
        .stderr_contains("the PDF `content/2020/1/galley.pdf` leads outside");
}

#[test]
fn a_cover_linked_out_of_the_site_is_an_error_at_the_field() {
    let outside = Outside::new();
    let site = site_with_link("content/2020/1/cover.jpg", &outside.path("secret"));
    site.write(
        "content/2020/1/_issue.yaml",
        "year: 2020\nnumber: 1\npublished: 2020-03-15\ncover: cover.jpg\n",
    );
    refused_at(&site, &outside, "content/2020/1/_issue.yaml:4:8");
}

#[test]
fn a_static_file_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    let site = site_with_link("static/leak.txt", &outside.path("secret"));
    refused_at(&site, &outside, "static/leak.txt:1:1");
}

#[test]
fn a_static_folder_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    let site = site_with_link("static", outside.dir.path());
    refused_at(&site, &outside, "static:1:1");
}

#[test]
fn a_template_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    let site = site_with_link("templates/404.html", &outside.path("secret"));
    refused_at(&site, &outside, "templates/404.html:1:1");
}

#[test]
fn a_theme_linked_out_of_the_site_is_an_error() {
    let outside = Outside::new();
    outside.write("theme/static/leak.txt", SECRET);
    let site = site_with_link("themes/linked", &outside.path("theme"));
    site.write(
        "journal.yaml",
        "title: Journal of Minimal Studies\nbase_url: https://example.org/j/\ntheme: linked\n",
    );
    refused_at(&site, &outside, "journal.yaml:3:8");
}

#[test]
fn a_year_folder_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    outside.write(
        "year/1/_issue.yaml",
        b"year: 2021\nnumber: 1\npublished: 2021-03-15\n",
    );
    outside.write(
        "year/1/leak.md",
        b"---\ntitle: Leak\nauthors:\n  - name: A. B.\nabstract: x\nkeywords: [x]\n---\nSECRET-OUTSIDE-THE-SITE-7f3a\n",
    );
    let site = site_with_link("content/2021", &outside.path("year"));
    refused_at(&site, &outside, "content/2021:1:1");
}

#[test]
fn an_issue_folder_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    outside.write(
        "issue/_issue.yaml",
        b"year: 2020\nnumber: 2\npublished: 2020-09-15\n",
    );
    outside.write("issue/third-article.pdf", SECRET);
    let site = site_with_link("content/2020/2", &outside.path("issue"));
    refused_at(&site, &outside, "content/2020/2:1:1");
}

#[test]
fn new_and_import_never_write_through_a_linked_issue_folder() {
    let outside = Outside::new();
    fs::create_dir_all(outside.path("issue")).expect("an outside folder");
    let site = site_with_link("content/2020/3", &outside.path("issue"));
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/seed-form.txt");
    for args in [
        vec!["new", "issue", "2020/3"],
        vec!["new", "article", "2020/3/written-outside"],
        vec![
            "import",
            form.to_str().expect("a UTF-8 path"),
            "--issue",
            "2020/3",
        ],
    ] {
        let run = site.run(&args);
        run.code(1).stderr_contains("leads outside the site folder");
        let written: Vec<_> = fs::read_dir(outside.path("issue"))
            .expect("the outside folder")
            .collect();
        assert!(
            written.is_empty(),
            "{args:?} wrote {written:?} outside the site"
        );
    }
}

#[test]
fn content_linked_out_of_the_site_is_an_error_at_its_path() {
    let outside = Outside::new();
    let site = TestSite::fixture("valid-minimal");
    support::copy_path(&site.path("content"), &outside.path("content"));
    outside.write("content/2020/1/first-article.pdf", SECRET);
    fs::remove_dir_all(site.path("content")).expect("remove content/");
    symlink(outside.path("content"), site.path("content")).expect("make the link");
    refused_at(&site, &outside, "content:1:1");
}

#[test]
fn a_figure_folder_linked_out_is_an_error_at_its_path() {
    let outside = Outside::new();
    outside.write("figures/map.png", SECRET);
    let site = site_with_link("content/2020/1/figures", &outside.path("figures"));
    with_body(&site, "![map](figures/map.png)");
    refused_at(&site, &outside, "content/2020/1/figures:1:1");
}

#[test]
fn a_figure_linked_out_is_never_copied() {
    // The text's links are refused where they are written (E031), and the
    // copy into the output would refuse the files too; the build fails
    // leaving the last good output as it was.
    let outside = Outside::new();
    let site = TestSite::fixture("valid-minimal");
    site.build(&[]).success();
    let before = site.tree("public");
    with_body(&site, "![map](map.png)\n\n![plan](figures/plan.png)");
    symlink(outside.path("secret"), site.path("content/2020/1/map.png")).expect("a link");
    fs::create_dir(site.path("content/2020/1/figures")).expect("a folder");
    symlink(
        outside.path("secret"),
        site.path("content/2020/1/figures/plan.png"),
    )
    .expect("a link");
    let run = site.run(&["--format", "short", "build"]);
    // Each link is refused where the text makes it, as an editor's error.
    run.no_panic()
        .code(1)
        .stderr_contains("leads outside the site folder");
    run.stderr_contains("content/2020/1/first-article.md:9:8: error[E031]")
        .stderr_contains("content/2020/1/first-article.md:11:9: error[E031]");
    assert_eq!(
        site.tree("public"),
        before,
        "a failed build changed public/"
    );
    nothing_of_outside_in(&site);
}

/// Runs `quire --format short <args>` on `site`, killing it after
/// `limit`: `None` when it did not finish in time.
fn run_within(site: &TestSite, args: &[&str], limit: Duration) -> Option<(i32, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("--root")
        .arg(site.root())
        .args(["--format", "short"])
        .args(args)
        .env_remove("RUST_LOG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quire binary runs");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            let mut stderr = String::new();
            std::io::Read::read_to_string(
                &mut child.stderr.take().expect("piped stderr"),
                &mut stderr,
            )
            .expect("UTF-8 stderr");
            return Some((status.code().unwrap_or(-1), stderr));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Makes a named pipe at `path`; false when this system cannot.
fn mkfifo(path: &Path) -> bool {
    fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn named_pipes_are_refused_without_hanging() {
    let site = TestSite::fixture("valid-minimal");
    let pipes = [
        "content/2020/1/pipe.md",
        "content/2020/1/first-article.pdf",
        "content/_keywords.yaml",
        "static/pipe.css",
        "templates/pipe.html",
    ];
    for pipe in pipes {
        if !mkfifo(&site.path(pipe)) {
            support::missing("mkfifo");
            return;
        }
    }
    // `check` renders whatever the content's errors, so it meets every
    // pipe; `build` stops after the content's.
    for (command, reaches) in [("check", &pipes[..]), ("build", &pipes[..3])] {
        let Some((code, stderr)) = run_within(&site, &[command], Duration::from_secs(60)) else {
            panic!("`quire {command}` hung on a named pipe");
        };
        assert_eq!(code, 1, "`quire {command}`:\n{stderr}");
        for pipe in reaches {
            assert_eq!(
                stderr.matches(&format!("{pipe}:1:1: error[E036]")).count(),
                1,
                "`quire {command}` did not refuse {pipe} once:\n{stderr}"
            );
        }
        assert!(stderr.contains("is a named pipe, not a file"), "{stderr}");
    }
    assert!(!site.public().exists(), "a failed build wrote public/");
}

#[test]
fn a_pdf_that_is_a_folder_is_an_error() {
    let site = TestSite::fixture("valid-minimal");
    fs::create_dir_all(site.path("content/2020/1/first-article.pdf")).expect("a folder");
    site.check()
        .code(1)
        .stderr_contains("content/2020/1/first-article.md:1:1: error[E023]")
        .stderr_contains("is a folder, not a file");
}

#[test]
fn links_within_the_site_keep_working() {
    let site = TestSite::fixture("valid-minimal");
    site.overlay("inside/links-within");
    site.build(&[]).success();
    let public = site.tree("public");
    let find = |suffix: &str| {
        public
            .iter()
            .find(|(name, _)| name.ends_with(suffix))
            .unwrap_or_else(|| panic!("no {suffix} in public/: {:?}", public.keys()))
            .1
            .clone()
    };
    assert_eq!(
        find("first-article.pdf"),
        site.read("shared/first-article.pdf").as_bytes()
    );
    assert_eq!(find("extra.css"), site.read("shared/extra.css").as_bytes());
    assert_eq!(
        find("notes/note.txt"),
        site.read("shared/static-dir/note.txt").as_bytes()
    );
    let not_found = String::from_utf8(find("404.html")).expect("UTF-8");
    assert!(
        not_found.contains("A template kept in shared/"),
        "{not_found}"
    );
    assert!(
        public.keys().any(|k| k.contains("2021/1/")),
        "{:?}",
        public.keys()
    );
    assert!(
        public.keys().any(|k| k.contains("2020/2/")),
        "{:?}",
        public.keys()
    );
}

#[test]
fn content_linked_within_the_site_keeps_working() {
    let site = TestSite::fixture("valid-minimal");
    support::copy_path(&site.path("content"), &site.path("sources/content"));
    fs::remove_dir_all(site.path("content")).expect("remove content/");
    symlink("sources/content", site.path("content")).expect("make the link");
    site.build(&[]).success();
    assert!(site.tree("public").keys().any(|k| k.contains("2020/1/")));
}

#[test]
fn a_site_reached_through_a_link_builds() {
    let site = TestSite::fixture("valid-minimal");
    site.overlay("inside/links-within");
    let alias = tempfile::tempdir().expect("a temporary folder");
    let root = alias.path().join("site");
    symlink(site.root(), &root).expect("a link to the site");
    let output = Command::new(env!("CARGO_BIN_EXE_quire"))
        .arg("--root")
        .arg(&root)
        .arg("build")
        .env_remove("RUST_LOG")
        .output()
        .expect("the quire binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

//! The command line as people expect it: `quire init` starts a journal that
//! checks and builds as written and never overwrites a site; completions
//! and the man page come from the command definitions; problems are
//! coloured on request and plain into a pipe.

use crate::support::{self, TestSite};

#[test]
fn a_new_site_checks_and_builds() {
    let site = TestSite::empty();
    site.run(&["init"])
        .success()
        .stderr_contains("wrote a new journal site");
    for file in [
        "journal.yaml",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/_index.md",
    ] {
        assert!(site.path(file).is_file(), "init wrote no {file}");
    }
    assert!(
        site.read(".github/workflows/pages.yml")
            .contains(&format!("QUIRE_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))),
        "the workflow pins this release"
    );
    site.check().success().stderr_contains("no errors");
    site.build(&[]).success();
    assert!(
        site.read("public/index.html")
            .contains("Title of the First Article"),
        "the home page lists the article"
    );
    let pages = support::files_with_extension(&site.public().join("archive"), "html");
    assert!(
        pages
            .iter()
            .any(|p| p.ends_with("first-article/index.html")),
        "no article page in {pages:?}"
    );
}

#[test]
fn init_writes_into_the_folder_named() {
    let folder = TestSite::empty();
    folder.run(&["init", "new/journal"]).success();
    assert!(folder.path("new/journal/journal.yaml").is_file());
    assert!(!folder.path("journal.yaml").exists());
}

#[test]
fn init_never_overwrites_a_site() {
    let site = TestSite::fixture("valid-minimal");
    let before = site.tree("");
    site.run(&["init"])
        .code(1)
        .stderr_contains("holds a site already (journal.yaml");
    assert_eq!(site.tree(""), before, "init changed the site");
}

#[test]
fn completions_and_the_man_page_describe_every_command() {
    let folder = TestSite::empty();
    let bash = folder.run(&["completions", "bash"]);
    bash.success();
    let man = folder.run(&["man"]);
    man.success();
    for command in ["build", "check", "serve", "init", "import", "export", "new"] {
        assert!(
            bash.stdout.contains(command),
            "bash completions lack `{command}`"
        );
        assert!(
            man.stdout.contains(command),
            "the man page lacks `{command}`"
        );
    }
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH quire"),
        "not roff"
    );
}

#[test]
fn problems_are_coloured_only_when_asked_or_on_a_terminal() {
    let site = TestSite::fixture("valid-minimal");
    site.replace("content/2020/1/first-article.md", "title:", "titel:");
    let piped = site.run(&["check"]);
    piped
        .code(1)
        .stderr_contains("error[E012]: unknown field `titel`");
    assert!(!piped.stderr.contains('\u{1b}'), "colour into a pipe");
    let always = site.run(&["--color", "always", "check"]);
    always.code(1);
    assert!(
        always.stderr.contains("\u{1b}["),
        "no colour with --color always"
    );
    let never = site.run_with_env(&["--color", "never", "check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        !never.stderr.contains('\u{1b}'),
        "colour with --color never"
    );
    let no_color = site.run_with_env(&["check"], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
    assert!(
        !no_color.stderr.contains('\u{1b}'),
        "colour despite NO_COLOR"
    );
}

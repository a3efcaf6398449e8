//! Every target's invariants over its seeds and the inputs that once broke
//! them (`regressions/<target>/`), then over random mutations of those for
//! a bounded time, on the stable toolchain: what CI runs when it cannot
//! build for libFuzzer, and a quick check after a fix.

use std::fs;
use std::path::Path;
use std::time::Duration;

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
    mutations(
        target,
        &repo,
        inputs.into_iter().map(|(_, bytes)| bytes).collect(),
    );
}

/// Then the seeds mutated at random for `FUZZ_SECONDS` (5 by default; 0
/// skips), from the seed `FUZZ_SEED` (the time by default, printed so a
/// failure can be run again). A failing input is saved as
/// `fuzz/artifacts/<target>/mutated-<seed>` and fails the test.
fn mutations(target: &str, repo: &Path, seeds: Vec<Vec<u8>>) {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    if seconds == 0 {
        return;
    }
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let outcome = quire_fuzz::mutate::run(target, &seeds, seed, Duration::from_secs(seconds));
    eprintln!(
        "{target}: {} mutated inputs in {seconds} s (FUZZ_SEED={seed})",
        outcome.runs
    );
    if let Some((input, why)) = outcome.failure {
        let dir = repo.join("fuzz/artifacts").join(target);
        let _ = fs::create_dir_all(&dir);
        let saved = dir.join(format!("mutated-{seed}"));
        let _ = fs::write(&saved, &input);
        panic!(
            "{target} breaks an invariant on a mutated input (FUZZ_SEED={seed}), saved as {}: {why}",
            saved.display()
        );
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

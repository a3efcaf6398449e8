//! The browser's stemmer against the index's: `themes/default/static/stem.js`
//! (run by `node`) must give the same stem as `quire::search::stem::stem`
//! for every word, or a reader's search misses words the index holds.
//!
//! The words are every token of the sample site's `content/**/*.md` and the
//! list `tests/fixtures/stemming/words.txt`, made to reach every step of the
//! Snowball Russian and English (Porter2) algorithms.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use quire::search::stem::stem;

use crate::support;

/// How many disagreements a failure prints.
const SHOWN: usize = 50;

/// Reads stdin (one word a line), writes each word's stem (one a line).
const RUNNER: &str = r#"
const { pathToFileURL } = await import("node:url");
const { readFileSync } = await import("node:fs");
const { stem } = await import(pathToFileURL(process.argv[1]).href);
const words = readFileSync(0, "utf8").split("\n").slice(0, -1);
process.stdout.write(words.map((w) => stem(w) + "\n").join(""));
"#;

/// The tokens of `text` as the index makes them: maximal runs of
/// alphanumeric chars, lowercased, with 'ё' as 'е'.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase().replace('ё', "е"))
}

/// The sample site's words and the fixture list's, without repeats.
fn words() -> BTreeSet<String> {
    let root = support::repo_root();
    let mut words = BTreeSet::new();
    let pages = support::files_with_extension(&root.join("content"), "md");
    assert!(!pages.is_empty(), "the sample site has no content/**/*.md");
    for page in pages {
        let text = fs::read_to_string(&page)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", page.display()));
        words.extend(tokens(&text));
    }
    let list = support::fixtures().join("stemming/words.txt");
    let text =
        fs::read_to_string(&list).unwrap_or_else(|e| panic!("cannot read {}: {e}", list.display()));
    let listed: Vec<String> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(tokens)
        .collect();
    assert!(
        listed.len() >= 3000,
        "{} holds {} words; it should hold at least 3,000",
        list.display(),
        listed.len()
    );
    words.extend(listed);
    words
}

/// The stems stem.js gives `words`, from one `node` process; `None` when
/// `node` is missing (and this is not CI).
fn js_stems(words: &[&str]) -> Option<Vec<String>> {
    let node = support::tool("node")?;
    let script = support::repo_root().join("themes/default/static/stem.js");
    assert!(script.is_file(), "no {}", script.display());
    let mut child = Command::new(node)
        .args(["--input-type=module", "--eval", RUNNER])
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let input: String = words.iter().map(|w| format!("{w}\n")).collect();
    let mut stdin = child.stdin.take().expect("node's stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("node runs");
    writer
        .join()
        .expect("the writer thread")
        .expect("words written to node");
    assert!(
        output.status.success(),
        "node failed running stem.js: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("node prints UTF-8");
    let stems: Vec<String> = stdout.lines().map(str::to_string).collect();
    assert_eq!(stems.len(), words.len(), "one stem a word from stem.js");
    Some(stems)
}

#[test]
fn stem_js_agrees_with_the_index_on_every_word() {
    let words = words();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let Some(js) = js_stems(&words) else { return };
    let disagreements: Vec<(&str, String, &str)> = words
        .iter()
        .zip(&js)
        .map(|(word, js)| (*word, stem(word), js.as_str()))
        .filter(|(_, rust, js)| rust != js)
        .collect();
    let shown: Vec<String> = disagreements
        .iter()
        .take(SHOWN)
        .map(|(word, rust, js)| format!("  {word}: rust {rust}, js {js}"))
        .collect();
    assert!(
        disagreements.is_empty(),
        "stem.js disagrees with the index on {} of {} words (first {SHOWN} shown):\n{}",
        disagreements.len(),
        words.len(),
        shown.join("\n")
    );
    eprintln!("stem.js agrees with the index on all {} words", words.len());
}

#[test]
fn stem_js_gives_forms_of_a_word_one_stem() {
    let pairs = [
        ("интеграции", "интеграция"),
        ("integration", "integrations"),
    ];
    let words: Vec<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    let Some(js) = js_stems(&words) else { return };
    for (pair, stems) in pairs.iter().zip(js.chunks(2)) {
        assert_eq!(stems[0], stems[1], "stem.js stems {pair:?} apart");
        assert_ne!(stems[0], pair.0, "stem.js leaves {:?} whole", pair.0);
    }
}

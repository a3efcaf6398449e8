//! The search index written under `search/`: what it holds, what it leaves
//! out, and that the words a reader types lead to the right articles. The
//! browser suite (`tests/browser/`) runs the same index through search.js.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use quire::search::index;
use quire::search::stem::stem;
use quire::search::text::words;
use serde_json::Value;

use crate::support::{self, built_sample, built_sample_with_drafts, BASE_PATH};

const SEED_PAGE: &str = "/journal/archive/2018/4/central-asia-integration/";
const DRAFT_SLUG: &str = "anaklia-deep-sea-port";

pub(crate) fn gunzip(bytes: &[u8]) -> Value {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip file");
    serde_json::from_str(&text).expect("JSON inside")
}

/// The index of a built site, read as search.js reads it.
pub(crate) struct Index {
    entry: Value,
    tree: support::Tree,
    /// The document files by number, decompressed once.
    docs: BTreeMap<u64, Value>,
}

/// The path under `search/` of document `n`, found as search.js finds it:
/// `index.json` lists the documents' issues in number order, as runs of
/// `[year, number, count]`, and a document's file is named by its issue and
/// its position among that issue's documents.
fn document_path(entry: &Value, n: u64) -> String {
    let mut first = 0;
    let mut before: BTreeMap<(u64, u64), u64> = BTreeMap::new();
    for run in entry["issues"].as_array().expect("issues") {
        let [year, number, count] = [0, 1, 2].map(|i| run[i].as_u64().expect("a number"));
        let seen = before.entry((year, number)).or_default();
        if n < first + count {
            return format!("d/{year}/{number}/{}.json.gz", *seen + n - first);
        }
        *seen += count;
        first += count;
    }
    panic!("document {n} is in no issue of index.json")
}

impl Index {
    pub(crate) fn of(public: &Path) -> Index {
        let tree = support::tree(&public.join("search"));
        let entry: Value = serde_json::from_slice(&tree["index.json"]).expect("index.json");
        let count = entry["documents"].as_u64().expect("documents");
        let docs: BTreeMap<u64, Value> = (0..count)
            .map(|n| {
                let path = document_path(&entry, n);
                let bytes = tree
                    .get(&path)
                    .unwrap_or_else(|| panic!("no {path} for document {n}"));
                (n, gunzip(bytes))
            })
            .collect();
        let files = tree.keys().filter(|name| name.starts_with("d/")).count();
        assert_eq!(files as u64, count, "a document file no number leads to");
        Index { entry, tree, docs }
    }

    /// The number and file of the document at `url`.
    pub(crate) fn document_at(&self, url: &str) -> (u64, &Value) {
        self.docs
            .iter()
            .find(|(_, d)| d["url"] == url)
            .map(|(n, d)| (*n, d))
            .unwrap_or_else(|| panic!("{url} is not indexed"))
    }

    /// The documents holding `term` with their scores, from the shard it
    /// falls in (by the first terms in index.json), scored as `search.js`
    /// scores them.
    fn postings(&self, term: &str) -> BTreeMap<u64, u64> {
        let Some(path) = shard_of(self, term) else {
            return BTreeMap::new();
        };
        let shard = gunzip(&self.tree[&path]);
        let lengths = gunzip(&self.tree[index::LENGTHS_FILE]);
        let total = self.entry["documents"].as_u64().expect("documents") as u32;
        let average = self.entry["average"].as_f64().expect("average") as f32;
        let mut out = BTreeMap::new();
        if let Some(flat) = shard[term].as_array() {
            let df = (flat.len() / 2) as u32;
            let mut doc = 0;
            for pair in flat.chunks(2) {
                doc += pair[0].as_u64().expect("a gap");
                let count = pair[1].as_u64().expect("a count") as u32;
                let length = lengths[doc as usize].as_u64().expect("a length") as u32;
                let score = index::score(count, length, df, total, average);
                out.insert(doc, u64::from(score));
            }
        }
        out
    }

    /// Addresses of the documents holding every word of `query`, best first.
    pub(crate) fn search(&self, query: &str) -> Vec<String> {
        let mut scores: Option<BTreeMap<u64, u64>> = None;
        for word in words(query) {
            let found = self.postings(&stem(&word));
            scores = Some(match scores {
                None => found,
                Some(s) => s
                    .into_iter()
                    .filter_map(|(d, v)| found.get(&d).map(|w| (d, v + w)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u64, u64)> = scores.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
            .into_iter()
            .map(|(d, _)| self.docs[&d]["url"].as_str().expect("url").to_string())
            .collect()
    }
}

/// Root-relative addresses of the article pages of a built site.
fn article_pages(public: &Path) -> BTreeSet<String> {
    support::tree(public)
        .keys()
        .filter(|name| name.starts_with("archive/") && name.matches('/').count() == 4)
        .filter_map(|name| name.strip_suffix("index.html"))
        .map(|dir| format!("{BASE_PATH}{dir}"))
        .collect()
}

#[test]
fn every_published_article_is_indexed_and_no_draft_even_in_a_drafts_build() {
    let site = built_sample();
    let published = article_pages(&site.public());
    assert!(published.len() > 20, "{published:?}");

    let drafts = built_sample_with_drafts().public();
    assert!(
        article_pages(&drafts)
            .iter()
            .any(|p| p.contains(DRAFT_SLUG)),
        "the drafts build has no draft to leave out"
    );
    for public in [site.public(), drafts] {
        let index = Index::of(&public);
        let docs = &index.docs;
        let urls: BTreeSet<String> = docs
            .values()
            .map(|d| d["url"].as_str().expect("url").to_string())
            .collect();
        assert_eq!(urls, published, "{}", public.display());
        assert_eq!(index.entry["documents"], docs.len());
        // Numbered from 0, newest first.
        let keys: Vec<u64> = docs.keys().copied().collect();
        assert_eq!(keys, (0..docs.len() as u64).collect::<Vec<_>>());
        let years: Vec<u64> = docs
            .values()
            .map(|d| d["year"].as_u64().expect("year"))
            .collect();
        assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");
        // Nothing of the draft in any file of the index.
        for (name, bytes) in &index.tree {
            let text = if name.ends_with(".gz") {
                gunzip(bytes).to_string()
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            assert!(
                !text.contains(DRAFT_SLUG),
                "search/{name} mentions the draft"
            );
            assert!(
                !text.contains("Anaklia"),
                "search/{name} holds the draft's words"
            );
        }
    }
}

#[test]
fn inflected_russian_and_english_forms_find_the_seed_article() {
    let site = built_sample();
    let index = Index::of(&site.public());
    // The seed's Russian abstract says "интеграция"; its title, "Integration".
    for query in [
        "интеграции",
        "интеграцию",
        "integrations",
        "Integrating",
        "Makhmutova",
    ] {
        let found = index.search(query);
        assert!(
            found.iter().any(|u| u == SEED_PAGE),
            "{query:?} found {found:?}"
        );
    }
    // Every word must match: two words from different articles find neither.
    assert!(index.search("integration Anaklia").is_empty());
    // A title match outranks full-text mentions.
    let found = index.search("Central Asia integration");
    assert_eq!(
        found.first().map(String::as_str),
        Some(SEED_PAGE),
        "{found:?}"
    );
}

#[test]
fn the_document_files_carry_what_a_result_shows() {
    let site = built_sample();
    let index = Index::of(&site.public());
    let (number, seed) = index.document_at(SEED_PAGE);
    assert_eq!(
        seed["title"],
        "Central Asia in Search for its Own Way of Integration"
    );
    assert_eq!(seed["authors"][0], "Evgeniya V. Makhmutova");
    assert_eq!(seed["issue"], "2018, Vol. 11, No. 4 (61)");
    assert_eq!(seed["pages"], "78–91");
    let text = seed["text"].to_string();
    assert!(
        text.contains("интеграц"),
        "the Russian abstract is searchable text: {text}"
    );

    // Filters: the seed is under its year, section, country and keyword.
    let facet = |name: &str| gunzip(&index.tree[&format!("f/{name}.json.gz")]);
    let holds = |values: &Value, value: &str| {
        let mut doc = 0;
        values[value]
            .as_array()
            .unwrap_or_else(|| panic!("no {value}"))
            .iter()
            .any(|gap| {
                doc += gap.as_u64().expect("gap");
                doc == number
            })
    };
    assert!(holds(&facet("year"), "2018"));
    assert!(holds(&facet("section"), "Regional Studies"));
    assert!(holds(&facet("country"), "Kazakhstan"));
    assert!(holds(&facet("keyword"), "regionalism"));
}

#[test]
fn the_search_page_finds_its_index_under_the_base_path_and_says_why_without_javascript() {
    let site = built_sample();
    let page = site.read("public/search/index.html");
    assert!(page.contains(r#"data-index="/journal/search/index.json""#));
    assert!(page.contains(r#"src="/journal/search.js""#));
    assert!(page.contains("<noscript>"));
    assert!(page.contains("needs JavaScript"));
    for file in ["public/search.js", "public/stem.js", "public/score.js"] {
        assert!(site.path(file).is_file(), "{file}");
    }
    // The year filter lists the sample's years, newest first, with counts.
    let years: Vec<&str> = page
        .split(r#"<option value=""#)
        .skip(2)
        .map(|s| &s[..4])
        .take_while(|s| s.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(years, ["2020", "2019", "2018", "2017"]);
}

/// The files of `tree` whose bytes differ from `before`'s or that are new
/// or gone, under `prefix`.
fn changed(before: &support::Tree, after: &support::Tree, prefix: &str) -> BTreeSet<String> {
    let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter(|name| name.starts_with(prefix) && before.get(*name) != after.get(*name))
        .cloned()
        .collect()
}

/// The shard file `term` falls in, if any.
fn shard_of(index: &Index, term: &str) -> Option<String> {
    let key: Vec<u16> = term.encode_utf16().collect();
    let firsts = index.entry["shards"].as_array().expect("shards");
    let first = firsts.iter().rev().find(|first| {
        first
            .as_str()
            .expect("a term")
            .encode_utf16()
            .collect::<Vec<_>>()
            <= key
    })?;
    Some(index::shard_path(first.as_str().expect("a term")))
}

const NEW_ISSUE: &str =
    "year: 2021\nnumber: 1\nwhole_number: 71\nvolume: 14\npublished: 2021-03-01\n";

const NEW_ARTICLE: &str = "---
title: Water Sharing in the Syr Darya Basin
authors:
  - name: Anna B. Smith
pages: 30-31
abstract: The article asks how the basin's states share its water.
keywords: [Central Asia, water]
---

The full text names the Toktogul reservoir.
";

/// Stable document files: a new issue adds its own documents and changes no
/// other file of `d/`; an article added to an old issue renames only that
/// issue's documents after it; an edit of one article's abstract rewrites
/// its document and the shards of the words it changed, nothing else.
#[test]
fn documents_keep_their_files_when_the_archive_grows_or_one_article_changes() {
    let site = support::TestSite::sample();
    site.build(&[]).success();
    let first = site.tree("public/search");

    // A new issue, newer than every other.
    site.write("content/2021/1/_issue.yaml", NEW_ISSUE)
        .write("content/2021/1/syr-darya-water.md", NEW_ARTICLE);
    site.build(&[]).success();
    let second = site.tree("public/search");
    let index = Index::of(&site.public());
    assert_eq!(
        changed(&first, &second, "d/"),
        BTreeSet::from(["d/2021/1/0.json.gz".to_string()]),
        "a new issue adds its document and changes no other"
    );
    assert_eq!(
        index
            .document_at("/journal/archive/2021/1/syr-darya-water/")
            .0,
        0,
        "the newest issue's documents come first"
    );

    // An article added to an old issue, between its third and fourth.
    site.write("content/2019/1/syr-darya-water.md", NEW_ARTICLE);
    site.build(&[]).success();
    let third = site.tree("public/search");
    let index = Index::of(&site.public());
    assert_eq!(
        changed(&second, &third, "d/"),
        BTreeSet::from([
            "d/2019/1/3.json.gz".to_string(),
            "d/2019/1/4.json.gz".to_string()
        ]),
        "an added article renames only the documents after it in its issue"
    );
    assert_eq!(
        document_path(
            &index.entry,
            index
                .document_at("/journal/archive/2019/1/syr-darya-water/")
                .0
        ),
        "d/2019/1/3.json.gz"
    );

    // One word of one abstract replaced by another, the same number of
    // words in the same field.
    let edited = "content/2020/1/caspian-convention-aktau.md";
    site.replace(edited, "decades of negotiation.", "decades of bargaining.");
    site.build(&[]).success();
    let fourth = site.tree("public/search");
    let index = Index::of(&site.public());
    let (number, _) = index.document_at("/journal/archive/2020/1/caspian-convention-aktau/");
    assert_eq!(
        changed(&third, &fourth, "d/"),
        BTreeSet::from([document_path(&index.entry, number)]),
        "an edit rewrites only its article's document"
    );
    assert!(
        changed(&third, &fourth, "f/").is_empty(),
        "the filters did not change"
    );
    let words: BTreeSet<String> = ["negotiation", "bargaining"]
        .into_iter()
        .filter_map(|word| shard_of(&index, &stem(word)))
        .collect();
    let shards = changed(&third, &fourth, "t/");
    assert!(
        !shards.is_empty() && shards.is_subset(&words),
        "{shards:?} beyond {words:?}"
    );
}

/// Runs `score.js` on the cases read from stdin (one JSON array a line:
/// `[flat, lengths, documents, average]`), writing each case's scores by
/// document as a JSON array of pairs; and names the shards of the terms of
/// the last line.
const SCORE_RUNNER: &str = r#"
const { pathToFileURL } = await import("node:url");
const { readFileSync } = await import("node:fs");
const { scores, shardPath } = await import(pathToFileURL(process.argv[1]).href);
const lines = readFileSync(0, "utf8").split("\n").slice(0, -1);
const terms = JSON.parse(lines.pop());
const out = lines.map((line) => JSON.stringify([...scores(...JSON.parse(line))]));
out.push(JSON.stringify(terms.map(shardPath)));
process.stdout.write(out.join("\n") + "\n");
"#;

/// The browser scores each posting as the index's own `score` does, and
/// names each shard as the index does: `score.js`, run by `node`, against
/// `quire::search::index`.
#[test]
fn score_js_scores_and_names_shards_as_the_index_does() {
    let Some(node) = support::tool("node") else {
        return;
    };
    let script = support::repo_root().join("themes/default/static/score.js");
    // Lists of postings over a spread of counts, lengths, document
    // frequencies and collection sizes.
    let mut cases: Vec<(Vec<u32>, Vec<u32>, u32, f32)> = Vec::new();
    for (total, average) in [
        (3u32, 57.25f32),
        (250, 412.5),
        (10_000, 1_873.3),
        (100_000, 1.0),
    ] {
        let lengths: Vec<u32> = (0..total).map(|d| (d * 7_919) % 30_011).collect();
        for df in [1u32, 2, 3, 40, 199, 2_500, 99_999] {
            let df = df.min(total);
            let step = total / df;
            let mut flat = Vec::new();
            for k in 0..df {
                flat.push(if k == 0 { 0 } else { step });
                flat.push(1 + (k * 37) % 900);
            }
            cases.push((flat, lengths.clone(), total, average));
        }
    }
    let terms = ["0000", "integr", "интеграц", "ყ", "école", "a"];
    let mut input = String::new();
    for (flat, lengths, total, average) in &cases {
        input.push_str(&serde_json::json!([flat, lengths, total, average]).to_string());
        input.push('\n');
    }
    input.push_str(&serde_json::json!(terms).to_string());
    input.push('\n');
    let mut child = std::process::Command::new(node)
        .args(["--input-type=module", "--eval", SCORE_RUNNER])
        .arg(&script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("node starts");
    let mut stdin = child.stdin.take().expect("node's stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(input.as_bytes())
    });
    let output = child.wait_with_output().expect("node runs");
    writer.join().expect("the writer").expect("cases written");
    assert!(
        output.status.success(),
        "node failed running score.js: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let mut lines = stdout.lines();
    let mut compared = 0;
    for (flat, lengths, total, average) in &cases {
        let js: Vec<(u64, u64)> =
            serde_json::from_str(lines.next().expect("a line a case")).expect("pairs");
        let df = (flat.len() / 2) as u32;
        let mut doc = 0;
        let rust: Vec<(u64, u64)> = flat
            .chunks(2)
            .map(|pair| {
                doc += pair[0];
                let score = index::score(pair[1], lengths[doc as usize], df, *total, *average);
                (u64::from(doc), u64::from(score))
            })
            .collect();
        assert_eq!(js, rust, "df {df} of {total}, average {average}");
        compared += rust.len();
    }
    let names: Vec<String> = serde_json::from_str(lines.next().expect("the names")).expect("names");
    let expected: Vec<String> = terms.iter().map(|t| index::shard_path(t)).collect();
    assert_eq!(names, expected);
    assert!(compared > 100_000, "{compared} postings compared");
}

//! The search index written under `search/`: what it holds, what it leaves
//! out, and that the words a reader types lead to the right articles. The
//! browser suite (`tests/browser/`) runs the same index through search.js.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use quire::search::stem::stem;
use quire::search::text::words;
use serde_json::Value;

use crate::support::{self, built_sample, built_sample_with_drafts, BASE_PATH};

const SEED_PAGE: &str = "/journal/archive/2018/4/central-asia-integration/";
const DRAFT_SLUG: &str = "anaklia-deep-sea-port";

fn gunzip(bytes: &[u8]) -> Value {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a gzip file");
    serde_json::from_str(&text).expect("JSON inside")
}

/// The index of a built site, read as search.js reads it.
struct Index {
    entry: Value,
    tree: support::Tree,
    /// The document files by number, decompressed once.
    docs: BTreeMap<u64, Value>,
}

impl Index {
    fn of(public: &Path) -> Index {
        let tree = support::tree(&public.join("search"));
        let entry = serde_json::from_slice(&tree["index.json"]).expect("index.json");
        let docs = tree
            .iter()
            .filter_map(|(name, bytes)| {
                let n = name.strip_prefix("d/")?.strip_suffix(".json.gz")?;
                Some((n.parse().expect("a number"), gunzip(bytes)))
            })
            .collect();
        Index { entry, tree, docs }
    }

    /// The number and file of the document at `url`.
    fn document_at(&self, url: &str) -> (u64, &Value) {
        self.docs
            .iter()
            .find(|(_, d)| d["url"] == url)
            .map(|(n, d)| (*n, d))
            .unwrap_or_else(|| panic!("{url} is not indexed"))
    }

    /// The shard `term` falls in, by the first terms in index.json.
    fn postings(&self, term: &str) -> BTreeMap<u64, u64> {
        let firsts: Vec<&str> = self.entry["shards"]
            .as_array()
            .expect("shards")
            .iter()
            .map(|v| v.as_str().expect("a term"))
            .collect();
        let key: Vec<u16> = term.encode_utf16().collect();
        let Some(n) = firsts
            .iter()
            .rposition(|first| first.encode_utf16().collect::<Vec<_>>() <= key)
        else {
            return BTreeMap::new();
        };
        let shard = gunzip(&self.tree[&format!("t/{n}.json.gz")]);
        let mut out = BTreeMap::new();
        if let Some(flat) = shard[term].as_array() {
            let mut doc = 0;
            for pair in flat.chunks(2) {
                doc += pair[0].as_u64().expect("a gap");
                out.insert(doc, pair[1].as_u64().expect("a score"));
            }
        }
        out
    }

    /// Addresses of the documents holding every word of `query`, best first.
    fn search(&self, query: &str) -> Vec<String> {
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
    for file in ["public/search.js", "public/stem.js"] {
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

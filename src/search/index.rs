//! The search index: what `search.js` fetches, split so that a query loads
//! only the parts it needs.
//!
//! Under `search/`:
//!
//! - `index.json`: the format, the version string that busts caches when
//!   anything in the index changes, the number of documents, the first term
//!   of every term shard (terms are sorted, so one binary search finds a
//!   term's shard), and the documents' issues in number order;
//! - `t/<n>.json.gz`: term shards of about [`SHARD_BYTES`] each, mapping a
//!   stem to its postings: document numbers (as gaps) with the score the
//!   term gives each document, precomputed here (BM25 over weighted fields);
//! - `d/<year>/<issue>/<k>.json.gz`: one document each, read for the results
//!   shown: its address, title, authors, issue and the paragraphs snippets
//!   come from ([`super::document`]);
//! - `f/<facet>.json.gz`: for each filter (year, section, country, keyword),
//!   each value's documents, fetched only when that filter is used.
//!
//! # Numbers and names
//!
//! Inside the shards and the filters, documents are numbered by issue,
//! newest first, each issue in contents order
//! ([`Archive::by_issue_newest_first`]), so "newest first" is number order.
//! Every build numbers them anew and nothing outside those files holds a
//! number: the shards change with almost any edit anyway (one more document
//! changes every score, through the number of documents and their average
//! length).
//!
//! A document's file is named by its article's place in the archive, not by
//! its number: its issue and its position among that issue's indexed
//! articles (from 0, in contents order). `index.json` lists the issues in
//! number order with their count of documents, from which `search.js` finds
//! the file of document `n`. So an edit rewrites only the documents whose
//! article or place it changed:
//!
//! | edit | document files written anew |
//! |---|---|
//! | a new issue, whatever its date | the issue's own, new files |
//! | an article edited | the article's |
//! | an article added to or removed from an issue, or moved in its contents order | that issue's, from the article's position on |
//! | an issue's label (volume, number) | that issue's |
//! | `journal.yaml`'s languages, sections' names or address | possibly all |
//!
//! The shards, the filters and `index.json` (8.5 MB of the generated
//! 10,000-article archive's index) are written anew by every build that
//! changes anything. A file named by the article's slug would survive even
//! an insertion, but the browser would need every slug to get from a
//! number to a file (300 KB for 10,000 articles, on every visit), where
//! positions need one entry per issue.
//!
//! Drafts are never indexed, even in a build with drafts.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::Serialize;

use super::count::count;
pub use super::count::Counted;
use super::document::document;
use crate::model::{Archive, ArticleIdx, ArticleProse, IssueId, SitePath};
use crate::site::Site;

/// The file a search starts from, in the search folder.
pub const INDEX_FILE: &str = "index.json";

/// The index's format, in `index.json`: 2 since documents are named by
/// their place rather than their number.
pub const FORMAT: u32 = 2;

/// A term shard is closed once its JSON reaches this many bytes.
pub const SHARD_BYTES: usize = 32 * 1024;

/// BM25's saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Scores are stored as whole numbers: score × this.
const SCALE: f32 = 20.0;

/// A filter of the search page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// The issue's year.
    Year,
    /// The article's section.
    Section,
    /// Its countries.
    Country,
    /// Its keywords.
    Keyword,
}

impl Facet {
    /// The filters, in the order the search form shows them.
    pub const ALL: [Facet; 4] = [Facet::Year, Facet::Section, Facet::Country, Facet::Keyword];

    /// Its name in the page's address (`?year=2019`) and its file's name.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Year => "year",
            Facet::Section => "section",
            Facet::Country => "country",
            Facet::Keyword => "keyword",
        }
    }

    /// The catalogue key of its label on the search page ("Year").
    pub fn label_key(self) -> &'static str {
        match self {
            Facet::Year => "search-facet-year",
            Facet::Section => "search-facet-section",
            Facet::Country => "search-facet-country",
            Facet::Keyword => "search-facet-keyword",
        }
    }

    /// Whether the search page lists its values in a menu; keywords are too
    /// many, so their field suggests them as the reader types.
    pub fn listed(self) -> bool {
        !matches!(self, Facet::Keyword)
    }

    /// Article `idx`'s values of this filter.
    fn values(self, archive: &Archive, idx: ArticleIdx) -> Vec<String> {
        let tax = &archive.taxonomies;
        let article = &archive.articles[idx];
        match self {
            Facet::Year => vec![article.issue.year.to_string()],
            Facet::Section => article.section.iter().cloned().collect(),
            Facet::Country => tax
                .article_countries
                .get(idx)
                .into_iter()
                .flatten()
                .map(|&c| tax.countries[c].name.to_string())
                .collect(),
            Facet::Keyword => tax
                .article_keywords
                .get(idx)
                .into_iter()
                .flatten()
                .map(|&k| tax.keywords[k].name.clone())
                .collect(),
        }
    }
}

/// One file of the index, relative to the `search/` folder.
pub struct IndexFile {
    /// For example `t/12.json.gz`.
    pub path: SitePath,
    /// Gzip-compressed JSON, or plain JSON for `index.json`.
    pub bytes: Vec<u8>,
}

/// A value of a filter and how many documents have it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetValue {
    /// As shown and as put in the address (`?country=Kazakhstan`).
    pub value: String,
    /// Documents with it.
    pub count: usize,
}

/// What the built index holds, for the search page and the build's report.
#[derive(Debug, Default)]
pub struct Summary {
    /// Documents indexed.
    pub documents: usize,
    /// Distinct stems.
    pub terms: usize,
    /// Term shards.
    pub shards: usize,
}

/// Builds the index in two steps: [`Indexer::document`] for each article
/// (in parallel, while its page is rendered, so its full text is read
/// once), then [`Indexer::finish`].
pub struct Indexer {
    /// Article numbers in document order.
    order: Vec<ArticleIdx>,
    /// Each article's document number; `None` for drafts.
    numbers: Vec<Option<u32>>,
    /// Each document's place, by number.
    places: Vec<Place>,
    /// Each filter's values per document, in [`Facet::ALL`] order.
    facets: Vec<(Facet, Vec<Vec<String>>)>,
}

/// Where a document's file is: its issue, and its position among the
/// issue's indexed articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    issue: IssueId,
    position: u32,
}

impl Place {
    /// `d/<year>/<issue>/<position>.json.gz`.
    fn path(self) -> SitePath {
        SitePath::at(&[
            "d",
            &self.issue.year.to_string(),
            &self.issue.number.to_string(),
            &format!("{}.json.gz", self.position),
        ])
    }
}

impl Indexer {
    /// Numbers the archive's published articles in search order and gives
    /// each its place.
    pub fn new(archive: &Archive) -> Indexer {
        let order = documents(archive);
        let mut numbers = vec![None; archive.articles.len()];
        let mut taken: HashMap<IssueId, u32> = HashMap::default();
        let mut places = Vec::with_capacity(order.len());
        for (n, &idx) in order.iter().enumerate() {
            numbers[idx] = Some(n as u32);
            let issue = archive.articles[idx].issue;
            let position = taken.entry(issue).or_default();
            places.push(Place {
                issue,
                position: *position,
            });
            *position += 1;
        }
        let facets = facets(archive, &order);
        Indexer {
            order,
            numbers,
            places,
            facets,
        }
    }

    /// Article `idx`'s document number in this build; `None` for a draft.
    pub fn number(&self, idx: ArticleIdx) -> Option<u32> {
        self.numbers.get(idx).copied().flatten()
    }

    /// How many documents the index holds.
    pub fn documents(&self) -> usize {
        self.order.len()
    }

    /// The article of document `number`.
    pub fn article(&self, number: u32) -> Option<ArticleIdx> {
        self.order.get(number as usize).copied()
    }

    /// The values of each filter with their counts, in [`Facet::ALL`] order:
    /// years newest first, the rest by count, then name.
    pub fn facet_counts(&self) -> Vec<(Facet, Vec<FacetValue>)> {
        self.facets
            .iter()
            .map(|(facet, values)| (*facet, counts(*facet, values)))
            .collect()
    }

    /// The document file of article `idx` (its path under `search/` and
    /// its bytes) and what the index keeps of it; `None` for a draft.
    /// `prose` is its title and abstracts as derived for its page, `body`
    /// its full text as paragraphs.
    pub fn document(
        &self,
        archive: &Archive,
        idx: ArticleIdx,
        site: &Site,
        prose: &ArticleProse,
        body: &[String],
    ) -> Option<(u32, IndexFile, Counted)> {
        let number = self.number(idx)?;
        let json = document(archive, idx, site, prose, body);
        let mut counted = count(&archive.articles[idx], prose, body);
        counted.document = fnv(FNV_START, json.as_bytes());
        let file = IndexFile {
            path: self.places[number as usize].path(),
            bytes: gzip(json.as_bytes(), DOCUMENT_LEVEL),
        };
        Some((number, file, counted))
    }

    /// The term shards, the filters and `index.json`, from every
    /// document's counted stems by document number, and what they hold.
    pub fn finish(&self, counted: &[Option<&Counted>]) -> (Vec<IndexFile>, Summary) {
        let total = self.order.len();
        let lengths: Vec<f32> = counted
            .iter()
            .map(|c| c.as_ref().map_or(0.0, |c| c.length() as f32))
            .collect();
        let average = (lengths.iter().sum::<f32>() / total.max(1) as f32).max(1.0);
        // Each stem's postings, in lists of their final size: counted
        // first, then filled, so no list holds the room it grew by (with
        // the stems they are made from, they are most of what a build
        // holds at its end).
        let mut sizes: HashMap<&str, usize> = HashMap::default();
        for counted in counted.iter().flatten() {
            for (stem, _) in counted.stems() {
                *sizes.entry(stem).or_default() += 1;
            }
        }
        let mut postings: HashMap<&str, Vec<(u32, u32)>> = sizes
            .into_iter()
            .map(|(stem, size)| (stem, Vec::with_capacity(size)))
            .collect();
        for (doc, counted) in counted.iter().enumerate() {
            let Some(counted) = counted else { continue };
            for (stem, count) in counted.stems() {
                if let Some(list) = postings.get_mut(stem) {
                    list.push((doc as u32, count));
                }
            }
        }
        let documents: Vec<u64> = counted.iter().flatten().map(|c| c.document).collect();
        let mut terms: Vec<(&str, Vec<(u32, u32)>)> = postings.into_iter().collect();
        // search.js compares strings by UTF-16 code units; sort the same way.
        terms.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));

        let term_count = terms.len();
        let mut shards: Vec<String> = Vec::new();
        let mut firsts: Vec<&str> = Vec::new();
        let mut current = String::new();
        // Each term's list is dropped once written into its shard.
        for (term, list) in terms {
            if current.len() >= SHARD_BYTES {
                current.push('}');
                shards.push(std::mem::take(&mut current));
            }
            if current.is_empty() {
                firsts.push(term);
                current.push('{');
            } else {
                current.push(',');
            }
            let df = list.len() as f32;
            let idf = (1.0 + (total as f32 - df + 0.5) / (df + 0.5)).ln();
            current.push_str(&json(term));
            current.push_str(":[");
            let mut previous = 0;
            for (i, &(doc, count)) in list.iter().enumerate() {
                let tf = count as f32;
                let norm = 1.0 - B + B * lengths[doc as usize] / average;
                let score = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                let score = (score * SCALE).round().clamp(1.0, 65_535.0) as u32;
                if i > 0 {
                    current.push(',');
                }
                write!(current, "{},{score}", doc - previous).expect("writing to memory");
                previous = doc;
            }
            current.push(']');
        }
        if !current.is_empty() {
            current.push('}');
            shards.push(current);
        }

        let shard_count = shards.len();
        // Each shard's text is dropped once compressed.
        let mut files: Vec<IndexFile> = shards
            .into_par_iter()
            .enumerate()
            .map(|(n, text)| IndexFile {
                path: SitePath::at(&["t", &format!("{n}.json.gz")]),
                bytes: gzip(text.as_bytes(), SHARD_LEVEL),
            })
            .collect();
        for (facet, values) in &self.facets {
            files.push(IndexFile {
                path: SitePath::at(&["f", &format!("{}.json.gz", facet.name())]),
                bytes: gzip(facet_file(values).as_bytes(), SHARD_LEVEL),
            });
        }

        // The documents in number order, as runs of one issue: [year,
        // number, count]. search.js finds document n's file from these.
        let mut issues: Vec<[u32; 3]> = Vec::new();
        for place in &self.places {
            let (year, number) = (u32::from(place.issue.year), place.issue.number);
            match issues.last_mut() {
                Some([y, n, count]) if (*y, *n) == (year, number) => *count += 1,
                _ => issues.push([year, number, 1]),
            }
        }
        // Every file of the index counts, the documents by fingerprint.
        let mut version = FNV_START;
        for file in &files {
            version = fnv(version, file.path.as_str().as_bytes());
            version = fnv(version, &file.bytes);
        }
        for document in documents {
            version = fnv(version, &document.to_le_bytes());
        }
        for run in &issues {
            for value in run {
                version = fnv(version, &value.to_le_bytes());
            }
        }
        #[derive(Serialize)]
        struct Entry<'a> {
            format: u32,
            version: String,
            documents: usize,
            shards: &'a [&'a str],
            facets: &'a [&'a str],
            issues: &'a [[u32; 3]],
        }
        let entry = Entry {
            format: FORMAT,
            version: format!("{version:016x}"),
            documents: total,
            shards: &firsts,
            facets: &Facet::ALL.map(Facet::name),
            issues: &issues,
        };
        files.push(IndexFile {
            path: SitePath::at(&[INDEX_FILE]),
            bytes: serde_json::to_vec(&entry).expect("plain data"),
        });
        let summary = Summary {
            documents: total,
            terms: term_count,
            shards: shard_count,
        };
        (files, summary)
    }
}

/// A filter's file: each value with its documents, as gaps.
fn facet_file(values: &[Vec<String>]) -> String {
    let mut map: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (doc, doc_values) in values.iter().enumerate() {
        for value in doc_values {
            map.entry(value).or_default().push(doc as u32);
        }
    }
    let mut text = String::from("{");
    for (i, (value, docs)) in map.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&json(value));
        text.push_str(":[");
        let mut previous = 0;
        for (j, doc) in docs.iter().enumerate() {
            if j > 0 {
                text.push(',');
            }
            text.push_str(&(doc - previous).to_string());
            previous = *doc;
        }
        text.push(']');
    }
    text.push('}');
    text
}

/// Published articles in search order, [`Archive::by_issue_newest_first`]:
/// issues from the latest, each in its table-of-contents order (not the
/// feeds' order by publication date, so an issue's results stay together).
fn documents(archive: &Archive) -> Vec<ArticleIdx> {
    archive
        .by_issue_newest_first()
        .into_iter()
        .filter(|&idx| !archive.articles[idx].draft)
        .collect()
}

/// For each filter, each document's values.
fn facets(archive: &Archive, order: &[ArticleIdx]) -> Vec<(Facet, Vec<Vec<String>>)> {
    Facet::ALL
        .iter()
        .map(|&facet| {
            let values = order
                .iter()
                .map(|&idx| facet.values(archive, idx))
                .collect();
            (facet, values)
        })
        .collect()
}

/// Values with their counts: years newest first, the rest most used first.
fn counts(facet: Facet, values: &[Vec<String>]) -> Vec<FacetValue> {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for value in values.iter().flatten() {
        *map.entry(value).or_default() += 1;
    }
    let mut out: Vec<FacetValue> = map
        .into_iter()
        .map(|(value, count)| FacetValue {
            value: value.to_string(),
            count,
        })
        .collect();
    if facet == Facet::Year {
        out.sort_by(|a, b| b.value.cmp(&a.value));
    } else {
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    out
}

fn json(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

/// Documents are compressed at level 2. Measured with zlib-rs on the
/// 10,000 documents of the generated archive (24.3 MB of JSON, one thread):
/// level 1 writes 18.4 MB in 0.27 s, level 2 12.9 MB in 0.46 s, level 3
/// 12.8 MB in 0.72 s, levels 4 to 6 12.8 MB in 0.77 to 0.79 s. A document
/// is small (1.3 KB compressed), so the levels past 2 find little more.
const DOCUMENT_LEVEL: Compression = Compression::new(2);

/// Shards and filters are fetched by every query, so their bytes count
/// more: level 4. On the same archive's 693 shards (27.3 MB of JSON) level
/// 6 writes 8.27 MB in 1.34 s, level 4 8.37 MB (1.2% more) in 0.75 s,
/// level 3 8.59 MB (3.9% more) in 0.44 s.
const SHARD_LEVEL: Compression = Compression::new(4);

fn gzip(bytes: &[u8], level: Compression) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// FNV-1a's offset basis.
const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`, from `state`: a fingerprint that is the same in every
/// build and on every machine.
fn fnv(state: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(state, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

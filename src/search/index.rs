//! The search index: what `search.js` fetches, split so that a query loads
//! only the parts it needs.
//!
//! Under `search/`:
//!
//! - `index.json`: the format, the version string that busts caches when
//!   anything in the index changes, the number of documents and their mean
//!   weighted length, the first term of every term shard (terms are sorted,
//!   so one binary search finds a term's shard), and the documents' issues
//!   in number order;
//! - `t/<hash>.json.gz`: term shards of up to about [`SHARD_BYTES`] each,
//!   named by the hash of their first term, mapping a stem to its postings:
//!   document numbers (as gaps) with the stem's weighted count in each;
//! - `lengths.json.gz`: each document's weighted length, by number.
//!   `search.js` scores a posting (BM25 over weighted fields, [`score`])
//!   from its count, the document's length, the stem's number of
//!   documents (its list's length) and the two figures of `index.json`;
//! - `d/<year>/<issue>/<k>.json.gz`: one document each, read for the results
//!   shown: its address, title, authors, issue and the paragraphs snippets
//!   come from ([`super::document`]);
//! - `p/<year>/<issue>/<k>.json.gz`: beside the document of an article
//!   indexed by its PDF's text, that text page by page
//!   ([`super::document::page_text`]), for snippets from inside the PDF;
//! - `f/<facet>.json.gz`: for each filter (year, section, country, keyword),
//!   each value's documents, fetched only when that filter is used.
//!
//! # Numbers and names
//!
//! Inside the shards and the filters, documents are numbered by issue,
//! newest first, each issue in contents order
//! ([`Archive::by_issue_newest_first`]), so "newest first" is number order.
//! Every build numbers them anew and nothing outside those files holds a
//! number. Nothing in a shard depends on the other documents: an edit
//! changes only the lists of the stems whose counts it changed, and the
//! lengths. Where shards end is chosen so that it moves only near a changed
//! list ([`shards`]), and a shard is named by its first term, so such an
//! edit rewrites a few shards, not all; the build cache keeps each file's
//! postings and files ([`Kept`]) so that a build updates and compresses
//! only what changed.
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
//! `index.json` is written anew by every build; the shards, the filters and
//! the lengths only when their JSON changed. A file named by the article's slug would survive even
//! an insertion, but the browser would need every slug to get from a
//! number to a file (300 KB for 10,000 articles, on every visit), where
//! positions need one entry per issue.
//!
//! Drafts are never indexed, even in a build with drafts.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::count::{count, push_varint, varint_len, Varints};
pub use super::count::{Counted, Stems};
use super::document::{document, page_text, Content};
use crate::hash::{fnv1a_64, FNV64_START};
use crate::model::{Archive, ArticleIdx, ArticleProse, IssueId, SitePath};
use crate::site::Site;

/// The file a search starts from, in the search folder.
pub const INDEX_FILE: &str = "index.json";

/// The index's format, in `index.json`: 2 since documents are named by
/// their place rather than their number, 3 since the browser scores.
pub const FORMAT: u32 = 3;

/// A term shard is closed once its JSON reaches this many bytes (it may
/// close sooner, [`shards`]).
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
/// once), which keeps the article's [`Counted`] stems, then
/// [`Indexer::finish`], which makes the postings from them.
pub struct Indexer {
    /// Article numbers in document order.
    order: Vec<ArticleIdx>,
    /// Each article's document number; `None` for drafts.
    numbers: Vec<Option<u32>>,
    /// Each document's place, by number.
    places: Vec<Place>,
    /// Each filter's values per document, in [`Facet::ALL`] order.
    facets: Vec<(Facet, Vec<Vec<String>>)>,
    /// Every stem the counted documents hold, numbered.
    stems: Stems,
    /// Each document's counted stems, by number, once counted.
    counted: std::sync::Mutex<Vec<Option<Counted>>>,
    /// The documents counted without a page-text file, by number: in a
    /// partial build, the file such a document had is removed.
    plain: std::sync::Mutex<Vec<u32>>,
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
        self.in_folder("d")
    }

    /// `p/<year>/<issue>/<position>.json.gz`: the page-text file.
    fn pages_path(self) -> SitePath {
        self.in_folder("p")
    }

    fn in_folder(self, folder: &str) -> SitePath {
        SitePath::at(&[
            folder,
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
        let counted = std::sync::Mutex::new(vec![None; order.len()]);
        Indexer {
            order,
            numbers,
            places,
            facets,
            stems: Stems::new(),
            counted,
            plain: std::sync::Mutex::default(),
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
    /// its bytes), and for an article indexed by its PDF the page-text
    /// file after it; none for a draft. Its stems are counted and kept for
    /// [`Indexer::finish`]. `prose` is its title and abstracts as derived
    /// for its page, `content` its full text.
    pub fn document(
        &self,
        archive: &Archive,
        idx: ArticleIdx,
        site: &Site,
        prose: &ArticleProse,
        content: Content<'_>,
    ) -> Vec<IndexFile> {
        let Some(number) = self.number(idx) else {
            return Vec::new();
        };
        let place = self.places[number as usize];
        let json = document(archive, idx, site, prose, content);
        let mut counted = count(&archive.articles[idx], prose, content.parts(), &self.stems);
        let mut print = fnv1a_64(FNV64_START, json.as_bytes());
        let mut files = vec![IndexFile {
            path: place.path(),
            bytes: gzip(json.as_bytes(), DOCUMENT_LEVEL),
        }];
        drop(json);
        match content {
            Content::Pdf { text, .. } => {
                let pages = page_text(text);
                print = fnv1a_64(print, pages.as_bytes());
                files.push(IndexFile {
                    path: place.pages_path(),
                    bytes: gzip(pages.as_bytes(), DOCUMENT_LEVEL),
                });
            }
            Content::Body(_) => {
                self.plain
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(number);
            }
        }
        counted.document = print;
        let mut kept = self.counted.lock().unwrap_or_else(|e| e.into_inner());
        kept[number as usize] = Some(counted);
        files
    }

    /// The term shards, the filters, the documents' lengths and
    /// `index.json`, and what they hold.
    ///
    /// `kept` is what the last build kept of the index for this one
    /// ([`Kept`]; empty for a new output). When it holds the postings of an
    /// index of the same documents, only the documents counted in this
    /// build ([`Indexer::document`]) need be, and only the stems those
    /// changed are updated; otherwise every document must have been
    /// counted, and the postings are made from their counts, each
    /// document's dropped once its postings are in. A file whose JSON
    /// has the fingerprint `kept` gives it is neither made nor compressed
    /// again, nor returned, since the output has it already; `index.json` is
    /// always returned. `kept` is left holding this index's postings and
    /// files; a file it held that this index has not is to be removed
    /// ([`Kept::stale`]).
    pub fn finish(&self, kept: &mut Kept) -> (Vec<IndexFile>, Summary) {
        let total = self.order.len();
        let counted = std::mem::take(&mut *self.counted.lock().unwrap_or_else(|e| e.into_inner()));
        let stems = self.stems.take();
        let (postings, changed) = match kept.postings.take() {
            Some(postings) if postings.lengths.len() == total => {
                let mut postings = postings;
                let changed = postings.update(counted, &stems);
                (postings, Some(changed))
            }
            _ => (Postings::of(counted, stems, total), None),
        };
        let average = average(&postings.lengths, total);
        let cuts = cut(&postings.terms);
        let term_count = postings.terms.len();
        let shard_count = cuts.len();
        let firsts: Vec<&str> = cuts
            .iter()
            .map(|range| postings.terms[range.start].0.as_str())
            .collect();

        let old = std::mem::take(&mut kept.files);
        // A file is compressed as soon as its JSON is made, when its
        // fingerprint is new, and its JSON dropped: only the compressed
        // files are held together.
        let compressed = |path: &str, text: String| {
            let print = fingerprint(text.as_bytes());
            let bytes = (old.get(path).map(|f| f.print) != Some(print))
                .then(|| gzip(text.as_bytes(), SHARD_LEVEL));
            (print, bytes)
        };
        // A shard with the name, the number of terms and the postings it
        // had keeps its fingerprint, unmade.
        let mut made: Vec<(String, u32, u64, Option<Vec<u8>>)> = cuts
            .par_iter()
            .map(|range| {
                let terms = &postings.terms[range.clone()];
                let path = shard_path(&terms[0].0);
                let count = terms.len() as u32;
                let unchanged = changed
                    .as_ref()
                    .is_some_and(|changed| !changed[range.clone()].iter().any(|&c| c));
                if let (true, Some(file)) = (unchanged, old.get(&path)) {
                    if file.terms == count {
                        return (path, count, file.print, None);
                    }
                }
                let (print, bytes) = compressed(&path, shard_text(terms));
                (path, count, print, bytes)
            })
            .collect();
        for (facet, values) in &self.facets {
            let path = format!("f/{}.json.gz", facet.name());
            let (print, bytes) = compressed(&path, facet_file(values));
            made.push((path, 0, print, bytes));
        }
        let (print, bytes) = compressed(LENGTHS_FILE, numbers(&postings.lengths));
        made.push((LENGTHS_FILE.to_string(), 0, print, bytes));

        let mut files: Vec<IndexFile> = Vec::new();
        for (path, terms, print, bytes) in made {
            if let Some(bytes) = bytes {
                files.push(IndexFile {
                    path: SitePath::at(&path.split('/').collect::<Vec<_>>()),
                    bytes,
                });
            }
            kept.files.insert(path, File { print, terms });
        }
        kept.stale = old
            .into_keys()
            .filter(|path| !kept.files.contains_key(path))
            .collect();
        // A document rewritten without a page-text file may have had one
        // (its article's PDF no longer read, or given a body). In a whole
        // build the output is new and holds none.
        let plain = std::mem::take(&mut *self.plain.lock().unwrap_or_else(|e| e.into_inner()));
        if changed.is_some() {
            kept.stale.extend(
                plain
                    .into_iter()
                    .map(|n| self.places[n as usize].pages_path().as_str().to_string()),
            );
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
        // Every file of the index counts: the shards, filters and lengths
        // by their JSON's fingerprint, the documents by theirs.
        let mut version = FNV64_START;
        for (path, file) in &kept.files {
            version = fnv1a_64(version, path.as_bytes());
            version = fnv1a_64(version, &file.print.to_le_bytes());
        }
        for document in &postings.documents {
            version = fnv1a_64(version, &document.to_le_bytes());
        }
        for run in &issues {
            for value in run {
                version = fnv1a_64(version, &value.to_le_bytes());
            }
        }
        #[derive(Serialize)]
        struct Entry<'a> {
            format: u32,
            version: String,
            documents: usize,
            average: f32,
            shards: &'a [&'a str],
            facets: &'a [&'a str],
            issues: &'a [[u32; 3]],
        }
        let entry = Entry {
            format: FORMAT,
            version: format!("{version:016x}"),
            documents: total,
            average,
            shards: &firsts,
            facets: &Facet::ALL.map(Facet::name),
            issues: &issues,
        };
        files.push(IndexFile {
            path: SitePath::at(&[INDEX_FILE]),
            bytes: serde_json::to_vec(&entry).expect("plain data"),
        });
        kept.postings = Some(postings);
        let summary = Summary {
            documents: total,
            terms: term_count,
            shards: shard_count,
        };
        (files, summary)
    }
}

/// What a build keeps of the search index for the next one (the build
/// cache stores it): every stem's postings, each document's length and
/// fingerprint, and the fingerprint of each file the output holds, so that
/// a build after an edit updates only the stems the edit changed and
/// writes only the files that changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    postings: Option<Postings>,
    files: BTreeMap<String, File>,
    /// Files the output held that the last [`Indexer::finish`] did not
    /// make; not stored.
    #[serde(skip)]
    stale: Vec<String>,
}

impl Kept {
    /// The files, by their path under `search/`, that the output holds (or
    /// may) and the index just made has not: an edit moved a shard's first
    /// term, or a document rewritten has no page-text file.
    pub fn stale(&self) -> &[String] {
        &self.stale
    }

    /// How many documents the postings it holds are of; `None` when it
    /// holds none.
    pub fn documents(&self) -> Option<usize> {
        self.postings.as_ref().map(|p| p.lengths.len())
    }
}

/// A file of the index as the output holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct File {
    /// The fingerprint of its JSON.
    print: u64,
    /// For a shard, its number of terms.
    terms: u32,
}

/// The postings of every stem (document numbers, rising, each with the
/// stem's weighted count), stems in the order of their UTF-16 code units
/// (as search.js compares them); and each document's weighted length and
/// document fingerprint, by number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Postings {
    terms: Vec<(String, List)>,
    lengths: Vec<u32>,
    documents: Vec<u64>,
}

/// One stem's postings, as its shard writes them: each document number as
/// the gap from the one before (from 0), then the stem's weighted count in
/// it, both as varints. A posting takes two or three bytes, where a pair of
/// numbers took eight: at 100,000 articles the postings are most of what
/// the index holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct List(Vec<u8>);

impl List {
    /// A list of these postings, documents rising.
    fn of(postings: &[(u32, u32)]) -> List {
        let mut bytes = Vec::with_capacity(postings.len() * 2);
        let mut previous = 0;
        for &(doc, count) in postings {
            push_varint(&mut bytes, doc - previous);
            push_varint(&mut bytes, count);
            previous = doc;
        }
        bytes.shrink_to_fit();
        List(bytes)
    }

    /// Each posting as written: the gap from the document before, and the
    /// count.
    fn gaps(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut values = Varints(&self.0);
        std::iter::from_fn(move || Some((values.next()?, values.next()?)))
    }

    /// Each posting: the document's number, and the count.
    fn postings(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut doc = 0u32;
        self.gaps().map(move |(gap, count)| {
            doc = doc.wrapping_add(gap);
            (doc, count)
        })
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for List {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<List, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = List;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a posting list's bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<List, E> {
                Ok(List(bytes.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<List, E> {
                Ok(List(bytes))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<List, A::Error> {
                let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(byte) = seq.next_element()? {
                    bytes.push(byte);
                }
                Ok(List(bytes))
            }
        }
        deserializer.deserialize_byte_buf(Bytes)
    }
}

/// How two stems compare in the index: by UTF-16 code units.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

impl Postings {
    /// The postings of `total` documents from each one's counted stems
    /// (by number), whose stems are numbered in `stems`.
    ///
    /// Each list is measured first and then filled at its final size, in
    /// document order, each document's counts dropped once its postings
    /// are in: the lists grow as the counts go, and no list holds the room
    /// it grew by.
    fn of(counted: Vec<Option<Counted>>, stems: Vec<String>, total: usize) -> Postings {
        let mut lengths = vec![0; total];
        let mut documents = vec![0; total];
        let mut last = vec![0u32; stems.len()];
        let mut sizes = vec![0usize; stems.len()];
        for (doc, counted) in counted.iter().enumerate().take(total) {
            let Some(counted) = counted else { continue };
            lengths[doc] = counted.length();
            documents[doc] = counted.document;
            let doc = doc as u32;
            for (stem, count) in counted.stems() {
                if let (Some(size), Some(last)) =
                    (sizes.get_mut(stem as usize), last.get_mut(stem as usize))
                {
                    *size += varint_len(doc - *last) + varint_len(count);
                    *last = doc;
                }
            }
        }
        last.fill(0);
        let mut lists: Vec<Vec<u8>> = vec![Vec::new(); stems.len()];
        for (doc, counted) in counted.into_iter().enumerate().take(total) {
            let Some(counted) = counted else { continue };
            let doc = doc as u32;
            for (stem, count) in counted.stems() {
                let stem = stem as usize;
                let Some(list) = lists.get_mut(stem) else {
                    continue;
                };
                if list.capacity() == 0 {
                    list.reserve_exact(sizes[stem]);
                }
                push_varint(list, doc - last[stem]);
                push_varint(list, count);
                last[stem] = doc;
            }
        }
        let mut terms: Vec<(String, List)> = stems
            .into_iter()
            .zip(lists)
            .filter(|(_, list)| !list.is_empty())
            .map(|(stem, list)| (stem, List(list)))
            .collect();
        terms.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
        Postings {
            terms,
            lengths,
            documents,
        }
    }

    /// Puts the documents `counted` holds (by number, their stems numbered
    /// in `stems`) in place of what they were; each term's flag says
    /// whether its postings may have changed.
    fn update(&mut self, counted: Vec<Option<Counted>>, stems: &[String]) -> Vec<bool> {
        let changed_docs: Vec<(u32, Counted)> = counted
            .into_iter()
            .enumerate()
            .filter_map(|(doc, c)| Some((doc as u32, c?)))
            .filter(|(doc, _)| (*doc as usize) < self.lengths.len())
            .collect();
        let mut changed = vec![false; self.terms.len()];
        let Some(last_changed) = changed_docs.last().map(|(doc, _)| *doc) else {
            return changed;
        };
        let mut is_changed = vec![false; self.lengths.len()];
        for (doc, counted) in &changed_docs {
            self.lengths[*doc as usize] = counted.length();
            self.documents[*doc as usize] = counted.document;
            is_changed[*doc as usize] = true;
        }
        // Their postings by the term they go to (new stems put aside),
        // documents rising within each term.
        let mut added: Vec<(usize, u32, u32)> = Vec::new();
        let mut new: HashMap<&str, Vec<(u32, u32)>> = HashMap::default();
        for (doc, counted) in &changed_docs {
            for (stem, count) in counted.stems() {
                let Some(stem) = stems.get(stem as usize) else {
                    continue;
                };
                match self.terms.binary_search_by(|t| utf16_order(&t.0, stem)) {
                    Ok(at) => added.push((at, *doc, count)),
                    Err(_) => new.entry(stem).or_default().push((*doc, count)),
                }
            }
        }
        added.sort_unstable();
        // Each list that held a changed document or gains one is written
        // anew: the changed documents' postings out, their new ones in.
        self.terms
            .par_iter_mut()
            .zip(changed.par_iter_mut())
            .enumerate()
            .for_each(|(at, ((_, list), flag))| {
                let start = added.partition_point(|a| a.0 < at);
                let end = added.partition_point(|a| a.0 <= at);
                let held = list
                    .postings()
                    .take_while(|p| p.0 <= last_changed)
                    .any(|p| is_changed[p.0 as usize]);
                if !held && start == end {
                    return;
                }
                let mut postings: Vec<(u32, u32)> = list
                    .postings()
                    .filter(|p| !is_changed[p.0 as usize])
                    .collect();
                for &(_, doc, count) in &added[start..end] {
                    let place = postings.partition_point(|p| p.0 < doc);
                    postings.insert(place, (doc, count));
                }
                *list = List::of(&postings);
                *flag = true;
            });
        let mut new: Vec<(String, List)> = new
            .into_iter()
            .map(|(stem, postings)| (stem.to_string(), List::of(&postings)))
            .collect();
        // Stems no document holds any more out, new ones in their place.
        if !new.is_empty() || self.terms.iter().any(|t| t.1.is_empty()) {
            let old = std::mem::take(&mut self.terms);
            let flags = std::mem::take(&mut changed);
            new.sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
            let mut new = new.into_iter().peekable();
            // A stem gone changes the shards around its place: the stems
            // on either side count as changed.
            let mut after_gone = false;
            for (term, flag) in old.into_iter().zip(flags) {
                while let Some(next) = new.next_if(|n| utf16_order(&n.0, &term.0).is_lt()) {
                    self.terms.push(next);
                    changed.push(true);
                }
                if term.1.is_empty() {
                    if let Some(last) = changed.last_mut() {
                        *last = true;
                    }
                    after_gone = true;
                } else {
                    self.terms.push(term);
                    changed.push(flag || after_gone);
                    after_gone = false;
                }
            }
            for next in new {
                self.terms.push(next);
                changed.push(true);
            }
        }
        changed
    }
}

/// The weighted lengths' mean, at least 1, as BM25 normalises by it: an
/// `f32` summed in document order, the value `search.js` is given.
fn average(lengths: &[u32], total: usize) -> f32 {
    (lengths.iter().map(|&l| l as f32).sum::<f32>() / total.max(1) as f32).max(1.0)
}

/// The score of one posting as `search.js` computes it: BM25 of a stem met
/// `count` times (weighted) in a document of weighted length `length`, the
/// stem being in `df` of `total` documents whose mean length is `average`,
/// times [`SCALE`], rounded, between 1 and 65,535.
///
/// Each step is an `f32` operation, as `search.js` makes it with
/// `Math.fround`; the logarithm is taken in `f64` (as `Math.log` does) and
/// rounded to `f32`. Only the sum of these whole numbers ranks, so the
/// browser ranks exactly as this function does.
pub fn score(count: u32, length: u32, df: u32, total: u32, average: f32) -> u32 {
    let df = df as f32;
    let ratio = (total as f32 - df + 0.5) / (df + 0.5);
    let idf = f64::from(1.0 + ratio).ln() as f32;
    let tf = count as f32;
    let norm = 1.0 - B + B * length as f32 / average;
    let score = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
    (score * SCALE).round().clamp(1.0, 65_535.0) as u32
}

/// The lengths file, in the search folder: each document's weighted
/// length, by number.
pub const LENGTHS_FILE: &str = "lengths.json.gz";

/// Whole numbers as a JSON array.
fn numbers(values: &[u32]) -> String {
    let mut text = String::with_capacity(values.len() * 5 + 2);
    text.push('[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        push_number(&mut text, *value);
    }
    text.push(']');
    text
}

/// Appends `value` in decimal.
fn push_number(text: &mut String, value: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = value;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        text.push(char::from(digit));
    }
}

/// A shard is not closed by a term's choice before it holds this much
/// JSON.
const SHARD_MIN: usize = 8 * 1024;

/// Past [`SHARD_MIN`], a term starts a new shard with a chance of its JSON's
/// bytes in this many (always, at this size or more).
const SHARD_CUT: u64 = 16 * 1024;

/// The terms (sorted, with their postings) cut into shards: each shard's
/// range of terms.
///
/// Where a shard ends is chosen so that an edit moves few ends: a term
/// starts a new shard when the current one holds [`SHARD_MIN`] bytes of
/// JSON and the term's own hash says so (with a chance that grows with the
/// size of its JSON, so the shards hold about the same bytes), or when the
/// current one has reached [`SHARD_BYTES`]. The first rule looks at the term
/// alone, so a changed posting list moves at most the ends between the two
/// such terms around it, and the shards elsewhere keep their terms and
/// their names, the hash of their first term. A term whose name another
/// shard took already starts none.
fn cut(terms: &[(String, List)]) -> Vec<std::ops::Range<usize>> {
    let sizes: Vec<usize> = terms
        .par_iter()
        .map(|(term, list)| term_size(term, list))
        .collect();
    let mut ranges = Vec::new();
    let mut names: std::collections::HashSet<u64> = std::collections::HashSet::new();
    let mut start = 0;
    // The JSON of the shard so far: `{`, the terms, the commas between.
    let mut current = 0;
    for (i, ((term, _), &size)) in terms.iter().zip(&sizes).enumerate() {
        let hash = fnv1a_64(FNV64_START, term.as_bytes());
        let full = current >= SHARD_BYTES;
        let chosen = current >= SHARD_MIN
            && u128::from(hash >> 32) * u128::from(SHARD_CUT) < (size as u128) << 32;
        if i > start && (full || chosen) && !names.contains(&hash) {
            ranges.push(start..i);
            start = i;
        }
        if i == start {
            names.insert(hash);
            current = 1;
        } else {
            current += 1;
        }
        current += size;
    }
    if start < terms.len() {
        ranges.push(start..terms.len());
    }
    ranges
}

/// The bytes of a term's entry in a shard's JSON: `"term":[gap,count,…]`.
fn term_size(term: &str, list: &List) -> usize {
    let mut size = json(term).len() + 3;
    for (gap, count) in list.gaps() {
        size += digits(gap) + digits(count) + 2;
    }
    // No comma before the first number.
    size.saturating_sub(usize::from(!list.is_empty()))
}

/// How many decimal digits `value` takes.
fn digits(value: u32) -> usize {
    value.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// A shard's JSON: each term with its postings, document numbers as gaps.
fn shard_text(terms: &[(String, List)]) -> String {
    let mut text = String::from("{");
    for (i, (term, list)) in terms.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&json(term));
        text.push_str(":[");
        for (j, (gap, count)) in list.gaps().enumerate() {
            if j > 0 {
                text.push(',');
            }
            push_number(&mut text, gap);
            text.push(',');
            push_number(&mut text, count);
        }
        text.push(']');
    }
    text.push('}');
    text
}

/// The shard whose first term is `first`: `t/<FNV-1a of its UTF-8, in
/// hex>.json.gz`, as `search.js` names it.
pub fn shard_path(first: &str) -> String {
    format!("t/{:016x}.json.gz", fnv1a_64(FNV64_START, first.as_bytes()))
}

/// A fingerprint of an index file's JSON.
fn fingerprint(bytes: &[u8]) -> u64 {
    let hash = blake3::hash(bytes);
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("eight bytes"))
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

/// Shards, filters and lengths are fetched by every query, so their bytes count
/// more: level 4. On the same archive's 693 shards (27.3 MB of JSON) level
/// 6 writes 8.27 MB in 1.34 s, level 4 8.37 MB (1.2% more) in 0.75 s,
/// level 3 8.59 MB (3.9% more) in 0.44 s.
const SHARD_LEVEL: Compression = Compression::new(4);

fn gzip(bytes: &[u8], level: Compression) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BM25 as the index computed it before the browser scored: every step
    /// in `f32`, the logarithm too.
    fn score_before(count: u32, length: u32, df: u32, total: u32, average: f32) -> u32 {
        let df = df as f32;
        let idf = (1.0 + (total as f32 - df + 0.5) / (df + 0.5)).ln();
        let tf = count as f32;
        let norm = 1.0 - B + B * length as f32 / average;
        let score = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
        (score * SCALE).round().clamp(1.0, 65_535.0) as u32
    }

    #[test]
    fn the_browsers_scores_are_the_scores_the_index_held() {
        // Equal whole numbers rank alike: the order of results is the one
        // the precomputed scores gave.
        let mut compared = 0;
        for total in [1, 3, 17, 250, 10_000, 100_000] {
            for df in (1..=total).step_by((total as usize / 40).max(1)) {
                for count in [1, 2, 3, 5, 8, 13, 40, 200, 1_000] {
                    for length in [0, 1, 7, 60, 333, 1_000, 4_567, 30_000] {
                        for average in [1.0, 57.25, 412.5, 1_873.3] {
                            assert_eq!(
                                score(count, length, df, total, average),
                                score_before(count, length, df, total, average),
                                "count {count}, length {length}, df {df} of {total}, average {average}"
                            );
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 10_000);
    }

    /// Terms `term-<i>` with lists of `size` postings each.
    fn terms(sizes: &[usize]) -> Vec<(String, List)> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| {
                let list: Vec<(u32, u32)> = (0..size as u32).map(|d| (d * 3, 1 + d % 4)).collect();
                (format!("term-{i:05}"), List::of(&list))
            })
            .collect()
    }

    fn shards(terms: &[(String, List)]) -> Vec<(String, String)> {
        cut(terms)
            .into_iter()
            .map(|range| (shard_path(&terms[range.start].0), shard_text(&terms[range])))
            .collect()
    }

    #[test]
    fn an_edited_list_rewrites_the_shards_near_it_only() {
        // Rare terms and some long lists, as an archive's vocabulary has.
        let sizes: Vec<usize> = (0..6_000)
            .map(|i: usize| match i % 97 {
                0 => 4_000,
                1..=5 => 300,
                _ => 1 + i % 7,
            })
            .collect();
        let before = terms(&sizes);
        let shards_before = shards(&before);
        assert!(shards_before.len() > 20, "{} shards", shards_before.len());
        for (_, text) in &shards_before {
            let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
            assert!(value.is_object());
        }
        let names: std::collections::HashSet<&String> =
            shards_before.iter().map(|(name, _)| name).collect();
        assert_eq!(names.len(), shards_before.len(), "names are distinct");
        // Every term in one shard, in order.
        let joined: usize = shards_before
            .iter()
            .map(|(_, t)| t.matches("\"term-").count())
            .sum();
        assert_eq!(joined, sizes.len());

        for edited in [0usize, 17, 2_500, 4_365, 5_999] {
            let mut after = before.clone();
            // One more document in the list, and a count that grows a digit.
            let mut list: Vec<(u32, u32)> = after[edited].1.postings().collect();
            list.push((1_000_000, 12));
            after[edited].1 = List::of(&list);
            let shards_after = shards(&after);
            let old: BTreeMap<&String, &String> =
                shards_before.iter().map(|(n, t)| (n, t)).collect();
            let rewritten = shards_after
                .iter()
                .filter(|(name, text)| old.get(name) != Some(&text))
                .count();
            assert!(
                (1..=3).contains(&rewritten),
                "editing term {edited} rewrote {rewritten} of {} shards",
                shards_after.len()
            );
        }
    }

    #[test]
    fn a_shard_is_written_as_its_lists_say() {
        let terms = vec![
            ("a".to_string(), List::of(&[(0, 3), (1, 1), (300, 12)])),
            ("b\"".to_string(), List::of(&[(70_000, 200)])),
            ("в".to_string(), List::default()),
        ];
        let text = shard_text(&terms);
        assert_eq!(text, r#"{"a":[0,3,1,1,299,12],"b\"":[70000,200],"в":[]}"#);
        // The sizes the cuts are made by are the JSON's.
        let sizes: usize = terms.iter().map(|(t, l)| term_size(t, l)).sum();
        assert_eq!(sizes + 2 + terms.len() - 1, text.len());
        let postings: Vec<(u32, u32)> = terms[0].1.postings().collect();
        assert_eq!(postings, [(0, 3), (1, 1), (300, 12)]);
    }

    /// Document `doc`'s stems in `round`: a few shared by all, some by
    /// their number, and one of its own that changes from round to round.
    fn stems(doc: u32, round: u32) -> Vec<(String, u32)> {
        let mut stems: Vec<(String, u32)> = vec![
            ("common".to_string(), 1 + doc % 3),
            (format!("w{}", doc % 17), 2),
            (format!("x{}", (doc * 7) % 101), 1 + round),
            (format!("own{doc}-{round}"), 4),
            ("ж".to_string(), 1),
        ];
        if round % 2 == 1 {
            stems.push((format!("aaa{round}"), 3));
        }
        stems.sort();
        stems.dedup_by(|a, b| a.0 == b.0);
        stems
    }

    /// The documents given (by number, `None` for those not counted),
    /// counted in one table as a build counts them: their counts and the
    /// table's stems.
    fn counted(docs: &[Option<&Vec<(String, u32)>>]) -> (Vec<Option<Counted>>, Vec<String>) {
        let table = Stems::new();
        let counted = docs
            .iter()
            .enumerate()
            .map(|(doc, stems)| {
                let stems = (*stems)?;
                let borrowed: Vec<(&str, u32)> =
                    stems.iter().map(|(s, c)| (s.as_str(), *c)).collect();
                Some(Counted::of(&borrowed, doc as u64 * 7, &table))
            })
            .collect();
        (counted, table.take())
    }

    /// Postings made from every document of `now`.
    fn made(now: &[Vec<(String, u32)>]) -> Postings {
        let all: Vec<Option<&Vec<(String, u32)>>> = now.iter().map(Some).collect();
        let (counted, stems) = counted(&all);
        Postings::of(counted, stems, now.len())
    }

    #[test]
    fn postings_are_each_stems_documents_with_its_counts() {
        // Documents counted in no order, as threads count them.
        let now: Vec<Vec<(String, u32)>> = (0..500).map(|d| stems(d, d % 3)).collect();
        let postings = made(&now);
        let mut expected: BTreeMap<&str, Vec<(u32, u32)>> = BTreeMap::new();
        for (doc, stems) in now.iter().enumerate() {
            for (stem, count) in stems {
                expected.entry(stem).or_default().push((doc as u32, *count));
            }
        }
        let mut expected: Vec<(&str, Vec<(u32, u32)>)> = expected.into_iter().collect();
        expected.sort_by(|a, b| utf16_order(a.0, b.0));
        let got: Vec<(&str, Vec<(u32, u32)>)> = postings
            .terms
            .iter()
            .map(|(t, l)| (t.as_str(), l.postings().collect()))
            .collect();
        assert_eq!(got, expected);
        let lengths: Vec<u32> = now.iter().map(|s| s.iter().map(|p| p.1).sum()).collect();
        assert_eq!(postings.lengths, lengths);
        assert_eq!(postings.documents[3], 21);
        // The build cache keeps them as they are.
        let bytes = postcard::to_allocvec(&postings).expect("plain data");
        assert_eq!(
            postcard::from_bytes::<Postings>(&bytes).expect("read"),
            postings
        );
    }

    #[test]
    fn updated_postings_are_the_postings_made_anew() {
        let total = 3_000;
        let mut now: Vec<Vec<(String, u32)>> = (0..total).map(|d| stems(d, 0)).collect();
        let mut kept = made(&now);
        assert!(
            cut(&kept.terms).len() > 5,
            "{} shards",
            cut(&kept.terms).len()
        );
        for (round, edited) in [(1, vec![0]), (2, vec![17, 2_999]), (3, (0..40).collect())] {
            let before = kept.clone();
            for &doc in &edited {
                now[doc as usize] = stems(doc, round);
            }
            let only: Vec<Option<&Vec<(String, u32)>>> = (0..total)
                .map(|d| edited.contains(&d).then(|| &now[d as usize]))
                .collect();
            let (only, table) = counted(&only);
            let changed = kept.update(only, &table);
            let fresh = made(&now);
            assert_eq!(kept, fresh, "round {round}");
            // A shard with no changed term, the name and the number of
            // terms it had, has the text it had.
            let old: BTreeMap<String, (usize, String)> = cut(&before.terms)
                .into_iter()
                .map(|r| {
                    let text = shard_text(&before.terms[r.clone()]);
                    (shard_path(&before.terms[r.start].0), (r.len(), text))
                })
                .collect();
            for range in cut(&kept.terms) {
                let path = shard_path(&kept.terms[range.start].0);
                if changed[range.clone()].iter().any(|&c| c) {
                    continue;
                }
                if let Some((count, text)) = old.get(&path) {
                    if *count == range.len() {
                        assert_eq!(&shard_text(&kept.terms[range]), text, "round {round}");
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        assert_eq!(numbers(&[0, 7, 10, 4_294_967_295]), "[0,7,10,4294967295]");
        assert_eq!(numbers(&[]), "[]");
    }
}

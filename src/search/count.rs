//! Counting an article's words: each stem with its weighted count, the one
//! result per article the index is assembled from.
//!
//! [`count`] is the only place a text is read word by word. It reads each
//! field once, looks every word up in its thread's [`Vocabulary`] (a word
//! seen before costs one hash lookup and no allocation; a new word is
//! stemmed once per thread), and adds the field's weight to a counter
//! indexed by the stem's number. What it returns, [`Counted`], names each
//! stem by its number in the build's one [`Stems`] table, in a few bytes a
//! stem, so that every article's counts can wait for
//! [`super::index::Indexer::finish`] without holding any stem's text more
//! than once.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashMap as HashMap;

use super::stem::stem;
use super::text::each_word;
use crate::model::{Article, ArticleProse};

/// How much a word counts in each field, relative to the full text.
const TITLE: u32 = 8;
const AUTHOR: u32 = 6;
const KEYWORD: u32 = 4;
const PLACE: u32 = 3;
const ABSTRACT: u32 = 2;
const BODY: u32 = 1;

/// A thread's vocabulary is forgotten, between two articles, once it holds
/// this many words: a real archive's vocabulary grows with its size (names,
/// numbers, misprints), and the memory it would take should not.
const VOCABULARY_WORDS: usize = 1 << 18;

/// Every stem one build's articles hold, each with its number: the one
/// place a stem's text is kept while the articles are counted. Threads
/// number stems as they meet them, so a number means nothing outside its
/// table and build; [`Stems::take`] gives the stems back by number.
pub struct Stems {
    /// Tells this table from the others a thread's vocabulary met.
    id: u64,
    numbers: Mutex<HashMap<Box<str>, u32>>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems::new()
    }
}

impl Stems {
    /// An empty table.
    pub fn new() -> Stems {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Stems {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            numbers: Mutex::default(),
        }
    }

    /// The number of `stem`, given it now if it has none.
    fn number(&self, stem: &str) -> u32 {
        let mut numbers = self.numbers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&number) = numbers.get(stem) {
            return number;
        }
        let number = numbers.len() as u32;
        numbers.insert(stem.into(), number);
        number
    }

    /// Every stem by its number; the table is left empty.
    pub fn take(&self) -> Vec<String> {
        let numbers = std::mem::take(&mut *self.numbers.lock().unwrap_or_else(|e| e.into_inner()));
        let mut stems = vec![String::new(); numbers.len()];
        for (stem, number) in numbers {
            stems[number as usize] = stem.into_string();
        }
        stems
    }
}

/// What the index keeps of one article until the shards are written: its
/// stems (by their numbers in the build's [`Stems`]) with their weighted
/// counts, as varints (each stem number as the gap from the one before,
/// then its count: two or three bytes a stem where the stems' text took
/// about twelve), its weighted length, and a fingerprint of its document
/// file, which the index's version covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    stems: Box<[u8]>,
    length: u32,
    /// FNV-1a of the document file's JSON; set by the indexer.
    pub(super) document: u64,
}

impl Counted {
    /// Each stem's number with its weighted count, numbers rising.
    pub fn stems(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut pairs = Varints(&self.stems);
        let mut number = 0u32;
        std::iter::from_fn(move || {
            let gap = pairs.next()?;
            let count = pairs.next()?;
            number += gap;
            Some((number, count))
        })
    }

    /// The article's weighted length: every word's weight, summed.
    pub fn length(&self) -> u32 {
        self.length
    }

    /// A value of these stems and weighted counts, numbered in `table`,
    /// for tests.
    #[cfg(test)]
    pub(super) fn of(stems: &[(&str, u32)], document: u64, table: &Stems) -> Counted {
        let pairs = stems.iter().map(|&(s, c)| (table.number(s), c)).collect();
        Counted {
            stems: encode(pairs),
            length: stems.iter().map(|s| s.1).sum(),
            document,
        }
    }
}

/// Stem numbers with their counts, sorted by number and written as
/// varints: the gap from the number before (from 0), then the count.
fn encode(mut pairs: Vec<(u32, u32)>) -> Box<[u8]> {
    pairs.sort_unstable();
    let mut bytes = Vec::with_capacity(pairs.len() * 3);
    let mut previous = 0;
    for (number, count) in pairs {
        push_varint(&mut bytes, number - previous);
        push_varint(&mut bytes, count);
        previous = number;
    }
    bytes.into_boxed_slice()
}

/// Appends `value` as a LEB128 varint: seven bits a byte, low bits first,
/// the high bit set on every byte but the last.
pub(super) fn push_varint(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// How many bytes [`push_varint`] writes for `value`.
pub(super) fn varint_len(value: u32) -> usize {
    match value {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}

/// The varints of a byte string, in order.
pub(super) struct Varints<'b>(pub(super) &'b [u8]);

impl Iterator for Varints<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut value = 0u32;
        let mut shift = 0;
        loop {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            if byte < 0x80 {
                return Some(value);
            }
            shift += 7;
        }
    }
}

/// The words a thread has met, each with the number of its stem, and a
/// counter per stem for the article being counted.
#[derive(Default)]
struct Vocabulary {
    /// Each word of at most [`SHORT`] bytes (most words), by its bytes
    /// padded with zeros (no word holds a NUL), with its stem's number: the
    /// key is compared in place, with no pointer to follow.
    short: HashMap<[u64; 3], u32>,
    /// Each longer word with its stem's number.
    long: HashMap<Box<str>, u32>,
    /// Each stem's number, to give two words of one stem one number.
    numbers: HashMap<Box<str>, u32>,
    /// The stems by number.
    stems: Vec<Box<str>>,
    /// The article's weighted count by stem number; zero outside it.
    counts: Vec<u32>,
    /// The stem numbers the article has, in the order met.
    met: Vec<u32>,
    /// The table [`Vocabulary::global`] is for.
    table: u64,
    /// Each stem's number in that table, by the thread's number
    /// ([`UNKNOWN`] until asked).
    global: Vec<u32>,
}

/// The longest word kept in [`Vocabulary::short`], in bytes.
const SHORT: usize = 24;

/// `word`'s key in [`Vocabulary::short`], if it is that short.
fn short_key(word: &str) -> Option<[u64; 3]> {
    let bytes = word.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let mut padded = [0u8; SHORT];
    padded[..bytes.len()].copy_from_slice(bytes);
    let part =
        |i: usize| u64::from_le_bytes(padded[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
    Some([part(0), part(1), part(2)])
}

impl Vocabulary {
    /// Adds `weight` to the stem of `word`.
    fn add(&mut self, word: &str, weight: u32) {
        let key = short_key(word);
        let known = match key {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        let number = match known {
            Some(&number) => number,
            None => {
                let number = self.number_of(stem(word));
                match key {
                    Some(key) => self.short.insert(key, number),
                    None => self.long.insert(word.into(), number),
                };
                number
            }
        };
        let count = &mut self.counts[number as usize];
        if *count == 0 {
            self.met.push(number);
        }
        *count += weight;
    }

    /// The number of `stem`, given it now if it has none.
    fn number_of(&mut self, stem: String) -> u32 {
        if let Some(&number) = self.numbers.get(stem.as_str()) {
            return number;
        }
        let number = self.stems.len() as u32;
        self.stems.push(stem.clone().into_boxed_str());
        self.numbers.insert(stem.into_boxed_str(), number);
        self.counts.push(0);
        number
    }

    /// The words it holds.
    fn words(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// The article's stems and counts, by their numbers in `table`; the
    /// counters are left at zero for the next article.
    fn take(&mut self, length: u32, table: &Stems) -> Counted {
        if self.table != table.id {
            self.table = table.id;
            self.global.clear();
        }
        self.global.resize(self.stems.len(), UNKNOWN);
        let pairs: Vec<(u32, u32)> = self
            .met
            .drain(..)
            .map(|number| {
                let count = std::mem::take(&mut self.counts[number as usize]);
                let global = &mut self.global[number as usize];
                if *global == UNKNOWN {
                    *global = table.number(&self.stems[number as usize]);
                }
                (*global, count)
            })
            .collect();
        if self.words() > VOCABULARY_WORDS {
            *self = Vocabulary::default();
        }
        Counted {
            stems: encode(pairs),
            length,
            document: 0,
        }
    }
}

/// A stem whose number in the table is not known to the thread yet.
const UNKNOWN: u32 = u32::MAX;

thread_local! {
    /// Each worker's vocabulary: an archive's vocabulary is small beside
    /// its text, so most words are stemmed once a thread.
    static VOCABULARY: RefCell<Vocabulary> = RefCell::default();
}

/// Each stem of `article` with its weighted count, numbered in `stems`,
/// and its weighted length. `prose` is its title and abstracts as derived
/// for its page, `body` its full text (a Markdown body's paragraphs, or a
/// PDF's pages). Every field is counted whole: what the search
/// finds does not depend on what its document keeps for snippets.
pub fn count<'t>(
    article: &Article,
    prose: &ArticleProse,
    body: impl IntoIterator<Item = &'t str>,
    stems: &Stems,
) -> Counted {
    VOCABULARY.with_borrow_mut(|vocabulary| {
        let mut length = 0u32;
        let mut add = |text: &str, weight: u32| {
            each_word(text, |word| {
                vocabulary.add(word, weight);
                length = length.saturating_add(weight);
            });
        };
        add(&prose.title_text, TITLE);
        if let Some(subtitle) = &prose.subtitle_text {
            add(subtitle, TITLE);
        }
        for author in &article.authors {
            add(&author.name, AUTHOR);
            if let Some(original) = &author.name_original {
                add(original, AUTHOR);
            }
        }
        for keyword in &article.keywords {
            add(keyword, KEYWORD);
        }
        for place in article.countries.iter().chain(&article.regions) {
            add(place, PLACE);
        }
        add(&prose.abstract_text, ABSTRACT);
        for (translation, shown) in article.translations.iter().zip(&prose.translations) {
            add(&shown.title_text, TITLE);
            for keyword in &translation.keywords {
                add(keyword, KEYWORD);
            }
            add(&shown.abstract_text, ABSTRACT);
        }
        for paragraph in body {
            add(paragraph, BODY);
        }
        vocabulary.take(length, stems)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Counts texts with weights through `vocabulary`, numbering stems in
    /// `table`.
    fn counted(vocabulary: &mut Vocabulary, table: &Stems, texts: &[(&str, u32)]) -> Counted {
        let mut length = 0;
        for (text, weight) in texts {
            each_word(text, |word| {
                vocabulary.add(word, *weight);
                length += weight;
            });
        }
        vocabulary.take(length, table)
    }

    /// Each stem of `counted` by its text, with its count.
    fn named(counted: &Counted, table: &Stems) -> BTreeMap<String, u32> {
        let numbers = table.numbers.lock().expect("not poisoned");
        let names: BTreeMap<u32, &str> = numbers.iter().map(|(s, &n)| (n, &**s)).collect();
        counted
            .stems()
            .map(|(number, count)| (names[&number].to_string(), count))
            .collect()
    }

    #[test]
    fn words_of_one_stem_are_counted_together() {
        let table = Stems::new();
        let mut vocabulary = Vocabulary::default();
        let c = counted(
            &mut vocabulary,
            &table,
            &[("Integration of regions", 8), ("regional integrations", 1)],
        );
        assert_eq!(stem("regional"), stem("regions"));
        let expected = BTreeMap::from([
            (stem("integration"), 9),
            ("of".to_string(), 8),
            (stem("regions"), 9),
        ]);
        assert_eq!(named(&c, &table), expected);
        assert_eq!(c.length(), 8 * 3 + 2);
        let numbers: Vec<u32> = c.stems().map(|(n, _)| n).collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    }

    #[test]
    fn counts_do_not_depend_on_what_the_thread_met_before() {
        let text = [("Интеграция и integration", 2), ("интеграции", 1)];
        let table = Stems::new();
        let fresh = counted(&mut Vocabulary::default(), &table, &text);
        let mut used = Vocabulary::default();
        counted(
            &mut used,
            &table,
            &[("integrations of an unrelated text", 1)],
        );
        counted(&mut used, &table, &[("интеграцию", 4)]);
        assert_eq!(counted(&mut used, &table, &text), fresh);
        assert!(used.counts.iter().all(|&c| c == 0) && used.met.is_empty());
    }

    #[test]
    fn a_vocabulary_numbers_anew_in_another_table() {
        let text = [("Central Asia and the Caucasus", 2)];
        let mut vocabulary = Vocabulary::default();
        let first = Stems::new();
        counted(&mut vocabulary, &first, &[("unrelated words first", 1)]);
        let a = counted(&mut vocabulary, &first, &text);
        let second = Stems::new();
        let b = counted(&mut vocabulary, &second, &text);
        assert_eq!(named(&a, &first), named(&b, &second));
        assert_eq!(second.take().len(), 5);
        assert_eq!(first.take().len(), 8);
    }

    #[test]
    fn long_words_are_counted_as_short_ones_are() {
        // 38 and 24 bytes: one kept by pointer, one in place.
        let long = "интернационализация";
        let edge = "123456789012345678901234";
        assert_eq!((long.len(), edge.len()), (38, SHORT));
        let table = Stems::new();
        let mut vocabulary = Vocabulary::default();
        let text = format!("{long} Интернационализации {edge} {edge}5 {edge}");
        let c = counted(&mut vocabulary, &table, &[(&text, 1)]);
        let again = counted(&mut vocabulary, &table, &[(&text, 1)]);
        assert_eq!(c, again);
        let stems = named(&c, &table);
        assert_eq!(stems[&stem(long)], 2);
        assert_eq!(stems[edge], 2);
        assert_eq!(stems[&format!("{edge}5")], 1);
    }

    #[test]
    fn nothing_counted_is_no_stem() {
        let c = counted(
            &mut Vocabulary::default(),
            &Stems::new(),
            &[("", 8), (" — ", 1)],
        );
        assert_eq!(c.stems().count(), 0);
        assert_eq!(c.length(), 0);
    }

    #[test]
    fn varints_read_back_what_was_written() {
        let values = [
            0,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for &value in &values {
            let before = bytes.len();
            push_varint(&mut bytes, value);
            assert_eq!(bytes.len() - before, varint_len(value), "{value}");
        }
        assert_eq!(Varints(&bytes).collect::<Vec<_>>(), values);
        // A cut varint is no value; too long a one does not panic.
        assert_eq!(Varints(&[0x80]).next(), None);
        assert!(Varints(&[0xff; 8]).count() <= 1);
    }

    #[test]
    fn stems_are_given_back_by_number() {
        let table = Stems::new();
        let c = Counted::of(&[("b", 2), ("a", 1), ("c", 5)], 7, &table);
        let stems = table.take();
        assert_eq!(stems, ["b", "a", "c"]);
        let pairs: Vec<(&str, u32)> = c.stems().map(|(n, k)| (&*stems[n as usize], k)).collect();
        assert_eq!(pairs, [("b", 2), ("a", 1), ("c", 5)]);
        assert_eq!((c.length(), c.document), (8, 7));
    }
}

//! Counting an article's words: each stem with its weighted count, the one
//! result per article the index is assembled from.
//!
//! [`count`] is the only place a text is read word by word. It reads each
//! field once, looks every word up in its thread's [`Vocabulary`] (a word
//! seen before costs one hash lookup and no allocation; a new word is
//! stemmed once per thread), and adds the field's weight to a counter
//! indexed by the stem's number. What it returns, [`Counted`], is a plain
//! value that does not depend on the thread or on the other articles, so a
//! build cache can keep it and [`super::index::Indexer::finish`] can
//! assemble the shards from kept and fresh values alike.

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

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

/// What the index keeps of one article until the shards are written: its
/// stems with their weighted counts, compactly (the stems in byte order
/// joined by NUL, so a 10,000-article archive holds 10,000 strings here
/// rather than millions), its weighted length, and a fingerprint of its
/// document file, which the index's version covers.
///
/// Equal articles give equal values, whichever thread counted them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    stems: String,
    counts: Vec<u32>,
    length: u32,
    /// FNV-1a of the document file's JSON; set by the indexer.
    pub(super) document: u64,
}

impl Counted {
    /// Each stem with its weighted count, stems in byte order.
    pub fn stems(&self) -> impl Iterator<Item = (&str, u32)> {
        // An empty string holds no stem (`split` would give one empty one).
        let stems = (!self.stems.is_empty()).then(|| self.stems.split('\0'));
        stems.into_iter().flatten().zip(self.counts.iter().copied())
    }

    /// The article's weighted length: every word's weight, summed.
    pub fn length(&self) -> u32 {
        self.length
    }

    /// A value of these stems (in byte order) and weighted counts, for
    /// tests.
    #[cfg(test)]
    pub(super) fn of(stems: &[(&str, u32)], document: u64) -> Counted {
        Counted {
            stems: stems.iter().map(|s| s.0).collect::<Vec<_>>().join("\0"),
            counts: stems.iter().map(|s| s.1).collect(),
            length: stems.iter().map(|s| s.1).sum(),
            document,
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

    /// The article's stems and counts, in stem order; the counters are
    /// left at zero for the next article.
    fn take(&mut self, length: u32) -> Counted {
        // Sorted by the first eight bytes held in place, big-endian and
        // padded with zeros (so in byte order), then by the whole stem.
        let mut met: Vec<(u64, &str, u32)> = self
            .met
            .drain(..)
            .map(|number| {
                let count = std::mem::take(&mut self.counts[number as usize]);
                let stem = &*self.stems[number as usize];
                let mut start = [0u8; 8];
                let n = stem.len().min(8);
                start[..n].copy_from_slice(&stem.as_bytes()[..n]);
                (u64::from_be_bytes(start), stem, count)
            })
            .collect();
        met.sort_unstable();
        let mut stems = String::with_capacity(met.iter().map(|(_, s, _)| s.len() + 1).sum());
        let mut counts = Vec::with_capacity(met.len());
        for (i, &(_, stem, count)) in met.iter().enumerate() {
            if i > 0 {
                stems.push('\0');
            }
            stems.push_str(stem);
            counts.push(count);
        }
        if self.words() > VOCABULARY_WORDS {
            *self = Vocabulary::default();
        }
        Counted {
            stems,
            counts,
            length,
            document: 0,
        }
    }
}

thread_local! {
    /// Each worker's vocabulary: an archive's vocabulary is small beside
    /// its text, so most words are stemmed once a thread.
    static VOCABULARY: RefCell<Vocabulary> = RefCell::default();
}

/// Each stem of `article` with its weighted count, and its weighted length.
/// `prose` is its title and abstracts as derived for its page, `body` its
/// full text as paragraphs. Every field is counted whole: what the search
/// finds does not depend on what its document keeps for snippets.
pub fn count(article: &Article, prose: &ArticleProse, body: &[String]) -> Counted {
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
        vocabulary.take(length)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// Counts texts with weights through a fresh vocabulary.
    fn counted(vocabulary: &mut Vocabulary, texts: &[(&str, u32)]) -> Counted {
        let mut length = 0;
        for (text, weight) in texts {
            each_word(text, |word| {
                vocabulary.add(word, *weight);
                length += weight;
            });
        }
        vocabulary.take(length)
    }

    #[test]
    fn words_of_one_stem_are_counted_together_in_stem_order() {
        let mut vocabulary = Vocabulary::default();
        let c = counted(
            &mut vocabulary,
            &[("Integration of regions", 8), ("regional integrations", 1)],
        );
        assert_eq!(stem("regional"), stem("regions"));
        let expected = [
            (stem("integration"), 9),
            ("of".to_string(), 8),
            (stem("regions"), 9),
        ];
        let stems: Vec<(String, u32)> = c.stems().map(|(s, n)| (s.to_string(), n)).collect();
        assert_eq!(stems, expected);
        assert_eq!(c.length(), 8 * 3 + 2);
    }

    #[test]
    fn counts_do_not_depend_on_what_the_thread_met_before() {
        let text = [("Интеграция и integration", 2), ("интеграции", 1)];
        let fresh = counted(&mut Vocabulary::default(), &text);
        let mut used = Vocabulary::default();
        counted(&mut used, &[("integrations of an unrelated text", 1)]);
        counted(&mut used, &[("интеграцию", 4)]);
        assert_eq!(counted(&mut used, &text), fresh);
        assert!(used.counts.iter().all(|&c| c == 0) && used.met.is_empty());
    }

    #[test]
    fn long_words_are_counted_as_short_ones_are() {
        // 38 and 24 bytes: one kept by pointer, one in place.
        let long = "интернационализация";
        let edge = "123456789012345678901234";
        assert_eq!((long.len(), edge.len()), (38, SHORT));
        let mut vocabulary = Vocabulary::default();
        let text = format!("{long} Интернационализации {edge} {edge}5 {edge}");
        let c = counted(&mut vocabulary, &[(&text, 1)]);
        let again = counted(&mut vocabulary, &[(&text, 1)]);
        assert_eq!(c, again);
        let order: Vec<&str> = c.stems().map(|(s, _)| s).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        let stems: BTreeMap<String, u32> = c.stems().map(|(s, n)| (s.to_string(), n)).collect();
        assert_eq!(stems[&stem(long)], 2);
        assert_eq!(stems[edge], 2);
        assert_eq!(stems[&format!("{edge}5")], 1);
    }

    #[test]
    fn nothing_counted_is_no_stem() {
        let c = counted(&mut Vocabulary::default(), &[("", 8), (" — ", 1)]);
        assert_eq!(c.stems().count(), 0);
        assert_eq!(c.length(), 0);
    }

    #[test]
    fn counted_survives_serialisation() {
        let c = counted(&mut Vocabulary::default(), &[("Central Asia", 8)]);
        let json = serde_json::to_string(&c).expect("plain data");
        assert_eq!(
            serde_json::from_str::<Counted>(&json).expect("read back"),
            c
        );
    }
}

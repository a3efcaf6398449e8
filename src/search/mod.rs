//! Full-text search that runs in the reader's browser: an index built with
//! the site, split so that one query fetches only the parts it needs.
//!
//! [`text`] cuts titles, abstracts and full texts into words, [`stem`]
//! stems Russian and English words alike in one index (the browser stems
//! what a reader types with `themes/default/static/stem.js`, which must give
//! the same stem for every word), [`count`] counts each article's stems by
//! field weight, [`document`] makes the file a result shows, and [`index`]
//! numbers the documents and writes the files under `search/` that
//! `search.js` reads. `docs/search.md` describes the format.

pub mod count;
pub mod document;
pub mod index;
pub mod stem;
pub mod text;

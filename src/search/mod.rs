//! Search: what the site's search index and the browser's search box share.
//!
//! Words are stemmed before they go into the index, and the browser stems
//! what a reader types with `themes/default/static/stem.js`; [`stem`] is the
//! Rust side of that pair, and the two must give the same stem for every word.

pub mod stem;

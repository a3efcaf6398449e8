//! quire's integration tests: one binary, a module per feature.
//!
//! Each test runs the real `quire` binary on a fixture site and checks what
//! it printed and wrote. `support.rs` is the one harness: a test that changes
//! a site copies it to a temporary folder of its own ([`support::TestSite`]);
//! tests that only read a build share one build per site
//! ([`support::built_sample`], [`support::built_fixture`]). Expected output
//! is kept as insta snapshots in `snapshots/`.

mod bounds;
mod build;
mod cache;
mod citations;
mod cli;
mod crossref;
mod editing;
mod galleys;
mod guide;
mod harvest;

mod inside;
mod interface;
mod invalid;
mod languages;
mod links;
mod output_size;
mod pages_lang;
mod partial;
mod pdf_search;
mod readers;
mod repeats;
mod sample_galleys;
mod scholarly;
mod search;
mod serve;
mod statistics;
mod stemming;
mod support;
mod taxonomy;
mod templates;
mod terms;
mod validate;
mod workflows;

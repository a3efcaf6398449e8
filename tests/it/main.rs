//! quire's integration tests: one binary, a module per feature.
//!
//! Each test runs the real `quire` binary on a fixture site copied to a
//! temporary folder, and checks what it printed and wrote.

mod build;
mod crossref;
mod editing;
mod guide;
mod harvest;
mod invalid;
mod partial;
mod scholarly;
mod search;
mod serve;
mod stemming;
mod support;
mod taxonomy;
mod templates;
mod validate;
mod workflows;

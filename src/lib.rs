//! quire: a static site generator for the archive of a scholarly journal.
//!
//! The pipeline, each stage taking the previous stage's type:
//!
//! 1. [`config`] reads `journal.yaml` into a checked [`config::Config`];
//! 2. [`content::walk`] lists `content/`: issues, articles, static pages;
//! 3. [`content`] reads each file (front matter split, YAML read with
//!    positions by [`yaml`], fields checked by [`decode`]) into [`model`]
//!    values, reporting every problem as a [`diag::Diagnostic`];
//! 4. [`assemble`] checks what needs the whole archive (duplicate DOIs,
//!    colliding addresses) and puts it in archive order: an [`model::Archive`];
//! 5. [`render`] turns the archive into pages through Tera templates (views,
//!    never model types, reach templates), feeds and a sitemap, and
//!    [`scholarly`] makes what reference managers, indexers and Crossref read;
//! 6. [`output`] writes into a staging folder and swaps it in only after
//!    success, so a failed build leaves the old site as it was.
//!
//! `ARCHITECTURE.md` explains the decisions behind this shape.

pub mod assemble;
pub mod cache;
pub mod citations;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod decode;
pub mod diag;
pub mod hash;
pub mod html;
pub mod import;
pub mod inside;
pub mod model;
pub mod output;
pub mod pdf;
pub mod render;
pub mod scaffold;
pub mod scholarly;
pub mod search;
pub mod serve;
pub mod site;
pub mod stats;
pub mod taxonomy;
pub mod text;
pub mod xml;
pub mod yaml;

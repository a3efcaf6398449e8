//! The archive as quire understands it: checked values, no templates.
//!
//! Everything here was parsed at the boundary (`content/`), so a value of
//! these types is valid. `model` imports nothing from `render`: templates see
//! views built from these types, never the types themselves.

mod archive;
mod ids;
mod page;
pub mod prose;
mod reference;
mod site_path;
mod slug;

pub use archive::{
    Affiliation, Archive, Article, ArticleId, ArticleIdx, Author, Issue, IssueId, Pdf, Translation,
};
pub use ids::{
    check_email, Doi, DoiError, Issn, IssnError, Lang, LangError, License, Orcid, OrcidError,
    PageRange, PageRangeError,
};
pub use page::{HomeText, PageText, PageTranslation, StaticPage};
pub use prose::{full_title, ArticleProse, Inline, Markdown, TranslationProse};
pub use reference::{dois_in, find_doi_start, FoundDoi};
pub use site_path::SitePath;
pub use slug::{slugify, Slug, SlugError};

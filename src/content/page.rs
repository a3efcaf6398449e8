//! Static pages (`content/pages/*.md`) and the home page's text (`content/_index.md`).

use std::path::Path;

use crate::decode::Fields;
use crate::diag::Diagnostic;
use crate::model::{HomeText, StaticPage};
use crate::yaml;

use super::front_matter;

/// The keys a static page's front matter accepts.
pub const FIELDS: &[&str] = &["title", "description", "slug", "draft", "extra"];

/// The keys `_index.md`'s front matter accepts.
pub const HOME_FIELDS: &[&str] = &["title"];

/// Reads a static page.
pub fn read(root: &Path, relative: &Path, diags: &mut Vec<Diagnostic>) -> Option<StaticPage> {
    let file = super::read_source(root, relative, true)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = front_matter::split(&file, true)
        .map_err(|d| diags.push(d))
        .ok()?;
    let node = yaml::parse(&file, split.yaml.clone())
        .map_err(|d| diags.push(d))
        .ok()?;
    let mut f = Fields::new(
        &file,
        &node,
        "a static page",
        FIELDS,
        split.opening.clone(),
        diags,
    )?;
    let title = f.required_text("title", "About the journal");
    let description = f.text("description").map(|d| d.value);
    let (slug, slug_span) = super::read_slug(&mut f, relative, "about");
    let draft = f.flag("draft").unwrap_or(false);
    let extra = f.extra();
    Some(StaticPage {
        body: split.body.clone(),
        source: file.clone(),
        slug: slug?,
        slug_span,
        title: title?.value,
        description,
        draft,
        extra,
    })
}

/// Reads `content/_index.md`, whose front matter is optional.
pub fn read_home(root: &Path, relative: &Path, diags: &mut Vec<Diagnostic>) -> Option<HomeText> {
    let file = super::read_source(root, relative, false)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = front_matter::split(&file, false)
        .map_err(|d| diags.push(d))
        .ok()?;
    let mut title = None;
    if !split.yaml.is_empty() {
        let node = yaml::parse(&file, split.yaml.clone())
            .map_err(|d| diags.push(d))
            .ok()?;
        if !node.is_null() {
            let mut f = Fields::new(
                &file,
                &node,
                "the home page",
                HOME_FIELDS,
                split.opening.clone(),
                diags,
            )?;
            title = f.text("title").map(|t| t.value);
        }
    }
    Some(HomeText {
        body: split.body.clone(),
        source: file,
        title,
    })
}

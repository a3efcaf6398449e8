//! Markdown to HTML: pulldown-cmark, syntect for code, an allow-list for raw HTML.
//!
//! [`body`] renders full texts: heading anchors and a table of contents,
//! fenced code highlighted into CSS classes, links to other articles' `.md`
//! files made into their addresses, files referred to by relative paths
//! collected for copying, and raw HTML kept only within an allow-list.
//! Titles and abstracts are rendered by [`crate::model::prose`], which owns
//! the parser setup this module shares.

use crate::html::escape as html_escape;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::prose::{destination, is_safe_url, options};
use crate::model::slugify;

use super::bounds;

/// A heading of the full text, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    /// The anchor.
    pub id: String,
    /// The heading as plain text.
    pub title: String,
}

/// A rendered full text.
#[derive(Debug, Default)]
pub struct Body {
    /// The HTML.
    pub html: String,
    /// Headings of levels 2 and 3.
    pub toc: Vec<Heading>,
    /// Files the text refers to by relative path, normalised, to copy beside the page.
    pub assets: Vec<String>,
    /// Each link's and image's address as written and as the page writes
    /// it: the one place a text's links are resolved, which the JATS file
    /// follows too.
    pub links: Vec<(String, String)>,
}

/// Where a full text lives, to resolve its links and report its problems.
pub struct BodyContext<'a> {
    /// The Markdown file.
    pub file: &'a Arc<SourceFile>,
    /// The byte range of the body in the file.
    pub range: Range<usize>,
    /// The site folder on disk.
    pub root: &'a Path,
    /// The `.md` file's folder relative to the site root (`content/2018/4`).
    pub dir: &'a Path,
    /// Addresses of the other Markdown files, by path relative to the site root.
    pub pages: &'a dyn Addresses,
    /// The base path, `/journal/`.
    pub base_path: &'a str,
}

/// What a link of a full text may point to: where each Markdown file is
/// published, and what the build writes at each address. Every method but
/// [`Addresses::address`] has a default that knows nothing, so a text
/// rendered without a site (a test) keeps today's rules for `.md` links and
/// files.
pub trait Addresses: Sync {
    /// The address of the page made from `source` (relative to the site
    /// root), if one is made.
    fn address(&self, source: &Path) -> Option<String>;

    /// Where the page made from `source` lands in the output, relative to
    /// its root without slashes at the ends (`archive/2018/4/a`, `about`,
    /// the empty string for the home page).
    fn page_of(&self, _source: &Path) -> Option<String> {
        None
    }

    /// What the build writes at `path` (relative to the output's root, no
    /// slashes at the ends; a page by its folder).
    fn target(&self, _path: &str) -> Option<Target> {
        None
    }

    /// The address of the file `within` (normalised, relative to the text)
    /// beside the page made from `source`, when a page must not link to it
    /// relatively: a page of another language's tree, whose files are
    /// shared with the default tree. `None` keeps the link as written.
    fn asset(&self, _source: &Path, _within: &str) -> Option<String> {
        None
    }

    /// The issue page made from the issue folder `dir` (`content/2018/4`).
    fn issue_folder(&self, _dir: &Path) -> Option<String> {
        None
    }

    /// The page of the site closest to `path`, as a root-relative address
    /// without the base path (`/keywords/integration/`), for a did-you-mean.
    fn closest(&self, _path: &str) -> Option<String> {
        None
    }

    /// The ids a `#fragment` may name on the page at `path`: those of its
    /// templates and, when it has one, of its Markdown text (read again
    /// when it is not the text being rendered). `None` when they are not
    /// known.
    fn anchors(&self, _path: &str, _with_text: bool) -> Option<Anchors> {
        None
    }
}

impl Addresses for HashMap<PathBuf, String> {
    fn address(&self, source: &Path) -> Option<String> {
        self.get(source).cloned()
    }
}

/// What the build writes at an address a link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The root-relative address with the base path: `/journal/about/`
    /// for a page, `/journal/feed.xml` for a file.
    pub href: String,
    /// Whether it is a page (a folder with its `index.html`) rather than a
    /// file.
    pub page: bool,
}

/// The ids a page has, for checking a link's `#fragment`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors {
    /// Every id, exactly.
    pub ids: Vec<String>,
    /// Prefixes of ids made from data (`letter-` on a taxonomy's index).
    pub prefixes: Vec<&'static str>,
}

impl Anchors {
    /// Whether `id` is one of them.
    pub fn has(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id) || self.prefixes.iter().any(|p| id.starts_with(p))
    }
}

/// Renders a full text. Problems (a link to a missing article, a missing
/// file, an unsafe address) go to `diags` with their position.
pub fn body(ctx: &BodyContext<'_>, diags: &mut Vec<Diagnostic>) -> Body {
    let text = &ctx.file.text()[ctx.range.clone()];
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let mut out = Body::default();
    let mut has_raw_html = false;
    let own_ids = name_headings(&mut events, &mut out.toc);

    let mut rendered: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    let mut highlight_left = Some(bounds::HIGHLIGHT_BYTES);
    for (event, range) in events {
        // A link's problem is its address: point there when it can be found.
        let span_of = |dest: &str| {
            let start = ctx.range.start + range.start;
            let written = &ctx.file.text()[start..ctx.range.start + range.end];
            match written.rfind(&format!("]({dest}")) {
                Some(at) => Span::new(ctx.file, start + at + 2..start + at + 2 + dest.len()),
                None => Span::new(ctx.file, start..ctx.range.start + range.end),
            }
        };
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, source)) = code.take() {
                    let at = ctx.range.start + range.start;
                    let html = highlight(&lang, &source, &mut highlight_left, || {
                        Span::new(ctx.file, at..at)
                    });
                    rendered.push(Event::Html(CowStr::from(html.0)));
                    if let Some(d) = html.1 {
                        diags.push(d);
                    }
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                has_raw_html = true;
                rendered.push(event);
            }
            // A table wider than a phone scrolls inside a box of its own, which
            // takes the keyboard's focus so that it can be scrolled without a
            // mouse (the table itself keeps its table semantics).
            Event::Start(Tag::Table(alignments)) => {
                rendered.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\" tabindex=\"0\">\n",
                )));
                rendered.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                rendered.push(Event::End(TagEnd::Table));
                rendered.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(mut tag) => {
                if let Some((dest, image)) = destination(&mut tag) {
                    let resolved = resolve(
                        ctx,
                        Link {
                            dest,
                            image,
                            span: span_of(dest),
                            own_ids: &own_ids,
                        },
                        diags,
                        &mut out.assets,
                    );
                    out.links.push((dest.to_string(), resolved.clone()));
                    *dest = CowStr::from(resolved);
                }
                rendered.push(Event::Start(tag));
            }
            other => rendered.push(other),
        }
    }
    let mut html = String::with_capacity(text.len() + text.len() / 3);
    pulldown_cmark::html::push_html(
        &mut html,
        crate::model::prose::without_nested_links(rendered.into_iter()),
    );
    if has_raw_html {
        html = sanitize(&html, ctx, diags);
    }
    // Text pasted from a PDF carries control characters HTML forbids.
    out.html = crate::html::without_controls(html);
    out.assets.sort();
    out.assets.dedup();
    out
}

/// Names every heading of `events` (its `{#id}`, else its slug, made
/// unique with `-2`, `-3`...) and lists levels 2 and 3 in `toc`. Returns
/// every id the text gives its HTML: the headings', the footnotes' and
/// those written in raw HTML.
fn name_headings(events: &mut [(Event<'_>, Range<usize>)], toc: &mut Vec<Heading>) -> Vec<String> {
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut ids = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::FootnoteDefinition(label)) => ids.push(label.to_string()),
            Event::Html(html) | Event::InlineHtml(html) => ids.extend(html_ids(html)),
            _ => {}
        }
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level;
            let given = id.as_ref().map(|s| s.to_string());
            let end = events[i..]
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let title: String = events[i + 1..end]
                .iter()
                .filter_map(|(e, _)| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let base = given.unwrap_or_else(|| {
                let slug = slugify(&title);
                if slug.is_empty() {
                    "section".to_string()
                } else {
                    slug
                }
            });
            // `-2`, `-3`... until the anchor is one no heading has yet: a
            // title may itself end in `-2` ("Tit|--2-|" is `tit-2`; found by
            // fuzzing).
            let n = used_ids.entry(base.clone()).or_insert(0);
            let mut anchor = base.clone();
            while taken.contains(&anchor) {
                *n += 1;
                anchor = format!("{base}-{}", *n + 1);
            }
            taken.insert(anchor.clone());
            if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                toc.push(Heading {
                    level: if level == HeadingLevel::H2 { 2 } else { 3 },
                    id: anchor.clone(),
                    title: title.trim().to_string(),
                });
            }
            ids.push(anchor.clone());
            if let Event::Start(Tag::Heading { id, attrs, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(anchor));
                // `{#a id}` also gives a bare `id` attribute, and the
                // element would carry two; a name with other characters
                // (control characters, quotes) is no attribute at all.
                // An attribute written twice (`{#a Read Read}`, names
                // compared as HTML does, without case) is kept once. All
                // found by fuzzing.
                // Only attributes that cannot act are kept: `{#a onclick=…}`
                // or `style=…` would reach the page, since these attributes
                // come from Markdown and the HTML sanitiser never sees them
                // (found by the CI mutation run).
                crate::model::prose::keep_heading_attributes(attrs);
            }
            i = end;
        }
        i += 1;
    }
    ids
}

/// The `id` attributes written in a piece of raw HTML (the sanitiser keeps
/// them).
fn html_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("id=") {
        let start = from + at;
        from = start + 3;
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = &html[from..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next(),
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next(),
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            ids.push(value.to_string());
        }
    }
    ids
}

/// Every id a full text gives its HTML, as [`body`] names them: for
/// checking links to another page's `#fragment`.
pub fn text_ids(text: &str) -> Vec<String> {
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    name_headings(&mut events, &mut Vec::new())
}

/// A link or image of the full text, as written.
struct Link<'a> {
    dest: &'a str,
    image: bool,
    span: Span,
    /// The ids the text being rendered gives its own HTML.
    own_ids: &'a [String],
}

/// The address a link or image of the full text points to, and its checks,
/// in this order: a same-page `#fragment`; an unsafe address; another
/// scheme (`https:`, `mailto:`); a root-relative address (`/about/`), which
/// must be a page or file of the site; another Markdown file (`b.md`),
/// which becomes its page's address; an address relative to the page the
/// text is shown on (`../`, `archive/`, `cite.bib`), which must be a page or
/// a file the build writes; an issue folder relative to the Markdown file
/// (`../../2018/4/`); and last a file beside the Markdown file, copied
/// beside the page.
fn resolve(
    ctx: &BodyContext<'_>,
    link: Link<'_>,
    diags: &mut Vec<Diagnostic>,
    assets: &mut Vec<String>,
) -> String {
    let Link {
        dest,
        image,
        ref span,
        own_ids,
    } = link;
    if dest.is_empty() {
        return dest.to_string();
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        if let Some(own) = &ctx.pages.page_of(ctx.file.path()) {
            if let Some(mut anchors) = ctx.pages.anchors(own, false) {
                anchors.ids.extend(own_ids.iter().cloned());
                check_fragment(&anchors, fragment, dest, span, diags);
            }
        }
        return dest.to_string();
    }
    if !is_safe_url(dest) {
        diags.push(
            Diagnostic::new(
                Code::BadUrl,
                span.clone(),
                format!("unsafe link address `{dest}`"),
            )
            .label("scripts and data addresses are not allowed in links")
            .help("link to an https:// address, a mailto: address or a file beside the article"),
        );
        return "#".to_string();
    }
    if dest.contains(':') && !dest.starts_with('/') {
        let scheme_end = dest.find(':').unwrap_or(0);
        if !dest[..scheme_end].contains(['/', '?', '#']) {
            return dest.to_string();
        }
    }
    if dest.starts_with("//") {
        return dest.to_string();
    }
    // A path, perhaps with a query and a fragment.
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path_part, suffix) = dest.split_at(cut);
    let fragment = suffix.find('#').map(|at| &suffix[at + 1..]);
    let decoded = percent_decode(path_part);
    if let Some(rest) = decoded.strip_prefix('/') {
        let parts = link_parts(dest, rest, suffix, fragment, own_ids);
        return root_relative(ctx, &parts, span, diags);
    }
    let target = normalise(&ctx.dir.join(&decoded));
    if !image && decoded.ends_with(".md") {
        let Some(target) = target else {
            return leaves_site(dest, span, diags);
        };
        return match ctx.pages.address(&target) {
            Some(url) => {
                if let (Some(fragment), Some(page)) = (fragment, ctx.pages.page_of(&target)) {
                    if let Some(anchors) = ctx.pages.anchors(&page, true) {
                        check_fragment(&anchors, fragment, dest, span, diags);
                    }
                }
                format!("{url}{suffix}")
            }
            None => {
                diags.push(
                    Diagnostic::new(Code::BrokenLink, span.clone(), format!("link to a missing article `{path_part}`"))
                        .label(format!("no page is made from {}", target.display()))
                        .help("check the file name and the folders (`../../2018/4/name.md` from an article in another issue); a draft is linkable only in a build with --drafts"),
                );
                "#".to_string()
            }
        };
    }
    // A page or a file the build writes, relative to the page the text is
    // shown on. (Asked only here: the map of addresses is made the first
    // time a text needs it.)
    let own_page = ctx.pages.page_of(ctx.file.path());
    let parts = link_parts(dest, &decoded, suffix, fragment, own_ids);
    let from_page = own_page
        .as_deref()
        .and_then(|own| join_address(own, &decoded));
    if let Some(path) = &from_page {
        if let Some(found) = ctx.pages.target(path) {
            return site_link(ctx, &parts, path, &found, span, diags);
        }
    }
    // An issue's folder, relative to the Markdown file.
    if let Some(path) = target.as_ref().and_then(|t| ctx.pages.issue_folder(t)) {
        if let Some(found) = ctx.pages.target(&path) {
            return site_link(ctx, &parts, &path, &found, span, diags);
        }
    }
    // An address that names a page (a folder, `index.html`, a name without
    // an extension) the site does not have, and no file beside the text.
    let beside = target.as_ref().is_some_and(|t| ctx.root.join(t).is_file());
    if own_page.is_some() && !image && parts.names_page() && !beside {
        let shown = from_page.as_deref().map(|p| format!("/{p}/"));
        missing_page(
            ctx,
            dest,
            from_page.as_deref(),
            shown.as_deref(),
            span,
            diags,
        );
        return "#".to_string();
    }
    let Some(target) = target else {
        return leaves_site(dest, span, diags);
    };
    // A file beside the article, copied into its output folder.
    let Some(within) = normalise_relative(&decoded) else {
        diags.push(
            Diagnostic::new(Code::UnsafePath, span.clone(), format!("`{dest}` is outside the folder of {}", ctx.file.path().display()))
                .label("files are copied beside the page, so they must sit in the text's own folder")
                .help("move the file into the same folder as the text or a subfolder such as `figures/`, and link to it from there; to link to a page of the site, write its address, such as `/archive/2018/4/`"),
        );
        return "#".to_string();
    };
    // Resolved to its real path: a link (or a folder of links) that leads
    // out of the site, or a special file, is refused here, at the link.
    match crate::inside::resolve(ctx.root, &ctx.root.join(&target)) {
        Ok(real) if real.meta.is_file() => {}
        Err(refused) if !refused.is_missing() => {
            diags.push(refused.diagnostic_at("the file", span.clone()));
            return "#".to_string();
        }
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::MissingAsset,
                    span.clone(),
                    format!("missing file `{decoded}`"),
                )
                .label(format!("{} does not exist", target.display()))
                .help(
                    "add the file beside the article, or correct the path (names are case-sensitive)",
                ),
            );
            return dest.to_string();
        }
    }
    let href = ctx
        .pages
        .asset(ctx.file.path(), &within)
        .map_or_else(|| dest.to_string(), |href| format!("{href}{suffix}"));
    assets.push(within);
    href
}

/// Reports a path that climbs out of the site folder.
fn leaves_site(dest: &str, span: &Span, diags: &mut Vec<Diagnostic>) -> String {
    diags.push(
        Diagnostic::new(
            Code::UnsafePath,
            span.clone(),
            format!("`{dest}` leaves the site folder"),
        )
        .label("this path climbs out of the site")
        .help("refer to files inside the site folder"),
    );
    "#".to_string()
}

/// A link's address taken apart.
struct LinkParts<'a> {
    /// As written.
    dest: &'a str,
    /// The path, decoded, without a leading `/`.
    path: &'a str,
    /// `?query#fragment`, as written.
    suffix: &'a str,
    /// The fragment, without `#`.
    fragment: Option<&'a str>,
    /// The ids the text being rendered gives its own HTML.
    own_ids: &'a [String],
}

fn link_parts<'a>(
    dest: &'a str,
    path: &'a str,
    suffix: &'a str,
    fragment: Option<&'a str>,
    own_ids: &'a [String],
) -> LinkParts<'a> {
    LinkParts {
        dest,
        path,
        suffix,
        fragment,
        own_ids,
    }
}

impl LinkParts<'_> {
    /// Whether the path names a page: a folder (`archive/`, `..`, empty) or
    /// a folder's `index.html`, or a last segment without an extension.
    fn names_page(&self) -> bool {
        let last = self.path.rsplit('/').next().unwrap_or("");
        last.is_empty()
            || last == "."
            || last == ".."
            || last == "index.html"
            || !last.contains('.')
    }

    /// Whether the path ends with a folder's `index.html`.
    fn names_index(&self) -> bool {
        self.path == "index.html" || self.path.ends_with("/index.html")
    }
}

/// A root-relative link (`/about/`): a page or file of the site, under the
/// base path. An address that already starts with the base path is taken
/// as meant.
fn root_relative(
    ctx: &BodyContext<'_>,
    parts: &LinkParts<'_>,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let base = ctx.base_path.trim_matches('/');
    let under_base = (!base.is_empty())
        .then(|| parts.path.strip_prefix(base))
        .flatten()
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let candidates = std::iter::once(parts.path).chain(under_base);
    let mut first = None;
    for candidate in candidates {
        let Some(path) = join_address("", candidate) else {
            continue;
        };
        if let Some(found) = ctx.pages.target(&path) {
            return site_link(ctx, parts, &path, &found, span, diags);
        }
        first.get_or_insert(path);
    }
    if ctx.pages.page_of(ctx.file.path()).is_none() {
        // No site to check against (a text rendered alone).
        return format!("{}{}", ctx.base_path, &parts.dest[1..]);
    }
    let shown = format!("/{}", parts.path);
    missing_page(ctx, parts.dest, first.as_deref(), Some(&shown), span, diags);
    "#".to_string()
}

/// The address of a page or file the build writes, its fragment checked.
fn site_link(
    ctx: &BodyContext<'_>,
    parts: &LinkParts<'_>,
    path: &str,
    found: &Target,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let mut href = found.href.clone();
    if found.page {
        if parts.names_index() {
            href.push_str("index.html");
        }
        if let Some(fragment) = parts.fragment {
            let own = ctx.pages.page_of(ctx.file.path()).as_deref() == Some(path);
            if let Some(mut anchors) = ctx.pages.anchors(path, !own) {
                if own {
                    anchors.ids.extend(parts.own_ids.iter().cloned());
                }
                check_fragment(&anchors, fragment, parts.dest, span, diags);
            }
        }
    }
    href.push_str(parts.suffix);
    href
}

/// Reports a link to a page the site does not have, with the closest page.
fn missing_page(
    ctx: &BodyContext<'_>,
    dest: &str,
    path: Option<&str>,
    shown: Option<&str>,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) {
    let label = match shown {
        Some(shown) => format!("the site has no page or file at {shown}"),
        None => "this address climbs above the site's root".to_string(),
    };
    let help = match path.and_then(|p| ctx.pages.closest(p)) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "link to a page the site has: `/archive/`, `/archive/2018/4/`, `/keywords/`, a static page's `/slug/`; a relative address is read from the page's own address (an article is at `/archive/<year>/<number>/<slug>/`)".to_string(),
    };
    diags.push(
        Diagnostic::new(
            Code::BrokenLink,
            span.clone(),
            format!("link to a missing page `{dest}`"),
        )
        .label(label)
        .help(help),
    );
}

/// Reports a `#fragment` that names no id of its page.
fn check_fragment(
    anchors: &Anchors,
    fragment: &str,
    dest: &str,
    span: &Span,
    diags: &mut Vec<Diagnostic>,
) {
    let id = percent_decode(fragment);
    if id.is_empty() || anchors.has(&id) {
        return;
    }
    let close = crate::diag::did_you_mean(&id, anchors.ids.iter().map(String::as_str));
    let help = match close {
        Some(close) => format!("did you mean `#{close}`?"),
        None => "a heading's anchor is its text in lower case with `-` between words (`## Data and methods` is `#data-and-methods`), or the `{#id}` written after it".to_string(),
    };
    diags.push(
        Diagnostic::new(
            Code::MissingAnchor,
            span.clone(),
            format!("`{dest}` names no place on its page"),
        )
        .label(format!("the page has no id `{id}`"))
        .help(help),
    );
}

/// `relative` read from the folder of the page at `page` (both relative
/// to the output's root), without slashes at the ends and without a
/// final `index.html`; `None` when it climbs above the root.
fn join_address(page: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    if parts.last() == Some(&"index.html") {
        parts.pop();
    }
    Some(parts.join("/"))
}

/// `%20` and friends decoded, for file names with spaces.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Resolves `.` and `..` in a relative path; `None` when it climbs above its start.
pub fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// A relative path that stays inside its folder, with `/` separators.
fn normalise_relative(path: &str) -> Option<String> {
    let normal = normalise(Path::new(path))?;
    let parts: Vec<&str> = normal.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn syntaxes() -> &'static syntect::parsing::SyntaxSet {
    static SET: OnceLock<syntect::parsing::SyntaxSet> = OnceLock::new();
    SET.get_or_init(syntect::parsing::SyntaxSet::load_defaults_newlines)
}

/// A code block as `<pre class="code">`, highlighted into `hl-` classes when
/// syntect knows the language. The syntax set loads on the first call. Long
/// lines scroll sideways rather than wrap (indentation matters in code), so
/// the block takes the keyboard's focus (`tabindex="0"`) to be scrolled.
///
/// `left` is what remains of the text's [`bounds::HIGHLIGHT_BYTES`]: a
/// block larger than that is printed plain, with a warning at `at`, and so
/// is every later block (`left` is then `None`), without one.
fn highlight(
    lang: &str,
    source: &str,
    left: &mut Option<usize>,
    at: impl FnOnce() -> Span,
) -> (String, Option<Diagnostic>) {
    use syntect::html::{ClassStyle, ClassedHTMLGenerator};
    use syntect::util::LinesWithEndings;
    let escaped_lang = html_escape(lang);
    let data_lang = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{escaped_lang}\"")
    };
    let mut warning = None;
    let syntax = match lang {
        "" => None,
        _ => syntaxes().find_syntax_by_token(lang),
    };
    let syntax = match (syntax, *left) {
        (Some(syntax), Some(n)) if source.len() <= n => {
            *left = Some(n - source.len());
            Some(syntax)
        }
        (Some(_), Some(_)) => {
            // Once one block is plain, every later one is, unwarned.
            warning = Some(too_much_code(at(), source.len()));
            *left = None;
            None
        }
        _ => None,
    };
    let code = match syntax {
        None => html_escape(source),
        Some(syntax) => {
            let mut generator = ClassedHTMLGenerator::new_with_class_style(
                syntax,
                syntaxes(),
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            );
            let ok = LinesWithEndings::from(source).all(|line| {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_ok()
            });
            if ok {
                generator.finalize()
            } else {
                html_escape(source)
            }
        }
    };
    (
        format!("<pre class=\"code\"{data_lang} tabindex=\"0\"><code>{code}</code></pre>\n"),
        warning,
    )
}

fn too_much_code(at: Span, size: usize) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        at,
        format!(
            "this code block ({} KB) is too large to highlight",
            size.div_ceil(1024)
        ),
    )
    .label("printed without colours, with any later code block of the text")
    .help(format!(
        "a text's code is highlighted up to {} KB in all; shorten the listing, or put it in a file beside the article and link to it",
        bounds::HIGHLIGHT_BYTES / 1024
    ))
}

/// Cleans a full text that holds raw HTML: only the allow-list survives,
/// with quire's own ids and classes. Tags nested deeper than
/// [`bounds::HTML_DEPTH`] are left out first, with a warning at the raw
/// HTML that goes that deep: the sanitiser's cost grows with the depth.
fn sanitize(html: &str, ctx: &BodyContext<'_>, diags: &mut Vec<Diagnostic>) -> String {
    let flat;
    let html = match bounds::too_deep(html, bounds::HTML_DEPTH) {
        None => html,
        Some((_, deepest)) => {
            // The same count over the text as written finds the line; the
            // text's own start when Markdown (quotes, lists) made the depth.
            let text = &ctx.file.text()[ctx.range.clone()];
            let at = bounds::too_deep(text, bounds::HTML_DEPTH)
                .map_or(ctx.range.start, |(at, _)| ctx.range.start + at);
            diags.push(
                Diagnostic::new(
                    Code::TooLarge,
                    Span::new(ctx.file, at..at),
                    format!("HTML nested {deepest} elements deep"),
                )
                .label(format!("the tags deeper than {} are left out, their text kept", bounds::HTML_DEPTH))
                .help("HTML this deep is usually pasted from a web page or a word processor: write the text in Markdown, or keep only the tags it needs"),
            );
            flat = bounds::flatten(html, bounds::HTML_DEPTH);
            &flat
        }
    };
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags([
            "abbr",
            "figure",
            "figcaption",
            "section",
            "aside",
            "details",
            "summary",
            "mark",
            "kbd",
            "samp",
            "var",
            "cite",
        ])
        // Ruby annotations are left out: an `<rt>` outside a `<ruby>` is
        // kept where it stands and makes the page invalid HTML (found by
        // fuzzing), and a journal's texts have no use for them.
        .rm_tags(["ruby", "rt", "rp"])
        .add_generic_attributes(["id", "class", "title", "lang", "dir"])
        .add_tag_attributes("a", ["href", "hreflang"])
        .add_tag_attributes("pre", ["data-lang", "tabindex"])
        .add_tag_attributes("div", ["tabindex"])
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("td", ["colspan", "rowspan", "style"])
        .add_tag_attributes("th", ["colspan", "rowspan", "style", "scope"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(
            ["http", "https", "mailto", "tel", "ftp"]
                .into_iter()
                .collect(),
        )
        .link_rel(None)
        // quire's scrolling boxes (code, tables) join the focus order in
        // document order; no other place in it can be asked for.
        .attribute_filter(|_, attribute, value| {
            if attribute == "tabindex" && value != "0" {
                None
            } else {
                Some(value.into())
            }
        });
        b
    });
    cleaner.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_do_not_reach_the_html() {
        // Found by the markdown_html fuzz target: a heading with \x05 and NUL.
        let (body, _) = render("## a\u{5}b\u{0}\n\ntext\u{1b} <b>x\u{7}</b>\n");
        assert!(
            !body.html.contains(|c: char| c.is_control() && c != '\n'),
            "{:?}",
            body.html
        );
        assert!(body.html.contains("ab"));
    }

    fn render(text: &str) -> (Body, Vec<Diagnostic>) {
        let file = SourceFile::new("content/2018/4/a.md", text);
        let mut pages = HashMap::new();
        pages.insert(
            PathBuf::from("content/2018/4/b.md"),
            "/j/archive/2018/4/b/".to_string(),
        );
        let mut diags = Vec::new();
        let root = std::env::temp_dir();
        let ctx = BodyContext {
            file: &file,
            range: 0..text.len(),
            root: &root,
            dir: Path::new("content/2018/4"),
            pages: &pages,
            base_path: "/j/",
        };
        (body(&ctx, &mut diags), diags)
    }

    #[test]
    fn headings_get_unique_anchors_and_toc() {
        let (body, diags) =
            render("## Introduction\n\ntext\n\n### Data\n\n## Introduction\n\n#### Deep\n");
        assert!(diags.is_empty());
        assert!(body.html.contains("<h2 id=\"introduction\">"));
        assert!(body.html.contains("<h2 id=\"introduction-2\">"));
        assert_eq!(body.toc.len(), 3);
        assert_eq!(
            body.toc[1],
            Heading {
                level: 3,
                id: "data".into(),
                title: "Data".into()
            }
        );
    }

    #[test]
    fn links_to_articles_become_addresses() {
        let (body, diags) =
            render("[b](b.md#x) [c](../../2017/1/c.md) [about](/about/) <ed@example.org>");
        assert!(
            body.html.contains("href=\"mailto:ed@example.org\""),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("href=\"/j/archive/2018/4/b/#x\""),
            "{}",
            body.html
        );
        assert!(body.html.contains("href=\"/j/about/\""));
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::BrokenLink);
        assert_eq!(diags[0].primary.0.line_col(), (1, 17));
    }

    #[test]
    fn missing_and_escaping_files_are_reported() {
        let (_, diags) = render(
            "![fig](figures/nope.png)\n\n[x](../../../../etc/passwd)\n\n[y](../other/file.csv)",
        );
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            vec![Code::MissingAsset, Code::UnsafePath, Code::UnsafePath]
        );
    }

    #[test]
    fn relative_addresses_are_read_from_the_page_folder() {
        let article = "archive/2018/4/a";
        assert_eq!(
            join_address(article, "../").as_deref(),
            Some("archive/2018/4")
        );
        assert_eq!(
            join_address(article, "../../../../about/index.html").as_deref(),
            Some("about")
        );
        assert_eq!(join_address("", "archive/").as_deref(), Some("archive"));
        assert_eq!(join_address("", "./").as_deref(), Some(""));
        assert_eq!(join_address("about", "../../x/"), None);
    }

    #[test]
    fn ids_come_from_headings_footnotes_and_raw_html() {
        let ids = text_ids(
            "## Data\n\n## Data\n\n## Given {#mine}\n\nA note[^n].\n\n[^n]: The note.\n\n<div id=\"box\" class='x'>a</div> <span data-id=\"no\">b</span>\n",
        );
        assert_eq!(ids, vec!["data", "data-2", "mine", "n", "box"]);
    }

    #[test]
    fn raw_html_is_sanitised() {
        let (body, _) = render("<abbr title=\"x\">CIS</abbr> <script>alert(1)</script> <a href=\"javascript:x\" onclick=\"y\">z</a>\n\n## Kept\n");
        assert!(
            body.html.contains("<abbr title=\"x\">CIS</abbr>"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("script"));
        assert!(!body.html.contains("onclick"));
        assert!(!body.html.contains("javascript"));
        assert!(body.html.contains("id=\"kept\""));
    }

    #[test]
    fn code_is_highlighted_into_classes() {
        let (body, _) = render("```python\nimport os\nprint(\"<hi>\")\n```\n");
        assert!(
            body.html
                .contains("<pre class=\"code\" data-lang=\"python\" tabindex=\"0\">"),
            "{}",
            body.html
        );
        assert!(body.html.contains("hl-"));
        assert!(body.html.contains("&lt;hi&gt;"));
    }

    #[test]
    fn tables_and_code_scroll_in_focusable_boxes_even_past_the_sanitiser() {
        let text = "| a | b |\n|---|--:|\n| 1 | 2 |\n\n```\nx\n```\n";
        let with_html = format!("{text}\n<div tabindex=\"3\">raw</div>\n");
        for source in [text, with_html.as_str()] {
            let (body, _) = render(source);
            assert!(
                body.html
                    .contains("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
                "{}",
                body.html
            );
            assert!(body.html.contains("</table>\n</div>"), "{}", body.html);
            assert!(
                body.html.contains("<pre class=\"code\" tabindex=\"0\">"),
                "{}",
                body.html
            );
            assert!(body.html.contains("text-align: right"), "{}", body.html);
        }
        let (body, _) = render(&with_html);
        assert!(body.html.contains("<div>raw</div>"), "{}", body.html);
    }

    #[test]
    fn a_heading_gets_one_id_whatever_its_attributes_say() {
        let (body, _) = render("# Title {#title id}\n\n## Next {id=other .c}");
        let html = body.html;
        assert_eq!(html.matches("id=").count(), 2, "{html}");
        assert!(html.contains("<h1 id=\"title\">"), "{html}");
    }

    #[test]
    fn heading_attributes_cannot_act() {
        let (body, _) = render(
            "## A {#a onclick=alert(1) style=color:red onmouseover=x lang=ru data-note=n Read Read}",
        );
        let html = body.html;
        assert!(html.contains("<h2 id=\"a\""), "{html}");
        for bad in ["onclick", "style", "onmouseover", "read="] {
            assert!(!html.to_ascii_lowercase().contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains("lang=\"ru\"") && html.contains("data-note=\"n\""),
            "{html}"
        );
    }

    #[test]
    fn heading_anchors_stay_unique_when_a_title_ends_in_a_number() {
        let (body, _) = render("## Tit\n\n## Tit 2\n\n## Tit\n\n## Tit");
        let ids: Vec<&str> = body.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["tit", "tit-2", "tit-3", "tit-4"]);
    }

    #[test]
    fn a_link_inside_a_link_keeps_only_its_text() {
        let (body, _) = render("[write to <ed@example.org> now](https://example.org/)");
        let html = body.html;
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert!(html.contains("write to ed@example.org now</a>"), "{html}");
    }
}

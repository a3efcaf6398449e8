//! Front-matter Markdown (titles, subtitles, abstracts) as editors wrote it,
//! and the one derivation of each form it is shown in: HTML and plain text.
//!
//! The model keeps only the Markdown. A view or a writer asks [`Inline`] or
//! [`Markdown`] for the form it needs; a job that needs an abstract's forms
//! several times (an article page: its head, its citation downloads, its
//! search document) makes an [`ArticleProse`] once and passes it along.
//!
//! The parser options and the link filter live here too, since they say
//! what editors' Markdown means; `content::markdown` renders full texts
//! with the same setup.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::Article;

/// The Markdown extensions every rendering of the site's Markdown uses.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Inline Markdown as written: a title or a subtitle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline(String);

impl Inline {
    /// Keeps `markdown` as written.
    pub fn new(markdown: String) -> Self {
        Inline(markdown)
    }

    /// The Markdown as written, for XML outputs that convert it themselves.
    pub fn markdown(&self) -> &str {
        &self.0
    }

    /// The HTML: inline Markdown rendered without a paragraph, HTML shown
    /// as text.
    pub fn html(&self) -> String {
        let html = block_html(&self.0);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => trimmed.to_string(),
        }
    }

    /// The plain text: for `<title>`, feeds, meta tags and citations.
    pub fn text(&self) -> String {
        plain(&self.0)
    }
}

/// Block Markdown as written: an abstract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown(String);

impl Markdown {
    /// Keeps `markdown` as written.
    pub fn new(markdown: String) -> Self {
        Markdown(markdown)
    }

    /// The Markdown as written, for XML outputs that convert it themselves.
    pub fn markdown(&self) -> &str {
        &self.0
    }

    /// The HTML; HTML in the Markdown is shown as text and links keep only
    /// safe schemes.
    pub fn html(&self) -> String {
        block_html(&self.0)
    }

    /// The plain text, paragraphs separated by a blank line: for feeds,
    /// meta tags, citations and the search index.
    pub fn text(&self) -> String {
        plain(&self.0)
    }
}

/// An article's title, subtitle and abstracts in the forms pages and files
/// show, derived once for a job that uses them several times (the article
/// page, its head, its downloads and its search document) and dropped with
/// the job.
#[derive(Debug, Clone)]
pub struct ArticleProse {
    /// The title as HTML.
    pub title_html: String,
    /// The title as plain text.
    pub title_text: String,
    /// The subtitle as HTML.
    pub subtitle_html: Option<String>,
    /// The subtitle as plain text.
    pub subtitle_text: Option<String>,
    /// Title and subtitle as plain text, joined by [`full_title`].
    pub full_title: String,
    /// The abstract as HTML.
    pub abstract_html: String,
    /// The abstract as plain text.
    pub abstract_text: String,
    /// The abstract cut short, from [`Article::description`]'s rule.
    pub description: String,
    /// Each translation's title and abstract, in the article's order.
    pub translations: Vec<TranslationProse>,
}

/// A translation's title and abstract as HTML and plain text.
#[derive(Debug, Clone)]
pub struct TranslationProse {
    /// The title as HTML.
    pub title_html: String,
    /// The title as plain text.
    pub title_text: String,
    /// The subtitle as HTML.
    pub subtitle_html: Option<String>,
    /// The subtitle as plain text.
    pub subtitle_text: Option<String>,
    /// Title and subtitle as plain text, joined by [`full_title`].
    pub full_title: String,
    /// The abstract as HTML.
    pub abstract_html: String,
    /// The abstract as plain text.
    pub abstract_text: String,
}

impl ArticleProse {
    /// Derives every form of `article`'s prose.
    pub fn new(article: &Article) -> Self {
        let title_text = article.title.text();
        let subtitle_text = article.subtitle.as_ref().map(Inline::text);
        let abstract_text = article.abstract_.text();
        ArticleProse {
            title_html: article.title.html(),
            full_title: full_title(&title_text, subtitle_text.as_deref()),
            title_text,
            subtitle_html: article.subtitle.as_ref().map(Inline::html),
            subtitle_text,
            abstract_html: article.abstract_.html(),
            description: super::archive::description(&abstract_text),
            abstract_text,
            translations: article
                .translations
                .iter()
                .map(|t| {
                    let title_text = t.title.text();
                    let subtitle_text = t.subtitle.as_ref().map(Inline::text);
                    TranslationProse {
                        title_html: t.title.html(),
                        full_title: full_title(&title_text, subtitle_text.as_deref()),
                        title_text,
                        subtitle_html: t.subtitle.as_ref().map(Inline::html),
                        subtitle_text,
                        abstract_html: t.abstract_.html(),
                        abstract_text: t.abstract_.text(),
                    }
                })
                .collect(),
        }
    }
}

/// A title and its subtitle as one line, as citations, meta tags and the
/// search index write it: the subtitle after a colon (after a space only
/// when the title already ends in a stop, a question mark, an exclamation
/// mark or a colon). Both are trimmed; an empty subtitle is left out.
pub fn full_title(title: &str, subtitle: Option<&str>) -> String {
    let title = title.trim();
    match subtitle.map(str::trim) {
        Some(subtitle) if !subtitle.is_empty() => {
            if title.ends_with(['.', '?', '!', ':']) {
                format!("{title} {subtitle}")
            } else {
                format!("{title}: {subtitle}")
            }
        }
        _ => title.to_string(),
    }
}

/// Front-matter Markdown as HTML: HTML shown as text, unsafe link
/// addresses replaced.
fn block_html(text: &str) -> String {
    let events = Parser::new_ext(text, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            mut attrs,
        }) => {
            keep_heading_attributes(&mut attrs);
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })
        }
        Event::Start(mut tag) => {
            if let Some((dest, image)) = destination(&mut tag) {
                if !is_safe_url(dest) {
                    *dest = CowStr::Borrowed(if image { "" } else { "#" });
                }
            }
            Event::Start(tag)
        }
        other => other,
    });
    let mut html = String::with_capacity(text.len() + text.len() / 4);
    pulldown_cmark::html::push_html(&mut html, without_nested_links(events));
    html
}

/// `events` without a link inside another link's text (an autolink
/// `<ed@example.org>` in `[write to <ed@example.org>](…)`): HTML forbids
/// an `<a>` inside an `<a>`, so the inner one keeps only its text.
pub(crate) fn without_nested_links<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    // For each link open: whether its start was written.
    let mut open: Vec<bool> = Vec::new();
    events.filter(move |event| match event {
        Event::Start(Tag::Link { .. }) => {
            let outer = open.iter().any(|&written| written);
            open.push(!outer);
            !outer
        }
        Event::End(TagEnd::Link) => open.pop().unwrap_or(true),
        _ => true,
    })
}

/// Leaves a heading only the attributes that cannot act, each once (names
/// compared as HTML does, without case): its language and direction, a
/// title, `translate`, and `data-*` for a theme's scripts. Attributes
/// written in Markdown (`## Title {#a lang=ru}`) never pass through the HTML
/// sanitiser, so `{onclick=…}` or `{style=…}` would otherwise reach the page.
pub(crate) fn keep_heading_attributes(attrs: &mut Vec<(CowStr<'_>, Option<CowStr<'_>>)>) {
    let mut seen: Vec<String> = Vec::new();
    attrs.retain(|(name, _)| {
        let name = name.to_ascii_lowercase();
        let data = name.strip_prefix("data-").is_some_and(|rest| {
            !rest.is_empty()
                && rest.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                })
        });
        let allowed = data || matches!(name.as_str(), "lang" | "dir" | "title" | "translate");
        let first = !seen.contains(&name);
        seen.push(name);
        allowed && first
    });
}

/// The plain text of front-matter Markdown, paragraphs separated by a
/// blank line.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push_str("\n\n"),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The address of a link or image tag, and whether it is an image. E-mail
/// autolinks (`<ed@example.org>`) have none to check: pulldown-cmark adds
/// `mailto:` itself.
pub(crate) fn destination<'t, 'a>(tag: &'t mut Tag<'a>) -> Option<(&'t mut CowStr<'a>, bool)> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            ..
        } if *link_type != pulldown_cmark::LinkType::Email => Some((dest_url, false)),
        Tag::Image { dest_url, .. } => Some((dest_url, true)),
        _ => None,
    }
}

/// Whether a link address is safe to keep: relative, a fragment, or a web,
/// mail or telephone address; never `javascript:`, `data:` or `vbscript:`.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &lower[..colon];
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto" | "tel" | "ftp")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_show_html_as_text() {
        let title = Inline::new("The *Silk* Road <script>x</script>".into());
        assert_eq!(
            title.html(),
            "The <em>Silk</em> Road &lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(
            Inline::new("The *Silk* Road".into()).text(),
            "The Silk Road"
        );
    }

    #[test]
    fn abstracts_drop_unsafe_links() {
        let html =
            Markdown::new("[x](javascript:alert(1)) and [y](https://example.org)".into()).html();
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("https://example.org"));
    }

    #[test]
    fn full_titles_join_with_a_colon_unless_the_title_ends_in_a_stop() {
        assert_eq!(full_title(" Title ", Some(" Sub ")), "Title: Sub");
        assert_eq!(full_title("Why?", Some("Sub")), "Why? Sub");
        assert_eq!(full_title("Title", Some("  ")), "Title");
        assert_eq!(full_title("Title", None), "Title");
    }

    #[test]
    fn an_abstract_heading_cannot_act() {
        let html =
            Markdown::new("## Aims {#a onclick=alert(1) style=x lang=en}\n\nText.".into()).html();
        assert!(
            !html.contains("onclick") && !html.contains("style"),
            "{html}"
        );
        assert!(html.contains("lang=\"en\""), "{html}");
    }
}

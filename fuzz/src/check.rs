//! The targets: each runs quire on the fuzzer's bytes and asserts what
//! must hold for any input, panicking (a crash for libFuzzer) when it does not.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quire::config;
use quire::content::walk::IssueDir;
use quire::content::{article, front_matter, issue, markdown};
use quire::diag::{render, Format};
use quire::diag::{Diagnostic, SourceFile, Span};
use quire::scholarly::jats::markdown as jats_markdown;
use quire::search::text as search_text;
use quire::serve::http::{resolve, Target};

use crate::site::Site;

/// Inputs past this size are skipped: the fuzzer looks for wrong answers,
/// and a slow path on megabytes is a benchmark's question.
const MAX_INPUT: usize = 64 * 1024;

/// An article file: front matter split, YAML read, fields decoded.
/// Every diagnostic points inside its file, on character boundaries.
pub fn article(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let site = Site::get();
    let relative = Path::new("content/2020/1/fuzzed.md");
    let _guard = site.write(relative, data);
    let (article, diags) = article::read(&site.root, relative, &site.issue, &site.config);
    spans_hold(&diags);
    if let Some(article) = article {
        assert!(!article.title.markdown().is_empty() || !diags.is_empty());
    }
    // The same text split on its own, as static pages are.
    if let Ok(text) = std::str::from_utf8(data) {
        let file = SourceFile::new(relative, text);
        // Ranges are in the file's own text, whose leading BOM is dropped.
        let text = file.text();
        for required in [false, true] {
            match front_matter::split(&file, required) {
                Ok(split) => {
                    let len = text.len();
                    for range in [&split.yaml, &split.body, &split.opening.range] {
                        assert!(range.start <= range.end && range.end <= len, "{range:?}");
                        assert!(text.is_char_boundary(range.start));
                        assert!(text.is_char_boundary(range.end));
                    }
                    assert!(split.yaml.end <= split.body.start || split.yaml.is_empty());
                    if let Err(d) = quire::yaml::parse(&file, split.yaml.clone()) {
                        spans_hold(std::slice::from_ref(&d));
                    }
                }
                Err(d) => spans_hold(std::slice::from_ref(&d)),
            }
        }
    }
}

/// A `journal.yaml`: parsed and checked; every diagnostic inside the file.
pub fn journal(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("journal.yaml", text);
    let mut diags = Vec::new();
    let config = config::parse(&file, None, &mut diags);
    spans_hold(&diags);
    if let Some(config) = config {
        // A base address always ends in `/`, and the theme is a folder name.
        assert!(config.base_url.as_url().ends_with('/'));
        assert!(config.per_page > 0, "per_page 0 would divide by zero");
    }
}

/// An `_issue.yaml`, read from disk as the build reads it.
pub fn issue(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let site = Site::get();
    let relative = Path::new("content/2021/1/_issue.yaml");
    let _guard = site.write(relative, data);
    let dir = IssueDir {
        year: 2021,
        number: 1,
        dir: PathBuf::from("content/2021/1"),
        issue_file: Some(relative.to_path_buf()),
        articles: Vec::new(),
        files: Vec::new(),
    };
    let mut diags = Vec::new();
    let read = issue::read(&site.root, &dir, &mut diags);
    spans_hold(&diags);
    if let Some(read) = read {
        // What is read is the folder's issue, whatever the file says.
        assert_eq!((read.id.year, read.id.number), (2021, 1));
    }
}

/// A full text to HTML: the HTML parses without error, and no script,
/// event handler or script address survives from the text.
pub fn markdown_html(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let site = Site::get();
    let file = SourceFile::new("content/2020/1/fuzzed.md", text);
    let mut pages = HashMap::new();
    pages.insert(
        PathBuf::from("content/2020/1/other.md"),
        "/j/2020/1/other/".to_string(),
    );
    // The file's own text: a leading byte-order mark is dropped from it.
    let ctx = markdown::BodyContext {
        file: &file,
        range: 0..file.text().len(),
        root: &site.root,
        dir: Path::new("content/2020/1"),
        pages: &pages,
        base_path: "/j/",
    };
    let mut diags = Vec::new();
    let body = markdown::body(&ctx, &mut diags);
    spans_hold(&diags);
    html_is_safe(&body.html);
    let mut ids = std::collections::HashSet::new();
    for heading in &body.toc {
        assert!(matches!(heading.level, 2 | 3));
        assert!(!heading.id.is_empty(), "a heading without an anchor");
        assert!(
            ids.insert(heading.id.clone()),
            "anchor {} twice",
            heading.id
        );
    }
    for asset in &body.assets {
        assert!(
            !asset.starts_with('/') && !asset.split('/').any(|p| p == ".." || p.is_empty()),
            "asset {asset:?} leaves the article's folder"
        );
    }
}

/// Panics unless `html` parses as an HTML fragment without a parse error
/// and holds no script, no event handler and no script address.
pub fn html_is_safe(html: &str) {
    let doc = scraper::Html::parse_fragment(html);
    assert!(
        doc.errors.is_empty(),
        "HTML parse errors {:?} in\n{html}",
        doc.errors
    );
    const ACTIVE: &[&str] = &[
        "script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea",
        "select", "base", "meta", "link", "frame", "frameset", "svg", "math", "template",
    ];
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        assert!(!ACTIVE.contains(&name), "<{name}> in the output:\n{html}");
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr}= in the output:\n{html}");
            assert!(
                attr != "style" || matches!(name, "td" | "th"),
                "style= on <{name}>"
            );
            if matches!(attr.as_str(), "href" | "src") {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                    assert!(!v.starts_with(scheme), "{attr}={value:?} in the output");
                }
            }
        }
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "raw <script in:\n{html}");
}

/// A full text and a title to JATS: each is well-formed XML holding only
/// characters XML 1.0 allows, whichever way footnotes go.
pub fn jats(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let keep = |dest: &str| Some(dest.to_string());
    for footnotes in [
        jats_markdown::Footnotes::Back,
        jats_markdown::Footnotes::Inline,
    ] {
        let options = jats_markdown::Options {
            prefix: "",
            footnotes,
            id_prefix: "fn",
            resolve: &keep,
        };
        let converted = jats_markdown::blocks(text, &options);
        xml_is_well_formed(&converted.blocks, "body");
        xml_is_well_formed(&converted.footnotes, "fn-group");
        let inline = jats_markdown::inline(text, &options);
        xml_is_well_formed(&inline, "article-title");
    }
}

fn xml_is_well_formed(events: &[jats_markdown::XmlEvent], root: &str) {
    let mut writer = quick_xml_writer();
    writer.get_mut().extend_from_slice(
        format!("<{root} xmlns:xlink=\"http://www.w3.org/1999/xlink\">").as_bytes(),
    );
    jats_markdown::write_events(&mut writer, events).expect("writing to memory");
    writer
        .get_mut()
        .extend_from_slice(format!("</{root}>").as_bytes());
    let bytes = writer.into_inner();
    let xml = String::from_utf8(bytes).expect("quick-xml writes UTF-8 from UTF-8");
    if let Err(e) = roxmltree::Document::parse(&xml) {
        panic!("not well-formed XML ({e}):\n{xml}");
    }
}

fn quick_xml_writer() -> quire::xml::XmlWriter {
    quick_xml::Writer::new(Vec::new())
}

/// The search tokenizer: words are non-empty runs of lowercase letters and
/// digits no longer than the limit, and cutting the words again gives the
/// same words (the browser cuts a query with the same rule).
pub fn search(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let words = search_text::words(text);
    for word in &words {
        assert!(!word.is_empty());
        assert!(!word.contains('ё'), "{word:?} keeps ё");
        assert!(
            word.chars().all(|c| !c.is_whitespace()),
            "{word:?} holds a space"
        );
    }
    let again = search_text::words(&words.join(" "));
    assert_eq!(again, words, "cutting the words again changes them");
    for paragraph in search_text::paragraphs(text) {
        assert!(!paragraph.trim().is_empty(), "an empty paragraph");
    }
}

/// `quire import`'s reader: what it finds, written as an article file by
/// the scaffold, is front matter quire itself reads without a YAML error.
pub fn import(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let imported = quire::import::parse(&text);
    // Lines as editors' programs count them: LF, CRLF and a lone CR each
    // end one (quire's own source files count the same way).
    let line_count = quire::diag::SourceFile::new("form.txt", text.as_ref()).line_count();
    for (number, _) in &imported.unrecognised {
        assert!(
            (1..=line_count).contains(number),
            "line {number} of {line_count}"
        );
    }
    let _ = imported.missing();
    let site = Site::get();
    let slug = imported
        .draft
        .title
        .as_deref()
        .and_then(quire::import::slug_for_title)
        .unwrap_or_else(|| quire::model::Slug::from_text("imported").expect("a valid slug"));
    let id = imported.doi_issue.map(|d| d.issue).unwrap_or(site.issue.id);
    let written = quire::scaffold::article(&imported.draft, id, &slug, &site.config);
    let file = SourceFile::new("content/2020/1/imported.md", written.as_str());
    let split = front_matter::split(&file, true).unwrap_or_else(|d| {
        panic!(
            "the imported file has no front matter: {}\n{written}",
            d.message
        )
    });
    let node = quire::yaml::parse(&file, split.yaml.clone())
        .unwrap_or_else(|d| panic!("the imported file's YAML: {}\n{written}", d.message));
    if let (Some(title), Some(entries)) = (&imported.draft.title, node.as_map()) {
        let written_title = entries
            .iter()
            .find(|e| e.key == "title")
            .and_then(|e| e.value.as_text());
        assert_eq!(
            written_title.map(str::trim),
            Some(title.trim()),
            "the title changed on the way:\n{written}"
        );
    }
}

/// serve's request paths: no answer leads outside the output folder, and a
/// redirect stays on the site.
pub fn serve_path(data: &[u8]) {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    if raw.len() > 4096 {
        return;
    }
    let site = Site::get();
    let root = site.public.canonicalize().expect("public/ exists");
    let outside = site.outside.canonicalize().expect("outside/ exists");
    for base in ["/", "/j/"] {
        match resolve(&site.public, base, raw) {
            Target::File(path) => {
                let real = path.canonicalize().expect("a resolved file exists");
                assert!(real.starts_with(&root), "{raw:?} served {}", path.display());
                assert!(
                    !real.starts_with(&outside),
                    "{raw:?} served {}",
                    path.display()
                );
                assert!(real.is_file(), "{raw:?} served a folder");
            }
            Target::Redirect(to) => {
                assert!(to.starts_with(base), "{raw:?} redirects to {to:?}");
                assert!(
                    !to.starts_with("//"),
                    "{raw:?} redirects off the site: {to:?}"
                );
                assert!(
                    !to.chars().any(|c| c.is_control() || c == '\\'),
                    "{raw:?} redirects to {to:?}, unsafe in a Location header"
                );
            }
            Target::Forbidden | Target::NotFound => {}
        }
    }
}

/// Panics unless every span of every diagnostic lies inside its file, on
/// character boundaries, and the diagnostic prints in both forms.
pub fn spans_hold(diags: &[Diagnostic]) {
    for d in diags {
        span_holds(&d.primary.0, d);
        for (span, _) in &d.secondary {
            span_holds(span, d);
        }
        assert!(!d.message.is_empty(), "a diagnostic without a message");
        let _ = render(d, Format::Human);
        let _ = render(d, Format::Short);
    }
}

fn span_holds(span: &Span, d: &Diagnostic) {
    let text = span.file.text();
    let range = &span.range;
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "span {range:?} outside a file of {} bytes: {}",
        text.len(),
        d.message
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "span {range:?} splits a character: {}",
        d.message
    );
    let (line, col) = span.line_col();
    assert!(line >= 1 && col >= 1, "position {line}:{col}");
    assert!(
        line <= span.file.line_count().max(1),
        "line {line} past the end"
    );
}

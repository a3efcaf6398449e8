//! Loading templates: the built-in default theme, then the site's theme,
//! then the site's own `templates/`, each file overriding the one before.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// The default theme's templates, built into the binary.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "header.html",
        include_str!("../../themes/default/templates/header.html"),
    ),
    (
        "footer.html",
        include_str!("../../themes/default/templates/footer.html"),
    ),
    (
        "related_entry.html",
        include_str!("../../themes/default/templates/related_entry.html"),
    ),
    (
        "home.html",
        include_str!("../../themes/default/templates/home.html"),
    ),
    (
        "archive.html",
        include_str!("../../themes/default/templates/archive.html"),
    ),
    (
        "issue.html",
        include_str!("../../themes/default/templates/issue.html"),
    ),
    (
        "article.html",
        include_str!("../../themes/default/templates/article.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "taxonomy_index.html",
        include_str!("../../themes/default/templates/taxonomy_index.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "statistics.html",
        include_str!("../../themes/default/templates/statistics.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("../../themes/default/templates/taxonomy_term.html"),
    ),
];

/// The template of an article's entry on a term page: `macros.html`'s
/// `article_entry` with the arguments term pages give it. quire renders it
/// itself, once per article and language on keyword, country and region
/// pages (see [`crate::render::pass::taxonomies`]); a macro sees only its
/// arguments, so the result is the same wherever it is printed. It is
/// quire's own and not overridden by a file of that name: a theme changes
/// entries through the macro.
pub const TERM_ENTRY: &str = "quire/term-entry.html";

/// The template of a related article in the list on an article's page,
/// rendered once per article and language; it sees only `entry`.
pub const RELATED_ENTRY: &str = "related_entry.html";

/// Templates quire renders pieces of pages with, after every other.
const INTERNAL: &[(&str, &str)] = &[(
    TERM_ENTRY,
    concat!(
        r#"{% import "macros.html" as m %}"#,
        "{{ m::article_entry(entry=entry, level=3, linked_authors=true, ",
        "affiliations=affiliations, current=current, show_issue=true, show_doi=false) }}",
    ),
)];

/// The default theme's static files, built into the binary.
pub const BUILT_IN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "stem.js",
        include_bytes!("../../themes/default/static/stem.js"),
    ),
    (
        "score.js",
        include_bytes!("../../themes/default/static/score.js"),
    ),
];

/// The loaded templates, each with the file it came from, so that an error
/// while rendering names that file and line.
pub struct Templates {
    tera: Tera,
    /// Each template by name: its path as editors see it (relative to the
    /// site folder, or `(built-in) name`) and its text.
    sources: HashMap<String, Arc<SourceFile>>,
    /// The templates the theme and the site left as built in.
    built_in: HashSet<String>,
}

impl Templates {
    /// The same templates with `t(key=...)` in `text`'s language, for
    /// another language's tree (parsed once, problems reported once).
    pub fn for_text(&self, text: &crate::text::Text) -> Templates {
        let mut tera = self.tera.clone();
        tera.register_function("t", crate::text::Lookup::new(text.clone()));
        Templates {
            tera,
            sources: self.sources.clone(),
            built_in: self.built_in.clone(),
        }
    }

    /// Whether any template names `word` as a whole (`meta_tags` in
    /// `article.meta_tags`, in any template, a comment too): a view field
    /// that no template names need not be made.
    pub fn mentions(&self, word: &str) -> bool {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        self.sources.values().any(|source| {
            let text = source.text();
            text.match_indices(word).any(|(at, _)| {
                !text[..at].ends_with(ident) && !text[at + word.len()..].starts_with(ident)
            })
        })
    }

    /// Whether template `name` is the default theme's own, overridden by
    /// neither the theme nor the site: then quire knows what it reads.
    pub fn is_built_in(&self, name: &str) -> bool {
        self.built_in.contains(name)
    }

    /// Renders template `name`; an error is a diagnostic at the template
    /// file and line that caused it (see [`runtime_error`]).
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|err| self.runtime_error(name, &err))
    }

    /// A render error as a diagnostic. Tera's error kinds name the filter,
    /// function or test that is missing or failed, and its message names a
    /// missing variable; Tera keeps no position, so the first place that
    /// uses the name is searched in the template and then in the templates
    /// it extends and imports.
    fn runtime_error(&self, name: &str, err: &tera::Error) -> Diagnostic {
        let chain = error_chain(err);
        let mut files: Vec<&str> = vec![name];
        if let Ok(template) = self.tera.get_template(name) {
            files.extend(template.parents.iter().map(String::as_str));
            files.extend(
                template
                    .imported_macro_files
                    .iter()
                    .map(|(file, _)| file.as_str()),
            );
        }
        let culprit = culprit(err);
        let found = culprit.as_ref().and_then(|what| {
            files.iter().find_map(|file| {
                let source = self.sources.get(*file)?;
                let range = what.find_in(source.text())?;
                Some(Span::new(source, range))
            })
        });
        let span = found.unwrap_or_else(|| match self.sources.get(name) {
            Some(source) => Span::file_start(source),
            None => Span::file_start(&SourceFile::new(name, "")),
        });
        let label = match &culprit {
            Some(what) => what.label(),
            None => "the template failed here".to_string(),
        };
        Diagnostic::new(
            Code::TemplateError,
            span,
            format!("the template cannot be rendered: {chain}"),
        )
        .label(label)
        .help("check the names the template uses against docs/templates.md")
    }
}

/// What a render error blames, by the kind of Tera error.
enum Culprit {
    Filter(String),
    Function(String),
    Test(String),
    Variable(String),
}

impl Culprit {
    /// Where it is first used in `text`: the name after `|`, before `(`,
    /// after `is`, or as written.
    fn find_in(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let (name, fits): (&str, fn(&str, &str) -> bool) = match self {
            Culprit::Filter(name) => (name, |before, _| before.trim_end().ends_with('|')),
            Culprit::Function(name) => (name, |_, after| after.trim_start().starts_with('(')),
            Culprit::Test(name) => (name, |before, _| {
                let before = before.trim_end();
                before.ends_with(" is") || before.ends_with(" not")
            }),
            Culprit::Variable(name) => (name, |_, _| true),
        };
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        let mut from = 0;
        while let Some(at) = text[from..].find(name).map(|i| i + from) {
            let end = at + name.len();
            let (before, after) = (&text[..at], &text[end..]);
            let whole = !before.ends_with(ident) && !after.starts_with(ident);
            let in_tag = before
                .rfind(['{'])
                .is_some_and(|open| before.rfind('}').is_none_or(|close| close < open));
            if whole && in_tag && fits(before, after) {
                return Some(at..end);
            }
            from = end;
        }
        None
    }

    fn label(&self) -> String {
        match self {
            Culprit::Filter(name) => format!("the filter `{name}`"),
            Culprit::Function(name) => format!("the function `{name}`"),
            Culprit::Test(name) => format!("the test `{name}`"),
            Culprit::Variable(name) => format!("the value `{name}`"),
        }
    }
}

/// The culprit an error's kind (or one of its causes' kinds) names.
fn culprit(err: &tera::Error) -> Option<Culprit> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(error) = current {
        if let Some(tera_error) = error.downcast_ref::<tera::Error>() {
            match &tera_error.kind {
                ErrorKind::FilterNotFound(name) | ErrorKind::CallFilter(name) => {
                    return Some(Culprit::Filter(name.clone()))
                }
                ErrorKind::FunctionNotFound(name) | ErrorKind::CallFunction(name) => {
                    return Some(Culprit::Function(name.clone()))
                }
                ErrorKind::TestNotFound(name) | ErrorKind::CallTest(name) => {
                    return Some(Culprit::Test(name.clone()))
                }
                // A missing value is only a message: "Variable `x.y` not
                // found in context while rendering 'article.html'".
                ErrorKind::Msg(message) if message.starts_with("Variable `") => {
                    let name = message.split('`').nth(1)?;
                    return Some(Culprit::Variable(name.to_string()));
                }
                _ => {}
            }
        }
        current = error.source();
    }
    None
}

/// Loads every template: the built-in ones, then the theme's, then the
/// site's, each overriding the one before by name, with `t(key=...)` in
/// `text`'s language. Every template that does not parse is a diagnostic at
/// its file and line; `None` when any failed.
pub fn load(
    root: &Path,
    theme: &str,
    text: &crate::text::Text,
    diags: &mut Vec<Diagnostic>,
) -> Option<Templates> {
    let mut built_in: HashSet<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
    let mut sources: Vec<(String, Arc<SourceFile>)> = BUILT_IN
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                SourceFile::new(format!("(built-in) {name}"), *text),
            )
        })
        .collect();
    for dir in [
        root.join("themes").join(theme).join("templates"),
        root.join("templates"),
    ] {
        for (name, path) in files_under(root, &dir, diags) {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            match crate::inside::read(root, &path).map(String::from_utf8) {
                Ok(Ok(text)) => {
                    sources.retain(|(n, _)| *n != name);
                    built_in.remove(&name);
                    sources.push((name, SourceFile::new(relative, text)));
                }
                Err(refused) => diags.push(refused.diagnostic("the template")),
                Ok(Err(_)) => {
                    let file = SourceFile::new(relative, "");
                    diags.push(
                        Diagnostic::new(
                            Code::NotUtf8,
                            Span::file_start(&file),
                            "the template is not UTF-8 text",
                        )
                        .help("save the template as UTF-8"),
                    );
                }
            }
        }
    }
    for (name, text) in INTERNAL {
        sources.retain(|(n, _)| n != name);
        sources.push((
            name.to_string(),
            SourceFile::new(format!("(built-in) {name}"), *text),
        ));
    }
    // Each template is parsed alone first, so a syntax error is known by
    // the file being parsed, and every broken file is reported at once.
    let mut parsed = true;
    for (name, source) in &sources {
        if let Err(err) = tera::Template::new(name, None, source.text()) {
            diags.push(parse_error(&err, source));
            parsed = false;
        }
    }
    if !parsed {
        return None;
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also writes `/` as `&#x2F;`: valid, but it makes
    // every address in the output unreadable. These five are what HTML needs.
    tera.set_escape_fn(escape);
    // `t(key=...)`: every word a template prints, from the catalogue of
    // the interface language.
    tera.register_function("t", crate::text::Lookup::new(text.clone()));
    let pairs = sources
        .iter()
        .map(|(name, source)| (name.as_str(), source.text()));
    if let Err(err) = tera.add_raw_templates(pairs) {
        diags.push(link_error(&err, &sources));
        return None;
    }
    Some(Templates {
        tera,
        sources: sources.into_iter().collect(),
        built_in,
    })
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    crate::html::escape(text)
}

/// Every file under `dir` (hidden ones left out), in name order, named by
/// its path relative to `dir` with `/`: a theme's templates or static files.
///
/// A `dir` that does not exist has no files. Links are followed while they
/// stay inside the site folder `root`: `dir` itself, a folder or a file
/// under it may be a link to elsewhere in the site, and one that leads
/// outside is an error, as is a special file (a named pipe, a device);
/// neither is listed (`crate::inside`). A folder that cannot be listed is
/// an error too. Each error names its path.
pub fn files_under(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, std::path::PathBuf)> {
    match crate::inside::resolve(root, dir) {
        Ok(real) if real.meta.is_dir() => {}
        Ok(_) => return Vec::new(),
        Err(refused) if refused.is_missing() => return Vec::new(),
        Err(refused) => {
            diags.push(refused.diagnostic("the folder"));
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    let mut refused = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| match crate::inside::check_entry(root, e) {
            Ok(()) => true,
            Err(r) => {
                let what = if e.file_type().is_dir() {
                    "the folder"
                } else {
                    "the file"
                };
                refused.push(r.diagnostic(what));
                false
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(crate::inside::walk_error(root, &err));
                continue;
            }
        };
        if entry.file_type().is_file() {
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = rel
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if published(&name) {
                out.push((name, entry.path().to_path_buf()));
            }
        }
    }
    diags.extend(refused);
    out
}

/// Whether a file under a theme's or the site's folder (`css/site.css`) is
/// used: hidden names (`.DS_Store`, `.git/`, editors' swap files) are left
/// out at any depth, except the `.well-known/` folder at the top, which web
/// standards read (`.well-known/security.txt`); the site's `.nojekyll` makes
/// GitHub Pages serve it.
fn published(name: &str) -> bool {
    name.split('/')
        .enumerate()
        .all(|(depth, part)| !part.starts_with('.') || (depth == 0 && part == ".well-known"))
}

/// A template syntax error as a diagnostic in `source`, at the line and
/// column of Tera's parser message (`--> 6:1`, then `= what went wrong`):
/// Tera's error type carries that message but no position of its own.
fn parse_error(err: &tera::Error, source: &Arc<SourceFile>) -> Diagnostic {
    use std::error::Error;
    let mut texts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(inner) = cause {
        texts.push(inner.to_string());
        cause = inner.source();
    }
    let full = texts.join("\n");
    let position = full.split_once("--> ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((
            line.trim().parse::<usize>().ok()?,
            col.parse::<usize>().ok()?,
        ))
    });
    let what = full
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map_or_else(|| error_chain(err), str::to_string);
    let span = match position {
        Some((line, col)) => {
            let at = source.offset_of(line, col.saturating_sub(1));
            let end = source.line_range(line.saturating_sub(1)).end.max(at);
            Span::new(source, at..end)
        }
        None => Span::file_start(source),
    };
    Diagnostic::new(Code::TemplateError, span, format!("the template does not parse: {what}"))
        .label("the template's syntax breaks here")
        .help("Tera writes values as `{{ value }}` and blocks as `{% if x %}...{% endif %}`; see docs/templates.md")
}

/// An error in how the templates fit together (a missing or circular
/// parent), at the start of the template whose `extends` is wrong.
fn link_error(err: &tera::Error, sources: &[(String, Arc<SourceFile>)]) -> Diagnostic {
    let at = |name: &str| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, source)| Span::file_start(source))
    };
    let (span, help) = match &err.kind {
        ErrorKind::MissingParent { current, parent } => (
            at(current),
            format!("add the template `{parent}` or extend one that exists"),
        ),
        ErrorKind::CircularExtend { tpl, .. } => (
            at(tpl),
            "a template cannot extend itself, even through others".to_string(),
        ),
        _ => (None, "see docs/templates.md".to_string()),
    };
    let span = span.unwrap_or_else(|| Span::file_start(&SourceFile::new("templates", "")));
    Diagnostic::new(
        Code::TemplateError,
        span,
        format!("the templates do not fit together: {}", error_chain(err)),
    )
    .label("this template's `extends`")
    .help(help)
}

/// A Tera error with its causes, on one line.
pub fn error_chain(err: &tera::Error) -> String {
    use std::error::Error;
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
        .replace('\n', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod published_tests {
    use super::published;

    #[test]
    fn hidden_files_are_left_out_but_well_known_is_published() {
        assert!(published("style.css"));
        assert!(published("css/site.css"));
        assert!(published(".well-known/security.txt"));
        assert!(!published(".DS_Store"));
        assert!(!published("css/.site.css.swp"));
        assert!(!published(".git/config"));
        assert!(!published("docs/.well-known/x"));
    }
}

//! Loading templates: the built-in default theme, then the site's theme,
//! then the site's own `templates/`, each file overriding the one before.

use std::path::Path;

use tera::Tera;

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
        "taxonomy_term.html",
        include_str!("../../themes/default/templates/taxonomy_term.html"),
    ),
];

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
];

/// Loads every template. A template that does not parse is a diagnostic
/// naming its file.
pub fn load(root: &Path, theme: &str, diags: &mut Vec<Diagnostic>) -> Option<Tera> {
    let mut sources: Vec<(String, String, String)> = BUILT_IN
        .iter()
        .map(|(name, text)| {
            (
                name.to_string(),
                format!("(built-in) {name}"),
                text.to_string(),
            )
        })
        .collect();
    for dir in [
        root.join("themes").join(theme).join("templates"),
        root.join("templates"),
    ] {
        let Ok(entries) = files_under(&dir) else {
            continue;
        };
        for (name, path) in entries {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    sources.retain(|(n, _, _)| *n != name);
                    sources.push((name, relative, text));
                }
                Err(_) => {
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
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also writes `/` as `&#x2F;`: valid, but it makes
    // every address in the output unreadable. These five are what HTML needs.
    tera.set_escape_fn(escape);
    // `t(key=...)`: every word a template prints, from the catalogue.
    tera.register_function(
        "t",
        crate::text::Lookup::new(crate::text::Text::default_interface().clone()),
    );
    let pairs: Vec<(String, String)> = sources
        .iter()
        .map(|(n, _, t)| (n.clone(), t.clone()))
        .collect();
    if let Err(err) = tera.add_raw_templates(pairs) {
        diags.push(parse_error(&err, &sources));
        return None;
    }
    Some(tera)
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    crate::content::markdown::html_escape(text)
}

/// Every file under `dir` (hidden ones left out), in name order, named by
/// its path relative to `dir` with `/`: a theme's templates or static files.
pub fn files_under(dir: &Path) -> std::io::Result<Vec<(String, std::path::PathBuf)>> {
    if !dir.is_dir() {
        return Err(std::io::ErrorKind::NotFound.into());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = rel
                .iter()
                .map(|p| p.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !name.starts_with('.') {
                out.push((name, entry.path().to_path_buf()));
            }
        }
    }
    Ok(out)
}

/// A template syntax error as a diagnostic at the line and column Tera
/// names (its parser writes `--> 6:1` and `= what went wrong`).
fn parse_error(err: &tera::Error, sources: &[(String, String, String)]) -> Diagnostic {
    use std::error::Error;
    let mut texts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        texts.push(cause.to_string());
        source = cause.source();
    }
    let full = texts.join("\n");
    let culprit = sources
        .iter()
        .find(|(name, _, _)| full.contains(&format!("'{name}'")));
    let file = match culprit {
        Some((_, path, text)) => SourceFile::new(path.as_str(), text.as_str()),
        None => SourceFile::new("templates", ""),
    };
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
            let at = file.offset_of(line, col.saturating_sub(1));
            let end = file.line_range(line.saturating_sub(1)).end.max(at);
            Span::new(&file, at..end)
        }
        None => Span::file_start(&file),
    };
    Diagnostic::new(Code::TemplateError, span, format!("the template does not parse: {what}"))
        .label("the template's syntax breaks here")
        .help("Tera writes values as `{{ value }}` and blocks as `{% if x %}...{% endif %}`; see docs/templates.md")
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

//! Printing diagnostics: the compiler's long form and a one-line form.

use std::fmt::Write;

use super::{Diagnostic, Span};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// With the quoted line, a marker under the problem and a help line.
    #[default]
    Human,
    /// `file:line:col: error[E012]: message`, one line each, for CI logs.
    Short,
}

/// Renders `diagnostic` in `format`, ending with a newline.
pub fn render(diagnostic: &Diagnostic, format: Format) -> String {
    match format {
        Format::Human => render_human(diagnostic),
        Format::Short => render_short(diagnostic),
    }
}

fn render_short(d: &Diagnostic) -> String {
    let (line, col) = d.primary.0.line_col();
    format!(
        "{}:{line}:{col}: {}[{}]: {}\n",
        d.path().display(),
        d.severity.as_str(),
        d.code,
        d.message
    )
}

fn render_human(d: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
    let spans: Vec<&(Span, String)> = std::iter::once(&d.primary).chain(&d.secondary).collect();
    let gutter = spans
        .iter()
        .map(|(span, _)| span.line_col().0.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    for (i, (span, label)) in spans.iter().enumerate() {
        let (line, col) = span.line_col();
        let arrow = if i == 0 { "-->" } else { ":::" };
        let _ = writeln!(
            out,
            "{pad}{arrow} {}:{line}:{col}",
            span.file.path().display()
        );
        let _ = writeln!(out, "{pad} |");
        let file = &span.file;
        let range = file.line_range(line - 1);
        let start = span.range.start.clamp(range.start, range.end);
        let end = span.range.end.clamp(start, range.end);
        let width = file.text()[start..super::floor_char_boundary(file.text(), end)]
            .chars()
            .count()
            .max(1);
        let quote = Quote::of(&file.text()[range], col - 1, width);
        let _ = writeln!(out, "{line:>gutter$} | {}", quote.text);
        let marker = if i == 0 { "^" } else { "-" };
        let mut underline = format!("{}{}", " ".repeat(quote.column), marker.repeat(quote.width));
        if !label.is_empty() {
            underline.push(' ');
            underline.push_str(label);
        }
        let _ = writeln!(out, "{pad} | {underline}");
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} = help: {help}");
    }
    out
}

/// The most characters of a source line the long form quotes; a longer
/// line (a minified file, a body written on one line) is cut around the
/// problem, so one diagnostic never prints megabytes.
const QUOTE_WIDTH: usize = 120;
/// How many characters before the problem a cut line keeps.
const QUOTE_LEAD: usize = 40;

/// The part of a source line quoted under a diagnostic's location, with
/// where its marker goes.
struct Quote {
    /// The quoted characters, tabs shown as spaces, `…` where cut.
    text: String,
    /// Characters before the marker.
    column: usize,
    /// Characters the marker spans.
    width: usize,
}

impl Quote {
    /// Quotes `line` with a marker `width` characters wide starting at the
    /// zero-based character `column`.
    fn of(line: &str, column: usize, width: usize) -> Quote {
        let line = line.replace('\t', " ");
        let total = line.chars().count();
        if total <= QUOTE_WIDTH {
            return Quote {
                text: line,
                column,
                width,
            };
        }
        let first = column.saturating_sub(QUOTE_LEAD);
        let last = (first + QUOTE_WIDTH).min(total);
        let mut text = String::new();
        if first > 0 {
            text.push('…');
        }
        text.extend(line.chars().skip(first).take(last - first));
        if last < total {
            text.push('…');
        }
        let lead = usize::from(first > 0);
        Quote {
            text,
            column: column - first + lead,
            width: width.min(last.saturating_sub(column)).max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, SourceFile};

    #[test]
    fn human_form_matches_the_compiler_shape() {
        let text = "---\ntitle: A\n".to_string()
            + &"x: 1\n".repeat(11)
            + "keywrods: [Central Asia, CIS]\n---\n";
        let file = SourceFile::new("content/2018/4/a.md", text);
        let start = file.text().find("keywrods").unwrap();
        let d = Diagnostic::new(
            Code::UnknownField,
            Span::new(&file, start..start + 8),
            "unknown field `keywrods`",
        )
        .label("not an article field")
        .help("did you mean `keywords`?");
        assert_eq!(
            render(&d, Format::Human),
            "error[E012]: unknown field `keywrods`\n  \
             --> content/2018/4/a.md:14:1\n   |\n\
             14 | keywrods: [Central Asia, CIS]\n   \
             | ^^^^^^^^ not an article field\n   \
             = help: did you mean `keywords`?\n"
        );
        assert_eq!(
            render(&d, Format::Short),
            "content/2018/4/a.md:14:1: error[E012]: unknown field `keywrods`\n"
        );
    }

    #[test]
    fn underline_counts_characters() {
        let file = SourceFile::new("a.md", "k: Ёлка x\n");
        let start = file.text().find('Ё').unwrap();
        let d = Diagnostic::new(
            Code::BadValue,
            Span::new(&file, start..start + "Ёлка".len()),
            "m",
        );
        assert!(render(&d, Format::Human).contains("  |    ^^^^\n"));
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let text = format!("{}<bad>{}\n", "a".repeat(500_000), "b".repeat(500_000));
        let file = SourceFile::new("a.md", text);
        let start = file.text().find('<').unwrap();
        let d = Diagnostic::new(Code::BadValue, Span::new(&file, start..start + 5), "m");
        let out = render(&d, Format::Human);
        assert!(out.len() < 1_000, "{} bytes", out.len());
        let quoted = out.lines().nth(3).unwrap();
        let marked = out.lines().nth(4).unwrap();
        let at = marked.chars().position(|c| c == '^').unwrap();
        let under: String = quoted.chars().skip(at).take(5).collect();
        assert_eq!(under, "<bad>");
        assert!(quoted.contains("| …a") && quoted.ends_with("b…"));
        assert_eq!(marked.matches('^').count(), 5);
    }
}

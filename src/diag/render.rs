//! Printing diagnostics: the compiler's long form and a one-line form, plain
//! or with a terminal's colours.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::{Diagnostic, Severity, Span};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// With the quoted line, a marker under the problem and a help line.
    #[default]
    Human,
    /// `file:line:col: error[E012]: message`, one line each, for CI logs.
    Short,
}

/// Renders `diagnostic` in `format`, ending with a newline, as plain text.
pub fn render(diagnostic: &Diagnostic, format: Format) -> String {
    render_with(diagnostic, format, &Palette::PLAIN)
}

/// [`render`] with colours for a terminal, as ANSI escapes (which
/// `anstream` strips again where colours are not wanted).
pub fn render_styled(diagnostic: &Diagnostic, format: Format) -> String {
    render_with(diagnostic, format, &Palette::TERMINAL)
}

/// The styles of each part of a diagnostic.
struct Palette {
    error: Style,
    warning: Style,
    message: Style,
    frame: Style,
    secondary: Style,
    help: Style,
}

impl Palette {
    /// No styles: plain text.
    const PLAIN: Palette = Palette {
        error: Style::new(),
        warning: Style::new(),
        message: Style::new(),
        frame: Style::new(),
        secondary: Style::new(),
        help: Style::new(),
    };

    /// The colours compilers use: red errors, yellow warnings, blue frames.
    const TERMINAL: Palette = Palette {
        error: AnsiColor::BrightRed.on_default().bold(),
        warning: AnsiColor::BrightYellow.on_default().bold(),
        message: Style::new().bold(),
        frame: AnsiColor::BrightBlue.on_default().bold(),
        secondary: AnsiColor::BrightBlue.on_default().bold(),
        help: AnsiColor::BrightCyan.on_default().bold(),
    };

    /// The style of `severity`'s word and of the primary marker.
    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
        }
    }
}

fn render_with(diagnostic: &Diagnostic, format: Format, palette: &Palette) -> String {
    match format {
        Format::Human => render_human(diagnostic, palette),
        Format::Short => render_short(diagnostic, palette),
    }
}

fn render_short(d: &Diagnostic, p: &Palette) -> String {
    let (line, col) = d.primary.0.line_col();
    let severity = p.severity(d.severity);
    format!(
        "{}:{line}:{col}: {severity}{}[{}]{severity:#}: {}{}{:#}\n",
        d.path().display(),
        d.severity.as_str(),
        d.code,
        p.message,
        d.message,
        p.message
    )
}

fn render_human(d: &Diagnostic, p: &Palette) -> String {
    let mut out = String::new();
    let severity = p.severity(d.severity);
    let (frame, message) = (p.frame, p.message);
    let _ = writeln!(
        out,
        "{severity}{}[{}]{severity:#}{message}: {}{message:#}",
        d.severity.as_str(),
        d.code,
        d.message
    );
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
            "{pad}{frame}{arrow}{frame:#} {}:{line}:{col}",
            span.file.path().display()
        );
        let _ = writeln!(out, "{pad} {frame}|{frame:#}");
        let file = &span.file;
        let range = file.line_range(line - 1);
        let start = span.range.start.clamp(range.start, range.end);
        let end = span.range.end.clamp(start, range.end);
        let width = file.text()[start..super::floor_char_boundary(file.text(), end)]
            .chars()
            .count()
            .max(1);
        let quote = Quote::of(&file.text()[range], col - 1, width);
        let _ = writeln!(out, "{frame}{line:>gutter$} |{frame:#} {}", quote.text);
        let (marker, style) = if i == 0 {
            ("^", severity)
        } else {
            ("-", p.secondary)
        };
        let mut underline = format!(
            "{}{style}{}",
            " ".repeat(quote.column),
            marker.repeat(quote.width)
        );
        if !label.is_empty() {
            underline.push(' ');
            underline.push_str(label);
        }
        let _ = writeln!(out, "{pad} {frame}|{frame:#} {underline}{style:#}");
    }
    if let Some(help) = &d.help {
        let help_style = p.help;
        let _ = writeln!(
            out,
            "{pad} {frame}={frame:#} {help_style}help{help_style:#}: {help}"
        );
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
        // Tabs shown as one space; other control characters (an escape
        // sequence in a file would drive the terminal) as a replacement.
        let line: String = line
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                c if c.is_control() => '\u{fffd}',
                c => c,
            })
            .collect();
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

    #[test]
    fn the_styled_form_is_the_plain_one_with_colours() {
        let file = SourceFile::new("a.md", "---\ntitel: A\n---\n");
        let d = Diagnostic::new(Code::UnknownField, Span::new(&file, 4..9), "unknown field")
            .label("here")
            .help("write `title`");
        for format in [Format::Human, Format::Short] {
            let styled = render_styled(&d, format);
            assert!(styled.contains('\u{1b}'));
            assert_eq!(
                anstream::adapter::strip_str(&styled).to_string(),
                render(&d, format)
            );
        }
    }

    #[test]
    fn control_characters_of_a_quoted_line_never_reach_the_terminal() {
        let file = SourceFile::new("a.md", "k: \u{1b}[2Jx\n");
        let d = Diagnostic::new(Code::BadValue, Span::new(&file, 3..4), "m");
        let out = render(&d, Format::Human);
        assert!(!out.contains('\u{1b}'), "{out}");
        assert!(out.contains("k: \u{fffd}[2Jx"));
    }
}

//! YAML syntax errors in an editor's words.
//!
//! The parser names its own states ("did not find expected key", "mapping
//! values are not allowed in this context"). An editor who has never read
//! the YAML specification needs to hear what is wrong with the line they
//! wrote and how to write it instead: a tab, a colon inside a title, a quote
//! left open, a line out of line with its neighbours. [`super::Problem`]
//! sorts the parser's errors by the mistake behind them; each mistake is
//! recognised from that and the text around it, and pointed at where
//! the editor made it (the opening quote, the tab, the second key), which
//! is often not where the parser gave up. What is not recognised keeps the
//! parser's words with a general help.

use std::ops::Range;
use std::sync::Arc;

use super::{Failure, Problem, Twice};
use crate::diag::{Code, Diagnostic, SourceFile, Span};

/// The diagnostic for a YAML text at `range` of `file` that failed to parse.
pub(super) fn explain(
    file: &Arc<SourceFile>,
    range: Range<usize>,
    failure: &Failure,
) -> Diagnostic {
    let text = Text { file, range };
    let at = failure.at;
    if failure.problem == Problem::TabAfterColon {
        if let Some(d) = text.tab_after_colon(at) {
            return d;
        }
    }
    if let Some(d) = text.tab(at, failure.problem == Problem::Tab) {
        return d;
    }
    // Inside a `[` or `{` that is never closed, the parser's complaint is
    // about the lines after it; the bracket is the mistake.
    let own_place = matches!(
        failure.problem,
        Problem::Quote | Problem::Escape | Problem::Reserved | Problem::Bom
    );
    if !own_place {
        if let Some(d) = failure.flow.and_then(|open| text.unclosed_flow(open)) {
            return d;
        }
    }
    let found = match failure.problem {
        Problem::Quote => text.quote(at),
        Problem::Escape => text.escape(at),
        Problem::Colon => text.colon(at),
        Problem::AfterValue => text.after_value(at).or_else(|| text.misaligned(at)),
        Problem::MissingDash => text.missing_dash(at, failure.list),
        Problem::NoColon => text.no_colon(text.key_line(at)),
        Problem::Documents => text.documents(),
        Problem::Reserved => text.reserved(at),
        Problem::Bom => text.bom(at),
        Problem::Tab | Problem::TabAfterColon | Problem::Other => None,
    };
    found.unwrap_or_else(|| {
        Diagnostic::new(
            Code::YamlSyntax,
            Span::new(file, at..at),
            format!("invalid YAML: {}", failure.words),
        )
        .label("the fields cannot be read from here on")
        .help("check the spaces at the start of each line and the quoting: text containing `: ` or starting with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%` or `@` must be in quotes")
    })
}

/// A key written twice in one mapping: at the second, the first as secondary.
pub(super) fn duplicate(file: &Arc<SourceFile>, twice: &Twice) -> Diagnostic {
    let name = &twice.key;
    Diagnostic::new(
        Code::YamlSyntax,
        Span::new(file, twice.second.clone()),
        format!("`{name}` is written twice"),
    )
    .label("written again here")
    .secondary(Span::new(file, twice.first.clone()), "first written here")
    .help(format!("keep one `{name}:` line and delete the other"))
}

/// The YAML text being read, with line helpers.
struct Text<'a> {
    file: &'a Arc<SourceFile>,
    range: Range<usize>,
}

/// A `name: value` line taken apart (byte offsets into the file).
struct Field {
    /// The name before the colon.
    key: String,
    /// Where the colon is.
    colon: usize,
    /// Where the value starts (after the colon and its spaces).
    value: usize,
}

impl Text<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// The byte range of the line holding `offset`, without its line break.
    fn line(&self, offset: usize) -> Range<usize> {
        self.file.line_range(self.file.line_index(offset))
    }

    /// The byte range of the line's text without its indentation and
    /// trailing spaces.
    fn content(&self, line: Range<usize>) -> Range<usize> {
        let text = &self.file.text()[line.clone()];
        let start = line.start + (text.len() - text.trim_start().len());
        start..line.start + text.trim_end().len().max(start - line.start)
    }

    /// The line at `offset` read as `name: value`, after any `- ` marks.
    fn field(&self, offset: usize) -> Option<Field> {
        let line = self.line(offset);
        let text = self.file.text();
        let content = self.content(line.clone());
        let mut start = content.start;
        while text[start..content.end].starts_with("- ") {
            start += 2;
            start += text[start..content.end].len() - text[start..content.end].trim_start().len();
        }
        let rest = &text[start..content.end];
        if rest.starts_with(['"', '\'', '[', '{', '#']) {
            return None;
        }
        let colon = rest
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with([' ', '\t']))?;
        let after = &rest[colon + 1..];
        let value = start + colon + 1 + (after.len() - after.trim_start().len());
        Some(Field {
            key: rest[..colon].trim().to_string(),
            colon: start + colon,
            value,
        })
    }

    /// The value of `field` to the end of its line, without a comment.
    fn value_text(&self, field: &Field) -> &str {
        let line = self.line(field.value);
        let text = &self.file.text()[field.value..line.end.max(field.value)];
        text.split(" #").next().unwrap_or(text).trim_end()
    }

    /// A tab in the indentation of the line at `at` or of a line before it;
    /// with `after`, when the parser named a tab, of a line after it too
    /// (it may stop on the value above the line with the tab).
    fn tab(&self, at: usize, after: bool) -> Option<Diagnostic> {
        let line = self.file.line_index(at);
        let first = self.file.line_index(self.range.start);
        let last = self.file.line_index(self.range.end);
        let text = self.file.text();
        let later = (line + 1..=last).filter(|_| after);
        (first..=line).rev().chain(later).find_map(|n| {
            let line = self.file.line_range(n);
            if line.start >= self.range.end && n > first {
                return None;
            }
            let body = &text[line.clone()];
            let indent = body.len() - body.trim_start_matches([' ', '\t']).len();
            let tab = body[..indent].find('\t')?;
            let tab = line.start + tab;
            Some(
                Diagnostic::new(
                    Code::YamlSyntax,
                    self.span(tab..tab + 1),
                    "this line is indented with a tab, but YAML indents with spaces only",
                )
                .label("a tab")
                .help("replace the tab with spaces, so that the line starts in the same column as the lines it belongs with"),
            )
        })
    }

    /// A tab between a field's colon and its value; `at` is past the tabs.
    fn tab_after_colon(&self, at: usize) -> Option<Diagnostic> {
        let text = self.file.text();
        let line = self.line(at);
        let colon = text[line.start..at].rfind(':')? + line.start;
        let tab = text[colon..at].find('\t')? + colon;
        let key = self.field(at).map_or_else(String::new, |f| f.key);
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(tab..tab + 1),
                if key.is_empty() {
                    "a tab follows the colon, but YAML separates a value from its name with a space".to_string()
                } else {
                    format!("a tab follows the colon of `{key}`, but YAML separates a value from its name with a space")
                },
            )
            .label("a tab")
            .help("replace the tab with a space"),
        )
    }

    /// A quoted text the parser could not end: never closed, or closed on a
    /// later line that is not indented. `open` is its quote.
    fn quote(&self, open: usize) -> Option<Diagnostic> {
        let text = self.file.text();
        let quote = text[open..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        match self.closing_quote(open, quote) {
            Some(close) if close > self.line(open).end => {
                let name = self.field(open).filter(|f| f.value == open).map_or_else(
                    || "the quoted text".to_string(),
                    |f| format!("the text of `{}`", f.key),
                );
                Some(
                    Diagnostic::new(
                        Code::YamlSyntax,
                        self.span(open..open + 1),
                        format!("{name} goes on over several lines, but the lines after the first are not indented"),
                    )
                    .label("this quoted text goes on over several lines")
                    .help("start each line after the first with spaces, further right than the field's name, or write the whole text on one line"),
                )
            }
            _ => self.unclosed_quote(open),
        }
    }

    /// A backslash in the double-quoted text at `open` that starts no
    /// escape YAML knows (`\q`, or `\x` without two hexadecimal digits).
    fn escape(&self, open: usize) -> Option<Diagnostic> {
        let text = &self.file.text()[..self.range.end];
        if !text[open..].starts_with('"') {
            return None;
        }
        let mut chars = text[open..].char_indices().skip(1);
        let (slash, c) = loop {
            match chars.next()? {
                (_, '"') => return None,
                (i, '\\') => {
                    let (_, c) = chars.next()?;
                    let hex = match c {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    let valid = if hex > 0 {
                        // By characters: a letter of another script may
                        // stand where a digit should (found by fuzzing).
                        text[open + i + 2..]
                            .get(..hex)
                            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
                    } else {
                        "0abtnvfre \"/\\N_LP\t\r\n".contains(c)
                    };
                    if !valid {
                        break (open + i, c);
                    }
                }
                _ => {}
            }
        };
        let written = &text[slash..slash + 1 + c.len_utf8()];
        let message = match c {
            'x' => format!("`{written}` in double quotes must be followed by 2 hexadecimal digits"),
            'u' => format!("`{written}` in double quotes must be followed by 4 hexadecimal digits"),
            'U' => format!("`{written}` in double quotes must be followed by 8 hexadecimal digits"),
            _ => format!("`{written}` in double quotes is not a special character YAML knows"),
        };
        Some(
            Diagnostic::new(Code::YamlSyntax, self.span(slash..slash + written.len()), message)
            .label("a backslash in double quotes starts a special character")
            .help("write a backslash as `\\\\`, or put the text in single quotes, where a backslash is just a backslash"),
        )
    }

    /// Where the text opened by the quote at `open` ends: the closing quote
    /// followed by the end of its line, a comment, or a `,`, `]`, `}` or `:`.
    fn closing_quote(&self, open: usize, quote: char) -> Option<usize> {
        let text = &self.file.text()[..self.range.end];
        let mut chars = text[open + 1..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if quote == '"' && c == '\\' {
                chars.next();
                continue;
            }
            if c != quote {
                continue;
            }
            if quote == '\'' && chars.peek().is_some_and(|(_, c)| *c == '\'') {
                chars.next();
                continue;
            }
            let close = open + 1 + i;
            let rest = text[close + 1..].split('\n').next().unwrap_or("").trim();
            return (rest.is_empty() || rest.starts_with(['#', ',', ']', '}', ':']))
                .then_some(close);
        }
        None
    }

    /// The line the parser's "simple key" began on: the last line with
    /// text before the one it stopped on (or that one, at the end).
    fn key_line(&self, at: usize) -> usize {
        let text = self.file.text();
        let first = self.file.line_index(self.range.start);
        let line = self.file.line_index(at);
        let at_end = at >= self.range.end && !text[..at].ends_with('\n');
        let last = if at_end { line } else { line.saturating_sub(1) };
        (first..=last)
            .rev()
            .map(|n| self.file.line_range(n))
            .find(|l| {
                let body = text[l.clone()].trim();
                !body.is_empty() && !body.starts_with('#') && l.start >= self.range.start
            })
            .map_or(at, |l| l.start)
    }

    /// A quoted text whose closing quote never comes; `open` is its quote.
    fn unclosed_quote(&self, open: usize) -> Option<Diagnostic> {
        let text = self.file.text();
        let quote = text[open..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let line = self.line(open);
        let written = text[open + 1..line.end.max(open + 1)].trim_end();
        let example = match self.field(open) {
            Some(field) if field.value == open => format!("{}: {quote}{written}{quote}", field.key),
            _ => format!("{quote}{written}{quote}"),
        };
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(open..open + 1),
                format!("the quotation mark `{quote}` is never closed"),
            )
            .label("this quotation mark opens a text that never ends")
            .help(format!(
                "end the text with a second `{quote}`, as in `{example}`, or remove this one"
            )),
        )
    }

    /// `mapping values are not allowed`: a colon inside a value, or a field
    /// indented under the line above it.
    fn colon(&self, at: usize) -> Option<Diagnostic> {
        let field = self.field(at)?;
        if field.colon < at {
            let value = self.value_text(&field);
            return Some(
                Diagnostic::new(
                    Code::YamlSyntax,
                    self.span(at..at + 1),
                    format!(
                        "the text of `{}` contains a colon followed by a space",
                        field.key
                    ),
                )
                .label("YAML takes this colon for the end of a field name")
                .help(format!(
                    "put the whole text in quotes: `{}: {}`",
                    field.key,
                    quoted(value)
                )),
            );
        }
        let content = self.content(self.line(at));
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(content.start..field.colon),
                format!("`{}` is indented further than the line above it", field.key),
            )
            .label("indented too far")
            .help(format!(
                "if `{}` is a field, start it in the same column as the field above it; if this line goes on with the text above, put that whole text in quotes",
                field.key
            )),
        )
    }

    /// `did not find expected key` right after a value that began with a
    /// quote or a bracket: the value ended before the line did.
    fn after_value(&self, at: usize) -> Option<Diagnostic> {
        let line = self.line(at);
        let content = self.content(line);
        let text = self.file.text();
        let mut start = content.start;
        let mut key = None;
        if let Some(field) = self.field(at) {
            if field.value >= at {
                return None;
            }
            start = field.value;
            key = Some(field.key);
        } else {
            while text[start..content.end].starts_with("- ") {
                start += 2;
            }
        }
        let value = text[start..content.end]
            .split(" #")
            .next()
            .unwrap_or("")
            .trim_end();
        let first = value.chars().next()?;
        // The character the parser stopped at, whole.
        let width = text[at..].chars().next().map_or(0, char::len_utf8);
        let name = key
            .as_deref()
            .map_or_else(|| "the item".to_string(), |k| format!("`{k}`"));
        let prefix = key
            .as_deref()
            .map_or_else(|| "- ".to_string(), |k| format!("{k}: "));
        // A quoted text that goes on after its closing quote: the same
        // problem for either quote, with the other quote as the way out.
        let closed_early = |help: String| {
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(at..at + width),
                format!("the text of {name} goes on after its closing quotation mark"),
            )
            .label("the quoted text ended just before this")
            .help(help)
        };
        let d = match first {
            '"' => {
                // `"The "Great Game" revisited"`: the outer quotes were meant
                // to hold the text, so they go; single quotes take their place.
                let inner = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                    Some(inner) => inner,
                    None => value,
                };
                closed_early(format!(
                    "put the whole text in single quotes, which keep the double quotes inside it: `{prefix}'{}'`",
                    inner.replace('\'', "''")
                ))
            }
            '\'' => {
                let inner = value.trim_matches('\'');
                closed_early(format!(
                    "an apostrophe inside single quotes is written twice (`''`); or put the text in double quotes: `{prefix}\"{inner}\"`"
                ))
            }
            '[' | '{' => {
                Diagnostic::new(
                    Code::YamlSyntax,
                    self.span(start..start + 1),
                    format!(
                    "the text of {name} starts with `{first}`, which YAML reads as the start of {}",
                    if first == '[' { "a list" } else { "a set of fields" }
                ),
                )
                .label(format!("`{first}` at the start of a value"))
                .help(format!(
                    "put the whole text in quotes: `{prefix}{}`",
                    quoted(value)
                ))
            }
            _ => return None,
        };
        Some(d)
    }

    /// A line whose indentation matches none of the lines above it.
    fn misaligned(&self, at: usize) -> Option<Diagnostic> {
        let content = self.content(self.line(at));
        let line = self.line(at);
        let column = self.file.text()[line.start..content.start].chars().count() + 1;
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(content),
                "this line is not lined up with the lines above it",
            )
            .label(format!("starts in column {column}"))
            .help("YAML reads the structure from the spaces at the start of each line: the fields of one group, and the `- ` of the items of one list, start in the same column; line this one up with the lines it belongs with"),
        )
    }

    /// A line inside a block list that does not start with `- `.
    fn missing_dash(&self, at: usize, list: Option<usize>) -> Option<Diagnostic> {
        let content = self.content(self.line(at));
        let mut d = Diagnostic::new(
            Code::YamlSyntax,
            self.span(content.start..content.start),
            "this line is inside a list but does not start with `- `",
        )
        .label("expected `- ` here")
        .help("start a new item with `- `, in the same column as the `- ` above; if the line belongs to the item above, indent it to the column of that item's first field");
        if let Some(list) = list {
            d = d.secondary(self.span(list..list + 1), "the list starts here");
        }
        Some(d)
    }

    /// A line without `name:` where a field was expected; `start` is the
    /// line's first character.
    fn no_colon(&self, start: usize) -> Option<Diagnostic> {
        let content = self.content(self.line(start));
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(content),
                "this line is not a `name: value` field",
            )
            .label("no `:` after a field name")
            .help("write a field as `name: value`, with a colon and a space; in a list, start each item with `- `; a text that goes on over several lines is indented under its field"),
        )
    }

    /// A `[` list or `{` mapping never closed; `at` is its bracket.
    fn unclosed_flow(&self, at: usize) -> Option<Diagnostic> {
        let text = &self.file.text()[..self.range.end];
        let open = text[at..]
            .chars()
            .next()
            .filter(|c| matches!(c, '[' | '{'))?;
        // The brackets after it, outside quotes: closed if they pair up
        // back to this one; a `}` where a `]` is due closes nothing.
        let mut open_brackets = Vec::new();
        let mut quote = None;
        for c in text[at..].chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => open_brackets.push(c),
                (None, ']' | '}') => {
                    let pairs = matches!(
                        (open_brackets.pop(), c),
                        (Some('['), ']') | (Some('{'), '}')
                    );
                    if !pairs {
                        break;
                    }
                    if open_brackets.is_empty() {
                        return None;
                    }
                }
                _ => {}
            }
        }
        let (close, what, example) = if open == '[' {
            (']', "list", "keywords: [Central Asia, CIS]")
        } else {
            ('}', "set of fields", "extra: {series: Working Papers}")
        };
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(at..at + 1),
                format!("the {what} opened with `{open}` is never closed"),
            )
            .label(format!("this `{open}` has no matching `{close}`"))
            .help(format!(
                "end the {what} with `{close}` on the same line, as in `{example}`; put an item that contains a comma, a colon or a bracket in quotes"
            )),
        )
    }

    /// A second document: a `---` line in a YAML file, or a first field
    /// indented further than the next.
    fn documents(&self) -> Option<Diagnostic> {
        let text = self.file.text();
        let first = self.file.line_index(self.range.start);
        let last = self.file.line_index(self.range.end);
        let lines = (first..=last).map(|n| self.file.line_range(n));
        let lines: Vec<_> = lines.filter(|l| l.end <= self.range.end).collect();
        if let Some(line) = lines
            .iter()
            .find(|l| matches!(text[(*l).clone()].trim_end(), "---" | "..."))
        {
            return Some(
                Diagnostic::new(
                    Code::YamlSyntax,
                    self.span(line.clone()),
                    "a `---` line splits the fields in two",
                )
                .label("a second part starts here")
                .help("remove this line: the file holds one set of `name: value` fields"),
            );
        }
        let line = lines.iter().find(|l| {
            !text[(*l).clone()].trim().is_empty()
                && !text[(*l).clone()].trim_start().starts_with('#')
        })?;
        let content = self.content(line.clone());
        (content.start > line.start).then(|| {
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(content),
                "the first field is indented, and the fields after it are not",
            )
            .label("spaces before the first field")
            .help("start each top-level field at the very beginning of its line")
        })
    }

    /// A byte-order mark (U+FEFF, invisible) at or after `at`.
    fn bom(&self, at: usize) -> Option<Diagnostic> {
        let text = &self.file.text()[..self.range.end];
        let bom = text[at..].find('\u{feff}')? + at;
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(bom..bom + '\u{feff}'.len_utf8()),
                "an invisible byte-order mark (U+FEFF) stands inside the fields",
            )
            .label("a byte-order mark")
            .help(
                "delete it: it cannot be seen, and often comes with text pasted from another file",
            ),
        )
    }

    /// A value that begins with a character YAML keeps for itself.
    fn reserved(&self, at: usize) -> Option<Diagnostic> {
        let text = self.file.text();
        let c = text[at..].chars().next()?;
        if !matches!(c, '@' | '`' | '%' | '*' | '&' | '!') {
            return None;
        }
        let content = self.content(self.line(at));
        let (prefix, value) = match self.field(at) {
            Some(field) if field.value == at => (
                format!("{}: ", field.key),
                self.value_text(&field).to_string(),
            ),
            _ if text[content.start..at].trim_end() == "-" => {
                ("- ".to_string(), text[at..content.end].to_string())
            }
            _ => return None,
        };
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                self.span(at..at + c.len_utf8()),
                format!("a text that starts with `{c}` must be in quotes"),
            )
            .label(format!(
                "YAML keeps `{c}` for itself at the start of a value"
            ))
            .help(format!(
                "put the whole text in quotes: `{prefix}{}`",
                quoted(&value)
            )),
        )
    }
}

/// `value` in double quotes, or in single quotes when it holds a double one.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

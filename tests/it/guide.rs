//! The editors' documents against the program. The editors' guide,
//! `docs/editing.md`: every diagnostic code has its own heading with its
//! summary, every field quire accepts is explained, and every command and
//! its options are described. The content format's specification,
//! `docs/content-format.md`: every code has a row in its table of codes,
//! and every field is named where its file is specified. A new code, field
//! or command fails here until both explain it.

use std::collections::BTreeSet;

use clap::CommandFactory;
use quire::cli::Cli;
use quire::diag::Code;

use crate::support;

/// The guide's path, for the messages.
const GUIDE: &str = "docs/editing.md";

/// The content format's specification.
const FORMAT: &str = "docs/content-format.md";

fn read(doc: &str) -> String {
    let path = support::repo_root().join(doc);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn guide() -> String {
    read(GUIDE)
}

/// The text under `heading` (a whole line such as `## Adding an issue`), up
/// to the next heading of the same or a higher level.
fn section<'a>(guide: &'a str, heading: &str) -> &'a str {
    section_of(GUIDE, guide, heading)
}

/// [`section`] of the document `doc` (its path, for the message).
fn section_of<'a>(doc: &str, text: &'a str, heading: &str) -> &'a str {
    let level = heading.len() - heading.trim_start_matches('#').len();
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("{doc} has no heading `{heading}`"));
    let body = &text[start + heading.len() + 2..];
    let end = body
        .match_indices('\n')
        .map(|(at, _)| at + 1)
        .find(|&at| {
            let line = &body[at..];
            let hashes = line.len() - line.trim_start_matches('#').len();
            (1..=level).contains(&hashes) && line[hashes..].starts_with(' ')
        })
        .unwrap_or(body.len());
    &body[..end]
}

/// The fields in `names` that `text` does not show as `` `name` ``.
fn missing_in_backticks<'a>(text: &str, names: &[&'a str]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|name| !text.contains(&format!("`{name}`")))
        .collect()
}

/// The fields in `names` that no line of `text` starts with as `name:`
/// (after indentation), as they are in the guide's YAML examples.
fn missing_as_keys<'a>(text: &str, names: &[&'a str]) -> Vec<&'a str> {
    let keys: BTreeSet<&str> = text
        .lines()
        .filter_map(|line| line.trim_start().trim_start_matches("- ").split_once(':'))
        .map(|(key, _)| key.trim())
        .collect();
    names
        .iter()
        .copied()
        .filter(|name| !keys.contains(name))
        .collect()
}

#[track_caller]
fn assert_none_missing(missing: &[&str], what: &str, where_: &str) {
    assert_none_missing_in(GUIDE, missing, what, where_);
}

#[track_caller]
fn assert_none_missing_in(doc: &str, missing: &[&str], what: &str, where_: &str) {
    assert!(
        missing.is_empty(),
        "{doc} does not explain the {what} {missing:?}: add them to {where_}"
    );
}

#[test]
fn every_diagnostic_code_has_its_own_heading_with_its_summary() {
    let guide = guide();
    let headings: Vec<&str> = guide.lines().filter(|l| l.starts_with("### ")).collect();
    for code in Code::ALL {
        let expected = format!("### {code} — {}", code.summary());
        let found: Vec<&&str> = headings
            .iter()
            .filter(|h| h.starts_with(&format!("### {code} ")))
            .collect();
        assert!(
            found.len() == 1 && *found[0] == expected,
            "{GUIDE} needs exactly one heading `{expected}` under \"## Every message\", \
             with what the message means, an example and what to do; found {found:?}"
        );
    }
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for heading in &headings {
        let word = heading[4..].split_whitespace().next().unwrap_or("");
        let looks_like_a_code = word.len() == 4
            && (word.starts_with('E') || word.starts_with('W'))
            && word[1..].chars().all(|c| c.is_ascii_digit());
        assert!(
            !looks_like_a_code || known.contains(word),
            "{GUIDE} has the heading `{heading}`, but quire has no code {word}: remove it or correct the code"
        );
    }
}

#[test]
fn every_message_example_carries_its_own_code() {
    let guide = guide();
    let messages = section(&guide, "## Every message");
    for code in Code::ALL {
        let heading = format!("### {code} — {}", code.summary());
        let body = section(messages, &heading);
        let severity = code.severity().as_str();
        assert!(
            body.contains(&format!("{severity}[{code}]: ")),
            "the section `{heading}` of {GUIDE} needs an example message `file:line:col: {severity}[{code}]: ...`"
        );
    }
}

#[test]
fn every_article_author_and_translation_field_is_explained() {
    use quire::content::article::{AUTHOR_FIELDS, FIELDS, TRANSLATION_FIELDS};
    let guide = guide();
    let adding = section(&guide, "## Adding an article");
    let article_table = section(adding, "### The article's fields");
    assert_none_missing(
        &missing_in_backticks(article_table, FIELDS),
        "article fields",
        "the table under \"### The article's fields\"",
    );
    assert_none_missing(
        &missing_as_keys(adding, FIELDS),
        "article fields",
        "the example front matter under \"## Adding an article\"",
    );
    let author_table = section(adding, "### An author's fields");
    assert_none_missing(
        &missing_in_backticks(author_table, AUTHOR_FIELDS),
        "author fields",
        "the table under \"### An author's fields\"",
    );
    assert_none_missing(
        &missing_as_keys(adding, AUTHOR_FIELDS),
        "author fields",
        "the example front matter's author",
    );
    let translations = section(adding, "### A translation's fields");
    assert_none_missing(
        &missing_in_backticks(translations, TRANSLATION_FIELDS),
        "translation fields",
        "\"### A translation's fields\"",
    );
}

#[test]
fn every_issue_journal_page_and_keyword_field_is_explained() {
    let guide = guide();
    let issue = section(&guide, "## Adding an issue");
    assert_none_missing(
        &missing_as_keys(issue, quire::content::issue::FIELDS),
        "_issue.yaml fields",
        "the example _issue.yaml under \"## Adding an issue\"",
    );
    let journal = section(&guide, "## journal.yaml: the journal's settings");
    assert_none_missing(
        &missing_as_keys(journal, quire::config::FIELDS),
        "journal.yaml fields",
        "the example journal.yaml under \"## journal.yaml: the journal's settings\"",
    );
    let pages = section(&guide, "### Static pages and the home page");
    assert_none_missing(
        &missing_in_backticks(pages, quire::content::page::FIELDS),
        "static page fields",
        "\"### Static pages and the home page\"",
    );
    assert_none_missing(
        &missing_in_backticks(pages, quire::content::page::HOME_FIELDS),
        "home page fields",
        "\"### Static pages and the home page\"",
    );
    let keywords = section(&guide, "### Keyword synonyms: content/_keywords.yaml");
    assert_none_missing(
        &missing_in_backticks(keywords, quire::taxonomy::synonyms::FIELDS),
        "_keywords.yaml fields",
        "\"### Keyword synonyms: content/_keywords.yaml\"",
    );
}

/// Every command line that runs something, as typed (`quire export
/// crossref`), with the long options it takes.
fn commands() -> Vec<(String, Vec<String>)> {
    fn walk(command: &clap::Command, prefix: &str, out: &mut Vec<(String, Vec<String>)>) {
        for sub in command.get_subcommands() {
            let line = format!("{prefix} {}", sub.get_name());
            if sub.has_subcommands() {
                walk(sub, &line, out);
            } else {
                let options = sub
                    .get_arguments()
                    .filter_map(|arg| arg.get_long())
                    .map(|long| format!("--{long}"))
                    .collect();
                out.push((line, options));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), "quire", &mut out);
    out
}

#[test]
fn every_command_and_its_options_are_described() {
    let guide = guide();
    let table = section(&guide, "## The commands");
    let commands = commands();
    assert!(
        commands.len() >= 3,
        "clap lists too few commands: {commands:?}"
    );
    for (line, options) in commands {
        let row = table
            .lines()
            .find(|row| row.starts_with(&format!("| `{line}")))
            .unwrap_or_else(|| {
                panic!("{GUIDE} has no row `| `{line} ...` | what it does |` in the table under \"## The commands\"")
            });
        for option in options {
            assert!(
                row.contains(&option),
                "the row of `{line}` under \"## The commands\" in {GUIDE} does not mention its option `{option}`: add it"
            );
        }
    }
}

#[test]
fn the_content_format_has_a_row_for_every_diagnostic_code() {
    let format = read(FORMAT);
    let table = section_of(FORMAT, &format, "## Every diagnostic code");
    for code in Code::ALL {
        let severity = code.severity().as_str();
        let rows: Vec<&str> = table
            .lines()
            .filter(|row| row.starts_with(&format!("| {code} |")))
            .collect();
        assert!(
            rows.len() == 1 && rows[0].starts_with(&format!("| {code} | {severity} | ")),
            "{FORMAT} needs exactly one row `| {code} | {severity} | what it means | what to do |` \
             under \"## Every diagnostic code\"; found {rows:?}"
        );
    }
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for row in table.lines().filter(|row| row.starts_with("| ")) {
        let word = row[2..].split_whitespace().next().unwrap_or("");
        let looks_like_a_code = word.len() == 4
            && (word.starts_with('E') || word.starts_with('W'))
            && word[1..].chars().all(|c| c.is_ascii_digit());
        assert!(
            !looks_like_a_code || known.contains(word),
            "{FORMAT} has a row for {word}, but quire has no such code: remove it or correct the code"
        );
    }
}

#[test]
fn the_content_format_names_every_field_where_its_file_is_specified() {
    use quire::content::article::{AUTHOR_FIELDS, FIELDS, TRANSLATION_FIELDS};
    let format = read(FORMAT);
    let part = |heading: &str| section_of(FORMAT, &format, heading);
    let articles = part("## Articles");
    let tables: [(&str, &[&str]); 8] = [
        ("### The article's fields", FIELDS),
        ("### An author's fields", AUTHOR_FIELDS),
        ("### A translation's fields", TRANSLATION_FIELDS),
        (
            "## Issues: `content/<year>/<number>/` and `_issue.yaml`",
            quire::content::issue::FIELDS,
        ),
        ("## journal.yaml", quire::config::FIELDS),
        (
            "## Static pages and the home page",
            quire::content::page::FIELDS,
        ),
        (
            "## Static pages and the home page",
            quire::content::page::HOME_FIELDS,
        ),
        (
            "## content/_keywords.yaml",
            quire::taxonomy::synonyms::FIELDS,
        ),
    ];
    for (heading, names) in tables {
        let text = if heading.starts_with("### ") {
            section_of(FORMAT, articles, heading)
        } else {
            part(heading)
        };
        assert_none_missing_in(
            FORMAT,
            &missing_in_backticks(text, names),
            "fields",
            &format!("\"{heading}\""),
        );
    }
    for (names, what) in [(FIELDS, "article fields"), (AUTHOR_FIELDS, "author fields")] {
        assert_none_missing_in(
            FORMAT,
            &missing_as_keys(articles, names),
            what,
            "the example front matter under \"## Articles\"",
        );
    }
    assert_none_missing_in(
        FORMAT,
        &missing_as_keys(part("## journal.yaml"), quire::config::FIELDS),
        "journal.yaml fields",
        "the example journal.yaml under \"## journal.yaml\"",
    );
}

#[test]
fn sections_end_at_the_next_heading_of_their_level() {
    let text = "intro\n## A\na\n### B\nb\n## C\nc\n";
    assert_eq!(section(text, "## A"), "a\n### B\nb\n");
    assert_eq!(section(text, "### B"), "b\n");
    assert_eq!(section(text, "## C"), "c\n");
    assert_eq!(
        missing_as_keys("  - name: x\nyear: 1\n", &["name", "year", "cover"]),
        ["cover"]
    );
}

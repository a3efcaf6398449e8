//! Files written for editors to fill in: an article with every field of the
//! content format laid out, and an issue's `_issue.yaml`.
//!
//! Required fields that are not known are written empty (`title: ""`), so
//! that `quire check` reports each one as missing until it is filled: an
//! example value an editor forgot to replace would be published, an empty one
//! cannot be. Optional fields are written commented out (`# doi: ...`) with a
//! valid example value and a one-line note; deleting the `# ` makes them
//! count. Lines starting with `##` are notes only. `quire import` uses the
//! same layout with the fields it recognised filled in.

use chrono::NaiveDate;

use crate::config::Config;
use crate::model::{IssueId, Slug};

/// What is known of an article before its file is written; `None` and empty
/// lists are left for the editor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleDraft {
    /// The title.
    pub title: Option<String>,
    /// The authors in byline order; none gives one empty author.
    pub authors: Vec<AuthorDraft>,
    /// The DOI, without a resolver prefix.
    pub doi: Option<String>,
    /// The pages, `78-91` or `5`.
    pub pages: Option<String>,
    /// The abstract's paragraphs, each one line of text.
    pub abstract_paragraphs: Vec<String>,
    /// The keywords.
    pub keywords: Vec<String>,
}

/// What is known of one author.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthorDraft {
    /// The name as printed.
    pub name: Option<String>,
    /// Academic degrees.
    pub degrees: Option<String>,
    /// Position.
    pub position: Option<String>,
    /// Affiliation.
    pub affiliation: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// `2018/4` as an issue; the error says what is wrong.
pub fn parse_issue(text: &str) -> Result<IssueId, String> {
    let bad = || format!("`{text}` is not an issue: write YEAR/NUMBER, such as 2018/4");
    let (year, number) = text.trim().split_once('/').ok_or_else(bad)?;
    let year: u16 = year.parse().map_err(|_| bad())?;
    let number: u32 = number.parse().map_err(|_| bad())?;
    if !(1000..=9999).contains(&year) {
        return Err(format!("`{year}` is not a four-digit year"));
    }
    if !(1..=10_000).contains(&number) {
        return Err(format!(
            "`{number}` is not an issue number (1 to 10000 within a year)"
        ));
    }
    Ok(IssueId { year, number })
}

/// `2018/4/central-asia-integration` as an issue and a slug.
pub fn parse_article(text: &str) -> Result<(IssueId, Slug), String> {
    let Some((issue, slug)) = text.trim().rsplit_once('/') else {
        return Err(format!(
            "`{text}` is not an article: write YEAR/NUMBER/SLUG, such as 2018/4/central-asia-integration"
        ));
    };
    let id = parse_issue(issue)?;
    let slug = slug
        .strip_suffix(".md")
        .unwrap_or(slug)
        .parse::<Slug>()
        .map_err(|why| format!("`{slug}` is not a slug: {why}"))?;
    Ok((id, slug))
}

/// The text of `_issue.yaml` for `id`, dated `published`.
pub fn issue(id: IssueId, whole_number: Option<u32>, published: NaiveDate) -> String {
    let mut out = Lines::default();
    out.note(&format!(
        "## Issue {}/{}. Lines starting with one `#` are optional: delete the `# ` to use one.",
        id.year, id.number
    ));
    out.set(
        0,
        "year",
        &id.year.to_string(),
        "required: the year folder's name",
    );
    out.set(
        0,
        "number",
        &id.number.to_string(),
        "required: the issue folder's name",
    );
    match whole_number {
        Some(n) => out.set(
            0,
            "whole_number",
            &n.to_string(),
            "the running number since the first issue",
        ),
        None => out.example(
            0,
            "whole_number",
            "1",
            "the running number since the first issue",
        ),
    }
    out.example(0, "volume", "1", "the volume");
    out.example(0, "title", "Central Asia after 2016", "a thematic title");
    out.set(
        0,
        "published",
        &published.to_string(),
        "required: the day the issue came out, YYYY-MM-DD (written as the day this file was made: correct it)",
    );
    out.example(
        0,
        "cover",
        "cover.jpg",
        "the cover image, relative to this folder",
    );
    out.0
}

/// The text of a new article file in issue `id` named `slug`, with what
/// `draft` knows filled in.
pub fn article(draft: &ArticleDraft, id: IssueId, slug: &Slug, config: &Config) -> String {
    let mut out = Lines::default();
    out.raw("---");
    out.note(&format!(
        "## An article of issue {}/{}. Fields marked `required` must be filled in: `quire check`",
        id.year, id.number
    ));
    out.note(
        "## reports each one left empty. Lines starting with one `#` are optional fields with",
    );
    out.note(
        "## example values: delete the `# ` to use one. The content format describes each field.",
    );
    out.required(
        0,
        "title",
        draft.title.as_deref(),
        "required: the title as printed; inline Markdown allowed",
    );
    out.example(0, "subtitle", "A Subtitle", "inline Markdown allowed");
    out.raw("authors:  # required: at least one, in byline order");
    let empty = [AuthorDraft::default()];
    let authors = if draft.authors.is_empty() {
        &empty[..]
    } else {
        &draft.authors
    };
    for author in authors {
        write_author(&mut out, author);
    }
    let prefix = config.doi_prefix.as_deref().unwrap_or("10.24833");
    let doi_example = format!("{prefix}/{}-{}-{slug}", id.year, id.number);
    out.optional(
        0,
        "doi",
        draft.doi.as_deref(),
        &doi_example,
        "10.NNNN/suffix; a https://doi.org/ address is accepted",
    );
    out.optional(
        0,
        "pages",
        draft.pages.as_deref(),
        "1-10",
        "first-last, or a single page",
    );
    out.example(0, "section", "Regional Studies", "the rubric");
    let language = config.language.as_str();
    out.example(
        0,
        "language",
        language,
        &format!("ISO 639-1 code; default: the journal's, {language}"),
    );
    write_abstract(&mut out, &draft.abstract_paragraphs);
    write_keywords(&mut out, &draft.keywords);
    out.example(
        0,
        "countries",
        "[KZ, Uzbekistan]",
        "ISO codes or English names; keywords naming a country count too",
    );
    out.example(
        0,
        "pdf",
        &format!("{slug}.pdf"),
        &format!("the PDF galley; default: {slug}.pdf beside this file, when present"),
    );
    let year = id.year;
    out.example(
        0,
        "received",
        &format!("{year}-01-15"),
        "dates are YYYY-MM-DD: received, revised, accepted in this order",
    );
    out.example(0, "revised", &format!("{year}-03-01"), "");
    out.example(0, "accepted", &format!("{year}-04-10"), "");
    out.example(
        0,
        "published",
        &format!("{year}-06-30"),
        "default: the issue's date",
    );
    out.example(
        0,
        "license",
        "CC-BY-4.0",
        "SPDX id; default: the journal's licence",
    );
    out.example(
        0,
        "funding",
        "The study was supported by a grant of the Example Foundation.",
        "",
    );
    out.raw("# references:  # one formatted reference each; a DOI inside is linked");
    out.raw("#   - \"Author A.B. Title of the Book. City: Publisher, 2017. 250 p.\"");
    let other = if language == "ru" { "en" } else { "ru" };
    out.raw("# translations:  # title, abstract and keywords in another language");
    out.raw(&format!("#   {other}:"));
    out.raw("#     title: Title in the second language");
    out.raw("#     abstract: |");
    out.raw("#       The abstract in the second language.");
    out.raw("#     keywords: [first keyword, second keyword]");
    out.example(
        0,
        "slug",
        slug.as_str(),
        "the last part of the address; default: the file name",
    );
    out.example(0, "draft", "true", "built only with `quire build --drafts`");
    out.raw("# extra:  # anything for templates, passed untouched");
    out.raw("#   note: text");
    out.raw("---");
    out.raw("");
    out.0
}

fn write_author(out: &mut Lines, a: &AuthorDraft) {
    out.raw(&format!(
        "  - name: {}  # required: as printed, such as Evgeniya V. Makhmutova",
        a.name.as_deref().map_or_else(|| "\"\"".to_string(), quote)
    ));
    out.example(4, "family", "Makhmutova", "default: the last word of name");
    out.example(
        4,
        "given",
        "Evgeniya V.",
        "default: the words before the family name",
    );
    out.example(
        4,
        "name_original",
        "Евгения В. Махмутова",
        "the name in its own script",
    );
    out.optional(
        4,
        "degrees",
        a.degrees.as_deref(),
        "PhD in Political Sciences",
        "",
    );
    out.optional(
        4,
        "position",
        a.position.as_deref(),
        "Associate Professor",
        "",
    );
    out.optional(
        4,
        "affiliation",
        a.affiliation.as_deref(),
        "Example State University",
        "one text, or a list of texts",
    );
    out.optional(
        4,
        "address",
        a.address.as_deref(),
        "Street, 1, City, 123456, Country",
        "",
    );
    out.optional(4, "email", a.email.as_deref(), "author@example.org", "");
    out.example(4, "orcid", "0000-0002-1825-0097", "the author's ORCID iD");
    out.example(4, "corresponding", "true", "the corresponding author");
}

fn write_abstract(out: &mut Lines, paragraphs: &[String]) {
    if paragraphs.is_empty() {
        out.raw("abstract: |  # required: Markdown; paragraphs separated by an empty line, indented by two spaces");
        return;
    }
    out.raw("abstract: |  # required");
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            out.raw("");
        }
        out.raw(&format!("  {}", paragraph.trim()));
    }
}

fn write_keywords(out: &mut Lines, keywords: &[String]) {
    let note = "recommended: `quire check` warns without them";
    if keywords.is_empty() {
        out.example(0, "keywords", "[first keyword, second keyword]", note);
    } else {
        let list: Vec<String> = keywords.iter().map(|k| quote_in_flow(k)).collect();
        out.set(0, "keywords", &format!("[{}]", list.join(", ")), note);
    }
}

/// The lines of a file being written.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn raw(&mut self, line: &str) {
        self.0.push_str(line);
        self.0.push('\n');
    }

    fn note(&mut self, line: &str) {
        self.raw(line);
    }

    /// `key: value  # note`, where `value` is already YAML.
    fn set(&mut self, indent: usize, key: &str, value: &str, note: &str) {
        let pad = " ".repeat(indent);
        match note {
            "" => self.raw(&format!("{pad}{key}: {value}")),
            note => self.raw(&format!("{pad}{key}: {value}  # {note}")),
        }
    }

    /// The field commented out, with an example value (already YAML).
    fn example(&mut self, indent: usize, key: &str, value: &str, note: &str) {
        let pad = " ".repeat(indent);
        match note {
            "" => self.raw(&format!("{pad}# {key}: {value}")),
            note => self.raw(&format!("{pad}# {key}: {value}  # {note}")),
        }
    }

    /// The field set to `value` when known, else commented out with `example`.
    fn optional(
        &mut self,
        indent: usize,
        key: &str,
        value: Option<&str>,
        example: &str,
        note: &str,
    ) {
        match value {
            Some(value) => self.set(indent, key, &quote(value), note),
            None => self.example(indent, key, &quote(example), note),
        }
    }

    /// The field set to `value`, or to `""` (which `check` reports as missing).
    fn required(&mut self, indent: usize, key: &str, value: Option<&str>, note: &str) {
        let value = value.map_or_else(|| "\"\"".to_string(), quote);
        self.set(indent, key, &value, note);
    }
}

/// `text` as a YAML scalar for a block mapping (`key: text`): plain when
/// that reads back as the same text, double-quoted otherwise.
pub fn quote(text: &str) -> String {
    quote_as(text, false)
}

/// `text` as an item of a flow list (`[a, b]`), where `,[]{}` end a plain scalar.
pub fn quote_in_flow(text: &str) -> String {
    quote_as(text, true)
}

fn quote_as(text: &str, flow: bool) -> String {
    if is_plain_safe(text, flow) && reads_back_plain(text, flow) {
        text.to_string()
    } else {
        // A JSON string is a valid YAML double-quoted scalar with the same value.
        serde_json::Value::String(text.to_string()).to_string()
    }
}

/// Whether quire's own YAML reader reads `text`, written plain (as a
/// field's value, or as an item of a flow list), back as this same text.
/// The rules below keep the common cases plain; this settles the rest
/// (`a -]` in a flow list is refused by the reader), so what `new` and
/// `import` write always reads back.
fn reads_back_plain(text: &str, flow: bool) -> bool {
    let written = if flow {
        format!("k: [{text}]\n")
    } else {
        format!("k: {text}\n")
    };
    let file = crate::diag::SourceFile::new("scaffold.yaml", written);
    let Ok(node) = crate::yaml::parse(&file, 0..file.text().len()) else {
        return false;
    };
    let Some([entry]) = node.as_map() else {
        return false;
    };
    let value = match &entry.value.kind {
        crate::yaml::NodeKind::Seq(items) if flow => match items.as_slice() {
            [item] => item,
            _ => return false,
        },
        _ if flow => return false,
        _ => &entry.value,
    };
    matches!(&value.kind, crate::yaml::NodeKind::Str(read) if read == text)
}

/// True when `text` can be written as a plain scalar and read back as this
/// same text (a string, never a number, date, boolean or null). A leading
/// digit is allowed only with a `/` or a space after it (a DOI, "2018
/// reforms"), which no number or date has.
fn is_plain_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let starts_well =
        first.is_alphabetic() || (first.is_ascii_digit() && text.contains(['/', ' ']));
    let flow_indicator = |c: char| flow && matches!(c, ',' | '[' | ']' | '{' | '}');
    starts_well
        && text.trim() == text
        && !reserved.contains(&text.to_lowercase().as_str())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '\\') || flow_indicator(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::yaml::{self, NodeKind};

    /// `value` written as a block scalar and as a flow item, read back.
    fn read_back(value: &str) -> String {
        let flow = quote_in_flow(value);
        let text = format!("key: {}\nlist: [{flow}, end]\n", quote(value));
        let file = SourceFile::new("t.yaml", text.clone());
        let node = yaml::parse(&file, 0..text.len()).expect("valid YAML");
        let map = node.as_map().expect("a mapping");
        let scalar = map[0].value.as_text().expect("text").to_string();
        let NodeKind::Seq(items) = &map[1].value.kind else {
            panic!("a list")
        };
        assert_eq!(items[0].as_text(), Some(scalar.as_str()), "in a flow list");
        scalar
    }

    #[test]
    fn quoting_reads_back_as_the_same_text() {
        for text in [
            "Central Asia",
            "Russia and China: A Division",
            "Issue #4",
            "a, b",
            "[bracketed]",
            "yes",
            "No",
            "2018",
            "1990s",
            "- dash",
            "elrus@yandex.ru",
            "\"quoted\"",
            "back\\slash",
            "Walt's view",
            "'single'",
            "ends with colon:",
            " leading space",
            "Центральная Азия",
            "tab\there",
            "10.24833/2071-8160-2018-4-61-78-91",
            "78-91",
            "2018-04-10",
            "2018 reforms",
            "Street, 1, City",
            "Kyrgyzstan -",
            "a - b",
            "x -]",
        ] {
            assert_eq!(read_back(text), text, "for {text:?}");
        }
        assert_eq!(quote("Central Asia"), "Central Asia");
        assert_eq!(quote("a: b"), "\"a: b\"");
        assert_eq!(quote("Street, 1, City"), "Street, 1, City");
        assert_eq!(quote_in_flow("a, b"), "\"a, b\"");
    }

    #[test]
    fn targets_are_checked() {
        let (id, slug) = parse_article("2018/4/central-asia-integration").unwrap();
        assert_eq!(
            (id.year, id.number, slug.as_str()),
            (2018, 4, "central-asia-integration")
        );
        assert!(parse_article("2018/4/Central Asia").is_err());
        assert!(parse_article("2018/4").is_err());
        assert!(parse_article("18/4/a").is_err());
        assert!(parse_issue("2018/0").is_err());
        assert!(parse_issue("2018/x").is_err());
        assert_eq!(
            parse_issue("2018/4"),
            Ok(IssueId {
                year: 2018,
                number: 4
            })
        );
    }

    #[test]
    fn issue_files_list_every_field() {
        let date = NaiveDate::from_ymd_opt(2018, 8, 30).unwrap();
        let text = issue(
            IssueId {
                year: 2018,
                number: 4,
            },
            Some(61),
            date,
        );
        for field in crate::content::issue::FIELDS {
            assert!(text.contains(&format!("{field}: ")), "{field} in\n{text}");
        }
        assert!(text.contains("\nwhole_number: 61  #"));
        assert!(text.contains("\npublished: 2018-08-30  #"));
    }
}

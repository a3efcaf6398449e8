//! Reading a plain-text abstract as the journal prints it into an
//! [`ArticleDraft`]:
//!
//! ```text
//! Title of the article
//!
//! Name – degrees, position. Affiliation. Country, City, street, postcode. E-mail: x@y.
//! DOI 10.24833/2071-8160-2018-4-61-78-91 (Read the article in PDF)
//!
//! Abstract paragraph ...
//!
//! Key words: first, second, third.
//! ```
//!
//! The title is the first paragraph, up to the first author or DOI line. An
//! author line starts with a name of two to six capitalised words and a dash;
//! several authors take a line or a paragraph each, and a line that does not
//! start a new author continues the one before. The authors end at the DOI
//! line when it comes before the abstract, otherwise at the first paragraph
//! that does not start with an author. The abstract runs from there to the
//! "Key words:" line; each paragraph's lines are joined into one line, except
//! that a paragraph made only of long lines (pasted from a web page, one
//! paragraph per line) keeps each line as a paragraph. Nothing is guessed
//! silently: what fits nowhere is returned as unrecognised.

pub mod author;

use crate::model::{Doi, IssueId, PageRange};
use crate::scaffold::ArticleDraft;

/// A line longer than this is a whole paragraph, not a wrapped piece of one.
const PARAGRAPH_LINE: usize = 200;

/// What was read from one text.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The article's fields as far as recognised.
    pub draft: ArticleDraft,
    /// The issue and whole number named by a DOI of the journal's form.
    pub doi_issue: Option<DoiIssue>,
    /// Lines that fit nowhere, with their 1-based line numbers.
    pub unrecognised: Vec<(usize, String)>,
    /// Other things that could not be read.
    pub notes: Vec<String>,
}

/// What a DOI of the form `<prefix>/<ISSN>-<year>-<issue>-<whole number>-<first page>-<last page>` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoiIssue {
    /// Year and issue number.
    pub issue: IssueId,
    /// The running number of the issue.
    pub whole_number: u32,
    /// The pages.
    pub pages: PageRange,
}

impl Imported {
    /// The fields of the content format that were not found, for the report.
    pub fn missing(&self) -> Vec<String> {
        let d = &self.draft;
        let mut missing = Vec::new();
        let mut need = |absent: bool, what: &str| {
            if absent {
                missing.push(what.to_string());
            }
        };
        need(d.title.is_none(), "title");
        need(d.authors.is_empty(), "authors");
        need(d.doi.is_none(), "doi");
        need(d.doi.is_some() && self.doi_issue.is_none(), "year, issue and pages (the DOI is not of the form <prefix>/<ISSN>-<year>-<issue>-<whole>-<first>-<last>)");
        need(d.abstract_paragraphs.is_empty(), "abstract");
        need(d.keywords.is_empty(), "keywords");
        for (i, a) in d.authors.iter().enumerate() {
            let fields = [
                ("degrees", &a.degrees),
                ("position", &a.position),
                ("affiliation", &a.affiliation),
                ("address", &a.address),
                ("email", &a.email),
            ];
            for (name, value) in fields {
                if value.is_none() {
                    missing.push(format!("author {}'s {name}", i + 1));
                }
            }
        }
        missing
    }
}

/// One non-empty line of the input.
#[derive(Debug, Clone)]
struct Line {
    /// 1-based.
    number: usize,
    text: String,
    /// The first line after an empty one (or of the text).
    starts_paragraph: bool,
}

/// Reads `text` (any line endings, a byte-order mark allowed).
pub fn parse(text: &str) -> Imported {
    let lines = lines(text);
    let mut out = Imported::default();
    let mut i = 0;
    let mut title = Vec::new();
    while let Some(line) = lines.get(i) {
        // The first line is the title even when it looks like an author line.
        if i > 0 && (line.starts_paragraph || is_structural(&line.text)) {
            break;
        }
        title.push(line.text.as_str());
        i += 1;
    }
    out.draft.title = (!title.is_empty()).then(|| title.join(" "));
    let doi_at = lines.iter().position(|l| doi_in(&l.text).is_some());
    let keywords_at = lines.iter().position(|l| keywords_in(&l.text).is_some());
    let doi_first = doi_at.filter(|d| keywords_at.is_none_or(|k| *d < k));
    i = read_authors(&lines, i, doi_first, &mut out);
    let abstract_end = keywords_at.unwrap_or(lines.len());
    read_abstract(&lines[i.min(abstract_end)..abstract_end], &mut out);
    if let Some(k) = keywords_at {
        read_keywords(&lines[k..], &mut out);
    }
    if let Some(d) = doi_at {
        read_doi(&lines[d].text, &mut out);
    }
    out
}

/// The input's non-empty lines, trimmed, with CR and no-break spaces normalised.
fn lines(text: &str) -> Vec<Line> {
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace(['\r'], "\n");
    let mut out = Vec::new();
    let mut after_blank = true;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.replace(['\u{a0}', '\u{202f}', '\t'], " ");
        // Text copied from a PDF carries control characters, and Word a
        // byte-order mark mid-text; YAML refuses both, as it does the
        // non-characters U+FFFE and U+FFFF.
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
            .collect();
        let line = line.trim();
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        out.push(Line {
            number: n + 1,
            text: line.to_string(),
            starts_paragraph: after_blank,
        });
        after_blank = false;
    }
    out
}

fn is_structural(line: &str) -> bool {
    author::split_name(line).is_some() || doi_in(line).is_some() || keywords_in(line).is_some()
}

/// Reads authors from `lines[start..]`; returns where the abstract starts.
fn read_authors(lines: &[Line], start: usize, doi_at: Option<usize>, out: &mut Imported) -> usize {
    let mut current: Option<(&str, String)> = None;
    let finish = |current: &mut Option<(&str, String)>, out: &mut Imported| {
        if let Some((name, rest)) = current.take() {
            let mut notes = Vec::new();
            out.draft
                .authors
                .push(author::parse(name, &rest, &mut notes));
            out.notes
                .extend(notes.into_iter().map(|n| format!("author {name}: {n}")));
        }
    };
    let mut i = start;
    while let Some(line) = lines.get(i) {
        if doi_at == Some(i) {
            i += 1;
            break;
        }
        if keywords_in(&line.text).is_some() || doi_in(&line.text).is_some() {
            break;
        }
        if let Some((name, rest)) = author::split_name(&line.text) {
            finish(&mut current, out);
            current = Some((name, rest.to_string()));
        } else if let (Some((_, rest)), false) = (&mut current, line.starts_paragraph) {
            let joiner = if rest.ends_with(['.', ',', ';']) {
                " "
            } else {
                ". "
            };
            rest.push_str(joiner);
            rest.push_str(&line.text);
        } else if doi_at.is_some_and(|d| i < d) {
            out.unrecognised.push((line.number, line.text.clone()));
        } else {
            break;
        }
        i += 1;
    }
    finish(&mut current, out);
    i
}

/// The abstract's paragraphs from `lines`; DOI lines among them are skipped.
fn read_abstract(lines: &[Line], out: &mut Imported) {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    for line in lines {
        if doi_in(&line.text).is_some() {
            continue;
        }
        match paragraphs.last_mut() {
            Some(p) if !line.starts_paragraph => p.push(&line.text),
            _ => paragraphs.push(vec![&line.text]),
        }
    }
    for p in paragraphs {
        if p.len() > 1 && p.iter().all(|l| l.chars().count() > PARAGRAPH_LINE) {
            out.draft
                .abstract_paragraphs
                .extend(p.iter().map(|l| l.to_string()));
        } else {
            out.draft.abstract_paragraphs.push(p.join(" "));
        }
    }
}

/// The keywords from the "Key words:" line and the lines that continue it.
fn read_keywords(lines: &[Line], out: &mut Imported) {
    let Some((first, rest)) = lines.split_first() else {
        return;
    };
    let mut text = keywords_in(&first.text).unwrap_or_default().to_string();
    let mut i = 0;
    // A line continues the keywords unless a paragraph, a label ("For
    // citation:") or a final period came first.
    let continues = |text: &str, line: &Line| {
        let label = line.text.find(':').is_some_and(|at| at < 30);
        !line.starts_paragraph && !label && !text.trim_end().ends_with('.')
    };
    while let Some(line) = rest.get(i).filter(|l| continues(&text, l)) {
        text.push(' ');
        text.push_str(&line.text);
        i += 1;
    }
    let separator = if text.contains(';') { ';' } else { ',' };
    out.draft.keywords = text
        .split(separator)
        .map(|k| k.trim().trim_end_matches('.').trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    for line in &rest[i..] {
        if doi_in(&line.text).is_none() {
            out.unrecognised.push((line.number, line.text.clone()));
        }
    }
}

fn read_doi(line: &str, out: &mut Imported) {
    let Some(text) = doi_in(line) else {
        return;
    };
    match text.parse::<Doi>() {
        Ok(doi) => {
            out.doi_issue = doi_issue(&doi);
            if let Some(found) = &out.doi_issue {
                out.draft.pages = Some(page_text(found.pages));
            }
            out.draft.doi = Some(doi.as_str().to_string());
        }
        Err(why) => out
            .notes
            .push(format!("the DOI `{text}` is not one: {why}")),
    }
}

fn page_text(pages: PageRange) -> String {
    if pages.first == pages.last {
        pages.first.to_string()
    } else {
        format!("{}-{}", pages.first, pages.last)
    }
}

/// The DOI a line starts with: `DOI 10.x`, `DOI: 10.x`, `doi:10.x` or a
/// `https://doi.org/` address; trailing punctuation and anything after the
/// DOI (such as "(Read the article in PDF)") are left out.
pub fn doi_in(line: &str) -> Option<&str> {
    let lower = line.to_ascii_lowercase();
    let start = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi.org/",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map(|p| p.len())
    .or_else(|| {
        let after = lower.strip_prefix("doi")?;
        let rest = after.trim_start_matches([':', ' ']);
        rest.starts_with("10.").then(|| line.len() - rest.len())
    })?;
    let token = line[start..].split_whitespace().next()?;
    let doi = token.trim_end_matches(['.', ',', ';', ')']);
    doi.starts_with("10.").then_some(doi)
}

/// The text after "Key words:" or "Keywords:" (any case), when the line starts so.
pub fn keywords_in(line: &str) -> Option<&str> {
    // ASCII lowercasing keeps byte offsets, so `label.len()` indexes `line`.
    let lower = line.to_ascii_lowercase();
    let label = ["key words", "keywords", "key-words"]
        .iter()
        .find(|l| lower.starts_with(*l))?;
    let rest = &line[label.len()..];
    let trimmed = rest.trim_start_matches([':', '.', ' ', '–', '—', '-']);
    (trimmed.len() < rest.len() || rest.is_empty()).then_some(trimmed.trim())
}

/// Year, issue, whole number and pages from a DOI whose suffix is
/// `<ISSN>-<year>-<issue>-<whole number>-<first page>-<last page>`, such as
/// `10.24833/2071-8160-2018-4-61-78-91`.
pub fn doi_issue(doi: &Doi) -> Option<DoiIssue> {
    let (_, suffix) = doi.as_str().split_once('/')?;
    let parts: Vec<&str> = suffix.split('-').collect();
    let [issn_a, issn_b, year, issue, whole, first, last] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let issn_ok = digits(issn_a, 4)
        && issn_b.is_ascii()
        && issn_b.len() == 4
        && digits(&issn_b[..3], 3)
        && issn_b[3..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x');
    if !issn_ok || !digits(year, 4) {
        return None;
    }
    let number = |s: &str| s.parse::<u32>().ok().filter(|n| *n > 0);
    let year: u16 = year.parse().ok()?;
    let pages: PageRange = format!("{}-{}", number(first)?, number(last)?)
        .parse()
        .ok()?;
    Some(DoiIssue {
        issue: IssueId {
            year,
            number: number(issue)?,
        },
        whole_number: number(whole)?,
        pages,
    })
}

/// A file-name slug from a title: its slug form without small words, at
/// most six words, so that file names stay short and readable.
pub fn slug_for_title(title: &str) -> Option<crate::model::Slug> {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "its", "their", "by",
        "with", "from", "as", "is", "are", "s",
    ];
    let full = crate::model::slugify(title);
    let words: Vec<&str> = full
        .split('-')
        .filter(|w| !SMALL.contains(w))
        .take(6)
        .collect();
    let short = if words.is_empty() {
        full.clone()
    } else {
        words.join("-")
    };
    crate::model::Slug::from_text(&short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_left_out() {
        // Found by the import fuzz target: a \x0b in a title made the
        // written front matter invalid YAML.
        let imported = parse("Regional\u{b} Integration\u{1}\n\nKeywords: a\u{7}, b\n");
        assert_eq!(
            imported.draft.title.as_deref(),
            Some("Regional Integration")
        );
    }

    #[test]
    fn dois_are_found_in_their_usual_forms() {
        assert_eq!(
            doi_in("DOI 10.1/x (Read the article in PDF)"),
            Some("10.1/x")
        );
        assert_eq!(doi_in("DOI: 10.1/x."), Some("10.1/x"));
        assert_eq!(doi_in("doi:10.1/x"), Some("10.1/x"));
        assert_eq!(doi_in("https://doi.org/10.1/x"), Some("10.1/x"));
        assert_eq!(doi_in("Doing well"), None);
        assert_eq!(doi_in("The DOI system"), None);
    }

    #[test]
    fn the_journals_doi_names_issue_and_pages() {
        let doi: Doi = "10.24833/2071-8160-2018-4-61-78-91".parse().unwrap();
        let found = doi_issue(&doi).unwrap();
        assert_eq!(
            found.issue,
            IssueId {
                year: 2018,
                number: 4
            }
        );
        assert_eq!(found.whole_number, 61);
        assert_eq!((found.pages.first, found.pages.last), (78, 91));
        let other: Doi = "10.5555/1234-567X-2021-12-130-5-5".parse().unwrap();
        let found = doi_issue(&other).unwrap();
        assert_eq!(
            (found.issue.year, found.issue.number, found.whole_number),
            (2021, 12, 130)
        );
        assert_eq!(page_text(found.pages), "5");
        for not_it in [
            "10.24833/sample-2018-4-01",
            "10.24833/2071-8160-2018-4-61-91-78",
            "10.1234/2071-8160-18-4-61-78-91",
        ] {
            assert_eq!(doi_issue(&not_it.parse().unwrap()), None, "{not_it}");
        }
    }

    #[test]
    fn keyword_labels_vary() {
        assert_eq!(keywords_in("Key words: a, b."), Some("a, b."));
        assert_eq!(keywords_in("KEYWORDS: a"), Some("a"));
        assert_eq!(keywords_in("Keywords — a"), Some("a"));
        assert_eq!(keywords_in("Keywordsmith"), None);
    }

    #[test]
    fn slugs_are_short() {
        let slug = slug_for_title("Central Asia in Search for its Own Way of Integration").unwrap();
        assert_eq!(slug.as_str(), "central-asia-search-own-way-integration");
        assert_eq!(slug_for_title("The Of").unwrap().as_str(), "the-of");
        assert_eq!(slug_for_title("—"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_without_panicking(text in "(?s).{0,400}") {
            let got = parse(&text);
            let _ = got.missing();
        }

        #[test]
        fn pieces_of_the_journals_form_are_read_without_panicking(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("E-mail: ".to_string()),
                    proptest::strategy::Just("DOI ".to_string()),
                    proptest::strategy::Just("Key words: ".to_string()),
                    proptest::strategy::Just("Anna B. Smith – ".to_string()),
                    proptest::strategy::Just("10.24833/2071-8160-2018-4-61-78-91".to_string()),
                    proptest::strategy::Just("\r\n".to_string()),
                    proptest::strategy::Just("\n\n".to_string()),
                    "[a-zA-Z0-9İK.,:;@ –-]{0,12}",
                ],
                0..40,
            )
        ) {
            let got = parse(&pieces.concat());
            let _ = got.missing();
        }

        #[test]
        fn any_author_line_is_read_without_panicking(rest in "(?s).{0,200}") {
            let line = format!("Anna B. Smith – {rest}");
            if let Some((name, rest)) = author::split_name(&line) {
                let _ = author::parse(name, rest, &mut Vec::new());
            }
        }
    }

    #[test]
    fn a_wrapped_text_with_two_authors() {
        let text = "A Title\r\nin Two Lines\r\n\r\n\r\nAnna Berg – Professor.\r\nNorthbridge University.\r\nJan Novak – PhD in Law. Example University. E-mail: jan@example.org\r\n\r\nFirst paragraph\r\nwrapped.\r\n\r\nSecond.\r\n\r\nKEYWORDS: one; two, three\r\nFor citation: something\r\n";
        let got = parse(text);
        assert_eq!(got.draft.title.as_deref(), Some("A Title in Two Lines"));
        assert_eq!(got.draft.authors.len(), 2);
        assert_eq!(
            got.draft.authors[0].affiliation.as_deref(),
            Some("Northbridge University")
        );
        assert_eq!(
            got.draft.authors[1].email.as_deref(),
            Some("jan@example.org")
        );
        assert_eq!(
            got.draft.abstract_paragraphs,
            ["First paragraph wrapped.", "Second."]
        );
        assert_eq!(got.draft.keywords, ["one", "two, three"]);
        assert_eq!(
            got.unrecognised,
            [(15, "For citation: something".to_string())]
        );
        assert!(got.missing().contains(&"doi".to_string()));
    }
}

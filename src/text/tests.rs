use super::*;
use crate::model::IssueId;

fn en() -> &'static Text {
    Text::default_interface()
}

pub(super) fn issue(volume: Option<u32>, whole_number: Option<u32>) -> Issue {
    Issue {
        id: IssueId {
            year: 2018,
            number: 4,
        },
        whole_number,
        volume,
        title: None,
        published: NaiveDate::from_ymd_opt(2018, 8, 30).expect("a date"),
        cover: None,
        dir: "content/2018/4".into(),
        articles: Vec::new(),
    }
}

pub(super) fn author(name: &str) -> Author {
    Author {
        name: name.to_string(),
        ..Author::default()
    }
}

#[test]
fn dates_have_no_isolation_marks() {
    let date = |y, m, d| en().date(NaiveDate::from_ymd_opt(y, m, d).expect("a date"));
    assert_eq!(date(2018, 8, 30), "30 August 2018");
    assert_eq!(date(2021, 1, 1), "1 January 2021");
    assert_eq!(date(1999, 12, 31), "31 December 1999");
    assert!(!date(2018, 8, 30).contains(['\u{2068}', '\u{2069}']));
}

#[test]
fn sizes() {
    assert_eq!(en().size(0), "0 bytes");
    assert_eq!(en().size(500), "500 bytes");
    assert_eq!(en().size(1023), "1023 bytes");
    assert_eq!(en().size(1024), "1 KB");
    assert_eq!(en().size(421_888), "412 KB");
    assert_eq!(en().size(1_048_575), "1024 KB");
    assert_eq!(en().size(1_048_576), "1.0 MB");
    assert_eq!(en().size(3_000_000), "2.9 MB");
    // Big sizes keep the digits Rust's `{:.1}` gives.
    for bytes in [1_500_000, 12_345_678_901, 999_999_999] {
        let mb = format!("{:.1} MB", bytes as f64 / 1_048_576.0);
        assert_eq!(en().size(bytes), mb);
    }
}

#[test]
fn issue_labels_and_citation_lines() {
    assert_eq!(en().issue_label(&issue(None, None)), "2018, No. 4");
    assert_eq!(
        en().issue_label(&issue(Some(11), Some(61))),
        "2018, Vol. 11, No. 4 (61)"
    );
    assert_eq!(
        en().issue_label(&issue(Some(1), None)),
        "2018, Vol. 1, No. 4"
    );
    assert_eq!(en().issue_label(&issue(None, Some(1))), "2018, No. 4 (1)");
    let line =
        |v, w, p: Option<&str>| en().citation_line_pages(&issue(v, w), p.map(str::to_string));
    assert_eq!(
        line(Some(11), Some(61), Some("78–91")),
        "2018. Vol. 11, No. 4 (61). P. 78–91"
    );
    assert_eq!(line(None, None, None), "2018. No. 4");
    assert_eq!(line(Some(1), None, Some("5")), "2018. Vol. 1, No. 4. P. 5");
    assert_eq!(line(None, Some(2), None), "2018. No. 4 (2)");
}

#[test]
fn author_lists() {
    let names = |n: &[&str]| en().authors(&n.iter().map(|a| author(a)).collect::<Vec<_>>());
    assert_eq!(names(&[]), "");
    assert_eq!(names(&["A"]), "A");
    assert_eq!(names(&["A", "B"]), "A and B");
    assert_eq!(names(&["A", "B", "C"]), "A, B and C");
}

#[test]
fn counts_follow_plural_rules() {
    assert_eq!(en().count("articles-count", 0), "0 articles");
    assert_eq!(en().count("articles-count", 1), "1 article");
    assert_eq!(en().count("articles-count", 2), "2 articles");
    assert_eq!(en().count("articles-count-or-none", 0), "no articles");
    assert_eq!(en().count("countries-count", 1), "1 country");
    assert_eq!(en().map_country("Kyrgyzstan", 1), "Kyrgyzstan: 1 article");
    assert_eq!(
        en().map_country("Kazakhstan", 12),
        "Kazakhstan: 12 articles"
    );
}

#[test]
fn missing_keys_and_arguments_are_errors() {
    let none: Args<'_> = Args::new();
    assert!(en().try_get_with("no-such-key", &none).is_err());
    assert!(en().try_get_with("articles-count", &none).is_err());
    assert_eq!(
        en().get(crate::search::index::Facet::Year.label_key()),
        "Year"
    );
}

#[test]
fn unknown_languages_get_english() {
    let de: Lang = "de".parse().expect("a language");
    assert_eq!(Text::new(&de).lang(), "en");
    assert_eq!(Text::new(&de).get("archive-title"), "Archive");
}

/// Where the catalogues and templates are, from the crate's root.
pub(super) fn theme_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

/// Every catalogue: its language and the keys its `.ftl` files define.
pub(super) fn catalogues() -> Vec<(String, std::collections::BTreeSet<String>)> {
    let mut out = Vec::new();
    let dir = theme_dir().join("locales");
    let mut langs: Vec<_> = std::fs::read_dir(&dir)
        .expect("the theme has locales/")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    for lang in langs {
        let mut keys = std::collections::BTreeSet::new();
        for file in std::fs::read_dir(&lang).expect("a readable folder") {
            let text = std::fs::read_to_string(file.expect("an entry").path()).expect("UTF-8");
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =") {
                    if id.starts_with(|c: char| c.is_ascii_lowercase())
                        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        keys.insert(id.to_string());
                    }
                }
            }
        }
        let name = lang
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        out.push((name, keys));
    }
    out
}

/// The quoted string after each `marker` in `text`.
fn literals_after(text: &str, marker: &str, out: &mut std::collections::BTreeSet<String>) {
    for (at, _) in text.match_indices(marker) {
        let rest = &text[at + marker.len()..];
        if let Some(end) = rest.find('"') {
            out.insert(rest[..end].to_string());
        }
    }
}

/// The default theme's templates by file name, read from the repository
/// (not through `render`, which this module sits below).
fn theme_templates() -> Vec<(String, std::path::PathBuf)> {
    let mut found: Vec<(String, std::path::PathBuf)> =
        std::fs::read_dir(theme_dir().join("templates"))
            .expect("the theme has templates/")
            .map(|entry| entry.expect("a readable entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "html"))
            .map(|path| {
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                (name, path)
            })
            .collect();
    found.sort();
    found
}

/// Every key the templates pass to `t(key="...")`.
fn template_keys() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, path) in theme_templates() {
        let text = std::fs::read_to_string(path).expect("UTF-8");
        literals_after(&text, "t(key=\"", &mut keys);
    }
    keys
}

/// Every key the Rust code names: `self.get("...")` in `text`, and
/// `text.get("...")` (or `interface().get`, `get_with`, `count`) anywhere.
fn code_keys() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("a readable src/");
        if entry.path().extension().is_none_or(|e| e != "rs")
            || entry.path().ends_with("text/tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
        for receiver in ["self", "text", "interface()"] {
            if receiver == "self" && !entry.path().ends_with("text/mod.rs") {
                continue;
            }
            for method in ["get", "get_with", "count", "try_get_with"] {
                let call = format!("{receiver}.{method}(");
                for (at, _) in text.match_indices(&call) {
                    let rest = text[at + call.len()..].trim_start();
                    if let Some(key) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                        keys.insert(key.to_string());
                    }
                }
            }
        }
    }
    // Keys that typed kinds carry rather than code spelling them out.
    for kind in crate::taxonomy::Kind::ALL {
        keys.insert(kind.title_key().to_string());
        keys.insert(kind.singular_key().to_string());
    }
    for facet in crate::search::index::Facet::ALL {
        keys.insert(facet.label_key().to_string());
    }
    keys
}

#[test]
fn every_key_used_is_in_every_catalogue() {
    let template = template_keys();
    let code = code_keys();
    assert!(
        template.len() > 80,
        "the scan finds the templates' keys: {template:?}"
    );
    assert!(
        code.contains("date") && code.contains("search-facet-year"),
        "{code:?}"
    );
    let catalogues = catalogues();
    assert!(catalogues.iter().any(|(lang, _)| lang == DEFAULT_LANG));
    for (lang, keys) in &catalogues {
        let missing: Vec<_> = template
            .union(&code)
            .filter(|k| !keys.contains(*k))
            .collect();
        assert!(
            missing.is_empty(),
            "the `{lang}` catalogue lacks {missing:?}"
        );
        let unused: Vec<_> = keys
            .iter()
            .filter(|k| !template.contains(*k) && !code.contains(*k))
            .collect();
        assert!(
            unused.is_empty(),
            "the `{lang}` catalogue has unused {unused:?}"
        );
        // Every message formats, and the Rust-made ones format without a
        // missing argument.
        let text = Text::from_code(lang);
        assert_eq!(text.lang(), *lang, "the catalogue loads");
        text.date(NaiveDate::from_ymd_opt(2018, 8, 30).expect("a date"));
        text.issue_label(&issue(Some(1), Some(2)));
        text.citation_line_pages(&issue(None, None), Some("1–2".into()));
        text.authors(&[author("A"), author("B"), author("C")]);
        for bytes in [1, 2000, 3_000_000] {
            text.size(bytes);
        }
        text.map_country("X", 2);
        for facet in crate::search::index::Facet::ALL {
            text.get(facet.label_key());
        }
    }
}

/// The words a template prints (text between tags, and the attributes
/// people read), with Tera's own syntax taken out.
fn printed_words(template: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut rest = template;
    // Tera: comments, tags and expressions print no literal words.
    while let Some(start) = rest.find('{') {
        let close = match rest[start..].chars().nth(1) {
            Some('#') => "#}",
            Some('%') => "%}",
            Some('{') => "}}",
            _ => {
                plain.push_str(&rest[..=start]);
                rest = &rest[start + 1..];
                continue;
            }
        };
        plain.push_str(&rest[..start]);
        plain.push(' ');
        let end = rest[start..].find(close).expect("Tera blocks close");
        rest = &rest[start + end + 2..];
    }
    plain.push_str(rest);
    let mut read = String::new();
    let mut rest = plain.as_str();
    while let Some(start) = rest.find('<') {
        read.push_str(&rest[..start]);
        let end = rest[start..].find('>').expect("tags close") + start;
        let tag = &rest[start..end];
        for attribute in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            for (at, _) in tag.match_indices(attribute) {
                let value = &tag[at + attribute.len()..];
                read.push(' ');
                read.push_str(value.split('"').next().unwrap_or(""));
            }
        }
        if tag.starts_with("<meta name=\"description\"") {
            // Descriptions are read by search engines.
            if let Some(at) = tag.find("content=\"") {
                read.push(' ');
                read.push_str(tag[at + 9..].split('"').next().unwrap_or(""));
            }
        }
        read.push(' ');
        rest = &rest[end + 1..];
    }
    read.push_str(rest);
    // Character references (`&nbsp;`) are characters, not words.
    let mut plain = String::with_capacity(read.len());
    let mut rest = read.as_str();
    while let Some(at) = rest.find('&') {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find(';') {
            Some(end)
                if end > 0
                    && after[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#') =>
            {
                plain.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                plain.push('&');
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    plain
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_string)
        .collect()
}

/// Names that are the same in every language: identifiers and formats.
const NAMES: &[&str] = &[
    "ISSN", "DOI", "ORCID", "BibTeX", "RIS", "CSL", "JSON", "JATS", "XML",
];

#[test]
fn templates_print_no_words_of_their_own() {
    for (name, path) in theme_templates() {
        let text = std::fs::read_to_string(path).expect("UTF-8");
        let words: Vec<String> = printed_words(&text)
            .into_iter()
            .filter(|w| !NAMES.contains(&w.as_str()))
            .collect();
        assert!(
            words.is_empty(),
            "{name} prints {words:?}: give them keys in the catalogue"
        );
    }
}

#[test]
fn the_word_scan_sees_text_and_read_attributes() {
    assert_eq!(
        printed_words(r#"<a href="/x/" aria-label="Main">{{ t(key="a") }} Hello</a>{# Note #}"#),
        ["Main", "Hello"]
    );
}

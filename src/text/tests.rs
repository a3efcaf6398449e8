use super::*;
use crate::model::IssueId;

fn en() -> &'static Text {
    Text::default_interface()
}

fn issue(volume: Option<u32>, whole_number: Option<u32>) -> Issue {
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

fn author(name: &str) -> Author {
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
    assert_eq!(en().search_facet("year"), "Year");
}

#[test]
fn unknown_languages_get_english() {
    let de: Lang = "de".parse().expect("a language");
    assert_eq!(Text::new(&de).lang(), "en");
    assert_eq!(Text::new(&de).get("archive-title"), "Archive");
}

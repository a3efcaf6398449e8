//! The Russian catalogue: its forms, pinned through `Text`, and its
//! typography (« » quotes, non-breaking spaces), checked on its text.

use std::collections::BTreeSet;

use super::tests::{author, catalogues, issue, theme_dir};
use super::*;

/// The non-breaking space the catalogue binds words with.
const NBSP: char = '\u{a0}';

fn ru() -> Text {
    Text::new(&"ru".parse::<Lang>().expect("a language"))
}

/// A catalogue's text, comments left out, one message line at a time.
fn message_lines(lang: &str) -> Vec<String> {
    let folder = theme_dir().join("locales").join(lang);
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("a catalogue folder")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            std::fs::read_to_string(path)
                .expect("UTF-8")
                .lines()
                .filter(|line| !line.trim_start().starts_with('#'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// `line` without Fluent's string literals (`{" "}`) and without markup
/// tags (`<a href="…">`): the words a reader sees, and placeables.
fn reader_text(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("{\"") {
        out.push_str(&rest[..start]);
        let end = rest[start + 2..]
            .find("\"}")
            .expect("a string literal closes on its line");
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    let mut text = String::new();
    let mut rest = out.as_str();
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..].find('>').expect("a tag closes on its line");
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    text
}

#[test]
fn russian_has_a_catalogue() {
    assert_eq!(ru().lang(), "ru");
    assert_eq!(ru().get("archive-title"), "Архив");
    assert!(catalogues().iter().any(|(lang, _)| lang == "ru"));
}

#[test]
fn article_counts_take_the_russian_plural_forms() {
    let count = |n| ru().count("articles-count", n);
    assert_eq!(count(1), "1\u{a0}статья");
    assert_eq!(count(2), "2\u{a0}статьи");
    assert_eq!(count(5), "5\u{a0}статей");
    assert_eq!(count(11), "11\u{a0}статей");
    assert_eq!(count(12), "12\u{a0}статей");
    assert_eq!(count(14), "14\u{a0}статей");
    assert_eq!(count(21), "21\u{a0}статья");
    assert_eq!(count(22), "22\u{a0}статьи");
    assert_eq!(count(25), "25\u{a0}статей");
    assert_eq!(count(111), "111\u{a0}статей");
    assert_eq!(count(0), "0\u{a0}статей");
    assert_eq!(ru().count("articles-word", 3), "статьи");
    assert_eq!(ru().count("articles-count-or-none", 0), "нет статей");
    assert_eq!(ru().count("articles-count-or-none", 21), "21\u{a0}статья");
    assert_eq!(ru().count("articles-count-or-none-start", 0), "Нет статей");
    assert_eq!(
        ru().count("articles-count-or-none-start", 3),
        "3\u{a0}статьи"
    );
    assert_eq!(ru().map_country("Киргизия", 1), "Киргизия: 1\u{a0}статья");
    assert_eq!(
        ru().map_country("Казахстан", 12),
        "Казахстан: 12\u{a0}статей"
    );
}

#[test]
fn other_counts_take_the_russian_plural_forms() {
    let countries = |n| ru().count("countries-count", n);
    assert_eq!(countries(1), "1\u{a0}страна");
    assert_eq!(countries(3), "3\u{a0}страны");
    assert_eq!(countries(5), "5\u{a0}стран");
    let terms = |kind: &'static str, n: usize| {
        ru().get_with(
            "terms-count",
            &Args::from([("kind", FluentValue::from(kind)), ("n", number(n))]),
        )
    };
    assert_eq!(terms("keywords", 1), "1\u{a0}ключевое слово");
    assert_eq!(terms("keywords", 2), "2\u{a0}ключевых слова");
    assert_eq!(terms("keywords", 12), "12\u{a0}ключевых слов");
    assert_eq!(terms("countries", 21), "21\u{a0}страна");
    assert_eq!(terms("regions", 4), "4\u{a0}региона");
    assert_eq!(terms("authors", 31), "31\u{a0}автор");
    assert_eq!(terms("authors", 100), "100\u{a0}авторов");
    // A label is singular for exactly one, not for 21.
    assert_eq!(ru().count("article-regions", 1), "Регион");
    assert_eq!(ru().count("article-regions", 21), "Регионы");
    assert_eq!(ru().count("term-affiliations", 1), "Место работы");
    assert_eq!(ru().count("term-affiliations", 2), "Места работы");
}

#[test]
fn dates_have_genitive_months_and_the_year_mark() {
    let date = |y, m, d| ru().date(NaiveDate::from_ymd_opt(y, m, d).expect("a date"));
    assert_eq!(date(2018, 8, 30), "30\u{a0}августа 2018\u{a0}г.");
    assert_eq!(date(2021, 1, 1), "1\u{a0}января 2021\u{a0}г.");
    assert_eq!(date(1999, 12, 31), "31\u{a0}декабря 1999\u{a0}г.");
    let months: Vec<String> = (1..=12)
        .map(|m| {
            let d = date(2020, m, 2);
            d.split([' ', NBSP]).nth(1).expect("a month").to_string()
        })
        .collect();
    let genitive =
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря";
    assert_eq!(months, genitive.split(' ').collect::<Vec<_>>());
}

#[test]
fn issue_labels_and_citation_lines_as_russian_journals_print_them() {
    assert_eq!(
        ru().issue_label(&issue(Some(11), Some(61))),
        "Т.\u{a0}11, №\u{a0}4 (61), 2018"
    );
    assert_eq!(ru().issue_label(&issue(None, None)), "№\u{a0}4, 2018");
    assert_eq!(
        ru().issue_label(&issue(Some(1), None)),
        "Т.\u{a0}1, №\u{a0}4, 2018"
    );
    assert_eq!(
        ru().issue_label(&issue(None, Some(1))),
        "№\u{a0}4 (1), 2018"
    );
    let line =
        |v, w, p: Option<&str>| ru().citation_line_pages(&issue(v, w), p.map(str::to_string));
    assert_eq!(
        line(Some(11), Some(61), Some("78–91")),
        "2018. Т.\u{a0}11, №\u{a0}4 (61). С.\u{a0}78–91"
    );
    assert_eq!(line(None, None, None), "2018. №\u{a0}4");
    assert_eq!(
        line(Some(1), None, Some("5")),
        "2018. Т.\u{a0}1, №\u{a0}4. С.\u{a0}5"
    );
    assert_eq!(line(None, Some(2), None), "2018. №\u{a0}4 (2)");
    assert_eq!(ru().get("pages-abbr"), "с.");
}

#[test]
fn author_lists_join_the_last_name_with_i() {
    let names = |n: &[&str]| ru().authors(&n.iter().map(|a| author(a)).collect::<Vec<_>>());
    assert_eq!(names(&[]), "");
    assert_eq!(names(&["А. Б. Иванова"]), "А. Б. Иванова");
    assert_eq!(names(&["Иванова", "Петров"]), "Иванова и\u{a0}Петров");
    assert_eq!(
        names(&["Иванова", "Петров", "Сидоров"]),
        "Иванова, Петров и\u{a0}Сидоров"
    );
    assert_eq!(names(&["A", "B", "C", "D"]), "A, B, C и\u{a0}D");
}

#[test]
fn sizes_have_russian_units_and_a_decimal_comma() {
    assert_eq!(ru().size(0), "0\u{a0}байт");
    assert_eq!(ru().size(1), "1\u{a0}байт");
    assert_eq!(ru().size(2), "2\u{a0}байта");
    assert_eq!(ru().size(5), "5\u{a0}байт");
    assert_eq!(ru().size(21), "21\u{a0}байт");
    assert_eq!(ru().size(500), "500\u{a0}байт");
    assert_eq!(ru().size(1023), "1023\u{a0}байта");
    assert_eq!(ru().size(1024), "1\u{a0}КБ");
    assert_eq!(ru().size(421_888), "412\u{a0}КБ");
    assert_eq!(ru().size(1_048_576), "1,0\u{a0}МБ");
    assert_eq!(ru().size(3_000_000), "2,9\u{a0}МБ");
    for bytes in [1_500_000, 12_345_678_901, 999_999_999] {
        let mb = format!("{:.1}\u{a0}МБ", bytes as f64 / 1_048_576.0).replace('.', ",");
        assert_eq!(ru().size(bytes), mb);
    }
    // English keeps its point, and whole numbers have no separator to change.
    assert_eq!(Text::default_interface().size(3_000_000), "2.9 MB");
    assert_eq!(ru().count("articles-count", 2018), "2018\u{a0}статей");
}

#[test]
fn messages_quote_with_guillemets_not_straight_quotes() {
    for line in message_lines("ru") {
        let text = reader_text(&line);
        assert!(
            !text.contains('"'),
            "a straight quote in the text of `{line}`: write « »"
        );
        assert!(!text.contains('\u{201d}'), "an English quote in `{line}`");
        assert_eq!(
            text.matches('«').count(),
            text.matches('»').count(),
            "unbalanced « » in `{line}`"
        );
        assert_eq!(
            text.matches('„').count(),
            text.matches('\u{201c}').count(),
            "unbalanced „ “ in `{line}`"
        );
    }
    // The check sees what it should: text, not attributes or literals.
    assert_eq!(
        reader_text(r#"x = {" "}<a href="{ $y }">«{ $y }»</a>"#),
        "x = «{ $y }»"
    );
    assert!(ru()
        .get_with(
            "entry-pdf",
            &Args::from([("title", FluentValue::from("Т"))])
        )
        .contains("«Т»"));
}

#[test]
fn messages_bind_what_russian_typography_binds() {
    const ONE_LETTER: &str = "вксиаоуВКСИАОУ";
    for line in message_lines("ru") {
        let text = reader_text(&line);
        let chars: Vec<char> = text.chars().collect();
        for (at, &c) in chars.iter().enumerate() {
            let starts_word = at == 0 || !chars[at - 1].is_alphabetic();
            let next = chars.get(at + 1).copied();
            if ONE_LETTER.contains(c) && starts_word && next == Some(' ') {
                panic!("`{c}` should be followed by a non-breaking space in `{line}`");
            }
            if c == '№' {
                assert_eq!(next, Some(NBSP), "`№` and its number in `{line}`");
            }
            if c == '—' {
                assert_eq!(
                    chars.get(at.wrapping_sub(1)).copied(),
                    Some(NBSP),
                    "a non-breaking space before the dash in `{line}`"
                );
            }
        }
        for abbreviation in ["Т. ", "С. ", " г."] {
            assert!(
                !text.contains(abbreviation),
                "`{}` needs a non-breaking space in `{line}`",
                abbreviation.trim()
            );
        }
    }
}

/// Every argument any message of `lang` names (`$n`, `$title`).
fn argument_names(lang: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in message_lines(lang) {
        for (at, _) in line.match_indices('$') {
            let name: String = line[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

#[test]
fn every_message_of_every_catalogue_formats() {
    // Numbers where a message counts or dates, strings for the rest; each
    // string also tried for every argument, to reach the selectors' variants.
    const NUMBERS: &[&str] = &[
        "n", "total", "current", "day", "month", "year", "volume", "number", "whole",
    ];
    let strings = [
        "x",
        "none",
        "true",
        "false",
        "bytes",
        "kb",
        "mb",
        "keywords",
        "countries",
        "regions",
        "authors",
    ];
    for (lang, keys) in catalogues() {
        let text = Text::from_code(&lang);
        let names = argument_names(&lang);
        for key in &keys {
            for n in [0u32, 1, 2, 5, 21] {
                for s in strings {
                    let mut args: HashMap<&str, FluentValue<'_>> = HashMap::new();
                    for name in &names {
                        let value = if NUMBERS.contains(&name.as_str()) && s != "none" {
                            FluentValue::from(n)
                        } else {
                            FluentValue::from(s)
                        };
                        args.insert(name.as_str(), value);
                    }
                    if let Err(err) = text.try_get_with(key, &args) {
                        panic!("{err}");
                    }
                }
            }
        }
    }
}

#[test]
fn languages_are_named_in_the_interface_language() {
    let en = Text::new(&"en".parse::<Lang>().expect("a language"));
    assert_eq!(en.language_name("ru"), "Russian");
    assert_eq!(ru().language_name("en"), "Английский");
    assert_eq!(ru().language_name("kk"), "Казахский");
    // A code CLDR has no name for is printed as the code.
    assert_eq!(ru().language_name("zz"), "zz");
}

//! The interface speaks the journal's language: a site with `language: ru`
//! (and no second language) prints every word of its pages from the
//! Russian catalogue, with Russian plurals, dates and issue labels, marks
//! its pages `lang="ru"`, and marks the interface's words on a page in
//! another language (`tests/fixtures/interface-ru/`). English sites are
//! unchanged: their snapshots and trees are the same as before.

use scraper::{Html, Selector};

use crate::support::{built_fixture, BuiltSite};

fn built() -> &'static BuiltSite {
    built_fixture("interface-ru")
}

fn page(path: &str) -> Html {
    Html::parse_document(&built().read(&format!("public/{path}index.html")))
}

fn text_of(doc: &Html, selector: &str) -> String {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no {selector:?}"))
        .text()
        .collect()
}

fn html_lang(doc: &Html) -> String {
    let selector = Selector::parse("html").expect("a valid selector");
    doc.select(&selector)
        .next()
        .and_then(|e| e.value().attr("lang"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_archive_speaks_russian() {
    let archive = page("archive/");
    assert_eq!(html_lang(&archive), "ru");
    assert_eq!(text_of(&archive, "h1"), "Архив");
    let home = built().read("public/index.html");
    assert!(
        home.contains("Перейти к\u{a0}содержанию"),
        "the skip link in Russian"
    );
}

#[test]
fn issue_pages_count_articles_with_russian_plurals() {
    for (number, count) in [
        (1, "1\u{a0}статья"),
        (2, "2\u{a0}статьи"),
        (3, "5\u{a0}статей"),
    ] {
        let html = built().read(&format!("public/archive/2020/{number}/index.html"));
        assert!(
            html.contains(count),
            "issue {number} does not say «{count}»"
        );
        let doc = Html::parse_document(&html);
        assert_eq!(
            text_of(&doc, "h1"),
            format!("Т.\u{a0}13, №\u{a0}{number} ({}), 2020", 60 + number)
        );
    }
    let third = built().read("public/archive/2020/3/index.html");
    assert!(
        third.contains("30\u{a0}августа 2020\u{a0}г."),
        "the date in Russian"
    );
}

#[test]
fn an_english_article_marks_the_russian_interface_words() {
    let doc = page("archive/2020/3/english-article/");
    assert_eq!(html_lang(&doc), "en");
    let marked = Selector::parse(r#"[lang="ru"]"#).expect("a valid selector");
    let words: String = doc
        .select(&marked)
        .flat_map(|e| e.text())
        .collect::<Vec<_>>()
        .join(" ");
    for word in ["Аннотация", "Для цитирования"] {
        assert!(words.contains(word), "«{word}» is not marked lang=\"ru\"");
    }
    assert!(
        !doc.select(&Selector::parse(r#"[lang="en"] [lang="en"]"#).expect("a valid selector"))
            .any(|_| true),
        "English marked inside English"
    );
}

#[test]
fn a_russian_article_needs_no_marks_for_the_interface() {
    let html = built().read("public/archive/2020/1/statya-1/index.html");
    let doc = Html::parse_document(&html);
    assert_eq!(html_lang(&doc), "ru");
    let en = Selector::parse(r#"main [lang="en"]"#).expect("a valid selector");
    let marked: Vec<String> = doc
        .select(&en)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        marked.is_empty(),
        "English marks on a Russian page: {marked:?}"
    );
}

/// On a site in two languages (`tests/fixtures/bilingual`, `[ru, en]`) each
/// tree counts with its own plurals and writes dates its own way.
#[test]
fn each_tree_of_a_site_in_two_languages_counts_in_its_language() {
    let site = built_fixture("bilingual");
    for (number, russian, english) in [
        (1, "1\u{a0}статья", "1 article"),
        (2, "2\u{a0}статьи", "2 articles"),
        (3, "5\u{a0}статей", "5 articles"),
    ] {
        let ru = site.read(&format!("public/archive/2020/{number}/index.html"));
        assert!(
            ru.contains(russian),
            "issue {number} does not say «{russian}»"
        );
        let en = site.read(&format!("public/en/archive/2020/{number}/index.html"));
        assert!(
            en.contains(english),
            "issue {number} does not say “{english}”"
        );
        let en = Html::parse_document(&en);
        assert_eq!(
            text_of(&en, "h1"),
            format!("2020, Vol. 13, No. {number} ({})", 60 + number)
        );
    }
    let ru = site.read("public/archive/2020/3/index.html");
    assert!(
        ru.contains("30\u{a0}августа 2020\u{a0}г."),
        "the date in Russian"
    );
    let en = site.read("public/en/archive/2020/3/index.html");
    assert!(en.contains("30 August 2020"), "the date in English");
}

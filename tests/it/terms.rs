//! Taxonomies in two languages (`languages: [ru, en]`,
//! `tests/fixtures/bilingual-terms/`): a keyword and its translation are one
//! term with one slug in both trees and a name in each; `_keywords.yaml`
//! names terms per language; countries, regions and authors are named in
//! the page's language; indexes sort in the page language's alphabet; a
//! translated keyword list that cannot be paired is a warning at its place,
//! and a wrong language in `names:` an error at its place.

use scraper::{Html, Selector};

use crate::support::{built_fixture, BuiltSite, TestSite};

fn built() -> &'static BuiltSite {
    built_fixture("bilingual-terms")
}

/// The page at `path` (`keywords/integration/`, `en/keywords/...`).
fn page(path: &str) -> Html {
    Html::parse_document(&built().read(&format!("public/{path}index.html")))
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector).collect()
}

fn text(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect::<String>().trim().to_string()
}

/// The page's `<h1>` and its `lang`, if it has one.
fn heading(path: &str) -> (String, Option<String>) {
    let doc = page(path);
    let h1 = select(&doc, "main h1");
    let h1 = h1.first().unwrap_or_else(|| panic!("no h1 on /{path}"));
    (text(h1), h1.value().attr("lang").map(str::to_string))
}

/// The articles a term page lists, as their slugs.
fn listed(path: &str) -> Vec<String> {
    let doc = page(path);
    select(&doc, "main .entry-title a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(|href| {
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The term names an index lists, in order.
fn index_names(path: &str, selector: &str) -> Vec<String> {
    let doc = page(path);
    select(&doc, selector).iter().map(text).collect()
}

#[test]
fn a_keyword_and_its_translation_are_one_term_with_one_slug() {
    let public = built().public();
    // The Russian article's «интеграция» pairs with "integration", which the
    // English article gives as its own keyword: one term, in both trees.
    for tree in ["", "en/"] {
        assert_eq!(
            listed(&format!("{tree}keywords/integration/")),
            ["integration", "integratsiya"],
            "/{tree}keywords/integration/"
        );
    }
    for other in ["integratsiya", "integratsiia"] {
        assert!(
            !public.join("keywords").join(other).exists(),
            "a second page for the Russian spelling: /keywords/{other}/"
        );
    }
    assert_eq!(
        heading("keywords/integration/"),
        ("интеграция".into(), None)
    );
    assert_eq!(
        heading("en/keywords/integration/"),
        ("integration".into(), None)
    );
    // The language switch leads to the same slug in the other tree.
    let switch: Vec<String> = select(&page("keywords/integration/"), ".language-switch a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        switch,
        ["/t/keywords/integration/", "/t/en/keywords/integration/"]
    );
}

#[test]
fn names_from_the_keyword_list_and_their_synonyms_join_one_term() {
    // «ЕАЭС» (a synonym) pairs with "EAEU" (another), and the English
    // article writes "Eurasian Economic Union" (the entry's English name).
    for tree in ["", "en/"] {
        assert_eq!(
            listed(&format!("{tree}keywords/eurasian-economic-union/")),
            ["integration", "integratsiya"]
        );
    }
    assert_eq!(
        heading("keywords/eurasian-economic-union/").0,
        "Евразийский экономический союз"
    );
    assert_eq!(
        heading("en/keywords/eurasian-economic-union/").0,
        "Eurasian Economic Union"
    );
}

#[test]
fn a_term_without_a_name_in_the_page_language_is_marked_with_its_own() {
    assert_eq!(
        heading("en/keywords/trudovaya-migratsiya/"),
        ("трудовая миграция".into(), Some("ru".into()))
    );
    assert_eq!(
        heading("keywords/foreign-policy/"),
        ("foreign policy".into(), Some("en".into()))
    );
    let doc = page("en/keywords/");
    let marked: Vec<String> = select(&doc, r#"main .term-name[lang="ru"]"#)
        .iter()
        .map(text)
        .collect();
    assert!(
        marked.contains(&"трудовая миграция".to_string()),
        "{marked:?}"
    );
}

#[test]
fn countries_and_regions_are_named_in_the_page_language() {
    assert_eq!(heading("countries/kazakhstan/"), ("Казахстан".into(), None));
    assert_eq!(
        heading("en/countries/kazakhstan/"),
        ("Kazakhstan".into(), None)
    );
    assert_eq!(
        heading("regions/central-asia/"),
        ("Центральная Азия".into(), None)
    );
    // A country's region, on its page, in the page's language.
    let doc = page("countries/kazakhstan/");
    let region: Vec<String> = select(&doc, ".term-facts dd a").iter().map(text).collect();
    assert_eq!(region, ["Центральная Азия"]);
    // The world map's titles.
    let map = built().read("public/countries/index.html");
    assert!(map.contains("<title>Казахстан"), "the map in Russian");
    let map = built().read("public/en/countries/index.html");
    assert!(map.contains("<title>Kazakhstan"), "the map in English");
    // The article page's lists.
    let doc = page("archive/2021/1/integratsiya/");
    let countries: Vec<String> = select(&doc, ".terms div:nth-child(2) dd a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(countries, ["Казахстан", "Армения"]);
}

#[test]
fn a_russian_keyword_names_a_region() {
    // «Восточная Европа» names Eastern Europe, as "Eastern Europe" would;
    // the article's only country (Georgia) is in Western Asia.
    assert_eq!(listed("regions/eastern-europe/"), ["regionalizm"]);
    assert_eq!(heading("regions/eastern-europe/").0, "Восточная Европа");
    assert_eq!(heading("en/regions/eastern-europe/").0, "Eastern Europe");
}

#[test]
fn indexes_sort_in_the_page_language_alphabet() {
    assert_eq!(
        index_names("countries/", ".country-table tbody th"),
        ["Азербайджан", "Армения", "Германия", "Грузия", "Казахстан"]
    );
    assert_eq!(
        index_names("en/countries/", ".country-table tbody th"),
        ["Armenia", "Azerbaijan", "Georgia", "Germany", "Kazakhstan"]
    );
    // Names in the page's alphabet first, then the others.
    assert_eq!(
        index_names("authors/", "main .term-name"),
        [
            "Евгения Викторовна Махмутова",
            "Иван И. Петров",
            "Anna B. Smith"
        ]
    );
    assert_eq!(
        index_names("en/authors/", "main .term-name"),
        ["Evgeniya V. Makhmutova", "Anna B. Smith", "Иван И. Петров"]
    );
    let keywords = index_names("keywords/", "main .term-name");
    assert_eq!(keywords.first().map(String::as_str), Some("Азербайджан"));
    assert_eq!(keywords.last().map(String::as_str), Some("foreign policy"));
    let letters = index_names("keywords/", ".letter-heading");
    assert_eq!(letters.first().map(String::as_str), Some("А"));
}

#[test]
fn authors_are_named_in_the_page_alphabet() {
    assert_eq!(
        heading("authors/makhmutova-evgeniya-v/").0,
        "Евгения Викторовна Махмутова"
    );
    assert_eq!(
        heading("en/authors/makhmutova-evgeniya-v/").0,
        "Evgeniya V. Makhmutova"
    );
    // A name given in one alphabet only is that name in both trees.
    assert_eq!(heading("en/authors/petrov-ivan-i/").0, "Иван И. Петров");
    // The byline, with the other form beside the name.
    let doc = page("archive/2021/1/integration/");
    let names: Vec<String> = select(&doc, ".author-name > a").iter().map(text).collect();
    assert_eq!(names, ["Евгения Викторовна Махмутова", "Anna B. Smith"]);
    let other: Vec<String> = select(&doc, ".author-name-original")
        .iter()
        .map(text)
        .collect();
    assert_eq!(other, ["(Evgeniya V. Makhmutova)"]);
    // The issue's contents.
    let issue = built().read("public/archive/2021/1/index.html");
    assert!(issue.contains("Евгения Викторовна Махмутова и\u{a0}Иван И. Петров"));
    let issue = built().read("public/en/archive/2021/1/index.html");
    assert!(issue.contains("Evgeniya V. Makhmutova and Anna B. Smith"));
}

#[test]
fn article_pages_list_terms_by_their_names_in_the_page_language() {
    let names = |path: &str| -> Vec<(String, String)> {
        let doc = page(path);
        select(&doc, ".terms div:first-child dd a")
            .iter()
            .map(|a| {
                (
                    text(a),
                    a.value().attr("href").unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        names("archive/2021/1/integration/"),
        [
            ("интеграция".into(), "/t/keywords/integration/".into()),
            (
                "Евразийский экономический союз".into(),
                "/t/keywords/eurasian-economic-union/".into()
            ),
            ("Азербайджан".into(), "/t/keywords/azerbaijan/".into()),
        ]
    );
    assert_eq!(
        names("en/archive/2021/1/integratsiya/"),
        [
            ("integration".into(), "/t/en/keywords/integration/".into()),
            ("Kazakhstan".into(), "/t/en/keywords/kazakhstan/".into()),
            (
                "Eurasian Economic Union".into(),
                "/t/en/keywords/eurasian-economic-union/".into()
            ),
            ("Armenia".into(), "/t/en/keywords/armenia/".into()),
        ]
    );
    // An English article without a Russian translation, on the Russian
    // tree: the page is English, a Russian name is marked.
    let doc = page("archive/2021/2/kazakhstan/");
    let marked: Vec<String> = select(&doc, r#".terms li[lang="ru"]"#)
        .iter()
        .map(text)
        .collect();
    assert_eq!(marked, ["Казахстан"]);
}

#[test]
fn a_translated_list_that_cannot_be_paired_is_a_warning_at_its_place() {
    let run = built().build_run();
    run.stderr_contains(
        "warning[W009]: the `en` keywords cannot be paired with the article's keywords: 2 here, 3 in `keywords`",
    )
    .stderr_contains("--> content/2021/2/regionalizm.md:13:15");
    // Its keywords make no pages: "regionalism" has none of its own.
    assert!(!built().public().join("keywords/regionalism").exists());
    assert!(built().public().join("keywords/regionalizm").is_dir());
}

#[test]
fn a_wrong_language_in_names_is_reported_at_its_place() {
    let site = TestSite::fixture("bilingual-terms");
    site.write(
        "content/_keywords.yaml",
        "Интеграция:\n  names:\n    ru: Интеграция\n    eb: Integration\n    de: Integration\nРегионализм:\n  names: Regionalism\n",
    );
    site.check()
        .code(1)
        .stderr_contains(
            "content/_keywords.yaml:4:5: error[E021]: invalid language in `names`: `eb` is not an ISO 639-1 language code",
        )
        .stderr_contains(
            "content/_keywords.yaml:5:5: error[E030]: `de` is not one of the site's `languages`",
        )
        .stderr_contains(
            "content/_keywords.yaml:7:10: error[E011]: `names` must be a set of languages, found text",
        );
    // The long form says how to fix each.
    site.run(&["check"])
        .code(1)
        .stderr_contains("did you mean `en`?")
        .stderr_contains("name the term in the site's languages (`ru`, `en`)");
}

#[test]
fn a_site_of_one_language_names_terms_as_before() {
    // Without `languages:`, translated keywords join nothing and warn of
    // nothing; countries are named in the site's language, Russian here.
    let site = TestSite::fixture("bilingual-terms");
    site.write(
        "journal.yaml",
        "title: Вестник\nbase_url: https://example.org/t/\nlanguage: ru\n",
    )
    .write(
        "content/_keywords.yaml",
        "Евразийский экономический союз:\n  synonyms: [ЕАЭС, EAEU]\n",
    );
    let run = site.build(&[]);
    run.success();
    assert!(!run.stderr.contains("W009"), "{}", run.stderr);
    // Cyrillic «Казахстан» and Latin "Kazakhstan" stay two terms.
    run.stderr_contains("warning[W005]");
    let public = site.public();
    assert!(public.join("keywords/integratsiya").is_dir());
    assert!(public.join("keywords/integration").is_dir());
    let country = std::fs::read_to_string(public.join("countries/kazakhstan/index.html"))
        .expect("the country page");
    assert!(
        country.contains(r#"<h1 class="term-title">Казахстан</h1>"#),
        "the Russian name"
    );
}

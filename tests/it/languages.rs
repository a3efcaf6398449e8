//! Two interface languages: the default tree at the base path and the
//! other under `/<lang>/`, every page in both, each page's twin named by a
//! language switch and reciprocal `hreflang` links, each tree speaking its
//! language, every link leading to a file of the output, and the files both
//! trees share written once.
//!
//! Checked on three sites: the fixture `tests/fixtures/bilingual/`
//! (`languages: [ru, en]`), the sample as it is (`[en, ru]`) and the sample
//! made Russian first (`[ru, en]`, [`support::russian_first`]); and the
//! sample without `languages:`, which must have one tree.

use std::collections::{BTreeMap, BTreeSet};

use scraper::{ElementRef, Html, Selector};

use crate::support::{self, built_fixture, built_sample, BuiltSite, BASE_PATH};

/// A site in two languages, built once, and what the checks must know of
/// it.
struct Bilingual {
    /// The site as failures name it.
    name: &'static str,
    built: &'static BuiltSite,
    /// The scheme and host of its `base_url`.
    origin: &'static str,
    /// The path of its `base_url`.
    base: &'static str,
    /// Its languages, the default first.
    languages: [&'static str; 2],
    /// The journal's title in each language, in that order.
    titles: [&'static str; 2],
    /// Whether it has static pages (`content/pages/`).
    static_pages: bool,
}

/// The sample's origin (its base path is [`BASE_PATH`]).
const SAMPLE_ORIGIN: &str = "https://example.github.io";
/// The sample journal's title in English and in Russian.
const SAMPLE_TITLE_EN: &str = "Review of Eurasian Regional Studies";
const SAMPLE_TITLE_RU: &str = "Обозрение евразийских региональных исследований";

fn fixture() -> Bilingual {
    Bilingual {
        name: "the bilingual fixture",
        built: built_fixture("bilingual"),
        origin: "https://example.org",
        base: "/vestnik/",
        languages: ["ru", "en"],
        titles: [
            "Вестник региональных исследований",
            "Herald of Regional Studies",
        ],
        static_pages: false,
    }
}

fn sample() -> Bilingual {
    Bilingual {
        name: "the sample [en, ru]",
        built: built_sample(),
        origin: SAMPLE_ORIGIN,
        base: BASE_PATH,
        languages: ["en", "ru"],
        titles: [SAMPLE_TITLE_EN, SAMPLE_TITLE_RU],
        static_pages: true,
    }
}

fn sample_russian_first() -> Bilingual {
    Bilingual {
        name: "the sample [ru, en]",
        built: support::built_sample_russian_first(),
        origin: SAMPLE_ORIGIN,
        base: BASE_PATH,
        languages: ["ru", "en"],
        titles: [SAMPLE_TITLE_RU, SAMPLE_TITLE_EN],
        static_pages: true,
    }
}

/// Every site in two languages the checks run on.
fn sites() -> [Bilingual; 3] {
    [fixture(), sample(), sample_russian_first()]
}

/// The word each interface language has for the archive.
fn archive_word(lang: &str) -> &'static str {
    match lang {
        "ru" => "Архив",
        "en" => "Archive",
        other => panic!("no archive word for {other}"),
    }
}

impl Bilingual {
    /// Every page (`index.html`) of the output, by its folder under
    /// `public/` (`en/archive`; the home page is ``).
    fn pages(&self) -> BTreeMap<String, Html> {
        let public = self.built.public();
        support::files_with_extension(&public, "html")
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
            .map(|p| {
                let rel = support::relative(&public, p.parent().expect("a folder"));
                let html = std::fs::read_to_string(&p).expect("a page");
                (rel, Html::parse_document(&html))
            })
            .collect()
    }

    /// The language of the tree `page` is in, and its path in that tree.
    fn tree_of<'p>(&self, page: &'p str) -> (&'static str, &'p str) {
        let other = self.languages[1];
        if page == other {
            return (other, "");
        }
        match page.strip_prefix(other).and_then(|p| p.strip_prefix('/')) {
            Some(rest) => (other, rest),
            None => (self.languages[0], page),
        }
    }

    /// The folder of the page at `path` (a default-tree path) in the tree
    /// of `lang`.
    fn in_tree(&self, lang: &str, path: &str) -> String {
        match (lang == self.languages[0], path.is_empty()) {
            (true, _) => path.to_string(),
            (false, true) => lang.to_string(),
            (false, false) => format!("{lang}/{path}"),
        }
    }

    /// The absolute address of the page in the folder `page`.
    fn url(&self, page: &str) -> String {
        let slash = if page.is_empty() { "" } else { "/" };
        format!("{}{}{page}{slash}", self.origin, self.base)
    }

    /// The journal's title in `lang`.
    fn title(&self, lang: &str) -> &'static str {
        let at = self.languages.iter().position(|l| *l == lang);
        self.titles[at.unwrap_or_else(|| panic!("{}: no language {lang}", self.name))]
    }
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector).collect()
}

/// The text of the first element `selector` selects, or ``.
fn text(doc: &Html, selector: &str) -> String {
    select(doc, selector)
        .first()
        .map(|e| e.text().collect())
        .unwrap_or_default()
}

/// The language an element is in: its own `lang`, or its nearest
/// ancestor's.
fn lang_of(e: ElementRef<'_>) -> String {
    std::iter::once(*e)
        .chain(e.ancestors())
        .filter_map(ElementRef::wrap)
        .find_map(|a| a.value().attr("lang"))
        .unwrap_or_default()
        .to_string()
}

/// The `<html lang>` of a page.
fn page_lang(doc: &Html) -> String {
    lang_of(select(doc, "html")[0])
}

/// Fails the test with every problem found, or passes when there is none.
#[track_caller]
fn assert_none(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_page_exists_in_both_trees() {
    for site in sites() {
        let pages = site.pages();
        let mut trees: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut kinds: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (page, doc) in &pages {
            let (lang, path) = site.tree_of(page);
            trees.entry(lang).or_default().insert(path);
            let kind = select(doc, "body")[0]
                .value()
                .attr("class")
                .and_then(|c| c.split(' ').find_map(|c| c.strip_prefix("page-")))
                .unwrap_or_default()
                .to_string();
            kinds.entry(lang).or_default().insert(kind);
        }
        let [first, second] = site.languages;
        let name = site.name;
        assert!(
            trees[first].len() > 30,
            "{name}: only {} pages",
            trees[first].len()
        );
        assert_eq!(trees[first], trees[second], "{name}: the trees differ");
        let mut expected = vec![
            "home", "archive", "issue", "article", "taxonomy", "term", "search",
        ];
        if site.static_pages {
            expected.push("page");
        }
        for lang in site.languages {
            for kind in &expected {
                assert!(
                    kinds[lang].contains(*kind),
                    "{name}: no {kind} page in /{lang}/"
                );
            }
            let not_found = site.in_tree(lang, "404.html");
            assert!(
                site.built.public().join(&not_found).is_file(),
                "{name}: no {not_found}"
            );
        }
        for section in ["keywords", "countries", "regions", "authors"] {
            let terms = trees[first]
                .iter()
                .filter(|p| p.starts_with(&format!("{section}/")))
                .count();
            assert!(terms > 0, "{name}: no {section} term pages");
        }
    }
}

#[test]
fn each_tree_speaks_its_language() {
    let mut problems = Vec::new();
    for site in sites() {
        for (page, doc) in &site.pages() {
            let (tree, path) = site.tree_of(page);
            let mut expect = |what: &str, found: String, wanted: &str| {
                if found != wanted {
                    let name = site.name;
                    problems.push(format!(
                        "{name}: /{page}/: {what} is {found:?}, not {wanted:?}"
                    ));
                }
            };
            let current = select(doc, r#".language-switch [aria-current="page"]"#);
            let current = current.first().map(|e| lang_of(*e)).unwrap_or_default();
            expect("the switch's current language", current, tree);
            for part in [".skip-link", ".site-title", ".site-search"] {
                let lang = select(doc, part).first().map(|e| lang_of(*e));
                expect(
                    &format!("the language of {part}"),
                    lang.unwrap_or_default(),
                    tree,
                );
            }
            expect(
                "the journal's title",
                text(doc, ".site-title"),
                site.title(tree),
            );
            if path == "archive" {
                expect("the archive's heading", text(doc, "h1"), archive_word(tree));
            }
            // A page is in its tree's language, save an article shown in
            // its original language, which says so in the tree's.
            let lang = page_lang(doc);
            let is_article = !select(doc, "body.page-article").is_empty();
            if is_article && lang != tree {
                let notes: Vec<String> = select(doc, ".original-note")
                    .into_iter()
                    .map(lang_of)
                    .collect();
                expect("the note on the original", notes.join(" "), tree);
            } else {
                expect("<html lang>", lang.clone(), tree);
            }
            // What an article gives only in its own language (its authors'
            // degrees, positions and affiliations, the funding note, the
            // full text) is marked with it on a page in another.
            let written_in = meta(doc, "citation_language");
            if is_article && written_in != lang {
                for part in [".author-details", "section.funding", ".article-body"] {
                    for e in select(doc, part) {
                        expect(&format!("the language of {part}"), lang_of(e), &written_in);
                    }
                }
            }
        }
    }
    assert_none("the trees' languages", &problems);
}

/// A page's `<link rel="alternate" hreflang>` links: language to address.
fn alternates(doc: &Html) -> BTreeMap<String, String> {
    select(doc, r#"link[rel="alternate"][hreflang]"#)
        .into_iter()
        .map(|e| {
            let attr = |name| e.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

#[test]
fn hreflang_pairs_are_reciprocal_and_the_switch_leads_to_the_twin() {
    let mut problems = Vec::new();
    for site in sites() {
        let pages = site.pages();
        let name = site.name;
        let root = format!("{}{}", site.origin, site.base);
        for (page, doc) in &pages {
            let own = alternates(doc);
            let (_, path) = site.tree_of(page);
            let mut wanted: BTreeMap<String, String> = site
                .languages
                .iter()
                .map(|l| (l.to_string(), site.url(&site.in_tree(l, path))))
                .collect();
            wanted.insert("x-default".into(), site.url(path));
            if own != wanted {
                problems.push(format!(
                    "{name}: /{page}/: alternates {own:?}, not {wanted:?}"
                ));
                continue;
            }
            for url in own.values() {
                let rel = url
                    .strip_prefix(&root)
                    .unwrap_or_default()
                    .trim_end_matches('/');
                match pages.get(rel) {
                    None => {
                        problems.push(format!("{name}: /{page}/: {url} is no page of the output"))
                    }
                    Some(twin) if alternates(twin) != own => problems.push(format!(
                        "{name}: /{page}/ and /{rel}/ name different alternates"
                    )),
                    Some(_) => {}
                }
            }
            let switch: Vec<String> = select(doc, ".language-switch a")
                .into_iter()
                .map(|a| a.value().attr("href").unwrap_or_default().to_string())
                .collect();
            let expected: Vec<String> = site
                .languages
                .iter()
                .map(|l| own[*l].trim_start_matches(site.origin).to_string())
                .collect();
            if switch != expected {
                problems.push(format!(
                    "/{page}/: the switch leads to {switch:?}, not {expected:?}"
                ));
            }
        }
        assert_none(site.name, &problems);
    }
}

#[test]
fn every_link_leads_to_a_file_of_the_output() {
    let mut problems = Vec::new();
    for site in sites() {
        let public = site.built.public();
        let mut checked = 0;
        for (page, doc) in site.pages() {
            for e in select(
                &doc,
                "a[href], link[href], img[src], script[src], form[action]",
            ) {
                let value = e.value();
                let href = value
                    .attr("href")
                    .or(value.attr("src"))
                    .or(value.attr("action"))
                    .unwrap_or_default();
                let absolute = href.strip_prefix(site.origin).unwrap_or(href);
                let resolved = if absolute.starts_with('/') || href.contains("://") {
                    absolute.to_string()
                } else if href.contains(':') || href.starts_with('#') {
                    continue;
                } else {
                    // Relative to the page's own folder.
                    format!("{}{page}/{href}", site.base).replace("//", "/")
                };
                let Some(rest) = resolved.strip_prefix(site.base) else {
                    continue;
                };
                let path = rest.split(['#', '?']).next().unwrap_or("");
                let file = if path.is_empty() || path.ends_with('/') {
                    public.join(path).join("index.html")
                } else {
                    public.join(path)
                };
                if !file.is_file() {
                    let name = site.name;
                    problems.push(format!("{name}: /{page}/: {href} leads to nothing"));
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{}: only {checked} links", site.name);
    }
    assert_none("links", &problems);
}

#[test]
fn shared_files_are_written_once_and_linked_from_both_trees() {
    for site in sites() {
        let name = site.name;
        let public = site.built.public();
        let other = site.languages[1];
        // The other tree has pages and feeds, nothing else.
        let own: Vec<String> = support::tree(&public.join(other))
            .into_keys()
            .filter(|rel| {
                let file = rel.rsplit('/').next().unwrap_or_default();
                !matches!(file, "index.html" | "404.html" | "feed.xml")
            })
            .collect();
        assert!(
            own.is_empty(),
            "{name}: files written again under /{other}/: {own:?}"
        );
        // Its article pages link the downloads of the default tree.
        let pages = site.pages();
        let articles: Vec<(&String, &Html)> = pages
            .iter()
            .filter(|(p, doc)| {
                site.tree_of(p).0 == other && !select(doc, "body.page-article").is_empty()
            })
            .collect();
        assert!(
            articles.len() > 2,
            "{name}: only {} articles",
            articles.len()
        );
        for (page, doc) in articles {
            let (_, path) = site.tree_of(page);
            let ris = format!("{}{path}/cite.ris", site.base);
            assert!(
                select(doc, "a[href]")
                    .iter()
                    .any(|a| a.value().attr("href") == Some(ris.as_str())),
                "{name}: /{page}/ does not link {ris}"
            );
            assert!(
                public.join(path).join("cite.ris").is_file(),
                "{name}: no {ris}"
            );
        }
        // One search index, which both search pages read.
        assert!(public.join("search/index.json").is_file());
        let search = std::fs::read_to_string(public.join(other).join("search/index.html"))
            .unwrap_or_else(|e| panic!("{name}: the /{other}/ search page: {e}"));
        let index = format!("{}search/index.json", site.base);
        assert!(
            search.contains(&index),
            "{name}: the /{other}/ search page does not read {index}"
        );
    }
}

/// The sample's two articles written in Russian: their folder, Russian
/// title and English title (`translations: en:`).
const RUSSIAN_ARTICLES: &[(&str, &str, &str)] = &[
    (
        "archive/2018/3/eaeu-non-tariff-barriers",
        "Нетарифные барьеры в Евразийском экономическом союзе",
        "Non-Tariff Barriers inside the Eurasian Economic Union",
    ),
    (
        "archive/2019/1/kyrgyzstan-eaeu",
        "Кыргызстан в Евразийском экономическом союзе: итоги первых лет членства",
        "Kyrgyzstan in the Eurasian Economic Union: The First Years of Membership",
    ),
];

/// The `<meta name>`'s content, or ``.
fn meta(doc: &Html, name: &str) -> String {
    select(doc, &format!(r#"meta[name="{name}"]"#))
        .first()
        .and_then(|e| e.value().attr("content"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_russian_article_is_russian_in_the_russian_tree_and_english_in_the_english_one() {
    for site in [sample(), sample_russian_first()] {
        let name = site.name;
        let pages = site.pages();
        for (path, russian, english) in RUSSIAN_ARTICLES {
            let ru = &pages[&site.in_tree("ru", path)];
            let en = &pages[&site.in_tree("en", path)];
            assert_eq!(page_lang(ru), "ru", "{name}: /ru/ {path}");
            assert_eq!(text(ru, "h1"), *russian, "{name}: {path} in Russian");
            let h1 = select(en, "h1")[0];
            assert_eq!(
                h1.text().collect::<String>(),
                *english,
                "{name}: {path} in English"
            );
            assert_eq!(
                lang_of(h1),
                "en",
                "{name}: the English title of {path} is marked so"
            );
            let original = select(en, r#"section.translation[lang="ru"]"#);
            assert_eq!(
                original.len(),
                1,
                "{name}: {path}: the original below, marked ru"
            );
            assert!(original[0].text().collect::<String>().contains(russian));
            // Machines read it in its language of record on both trees.
            assert_eq!(meta(en, "citation_title"), *russian, "{name}: {path}");
            assert_eq!(meta(ru, "citation_title"), *russian, "{name}: {path}");
            // Each tree's canonical address is its own page.
            for lang in ["ru", "en"] {
                let page = site.in_tree(lang, path);
                let canonical = select(&pages[&page], r#"link[rel="canonical"]"#)[0]
                    .value()
                    .attr("href")
                    .unwrap_or_default()
                    .to_string();
                assert_eq!(
                    canonical,
                    site.url(&page),
                    "{name}: the canonical of /{page}/"
                );
            }
        }
        // The full text stays Russian in the English tree, marked so.
        let en = &pages[&site.in_tree("en", RUSSIAN_ARTICLES[0].0)];
        assert_eq!(select(en, r#".article-body[lang="ru"]"#).len(), 1, "{name}");
    }
}

#[test]
fn an_english_article_shows_its_russian_translation_in_the_russian_tree() {
    for site in [sample(), sample_russian_first()] {
        let name = site.name;
        let pages = site.pages();
        let path = "archive/2018/4/central-asia-integration";
        let ru = &pages[&site.in_tree("ru", path)];
        assert_eq!(page_lang(ru), "ru", "{name}");
        assert_eq!(
            text(ru, "h1"),
            "Центральная Азия в поисках собственного пути интеграции",
            "{name}"
        );
        assert_eq!(
            select(ru, r#"section.translation[lang="en"]"#).len(),
            1,
            "{name}: the English original below"
        );
        let keywords: Vec<String> = select(ru, ".terms dd a")
            .iter()
            .map(|a| a.text().collect())
            .collect();
        assert!(
            keywords.starts_with(&["Центральная Азия".to_string(), "СНГ".to_string()]),
            "{name}: {keywords:?}"
        );
        let en = &pages[&site.in_tree("en", path)];
        assert_eq!(page_lang(en), "en", "{name}");
        assert_eq!(
            text(en, "h1"),
            "Central Asia in Search for its Own Way of Integration"
        );
    }
}

#[test]
fn the_russian_first_sample_says_arkhiv_at_the_base_path() {
    let site = sample_russian_first();
    let pages = site.pages();
    assert_eq!(text(&pages["archive"], "h1"), "Архив");
    assert_eq!(page_lang(&pages["archive"]), "ru");
    assert_eq!(text(&pages["en/archive"], "h1"), "Archive");
    assert_eq!(page_lang(&pages["en/archive"]), "en");
    assert_eq!(text(&pages[""], ".site-title"), SAMPLE_TITLE_RU);
    assert_eq!(text(&pages["en"], ".site-title"), SAMPLE_TITLE_EN);
}

#[test]
fn without_languages_the_sample_has_one_tree() {
    let site = support::built_sample_one_language();
    let public = site.public();
    for other in ["ru", "en"] {
        assert!(!public.join(other).exists(), "a /{other}/ tree");
    }
    let archive = Html::parse_document(&site.read("public/archive/index.html"));
    assert_eq!(page_lang(&archive), "en");
    assert_eq!(text(&archive, "h1"), "Archive");
    assert!(select(&archive, ".language-switch").is_empty());
    assert!(alternates(&archive).is_empty());
    // A Russian article is shown in the journal's language, English, by
    // its translation.
    let article =
        Html::parse_document(&site.read("public/archive/2019/1/kyrgyzstan-eaeu/index.html"));
    assert_eq!(text(&article, "h1"), RUSSIAN_ARTICLES[1].2);
}

#[test]
fn an_article_shows_its_translation_in_the_page_language_and_its_original_below() {
    let pages = fixture().pages();
    let english = &pages["en/archive/2020/1/statya-1"];
    assert_eq!(page_lang(english), "en");
    assert_eq!(text(english, "h1"), "Integration in Central Asia");
    let original = select(english, r#"section.translation[lang="ru"]"#);
    assert_eq!(original.len(), 1, "the original below, marked lang=ru");
    assert!(original[0]
        .text()
        .collect::<String>()
        .contains("Интеграция в Центральной Азии"));
    assert_eq!(
        select(english, r#".article-body[lang="ru"]"#).len(),
        1,
        "the full text is marked Russian"
    );
    let keywords: Vec<String> = select(english, ".terms dd a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(
        keywords.starts_with(&["regionalism".to_string(), "Kazakhstan".to_string()]),
        "{keywords:?}"
    );
    // The Russian page shows the original, with the English translation below.
    let russian = &pages["archive/2020/1/statya-1"];
    assert_eq!(page_lang(russian), "ru");
    assert_eq!(text(russian, "h1"), "Интеграция в Центральной Азии");
    assert_eq!(
        select(russian, r#"section.translation[lang="en"]"#).len(),
        1
    );
    // Machines read the article in its language of record on both trees.
    assert_eq!(
        meta(english, "citation_title"),
        meta(russian, "citation_title")
    );
    assert_eq!(
        meta(russian, "citation_title"),
        "Интеграция в Центральной Азии"
    );
}

#[test]
fn an_article_without_a_translation_says_it_shows_the_original() {
    let pages = fixture().pages();
    let doc = &pages["en/archive/2020/2/statya-2"];
    assert_eq!(select(doc, "html")[0].value().attr("lang"), Some("ru"));
    let note = select(doc, r#".original-note[lang="en"]"#);
    assert_eq!(note.len(), 1, "the note, in English, marked so");
    assert!(select(&pages["archive/2020/2/statya-2"], ".original-note").is_empty());
}

/// A translation's subtitle is shown with its title on the page in its
/// language and in that tree's lists, and the original's below.
#[test]
fn a_translated_subtitle_goes_with_its_title() {
    let pages = sample().pages();
    let russian = &pages["ru/archive/2018/3/belt-and-road-corridors"];
    assert_eq!(text(russian, "h1"), "«Пояс и путь» в Центральной Азии");
    assert_eq!(
        text(russian, ".article-subtitle"),
        "Коридоры на бумаге и на местности"
    );
    assert_eq!(
        text(russian, ".translation .translation-subtitle"),
        "Corridors on Paper and on the Ground"
    );
    let issue = &pages["ru/archive/2018/3"];
    let subtitles: Vec<String> = select(issue, ".entry-subtitle")
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    assert!(
        subtitles
            .iter()
            .any(|s| s == "Коридоры на бумаге и на местности"),
        "{subtitles:?}"
    );
    let english = &pages["archive/2018/3/belt-and-road-corridors"];
    assert_eq!(
        text(english, ".translation .translation-subtitle"),
        "Коридоры на бумаге и на местности"
    );
}

/// Sections are named per tree by `sections:` in journal.yaml: the issue's
/// contents and the article's kicker.
#[test]
fn sections_are_named_in_each_trees_language() {
    for site in [sample(), sample_russian_first()] {
        let pages = site.pages();
        let (ru, en) = match site.languages {
            ["en", "ru"] => ("ru/", ""),
            _ => ("", "en/"),
        };
        let names = |path: &str| -> Vec<String> {
            select(&pages[path], ".section-name")
                .iter()
                .map(|e| e.text().collect::<String>().trim().to_string())
                .collect()
        };
        let russian = names(&format!("{ru}archive/2018/4"));
        assert!(
            russian.iter().any(|n| n == "Регионоведение"),
            "{}: {russian:?}",
            site.name
        );
        let english = names(&format!("{en}archive/2018/4"));
        assert!(
            english.iter().any(|n| n == "Regional Studies"),
            "{}: {english:?}",
            site.name
        );
        let kicker = &pages[&format!("{ru}archive/2018/4/central-asia-integration")];
        assert_eq!(
            text(kicker, ".article-section"),
            "Регионоведение",
            "{}",
            site.name
        );
    }
}

/// The search page's filters show sections and countries in the page's
/// language, and keep the values the index is filtered by.
#[test]
fn search_filters_speak_the_page_language() {
    let pages = sample().pages();
    let option = |path: &str, value: &str| -> String {
        select(&pages[path], &format!(r#"select option[value="{value}"]"#))
            .first()
            .map(|o| o.text().collect::<String>())
            .unwrap_or_default()
    };
    assert!(option("ru/search", "Regional Studies").starts_with("Регионоведение ("));
    assert!(option("ru/search", "Kazakhstan").starts_with("Казахстан ("));
    assert!(option("search", "Regional Studies").starts_with("Regional Studies ("));
    assert!(option("search", "Kazakhstan").starts_with("Kazakhstan ("));
}

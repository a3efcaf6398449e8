//! Static pages, the sitemap and the feeds on a site in two languages
//! (`tests/fixtures/pages-lang/`, `languages: [ru, en]`): `about.md` with
//! its translation `about.en.md`, `policy.md` in Russian only, each shown
//! in both trees; a sitemap naming every page's twins; a feed per tree.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use scraper::{Html, Selector};

use crate::support::{self, built_fixture, BuiltSite, TestSite};

/// The fixture's base path and origin.
const BASE: &str = "/vestnik/";
const ORIGIN: &str = "https://example.org";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn built() -> &'static BuiltSite {
    built_fixture("pages-lang")
}

/// The page at `path` under `public/` (`en/about`, `` for the home page).
fn page(path: &str) -> Html {
    let file = built().public().join(path).join("index.html");
    let html = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("no page {}: {e}", file.display()));
    Html::parse_document(&html)
}

fn select<'a>(doc: &'a Html, selector: &str) -> Vec<scraper::ElementRef<'a>> {
    let selector = Selector::parse(selector).expect("a valid selector");
    doc.select(&selector).collect()
}

fn text(doc: &Html, selector: &str) -> String {
    select(doc, selector)
        .first()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

fn attr(doc: &Html, selector: &str, name: &str) -> Option<String> {
    select(doc, selector)
        .first()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

#[test]
fn a_page_and_its_translation_share_an_address_in_their_own_languages() {
    let russian = page("about");
    assert_eq!(attr(&russian, "html", "lang").as_deref(), Some("ru"));
    assert_eq!(text(&russian, "h1"), "О журнале");
    assert_eq!(
        attr(&russian, r#"meta[name="description"]"#, "content").as_deref(),
        Some("Кто издаёт журнал и о чём он пишет.")
    );
    let english = page("en/about");
    assert_eq!(attr(&english, "html", "lang").as_deref(), Some("en"));
    assert_eq!(text(&english, "h1"), "About the journal");
    assert!(text(&english, ".article-body").contains("regions of Eurasia"));
    assert_eq!(text(&english, ".toc-heading"), "Contents");
    // Each is in its tree's language: no note, no other language marked.
    for doc in [&russian, &english] {
        assert!(select(doc, ".original-note").is_empty());
        assert!(select(doc, "article.static-page[lang]").is_empty());
    }
    // The slug is the page's: `about.en.md` makes no page of its own.
    let public = built().public();
    assert!(!public.join("about-en").exists() && !public.join("en/about-en").exists());
    // The language switch leads to the twin.
    let switch: Vec<String> = select(&english, ".language-switch a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        switch,
        [format!("{BASE}about/"), format!("{BASE}en/about/")]
    );
}

#[test]
fn a_page_without_a_translation_is_in_the_other_tree_in_its_own_language() {
    let english = page("en/policy");
    assert_eq!(attr(&english, "html", "lang").as_deref(), Some("en"));
    assert_eq!(
        attr(&english, "article.static-page", "lang").as_deref(),
        Some("ru"),
        "the Russian text is marked as such"
    );
    assert_eq!(text(&english, "h1"), "Редакционная политика");
    assert_eq!(
        text(&english, ".original-note"),
        "This page is available in Russian only."
    );
    assert_eq!(
        attr(&english, ".original-note", "lang").as_deref(),
        Some("en")
    );
    // The theme's words inside the Russian text stay English, and say so.
    assert_eq!(
        attr(&english, ".toc-heading", "lang").as_deref(),
        Some("en")
    );
    let russian = page("policy");
    assert!(select(&russian, ".original-note").is_empty());
    assert!(select(&russian, "article.static-page[lang]").is_empty());
}

#[test]
fn the_navigation_names_pages_in_the_tree_language() {
    let nav = |doc: &Html| -> Vec<(String, Option<String>)> {
        select(doc, ".site-nav a")
            .iter()
            .filter(|a| {
                let href = a.value().attr("href").unwrap_or_default();
                href.ends_with("about/") || href.ends_with("policy/")
            })
            .map(|a| {
                (
                    a.text().collect::<String>(),
                    a.value().attr("lang").map(str::to_string),
                )
            })
            .collect()
    };
    assert_eq!(
        nav(&page("en")),
        [
            ("About the journal".to_string(), None),
            ("Редакционная политика".to_string(), Some("ru".to_string())),
        ]
    );
    assert_eq!(
        nav(&page("")),
        [
            ("О журнале".to_string(), None),
            ("Редакционная политика".to_string(), None),
        ]
    );
}

#[test]
fn files_a_text_shows_are_shared_and_found_from_both_trees() {
    let public = built().public();
    let mut checked = 0;
    for path in [
        "about",
        "en/about",
        "policy",
        "en/policy",
        "archive/2020/1/statya-1",
        "en/archive/2020/1/statya-1",
    ] {
        let doc = page(path);
        let images = select(&doc, ".article-body img");
        assert_eq!(images.len(), 1, "/{path}/: {images:?}");
        let src = images[0].value().attr("src").unwrap_or_default();
        let file = match src.strip_prefix(BASE) {
            Some(rest) => public.join(rest),
            None => public.join(path).join(src),
        };
        assert!(file.is_file(), "/{path}/: {src} leads to nothing");
        checked += 1;
    }
    assert_eq!(checked, 6);
    // Written once, in the default tree.
    assert!(public.join("about/seal.svg").is_file());
    assert!(!public.join("en/about/seal.svg").exists());
    assert!(!public
        .join("en/archive/2020/1/statya-1/figure.svg")
        .exists());
}

#[test]
fn a_page_named_for_a_language_the_site_does_not_have_is_an_error_at_its_file() {
    let site = TestSite::fixture("pages-lang");
    site.write(
        "content/pages/about.de.md",
        "---\ntitle: Über die Zeitschrift\n---\n",
    );
    site.write("content/pages/team.en.md", "---\ntitle: The editors\n---\n");
    site.check()
        .code(1)
        .no_panic()
        .stderr_contains("content/pages/about.de.md:1:1: error[E030]: `de` in the file name is not one of the site's `languages`")
        .stderr_contains("content/pages/team.en.md:1:1: error[E010]: no page `team.md` for this English translation");
    // The full report says what to do.
    site.run(&["check"])
        .code(1)
        .stderr_contains("name the page's translation `about.en.md`, or add `de` to `languages:`")
        .stderr_contains("add `team.md` in Russian (ru), the site's default language");
    // A page may not take the English tree's folder as its address.
    let site = TestSite::fixture("pages-lang");
    site.write("content/pages/en.md", "---\ntitle: English\n---\n");
    site.check()
        .code(1)
        .stderr_contains("content/pages/en.md:1:1")
        .stderr_contains("error[E026]: the address /en/ is quire's own");
}

/// `_index.en.md` is the home text in English: each tree's home page shows
/// its own; without one, a tree shows the default text marked with its
/// language. A code the site does not have is an error, and on a site of
/// one language the file is a warning.
#[test]
fn the_home_text_is_translated_like_a_page() {
    let site = TestSite::fixture("pages-lang");
    site.write("content/_index.md", "Журнал о регионах.\n");
    site.write(
        "content/_index.en.md",
        "---\ntitle: Welcome\n---\nA journal of regions.\n",
    );
    site.build(&[]).code(0);
    let home = |path: &str| {
        let file = site.public().join(path).join("index.html");
        Html::parse_document(&std::fs::read_to_string(file).expect("a home page"))
    };
    let russian = home("");
    assert_eq!(text(&russian, ".home-intro .prose"), "Журнал о регионах.");
    assert_eq!(attr(&russian, ".home-intro .prose", "lang"), None);
    let english = home("en");
    assert_eq!(
        text(&english, ".home-intro .prose"),
        "A journal of regions."
    );
    assert_eq!(attr(&english, ".home-intro .prose", "lang"), None);
    assert!(text(&english, "title").starts_with("Welcome"));

    // Without the English text, the English tree shows the Russian one, marked.
    std::fs::remove_file(site.path("content/_index.en.md")).expect("removed");
    site.build(&[]).code(0);
    let english = home("en");
    assert_eq!(text(&english, ".home-intro .prose"), "Журнал о регионах.");
    assert_eq!(
        attr(&english, ".home-intro .prose", "lang").as_deref(),
        Some("ru")
    );

    site.write("content/_index.de.md", "Eine Zeitschrift.\n");
    site.check()
        .code(1)
        .stderr_contains("content/_index.de.md:1:1: error[E030]: `de` in the file name is not one of the site's `languages`");

    let single = TestSite::fixture("valid-minimal");
    single.write("content/_index.en.md", "A text.\n");
    single
        .check()
        .code(0)
        .stderr_contains("content/_index.en.md:1:1: warning[W004]: a home text in another language, on a site of one language");
}

/// A text names the default tree's addresses (`/about/`); on a page of
/// the other tree its links lead to that tree's twins.
#[test]
fn root_relative_links_lead_into_the_pages_own_tree() {
    let site = TestSite::fixture("pages-lang");
    site.write(
        "content/pages/links.md",
        "---\ntitle: Ссылки\n---\n[О журнале](/about/), [номер](/archive/2020/1/), [лента](/feed.xml).\n",
    );
    site.build(&[]).code(0);
    let links = |path: &str| -> Vec<String> {
        let file = site.public().join(path).join("index.html");
        let doc = Html::parse_document(&std::fs::read_to_string(file).expect("the page"));
        select(&doc, ".article-body a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect()
    };
    assert_eq!(
        links("links"),
        [
            "/vestnik/about/",
            "/vestnik/archive/2020/1/",
            "/vestnik/feed.xml"
        ]
    );
    assert_eq!(
        links("en/links"),
        [
            "/vestnik/en/about/",
            "/vestnik/en/archive/2020/1/",
            "/vestnik/en/feed.xml"
        ]
    );
}

/// The sitemap's entries: address, and the alternates by language.
fn sitemap() -> BTreeMap<String, BTreeMap<String, String>> {
    let public = built().public();
    let texts: Vec<String> = support::sitemaps(&public, &format!("{ORIGIN}{BASE}"))
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("a sitemap"))
        .collect();
    let docs: Vec<roxmltree::Document> = texts
        .iter()
        .map(|xml| roxmltree::Document::parse(xml).expect("a well-formed sitemap"))
        .collect();
    let mut entries = BTreeMap::new();
    for url in docs.iter().flat_map(|doc| {
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name((SITEMAP, "url")))
    }) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name((SITEMAP, "loc")))
            .and_then(|n| n.text())
            .expect("a <loc>")
            .to_string();
        let alternates: BTreeMap<String, String> = url
            .children()
            .filter(|n| n.has_tag_name((XHTML, "link")))
            .map(|n| {
                assert_eq!(n.attribute("rel"), Some("alternate"), "{loc}");
                (
                    n.attribute("hreflang").expect("hreflang").to_string(),
                    n.attribute("href").expect("href").to_string(),
                )
            })
            .collect();
        assert!(
            entries.insert(loc.clone(), alternates).is_none(),
            "{loc} is listed twice"
        );
    }
    entries
}

#[test]
fn the_sitemap_names_every_page_in_every_language_reciprocally() {
    let entries = sitemap();
    let mut pages = 0;
    for (url, alternates) in &entries {
        if url.ends_with(".pdf") {
            assert!(alternates.is_empty(), "{url}: a shared file has no twins");
            continue;
        }
        pages += 1;
        let langs: BTreeSet<&str> = alternates.keys().map(String::as_str).collect();
        assert_eq!(langs, BTreeSet::from(["en", "ru", "x-default"]), "{url}");
        assert!(
            alternates.values().any(|u| u == url),
            "{url} is not among its own"
        );
        assert_eq!(alternates["x-default"], alternates["ru"], "{url}");
        assert!(
            alternates["en"].starts_with(&format!("{ORIGIN}{BASE}en/")),
            "{url}: {alternates:?}"
        );
        for twin in alternates.values() {
            assert_eq!(
                entries.get(twin),
                Some(alternates),
                "{url} and {twin} disagree"
            );
        }
    }
    // Every page of both trees is listed (the 404 page aside).
    let public = built().public();
    let written: BTreeSet<String> = support::files_with_extension(&public, "html")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| {
            let dir = support::relative(&public, p.parent().expect("a folder"));
            if dir.is_empty() {
                format!("{ORIGIN}{BASE}")
            } else {
                format!("{ORIGIN}{BASE}{dir}/")
            }
        })
        .collect();
    let listed: BTreeSet<String> = entries
        .keys()
        .filter(|u| !u.ends_with(".pdf"))
        .cloned()
        .collect();
    assert_eq!(listed, written, "the sitemap and the pages differ");
    assert_eq!(pages, written.len());
    assert!(written.contains(&format!("{ORIGIN}{BASE}en/policy/")));
}

#[test]
fn the_sitemap_with_hreflang_is_valid_against_the_sitemaps_schema() {
    crate::validate::xmllint_validates(
        "sitemap-0.9",
        "driver-sitemap+xhtml.xsd",
        &support::sitemaps(&built().public(), &format!("{ORIGIN}{BASE}")),
    );
    crate::validate::xmllint_validates(
        "sitemap-0.9",
        "siteindex.xsd",
        &[built().public().join("sitemap.xml")],
    );
}

/// The feed at `path` under `public/`: its `xml:lang` and title, and each
/// entry's `xml:lang`, title and summary, by its address.
struct Feed {
    lang: Option<String>,
    title: String,
    entries: BTreeMap<String, (Option<String>, String, String)>,
}

fn feed(path: &str) -> Feed {
    let xml = std::fs::read_to_string(built().public().join(path))
        .unwrap_or_else(|e| panic!("no feed {path}: {e}"));
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}"));
    let root = doc.root_element();
    assert!(root.has_tag_name((ATOM, "feed")), "{path}");
    let xml_lang = |n: roxmltree::Node| {
        n.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
            .map(str::to_string)
    };
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((ATOM, name)))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    let entries = root
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .map(|e| {
            (
                child(e, "id"),
                (xml_lang(e), child(e, "title"), child(e, "summary")),
            )
        })
        .collect();
    Feed {
        lang: xml_lang(root),
        title: child(root, "title"),
        entries,
    }
}

#[test]
fn each_tree_has_a_feed_in_its_language() {
    let english = feed("en/feed.xml");
    assert_eq!(english.lang.as_deref(), Some("en"));
    assert_eq!(english.title, "Herald of Regional Studies");
    let translated = &english.entries[&format!("{ORIGIN}{BASE}en/archive/2020/1/statya-1/")];
    assert_eq!(translated.0, None, "in the feed's language");
    assert_eq!(translated.1, "Integration in Central Asia");
    assert!(translated.2.starts_with("The article looks at"));
    // An article without an English translation keeps its own words, marked.
    let original = &english.entries[&format!("{ORIGIN}{BASE}en/archive/2020/2/statya-2/")];
    assert_eq!(original.0.as_deref(), Some("ru"));
    // Every entry leads into the English tree.
    assert!(english
        .entries
        .keys()
        .all(|id| id.starts_with(&format!("{ORIGIN}{BASE}en/archive/"))));

    let russian = feed("feed.xml");
    assert_eq!(russian.lang.as_deref(), Some("ru"));
    assert_eq!(russian.title, "Вестник региональных исследований");
    let own = &russian.entries[&format!("{ORIGIN}{BASE}archive/2020/1/statya-1/")];
    assert_eq!(
        (own.0.as_deref(), own.1.as_str()),
        (None, "Интеграция в Центральной Азии")
    );
    let english_article =
        &russian.entries[&format!("{ORIGIN}{BASE}archive/2020/3/english-article/")];
    assert_eq!(english_article.0.as_deref(), Some("en"));
    assert_eq!(english.entries.len(), russian.entries.len());

    // Term feeds too are per tree.
    let public = built().public();
    let term_feeds: Vec<String> = support::files_with_extension(&public.join("en/keywords"), "xml")
        .iter()
        .map(|p| support::relative(&public, p))
        .collect();
    assert!(!term_feeds.is_empty());
    for path in &term_feeds {
        let term = feed(path);
        assert_eq!(term.lang.as_deref(), Some("en"), "{path}");
        assert!(
            term.title.starts_with("Herald of Regional Studies: "),
            "{path}"
        );
    }
}

#[test]
fn each_tree_links_its_own_feed() {
    for (path, expected) in [
        ("", format!("{BASE}feed.xml")),
        ("en", format!("{BASE}en/feed.xml")),
        ("en/policy", format!("{BASE}en/feed.xml")),
        ("about", format!("{BASE}feed.xml")),
    ] {
        let doc = page(path);
        assert_eq!(
            attr(
                &doc,
                r#"link[rel="alternate"][type="application/atom+xml"]"#,
                "href"
            ),
            Some(expected),
            "/{path}/"
        );
    }
}

#[test]
fn static_pages_of_both_trees_pass_the_nu_html_checker() {
    let Some(java) = support::tool("java") else {
        return;
    };
    let jar = support::repo_root().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        support::missing("vnu.jar (tests/tools/node_modules/vnu-jar)");
        return;
    }
    let public = built().public();
    let files: Vec<_> = ["about", "en/about", "policy", "en/policy", "en"]
        .iter()
        .map(|p| public.join(p).join("index.html"))
        .collect();
    let output = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&output.stderr);
    let shown = report.replace(&*public.to_string_lossy(), "public");
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the Nu HTML Checker rejects static pages:\n{shown}"
    );
}

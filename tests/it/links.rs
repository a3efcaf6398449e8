//! Links in content to the site's own pages: every form an editor writes
//! (relative to the page, from the site's root, to an issue's folder, with
//! `index.html` and `#fragments`) is rewritten under the base path and
//! leads to a file of the output; a link to nothing is an error.

use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::support::{built_fixture, BuiltSite, TestSite};

/// The fixture's base path (`base_url: https://example.org/journal/`).
const BASE: &str = "/journal/";
const ORIGIN: &str = "https://example.org";

/// The pages whose texts link in every form: the home page, a static page
/// and the two articles.
const PAGES: &[&str] = &[
    "",
    "about",
    "archive/2018/4/central-asia-integration",
    "archive/2019/1/water-and-power",
];

fn built() -> &'static BuiltSite {
    built_fixture("links")
}

fn document(file: &Path) -> Html {
    let html = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    Html::parse_document(&html)
}

/// Whether `doc` has an element with id `id`.
fn has_id(doc: &Html, id: &str) -> bool {
    let selector = Selector::parse("[id]").expect("a valid selector");
    doc.select(&selector)
        .any(|e| e.value().attr("id") == Some(id))
}

/// Every `href` and `src` of the page at `page` (its folder in `public`).
fn addresses(public: &Path, page: &str) -> Vec<String> {
    let doc = document(&public.join(page).join("index.html"));
    let selector = Selector::parse("a[href], img[src], link[href]").expect("a valid selector");
    doc.select(&selector)
        .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
        .map(str::to_string)
        .collect()
}

/// The output file an address of the page at `page` leads to, and its
/// fragment; `None` for another site's address or `mailto:`.
fn lead(public: &Path, page: &str, href: &str) -> Option<(PathBuf, Option<String>)> {
    let href = href
        .strip_prefix(ORIGIN)
        .filter(|rest| rest.starts_with(BASE))
        .unwrap_or(href);
    if href.contains(':') && !href.starts_with('/') {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let mut within = if path.is_empty() {
        format!("{page}/")
    } else if let Some(rest) = path.strip_prefix(BASE) {
        rest.to_string()
    } else {
        assert!(
            !path.starts_with('/'),
            "{page}: `{href}` is outside the base path {BASE}"
        );
        format!("{page}/{path}")
    };
    if within.is_empty() || within.ends_with('/') {
        within.push_str("index.html");
    }
    Some((public.join(within.trim_start_matches('/')), fragment))
}

#[test]
fn every_link_of_the_texts_leads_to_a_file_of_the_output() {
    let public = built().public();
    let mut checked = 0;
    for page in PAGES {
        for href in addresses(&public, page) {
            let Some((file, fragment)) = lead(&public, page, &href) else {
                continue;
            };
            assert!(
                file.is_file(),
                "/{page}/: `{href}` leads to {}, which the build did not write",
                file.display()
            );
            if let Some(id) = fragment.filter(|_| file.extension().is_some_and(|e| e == "html")) {
                assert!(
                    has_id(&document(&file), &id),
                    "/{page}/: `{href}` names no id of {}",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} addresses checked");
}

#[test]
fn each_form_is_written_under_the_base_path() {
    let public = built().public();
    let cases: &[(&str, &[&str])] = &[
        (
            "",
            &[
                // `archive/`, `countries/`, `keywords/`, relative to `/`.
                "/journal/archive/",
                "/journal/countries/",
                "/journal/keywords/",
                // `about/index.html` keeps its `index.html`.
                "/journal/about/index.html",
                "/journal/archive/2018/4/central-asia-integration/#data-and-methods",
                "/journal/archive/2018/4/central-asia-integration/#how-to-cite-heading",
                "/journal/feed.xml",
                "/journal/search/",
                "/journal/files/policy.txt",
                "#welcome",
                "mailto:office@example.org",
                "https://example.org/",
            ],
        ),
        (
            "about",
            &[
                "/journal/keywords/integration/",
                "/journal/countries/kazakhstan/",
                "/journal/regions/central-asia/",
                "/journal/archive/index.html",
                "/journal/archive/2018/4/",
                "/journal/archive/2018/4/central-asia-integration/index.html#introduction",
                "/journal/",
                "#aims",
                "/journal/about/#aims",
                // `/journal/authors/`: already under the base path.
                "/journal/authors/",
            ],
        ),
        (
            "archive/2018/4/central-asia-integration",
            &[
                // `../` is the issue, `../../../` the archive.
                "/journal/archive/2018/4/",
                "/journal/archive/",
                "/journal/archive/2019/1/water-and-power/#findings",
                // `../../2019/1/`: the issue folder, from the Markdown file.
                "/journal/archive/2019/1/",
                "/journal/archive/2018/4/central-asia-integration/cite.bib",
                "/journal/archive/2018/4/central-asia-integration/article.jats.xml",
                // Files beside the text stay relative, and are copied.
                "data/trade.csv",
                "figures/chart.svg",
                "/journal/about/",
            ],
        ),
        (
            "archive/2019/1/water-and-power",
            &[
                "/journal/archive/2018/4/central-asia-integration/#introduction",
                "/journal/archive/2018/4/",
                "/journal/archive/2018/4/index.html",
                "/journal/countries/",
                "/journal/search/#search-q",
                "/journal/about/#aims",
            ],
        ),
    ];
    for (page, expected) in cases {
        let found = addresses(&public, page);
        for href in *expected {
            assert!(
                found.iter().any(|f| f == href),
                "/{page}/ has no link `{href}`; it has {found:#?}"
            );
        }
    }
}

#[test]
fn check_finds_nothing_wrong_in_the_links_fixture() {
    let site = TestSite::fixture("links");
    let run = site.check();
    run.success().no_panic();
    assert!(
        !run.stderr.contains("warning[") && !run.stderr.contains("error["),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_to_a_missing_page_is_an_error_in_check_and_build_with_a_suggestion() {
    let site = TestSite::fixture("links");
    site.replace(
        "content/pages/about.md",
        "(../keywords/integration/)",
        "(../keywords/integraton/)",
    );
    for run in [site.run(&["check"]), site.build(&[])] {
        run.code(1)
            .no_panic()
            .stderr_contains("--> content/pages/about.md:7:24")
            .stderr_contains("error[E027]: link to a missing page `../keywords/integraton/`")
            .stderr_contains("did you mean `/keywords/integration/`?");
    }
}

#[test]
fn a_static_page_file_outside_its_folder_is_named_as_the_page_s() {
    let site = TestSite::fixture("links");
    site.write("content/seal.png", "not really a picture");
    let text = site.read("content/pages/about.md");
    site.write(
        "content/pages/about.md",
        &format!("{text}\n![The seal](../seal.png)\n"),
    );
    site.run(&["check"])
        .code(1)
        .stderr_contains(
            "error[E031]: `../seal.png` is outside the folder of content/pages/about.md",
        )
        .stderr_contains("the same folder as the text");
}

#[test]
fn a_missing_fragment_is_a_warning_with_a_suggestion() {
    let site = TestSite::fixture("links");
    site.replace(
        "content/2019/1/water-and-power.md",
        "central-asia-integration/#introduction",
        "central-asia-integration/#introdution",
    );
    site.run(&["check"])
        .success()
        .stderr_contains("--> content/2019/1/water-and-power.md:11:28")
        .stderr_contains("warning[W007]")
        .stderr_contains("did you mean `#introduction`?");
}

#[test]
fn a_relative_address_read_from_the_wrong_folder_is_pointed_to_its_page() {
    let site = TestSite::fixture("links");
    site.replace(
        "content/2018/4/central-asia-integration.md",
        "[about](../../../../about/)",
        "[about](../about/)",
    );
    site.run(&["check"])
        .code(1)
        .stderr_contains("error[E027]: link to a missing page `../about/`")
        .stderr_contains("the site has no page or file at /archive/2018/4/about/")
        .stderr_contains("did you mean `/about/`?");
}

/// The `xlink:href` of every `ext-link` in the body of an article's JATS
/// file, in order.
fn jats_links(public: &Path, page: &str) -> Vec<String> {
    let path = public.join(page).join("article.jats.xml");
    let xml = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&xml).expect("well-formed JATS");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("a body");
    body.descendants()
        .filter(|n| n.has_tag_name("ext-link"))
        .filter_map(|n| n.attribute(("http://www.w3.org/1999/xlink", "href")))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_jats_file_links_where_the_page_does() {
    let public = built().public();
    for page in &PAGES[2..] {
        let doc = document(&public.join(page).join("index.html"));
        let selector = Selector::parse(".article-body a[href]").expect("a valid selector");
        let on_page: Vec<String> = doc
            .select(&selector)
            .filter_map(|a| a.value().attr("href"))
            .filter(|href| !href.starts_with("#fn"))
            .map(|href| {
                let base = url::Url::parse(&format!("{ORIGIN}{BASE}{page}/")).expect("a base");
                base.join(href).expect("an address").to_string()
            })
            .collect();
        let in_jats: Vec<String> = jats_links(&public, page)
            .into_iter()
            .filter(|href| !href.contains("#fn"))
            .collect();
        assert!(on_page.len() >= 5, "{page}: only {on_page:?}");
        assert_eq!(in_jats, on_page, "{page}");
    }
}

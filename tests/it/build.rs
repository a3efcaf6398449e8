//! `quire build` on the repository's sample site: links, page structure,
//! determinism, the safety of the output folder, drafts, golden `<main>`
//! snapshots, sitemap and feed.
//!
//! The site is built as it would be published on GitHub Pages under a
//! project path, `https://example.github.io/journal/` ([`BASE_URL`]), so
//! every address the pages hold must start with `/journal/`. Tests that only
//! read the output share one build of it ([`built_sample`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::support::{
    self, built_sample, built_sample_with_drafts, TestSite, Tree, BASE_PATH, BASE_URL,
};

/// The seed article, the one real article of the sample.
const SEED: &str = "archive/2018/4/central-asia-integration/index.html";
/// The sample's one draft, and the address it would have.
const DRAFT_SOURCE: &str = "content/2020/1/anaklia-deep-sea-port.md";
const DRAFT_PAGE: &str = "archive/2020/1/anaklia-deep-sea-port/index.html";

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// The built site's HTML pages, parsed, by path relative to the output.
struct Pages {
    dir: PathBuf,
    pages: BTreeMap<String, Html>,
}

impl Pages {
    fn load(dir: &Path) -> Pages {
        let pages: BTreeMap<String, Html> = support::files_with_extension(dir, "html")
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{} is not UTF-8 text: {e}", path.display()));
                (support::relative(dir, &path), Html::parse_document(&text))
            })
            .collect();
        assert!(
            pages.len() > 30,
            "the sample built only {} pages",
            pages.len()
        );
        Pages {
            dir: dir.to_path_buf(),
            pages,
        }
    }

    /// The ids (and `<a name>`s) of every page, by page.
    fn anchors(&self) -> BTreeMap<&str, BTreeSet<String>> {
        let with_id = selector("[id]");
        let named = selector("a[name]");
        self.pages
            .iter()
            .map(|(rel, doc)| {
                let mut ids: BTreeSet<String> = doc
                    .select(&with_id)
                    .filter_map(|e| e.value().attr("id"))
                    .map(str::to_string)
                    .collect();
                ids.extend(
                    doc.select(&named)
                        .filter_map(|e| e.value().attr("name"))
                        .map(str::to_string),
                );
                (rel.as_str(), ids)
            })
            .collect()
    }
}

/// The address a page is served at: `archive/index.html` is
/// `https://example.github.io/journal/archive/`.
fn page_address(rel: &str) -> String {
    let dir_form = if rel == "index.html" {
        ""
    } else {
        rel.strip_suffix("/index.html")
            .map_or(rel, |dir| &rel[..dir.len() + 1])
    };
    format!("{BASE_URL}{dir_form}")
}

/// Every address a page refers to: `href`, `src`, each `srcset` candidate,
/// `poster` and `<object data>`, as written.
fn references(doc: &Html) -> Vec<(String, String)> {
    let any = selector("[href], [src], [srcset], [poster], object[data]");
    let mut found = Vec::new();
    for element in doc.select(&any) {
        let name = element.value().name();
        for (attr, value) in element.value().attrs() {
            match attr {
                "href" | "src" | "poster" => {
                    found.push((format!("<{name} {attr}>"), value.to_string()))
                }
                "data" if name == "object" => {
                    found.push((format!("<{name} {attr}>"), value.to_string()))
                }
                "srcset" => {
                    for candidate in value.split(',') {
                        if let Some(address) = candidate.split_whitespace().next() {
                            found.push((format!("<{name} srcset>"), address.to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// Undoes `%XX` escapes (addresses are compared with file names on disk).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What a reference leads to.
enum Target {
    /// Another site, an e-mail address, a telephone number: not checked.
    External,
    /// A file of the output (relative path) and the fragment, if any.
    File(String, Option<String>),
    /// Why the reference cannot work when the site is served under `/journal/`.
    Broken(String),
}

/// Resolves `reference`, written in the page `page` (relative path), as a
/// browser would with the site served at [`BASE_URL`].
fn resolve(dir: &Path, page: &str, reference: &str) -> Target {
    let base = Url::parse(BASE_URL).expect("BASE_URL parses");
    let home = base.clone();
    let here = base.join(page).expect("a page's path joins");
    let trimmed = reference.trim();
    if trimmed.is_empty() || trimmed == "#" {
        return Target::External;
    }
    let url = match here.join(trimmed) {
        Ok(url) => url,
        Err(e) => return Target::Broken(format!("not a valid address ({e})")),
    };
    match url.scheme() {
        "http" | "https" => {}
        "mailto" | "tel" => return Target::External,
        other => return Target::Broken(format!("unexpected scheme `{other}:`")),
    }
    if url.host_str() != home.host_str()
        || url.port_or_known_default() != home.port_or_known_default()
    {
        return Target::External;
    }
    if url.scheme() != home.scheme() {
        return Target::Broken(format!(
            "uses {}: where the site is {}:",
            url.scheme(),
            home.scheme()
        ));
    }
    let Some(rest) = url.path().strip_prefix(BASE_PATH) else {
        return Target::Broken(format!(
            "resolves to {}, outside the base path {BASE_PATH}",
            url.path()
        ));
    };
    let mut rel = percent_decode(rest);
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let path = dir.join(&rel);
    if path.is_dir() {
        return Target::Broken(format!("resolves to the folder {rel}/ without a final `/`"));
    }
    if !path.is_file() {
        return Target::Broken(format!("resolves to {rel}, which was not built"));
    }
    let fragment = url.fragment().filter(|f| !f.is_empty()).map(percent_decode);
    Target::File(rel, fragment)
}

#[test]
fn every_internal_link_and_asset_resolves() {
    // The sample as it is (`[en, ru]`), made Russian first, and in one
    // language.
    for site in [
        built_sample(),
        support::built_sample_russian_first(),
        support::built_sample_one_language(),
    ] {
        links_resolve(site);
    }
}

/// Every internal reference of `site`'s pages leads to a file it wrote,
/// and every fragment to an id of its page.
fn links_resolve(site: &support::BuiltSite) {
    let pages = Pages::load(&site.public());
    let anchors = pages.anchors();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, doc) in &pages.pages {
        for (attr, reference) in references(doc) {
            let problem = match resolve(&pages.dir, page, &reference) {
                Target::External => continue,
                Target::Broken(why) => Some(why),
                Target::File(_, None) => None,
                Target::File(target, Some(fragment)) => match anchors.get(target.as_str()) {
                    None => Some(format!(
                        "has the fragment #{fragment}, but {target} is not an HTML page"
                    )),
                    Some(ids) if !ids.contains(&fragment) => {
                        Some(format!("{target} has no element with id=\"{fragment}\""))
                    }
                    Some(_) => None,
                },
            };
            checked += 1;
            if let Some(why) = problem {
                broken.push(format!("{page}: {attr}=\"{reference}\": {why}"));
            }
        }
    }
    assert!(
        checked > 500,
        "only {checked} internal references found: is the checker working?"
    );
    assert!(
        broken.is_empty(),
        "{}: {} broken references (of {checked} internal ones), served at {BASE_URL}:\n{}",
        site.root().display(),
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn the_link_checker_sees_what_is_broken() {
    // The checker itself, on made-up references from the seed article's page.
    let site = built_sample();
    let dir = site.public();
    let page = SEED;
    let broken = |r: &str| matches!(resolve(&dir, page, r), Target::Broken(_));
    let file = |r: &str| match resolve(&dir, page, r) {
        Target::File(rel, fragment) => Some((rel, fragment)),
        _ => None,
    };
    assert!(broken("/archive/"), "a root path outside /journal/");
    assert!(broken("/journal/archive"), "a folder without its `/`");
    assert!(broken("/journal/no-such-page/"));
    assert!(broken("../../../../../../outside/"));
    assert!(broken("javascript:alert(1)"));
    assert!(matches!(
        resolve(&dir, page, "https://doi.org/10.1/x"),
        Target::External
    ));
    assert!(matches!(
        resolve(&dir, page, "mailto:a@example.org"),
        Target::External
    ));
    assert_eq!(file("/journal/"), Some(("index.html".into(), None)));
    assert_eq!(
        file("central-asia-integration.pdf"),
        Some((
            "archive/2018/4/central-asia-integration/central-asia-integration.pdf".into(),
            None
        ))
    );
    assert_eq!(
        file("../?page=2#top"),
        Some(("archive/2018/4/index.html".into(), Some("top".into())))
    );
    assert_eq!(
        file("https://example.github.io/journal/style.css?v=1"),
        Some(("style.css".into(), None))
    );
    assert_eq!(
        file("#main-content"),
        Some((page.into(), Some("main-content".into())))
    );
    assert_eq!(percent_decode("a%20b%2"), "a b%2");
}

#[test]
fn every_page_has_one_h1_a_language_a_skip_link_and_a_canonical_address() {
    let site = built_sample();
    let pages = Pages::load(&site.public());
    let h1 = selector("h1");
    let html = selector("html");
    let first_link = selector("body a[href]");
    let main = selector("main");
    let canonical = selector("link[rel~=\"canonical\"]");
    let mut problems = Vec::new();
    for (page, doc) in &pages.pages {
        let mut problem = |what: String| problems.push(format!("{page}: {what}"));
        let headings = doc.select(&h1).count();
        if headings != 1 {
            problem(format!("{headings} <h1> elements, not one"));
        }
        let lang = doc
            .select(&html)
            .next()
            .and_then(|e| e.value().attr("lang"))
            .unwrap_or("");
        let lang_ok = !lang.is_empty()
            && lang
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if !lang_ok {
            problem(format!("<html lang=\"{lang}\"> is not a language tag"));
        }
        // The skip link: the first link of the body jumps to <main>.
        let mains: Vec<ElementRef> = doc.select(&main).collect();
        let main_id = mains.first().and_then(|m| m.value().attr("id"));
        if mains.len() != 1 {
            problem(format!("{} <main> elements, not one", mains.len()));
        }
        let first = doc
            .select(&first_link)
            .next()
            .and_then(|a| a.value().attr("href"));
        match (first, main_id) {
            (Some(href), Some(id)) if href.strip_prefix('#') == Some(id) => {}
            (first, id) => problem(format!(
                "no skip link: the body's first link is {first:?}, <main> has id {id:?}"
            )),
        }
        let links: Vec<&str> = doc
            .select(&canonical)
            .filter_map(|l| l.value().attr("href"))
            .collect();
        let expected = page_address(page);
        if links != [expected.as_str()] {
            problem(format!(
                "canonical links {links:?}, expected exactly [{expected:?}]"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The lines where two texts first differ, for a readable failure.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (number, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  - {x}\n  + {y}", number + 1);
        }
    }
    format!("{} lines against {}", a.lines().count(), b.lines().count())
}

/// Every difference between two output trees, one line each.
fn tree_differences(a: &Tree, b: &Tree) -> Vec<String> {
    let mut found = Vec::new();
    let names_a: BTreeSet<&String> = a.keys().collect();
    let names_b: BTreeSet<&String> = b.keys().collect();
    for name in names_a.difference(&names_b) {
        found.push(format!("{name}: only in the first"));
    }
    for name in names_b.difference(&names_a) {
        found.push(format!("{name}: only in the second"));
    }
    for (name, bytes) in a {
        if let Some(other) = b.get(name) {
            if bytes != other {
                found.push(format!(
                    "{name}: differs at {}",
                    first_difference(bytes, other)
                ));
            }
        }
    }
    found
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    // Two copies in two folders (an absolute path leaking into the output
    // would show), built with different thread counts (so would an order
    // that depends on which thread finishes first).
    let one = TestSite::sample();
    let two = TestSite::sample();
    let args = ["build", "--base-url", BASE_URL];
    one.run_with_env(&args, &[("RAYON_NUM_THREADS", "1")])
        .success();
    two.run_with_env(&args, &[("RAYON_NUM_THREADS", "4")])
        .success();
    let first = one.tree("public");
    assert!(
        first.len() > 60,
        "the sample built only {} files",
        first.len()
    );
    let differences = tree_differences(&first, &two.tree("public"));
    assert!(
        differences.is_empty(),
        "the two builds differ:\n{}",
        differences.join("\n")
    );
    // And a rebuild over an existing output gives the same tree again.
    one.run_with_env(&args, &[("RAYON_NUM_THREADS", "2")])
        .success();
    let differences = tree_differences(&first, &one.tree("public"));
    assert!(
        differences.is_empty(),
        "a rebuild differs:\n{}",
        differences.join("\n")
    );
}

/// Names in the site's folder that look like a staging folder.
fn staging_leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(site.root())
        .expect("the site folder is readable")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.contains(".staging-"))
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::sample();
    site.build(&["--base-url", BASE_URL]).success().no_panic();
    let before = site.tree("public");
    assert!(before.contains_key(SEED));
    let seed = "content/2018/4/central-asia-integration.md";
    let figure_article = "content/2018/4/water-energy-syr-darya.md";
    // (file, text, broken text, what the error is): the first is caught while
    // reading the content, the second while rendering, after the staging
    // folder has been written into.
    let cases = [
        (
            seed,
            "doi: 10.24833/2071-8160-2018-4-61-78-91",
            "doi: 2071-8160-2018-4-61-78-91",
            "a bad DOI",
        ),
        (
            figure_article,
            "(figures/toktogul-releases.svg)",
            "(figures/no-such-figure.svg)",
            "a missing figure",
        ),
    ];
    for (file, good, bad, what) in cases {
        let original = site.read(file);
        site.replace(file, good, bad);
        site.build(&["--base-url", BASE_URL])
            .code(1)
            .no_panic()
            .stderr_contains(file);
        let differences = tree_differences(&before, &site.tree("public"));
        assert!(
            differences.is_empty(),
            "{what}: public/ changed:\n{}",
            differences.join("\n")
        );
        let leftovers = staging_leftovers(&site);
        assert!(
            leftovers.is_empty(),
            "{what}: staging folders left behind: {leftovers:?}"
        );
        site.write(file, &original);
    }
    // The content repaired, the build goes through again.
    site.build(&["--base-url", BASE_URL]).success();
    assert!(tree_differences(&before, &site.tree("public")).is_empty());
}

#[test]
fn build_refuses_to_write_over_a_site() {
    let site = TestSite::sample();
    let before = site.tree("");
    let root = site
        .root()
        .to_str()
        .expect("a UTF-8 temporary path")
        .to_string();
    for output in [root.as_str(), "."] {
        site.build(&["--output", output])
            .code(2)
            .no_panic()
            .stderr_contains("refusing");
        let differences = tree_differences(&before, &site.tree(""));
        assert!(
            differences.is_empty(),
            "--output {output}: the site changed:\n{}",
            differences.join("\n")
        );
        assert!(staging_leftovers(&site).is_empty());
    }
    // Another folder that holds a content/ folder looks like a site too.
    let other = TestSite::empty();
    other.write("content/2020/1/_issue.yaml", "year: 2020\nnumber: 1\n");
    other.write("notes.txt", "not an output\n");
    let other_before = other.tree("");
    let other_path = other.root().to_str().expect("a UTF-8 temporary path");
    site.build(&["--output", other_path])
        .code(2)
        .no_panic()
        .stderr_contains("refusing");
    assert!(
        tree_differences(&other_before, &other.tree("")).is_empty(),
        "the other site changed"
    );
    assert!(
        tree_differences(&before, &site.tree("")).is_empty(),
        "the site changed"
    );
}

/// Every output file whose text mentions `needle`.
fn files_mentioning(tree: &Tree, needle: &str) -> Vec<String> {
    tree.iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn drafts_are_built_only_with_the_drafts_flag() {
    let site = built_sample();
    assert!(
        site.read(DRAFT_SOURCE)
            .lines()
            .any(|l| l.trim() == "draft: true"),
        "{DRAFT_SOURCE} is no longer a draft: this test needs one"
    );
    let published = site.tree("public");
    assert!(
        !published.contains_key(DRAFT_PAGE),
        "the draft was built without --drafts"
    );
    let mentions = files_mentioning(&published, "anaklia-deep-sea-port");
    assert!(
        mentions.is_empty(),
        "the draft is linked from {mentions:?} without --drafts"
    );

    let with_drafts = built_sample_with_drafts().tree("public");
    assert!(
        with_drafts.contains_key(DRAFT_PAGE),
        "--drafts did not build {DRAFT_PAGE}"
    );
    let issue = String::from_utf8_lossy(&with_drafts["archive/2020/1/index.html"]).into_owned();
    assert!(
        issue.contains("anaklia-deep-sea-port"),
        "with --drafts, the issue page does not list the draft"
    );
}

/// The `<main>` element of a page, exactly as written, but for the
/// stylesheet's cache-busting hash.
fn main_of(dir: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = Html::parse_document(&text);
    assert_eq!(
        doc.select(&selector("main")).count(),
        1,
        "{rel}: one <main>"
    );
    let start = text
        .match_indices("<main")
        .map(|(at, _)| at)
        .find(|&at| text[at + 5..].starts_with(['>', ' ', '\n', '\t']))
        .unwrap_or_else(|| panic!("{rel}: no <main> tag"));
    let end = text[start..]
        .find("</main>")
        .unwrap_or_else(|| panic!("{rel}: no </main>"))
        + start
        + 7;
    mask_stylesheet_hash(&text[start..end])
}

/// `style.css?v=0123abcd` as `style.css?v=[HASH]`.
fn mask_stylesheet_hash(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("style.css?v=") {
        let after = at + "style.css?v=".len();
        out.push_str(&rest[..after]);
        let hash = rest[after..].len()
            - rest[after..]
                .trim_start_matches(|c: char| c.is_ascii_hexdigit())
                .len();
        out.push_str("[HASH]");
        rest = &rest[after + hash..];
    }
    out.push_str(rest);
    out
}

fn snapshot_main(dir: &Path, name: &str, rel: &str) {
    let main = main_of(dir, rel);
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!(
        "<main> of public/{rel}: the sample site built with --base-url {BASE_URL}"
    ));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, main));
}

#[test]
fn golden_main_of_the_seed_article_its_issue_and_the_home_page() {
    let site = built_sample();
    let dir = site.public();
    // The facts the snapshot must show, checked here too so that an
    // accepted snapshot cannot silently drop one.
    let article = main_of(&dir, SEED);
    for fact in [
        "Central Asia in Search for its Own Way of Integration",
        "Evgeniya V. Makhmutova",
        "PhD in Political Sciences",
        "Associate Professor of the Political Science Department",
        "Financial University under the Government of the Russian Federation",
        "Leningradsky prospect, 49, Moscow, 125993, Russia",
        "mailto:elrus@yandex.ru",
        "2018. Vol. 11, No. 4 (61). P. 78–91",
        "central-asia-integration.pdf",
        "Download PDF",
        "regionalism",
    ] {
        assert!(
            article.contains(fact),
            "the seed article's <main> lacks `{fact}`"
        );
    }
    let doi = Html::parse_fragment(&article)
        .select(&selector("a[href]"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .any(|href| href == "https://doi.org/10.24833/2071-8160-2018-4-61-78-91");
    assert!(
        doi,
        "the seed article links no https://doi.org/10.24833/2071-8160-2018-4-61-78-91"
    );
    snapshot_main(&dir, "seed_article_main", SEED);
    snapshot_main(&dir, "seed_issue_main", "archive/2018/4/index.html");
    snapshot_main(&dir, "home_main", "index.html");
}

/// The `<url>` entries of a sitemap: address and lastmod.
fn sitemap_entries(xml: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("a sitemap is not well-formed: {e}"));
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let root = doc.root_element();
    assert!(
        root.has_tag_name((ns, "urlset")),
        "a sitemap's root is {:?}",
        root.tag_name()
    );
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert!(
                url.has_tag_name((ns, "url")),
                "unexpected {:?} in the urlset",
                url.tag_name()
            );
            let text = |name: &str| {
                url.children()
                    .find(|c| c.has_tag_name((ns, name)))
                    .and_then(|c| c.text())
                    .map(|t| t.trim().to_string())
            };
            (
                text("loc").expect("every <url> has a <loc>"),
                text("lastmod"),
            )
        })
        .collect()
}

/// The date a page states: its citation date, else its first `<time datetime>`.
fn page_date(doc: &Html) -> Option<String> {
    let citation = selector("meta[name=\"citation_publication_date\"]");
    let time = selector("time[datetime]");
    doc.select(&citation)
        .filter_map(|m| m.value().attr("content"))
        .map(|d| d.replace('/', "-"))
        .next()
        .or_else(|| {
            doc.select(&time)
                .filter_map(|t| t.value().attr("datetime"))
                .map(str::to_string)
                .next()
        })
}

#[test]
fn the_sitemap_lists_every_page_and_pdf_with_its_date() {
    let site = built_sample();
    let dir = site.public();
    let pages = Pages::load(&dir);
    let entries: Vec<(String, Option<String>)> = support::sitemaps(&dir, BASE_URL)
        .iter()
        .flat_map(|file| sitemap_entries(&std::fs::read_to_string(file).expect("a sitemap")))
        .collect();
    let mut problems = Vec::new();

    let mut listed: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for (loc, lastmod) in &entries {
        if listed.insert(loc, lastmod.as_deref()).is_some() {
            problems.push(format!("{loc}: listed twice across the sitemaps"));
        }
        if !loc.starts_with(BASE_URL) {
            problems.push(format!("{loc}: not an absolute address under {BASE_URL}"));
        }
        if let Some(date) = lastmod {
            let valid = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
                || chrono::DateTime::parse_from_rfc3339(date).is_ok();
            if !valid {
                problems.push(format!("{loc}: lastmod `{date}` is not a W3C date"));
            }
        }
    }

    // What must be listed: every page but the 404 pages, every PDF, with the date
    // its page states (a PDF has its article page's date).
    let mut expected: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (rel, doc) in &pages.pages {
        // Each language's tree has its own 404 page (`ru/404.html`).
        if rel != "404.html" && !rel.ends_with("/404.html") {
            expected.insert(page_address(rel), page_date(doc));
        }
    }
    for pdf in support::files_with_extension(&dir, "pdf") {
        let rel = support::relative(&dir, &pdf);
        let page = rel
            .rsplit_once('/')
            .map(|(folder, _)| format!("{folder}/index.html"));
        let date = page.and_then(|p| pages.pages.get(&p)).and_then(page_date);
        expected.insert(format!("{BASE_URL}{rel}"), date);
    }
    for (address, date) in &expected {
        match listed.get(address.as_str()) {
            None => problems.push(format!("{address}: missing from the sitemap")),
            Some(lastmod) => {
                if let Some(date) = date {
                    match lastmod {
                        None => problems.push(format!(
                            "{address}: no lastmod, though the page is dated {date}"
                        )),
                        Some(lastmod)
                            if address.contains("/archive/")
                                && !lastmod.starts_with(date.as_str()) =>
                        {
                            problems.push(format!(
                                "{address}: lastmod {lastmod}, but the page is dated {date}"
                            ))
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for address in listed.keys() {
        if !expected.contains_key(*address) {
            problems.push(format!(
                "{address}: listed, but no such page or PDF was built"
            ));
        }
    }
    assert!(
        expected.len() > 60,
        "only {} pages and PDFs built",
        expected.len()
    );
    assert!(
        problems.is_empty(),
        "{} sitemap problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The text of an Atom element's child `name`, trimmed; empty when missing.
fn atom_text(node: roxmltree::Node, name: &str) -> String {
    let atom = "http://www.w3.org/2005/Atom";
    node.children()
        .find(|c| c.has_tag_name((atom, name)))
        .and_then(|c| c.text())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// The Atom feed of the output `public`: well-formed, its entries
/// addressing built pages.
fn check_feed(public: &Path) -> usize {
    let path = public.join("feed.xml");
    let xml = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("feed.xml is not well-formed XML: {e}"));
    let atom = "http://www.w3.org/2005/Atom";
    let feed = doc.root_element();
    assert!(
        feed.has_tag_name((atom, "feed")),
        "feed.xml's root is {:?}, not an Atom feed",
        feed.tag_name()
    );
    let text = |node: roxmltree::Node, name: &str| atom_text(node, name);
    let mut problems = Vec::new();
    for name in ["title", "id", "updated"] {
        if text(feed, name).is_empty() {
            problems.push(format!("the feed has no <{name}>"));
        }
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    let mut ids = BTreeSet::new();
    for (n, entry) in entries.iter().enumerate() {
        let id = text(*entry, "id");
        if !ids.insert(id.clone()) {
            problems.push(format!("entry {n}: the id {id} is used twice"));
        }
        for name in ["title", "updated"] {
            if text(*entry, name).is_empty() {
                problems.push(format!("entry {n} ({id}): no <{name}>"));
            }
        }
        for name in ["updated", "published"] {
            let date = text(*entry, name);
            if !date.is_empty() && chrono::DateTime::parse_from_rfc3339(&date).is_err() {
                problems.push(format!(
                    "entry {n} ({id}): <{name}> {date} is not an RFC 3339 date"
                ));
            }
        }
        let alternate = entry
            .children()
            .filter(|c| c.has_tag_name((atom, "link")))
            .find(|l| l.attribute("rel").unwrap_or("alternate") == "alternate")
            .and_then(|l| l.attribute("href"));
        match alternate.map(|href| resolve(public, "feed.xml", href)) {
            Some(Target::File(..)) => {}
            Some(Target::Broken(why)) => problems.push(format!("entry {n} ({id}): its link {why}")),
            Some(Target::External) => {
                problems.push(format!("entry {n} ({id}): its link leaves the site"))
            }
            None => problems.push(format!("entry {n} ({id}): no alternate link")),
        }
    }
    assert!(
        problems.is_empty(),
        "{} feed problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    entries.len()
}

/// Article pages: `archive/<year>/<number>/<slug>/index.html`.
fn article_pages(tree: &Tree) -> usize {
    tree.keys()
        .filter(|name| {
            name.starts_with("archive/")
                && name.ends_with("/index.html")
                && name.matches('/').count() == 4
        })
        .count()
}

#[test]
fn the_feed_is_well_formed_atom_with_at_most_fifty_entries() {
    let site = built_sample();
    let articles = article_pages(&site.tree("public"));
    assert!(articles > 0);
    let entries = check_feed(&site.public());
    assert_eq!(
        entries,
        articles.min(50),
        "the feed should carry every article while there are at most 50"
    );

    // More than fifty articles: the feed keeps fifty.
    let site = TestSite::sample();
    let issue = "content/2020/1";
    for n in 1..=40 {
        site.write(
            &format!("{issue}/generated-{n:02}.md"),
            &format!(
                "---\ntitle: Generated Article {n}\nauthors:\n  - name: Test Author {n}\n\
                 pages: {first}-{last}\nkeywords: [testing]\nabstract: |\n  An abstract for article {n}.\n---\n",
                first = 100 + 10 * n,
                last = 105 + 10 * n,
            ),
        );
    }
    site.build(&["--base-url", BASE_URL]).success();
    let articles = article_pages(&site.tree("public"));
    assert!(articles > 50, "only {articles} articles after adding 40");
    assert_eq!(
        check_feed(&site.public()),
        50,
        "the feed should carry the 50 latest articles"
    );
}

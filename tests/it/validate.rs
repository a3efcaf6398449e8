//! The built sample against real validators: the Nu HTML Checker (vnu.jar,
//! the W3C's) for every page of both its trees (and of its copy made Russian
//! first), and xmllint with the sitemaps.org schema for
//! the sitemap.
//!
//! The tools come from `.ci/setup` (Debian's `default-jre-headless` and
//! `libxml2-utils`; `vnu-jar` from npm under `tests/tools/`). Without them a
//! test says "skipping" and passes, except in CI, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{self, built_sample, built_sample_with_drafts, TestSite, BASE_URL};

/// vnu.jar as `npm ci --prefix tests/tools` installs it.
fn vnu_jar() -> PathBuf {
    support::repo_root().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar")
}

/// `schemas/`: the XML schemas the outputs are validated against, kept in
/// the repository with each one's licence note.
fn schemas() -> PathBuf {
    support::repo_root().join("schemas")
}

/// One message of vnu's JSON output as a line: `file:line:column: message`,
/// the file shown as `<site>: <path in the site>` when it is in one of
/// `sites` (named folders).
fn describe(message: &serde_json::Value, sites: &[(&str, &Path)]) -> String {
    let field = |name: &str| {
        message
            .get(name)
            .map(|v| v.to_string().trim_matches('"').to_string())
    };
    let url = field("url").unwrap_or_default();
    let file = url.strip_prefix("file:").unwrap_or(&url);
    // vnu prints its own view of the path (file:/tmp/...); show it from the site.
    let shown = sites
        .iter()
        .find_map(|(name, site)| {
            let canonical = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
            [site.to_path_buf(), canonical].iter().find_map(|dir| {
                Path::new(file)
                    .strip_prefix(dir)
                    .ok()
                    .map(|p| format!("{name}: {}", p.display()))
            })
        })
        .unwrap_or_else(|| file.to_string());
    let line = field("lastLine")
        .or_else(|| field("firstLine"))
        .unwrap_or_else(|| "?".into());
    let column = field("firstColumn").unwrap_or_else(|| "?".into());
    let text = message
        .get("message")
        .and_then(|m| m.as_str())
        .unwrap_or("(no message)");
    let extract = message
        .get("extract")
        .and_then(|m| m.as_str())
        .unwrap_or("");
    let kind = field("type").unwrap_or_default();
    format!(
        "{shown}:{line}:{column}: {kind}: {text}\n    near: {}",
        extract.replace('\n', "↵")
    )
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let Some(java) = support::tool("java") else {
        return;
    };
    let jar = vnu_jar();
    if !jar.is_file() {
        support::missing("vnu.jar (tests/tools/node_modules/vnu-jar)");
        return;
    }
    // The published sample, and the same with its draft (whose page shows
    // more of the theme: an original-script name, the review dates), checked
    // in one run of the checker: the JVM's start is the slow part.
    let (site, drafts) = (built_sample(), built_sample_with_drafts());
    // And a site whose interface is Russian (`language: ru`), with an
    // English article among its Russian ones.
    let russian = support::built_fixture("interface-ru");
    // And a site in Russian and English (`languages: [ru, en]`). The
    // sample is in English and Russian (`[en, ru]`): both its trees are
    // checked, and both trees of its copy made Russian first (`[ru, en]`).
    let bilingual = support::built_fixture("bilingual");
    // And its taxonomies in both languages: names marked where they are
    // in the other language.
    let terms = support::built_fixture("bilingual-terms");
    let russian_first = support::built_sample_russian_first();
    // And the sample in one language, as it was before it had two.
    let one_language = support::built_sample_one_language();
    let mut files = support::files_with_extension(&site.public(), "html");
    files.extend(support::files_with_extension(&drafts.public(), "html"));
    files.extend(support::files_with_extension(&russian.public(), "html"));
    files.extend(support::files_with_extension(&bilingual.public(), "html"));
    files.extend(support::files_with_extension(&terms.public(), "html"));
    files.extend(support::files_with_extension(
        &russian_first.public(),
        "html",
    ));
    files.extend(support::files_with_extension(
        &one_language.public(),
        "html",
    ));
    // And the statistics fixture's charts, in both trees (the sample's
    // statistics pages are among its pages already).
    let statistics = support::built_fixture("statistics");
    files.extend(
        [
            "archive/statistics/index.html",
            "ru/archive/statistics/index.html",
        ]
        .map(|page| statistics.public().join(page)),
    );
    for (name, public) in [
        ("sample", site.public()),
        ("[ru, en]", russian_first.public()),
    ] {
        let second = ["ru", "en"].map(|tree| public.join(tree).join("archive/index.html"));
        assert!(
            second.iter().any(|page| files.contains(page)),
            "the {name} site's second tree is not among the pages checked"
        );
    }
    assert!(files.len() > 60, "only {} pages to check", files.len());

    let output = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json"])
        .args(&files)
        .output()
        .expect("java runs");
    // vnu writes its report on stderr.
    let report = String::from_utf8_lossy(&output.stderr);
    let parsed: serde_json::Value = serde_json::from_str(report.trim()).unwrap_or_else(|e| {
        panic!(
            "vnu's output is not JSON ({e}); exit {:?}\nstdout:\n{}\nstderr:\n{report}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    let messages = parsed
        .get("messages")
        .and_then(|m| m.as_array())
        .cloned()
        .unwrap_or_default();
    let errors: Vec<String> = messages
        .iter()
        .filter(|m| m.get("type").and_then(|t| t.as_str()) != Some("info"))
        .map(|m| {
            let sites = [
                ("sample", site.root()),
                ("sample with drafts", drafts.root()),
                ("Russian interface", russian.root()),
                ("Russian and English", bilingual.root()),
                ("taxonomies in two languages", terms.root()),
                ("sample, Russian first", russian_first.root()),
                ("sample, one language", one_language.root()),
            ];
            describe(m, &sites)
        })
        .collect();
    assert!(
        errors.is_empty(),
        "the Nu HTML Checker found {} errors in {} pages:\n{}",
        errors.len(),
        files.len(),
        errors.join("\n")
    );
    assert!(
        output.status.success(),
        "vnu failed without a message: exit {:?}\n{report}",
        output.status.code()
    );
}

/// Validates `files` with xmllint against `xsd` in `schemas/<folder>/`,
/// offline, with that folder's `catalog.xml` when it has one (as its
/// LICENSE-NOTE.txt says), and fails the test naming every file rejected.
/// Skips (outside CI) when xmllint or the schemas are missing.
pub fn xmllint_validates(folder: &str, xsd: &str, files: &[PathBuf]) {
    let Some(xmllint) = support::tool("xmllint") else {
        return;
    };
    let dir = schemas().join(folder);
    let schema = dir.join(xsd);
    if !schema.is_file() {
        support::missing(&format!("the schema {}", schema.display()));
        return;
    }
    assert!(!files.is_empty(), "no files to validate against {xsd}");
    let mut command = Command::new(&xmllint);
    command
        .args(["--nonet", "--noout", "--schema"])
        .arg(&schema);
    let catalog = dir.join("catalog.xml");
    if catalog.is_file() {
        command.env("XML_CATALOG_FILES", &catalog);
    }
    // One run for all files: xmllint compiles the schema once.
    let output = command.args(files).output().expect("xmllint runs");
    let report = String::from_utf8_lossy(&output.stderr);
    let rejected: Vec<&str> = report
        .lines()
        .filter(|line| line.ends_with(" fails to validate") || line.contains("error"))
        .collect();
    assert!(
        output.status.success() && rejected.is_empty(),
        "xmllint rejects {} of {} files against {folder}/{xsd} (exit {:?}):\n{report}",
        rejected.len(),
        files.len(),
        output.status.code(),
    );
}

#[test]
fn the_sitemap_index_and_its_sitemaps_are_valid_against_the_sitemaps_schemas() {
    // The sample is in two languages: its sitemaps name each page's twins
    // with xhtml:link, which the driver schema adds to the sitemaps one.
    let site = built_sample();
    xmllint_validates(
        "sitemap-0.9",
        "siteindex.xsd",
        &[site.public().join("sitemap.xml")],
    );
    xmllint_validates(
        "sitemap-0.9",
        "driver-sitemap+xhtml.xsd",
        &support::sitemaps(&site.public(), support::BASE_URL),
    );
    // A site of one language writes none, against the sitemaps schema alone.
    let single = support::built_fixture("valid-minimal");
    let base = base_url_of(&single.read("journal.yaml"));
    xmllint_validates(
        "sitemap-0.9",
        "siteindex.xsd",
        &[single.public().join("sitemap.xml")],
    );
    xmllint_validates(
        "sitemap-0.9",
        "sitemap.xsd",
        &support::sitemaps(&single.public(), &base),
    );
}

/// The `base_url` a `journal.yaml` gives, with its final `/`.
fn base_url_of(journal: &str) -> String {
    let url = journal
        .lines()
        .find_map(|line| line.strip_prefix("base_url:"))
        .expect("journal.yaml gives base_url")
        .trim()
        .trim_matches('"');
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// The `doaj.xml` files of a built site.
fn doaj_files(public: &Path) -> Vec<PathBuf> {
    files_named(public, "doaj.xml")
}

#[test]
fn every_doaj_file_is_valid_against_the_doaj_schema() {
    let site = built_sample();
    let files = doaj_files(&site.public());
    // One per issue of the sample: 2017/1, 2017/2, 2018/3, 2018/4, 2019/1,
    // 2019/2 and 2020/1 (whose only other article is the draft).
    assert_eq!(files.len(), 7, "{files:?}");
    xmllint_validates("doaj-articles", "doajArticles.xsd", &files);
}

#[test]
fn the_oai_static_repository_is_valid_against_its_schema() {
    let site = built_sample();
    xmllint_validates(
        "oai-pmh-2.0",
        "driver-static-repository+oai_dc.xsd",
        &[site.public().join("oai.xml")],
    );
}

/// A minimal article: the required fields only (no DOI, pages, keywords,
/// affiliation, e-mail or PDF), with an `&` and a `<` in its title.
const MINIMAL_ARTICLE: &str = "---
title: \"Notes & Queries: <Borders> in the Fergana Valley\"
authors:
  - name: Aigerim K.
abstract: Short.
---
";

/// The sample with one article in Georgian with an Armenian translation,
/// and a minimal article in issue 2018/4.
fn sample_with_languages_and_a_minimal_article() -> TestSite {
    let site = TestSite::sample();
    site.replace(
        "content/2018/4/russia-china-central-asia.md",
        "section: Regional Studies\n",
        "section: Regional Studies\nlanguage: ka\ntranslations:\n  hy:\n    title: Ռուսաստանը և Չինաստանը Կենտրոնական Ասիայում\n    keywords: [Կենտրոնական Ասիա]\n",
    );
    site.write("content/2018/4/minimal-note.md", MINIMAL_ARTICLE);
    site.build(&["--base-url", BASE_URL]).success();
    site
}

#[test]
fn other_languages_and_minimal_articles_still_make_valid_doaj_and_oai_files() {
    let site = sample_with_languages_and_a_minimal_article();
    let doaj = site.read("public/archive/2018/4/doaj.xml");
    assert!(doaj.contains("<title language=\"geo\">"), "{doaj}");
    assert!(doaj.contains("<keywords language=\"arm\">"), "{doaj}");
    assert!(
        doaj.contains("Notes &amp; Queries: &lt;Borders&gt; in the Fergana Valley"),
        "{doaj}"
    );
    xmllint_validates(
        "doaj-articles",
        "doajArticles.xsd",
        &doaj_files(&site.public()),
    );
    let oai = site.read("public/oai.xml");
    assert!(oai.contains("<dc:title xml:lang=\"ka\">"), "{oai}");
    assert!(oai.contains("<dc:subject xml:lang=\"hy\">"), "{oai}");
    xmllint_validates(
        "oai-pmh-2.0",
        "driver-static-repository+oai_dc.xsd",
        &[site.public().join("oai.xml")],
    );
}

/// The codes `doajArticles.xsd` accepts as languages (its
/// `iso_639-2b.xsd`).
fn doaj_language_codes() -> Option<Vec<String>> {
    let path = schemas().join("doaj-articles").join("iso_639-2b.xsd");
    let Ok(text) = std::fs::read_to_string(&path) else {
        support::missing(&format!("the code list {}", path.display()));
        return None;
    };
    let doc = roxmltree::Document::parse(&text).expect("the code list is XML");
    Some(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "enumeration")
            .filter_map(|n| n.attribute("value").map(str::to_string))
            .collect(),
    )
}

#[test]
fn every_language_quire_accepts_maps_to_a_code_doaj_accepts() {
    let Some(codes) = doaj_language_codes() else {
        return;
    };
    assert!(codes.len() > 150, "only {} codes", codes.len());
    let mut checked = 0;
    // Every two-letter code quire accepts as a language.
    let letters = || (b'a'..=b'z').map(char::from);
    let pairs = letters().flat_map(|a| letters().map(move |b| format!("{a}{b}")));
    for one in pairs {
        let Ok(lang) = one.parse::<quire::model::Lang>() else {
            continue;
        };
        if let Some(code) = quire::scholarly::doaj::language_code(&lang) {
            assert!(
                codes.iter().any(|c| c == code),
                "{one} gives {code}, not in the schema"
            );
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} languages checked");
}

/// The files named `name` under `dir`, sorted.
fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    support::files_with_extension(dir, "xml")
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|n| n == name))
        .collect()
}

#[test]
fn every_jats_file_is_valid_jats_1_3() {
    let site = built_sample();
    let drafts = built_sample_with_drafts().public();
    let mut files = files_named(&site.public(), "article.jats.xml");
    let published = files.len();
    assert!(published >= 20, "only {published} JATS files");
    let with_drafts = files_named(&drafts, "article.jats.xml");
    assert_eq!(
        with_drafts.len(),
        published + 1,
        "the draft has its JATS file"
    );
    files.extend(with_drafts);
    xmllint_validates("jats-1.3", "JATS-journalpublishing1-3-mathml3.xsd", &files);
}

/// A full text and an abstract made to trip a converter: a heading first,
/// levels skipped, HTML, nested and tight lists with blocks inside,
/// tables (one with a header only), footnotes (one defined twice, one
/// empty, one missing), figures and inline images, a control character.
const ADVERSARIAL: &str = r#"---
title: "Adversarial *Markdown* <b>bold</b>[^t]"
authors:
  - name: Test Author
    affiliation: [One Institute, Two Institute]
    address: Somewhere 1
doi: 10.24833/adversarial-1
abstract: |
  ## A heading in an abstract

  Text with a note[^a], <i>HTML</i> and a [link](../4/central-asia-integration.md).

  [^a]: The note, with a list:

      - one

  > a quote

  - a list
    ```
    code
    ```
keywords: [test]
---

#### Deep heading first

Text with *emphasis*, **strong**, `code`, ~~struck~~, a [link](https://example.org/a?b=1&c=2),
an [article](central-asia-integration.md#x), [root](/about/), <span>inline html</span>,
<ed@example.org>, a break  
and notes[^n] [^n] [^missing].

<div class="x"><script>alert(1)</script></div>

# Top

## Skipped a level

- tight item
- tight *item*
  - nested
    1. deeper
-
- > quote in item
- ```
  code in item
  ```
- | a | b |
  |---|---|
  | 1 | 2 |
- ### heading in item

> quote
>
> # heading in quote

| Left | Centre | Right |
|:-----|:------:|------:|
| *a*  | `b`    | [c](https://c.org) |

| Only | Head |
|------|------|

![Inline](figures/toktogul-releases.svg) inside ![x](figures/toktogul-releases.svg).

![A figure](figures/toktogul-releases.svg)

---

[^n]: A note with a list:

    - one

    > and a quote

[^n]: Defined twice.

[^empty]:

Control: x{CTRL}y
"#;

#[test]
fn adversarial_markdown_gives_valid_jats() {
    let site = TestSite::sample();
    site.write(
        "content/2018/4/zz-adversarial.md",
        &ADVERSARIAL.replace("{CTRL}", "\u{1}"),
    );
    site.build(&["--base-url", BASE_URL]).success();
    let file = site
        .public()
        .join("archive/2018/4/zz-adversarial/article.jats.xml");
    let text = std::fs::read_to_string(&file).expect("the JATS file is written");
    for expected in [
        "<fn-group>",
        "<fig>",
        "<table-wrap>",
        "<sec>",
        "<aff id=\"aff-2\">",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    xmllint_validates("jats-1.3", "JATS-journalpublishing1-3-mathml3.xsd", &[file]);
    // Its abstract is in the issue's Crossref deposit, prefixed `jats:`.
    let deposit = site.public().join("archive/2018/4/crossref.xml");
    let text = std::fs::read_to_string(&deposit).expect("the deposit is written");
    assert!(text.contains("<jats:sec>"), "{text}");
    xmllint_validates("crossref-5.3.1", "crossref5.3.1.xsd", &[deposit]);
}

#[test]
fn every_crossref_deposit_is_valid_crossref_5_3_1() {
    let site = built_sample();
    let files = files_named(&site.public(), "crossref.xml");
    // Every issue of the sample has articles with DOIs.
    let issues = support::tree(&site.path("content"))
        .into_keys()
        .filter(|rel| rel.ends_with("/_issue.yaml"))
        .count();
    assert_eq!(files.len(), issues, "one deposit per issue");
    xmllint_validates("crossref-5.3.1", "crossref5.3.1.xsd", &files);
}

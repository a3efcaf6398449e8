//! `quire new` and `quire import`: the files they write, read back field by
//! field, and `quire check` on them.

use std::path::{Path, PathBuf};

use quire::content::front_matter;
use quire::diag::SourceFile;
use serde_json::{json, Value};

use crate::support::{self, TestSite, SEED_DOI, SEED_KEYWORDS};

/// The front matter of the site's file `rel`, as JSON.
fn front_matter_of(site: &TestSite, rel: &str) -> Value {
    let text = site.read(rel);
    let file = SourceFile::new(rel, text);
    let split = front_matter::split(&file, true).expect("the file has front matter");
    quire::yaml::parse(&file, split.yaml.clone())
        .expect("the front matter is valid YAML")
        .to_json()
}

/// A site to import into: the minimal fixture (one issue, 2020/1).
fn site() -> TestSite {
    TestSite::fixture("valid-minimal")
}

/// `tests/fixtures/import/<name>`.
fn variant(name: &str) -> PathBuf {
    support::fixtures().join("import").join(name)
}

/// An abstract in the form the journal prints its abstracts, with the seed
/// article's bibliographic facts and a summary in the project's own words.
fn seed() -> PathBuf {
    variant("seed-form.txt")
}

fn import(site: &TestSite, file: &Path) -> crate::support::Run {
    site.run(&["import", file.to_str().expect("a UTF-8 path")])
}

// ---- quire new ----

#[test]
fn new_article_lays_out_every_field_and_check_wants_the_required_ones() {
    let site = site();
    site.run(&["new", "article", "2020/1/new-piece"])
        .success()
        .stderr_contains("wrote content/2020/1/new-piece.md");
    let text = site.read("content/2020/1/new-piece.md");
    for field in quire::content::article::FIELDS {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{field}:"))
                    || l.starts_with(&format!("# {field}:"))),
            "no line for `{field}` in\n{text}"
        );
    }
    for field in quire::content::article::AUTHOR_FIELDS {
        assert!(text.contains(&format!("{field}: ")), "no author `{field}`");
    }
    let check = site.check();
    check.code(1);
    for field in ["title", "abstract", "name"] {
        check.stderr_contains(&format!("missing required field `{field}`"));
    }
    fill_required(&site, "content/2020/1/new-piece.md");
    site.check().success();
}

/// Fills the required fields of a file `quire new article` wrote.
fn fill_required(site: &TestSite, rel: &str) {
    site.replace(
        rel,
        "title: \"\"",
        "title: \"A New Piece: On Filling Templates\"",
    )
    .replace(rel, "- name: \"\"", "- name: Anna B. Smith");
    let filled: String = site
        .read(rel)
        .lines()
        .map(|line| match line.starts_with("abstract: |") {
            true => format!("{line}\n  The first paragraph.\n\n  The second paragraph.\n"),
            false => format!("{line}\n"),
        })
        .collect();
    site.write(rel, &filled);
}

#[test]
fn every_optional_field_of_a_new_article_is_valid_once_uncommented() {
    let site = site();
    site.run(&["new", "article", "2020/1/new-piece"]).success();
    let rel = "content/2020/1/new-piece.md";
    fill_required(&site, rel);
    let uncommented: String = site
        .read(rel)
        .lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().strip_prefix("# ") {
                Some(rest) => format!("{}{rest}\n", &line[..indent]),
                None => format!("{line}\n"),
            }
        })
        .collect();
    site.write(rel, &uncommented)
        .write("content/2020/1/new-piece.pdf", "%PDF-1.4\n");
    let fm = front_matter_of(&site, rel);
    assert_eq!(fm["authors"][0]["orcid"], "0000-0002-1825-0097");
    assert_eq!(fm["translations"]["ru"]["keywords"][1], "second keyword");
    assert_eq!(fm["draft"], true);
    site.run(&["--format", "short", "check", "--drafts"])
        .success();
}

#[test]
fn new_article_creates_its_issue_and_never_overwrites() {
    let site = site();
    site.run(&["new", "article", "2021/3/first"])
        .success()
        .stderr_contains("wrote content/2021/3/_issue.yaml");
    let issue = front_matter_yaml(&site, "content/2021/3/_issue.yaml");
    assert_eq!(issue["year"], 2021);
    assert_eq!(issue["number"], 3);
    assert!(issue["published"].as_str().is_some_and(|d| d.len() == 10));
    let before = site.read("content/2021/3/first.md");
    site.write("content/2021/3/first.md", &format!("{before}edited\n"));
    site.run(&["new", "article", "2021/3/first"])
        .code(1)
        .stderr_contains("content/2021/3/first.md exists already");
    assert_eq!(
        site.read("content/2021/3/first.md"),
        format!("{before}edited\n")
    );
    site.run(&["new", "issue", "2021/3"])
        .code(1)
        .stderr_contains("content/2021/3/_issue.yaml exists already");
    fill_required(&site, "content/2021/3/first.md");
    site.check().success();
}

#[test]
fn new_issue_lists_every_issue_field_and_passes_check() {
    let site = site();
    site.run(&["new", "issue", "2022/1"])
        .success()
        .stderr_contains("wrote content/2022/1/_issue.yaml");
    let text = site.read("content/2022/1/_issue.yaml");
    for field in quire::content::issue::FIELDS {
        assert!(
            text.contains(&format!("{field}: ")),
            "no `{field}` in\n{text}"
        );
    }
    site.check().success();
}

#[test]
fn new_refuses_bad_targets() {
    let site = site();
    site.run(&["new", "article", "2020/1/Not A Slug"])
        .code(2)
        .stderr_contains("is not a slug");
    site.run(&["new", "article", "20/1/piece"]).code(2);
    site.run(&["new", "issue", "2020/0"]).code(2);
    assert!(!site.path("content/20").exists());
}

/// A YAML file of the site, as JSON.
fn front_matter_yaml(site: &TestSite, rel: &str) -> Value {
    let text = site.read(rel);
    let len = text.len();
    let file = SourceFile::new(rel, text);
    quire::yaml::parse(&file, 0..len)
        .expect("valid YAML")
        .to_json()
}

// ---- quire import ----

#[test]
fn the_seed_imports_field_by_field() {
    let site = site();
    let seed = seed();
    import(&site, &seed)
        .success()
        .stderr_contains("wrote content/2018/4/central-asia-search-own-way-integration.md")
        .stderr_contains("year 2018, issue 4, whole number 61, pages 78–91");
    let fm = front_matter_of(
        &site,
        "content/2018/4/central-asia-search-own-way-integration.md",
    );
    assert_eq!(
        fm["title"],
        "Central Asia in Search for its Own Way of Integration"
    );
    assert_eq!(
        fm["authors"],
        json!([{
            "name": "Evgeniya V. Makhmutova",
            "degrees": "PhD in Political Sciences",
            "position": "Associate Professor of the Political Science Department",
            "affiliation": "Financial University under the Government of the Russian Federation",
            "address": "Leningradsky prospect, 49, Moscow, 125993, Russia",
            "email": "elrus@yandex.ru",
        }])
    );
    assert_eq!(fm["doi"], SEED_DOI);
    assert_eq!(fm["pages"], "78-91");
    assert_eq!(fm["keywords"], json!(SEED_KEYWORDS));
    let seed_text = std::fs::read_to_string(&seed).expect("the seed is readable");
    let paragraphs: Vec<&str> = seed_text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .skip(2)
        .take(3)
        .collect();
    assert_eq!(
        fm["abstract"],
        json!(format!("{}\n", paragraphs.join("\n\n")))
    );
    let issue = front_matter_yaml(&site, "content/2018/4/_issue.yaml");
    assert_eq!(
        (issue["year"].clone(), issue["number"].clone()),
        (json!(2018), json!(4))
    );
    assert_eq!(issue["whole_number"], 61);
    site.check().success();
}

#[test]
fn importing_again_overwrites_nothing() {
    let site = site();
    let file = variant("two-authors.txt");
    import(&site, &file).success();
    let rel = "content/2019/2/water-power-borders-syr-darya-basin.md";
    let before = site.read(rel);
    site.write(rel, &format!("{before}edited by hand\n"));
    import(&site, &file)
        .code(1)
        .stderr_contains(&format!("{rel} exists already"));
    assert_eq!(site.read(rel), format!("{before}edited by hand\n"));
}

/// The expected front matter of `two-authors.txt`.
fn two_authors_expected() -> Value {
    json!({
        "title": "Water, Power and Borders: The Syr Darya Basin Revisited",
        "authors": [
            {
                "name": "Aigerim S. Nurlanova",
                "degrees": "PhD in Economics",
                "position": "Senior Researcher of the Centre for Water Policy",
                "affiliation": "Northbridge University (fictional)",
                "address": "Abay avenue, 10, Almaty, 050010, Kazakhstan",
                "email": "a.nurlanova@example.org",
            },
            {
                "name": "Timur R. Karimov",
                "degrees": "Doctor of Political Sciences",
                "position": "Professor of the Department of International Relations",
                "affiliation": "Silk Route State University (fictional)",
                "address": "Navoi street, 5, Tashkent, 100011, Uzbekistan",
                "email": "t.karimov@example.org",
            },
        ],
        "doi": "10.24833/2071-8160-2019-2-65-10-24",
        "pages": "10-24",
        "abstract": "The paper compares how the states of the Syr Darya basin have shared water and electricity since the end of the Soviet barter system. It draws on treaty texts, dispatch data and interviews.\n\nThe authors argue that seasonal swaps of water for power failed because no party trusted the others to deliver in the next season, and that recent bilateral deals work better because they are paid in money.\n",
        "keywords": ["water", "energy", "Syr Darya", "Kazakhstan", "Uzbekistan", "Kyrgyzstan"],
    })
}

#[test]
fn two_authors_one_line_each() {
    let site = site();
    import(&site, &variant("two-authors.txt"))
        .success()
        .stderr_contains("whole number 65, pages 10–24");
    let rel = "content/2019/2/water-power-borders-syr-darya-basin.md";
    assert_eq!(front_matter_of(&site, rel), two_authors_expected());
    assert_eq!(
        front_matter_yaml(&site, "content/2019/2/_issue.yaml")["whole_number"],
        65
    );
    site.check().success();
}

#[test]
fn windows_line_endings_change_nothing() {
    let site = site();
    let text = std::fs::read_to_string(variant("two-authors.txt")).expect("the variant");
    assert!(!text.contains('\r'));
    let crlf = site.path("two-authors-crlf.txt");
    std::fs::write(&crlf, text.replace('\n', "\r\n")).expect("write the CRLF copy");
    import(&site, &crlf).success();
    let rel = "content/2019/2/water-power-borders-syr-darya-basin.md";
    assert_eq!(front_matter_of(&site, rel), two_authors_expected());
    assert!(!site.read(rel).contains('\r'));
}

#[test]
fn authors_as_paragraphs_extra_blank_lines_and_no_email() {
    let site = site();
    import(&site, &variant("authors-as-paragraphs.txt"))
        .success()
        .stderr_contains("author 1's email")
        .stderr_contains("author 2's degrees")
        .stderr_contains("author 2's address")
        .stderr_contains("authors-as-paragraphs.txt:28: not recognised: For citation:");
    let rel = "content/2020/1/small-states-great-powers-south-caucasus.md";
    let fm = front_matter_of(&site, rel);
    assert_eq!(
        fm["title"],
        "Small States and Great Powers in the South Caucasus"
    );
    assert_eq!(
        fm["authors"],
        json!([
            {
                "name": "Nino Beridze",
                "degrees": "PhD in History",
                "position": "Associate Professor of the School of Government",
                "affiliation": "Example State University",
                "address": "Rustaveli avenue, 12, Tbilisi, 0108, Georgia",
            },
            {
                "name": "Levon A. Petrosyan",
                "position": "Research Fellow",
                "affiliation": "Institute of Regional Studies (fictional)",
                "email": "l.petrosyan@example.org",
            },
        ])
    );
    assert_eq!(fm["doi"], "10.24833/2071-8160-2020-1-70-45-60");
    assert_eq!(fm["pages"], "45-60");
    assert_eq!(
        fm["abstract"],
        "How do small states keep room for manoeuvre between larger neighbours? This paper looks at Georgia and Armenia from 2008 to 2018 and traces how each balanced its ties with Russia, Turkey, Iran and the West.\n\nBoth governments hedged rather than chose sides. The paper closes with what that strategy costs and when it stops working.\n"
    );
    assert_eq!(
        fm["keywords"],
        json!([
            "South Caucasus",
            "small states",
            "hedging",
            "Georgia",
            "Armenia"
        ])
    );
    // The issue existed: its _issue.yaml is left as it was.
    assert!(!site
        .read("content/2020/1/_issue.yaml")
        .contains("whole_number"));
    site.check().success();
}

#[test]
fn without_a_doi_the_issue_must_be_given() {
    let site = site();
    let file = variant("no-doi.txt");
    import(&site, &file)
        .code(1)
        .stderr_contains("give --issue YEAR/NUMBER");
    assert_eq!(
        support::files_with_extension(&site.path("content"), "md").len(),
        1
    );
    site.run(&[
        "import",
        "--issue",
        "2020/1",
        file.to_str().expect("a UTF-8 path"),
    ])
    .success()
    .stderr_contains("not found: doi");
    let rel = "content/2020/1/caspian-shipping-after-2018-convention.md";
    let fm = front_matter_of(&site, rel);
    assert_eq!(fm["title"], "Caspian Shipping after the 2018 Convention");
    assert_eq!(
        fm["authors"],
        json!([{
            "name": "Rustam Aliyev",
            "position": "Lecturer",
            "affiliation": "Example Maritime Academy",
            "address": "Neftchilar avenue, 8, Baku, AZ1000, Azerbaijan",
            "email": "r.aliyev@example.org",
        }])
    );
    assert!(fm.get("doi").is_none() && fm.get("pages").is_none());
    assert_eq!(
        fm["keywords"],
        json!(["Caspian Sea", "shipping", "law of the sea"])
    );
    site.check().success();
}

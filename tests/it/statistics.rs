//! The statistics page (issue 16): its tables hold the counts of the
//! fixture `tests/fixtures/statistics/`, stated here from its six articles,
//! in both trees; the archive page links to it and the sitemap lists it.
//!
//! The fixture: issues of 2014, 2016 and 2021 (so the periods are 2014,
//! 2015–2019 and 2020–2021: five-year periods cut to the archive's years),
//! two articles each, in two sections and none, naming Kazakhstan,
//! Uzbekistan (both Central Asia, named together by one article, which
//! counts once for the region), Russia and Germany; an article naming no
//! country has the keyword "Central Asia", which puts it in that region
//! (as the region's own page lists it).
//!
//! Its citations inside the archive: A1 is cited by B1 (its DOI as an
//! address), C1 (a link to its page) and C2 (its DOI, twice, in capitals
//! once): 3; B1 by C1 and C2: 2; B2 by C1 (a root-relative link to its
//! Russian page): 1; A2 by B2: 1, and by itself, which is not counted. B2
//! and A2 tie, and B2, the newer, comes first.
//!
//! Its authors' affiliation countries: A1's author in Kazakhstan; A2's
//! with two affiliations in Kazakhstan (once); B1's first author's
//! affiliation is plain text (no country), its second in Russia
//! (`Россия`); B2's author in Kazakhstan and Germany (once in each); C2's
//! in Germany. So Kazakhstan 3, Germany 2, Russia 1.

use scraper::{Html, Selector};

use crate::support::{self, built_fixture, built_sample};

/// Each figure's table as the page has it: per figure id, its rows, each
/// its cells' text (the header row first).
fn tables(page: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let html = Html::parse_document(page);
    let figure = Selector::parse("section.stats-figure").expect("a selector");
    let heading = Selector::parse("h2[id], h3[id]").expect("a selector");
    let row = Selector::parse("table tr").expect("a selector");
    let cell = Selector::parse("th, td").expect("a selector");
    html.select(&figure)
        .map(|f| {
            let id = f
                .select(&heading)
                .next()
                .and_then(|h| h.value().attr("id"))
                .expect("every figure has a heading with an id")
                .trim_start_matches("stats-")
                .to_string();
            let rows = f
                .select(&row)
                .map(|r| {
                    r.select(&cell)
                        .map(|c| c.text().collect::<String>().trim().to_string())
                        .collect()
                })
                .collect();
            (id, rows)
        })
        .collect()
}

/// `rows` as the test writes them: one string per row, cells joined by ` | `.
fn lines(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().map(|r| r.join(" | ")).collect()
}

#[test]
fn the_tables_hold_the_fixtures_counts_in_both_languages() {
    let site = built_fixture("statistics");
    let expected_en: &[(&str, &[&str])] = &[
        (
            "years",
            &["Year | Articles", "2014 | 2", "2016 | 2", "2021 | 2"],
        ),
        (
            "sections",
            &[
                "Section | Articles",
                "Regional Studies | 3",
                "Economics | 2",
                "Without a section | 1",
            ],
        ),
        (
            "countries",
            &[
                "Country | 2014 | 2015–2019 | 2020–2021 | In all",
                "Kazakhstan | 2 | 0 | 1 | 3",
                "Germany | 0 | 0 | 1 | 1",
                "Russia | 0 | 1 | 0 | 1",
                "Uzbekistan | 1 | 0 | 0 | 1",
            ],
        ),
        (
            "regions",
            &[
                "Region | 2014 | 2015–2019 | 2020–2021 | In all",
                "Central Asia | 2 | 1 | 1 | 4",
                "Eastern Europe | 0 | 1 | 0 | 1",
                "Western Europe | 0 | 0 | 1 | 1",
            ],
        ),
        (
            "affiliations",
            &[
                "Country | Authors",
                "Kazakhstan | 3",
                "Germany | 2",
                "Russia | 1",
            ],
        ),
        (
            "cited",
            &[
                "Article | Cited by",
                "Article A1 | 3",
                "Article B1 | 2",
                "Article B2 | 1",
                "Article A2 | 1",
            ],
        ),
        (
            "keywords-2014",
            &["Keyword | Articles", "Central Asia | 2", "water | 1"],
        ),
        (
            "keywords-2015",
            &["Keyword | Articles", "energy | 2", "Central Asia | 1"],
        ),
        (
            "keywords-2020",
            &["Keyword | Articles", "water | 2", "Caspian Sea | 1"],
        ),
    ];
    let en = tables(&site.read("public/archive/statistics/index.html"));
    let got: Vec<(&str, Vec<String>)> = en.iter().map(|(id, r)| (id.as_str(), lines(r))).collect();
    let want: Vec<(&str, Vec<String>)> = expected_en
        .iter()
        .map(|(id, rows)| (*id, rows.iter().map(|r| r.to_string()).collect()))
        .collect();
    assert_eq!(got, want);

    // The Russian tree: the same figures, its own words and names.
    let ru = tables(&site.read("public/ru/archive/statistics/index.html"));
    let counts = |t: &[(String, Vec<Vec<String>>)]| -> Vec<Vec<Vec<String>>> {
        t.iter()
            .map(|(_, rows)| rows.iter().skip(1).map(|r| r[1..].to_vec()).collect())
            .collect()
    };
    assert_eq!(counts(&ru), counts(&en));
    let sections = &ru[1].1;
    assert_eq!(sections[0], ["Раздел", "Статей"]);
    assert_eq!(sections[1][0], "Регионоведение");
    assert_eq!(sections[3][0], "Вне разделов");
    assert_eq!(ru[3].1[1][0], "Центральная Азия");
    assert_eq!(ru[4].1[1][0], "Казахстан");
    assert_eq!(ru[5].1[0], ["Статья", "Цитирующих статей"]);
}

#[test]
fn the_most_cited_link_to_their_pages_in_the_readers_tree() {
    let site = built_fixture("statistics");
    let links = |page: &str| -> Vec<String> {
        let html = Html::parse_document(&site.read(page));
        let link = Selector::parse("#stats-cited ~ details a").expect("a selector");
        html.select(&link)
            .map(|a| a.value().attr("href").unwrap_or("").to_string())
            .collect()
    };
    let slugs = ["2014/1/a1", "2016/1/b1", "2016/1/b2", "2014/1/a2"];
    let want = |tree: &str| -> Vec<String> {
        slugs
            .iter()
            .map(|s| format!("/j/{tree}archive/{s}/"))
            .collect()
    };
    assert_eq!(links("public/archive/statistics/index.html"), want(""));
    assert_eq!(
        links("public/ru/archive/statistics/index.html"),
        want("ru/")
    );
}

#[test]
fn an_archive_without_citations_or_affiliation_countries_says_so() {
    let site = built_fixture("valid-minimal");
    let page = site.read("public/archive/statistics/index.html");
    let html = Html::parse_document(&page);
    let none = Selector::parse("section.stats-figure-none").expect("a selector");
    let sections: Vec<String> = html
        .select(&none)
        .map(|s| s.text().collect::<String>())
        .collect();
    assert_eq!(sections.len(), 1, "{sections:?}");
    assert!(sections[0].contains("No article of this journal cites another one yet."));
    assert!(
        !page.contains("stats-affiliations"),
        "no affiliation figure"
    );
}

#[test]
fn each_chart_has_its_name_its_sentence_and_a_bar_per_row() {
    let site = built_fixture("statistics");
    let page = site.read("public/archive/statistics/index.html");
    let html = Html::parse_document(&page);
    let figure = Selector::parse("section.stats-figure").expect("a selector");
    let svg = Selector::parse("svg").expect("a selector");
    let bar = Selector::parse("rect.chart-bar").expect("a selector");
    let body_row = Selector::parse("tbody tr").expect("a selector");
    let mut figures = 0;
    for f in html.select(&figure) {
        figures += 1;
        let chart = f.select(&svg).next().expect("a chart in every figure");
        assert_eq!(chart.value().attr("role"), Some("img"));
        let names = chart
            .value()
            .attr("aria-labelledby")
            .expect("a chart is named by its title and its sentence");
        for id in names.split(' ') {
            let named = Selector::parse(&format!("#{id}")).expect("an id selector");
            let text: String = html
                .select(&named)
                .next()
                .unwrap_or_else(|| panic!("no element #{id}"))
                .text()
                .collect();
            assert!(!text.trim().is_empty(), "#{id} is empty");
        }
        assert_eq!(
            f.select(&bar).count(),
            f.select(&body_row).count(),
            "a bar per row of the table"
        );
    }
    assert_eq!(figures, 9);
    assert!(
        page.contains("Most articles appeared in 2014: 2."),
        "the years' sentence names the first of the largest"
    );
    assert!(!page.contains("<script"), "no script on the page");
}

#[test]
fn the_archive_links_to_the_statistics_and_the_sitemap_lists_them() {
    let site = built_sample();
    for (archive, statistics) in [
        ("public/archive/index.html", "/journal/archive/statistics/"),
        (
            "public/ru/archive/index.html",
            "/journal/ru/archive/statistics/",
        ),
    ] {
        assert!(
            site.read(archive)
                .contains(&format!("href=\"{statistics}\"")),
            "{archive} links to {statistics}"
        );
    }
    let sitemaps: String = support::sitemaps(&site.public(), "https://example.github.io/journal/")
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a sitemap"))
        .collect();
    assert!(sitemaps.contains("<loc>https://example.github.io/journal/archive/statistics/</loc>"));
    assert!(
        sitemaps.contains("<loc>https://example.github.io/journal/ru/archive/statistics/</loc>")
    );
}

#[test]
fn a_site_without_sections_or_countries_shows_no_empty_chart() {
    let site = built_fixture("valid-minimal");
    let page = site.read("public/archive/statistics/index.html");
    let ids: Vec<String> = tables(&page).into_iter().map(|(id, _)| id).collect();
    // Its one article has no section and no country, but its keyword
    // "Central Asia" names a region.
    assert_eq!(ids, ["years", "regions", "keywords-2020"]);
}

#[test]
fn the_samples_years_are_its_article_pages_per_year() {
    // Counted apart from the model: the article pages the build wrote,
    // `archive/<year>/<issue>/<slug>/index.html`, per year.
    let site = built_sample();
    let mut per_year = std::collections::BTreeMap::<String, usize>::new();
    let archive = site.public().join("archive");
    for year in std::fs::read_dir(&archive)
        .expect("the archive folder")
        .flatten()
    {
        let name = year.file_name().to_string_lossy().to_string();
        if !name.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        for issue in std::fs::read_dir(year.path())
            .expect("a year folder")
            .flatten()
        {
            let Ok(articles) = std::fs::read_dir(issue.path()) else {
                continue;
            };
            let pages = articles
                .flatten()
                .filter(|a| a.path().join("index.html").is_file())
                .count();
            *per_year.entry(name.clone()).or_default() += pages;
        }
    }
    let page = site.read("public/archive/statistics/index.html");
    let years = &tables(&page)[0];
    assert_eq!(years.0, "years");
    let shown: Vec<(String, usize)> = years.1[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].parse().expect("a count")))
        .collect();
    let counted: Vec<(String, usize)> = per_year.into_iter().filter(|(_, n)| *n > 0).collect();
    assert_eq!(shown, counted);
}

#[test]
fn an_affiliations_country_reaches_jats_and_json_ld() {
    let site = built_fixture("statistics");
    let jats_path = site.path("public/archive/2016/1/b2/article.jats.xml");
    let jats = std::fs::read_to_string(&jats_path).expect("B2's JATS");
    assert!(
        jats.contains("<country country=\"DE\">Germany</country>"),
        "{jats}"
    );
    crate::validate::xmllint_validates(
        "jats-1.3",
        "JATS-journalpublishing1-3-mathml3.xsd",
        &[
            jats_path,
            site.path("public/archive/2016/1/b1/article.jats.xml"),
        ],
    );
    let page = site.read("public/archive/2016/1/b2/index.html");
    assert!(
        page.contains(r#""addressCountry":"KZ""#),
        "the JSON-LD names the affiliation's country"
    );
}

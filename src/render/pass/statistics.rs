//! The statistics page: the archive's figures ([`crate::stats`]) as
//! charts, each a horizontal bar chart drawn by the template as inline SVG
//! beside a sentence and a table of the same figures.
//!
//! The views carry what the SVG needs already laid out: each bar's row
//! (`y`, in pixels) and its length as a percentage of the chart's width.
//! The SVG has a fixed height and the page's width, with no `viewBox`: its
//! text keeps the page's size at any width (no smaller at 360 px than at
//! 1,200), and its bars stretch. A label sits on its own line above its
//! bar, so a long one (a section, a keyword) has the whole width.
//!
//! The most cited articles' rows link to the articles' pages in the page's
//! own tree (in the table: a link inside an SVG of `role="img"` would be
//! hidden from assistive technology), and their table is open. A figure
//! that may count something other than articles carries a note saying
//! what it counts.

use anyhow::Result;
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};
use crate::stats::{Figures, PlaceCount, Places};
use crate::taxonomy::gazetteer::{self, Gazetteer};
use crate::taxonomy::Name;
use crate::text::{Args, Text};

/// The height of one bar's row in the SVG: its label's line and the bar.
const ROW: u32 = 44;
/// The longest bar, as a percentage of the chart's width: the rest holds
/// its figure.
const LONGEST: f64 = 82.0;
/// The longest label the SVG writes whole; a longer one is cut there with
/// an ellipsis (the table has it whole).
const LABEL_CHARS: usize = 38;

/// One bar: a row of a chart and of its table.
#[derive(Serialize)]
struct BarView<'a> {
    /// What it counts, as the table writes it.
    label: String,
    /// The label's language, when not the page's.
    lang: Option<&'a str>,
    /// The page it names, in the page's tree (articles only).
    path: Option<String>,
    /// The label as the SVG writes it (cut when long).
    short: String,
    /// Its articles.
    count: usize,
    /// Its articles per period (places only).
    per_period: Vec<usize>,
    /// The top of its row in the SVG, in pixels.
    y: u32,
    /// Its length, as a percentage of the chart's width.
    width: String,
}

/// One chart: its heading, sentence, bars and table columns.
#[derive(Serialize)]
struct ChartView<'a> {
    /// Its `id`, unique in the page: `years`, `keywords-2015`.
    id: String,
    /// A heading of a group of charts printed before it (`h2`), when it
    /// opens one; its own heading is then an `h3`.
    group: Option<String>,
    /// Its heading.
    title: String,
    /// The sentence saying what it shows most.
    summary: String,
    /// The heading of its table's first column.
    label_head: String,
    /// The heading of its table's last column, the counts.
    count_head: String,
    /// A sentence saying how it counts, when the page's lead does not.
    note: Option<String>,
    /// The headings of its table's columns per period (places only).
    columns: Vec<String>,
    /// Its bars.
    bars: Vec<BarView<'a>>,
    /// The SVG's height in pixels.
    height: u32,
}

/// A bar before layout.
struct Bar<'a> {
    /// Its label.
    label: String,
    /// The label's language, when not the page's.
    lang: Option<&'a str>,
    /// The page the label links to.
    path: Option<String>,
    /// Its count.
    count: usize,
    /// Its counts per period (places only).
    per_period: Vec<usize>,
}

impl<'a> Bar<'a> {
    /// A bar labelled `label` (in `lang` when not the page's), counting
    /// `count`.
    fn new(label: String, lang: Option<&'a str>, count: usize) -> Self {
        Bar {
            label,
            lang,
            path: None,
            count,
            per_period: Vec::new(),
        }
    }

    /// A bar labelled `name`, counting `count`.
    fn named(name: Name<'a>, count: usize) -> Self {
        Bar::new(name.text.to_string(), name.lang, count)
    }
}

/// Renders the statistics page.
pub fn render(build: &Build<'_>, done: &mut Done) -> Result<()> {
    let Build {
        archive,
        site,
        pages,
        text,
        ..
    } = build;
    let figures = Figures::count(archive);
    let lang = site.lang();
    let tax = &archive.taxonomies;
    let words = Words { text };
    let period_heads: Vec<String> = figures
        .periods
        .iter()
        .map(|p| {
            if p.first == p.last {
                p.first.to_string()
            } else {
                format!("{}\u{2013}{}", p.first, p.last)
            }
        })
        .collect();

    let mut charts: Vec<ChartView<'_>> = Vec::new();
    let years: Vec<Bar<'_>> = figures
        .years
        .iter()
        .map(|&(year, n)| Bar::new(year.to_string(), None, n))
        .collect();
    charts.extend(words.chart("years", Figure::Years, years, Vec::new()));
    let sections: Vec<Bar<'_>> = figures
        .sections
        .iter()
        .map(|(section, n)| {
            let label = match section {
                Some(name) => archive.config.section_in(name, lang).to_string(),
                None => text.get("stats-no-section"),
            };
            Bar::new(label, None, *n)
        })
        .collect();
    charts.extend(words.chart("sections", Figure::Sections, sections, Vec::new()));
    let place_bars = |places: &Places,
                      name: &dyn Fn(usize) -> Name<'static>,
                      other: &dyn Fn(usize) -> String| {
        let named = places.top.iter().map(|c: &PlaceCount| Bar {
            per_period: c.per_period.clone(),
            ..Bar::named(name(c.place), c.total)
        });
        let rest = places.other.iter().map(|(count, c)| Bar {
            per_period: c.per_period.clone(),
            ..Bar::new(other(*count), None, c.total)
        });
        named.chain(rest).collect::<Vec<Bar<'_>>>()
    };
    let countries = place_bars(&figures.countries, &|c| tax.country_name(c, lang), &|n| {
        text.count("stats-other-countries", n)
    });
    charts.extend(words.chart(
        "countries",
        Figure::Countries,
        countries,
        period_heads.clone(),
    ));
    let regions = place_bars(&figures.regions, &|r| tax.region_name(r, lang), &|n| {
        text.count("stats-other-regions", n)
    });
    charts.extend(words.chart("regions", Figure::Regions, regions, period_heads.clone()));

    let gazetteer = Gazetteer::get();
    let written = gazetteer::names_language(lang.as_str());
    let place_lang = (written != lang.as_str()).then_some(written);
    let affiliations: Vec<Bar<'_>> = figures
        .affiliations
        .top
        .iter()
        .filter_map(|&(code, n)| {
            let country = gazetteer.by_code(code)?;
            Some(Bar::new(
                country.name_in(lang.as_str()).to_string(),
                place_lang,
                n,
            ))
        })
        .chain(
            figures
                .affiliations
                .other
                .map(|(count, n)| Bar::new(text.count("stats-other-countries", count), None, n)),
        )
        .collect();
    charts.extend(words.chart(
        "affiliations",
        Figure::Affiliations,
        affiliations,
        Vec::new(),
    ));

    let cited: Vec<Bar<'_>> = figures
        .cited
        .iter()
        .map(|&(idx, n)| {
            let article = &archive.articles[idx];
            // In the page's language when the article has a translation
            // into it, as lists show it.
            let (title, shown) = match article.shown_translation(lang) {
                Some((_, t)) => (t.title.text(), t.lang.as_str()),
                None => (article.title.text(), article.language.as_str()),
            };
            Bar {
                path: Some(site.dir_path(&site.article(article))),
                ..Bar::new(title, (shown != lang.as_str()).then_some(shown), n)
            }
        })
        .collect();
    let cited_none = cited.is_empty();
    charts.extend(words.chart("cited", Figure::Cited, cited, Vec::new()));

    let mut group = Some(text.get("stats-keywords"));
    for ((period, top), head) in figures
        .periods
        .iter()
        .zip(&figures.keywords)
        .zip(&period_heads)
    {
        let bars: Vec<Bar<'_>> = top
            .iter()
            .map(|&(k, n)| Bar::named(tax.keywords[k].name_in(lang), n))
            .collect();
        let Some(mut chart) = words.chart(
            &format!("keywords-{}", period.first),
            Figure::Keywords,
            bars,
            Vec::new(),
        ) else {
            continue;
        };
        chart.title = head.clone();
        chart.group = group.take();
        charts.push(chart);
    }

    let mut ctx = Context::new();
    ctx.insert("articles", &figures.articles);
    ctx.insert("first_year", &figures.years.first().map(|y| y.0));
    ctx.insert("last_year", &figures.years.last().map(|y| y.0));
    ctx.insert("charts", &charts);
    ctx.insert("cited_none", &cited_none);
    pages.render(
        Page::dir(
            PageKind::Statistics,
            &text.get("stats-title"),
            site.statistics(),
        ),
        ctx,
        &mut done.diags,
    )?;
    done.pages += 1;
    Ok(())
}

/// What a chart counts: which words head it and sum it up.
#[derive(Clone, Copy)]
enum Figure {
    Years,
    Sections,
    Countries,
    Regions,
    /// The authors' affiliation countries.
    Affiliations,
    /// The articles most cited inside the archive.
    Cited,
    /// The keywords of one period, headed by the period.
    Keywords,
}

/// What [`Figure::words`] gives: a chart's heading, its table's first and
/// last column's headings, its sentence and its note.
struct FigureWords {
    title: String,
    label_head: String,
    count_head: String,
    summary: String,
    note: Option<String>,
}

impl Figure {
    /// Its words, with the sentence naming `name` with `n`, in `text`'s
    /// language. (Each key is spelt out in a call, as the catalogue test
    /// finds them.)
    fn words(self, text: &Text, name: &str, n: usize) -> FigureWords {
        let args = Args::from([
            ("name", FluentValue::from(name.to_string())),
            ("n", FluentValue::from(n)),
        ]);
        let words = |title: String, label: String, count: String, summary: String| FigureWords {
            title,
            label_head: label,
            count_head: count,
            summary,
            note: None,
        };
        match self {
            Figure::Years => words(
                text.get("stats-years"),
                text.get("stats-col-year"),
                text.get("stats-col-articles"),
                text.get_with("stats-years-summary", &args),
            ),
            Figure::Sections => words(
                text.get("stats-sections"),
                text.get("stats-col-section"),
                text.get("stats-col-articles"),
                text.get_with("stats-sections-summary", &args),
            ),
            Figure::Countries => words(
                text.get("stats-countries"),
                text.get("stats-col-country"),
                text.get("stats-col-total"),
                text.get_with("stats-countries-summary", &args),
            ),
            Figure::Regions => words(
                text.get("stats-regions"),
                text.get("stats-col-region"),
                text.get("stats-col-total"),
                text.get_with("stats-regions-summary", &args),
            ),
            Figure::Affiliations => FigureWords {
                note: Some(text.get("stats-affiliations-note")),
                ..words(
                    text.get("stats-affiliations"),
                    text.get("stats-col-country"),
                    text.get("stats-col-authors"),
                    text.get_with("stats-affiliations-summary", &args),
                )
            },
            Figure::Cited => FigureWords {
                note: Some(text.get("stats-cited-note")),
                ..words(
                    text.get("stats-cited"),
                    text.get("stats-col-article"),
                    text.get("stats-col-citing"),
                    text.get_with("stats-cited-summary", &args),
                )
            },
            Figure::Keywords => words(
                String::new(),
                text.get("stats-col-keyword"),
                text.get("stats-col-articles"),
                text.get_with("stats-keywords-period-summary", &args),
            ),
        }
    }
}

/// The words of a tree's charts.
struct Words<'t> {
    text: &'t Text,
}

impl Words<'_> {
    /// The chart `id` of `bars` counting `figure`, its sentence naming its
    /// largest bar (the first of equals); `None` when it has no bars.
    fn chart<'a>(
        &self,
        id: &str,
        figure: Figure,
        bars: Vec<Bar<'a>>,
        columns: Vec<String>,
    ) -> Option<ChartView<'a>> {
        let (name, n) = bars
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.count.cmp(&b.1.count).then(b.0.cmp(&a.0)))
            .map(|(_, bar)| (bar.label.clone(), bar.count))?;
        let words = figure.words(self.text, &name, n);
        let mut chart = chart(id.to_string(), bars);
        chart.title = words.title;
        chart.summary = words.summary;
        chart.label_head = words.label_head;
        chart.count_head = words.count_head;
        chart.note = words.note;
        chart.columns = columns;
        Some(chart)
    }
}

/// A chart of `bars`, laid out: lengths relative to the largest count.
fn chart<'a>(id: String, bars: impl IntoIterator<Item = Bar<'a>>) -> ChartView<'a> {
    let bars: Vec<Bar<'a>> = bars.into_iter().collect();
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let bars: Vec<BarView<'a>> = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| BarView {
            short: shorten(&bar.label),
            label: bar.label,
            lang: bar.lang,
            path: bar.path,
            count: bar.count,
            per_period: bar.per_period,
            y: i as u32 * ROW,
            width: format!("{:.1}", LONGEST * bar.count as f64 / max as f64),
        })
        .collect();
    ChartView {
        id,
        group: None,
        title: String::new(),
        summary: String::new(),
        label_head: String::new(),
        count_head: String::new(),
        note: None,
        columns: Vec::new(),
        height: bars.len() as u32 * ROW,
        bars,
    }
}

/// `label` cut to [`LABEL_CHARS`] characters, with an ellipsis when cut.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_laid_out_relative_to_the_largest() {
        let c = chart(
            "t".into(),
            [
                Bar::new("a".to_string(), None, 4),
                Bar::new("b".to_string(), None, 1),
            ],
        );
        assert_eq!(c.height, 2 * ROW);
        assert_eq!(c.bars[0].width, "82.0");
        assert_eq!(c.bars[1].width, "20.5");
        assert_eq!(c.bars[1].y, ROW);
    }

    #[test]
    fn long_labels_are_cut_in_the_svg_only() {
        let long = "а".repeat(50);
        let c = chart("t".into(), [Bar::new(long.clone(), None, 1)]);
        assert_eq!(c.bars[0].label, long);
        assert_eq!(c.bars[0].short.chars().count(), LABEL_CHARS);
        assert!(c.bars[0].short.ends_with('…'));
    }
}

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

use anyhow::Result;
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use tera::Context;

use super::{Build, Done};
use crate::render::pages::{Page, PageKind};
use crate::stats::{Figures, PlaceCount, Places};
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
    /// The headings of its table's columns per period (places only).
    columns: Vec<String>,
    /// Its bars.
    bars: Vec<BarView<'a>>,
    /// The SVG's height in pixels.
    height: u32,
}

/// A bar before layout: its label and the label's language, its count and
/// its counts per period.
type Bar<'a> = ((String, Option<&'a str>), usize, Vec<usize>);

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
    let plain = |label: String| (label, None);
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
        .map(|&(year, n)| (plain(year.to_string()), n, Vec::new()))
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
            (plain(label), *n, Vec::new())
        })
        .collect();
    charts.extend(words.chart("sections", Figure::Sections, sections, Vec::new()));
    let place_bars = |places: &Places,
                      name: &dyn Fn(usize) -> Name<'static>,
                      other: &dyn Fn(usize) -> String| {
        let named = places.top.iter().map(|c: &PlaceCount| {
            let name = name(c.place);
            (
                (name.text.to_string(), name.lang),
                c.total,
                c.per_period.clone(),
            )
        });
        let rest = places
            .other
            .iter()
            .map(|(count, c)| (plain(other(*count)), c.total, c.per_period.clone()));
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
    let mut group = Some(text.get("stats-keywords"));
    for ((period, top), head) in figures
        .periods
        .iter()
        .zip(&figures.keywords)
        .zip(&period_heads)
    {
        let bars: Vec<Bar<'_>> = top
            .iter()
            .map(|&(k, n)| {
                let name = tax.keywords[k].name_in(lang);
                ((name.text.to_string(), name.lang), n, Vec::new())
            })
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
    /// The keywords of one period, headed by the period.
    Keywords,
}

impl Figure {
    /// Its heading, the heading of its table's first column, and its
    /// sentence naming `name` with `n` articles, in `text`'s language.
    fn words(self, text: &Text, name: &str, n: usize) -> (String, String, String) {
        let args = Args::from([
            ("name", FluentValue::from(name.to_string())),
            ("n", FluentValue::from(n)),
        ]);
        match self {
            Figure::Years => (
                text.get("stats-years"),
                text.get("stats-col-year"),
                text.get_with("stats-years-summary", &args),
            ),
            Figure::Sections => (
                text.get("stats-sections"),
                text.get("stats-col-section"),
                text.get_with("stats-sections-summary", &args),
            ),
            Figure::Countries => (
                text.get("stats-countries"),
                text.get("stats-col-country"),
                text.get_with("stats-countries-summary", &args),
            ),
            Figure::Regions => (
                text.get("stats-regions"),
                text.get("stats-col-region"),
                text.get_with("stats-regions-summary", &args),
            ),
            Figure::Keywords => (
                String::new(),
                text.get("stats-col-keyword"),
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
            .max_by(|a, b| a.1 .1.cmp(&b.1 .1).then(b.0.cmp(&a.0)))
            .map(|(_, bar)| (bar.0 .0.clone(), bar.1))?;
        let (title, label_head, summary) = figure.words(self.text, &name, n);
        let mut chart = chart(id.to_string(), bars);
        chart.title = title;
        chart.summary = summary;
        chart.label_head = label_head;
        chart.columns = columns;
        Some(chart)
    }
}

/// A chart of `bars` (label and its language, count, counts per period),
/// laid out: lengths relative to the largest count.
fn chart<'a>(id: String, bars: impl IntoIterator<Item = Bar<'a>>) -> ChartView<'a> {
    let bars: Vec<_> = bars.into_iter().collect();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let bars: Vec<BarView<'a>> = bars
        .into_iter()
        .enumerate()
        .map(|(i, ((label, lang), count, per_period))| BarView {
            short: shorten(&label),
            label,
            lang,
            count,
            per_period,
            y: i as u32 * ROW,
            width: format!("{:.1}", LONGEST * count as f64 / max as f64),
        })
        .collect();
    ChartView {
        id,
        group: None,
        title: String::new(),
        summary: String::new(),
        label_head: String::new(),
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
                (("a".to_string(), None), 4, Vec::new()),
                (("b".to_string(), None), 1, Vec::new()),
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
        let c = chart("t".into(), [((long.clone(), None), 1, Vec::new())]);
        assert_eq!(c.bars[0].label, long);
        assert_eq!(c.bars[0].short.chars().count(), LABEL_CHARS);
        assert!(c.bars[0].short.ends_with('…'));
    }
}

//! Running headers and footers: recognised across pages, left out.
//!
//! A journal prints its name, the issue, the author or the article's title
//! and the page number at the top or bottom of every page. Indexed, they
//! would make every page match the journal's name and put "Regional Studies
//! Review · 2018 · No. 4 · 85" into snippets. A line is taken for one when,
//! on at least two pages and two in five of the file's pages with text, a
//! line among the two highest or the two lowest of the page (in the top or
//! bottom quarter) reads the same once its numbers are set aside: "85" and
//! "86" are the same line, and so are "Author · 85" and "Author · 87".
//! Headers that differ on even and odd pages (author, then title) are each
//! on half the pages and so recognised too. One page, or a header on one
//! page of two, cannot be told from text and is kept.

use std::collections::HashMap;

use super::layout::Line;

/// How many of a page's highest and lowest lines may be running lines.
const EDGE_LINES: usize = 2;

/// Leaves out every page's running headers and footers.
pub(crate) fn strip(pages: &mut [(Vec<Line>, f32)]) {
    let bands: Vec<Vec<Band>> = pages.iter().map(|(lines, h)| bands(lines, *h)).collect();
    let with_text = bands.iter().filter(|b| !b.is_empty()).count();
    let mut counts: HashMap<(Edge, String), usize> = HashMap::new();
    for page in &bands {
        let mut seen: Vec<(Edge, &str)> = Vec::new();
        for band in page.iter().filter(|band| band.edge.is_some()) {
            let key = (band.edge.unwrap_or(Edge::Top), band.key.as_str());
            if !seen.contains(&key) {
                seen.push(key);
                *counts.entry((key.0, key.1.to_owned())).or_default() += 1;
            }
        }
    }
    let running = |band: &Band| {
        band.edge.is_some_and(|edge| {
            let count = counts.get(&(edge, band.key.clone())).copied().unwrap_or(0);
            count >= 2 && count * 5 >= with_text * 2
        })
    };
    for ((lines, _), page) in pages.iter_mut().zip(&bands) {
        let mut drop = vec![false; lines.len()];
        for band in page.iter().filter(|band| running(band)) {
            for &i in &band.lines {
                drop[i] = true;
            }
        }
        let mut i = 0;
        lines.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

/// The top or the bottom of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Edge {
    Top,
    Bottom,
}

/// The lines on one baseline across the page: which they are, what they
/// read with numbers set aside, and the edge they are near (`None` for the
/// page's body).
#[derive(Debug)]
struct Band {
    lines: Vec<usize>,
    key: String,
    edge: Option<Edge>,
}

/// A page's lines grouped by baseline, top to bottom, the highest and
/// lowest [`EDGE_LINES`] marked with their edge when they lie in the top or
/// bottom quarter of a page `height` high.
fn bands(lines: &[Line], height: f32) -> Vec<Band> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
    let mut bands: Vec<Band> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let first = &lines[order[start]];
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| lines[i].y - first.y <= 0.5 * first.size)
                .count();
        let mut members = order[start..end].to_vec();
        members.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
        let text: Vec<&str> = members.iter().map(|&i| lines[i].text.as_str()).collect();
        bands.push(Band {
            key: key(&text.join(" ")),
            lines: members,
            edge: None,
        });
        start = end;
    }
    let count = bands.len();
    let y = |band: &Band| lines[band.lines[0]].y;
    let known = height.is_finite() && height > 0.0;
    for (i, band) in bands.iter_mut().enumerate() {
        if i < EDGE_LINES && (!known || y(band) <= 0.25 * height) {
            band.edge = Some(Edge::Top);
        } else if i + EDGE_LINES >= count && (!known || y(band) >= 0.75 * height) {
            band.edge = Some(Edge::Bottom);
        }
    }
    bands
}

/// A line as compared across pages: lowercase, each run of digits one `#`
/// (and a line that is a Roman page number alone, `xii`), spaces single.
pub(crate) fn key(text: &str) -> String {
    let lone = text.trim().to_lowercase();
    if (1..=6).contains(&lone.len()) && lone.chars().all(|c| "ivxlc".contains(c)) {
        return "#".to_owned();
    }
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let lower = word.to_lowercase();
        let mut out = String::new();
        for c in lower.chars() {
            if c.is_ascii_digit() {
                if !out.ends_with('#') {
                    out.push('#');
                }
            } else {
                out.push(c);
            }
        }
        words.push(out);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::layout::Column;
    use super::*;

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.to_owned(),
            x0: 72.0,
            x1: 300.0,
            y,
            size: 10.0,
            column: Column::Full,
        }
    }

    fn page(number: u32, body: &[&str]) -> (Vec<Line>, f32) {
        let mut lines = vec![line("Regional Studies Review · 2018 · No. 4", 40.0)];
        for (i, text) in body.iter().enumerate() {
            lines.push(line(text, 100.0 + 14.0 * i as f32));
        }
        lines.push(line(&number.to_string(), 800.0));
        (lines, 842.0)
    }

    fn texts(page: &(Vec<Line>, f32)) -> Vec<&str> {
        page.0.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn numbers_are_set_aside_in_the_key() {
        assert_eq!(key("Review · 2018 · No. 4"), "review · # · no. #");
        assert_eq!(key("85"), "#");
        assert_eq!(key("xii"), "#");
        assert_eq!(key("Author  85"), key("author 87"));
    }

    #[test]
    fn a_header_and_page_number_on_every_page_are_left_out() {
        let mut pages = vec![
            page(84, &["first body line", "second"]),
            page(85, &["third body line"]),
            page(86, &["fourth body line"]),
        ];
        strip(&mut pages);
        assert_eq!(texts(&pages[0]), ["first body line", "second"]);
        assert_eq!(texts(&pages[2]), ["fourth body line"]);
    }

    #[test]
    fn a_line_on_one_page_of_three_is_kept() {
        let mut pages = vec![
            page(84, &["body"]),
            page(85, &["body two"]),
            page(86, &["body three"]),
        ];
        pages[1].0.push(line("A footnote at the bottom", 780.0));
        strip(&mut pages);
        assert!(texts(&pages[1]).contains(&"A footnote at the bottom"));
    }

    #[test]
    fn a_single_page_keeps_everything() {
        let mut pages = vec![page(84, &["body"])];
        strip(&mut pages);
        assert_eq!(pages[0].0.len(), 3);
    }
}

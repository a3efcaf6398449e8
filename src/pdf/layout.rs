//! Glyphs into lines, lines into reading order and paragraphs.
//!
//! A PDF has no lines or words, only glyphs placed on the page. Glyphs that
//! follow each other on one baseline, without a gap wider than the type's
//! size, are one line ([`lines`]); a wider gap or a new baseline starts
//! another, so the lines of two columns stay apart even when the file draws
//! them side by side. [`order`] then looks for a gutter: an empty strip down
//! the middle of the page with lines on both sides. With one, the page is
//! read column by column (the left one, then the right), and a line that
//! crosses the gutter (a title over both columns) is read where it stands,
//! between the columns' parts above and below it. Without one, lines are
//! read top to bottom. More than two columns are read as two (the gutter is
//! looked for once, in the middle third of the page).

use super::read::GlyphPage;

/// Which part of the page a line was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// One column, or a line across both.
    Full,
    /// The left column of two.
    Left,
    /// The right column of two.
    Right,
}

/// One line of text with where it stands: `x0`..`x1` across, its baseline
/// `y` from the top, its type size, all in points.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub column: Column,
}

/// A gap wider than this many type sizes between glyphs ends a line (a
/// justified line's widest word space stays below one size).
const GAP_ENDS_LINE: f32 = 1.0;
/// A gap wider than this many type sizes is a space between words. Letters
/// of a word sit within a few hundredths of a size of each other (kerning);
/// a word space is a quarter to a third of the size, and justification
/// shrinks it: LaTeX set a tight line of a test PDF with spaces of 0.15.
const GAP_IS_SPACE: f32 = 0.1;

/// The page's glyphs gathered into lines, in the file's drawing order.
pub(crate) fn lines(page: &GlyphPage) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    for glyph in &page.glyphs {
        let blank = glyph.text.chars().all(char::is_whitespace);
        if let Some(line) = current.as_mut() {
            let size = line.size.max(glyph.size).max(1.0);
            let gap = glyph.x - line.x1;
            let same_baseline = (glyph.y - line.y).abs() <= 0.5 * size;
            if same_baseline && gap >= -0.5 * size && gap <= GAP_ENDS_LINE * size {
                if (blank || gap > GAP_IS_SPACE * size) && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                if !blank {
                    line.text.push_str(&glyph.text);
                }
                line.x1 = line.x1.max(glyph.x + glyph.advance);
                continue;
            }
            lines.extend(current.take());
        }
        if !blank {
            current = Some(Line {
                text: glyph.text.clone(),
                x0: glyph.x,
                x1: glyph.x + glyph.advance.max(0.0),
                y: glyph.y,
                size: glyph.size.max(1.0),
                column: Column::Full,
            });
        }
    }
    lines.extend(current);
    for line in &mut lines {
        line.text.truncate(line.text.trim_end().len());
    }
    lines
}

/// The page's lines in reading order, each marked with its column (see the
/// module docs). `width` is the page's width.
pub(crate) fn order(mut lines: Vec<Line>, width: f32) -> Vec<Line> {
    top_to_bottom(&mut lines);
    let Some(gutter) = gutter(&lines, width) else {
        return lines;
    };
    let mut ordered = Vec::with_capacity(lines.len());
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for mut line in lines {
        if line.x1 <= gutter {
            line.column = Column::Left;
            left.push(line);
        } else if line.x0 >= gutter {
            line.column = Column::Right;
            right.push(line);
        } else {
            ordered.append(&mut left);
            ordered.append(&mut right);
            ordered.push(line);
        }
    }
    ordered.append(&mut left);
    ordered.append(&mut right);
    ordered
}

/// Sorts by baseline, and lines on one baseline (within half a size) from
/// left to right.
fn top_to_bottom(lines: &mut [Line]) {
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut start = 0;
    while start < lines.len() {
        let (y, size) = (lines[start].y, lines[start].size);
        let end = start
            + lines[start..]
                .iter()
                .take_while(|line| line.y - y <= 0.5 * size)
                .count();
        lines[start..end].sort_by(|a, b| a.x0.total_cmp(&b.x0));
        start = end;
    }
}

/// The x of the gutter between two columns, if the page has one: the widest
/// strip in the middle of the page (from 30 % to 70 % of its width) that
/// (almost) no line shorter than half the page crosses, at least half a type
/// size wide, with at least three lines wholly on each side.
fn gutter(lines: &[Line], width: f32) -> Option<f32> {
    if !(width.is_finite() && width > 0.0) || width > 20_000.0 {
        return None;
    }
    let narrow: Vec<&Line> = lines
        .iter()
        .filter(|line| line.x1 - line.x0 < 0.5 * width)
        .collect();
    if narrow.len() < 6 {
        return None;
    }
    let bins = width.ceil() as usize + 1;
    let mut cover = vec![0usize; bins];
    for line in &narrow {
        let from = line.x0.max(0.0).floor() as usize;
        let to = (line.x1.max(0.0).ceil() as usize).min(bins);
        for count in cover.iter_mut().take(to).skip(from) {
            *count += 1;
        }
    }
    let allowed = narrow.len() / 20;
    let (from, to) = ((0.3 * width) as usize, ((0.7 * width) as usize).min(bins));
    let mut best: Option<(usize, usize)> = None;
    let mut start = None;
    for x in from..=to {
        let open = x < to && cover.get(x).is_some_and(|&count| count <= allowed);
        match (open, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                if best.is_none_or(|(bs, be)| x - s > be - bs) {
                    best = Some((s, x));
                }
                start = None;
            }
            _ => {}
        }
    }
    let (s, e) = best?;
    let mut sizes: Vec<f32> = narrow.iter().map(|line| line.size).collect();
    sizes.sort_by(f32::total_cmp);
    let size = sizes[sizes.len() / 2];
    if ((e - s) as f32) < (0.5 * size).max(4.0) {
        return None;
    }
    let (s, e) = (s as f32, e as f32);
    let on_left = narrow.iter().filter(|line| line.x1 <= s + 1.0).count();
    let on_right = narrow.iter().filter(|line| line.x0 >= e - 1.0).count();
    (on_left >= 3 && on_right >= 3).then_some((s + e) / 2.0)
}

/// A baseline further below the one before than this many type sizes
/// starts a paragraph (a line's leading is 1.2 to 1.4 sizes).
const GAP_ENDS_PARAGRAPH: f32 = 1.6;

/// Lines in reading order grouped into paragraphs: a new one starts in
/// another column, after a wider gap than between lines, back up the page,
/// or where the type size changes (a heading).
pub(crate) fn paragraphs(lines: &[Line]) -> Vec<Vec<&str>> {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in lines {
        let continues = previous.is_some_and(|before| {
            let step = line.y - before.y;
            before.column == line.column
                && step > 0.0
                && step <= GAP_ENDS_PARAGRAPH * before.size.max(line.size)
                && (line.size - before.size).abs() <= 0.15 * before.size
        });
        match paragraphs.last_mut() {
            Some(paragraph) if continues => paragraph.push(&line.text),
            _ => paragraphs.push(vec![&line.text]),
        }
        previous = Some(line);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::super::read::Glyph;
    use super::*;

    /// Glyphs for `text` from `x` on one baseline, 10 pt, 5 pt each.
    fn word(text: &str, x: f32, y: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + 5.0 * i as f32,
                y,
                size: 10.0,
                advance: 5.0,
            })
            .collect()
    }

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> Line {
        Line {
            text: text.to_owned(),
            x0,
            x1,
            y,
            size: 10.0,
            column: Column::Full,
        }
    }

    #[test]
    fn glyphs_on_a_baseline_make_a_line_with_spaces_at_gaps() {
        let mut glyphs = word("steppe", 72.0, 100.0);
        glyphs.extend(word("grain", 104.0, 100.0));
        glyphs.extend(word("next", 72.0, 114.0));
        let page = GlyphPage {
            width: 595.0,
            height: 842.0,
            glyphs,
        };
        let texts: Vec<String> = lines(&page).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["steppe grain", "next"]);
    }

    #[test]
    fn a_justified_lines_shrunk_space_is_a_space_and_kerning_is_not() {
        // "Improved Rust": 10 pt type, a word space shrunk to 1.5 pt (as
        // LaTeX set a tight line), and letters kerned 0.3 pt closer or
        // looser inside the words.
        let mut glyphs = word("Improved", 72.0, 100.0);
        glyphs.extend(word("Rust", 72.0 + 40.0 + 1.5, 100.0));
        glyphs[3].x += 0.3;
        glyphs[6].x -= 0.3;
        let page = GlyphPage {
            width: 595.0,
            height: 842.0,
            glyphs,
        };
        let texts: Vec<String> = lines(&page).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Improved Rust"]);
    }

    #[test]
    fn a_gap_wider_than_the_type_ends_a_line() {
        let mut glyphs = word("left", 72.0, 100.0);
        glyphs.extend(word("right", 320.0, 100.0));
        let page = GlyphPage {
            width: 595.0,
            height: 842.0,
            glyphs,
        };
        assert_eq!(lines(&page).len(), 2);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut lines = Vec::new();
        for i in 0..4 {
            let y = 100.0 + 14.0 * i as f32;
            lines.push(line(&format!("L{i}"), 72.0, 280.0, y));
            lines.push(line(&format!("R{i}"), 320.0, 520.0, y));
        }
        lines.push(line("Title across both", 72.0, 520.0, 80.0));
        let ordered = order(lines, 595.0);
        let texts: Vec<&str> = ordered.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Title across both",
                "L0",
                "L1",
                "L2",
                "L3",
                "R0",
                "R1",
                "R2",
                "R3"
            ]
        );
        assert_eq!(ordered[1].column, Column::Left);
        assert_eq!(ordered[5].column, Column::Right);
    }

    #[test]
    fn one_column_is_read_top_to_bottom() {
        let lines: Vec<Line> = (0..8)
            .rev()
            .map(|i| line(&format!("{i}"), 72.0, 520.0, 100.0 + 14.0 * i as f32))
            .collect();
        let ordered = order(lines, 595.0);
        let texts: Vec<&str> = ordered.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["0", "1", "2", "3", "4", "5", "6", "7"]);
        assert!(ordered.iter().all(|l| l.column == Column::Full));
    }

    #[test]
    fn paragraphs_break_at_wide_gaps_columns_and_sizes() {
        let mut lines = vec![
            line("one", 72.0, 500.0, 100.0),
            line("two", 72.0, 500.0, 114.0),
            line("three", 72.0, 500.0, 150.0),
        ];
        let mut heading = line("Heading", 72.0, 200.0, 164.0);
        heading.size = 14.0;
        lines.push(heading);
        let mut right = line("four", 320.0, 500.0, 100.0);
        right.column = Column::Right;
        lines.push(right);
        assert_eq!(
            paragraphs(&lines),
            [
                vec!["one", "two"],
                vec!["three"],
                vec!["Heading"],
                vec!["four"]
            ]
        );
    }
}

//! Typesets a PDF galley for every article of a site that has none, so that
//! the benchmark can measure what reading PDFs adds to a build
//! (`bench/compare.py --pdfs`).
//!
//! ```sh
//! cargo run --release --example bench-galleys -- SITE [--font FONT.ttf]
//! ```
//!
//! Each galley is written beside its article under the article's name with
//! `.pdf`, as an editor would put it. It is what a journal's typesetting
//! gives, in miniature: A4 pages, a running header with the journal's name
//! and the issue, the printed page number at the foot, page labels starting
//! at the first of the article's `pages:`, the title, authors and abstract
//! on the first page, then the full text in lines of about 80 characters,
//! words hyphenated at line ends, and every fourth page in two columns. An
//! article without a Markdown full text gets the full text of another
//! article of the site (chosen by its name, so every run writes the same
//! files), as a PDF-only article has its text only in its PDF. The font is
//! embedded as a CID font with its Unicode map, as typesetting software
//! does; the default is the DejaVu Sans subset of the tests (Latin,
//! Cyrillic), `--font` names another TrueType font.

use std::collections::VecDeque;
use std::error::Error;
use std::fs;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use krilla::geom::Point;
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::text::{Font, TextDirection};
use krilla::Document;
use pulldown_cmark::{Event, Parser, TagEnd};
use rayon::prelude::*;
use walkdir::WalkDir;

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

const DEFAULT_FONT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/fonts/DejaVuSans-subset.ttf"
);

/// A4, in points, and the type area.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const LEFT: f32 = 72.0;
const TOP: f32 = 96.0;
const LEADING: f32 = 13.5;
const LINES: usize = 52;
/// Characters a line holds: one column across the type area, or half.
const WIDE: usize = 80;
const NARROW: usize = 38;
const GUTTER: f32 = 245.0;

/// One article's galley, as read from its Markdown.
struct Galley {
    pdf: PathBuf,
    first_page: u32,
    header: String,
    title: String,
    authors: String,
    abstract_: String,
    body: Vec<String>,
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut site = None;
    let mut font = PathBuf::from(DEFAULT_FONT);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--font" => font = args.next().ok_or("--font needs a file")?.into(),
            _ if site.is_none() => site = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}").into()),
        }
    }
    let site = site.ok_or("usage: bench-galleys SITE [--font FONT.ttf]")?;
    let font = Font::new(fs::read(&font)?.into(), 0).ok_or("not a TrueType font")?;

    let mut galleys = Vec::new();
    for entry in WalkDir::new(site.join("content")).sort_by_file_name() {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") && !path.ends_with("_index.md") {
            let pdf = path.with_extension("pdf");
            if !pdf.exists() {
                galleys.push(read(path, pdf)?);
            }
        }
    }
    let bodies: Vec<usize> = (0..galleys.len())
        .filter(|&i| !galleys[i].body.is_empty())
        .collect();
    let written: Result<Vec<u64>> = (0..galleys.len())
        .into_par_iter()
        .map(|i| {
            let galley = &galleys[i];
            let body = if galley.body.is_empty() && !bodies.is_empty() {
                let k = galley.title.bytes().map(u64::from).sum::<u64>() as usize;
                &galleys[bodies[k % bodies.len()]].body
            } else {
                &galley.body
            };
            let bytes = typeset(galley, body, &font)?;
            fs::write(&galley.pdf, &bytes)?;
            Ok(bytes.len() as u64)
        })
        .collect();
    let written = written?;
    eprintln!(
        "{} galleys written, {:.1} MB",
        written.len(),
        written.iter().sum::<u64>() as f64 / 1e6
    );
    Ok(())
}

/// The galley's parts from the article's front matter and full text.
fn read(md: &Path, pdf: PathBuf) -> Result<Galley> {
    let text = fs::read_to_string(md)?;
    let rest = text.strip_prefix("---\n").ok_or("no front matter")?;
    let end = rest.find("\n---\n").ok_or("front matter not closed")?;
    let meta: serde_yaml::Value = serde_yaml::from_str(&rest[..end])?;
    let field = |name: &str| meta.get(name).and_then(|v| v.as_str()).unwrap_or("");
    let authors: Vec<&str> = meta
        .get("authors")
        .and_then(|a| a.as_sequence())
        .map(|a| a.iter().filter_map(|x| x.get("name")?.as_str()).collect())
        .unwrap_or_default();
    let first_page = field("pages")
        .split(['-', '–'])
        .next()
        .and_then(|p| p.trim().parse().ok())
        .or_else(|| meta.get("pages")?.as_u64()?.try_into().ok())
        .unwrap_or(1);
    let issue = md
        .parent()
        .and_then(|d| Some((d.parent()?.file_name()?, d.file_name()?)));
    let header = match issue {
        Some((year, number)) => format!(
            "Journal of Regional Studies · {} · No. {}",
            year.to_string_lossy(),
            number.to_string_lossy()
        ),
        None => "Journal of Regional Studies".to_string(),
    };
    Ok(Galley {
        pdf,
        first_page,
        header,
        title: field("title").to_string(),
        authors: authors.join(", "),
        abstract_: field("abstract")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        body: paragraphs(&rest[end + 5..]),
    })
}

/// A Markdown full text as plain paragraphs (headings, list items and
/// footnotes each one).
fn paragraphs(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => {
                let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
                if !p.is_empty() {
                    out.push(p);
                }
                current.clear();
            }
            _ => {}
        }
    }
    out
}

/// A line of a page, and whether it ends in a word hyphenated onto the
/// next.
type Line = (String, bool);

/// `paragraph` broken into lines of at most `width` characters; a word
/// that does not fit is hyphenated when both halves keep three letters.
fn lines(paragraph: &str, width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in paragraph.split(' ') {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            let room = width.saturating_sub(len + 2);
            if room >= 3 && n >= room + 3 && word.chars().all(char::is_alphabetic) {
                let head: String = word.chars().take(room).collect();
                line.push(' ');
                line.push_str(&head);
                line.push('-');
                out.push((std::mem::take(&mut line), true));
                line = word.chars().skip(room).collect();
                len = n - room;
                continue;
            }
            out.push((std::mem::take(&mut line), false));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += n;
    }
    if !line.is_empty() {
        out.push((line, false));
    }
    out
}

/// The words of `lines` as one paragraph again, hyphenated words whole.
fn rejoin(lines: &[Line]) -> String {
    let mut text = String::new();
    for (line, hyphenated) in lines {
        if *hyphenated {
            text.push_str(line.strip_suffix('-').unwrap_or(line));
        } else {
            text.push_str(line);
            text.push(' ');
        }
    }
    text.trim_end().to_string()
}

/// The galley's PDF: pages filled paragraph by paragraph, a paragraph that
/// does not fit going on at the top of the next page.
fn typeset(galley: &Galley, body: &[String], font: &Font) -> Result<Vec<u8>> {
    let mut doc = Document::new();
    let mut queue: VecDeque<String> = [&galley.title, &galley.authors, &galley.abstract_]
        .into_iter()
        .chain(body)
        .filter(|p| !p.is_empty())
        .cloned()
        .collect();
    let mut page = 0u32;
    while !queue.is_empty() {
        // Every fourth page is set in two columns.
        let (width, room) = if page % 4 == 3 {
            (NARROW, 2 * LINES)
        } else {
            (WIDE, LINES)
        };
        let mut page_lines: Vec<String> = Vec::new();
        while page_lines.len() + 1 < room {
            let Some(paragraph) = queue.pop_front() else {
                break;
            };
            let mut broken = lines(&paragraph, width);
            let space = room - page_lines.len();
            if broken.len() > space {
                queue.push_front(rejoin(&broken[space..]));
                broken.truncate(space);
            }
            page_lines.extend(broken.into_iter().map(|(line, _)| line));
            page_lines.push(String::new());
        }
        let number = galley.first_page + page;
        let label = PageLabel::new(Some(NumberingStyle::Arabic), None, NonZeroU32::new(number));
        let settings = PageSettings::from_wh(WIDTH, HEIGHT)
            .ok_or("A4 is a page size")?
            .with_page_label(label);
        let mut pdf_page = doc.start_page_with(settings);
        let mut surface = pdf_page.surface();
        let mut text = |x: f32, y: f32, size: f32, line: &str| {
            if !line.is_empty() {
                let at = Point::from_xy(x, y);
                surface.draw_text(at, font.clone(), size, line, false, TextDirection::Auto);
            }
        };
        text(LEFT, 50.0, 8.5, &galley.header);
        for (i, line) in page_lines.iter().take(room).enumerate() {
            let (column, row) = (i / LINES, i % LINES);
            let x = LEFT + GUTTER * column as f32;
            text(x, TOP + LEADING * row as f32, 10.0, line);
        }
        text(WIDTH / 2.0 - 6.0, 806.0, 8.5, &number.to_string());
        surface.finish();
        pdf_page.finish();
        page += 1;
    }
    Ok(doc.finish().map_err(|e| format!("krilla: {e:?}"))?)
}

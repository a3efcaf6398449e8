//! The whole extraction on PDFs written here with krilla: DejaVu Sans (a
//! subset, `tests/fixtures/fonts/`) embedded as a CID font with its
//! ToUnicode map, as typesetting software writes galleys; English and
//! Russian text, page labels, a running header and page numbers, a
//! two-column page, hyphenated words, ligatures; and a PDF of shapes only.

use std::num::NonZeroU32;

use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::*;

const FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/fonts/DejaVuSans-subset.ttf"
));

/// A4, in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;

/// Lines drawn from (`x`, `y`) down, 11 pt type on 14 pt leading.
struct Block<'a> {
    x: f32,
    y: f32,
    lines: &'a [&'a str],
}

fn font() -> Font {
    Font::new(FONT.to_vec().into(), 0).expect("the test font is a TrueType font")
}

/// A page with the journal's running header, the blocks, and its printed
/// number at the foot; labelled with that number when `labelled`.
fn page(doc: &mut Document, number: u32, labelled: bool, blocks: &[Block]) {
    let mut settings = PageSettings::from_wh(WIDTH, HEIGHT).expect("A4 is a page size");
    if labelled {
        settings = settings.with_page_label(PageLabel::new(
            Some(NumberingStyle::Arabic),
            None,
            NonZeroU32::new(number),
        ));
    }
    let font = font();
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    let mut text = |x: f32, y: f32, size: f32, line: &str| {
        surface.draw_text(
            Point::from_xy(x, y),
            font.clone(),
            size,
            line,
            false,
            TextDirection::Auto,
        );
    };
    text(72.0, 50.0, 9.0, "Regional Studies Review · 2018 · No. 4");
    for block in blocks {
        for (i, line) in block.lines.iter().enumerate() {
            text(block.x, block.y + 14.0 * i as f32, 11.0, line);
        }
    }
    text(290.0, 800.0, 9.0, &number.to_string());
    surface.finish();
    page.finish();
}

/// Pages 84-87 of an issue: English with hyphenated words and ligatures, a
/// page in two columns (English left, Russian right), Russian with a
/// hyphenated word, and `more` pages of plain text after them.
fn article(labelled: bool, more: u32) -> Vec<u8> {
    let mut doc = Document::new();
    page(
        &mut doc,
        84,
        labelled,
        &[Block {
            x: 72.0,
            y: 100.0,
            lines: &[
                "Integration in Central Asia",
                "This article studies the regio-",
                "nal economy of Kazakhstan and the post-",
                "Soviet states. The ﬁeld work was done in",
                "Almaty, with an eﬀect on trade.",
            ],
        }],
    );
    page(
        &mut doc,
        85,
        labelled,
        &[
            Block {
                x: 72.0,
                y: 100.0,
                lines: &[
                    "Left column speaks",
                    "of Kazakhstan grain",
                    "and steppe pastures",
                    "in the north.",
                ],
            },
            Block {
                x: 320.0,
                y: 100.0,
                lines: &[
                    "Правая колонка",
                    "говорит о хлопке",
                    "Узбекистана и",
                    "водах Арала.",
                ],
            },
        ],
    );
    page(
        &mut doc,
        86,
        labelled,
        &[Block {
            x: 72.0,
            y: 100.0,
            lines: &[
                "Региональная интегра-",
                "ция в Центральной Азии: экономика",
                "и торговля Казахстана.",
            ],
        }],
    );
    page(
        &mut doc,
        87,
        labelled,
        &[Block {
            x: 72.0,
            y: 100.0,
            lines: &["References follow on the next page."],
        }],
    );
    // Each page's lines name other places: a line that read the same at the
    // top of every page, numbers aside, would be a running header.
    let cities = ["Almaty", "Bishkek", "Dushanbe", "Tashkent", "Ashgabat"];
    let towns_ru = ["Алматы", "Бишкек", "Душанбе", "Ташкент", "Ашхабад"];
    let goods = ["grain", "cotton", "wool", "oil"];
    for n in 0..more {
        let (city, good) = (cities[n as usize % 5], goods[n as usize / 5 % 4]);
        let english = format!("Page {n} says more about the {good} markets of {city}.");
        let town_ru = towns_ru[n as usize % 5];
        let russian = format!("Страница {n} рассказывает о рынках города {town_ru}.");
        let lines: Vec<&str> = (0..44)
            .map(|i| {
                if i % 2 == 0 {
                    english.as_str()
                } else {
                    russian.as_str()
                }
            })
            .collect();
        page(
            &mut doc,
            88 + n,
            labelled,
            &[Block {
                x: 72.0,
                y: 100.0,
                lines: &lines,
            }],
        );
    }
    doc.finish().expect("krilla writes the test PDF")
}

/// A page with a filled rectangle and no text: what a scan looks like to a
/// text extractor.
fn shapes_only() -> Vec<u8> {
    let mut doc = Document::new();
    for _ in 0..2 {
        let mut page = doc.start_page_with(PageSettings::from_wh(WIDTH, HEIGHT).expect("A4"));
        let mut surface = page.surface();
        let mut path = PathBuilder::new();
        path.push_rect(Rect::from_xywh(100.0, 100.0, 300.0, 400.0).expect("a rectangle"));
        surface.draw_path(&path.finish().expect("a path"));
        surface.finish();
        page.finish();
    }
    doc.finish().expect("krilla writes the test PDF")
}

fn pages(bytes: &[u8]) -> Vec<PageText> {
    let text = text(bytes).expect("the test PDF has text");
    assert!(text.unreadable_pages.is_empty());
    text.pages
}

#[test]
fn each_page_has_its_index_label_and_text() {
    let pages = pages(&article(true, 0));
    assert_eq!(pages.len(), 4);
    let numbers: Vec<(u32, Option<&str>)> = pages
        .iter()
        .map(|p| (p.index, p.label.as_deref()))
        .collect();
    assert_eq!(
        numbers,
        [
            (1, Some("84")),
            (2, Some("85")),
            (3, Some("86")),
            (4, Some("87"))
        ]
    );
    assert_eq!(pages[3].text, "References follow on the next page.");
}

#[test]
fn a_word_broken_across_a_page_break_is_found_whole() {
    let mut doc = Document::new();
    let first = ["The study follows the regio-"];
    let second = ["nal markets of Almaty and their", "traders in winter."];
    for (number, lines) in [(84, &first[..]), (85, &second[..])] {
        let block = Block {
            x: 72.0,
            y: 100.0,
            lines,
        };
        page(&mut doc, number, true, &[block]);
    }
    let pages = pages(&doc.finish().expect("krilla writes the test PDF"));
    assert_eq!(pages[0].text, "The study follows the regional");
    assert_eq!(
        pages[1].text,
        "markets of Almaty and their traders in winter."
    );
}

#[test]
fn without_page_labels_a_page_has_no_label() {
    let pages = pages(&article(false, 0));
    assert!(pages.iter().all(|p| p.label.is_none()));
    assert_eq!(pages[2].index, 3);
}

#[test]
fn english_text_is_mended() {
    let pages = pages(&article(true, 0));
    assert_eq!(
        pages[0].text,
        "Integration in Central Asia This article studies the regional economy of \
         Kazakhstan and the post-Soviet states. The field work was done in Almaty, \
         with an effect on trade."
    );
}

#[test]
fn the_running_header_and_page_numbers_are_left_out() {
    for page in pages(&article(true, 0)) {
        assert!(
            !page.text.contains("Regional Studies Review"),
            "{}",
            page.text
        );
        assert!(!page.text.contains("8"), "{}", page.text);
    }
}

#[test]
fn two_columns_are_read_one_after_the_other() {
    let pages = pages(&article(true, 0));
    assert_eq!(
        pages[1].text,
        "Left column speaks of Kazakhstan grain and steppe pastures in the north.\n\n\
         Правая колонка говорит о хлопке Узбекистана и водах Арала."
    );
}

#[test]
fn russian_text_from_a_cid_font_is_read_and_mended() {
    let pages = pages(&article(true, 0));
    assert_eq!(
        pages[2].text,
        "Региональная интеграция в Центральной Азии: экономика и торговля Казахстана."
    );
}

#[test]
fn a_pdf_of_shapes_has_no_text_layer() {
    assert_eq!(
        text(&shapes_only()),
        Err(PdfError::NoTextLayer { pages: 2 })
    );
    assert_eq!(
        PdfError::NoTextLayer { pages: 2 }.to_string(),
        "the PDF has no text layer (2 pages of images, a scan?): its text is not searchable"
    );
}

#[test]
fn almost_no_text_is_no_text_layer() {
    let stamped = vec!["Scanned by the library".to_owned(); 3];
    assert!(too_little_text(&stamped, 3));
    assert!(too_little_text(&[], 0));
    let short = vec!["Erratum: the map on page 85 shows the wrong river.".to_owned()];
    assert!(!too_little_text(&short, 1));
}

#[test]
fn a_long_article_is_read_page_by_page() {
    let pages = pages(&article(true, 20));
    assert_eq!(pages.len(), 24);
    assert_eq!(pages[23].label.as_deref(), Some("107"));
    assert!(pages[23]
        .text
        .starts_with("Page 19 says more about the oil markets of Ashgabat."));
    assert!(pages[23]
        .text
        .ends_with("Страница 19 рассказывает о рынках города Ашхабад."));
}

#[test]
fn a_damaged_pdf_is_an_error_never_a_panic() {
    let good = article(true, 0);
    assert!(matches!(
        text(&good[..good.len() / 2]),
        Err(PdfError::Unreadable(_))
    ));
    // Bytes changed all over the file, in many patterns: whatever the
    // reader makes of them, an answer comes back.
    for seed in 1..40u32 {
        let mut bytes = good.clone();
        let step = 7 + (seed as usize * 13) % 211;
        for i in (seed as usize..bytes.len()).step_by(step) {
            bytes[i] ^= (seed as u8).wrapping_mul(37) | 1;
        }
        let _ = text(&bytes);
    }
}

/// A PDF written by hand: these objects, numbered from 1 (the first the
/// catalogue), and `trailer` added to the trailer's dictionary.
fn hand_written(objects: &[String], trailer: &str) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A PDF whose trailer names a Standard security handler with a user
/// password: it does not open without one.
fn encrypted() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 \
         /O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> \
         /U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >>",
    ];
    hand_written(
        &objects.map(str::to_owned),
        "/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]",
    )
}

/// Two pages in Helvetica (a simple font, no ToUnicode map): the first
/// readable, the second without a media box, on which pdf-extract panics.
fn second_page_broken() -> Vec<u8> {
    let content =
        "BT /F1 12 Tf 72 700 Td (The steppe of Kazakhstan is wide and its rivers are long.) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R \
         /Resources << /Font << /F1 6 0 R >> >> >>"
            .to_owned(),
        "<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    hand_written(&objects, "")
}

#[test]
fn a_page_that_cannot_be_read_is_named_and_the_others_kept() {
    let text = text(&second_page_broken()).expect("the first page can be read");
    assert_eq!(text.unreadable_pages, [2]);
    assert_eq!(text.pages.len(), 2);
    assert_eq!(
        text.pages[0].text,
        "The steppe of Kazakhstan is wide and its rivers are long."
    );
    assert_eq!(text.pages[1].text, "");
}

#[test]
fn a_pdf_locked_with_a_password_is_encrypted() {
    assert_eq!(text(&encrypted()), Err(PdfError::Encrypted));
}

//! Writes the sample site's two PDF galleys that have text:
//! `content/2019/1/afghanistan-northern-neighbours.pdf` (English) and
//! `content/2019/1/kyrgyzstan-eaeu.pdf` (Russian). The committed files are
//! this program's output; run it again after changing their text:
//!
//! ```text
//! cargo run --example sample-galleys
//! ```
//!
//! Neither article has a Markdown body, so the search reads its PDF. Each
//! galley is a short excerpt of its article, typeset as a journal prints
//! one: a running header and the page number on every page, page labels
//! from the article's first page (`pages:` in its front matter), so the
//! file's page 3 is printed as page 27; one page in two columns; and a word
//! hyphenated across lines ("trans-shipment", "серти-фикации"). Each holds
//! a word found nowhere else on the site, which the browser suite
//! (`tests/tools/pdf-search-tests.mjs`) searches for: "transshipment" on the
//! English galley's two-column page, and "челноков" on the Russian one's,
//! which the suite finds by another form, "челноки". The text is fiction,
//! written for the sample, like the articles.
//!
//! The font is the DejaVu Sans subset the tests of `src/pdf/` embed
//! (`tests/fixtures/fonts/`): Latin and Cyrillic letters, embedded as a CID
//! font with its Unicode map.

use std::num::NonZeroU32;
use std::path::Path;

use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

const FONT: &[u8] = include_bytes!("../tests/fixtures/fonts/DejaVuSans-subset.ttf");

/// A4, in points.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
/// The text block's left edge and width.
const LEFT: f32 = 72.0;
const MEASURE: f32 = 451.0;
/// The two columns' left edges and width: a gutter of 41 points between.
const COLUMN_LEFT: [f32; 2] = [72.0, 318.0];
const COLUMN_WIDTH: f32 = 205.0;
/// Body type and its leading; the extra space between paragraphs.
const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;
const PARAGRAPH_GAP: f32 = 8.0;

/// A word written with `~` may be broken there, and is: the part before it
/// ends its line with a hyphen, the rest starts the next. The reader of
/// `src/pdf` must join the two again.
const BREAK: char = '~';

/// One part of a page, from the top.
enum Part {
    /// The article's title, in large type.
    Title(&'static str),
    /// The author's name, or the affiliation under it.
    Byline(&'static str),
    /// A section heading across the text block.
    Heading(&'static str),
    /// A paragraph of body text across the text block.
    Text(&'static str),
    /// Two columns of paragraphs, the left one read first.
    Columns(&'static [&'static str], &'static [&'static str]),
}

/// A galley: where it goes, its metadata, the header printed on every page,
/// the printed number of its first page and its pages.
struct Galley {
    path: &'static str,
    title: &'static str,
    author: &'static str,
    lang: &'static str,
    header: &'static str,
    first_page: u32,
    pages: &'static [&'static [Part]],
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for galley in [&AFGHANISTAN, &KYRGYZSTAN] {
        let bytes = write(galley);
        let path = root.join(galley.path);
        std::fs::write(&path, &bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        println!("wrote {} ({} bytes)", galley.path, bytes.len());
    }
}

/// The galley's PDF.
fn write(galley: &Galley) -> Vec<u8> {
    let font = Font::new(FONT.to_vec().into(), 0).expect("the font is a TrueType font");
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(galley.title.to_owned())
            .authors(vec![galley.author.to_owned()])
            .language(galley.lang.to_owned()),
    );
    for (i, parts) in galley.pages.iter().enumerate() {
        let number = galley.first_page + i as u32;
        let settings = PageSettings::from_wh(WIDTH, HEIGHT)
            .expect("A4 is a page size")
            .with_page_label(PageLabel::new(
                Some(NumberingStyle::Arabic),
                None,
                NonZeroU32::new(number),
            ));
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            font: &font,
        };
        pen.line(LEFT, 48.0, 8.5, galley.header);
        pen.line(WIDTH / 2.0 - 6.0, 805.0, 8.5, &number.to_string());
        let mut y = 96.0;
        for part in parts.iter() {
            y = pen.part(part, y);
        }
        assert!(
            y < 780.0,
            "page {number} of {} runs past its foot",
            galley.path
        );
        surface.finish();
        page.finish();
    }
    doc.finish().expect("krilla writes the galley")
}

/// Draws text on one page.
struct Pen<'a, 'b> {
    surface: &'a mut Surface<'b>,
    font: &'a Font,
}

impl Pen<'_, '_> {
    /// One line with its baseline at `y` from the top.
    fn line(&mut self, x: f32, y: f32, size: f32, text: &str) {
        self.surface.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// Lines of `text` wrapped to `width` from (`x`, `y`); the baseline after
    /// the last line.
    fn wrapped(
        &mut self,
        x: f32,
        mut y: f32,
        width: f32,
        size: f32,
        leading: f32,
        text: &str,
    ) -> f32 {
        for line in wrap(text, width, size) {
            self.line(x, y, size, &line);
            y += leading;
        }
        y
    }

    /// Draws a part whose first baseline is `y`; the next part's.
    fn part(&mut self, part: &Part, y: f32) -> f32 {
        match part {
            Part::Title(text) => self.wrapped(LEFT, y + 6.0, MEASURE, 16.0, 20.0, text) + 6.0,
            Part::Byline(text) => self.wrapped(LEFT, y, MEASURE, 11.0, 15.0, text) + 4.0,
            Part::Heading(text) => self.wrapped(LEFT, y + 8.0, MEASURE, 12.0, 16.0, text) + 2.0,
            Part::Text(text) => self.wrapped(LEFT, y, MEASURE, BODY, LEADING, text) + PARAGRAPH_GAP,
            Part::Columns(left, right) => {
                let mut bottom = y;
                for (x, paragraphs) in COLUMN_LEFT.into_iter().zip([left, right]) {
                    let mut at = y;
                    for text in paragraphs.iter() {
                        at = self.wrapped(x, at, COLUMN_WIDTH, BODY, LEADING, text) + PARAGRAPH_GAP;
                    }
                    bottom = bottom.max(at);
                }
                bottom
            }
        }
    }
}

/// `text` in lines no wider than `width` at type size `size`, by a
/// generous estimate of DejaVu Sans's widths (so a column never reaches
/// the gutter); a word marked with [`BREAK`] is hyphenated there.
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if let Some((head, tail)) = word.split_once(BREAK) {
            let head = format!("{head}-");
            if !line.is_empty() && wide(&line, size) + wide(&head, size) + space(size) > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&head);
            lines.push(std::mem::take(&mut line));
            line.push_str(tail);
            continue;
        }
        if !line.is_empty() && wide(&line, size) + space(size) + wide(word, size) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn space(size: f32) -> f32 {
    0.32 * size
}

/// An upper bound of the text's width in DejaVu Sans, in points.
fn wide(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| match c {
            ' ' | 'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '’' | '!' | '|' => 0.33,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | 'ш' | 'щ' | 'ж' | 'ю' | 'ы' | 'м' | 'Ш' | 'Щ' | 'Ж' | 'Ю'
            | 'Ы' | 'М' | '—' | 'æ' => 0.98,
            c if c.is_uppercase() => 0.78,
            _ => 0.66,
        })
        .sum::<f32>()
        * size
}

const AFGHANISTAN: Galley = Galley {
    path: "content/2019/1/afghanistan-northern-neighbours.pdf",
    title: "Afghanistan and Its Northern Neighbours: From Buffer to Bridge?",
    author: "Sergei N. Volkov",
    lang: "en",
    header: "Review of Eurasian Regional Studies · 2019 · Vol. 12, No. 1",
    first_page: 25,
    pages: &[
        &[
            Part::Title("Afghanistan and Its Northern Neighbours: From Buffer to Bridge?"),
            Part::Byline("Sergei N. Volkov"),
            Part::Byline("Institute of Eurasian Studies, Northbridge University (fictional)"),
            Part::Heading("Introduction"),
            Part::Text(
                "For the governments of Central Asia, Afghanistan has long been a frontier to \
                 be watched rather than a neighbour to be visited. From the Soviet withdrawal \
                 in 1989 to the end of the international coalition's combat mission in 2014, \
                 the river border along the Amu Darya was treated as a line of defence: \
                 against armed groups, against the heroin trade and against the refugees \
                 that every new round of fighting could send north.",
            ),
            Part::Text(
                "This view has not disappeared, but since the middle of the 2010s it has been \
                 joined by another. Railway lines, power lines and gas pipelines drawn on the \
                 maps of ministries in Tashkent and Ashgabat now cross the river and run \
                 south, and the same officials who speak of the threat from the south speak \
                 of Afghanistan as the shortest road from Central Asia to the ports of the \
                 Arabian Sea.",
            ),
            Part::Text(
                "The article asks how far the second view has changed what the northern \
                 neighbours actually do. It looks first at how the idea of a bridge entered \
                 official language, then at the projects that give it substance, and finally \
                 at the limits that security concerns and the unfinished peace process set \
                 to both.",
            ),
        ],
        &[
            Part::Heading("1. From buffer to bridge"),
            Part::Text(
                "In the 1990s the three states bordering Afghanistan chose different ways of \
                 living with the war. Turkmenistan declared permanent neutrality and kept \
                 open channels to whoever held Herat. Uzbekistan closed the bridge at Termez \
                 for most of the decade and supported its own clients in the north. \
                 Tajikistan, itself emerging from civil war, depended on Russian border \
                 guards to hold the river line until 2005.",
            ),
            Part::Text(
                "What these policies had in common was the wish to keep the conflict on the \
                 other bank. Trade with Afghanistan was small and largely informal, and in \
                 official statements the country appeared almost only in lists of threats. \
                 The expert literature of the time described the region as a buffer between \
                 Russia and an unstable south.",
            ),
            Part::Text(
                "The vocabulary began to change after 2016. The new leadership in Tashkent \
                 made good relations with all neighbours its first priority and counted \
                 Afghanistan among them; its diplomats hosted a conference on the peace \
                 process in 2018 and offered to bring the Afghan parties together. \
                 Ashgabat, which had long sold electricity and fuel across the border, began \
                 to present its exports as contributions to Afghan reconstruction.",
            ),
            Part::Text(
                "In both capitals the image of a bridge served more than one purpose. It \
                 spoke to donors and partners in the West and in Asia, who were looking for \
                 regional support for stability in Afghanistan; and it spoke to audiences at \
                 home, for whom the south had become a market rather than a menace.",
            ),
        ],
        &[
            Part::Heading("2. Railways, power lines and the river crossings"),
            Part::Columns(
                &[
                    "The railway from Termez across the Friendship Bridge to Hairatan and \
                     on to Mazar-i-Sharif was built by the Uzbek state railway company and \
                     opened in 2011. It was the first working railway in Afghanistan for a \
                     generation, and for several years the only one.",
                    "Its 75 kilometres follow the broad Soviet gauge, so that wagons from \
                     Central Asia can run to the end of the line without a change of \
                     bogies.",
                ],
                &[
                    "The change comes at the end of the line. At the terminal near \
                     Mazar-i-Sharif all freight is reloaded onto lorries, and the cost and \
                     delays of this trans~shipment decide whether the route can compete \
                     with the roads through Iran and Pakistan.",
                    "Uzbek planners therefore present the line as the first part of a \
                     longer railway to Kabul and Peshawar, which would carry goods to the \
                     sea without a break.",
                ],
            ),
        ],
        &[
            Part::Heading("Conclusion"),
            Part::Text(
                "The image of Afghanistan as a bridge has not replaced the image of \
                 Afghanistan as a buffer; the two live side by side in the same ministries. \
                 Tajikistan and Turkmenistan continue to spend heavily on their border \
                 forces, and every government north of the river plans for the possibility \
                 that militants will move towards it.",
            ),
            Part::Text(
                "Connectivity projects have nevertheless changed the calculations of the \
                 northern neighbours. A railway, a power line or a pipeline that crosses the \
                 river gives its owner a reason to want a settlement in Afghanistan and to \
                 talk to all Afghan parties, including those it once treated only as a \
                 threat. Whether the bridge will carry traffic in both directions depends on \
                 a peace process over which Central Asia has little influence.",
            ),
            Part::Heading("References"),
            Part::Text(
                "Buzan B., Wæver O. Regions and Powers: The Structure of International \
                 Security. Cambridge: Cambridge University Press, 2003. 564 p.",
            ),
            Part::Text(
                "Levchenko O., Seitkali D. Turkmen Gas and the Limits of Diversification. \
                 Review of Eurasian Regional Studies. 2017. Vol. 10, no. 1, pp. 23-37.",
            ),
        ],
    ],
};

const KYRGYZSTAN: Galley = Galley {
    path: "content/2019/1/kyrgyzstan-eaeu.pdf",
    title: "Кыргызстан в Евразийском экономическом союзе: итоги первых лет членства",
    author: "Бакыт Токтогулович Осмонов",
    lang: "ru",
    header: "Обозрение евразийских региональных исследований · 2019 · Т. 12, № 1",
    first_page: 41,
    pages: &[
        &[
            Part::Title("Кыргызстан в Евразийском экономическом союзе: итоги первых лет членства"),
            Part::Byline("Б. Т. Осмонов"),
            Part::Byline("Университет долины Ала-Тоо (вымышленный)"),
            Part::Heading("Введение"),
            Part::Text(
                "Двенадцатого августа 2015 г. Кыргызстан стал полноправным членом \
                 Евразийского экономического союза. Решение о вступлении обсуждалось в \
                 республике несколько лет и далось нелегко: сторонники союза обещали \
                 открытые рынки и защиту трудовых мигрантов, противники предупреждали о \
                 росте цен и потере доходов от транзитной торговли.",
            ),
            Part::Text(
                "Прошедшие годы позволяют сравнить эти ожидания с тем, что произошло на \
                 деле. В статье рассматриваются три области, в которых последствия членства \
                 заметнее всего: внешняя торговля, положение граждан республики на рынках \
                 труда союза и работа пограничных и таможенных служб.",
            ),
            Part::Text(
                "Источниками служат данные Национального статистического комитета \
                 Кыргызской Республики и Евразийской экономической комиссии, а также беседы \
                 автора с предпринимателями и работниками таможни в Бишкеке и Оше.",
            ),
        ],
        &[
            Part::Heading("1. Рынки и границы"),
            Part::Columns(
                &[
                    "До вступления в союз заметную часть доходов республики приносил \
                     реэкспорт китайских товаров. Одежда, обувь и бытовая техника, \
                     ввезённые по низким пошлинам, расходились с рынков Бишкека и Кара-Суу \
                     по всей Центральной Азии и России.",
                    "Этим занимались тысячи мелких торговцев, так называемых челноков, \
                     возивших товар в клетчатых сумках и на арендованных грузовиках.",
                ],
                &[
                    "С переходом на единый таможенный тариф союза пошлины на китайские \
                     товары выросли, и реэкспорт стал приносить меньше. Часть торговцев \
                     занялась пошивом одежды на месте, часть уехала на заработки в Россию \
                     и Казахстан.",
                    "Зато отпали досмотры на границе с Казахстаном: грузы из Кыргызстана \
                     идут на север без таможенного оформления.",
                ],
            ),
        ],
        &[
            Part::Heading("2. Труд и стандарты"),
            Part::Text(
                "Главным выигрышем от членства стал свободный доступ граждан Кыргызстана к \
                 рынкам труда России и Казахстана. Мигрантам больше не нужны патенты на \
                 работу, а их стаж учитывается так же, как стаж местных работников. \
                 Денежные переводы из России остаются важнейшим источником доходов многих \
                 семей.",
            ),
            Part::Text(
                "Рост экспорта оказался скромнее ожиданий. Продукция животноводства должна \
                 отвечать ветеринарным и фитосанитарным требованиям союза, а лаборатории, \
                 способные выдать нужные документы, проходили аккредитацию медленно. Пока \
                 процедура серти~фикации не завершена, мясо и молоко из республики не могут \
                 продаваться в других странах союза.",
            ),
            Part::Heading("Заключение"),
            Part::Text(
                "Споры на кыргызско-казахстанской границе осенью 2017 г., когда очереди \
                 грузовиков стояли на переходах неделями, показали, что механизмы союза \
                 пока плохо защищают интересы малых участников. Тем не менее выход из союза \
                 в республике всерьёз не обсуждается: слишком многое теперь зависит от \
                 открытых рынков труда.",
            ),
        ],
    ],
};

//! The country gazetteer: ISO 3166-1 countries, their names in many spellings
//! and their UN M49 regions.
//!
//! The data is `countries.tsv` beside this file, generated from CLDR and
//! Debian's iso-codes by `tools/gazetteer/generate.py` (its README says how
//! and why), with the hand-kept `variants.tsv` merged in. It is embedded in
//! the binary and parsed once, on first use; the fields of every [`Country`]
//! are slices of the embedded text.
//!
//! Matching is always on the whole text after [`normalise`]: a keyword names
//! a country only when all of it is one of that country's names ("Georgian
//! politics" names nothing). The generator guarantees that no two countries
//! share a name: a name two sources give to different countries ("Congo") is
//! dropped from both. Codes are a separate way in ([`Gazetteer::by_code`]),
//! so a keyword "IR" or "AI" stays an abbreviation; "US" and "USA" still
//! match as keywords because they are also names (CLDR's short name, and the
//! hand-kept abbreviation).
//!
//! Countries and regions also have a Russian name, for the pages of the
//! Russian tree ([`Country::name_in`], [`Region::name_in`]); slugs come from
//! the English names in both trees.
//!
//! A few names are also ordinary words or people's names; they are found by
//! [`Gazetteer::by_name`] (an editor who writes one in `countries` means the
//! country) but never by [`Gazetteer::from_keyword`]: see
//! [`AMBIGUOUS_KEYWORDS`].

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The generated table: a header line, then one line per country by alpha-2
/// code. Columns: alpha2, alpha3, numeric, name, region_code, region_name,
/// variants (joined with `|`), name_ru, region_name_ru.
const COUNTRIES_TSV: &str = include_str!("countries.tsv");

/// Names that are a country's but are not matched from keywords, each with
/// the reason, in their normalised form.
///
/// The rule: a name is here when a keyword of exactly that text would, in
/// this journal, as likely mean something else, a person or a thing or a
/// region, and the country has other names that say it unambiguously
/// ("Hashemite Kingdom of Jordan", "Иордания"). Kept out on purpose:
/// "Georgia" (the content format says it is the country), "Turkey" (CLDR's
/// variant of Türkiye, the content format's example; in this journal never
/// the bird), "China", "Japan", "Chile", "Guinea", "Morocco" (ordinary
/// words only in lowercase senses no keyword has), "Israel", "India",
/// "Kenya" (given names, but the country is what a keyword means), "US" (no
/// keyword is the pronoun).
pub const AMBIGUOUS_KEYWORDS: &[(&str, &str)] = &[
    ("chad", "TD: a given name, and an ordinary word"),
    ("чад", "TD in Russian: also an ordinary word (fumes)"),
    ("jordan", "JO: a given name and surname, and the river"),
    ("maurice", "MU in French: a given name"),
    (
        "jersey",
        "JE: an ordinary word (the garment), and short for New Jersey",
    ),
    (
        "джерси",
        "JE in Russian: also an ordinary word (the fabric)",
    ),
    ("того", "TG in Russian: also an everyday word (\"of that\")"),
    (
        "reunion",
        "RE: Réunion without its accent is an ordinary word",
    ),
    (
        "island",
        "IS: Icelandic Ísland without its accent is an ordinary word",
    ),
    (
        "macedonia",
        "MK before 2019: also the Greek region and the historical one",
    ),
    (
        "македония",
        "MK before 2019, in Russian: also the Greek region",
    ),
    ("micronesia", "FM: also the Pacific region of that name"),
];

/// A UN M49 region: the sub-region (or, in Sub-Saharan Africa and Latin
/// America, the intermediate region) directly above a country in CLDR's
/// containment tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    /// The M49 code, three digits: `143`.
    pub code: &'static str,
    /// CLDR's English name: `Central Asia`.
    pub name: &'static str,
    /// CLDR's Russian name: `Центральная Азия`.
    pub name_ru: &'static str,
}

impl Region {
    /// Its name in `lang`, an ISO 639-1 code: Russian for `ru`, English
    /// otherwise.
    pub fn name_in(&self, lang: &str) -> &'static str {
        if is_russian(lang) {
            self.name_ru
        } else {
            self.name
        }
    }
}

/// An ISO 3166-1 country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// The alpha-2 code, uppercase: `KZ`.
    pub alpha2: &'static str,
    /// The alpha-3 code, uppercase: `KAZ`.
    pub alpha3: &'static str,
    /// The numeric code: 398 (written `398`, or `004` for 4).
    pub numeric: u16,
    /// The name pages show: CLDR's English name (`Russia`, `Türkiye`,
    /// `South Korea`), its short form for four whose standard name carries a
    /// qualifier (`Hong Kong`, `Macao`, `Myanmar`, `Palestine`).
    pub name: &'static str,
    /// The name pages of the Russian tree show: CLDR's Russian name
    /// (`Казахстан`, `Киргизия`), its short form for the three whose English
    /// name is the short one and that have a Russian short form (`Гонконг`,
    /// `Макао`, `Палестина`). Always one of the country's names.
    pub name_ru: &'static str,
    /// The M49 region; `None` only for Antarctica, which M49 puts in none.
    pub region: Option<Region>,
}

impl Country {
    /// Its name in `lang`, an ISO 639-1 code: [`Country::name_ru`] for `ru`,
    /// the English [`Country::name`] otherwise. Slugs come from `name` in
    /// every language.
    pub fn name_in(&self, lang: &str) -> &'static str {
        if is_russian(lang) {
            self.name_ru
        } else {
            self.name
        }
    }

    /// Its region's name in `lang` ([`Region::name_in`]); `None` for
    /// Antarctica.
    pub fn region_name_in(&self, lang: &str) -> Option<&'static str> {
        self.region.map(|r| r.name_in(lang))
    }
}

/// The language of the names [`Country::name_in`] and [`Region::name_in`]
/// give for `lang`: `ru` for Russian, `en` for every other language.
pub fn names_language(lang: &str) -> &'static str {
    if is_russian(lang) {
        "ru"
    } else {
        "en"
    }
}

/// Whether `lang` is Russian: `ru`, in any case, also with a region
/// (`ru-RU`).
fn is_russian(lang: &str) -> bool {
    let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("ru")
}

/// The countries and their names, indexed. Get it with [`Gazetteer::get`].
#[derive(Debug)]
pub struct Gazetteer {
    countries: Vec<Country>,
    /// Lowercase alpha-2 and alpha-3 code -> index into `countries`.
    codes: HashMap<String, usize>,
    /// Normalised name -> index into `countries`.
    names: HashMap<String, usize>,
    /// The same names in table order, for deterministic suggestions.
    name_list: Vec<(String, usize)>,
    /// Every region that has a country, by name.
    regions: Vec<Region>,
    /// The regions' English and Russian names normalised, each with its
    /// region's index: compared with every keyword of every article, so
    /// made once.
    region_keys: HashMap<String, usize>,
}

impl Gazetteer {
    /// The gazetteer, parsed from the embedded table on first use.
    pub fn get() -> &'static Gazetteer {
        static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
        GAZETTEER.get_or_init(|| Gazetteer::parse(COUNTRIES_TSV))
    }

    /// Every country, by alpha-2 code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this alpha-2 or alpha-3 code, in any case (`kz`,
    /// `KAZ`); surrounding white space is ignored. Numeric codes are not
    /// accepted.
    pub fn by_code(&self, code: &str) -> Option<&Country> {
        let code = code.trim();
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        self.codes
            .get(&code.to_ascii_lowercase())
            .map(|&i| &self.countries[i])
    }

    /// The country one of whose names is `name` after [`normalise`]: English
    /// (CLDR, ISO, common variants), Russian, or a local language. Codes are
    /// not names: use [`Gazetteer::by_code`] for those.
    pub fn by_name(&self, name: &str) -> Option<&Country> {
        self.names
            .get(&normalise(name))
            .map(|&i| &self.countries[i])
    }

    /// The country a keyword names: like [`Gazetteer::by_name`], except that
    /// the names in [`AMBIGUOUS_KEYWORDS`] name nothing. Never a code.
    pub fn from_keyword(&self, keyword: &str) -> Option<&Country> {
        let key = normalise(keyword);
        if AMBIGUOUS_KEYWORDS.iter().any(|(name, _)| *name == key) {
            return None;
        }
        self.names.get(&key).map(|&i| &self.countries[i])
    }

    /// The country whose name is closest to `text`, for "did you mean":
    /// optimal string alignment distance between normalised forms, within a
    /// third of the text's length (at least 1), ties to the earlier country
    /// by code. `None` when nothing is that close.
    pub fn suggest(&self, text: &str) -> Option<&Country> {
        let key = normalise(text);
        if key.is_empty() {
            return None;
        }
        let limit = (key.chars().count() / 3).max(1);
        self.name_list
            .iter()
            .map(|(name, i)| (strsim::osa_distance(&key, name), *i))
            .filter(|(distance, _)| *distance <= limit)
            .min_by_key(|&(distance, i)| (distance, i))
            .map(|(_, i)| &self.countries[i])
    }

    /// Every region that has a country, by name.
    pub fn regions(&self) -> Vec<Region> {
        self.regions.clone()
    }

    /// The region with this English or Russian name, after [`normalise`]:
    /// `Central Asia`, `central asia`, `Центральная Азия`. A keyword names
    /// a region as it names a country, in either language.
    pub fn region_by_name(&self, name: &str) -> Option<Region> {
        self.region_keys
            .get(&normalise(name))
            .map(|&i| self.regions[i])
    }

    /// The region with this M49 code: `143`.
    pub fn region_by_code(&self, code: &str) -> Option<Region> {
        self.regions.iter().find(|r| r.code == code.trim()).copied()
    }

    /// Parses the table. The table is generated and embedded, so a malformed
    /// line is a build mistake, never input: it panics, and the tests parse
    /// it.
    fn parse(tsv: &'static str) -> Gazetteer {
        let mut countries = Vec::new();
        let mut codes = HashMap::new();
        let mut names = HashMap::new();
        let mut name_list = Vec::new();
        let mut regions: Vec<Region> = Vec::new();
        for line in tsv.lines().skip(1).filter(|l| !l.is_empty()) {
            let cells: Vec<&'static str> = line.split('\t').collect();
            let [alpha2, alpha3, numeric, name, region_code, region_name, variants, name_ru, region_name_ru] =
                cells[..]
            else {
                panic!("countries.tsv: want 9 cells in {line:?}");
            };
            let region = (!region_code.is_empty()).then_some(Region {
                code: region_code,
                name: region_name,
                name_ru: region_name_ru,
            });
            if let Some(region) = region {
                if !regions.contains(&region) {
                    regions.push(region);
                }
            }
            let index = countries.len();
            countries.push(Country {
                alpha2,
                alpha3,
                numeric: numeric
                    .parse()
                    .expect("countries.tsv: numeric codes are digits"),
                name,
                name_ru,
                region,
            });
            codes.insert(alpha2.to_ascii_lowercase(), index);
            codes.insert(alpha3.to_ascii_lowercase(), index);
            for variant in variants.split('|').chain([name, name_ru]) {
                let key = normalise(variant);
                if !key.is_empty() && !names.contains_key(&key) {
                    names.insert(key.clone(), index);
                    name_list.push((key, index));
                }
            }
        }
        regions.sort_by(|a, b| a.name.cmp(b.name));
        let region_keys = regions
            .iter()
            .enumerate()
            .flat_map(|(i, r)| [(normalise(r.name), i), (normalise(r.name_ru), i)])
            .collect();
        Gazetteer {
            countries,
            codes,
            names,
            name_list,
            regions,
            region_keys,
        }
    }
}

/// The form in which names are compared.
///
/// Lowercase; diacritics folded (the combining marks U+0300 to U+036F are
/// dropped after canonical decomposition, so "Türkiye" and "Turkiye",
/// "Réunion" and "Reunion", "Соединённые" and "Соединенные" are one; the
/// marks of other scripts stay); NFC; every apostrophe-like character
/// (’ ‘ ʻ ʼ ` ´ ʹ ʽ ′) made `'` and every dash-like one (‐ ‑ ‒ – — −) made
/// `-`; runs of white space made one space; trimmed. The generator applies
/// the same function to find names two countries share.
pub fn normalise(text: &str) -> String {
    if text.is_ascii() {
        // Decomposing, dropping marks and composing again change no ASCII
        // text: what is left is case, the backtick and white space. Most
        // keywords are ASCII, and every keyword is looked up twice.
        let mut out = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.bytes().map(|b| match b {
                b'`' => '\'',
                b => char::from(b.to_ascii_lowercase()),
            }));
        }
        return out;
    }
    fold(text)
}

/// [`normalise`] for any text, by its definition.
fn fold(text: &str) -> String {
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .nfc()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{2bb}' | '\u{2bc}' | '`' | '\u{b4}' | '\u{2b9}'
            | '\u{2bd}' | '\u{2032}' => '\'',
            '\u{2010}'..='\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;

    /// The hand-kept list the generator merged into `countries.tsv`.
    const VARIANTS_TSV: &str = include_str!("variants.tsv");

    fn code_of(found: Option<&Country>) -> Option<&'static str> {
        found.map(|c| c.alpha2)
    }

    fn g() -> &'static Gazetteer {
        Gazetteer::get()
    }

    #[test]
    fn table_is_whole_and_in_order() {
        let countries = g().countries();
        assert_eq!(countries.len(), 249);
        assert!(countries.windows(2).all(|w| w[0].alpha2 < w[1].alpha2));
        let kz = g().by_code("KZ").unwrap();
        assert_eq!((kz.alpha3, kz.numeric, kz.name), ("KAZ", 398, "Kazakhstan"));
        assert_eq!(g().by_code("AF").unwrap().numeric, 4);
    }

    #[test]
    fn codes_in_any_case_and_alpha3() {
        for code in ["KZ", "kz", "Kz", "KAZ", "kaz", " kz "] {
            assert_eq!(code_of(g().by_code(code)), Some("KZ"), "{code}");
        }
        assert_eq!(code_of(g().by_code("GBR")), Some("GB"));
        assert_eq!(code_of(g().by_code("ir")), Some("IR"));
        for code in ["", "K", "KAZA", "398", "XX", "Kazakhstan", "К"] {
            assert_eq!(g().by_code(code), None, "{code}");
        }
    }

    #[test]
    fn names_in_english_russian_and_local_languages() {
        let cases = [
            ("Kazakhstan", "KZ"),
            ("Казахстан", "KZ"),
            ("Қазақстан", "KZ"),
            ("Qazaqstan", "KZ"),
            ("Россия", "RU"),
            ("Российская Федерация", "RU"),
            ("Russian Federation", "RU"),
            ("Киргизия", "KG"),
            ("Кыргызстан", "KG"),
            ("Kirghizia", "KG"),
            ("Kirgizia", "KG"),
            ("Kyrgyz Republic", "KG"),
            ("Oʻzbekiston", "UZ"),
            ("O'zbekiston", "UZ"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("Turkiye", "TR"),
            ("TÜRKİYE", "TR"),
            ("Турция", "TR"),
            ("South Korea", "KR"),
            ("Republic of Korea", "KR"),
            ("Korea, Republic of", "KR"),
            ("Côte d'Ivoire", "CI"),
            ("Côte d’Ivoire", "CI"),
            ("Cote d'Ivoire", "CI"),
            ("Ivory Coast", "CI"),
            ("North Macedonia", "MK"),
            ("Czechia", "CZ"),
            ("Czech Republic", "CZ"),
            ("Iran (Islamic Republic of)", "IR"),
            ("Islamic Republic of Iran", "IR"),
            ("USA", "US"),
            ("United States of America", "US"),
            ("США", "US"),
            ("Соединённые Штаты", "US"),
            ("PRC", "CN"),
            ("People's Republic of China", "CN"),
            ("Georgia", "GE"),
            ("საქართველო", "GE"),
            ("Byelorussia", "BY"),
            ("Белоруссия", "BY"),
            ("Swaziland", "SZ"),
            ("Burma", "MM"),
            ("Democratic Republic of the Congo", "CD"),
            ("Bosnia and Herzegovina", "BA"),
            ("  united   kingdom ", "GB"),
        ];
        for (name, code) in cases {
            assert_eq!(code_of(g().by_name(name)), Some(code), "{name}");
            assert_eq!(code_of(g().from_keyword(name)), Some(code), "{name}");
        }
    }

    #[test]
    fn only_whole_names_match() {
        for text in [
            "Georgian politics",
            "Central Asia",
            "Kazakhstan's foreign policy",
            "Russia and China",
            "Korea",
            "Congo",
            "Конго",
            "",
            "   ",
        ] {
            assert_eq!(g().by_name(text), None, "{text}");
            assert_eq!(g().from_keyword(text), None, "{text}");
        }
    }

    #[test]
    fn codes_are_not_names() {
        for code in ["IR", "AI", "KZ", "kaz", "GBR", "RUS"] {
            assert_eq!(g().by_name(code), None, "{code}");
            assert_eq!(g().from_keyword(code), None, "{code}");
        }
        // These two are names too (CLDR's short name, a hand-kept variant).
        assert_eq!(code_of(g().from_keyword("US")), Some("US"));
        assert_eq!(code_of(g().from_keyword("USA")), Some("US"));
    }

    #[test]
    fn ambiguous_names_only_by_name() {
        for (name, why) in AMBIGUOUS_KEYWORDS {
            assert_eq!(normalise(name), *name, "{name} is not in normalised form");
            let country = g().by_name(name);
            assert!(country.is_some(), "{name} ({why}) is no country's name");
            assert_eq!(g().from_keyword(name), None, "{name}");
            assert!(why.starts_with(country.unwrap().alpha2), "{name}: {why}");
        }
        assert_eq!(code_of(g().from_keyword("Réunion")), None);
        assert_eq!(code_of(g().from_keyword("Jordan")), None);
        assert_eq!(
            code_of(g().from_keyword("Hashemite Kingdom of Jordan")),
            Some("JO")
        );
        assert_eq!(code_of(g().from_keyword("Republic of Chad")), Some("TD"));
        assert_eq!(code_of(g().from_keyword("Iceland")), Some("IS"));
        assert_eq!(code_of(g().from_keyword("La Réunion")), Some("RE"));
    }

    #[test]
    fn no_name_belongs_to_two_countries() {
        let mut owner: HashMap<String, &str> = HashMap::new();
        for line in COUNTRIES_TSV.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            for variant in cells[6].split('|').chain([cells[3], cells[7]]) {
                let key = normalise(variant);
                if let Some(other) = owner.insert(key.clone(), cells[0]) {
                    assert_eq!(
                        other, cells[0],
                        "{variant:?} names {other} and {}",
                        cells[0]
                    );
                }
            }
        }
    }

    #[test]
    fn hand_kept_variants_are_in_the_table() {
        for line in VARIANTS_TSV.lines() {
            if line.starts_with('#') || line.starts_with("code\t") || line.is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 3, "variants.tsv: {line:?}");
            let found = code_of(g().by_name(cells[1]));
            if cells[0] == "-" {
                assert_eq!(found, None, "blocked {:?} is in countries.tsv", cells[1]);
            } else {
                assert_eq!(
                    found,
                    Some(cells[0]),
                    "{:?} is not in countries.tsv: run tools/gazetteer/generate.py",
                    cells[1]
                );
            }
        }
    }

    #[test]
    fn display_names_and_slugs() {
        let cases = [
            ("RU", "Russia", "russia"),
            ("TR", "Türkiye", "turkiye"),
            ("KR", "South Korea", "south-korea"),
            ("US", "United States", "united-states"),
            ("KG", "Kyrgyzstan", "kyrgyzstan"),
            ("KZ", "Kazakhstan", "kazakhstan"),
            ("HK", "Hong Kong", "hong-kong"),
            ("MM", "Myanmar", "myanmar"),
        ];
        for (code, name, slug) in cases {
            let country = g().by_code(code).unwrap();
            assert_eq!(country.name, name);
            assert_eq!(Slug::from_text(country.name).unwrap().as_str(), slug);
        }
        let mut slugs: Vec<String> = g()
            .countries()
            .iter()
            .map(|c| Slug::from_text(c.name).unwrap().to_string())
            .collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(
            slugs.len(),
            g().countries().len(),
            "two countries share a slug"
        );
    }

    #[test]
    fn regions() {
        for code in ["KZ", "KG", "TJ", "TM", "UZ"] {
            let region = g().by_code(code).unwrap().region.unwrap();
            assert_eq!(
                (region.code, region.name),
                ("143", "Central Asia"),
                "{code}"
            );
        }
        let members: Vec<&str> = g()
            .countries()
            .iter()
            .filter(|c| c.region.is_some_and(|r| r.code == "143"))
            .map(|c| c.alpha2)
            .collect();
        assert_eq!(members, ["KG", "KZ", "TJ", "TM", "UZ"]);
        let region_of = |code| g().by_code(code).unwrap().region.unwrap().name;
        assert_eq!(region_of("RU"), "Eastern Europe");
        assert_eq!(region_of("GE"), "Western Asia");
        assert_eq!(region_of("AF"), "Southern Asia");
        assert_eq!(region_of("MN"), "Eastern Asia");
        let without: Vec<&str> = g()
            .countries()
            .iter()
            .filter(|c| c.region.is_none())
            .map(|c| c.alpha2)
            .collect();
        assert_eq!(without, ["AQ"]);
    }

    #[test]
    fn names_in_russian() {
        let cases = [
            ("KZ", "Казахстан"),
            // CLDR's standard; "Кыргызстан" is a variant, matched too.
            ("KG", "Киргизия"),
            ("UZ", "Узбекистан"),
            ("TJ", "Таджикистан"),
            ("TM", "Туркменистан"),
            ("GE", "Грузия"),
            ("AM", "Армения"),
            ("AZ", "Азербайджан"),
            ("RU", "Россия"),
            ("BY", "Беларусь"),
            ("UA", "Украина"),
            ("MD", "Молдова"),
            ("TR", "Турция"),
            // The Russian short forms, as in English.
            ("HK", "Гонконг"),
            ("PS", "Палестина"),
            // No Russian short form: the standard name.
            ("MM", "Мьянма (Бирма)"),
        ];
        for (code, name) in cases {
            let country = g().by_code(code).unwrap();
            assert_eq!(country.name_ru, name, "{code}");
            for lang in ["ru", "RU", "ru-RU", "ru_KZ"] {
                assert_eq!(country.name_in(lang), name, "{code} in {lang}");
            }
            for lang in ["en", "kk", "", "rus", "ur"] {
                assert_eq!(country.name_in(lang), country.name, "{code} in {lang}");
            }
        }
        assert_eq!(code_of(g().by_name("Кыргызстан")), Some("KG"));
    }

    #[test]
    fn russian_names_are_names_of_their_country() {
        for line in COUNTRIES_TSV.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            let keys: Vec<String> = cells[6].split('|').map(normalise).collect();
            assert!(
                keys.contains(&normalise(cells[7])),
                "{}: {:?} is not in its variants",
                cells[0],
                cells[7]
            );
        }
        for country in g().countries() {
            assert!(!country.name_ru.is_empty(), "{}", country.alpha2);
            assert_eq!(
                code_of(g().by_name(country.name_ru)),
                Some(country.alpha2),
                "{}",
                country.name_ru
            );
        }
    }

    #[test]
    fn regions_in_russian() {
        let cases = [
            ("KZ", "Central Asia", "Центральная Азия"),
            ("RU", "Eastern Europe", "Восточная Европа"),
            ("GE", "Western Asia", "Западная Азия"),
            ("AF", "Southern Asia", "Южная Азия"),
            ("MN", "Eastern Asia", "Восточная Азия"),
        ];
        for (code, en, ru) in cases {
            let country = g().by_code(code).unwrap();
            assert_eq!(country.region_name_in("ru"), Some(ru), "{code}");
            assert_eq!(country.region_name_in("en"), Some(en), "{code}");
            assert_eq!(country.region.unwrap().name_in("ru"), ru, "{code}");
        }
        assert_eq!(
            g().region_by_code("151").unwrap().name_ru,
            "Восточная Европа"
        );
        assert_eq!(g().by_code("AQ").unwrap().region_name_in("ru"), None);
        let regions = g().regions();
        let mut names: Vec<&str> = regions.iter().map(|r| r.name_ru).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(
            names.len(),
            regions.len(),
            "two regions share a Russian name"
        );
        for region in &regions {
            assert!(!region.name_ru.is_empty(), "{region:?}");
            assert_eq!(
                g().by_name(region.name_ru),
                None,
                "{region:?} is also a country"
            );
        }
    }

    #[test]
    fn regions_by_name_and_code() {
        let central = g().region_by_name("central asia").unwrap();
        assert_eq!(central.code, "143");
        assert_eq!(g().region_by_name("  Central   Asia "), Some(central));
        assert_eq!(g().region_by_code("143"), Some(central));
        assert_eq!(g().region_by_name("Центральная  азия"), Some(central));
        assert_eq!(
            g().region_by_name("Южная Европа").map(|r| r.name),
            Some("Southern Europe")
        );
        assert_eq!(g().region_by_name("Central Asian"), None);
        assert_eq!(g().region_by_name("Kazakhstan"), None);
        assert_eq!(g().region_by_code("QO"), None);
        let regions = g().regions();
        assert!(regions.windows(2).all(|w| w[0].name < w[1].name));
        assert!(regions.contains(&central));
        for region in &regions {
            assert_eq!(region.code.len(), 3, "{region:?}");
            assert!(g().countries().iter().any(|c| c.region == Some(*region)));
            assert_eq!(
                g().by_name(region.name),
                None,
                "{region:?} is also a country"
            );
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(code_of(g().suggest("Kazahstan")), Some("KZ"));
        assert_eq!(code_of(g().suggest("Kyrgystan")), Some("KG"));
        assert_eq!(code_of(g().suggest("Uzbekstan")), Some("UZ"));
        assert_eq!(code_of(g().suggest("Rusia")), Some("RU"));
        assert_eq!(code_of(g().suggest("Kazakhstan")), Some("KZ"));
        assert_eq!(g().suggest("Atlantis"), None);
        assert_eq!(g().suggest(""), None);
    }

    #[test]
    fn ascii_text_normalises_as_any_text_does() {
        for text in [
            "  Central   Asia ",
            "Cote d`Ivoire",
            "UNITED\tKINGDOM\u{b}of\x0cGreat\r\nBritain",
            "",
            " \t ",
            "a-b_c.d'e\"f`",
        ] {
            assert_eq!(normalise(text), fold(text), "{text:?}");
        }
        let every: String = (0u8..128).map(char::from).collect();
        assert_eq!(normalise(&every), fold(&every));
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalise("  Côte d’Ivoire "), "cote d'ivoire");
        assert_eq!(normalise("Oʻzbekiston"), "o'zbekiston");
        assert_eq!(normalise("Guinea\u{2013}Bissau"), "guinea-bissau");
        assert_eq!(normalise("Türkiye"), normalise("TURKIYE"));
        assert_eq!(normalise("Соединённые\tШтаты"), "соединенные штаты");
        // NFD input is the same as NFC input.
        assert_eq!(normalise("Tu\u{308}rkiye"), "turkiye");
        // Marks outside the Latin/Greek/Cyrillic block stay.
        assert_eq!(normalise("भारत"), "भारत");
    }
}

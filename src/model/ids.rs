//! Identifiers parsed at the boundary: DOI, ORCID iD, ISSN, page ranges,
//! language codes, licences, e-mail addresses.
//!
//! Each type's `FromStr` is the only way to make one, so a value that got
//! past parsing is valid. Each has its own error enum, one variant per
//! problem, whose display text is the message editors read.

use std::fmt;
use std::str::FromStr;

/// A DOI such as `10.24833/2071-8160-2018-4-61-78-91`, without any resolver prefix.
///
/// DOIs are case-insensitive: [`Doi::key`] is the form to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doi(String);

impl Doi {
    /// The DOI as written (prefix/suffix).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The lowercase form, for uniqueness checks.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The `https://doi.org/` address, with the characters that URLs reserve escaped.
    pub fn url(&self) -> String {
        let mut url = String::from("https://doi.org/");
        for c in self.0.chars() {
            match c {
                '#' | '?' | '%' | '"' | '<' | '>' | ' ' | '{' | '}' | '^' | '`' | '|' | '\\' => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        url.push_str(&format!("%{b:02X}"));
                    }
                }
                c => url.push(c),
            }
        }
        url
    }

    /// The registrant prefix, `10.24833`.
    pub fn prefix(&self) -> &str {
        self.0.split_once('/').map_or(&self.0, |(p, _)| p)
    }
}

/// Why a text is not a [`Doi`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoiError {
    /// No `/` between prefix and suffix.
    #[error("a DOI has a prefix and a suffix separated by `/`")]
    NoSlash,
    /// The prefix does not start with `10.`.
    #[error("a DOI starts with `10.`")]
    NotTen,
    /// The registrant code after `10.` is not dotted digits, the first part at least four long.
    #[error("the part after `10.` must be a registrant code of at least four digits")]
    Registrant,
    /// Nothing after the `/`.
    #[error("the DOI's suffix after `/` is empty")]
    EmptySuffix,
    /// The suffix holds a space or a control character.
    #[error("the DOI's suffix contains {0:?}, which a DOI cannot hold")]
    SuffixChar(char),
}

impl FromStr for Doi {
    type Err = DoiError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        let mut rest = s;
        for prefix in [
            "https://doi.org/",
            "http://doi.org/",
            "https://dx.doi.org/",
            "http://dx.doi.org/",
            "doi:",
        ] {
            if lower.starts_with(prefix) {
                rest = s[prefix.len()..].trim_start();
                break;
            }
        }
        let Some((prefix, suffix)) = rest.split_once('/') else {
            return Err(DoiError::NoSlash);
        };
        let registrant = prefix.strip_prefix("10.").ok_or(DoiError::NotTen)?;
        let digits_ok = !registrant.is_empty()
            && registrant
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
            && registrant.split('.').next().is_some_and(|p| p.len() >= 4);
        if !digits_ok {
            return Err(DoiError::Registrant);
        }
        if suffix.is_empty() {
            return Err(DoiError::EmptySuffix);
        }
        if let Some(c) = suffix.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(DoiError::SuffixChar(c));
        }
        Ok(Doi(rest.to_string()))
    }
}

impl fmt::Display for Doi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ORCID iD, `0000-0002-1825-0097`, with a valid ISO 7064 11-2 check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Orcid(String);

impl Orcid {
    /// The 16-character iD with hyphens and an uppercase `X`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `https://orcid.org/0000-0002-1825-0097`.
    pub fn url(&self) -> String {
        format!("https://orcid.org/{}", self.0)
    }
}

/// The ISO 7064 MOD 11-2 check character of `digits`.
fn mod11_2(digits: &[u32]) -> char {
    let total = digits.iter().fold(0, |acc, d| (acc + d) * 2);
    match (12 - total % 11) % 11 {
        10 => 'X',
        n => char::from_digit(n, 10).expect("n < 10"),
    }
}

/// Why a text is not an [`Orcid`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrcidError {
    /// Not four groups of four characters.
    #[error("an ORCID iD is four groups of four digits, like 0000-0002-1825-0097")]
    Shape,
    /// A character other than a digit before the last.
    #[error("an ORCID iD has digits only, except a final X")]
    NotDigit,
    /// The last character is neither a digit nor `X`.
    #[error("an ORCID iD ends in a digit or X")]
    LastChar,
    /// The check character does not match the digits before it.
    #[error("the check digit is {found} but the digits before it give {expected}")]
    CheckDigit {
        /// The check character written.
        found: char,
        /// The one the digits give.
        expected: char,
    },
}

impl FromStr for Orcid {
    type Err = OrcidError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let id = ["https://orcid.org/", "http://orcid.org/", "orcid.org/"]
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .unwrap_or(s);
        let groups: Vec<&str> = id.split('-').collect();
        let shape_ok = groups.len() == 4 && groups.iter().all(|g| g.len() == 4);
        let chars: Vec<char> = id.chars().filter(|c| *c != '-').collect();
        if !shape_ok || chars.len() != 16 {
            return Err(OrcidError::Shape);
        }
        let mut digits = Vec::with_capacity(15);
        for c in &chars[..15] {
            digits.push(c.to_digit(10).ok_or(OrcidError::NotDigit)?);
        }
        let last = chars[15].to_ascii_uppercase();
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(OrcidError::LastChar);
        }
        let expected = mod11_2(&digits);
        if last != expected {
            return Err(OrcidError::CheckDigit {
                found: last,
                expected,
            });
        }
        Ok(Orcid(id.to_ascii_uppercase()))
    }
}

impl fmt::Display for Orcid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISSN, `2071-8160`, with a valid check digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issn(String);

impl Issn {
    /// `NNNN-NNNC` with an uppercase `X`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a text is not an [`Issn`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IssnError {
    /// Not nine characters with a `-` in the middle.
    #[error("an ISSN is written NNNN-NNNN, like 2071-8160")]
    Shape,
    /// A character other than a digit before the last.
    #[error("an ISSN has digits only, except a final X")]
    NotDigit,
    /// The last character is neither a digit nor `X`.
    #[error("an ISSN ends in a digit or X")]
    LastChar,
    /// The check character does not match the digits before it.
    #[error("the check digit is {found} but the digits before it give {expected}")]
    CheckDigit {
        /// The check character written.
        found: char,
        /// The one the digits give.
        expected: char,
    },
}

impl FromStr for Issn {
    type Err = IssnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 9 || chars[4] != '-' {
            return Err(IssnError::Shape);
        }
        let mut sum = 0;
        for (i, c) in chars.iter().filter(|c| **c != '-').take(7).enumerate() {
            let d = c.to_digit(10).ok_or(IssnError::NotDigit)?;
            sum += d * (8 - i as u32);
        }
        let expected = match (11 - sum % 11) % 11 {
            10 => 'X',
            n => char::from_digit(n, 10).expect("n < 10"),
        };
        let last = chars[8].to_ascii_uppercase();
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(IssnError::LastChar);
        }
        if last != expected {
            return Err(IssnError::CheckDigit {
                found: last,
                expected,
            });
        }
        Ok(Issn(s.to_ascii_uppercase()))
    }
}

impl fmt::Display for Issn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The pages of an article: `78-91`, `78–91` or a single page `5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageRange {
    /// The first page.
    pub first: u32,
    /// The last page; equal to `first` for a single page.
    pub last: u32,
}

/// Why a text is not a [`PageRange`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageRangeError {
    /// One end is not a whole number; holds that end as written, trimmed.
    #[error("`{0}` is not a page number")]
    NotNumber(String),
    /// The first page is 0.
    #[error("pages are numbered from 1")]
    Zero,
    /// The first page is after the last.
    #[error("the first page, {first}, comes after the last, {last}")]
    Reversed {
        /// The first page written.
        first: u32,
        /// The last page written.
        last: u32,
    },
}

impl FromStr for PageRange {
    type Err = PageRangeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let parse = |p: &str| {
            p.trim()
                .parse::<u32>()
                .map_err(|_| PageRangeError::NotNumber(p.trim().to_string()))
        };
        let (first, last) = match s.split_once(['-', '–', '—']) {
            Some((a, b)) => (parse(a)?, parse(b)?),
            None => {
                let p = parse(s)?;
                (p, p)
            }
        };
        if first == 0 {
            return Err(PageRangeError::Zero);
        }
        if first > last {
            return Err(PageRangeError::Reversed { first, last });
        }
        Ok(PageRange { first, last })
    }
}

impl fmt::Display for PageRange {
    /// `78–91` with an en dash, or `5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}–{}", self.first, self.last)
        }
    }
}

/// A two-letter ISO 639-1 language code, lowercase.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(String);

impl Lang {
    /// The code, `en`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language's English name, `Russian`.
    pub fn english_name(&self) -> &'static str {
        isolang::Language::from_639_1(&self.0).map_or("", |l| l.to_name())
    }
}

/// Why a text is not a [`Lang`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LangError {
    /// Not a two-letter ISO 639-1 code; holds the text, trimmed.
    #[error("`{0}` is not an ISO 639-1 language code")]
    Unknown(String),
}

impl FromStr for Lang {
    type Err = LangError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().to_ascii_lowercase();
        if code.len() == 2 && isolang::Language::from_639_1(&code).is_some() {
            Ok(Lang(code))
        } else {
            Err(LangError::Unknown(s.trim().to_string()))
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A licence by its SPDX identifier, with its name and address where quire knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// The identifier as written, `CC-BY-4.0`.
    pub id: String,
    /// The full name, `Creative Commons Attribution 4.0 International`; empty when unknown.
    pub name: String,
    /// The licence text's address; empty when unknown.
    pub url: String,
}

impl License {
    /// Looks `id` up in the SPDX list. `Err` carries the licence kept as
    /// written, for a warning: an unknown identifier is shown, not refused.
    pub fn parse(id: &str) -> Result<License, License> {
        let id = id.trim();
        match spdx::license_id(id) {
            Some(known) => {
                let url = creative_commons_url(known.name)
                    .unwrap_or_else(|| format!("https://spdx.org/licenses/{}.html", known.name));
                Ok(License {
                    id: known.name.to_string(),
                    name: known.full_name.to_string(),
                    url,
                })
            }
            None => Err(License {
                id: id.to_string(),
                name: String::new(),
                url: String::new(),
            }),
        }
    }
}

/// The creativecommons.org deed of a CC identifier such as `CC-BY-NC-4.0`.
fn creative_commons_url(id: &str) -> Option<String> {
    if id == "CC0-1.0" {
        return Some("https://creativecommons.org/publicdomain/zero/1.0/".into());
    }
    let rest = id.strip_prefix("CC-")?;
    let (kind, version) = rest.rsplit_once('-')?;
    if !version.chars().all(|c| c.is_ascii_digit() || c == '.')
        || kind.contains('-') && !kind.starts_with("BY")
    {
        return None;
    }
    Some(format!(
        "https://creativecommons.org/licenses/{}/{}/",
        kind.to_lowercase(),
        version
    ))
}

/// Checks the form of an e-mail address: one `@`, a local part, a dotted domain, no spaces.
pub fn check_email(s: &str) -> Result<(), String> {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else {
        return Err("an e-mail address has an `@`".into());
    };
    let bad = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | ',' | ';' | '"' | '(' | ')' | '[' | ']' | '\\'
            )
    };
    if local.is_empty() || domain.contains('@') || s.chars().any(bad) {
        return Err(format!("`{s}` is not a single e-mail address"));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return Err(format!("`{domain}` is not a domain name like example.org"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois() {
        let doi: Doi = "https://doi.org/10.24833/2071-8160-2018-4-61-78-91"
            .parse()
            .unwrap();
        assert_eq!(doi.as_str(), "10.24833/2071-8160-2018-4-61-78-91");
        assert_eq!(doi.prefix(), "10.24833");
        assert!("10.123/x".parse::<Doi>().is_err());
        assert!("11.1234/x".parse::<Doi>().is_err());
        assert!("10.1234/".parse::<Doi>().is_err());
        assert!("10.1234/a b".parse::<Doi>().is_err());
        assert_eq!(
            "doi: 10.1000.10/ABC".parse::<Doi>().unwrap().key(),
            "10.1000.10/abc"
        );
        assert_eq!(
            "10.1234/a#b".parse::<Doi>().unwrap().url(),
            "https://doi.org/10.1234/a%23b"
        );
    }

    #[test]
    fn orcids() {
        assert_eq!(
            "0000-0002-1825-0097".parse::<Orcid>().unwrap().url(),
            "https://orcid.org/0000-0002-1825-0097"
        );
        assert!("https://orcid.org/0000-0002-1694-233x"
            .parse::<Orcid>()
            .is_ok());
        assert!("0000-0002-1825-0098"
            .parse::<Orcid>()
            .unwrap_err()
            .to_string()
            .contains("check digit"));
        assert!("0000-0002-1825".parse::<Orcid>().is_err());
    }

    #[test]
    fn issns() {
        assert!("2071-8160".parse::<Issn>().is_ok());
        assert!("2541-9099".parse::<Issn>().is_ok());
        assert!("0317-8471".parse::<Issn>().is_ok());
        assert!("2049-3630".parse::<Issn>().is_ok());
        assert!("2071-8161".parse::<Issn>().is_err());
        assert!("20718160".parse::<Issn>().is_err());
    }

    #[test]
    fn pages() {
        assert_eq!("78-91".parse::<PageRange>().unwrap().to_string(), "78–91");
        assert_eq!(
            "78–91".parse::<PageRange>().unwrap(),
            PageRange {
                first: 78,
                last: 91
            }
        );
        assert_eq!("5".parse::<PageRange>().unwrap().to_string(), "5");
        assert_eq!(
            "91-78".parse::<PageRange>(),
            Err(PageRangeError::Reversed {
                first: 91,
                last: 78
            })
        );
        assert_eq!(
            "a-b".parse::<PageRange>().unwrap_err().to_string(),
            "`a` is not a page number"
        );
        assert_eq!("0".parse::<PageRange>(), Err(PageRangeError::Zero));
    }

    #[test]
    fn languages_and_licences() {
        assert_eq!("RU".parse::<Lang>().unwrap().as_str(), "ru");
        assert_eq!("ru".parse::<Lang>().unwrap().english_name(), "Russian");
        assert!("xx".parse::<Lang>().is_err());
        assert!("eng".parse::<Lang>().is_err());
        let cc = License::parse("CC-BY-NC-4.0").unwrap();
        assert_eq!(cc.url, "https://creativecommons.org/licenses/by-nc/4.0/");
        assert!(cc.name.starts_with("Creative Commons"));
        assert!(License::parse("Made-Up-1.0").is_err());
    }

    #[test]
    fn emails() {
        assert!(check_email("elrus@yandex.ru").is_ok());
        assert!(check_email("a b@x.org").is_err());
        assert!(check_email("ab@x").is_err());
        assert!(check_email("ab.x.org").is_err());
    }
}

//! The author line as the journal prints it:
//! `Name – degrees, position. Affiliation. Country, City, street, postcode. E-mail: x@y.`

use crate::model::check_email;
use crate::scaffold::AuthorDraft;
use crate::taxonomy::gazetteer::Gazetteer;

/// The dashes that separate an author's name from the rest of the line.
const NAME_SEPARATORS: &[&str] = &[" – ", " — ", " - ", " −"];

/// Words ending in `.` that do not end a sentence in an author line.
const ABBREVIATIONS: &[&str] = &[
    "st", "str", "ave", "av", "pr", "prosp", "pl", "bld", "bldg", "ul", "no", "dr", "prof", "ph",
    "d", "acad", "corp", "apt", "office", "room", "of",
];

/// Words that start a degree, lowercase.
const DEGREE_STARTS: &[&str] = &[
    "phd",
    "ph.d",
    "doctor of",
    "dr. of",
    "candidate of",
    "dsc",
    "d.sc",
    "master of",
    "master in",
    "bachelor of",
    "mba",
    "ma ",
    "ma,",
    "msc",
    "m.a.",
    "llm",
    "ll.m",
    "habil",
    "kandidat",
    "doktor",
];

/// Words that make a part of the line an institution, lowercase.
const INSTITUTION_WORDS: &[&str] = &[
    "university",
    "institute",
    "academy",
    "school",
    "college",
    "centre",
    "center",
    "ministry",
    "council",
    "foundation",
    "agency",
    "laboratory",
    "observatory",
    "bank",
    "fund",
];

/// The name and the rest, when `line` starts like an author line: a name of
/// two to six capitalised words without digits, then a dash.
pub fn split_name(line: &str) -> Option<(&str, &str)> {
    let (at, sep) = NAME_SEPARATORS
        .iter()
        .filter_map(|sep| line.find(sep).map(|at| (at, *sep)))
        .min_by_key(|(at, _)| *at)?;
    let name = line[..at].trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let plausible = (2..=6).contains(&words.len())
        && words.iter().all(capitalised)
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ',' | ':' | ';'));
    plausible.then(|| (name, line[at + sep.len()..].trim()))
}

/// An author from a line that [`split_name`] accepted; `notes` gets what
/// could not be placed.
pub fn parse(name: &str, rest: &str, notes: &mut Vec<String>) -> AuthorDraft {
    let (rest, email) = take_email(rest, notes);
    let rest = rest.trim().trim_end_matches(['.', ';', ',']).trim();
    let mut segments = sentences(rest);
    let address = match segments.last() {
        Some(last) if is_address(last) => segments.pop().map(|a| reorder_address(&a)),
        _ => None,
    };
    let (degrees, position, affiliation) = match segments.as_slice() {
        [] => (None, None, None),
        [only] if is_institution(only) => (None, None, Some(only.clone())),
        [first, others @ ..] => {
            let (degrees, position) = degrees_and_position(first);
            let affiliation = (!others.is_empty()).then(|| others.join(", "));
            (degrees, position, affiliation)
        }
    };
    AuthorDraft {
        name: Some(name.to_string()),
        degrees,
        position,
        affiliation,
        address,
        email,
    }
}

/// Removes `E-mail: x@y` (or a bare address) from `text`.
fn take_email(text: &str, notes: &mut Vec<String>) -> (String, Option<String>) {
    // ASCII lowercasing keeps byte offsets, so they index `text` too.
    let lower = text.to_ascii_lowercase();
    let labelled = ["e-mail", "email", "e‑mail"]
        .iter()
        .filter_map(|label| lower.find(label).map(|at| (at, at + label.len())))
        .min();
    let (cut_start, value_start) = match labelled {
        Some((start, end)) => (start, end),
        _ => match text.split_whitespace().find(|w| w.contains('@')) {
            Some(word) => {
                let at = text.find(word).unwrap_or(0);
                (at, at)
            }
            None => return (text.to_string(), None),
        },
    };
    let after = text[value_start..].trim_start_matches([':', ' ', '.']);
    let token = after.split_whitespace().next().unwrap_or("");
    let address = token
        .trim_end_matches(['.', ',', ';', ')'])
        .trim_start_matches('(');
    let token_end = text.len() - after.len() + token.len();
    let remaining = format!("{} {}", &text[..cut_start], &text[token_end..]);
    match check_email(address) {
        Ok(()) => (remaining, Some(address.to_string())),
        Err(why) => {
            notes.push(format!("an e-mail address that is not one: {why}"));
            (text.to_string(), None)
        }
    }
}

/// `text` cut at each `. ` that ends a sentence (not an initial or an abbreviation).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        let last = i + 1 == words.len();
        if last || ends_sentence(word) {
            let sentence = current.trim_end_matches('.').trim().to_string();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            current.clear();
        }
    }
    out
}

fn ends_sentence(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let letters = stem.trim_start_matches(['(', '"', '«']);
    let is_initial = letters.chars().count() == 1 && letters.chars().all(char::is_alphabetic);
    !is_initial && !ABBREVIATIONS.contains(&letters.to_lowercase().as_str())
}

/// True when `text` names a place: a country first or last, or a postcode.
fn is_address(text: &str) -> bool {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let gazetteer = Gazetteer::get();
    let country_at_end = |p: Option<&&str>| p.is_some_and(|p| gazetteer.by_name(p).is_some());
    parts.len() >= 2
        && (country_at_end(parts.first())
            || country_at_end(parts.last())
            || parts.iter().any(|p| is_postcode(p)))
}

fn is_postcode(part: &str) -> bool {
    let digits = part.chars().filter(char::is_ascii_digit).count();
    digits >= 4
        && part.len() <= 10
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

fn is_institution(text: &str) -> bool {
    let lower = text.to_lowercase();
    INSTITUTION_WORDS.iter().any(|w| lower.contains(w))
}

/// The journal prints `Country, City, street..., postcode`; the content
/// format writes addresses in the international order `street..., City,
/// postcode, Country`. An address not starting with a country is kept as
/// written.
pub fn reorder_address(text: &str) -> String {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let starts_with_country = parts
        .first()
        .is_some_and(|p| Gazetteer::get().by_name(p).is_some());
    if parts.len() < 3 || !starts_with_country {
        return parts.join(", ");
    }
    let (country, city) = (parts[0], parts[1]);
    let mut street: Vec<&str> = parts[2..].to_vec();
    let postcode = match street.last() {
        Some(last) if is_postcode(last) => street.pop(),
        _ => None,
    };
    street.push(city);
    street.extend(postcode);
    street.push(country);
    street.join(", ")
}

/// `PhD in Political Sciences, Associate Professor of ...`: the leading
/// parts that name degrees, then the position.
fn degrees_and_position(text: &str) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = text.split(", ").map(str::trim).collect();
    let count = parts.iter().take_while(|p| is_degree(p)).count();
    let join = |ps: &[&str]| (!ps.is_empty()).then(|| ps.join(", "));
    (join(&parts[..count]), join(&parts[count..]))
}

fn is_degree(part: &str) -> bool {
    let lower = format!("{} ", part.to_lowercase());
    DEGREE_STARTS.iter().any(|d| lower.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn author(line: &str) -> (AuthorDraft, Vec<String>) {
        let (name, rest) = split_name(line).expect("an author line");
        let mut notes = Vec::new();
        (parse(name, rest, &mut notes), notes)
    }

    #[test]
    fn the_journals_author_line_is_split_into_fields() {
        let (a, notes) = author("Jan K. Novak – PhD in History, Senior Lecturer of the History Department. Example State University. Russia, Kazan, Kremlyovskaya street, 18, 420008. E-mail: j.novak@example.org.");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(a.name.as_deref(), Some("Jan K. Novak"));
        assert_eq!(a.degrees.as_deref(), Some("PhD in History"));
        assert_eq!(
            a.position.as_deref(),
            Some("Senior Lecturer of the History Department")
        );
        assert_eq!(a.affiliation.as_deref(), Some("Example State University"));
        assert_eq!(
            a.address.as_deref(),
            Some("Kremlyovskaya street, 18, Kazan, 420008, Russia")
        );
        assert_eq!(a.email.as_deref(), Some("j.novak@example.org"));
    }

    #[test]
    fn missing_parts_stay_missing() {
        let (a, _) = author("Anna Berg - Professor. Northbridge University");
        assert_eq!(a.degrees, None);
        assert_eq!(a.position.as_deref(), Some("Professor"));
        assert_eq!(a.affiliation.as_deref(), Some("Northbridge University"));
        assert_eq!((a.address, a.email), (None, None));
        let (a, _) = author("Anna Berg — Northbridge University. Email anna@example.org");
        assert_eq!(a.affiliation.as_deref(), Some("Northbridge University"));
        assert_eq!(a.email.as_deref(), Some("anna@example.org"));
    }

    #[test]
    fn several_degrees_and_abbreviations() {
        let (a, _) = author("Ivan Petrov – Doctor of Political Sciences, PhD in Law, Professor, Head of Chair. St. Petersburg State University. Russia, St. Petersburg, Universitetskaya emb., 7/9, 199034.");
        assert_eq!(
            a.degrees.as_deref(),
            Some("Doctor of Political Sciences, PhD in Law")
        );
        assert_eq!(a.position.as_deref(), Some("Professor, Head of Chair"));
        assert_eq!(
            a.affiliation.as_deref(),
            Some("St. Petersburg State University")
        );
        assert_eq!(
            a.address.as_deref(),
            Some("Universitetskaya emb., 7/9, St. Petersburg, 199034, Russia")
        );
    }

    #[test]
    fn only_name_shaped_text_starts_an_author() {
        assert!(split_name("The region – as the author shows – is divided").is_none());
        assert!(split_name("In 2016 - the year of change").is_none());
        assert!(split_name("Evgeniya V. Makhmutova – PhD").is_some());
    }

    #[test]
    fn addresses_not_starting_with_a_country_are_kept() {
        assert_eq!(
            reorder_address("12 High Street, Oxford, OX1 2AB, United Kingdom"),
            "12 High Street, Oxford, OX1 2AB, United Kingdom"
        );
        assert_eq!(
            reorder_address("Kazakhstan, Almaty, Abay avenue, 10"),
            "Abay avenue, 10, Almaty, Kazakhstan"
        );
    }
}

//! The stable codes of every diagnostic quire gives.
//!
//! Each code has a heading in the editors' guide (`docs/editing.md`), a row
//! in the content format's table of codes (`docs/content-format.md`) and
//! one invalid fixture under `tests/fixtures/invalid/`; tests keep them in
//! step.

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $summary:literal;)*) => {
        /// A diagnostic's stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed: `E012`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// Whether the code stops the build.
            pub fn severity(self) -> super::Severity {
                match self {
                    $(Code::$variant => super::Severity::$severity,)*
                }
            }

            /// What kind of problem the code stands for, for the editors' guide.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    NotUtf8 = "E001", Error, "the file is not UTF-8 text";
    EmptyFile = "E002", Error, "the file is empty";
    NoFrontMatter = "E003", Error, "the file does not start with a `---` front matter block";
    UnclosedFrontMatter = "E004", Error, "the front matter has no closing `---` line";
    YamlSyntax = "E005", Error, "the YAML is not well formed";
    NotAMapping = "E006", Error, "the YAML is not a set of `key: value` fields";
    MissingField = "E010", Error, "a required field is missing";
    WrongType = "E011", Error, "a field has the wrong kind of value (text, number, list...)";
    UnknownField = "E012", Error, "a field name is not known (often a misspelling)";
    BadDate = "E013", Error, "a date is not a real YYYY-MM-DD date";
    DateOrder = "E014", Error, "dates are out of order (received, revised, accepted)";
    BadDoi = "E015", Error, "a DOI is not of the form 10.NNNN/suffix";
    DuplicateDoi = "E016", Error, "two articles have the same DOI";
    BadOrcid = "E017", Error, "an ORCID iD is malformed or its check digit is wrong";
    BadIssn = "E018", Error, "an ISSN is malformed or its check digit is wrong";
    BadPages = "E019", Error, "a page range is malformed or its first page exceeds its last";
    BadEmail = "E020", Error, "an e-mail address is malformed";
    BadLanguage = "E021", Error, "a language is not a two-letter ISO 639-1 code";
    BadSlug = "E022", Error, "a slug or file name cannot make a safe web address";
    MissingPdf = "E023", Error, "the named PDF file does not exist";
    IssueMismatch = "E024", Error, "an issue's year or number differs from its folder";
    MissingIssueFile = "E025", Error, "an issue folder has no `_issue.yaml`";
    PathCollision = "E026", Error, "two pages would be written to the same address";
    BrokenLink = "E027", Error, "a link points to a page or article file that does not exist";
    MissingAsset = "E028", Error, "a file the text refers to does not exist";
    BadUrl = "E029", Error, "a web address is malformed";
    BadValue = "E030", Error, "a value is outside what the field accepts";
    UnsafePath = "E031", Error, "a path leaves the folder it must stay in";
    MissingTheme = "E032", Error, "the theme named in journal.yaml does not exist";
    TemplateError = "E033", Error, "a template does not parse or fails to render";
    UnknownCountry = "E034", Error, "an entry in `countries` or an affiliation's `country` is not a country quire knows";
    SynonymConflict = "E035", Error, "a keyword is declared twice in content/_keywords.yaml";
    Unreadable = "E036", Error, "a file or folder cannot be read (a broken link, permissions, a disk error)";
    MissingKeywords = "W001", Warning, "an article has no keywords";
    DoiOutsidePrefix = "W002", Warning, "a DOI lies outside the journal's DOI prefix";
    UnknownLicense = "W003", Warning, "a licence identifier is not one quire knows";
    StrayContent = "W004", Warning, "a file or folder in content/ is not part of any issue";
    SlugClash = "W005", Warning, "two different keywords would share an address, so one gets a suffix";
    NoDoi = "W006", Warning, "an article has no DOI, so the issue's Crossref deposit leaves it out";
    MissingAnchor = "W007", Warning, "a link's `#fragment` names no place on its page";
    TooLarge = "W008", Warning, "part of a text is too large or too deeply nested to render in full";
    UnpairedKeywords = "W009", Warning, "a translation's keywords cannot be paired with the article's, so they make no keyword pages";
    PdfText = "W010", Warning, "the text of a PDF galley, or of some of its pages, cannot be read, so the search cannot find its words";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ordered() {
        let strs: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = strs.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(strs, sorted);
    }
}

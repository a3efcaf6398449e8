//! `journal.yaml`: the journal's settings, read and checked.

use std::path::Path;
use std::sync::Arc;

use crate::decode::Fields;
use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::{Doi, Issn, Lang, License};
use crate::yaml;

/// The keys `journal.yaml` accepts.
pub const FIELDS: &[&str] = &[
    "title",
    "short_title",
    "description",
    "base_url",
    "language",
    "languages",
    "publisher",
    "issn_print",
    "issn_online",
    "doi_prefix",
    "license",
    "theme",
    "per_page",
    "contact_email",
    "cname",
    "crossref",
    "oai_gateway",
    "galleys_base_url",
    "extra",
    "translations",
    "sections",
];

const CROSSREF_FIELDS: &[&str] = &["depositor_name", "depositor_email"];

/// The keys of one language under `translations:`: the journal's own words.
pub const TRANSLATION_FIELDS: &[&str] = &["title", "short_title", "description", "publisher"];

/// The journal's settings, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The journal's title.
    pub title: String,
    /// The short title; `None` when not given.
    pub short_title: Option<String>,
    /// One or two sentences about the journal.
    pub description: Option<String>,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// The default language of articles.
    pub language: Lang,
    /// The interface languages, the first the site's default (at the base
    /// path), each other under `/<lang>/`: `languages:`, or `language`
    /// alone.
    pub languages: Vec<Lang>,
    /// The journal's own words in other interface languages.
    pub translations: Vec<JournalText>,
    /// The sections' names in the interface languages (`sections:`), by
    /// the name articles give in `section`.
    pub sections: Vec<SectionNames>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The print ISSN.
    pub issn_print: Option<Issn>,
    /// The online ISSN.
    pub issn_online: Option<Issn>,
    /// The DOI prefix the journal deposits under, `10.24833`.
    pub doi_prefix: Option<String>,
    /// The default licence of articles.
    pub license: Option<License>,
    /// The theme's folder name under `themes/`.
    pub theme: String,
    /// Articles per list page.
    pub per_page: usize,
    /// The editorial office's address.
    pub contact_email: Option<String>,
    /// The custom domain to write into `/CNAME`.
    pub cname: Option<String>,
    /// Crossref depositor details.
    pub crossref: Option<Crossref>,
    /// The OAI-PMH Static Repository Gateway that makes `/oai.xml`
    /// harvestable; without one, no `oai.xml` is written (its `baseURL`
    /// is the gateway's address for the file).
    pub oai_gateway: Option<BaseUrl>,
    /// Where the PDFs are published instead of the site
    /// (`galleys_base_url`): each PDF is linked at this address followed by
    /// its path under `content/`, and none is copied into the output.
    pub galleys_base_url: Option<BaseUrl>,
    /// `extra:`, untouched, for templates.
    pub extra: serde_json::Value,
}

/// The journal's own words in one language (`translations:` in
/// journal.yaml); what is not given falls back to the top-level field.
#[derive(Debug, Clone)]
pub struct JournalText {
    /// The language.
    pub lang: Lang,
    /// The title.
    pub title: Option<String>,
    /// The short title.
    pub short_title: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
}

/// One section's names in the interface languages: an entry of `sections:`.
#[derive(Debug, Clone)]
pub struct SectionNames {
    /// The name as articles write it in `section`.
    pub name: String,
    /// Its name in each language given.
    pub names: Vec<(Lang, String)>,
}

impl Config {
    /// The name of section `name` (as an article's `section` gives it) in
    /// `lang`: from `sections:`, or as written.
    pub fn section_in<'a>(&'a self, name: &'a str, lang: &Lang) -> &'a str {
        self.sections
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.names.iter().find(|(l, _)| l == lang))
            .map_or(name, |(_, shown)| shown.as_str())
    }

    /// The site's default interface language, at the base path.
    pub fn default_language(&self) -> &Lang {
        &self.languages[0]
    }

    /// The journal's words in `lang`, when `translations:` gives them.
    fn words(&self, lang: &Lang) -> Option<&JournalText> {
        self.translations.iter().find(|t| &t.lang == lang)
    }

    /// The title in `lang`.
    pub fn title_in(&self, lang: &Lang) -> &str {
        self.words(lang)
            .and_then(|t| t.title.as_deref())
            .unwrap_or(&self.title)
    }

    /// The short title in `lang` (the title when none is given).
    pub fn short_title_in(&self, lang: &Lang) -> &str {
        self.words(lang)
            .and_then(|t| t.short_title.as_deref().or(t.title.as_deref()))
            .or(self.short_title.as_deref())
            .unwrap_or(&self.title)
    }

    /// The description in `lang`.
    pub fn description_in(&self, lang: &Lang) -> Option<&str> {
        self.words(lang)
            .and_then(|t| t.description.as_deref())
            .or(self.description.as_deref())
    }

    /// The publisher in `lang`.
    pub fn publisher_in(&self, lang: &Lang) -> Option<&str> {
        self.words(lang)
            .and_then(|t| t.publisher.as_deref())
            .or(self.publisher.as_deref())
    }
}

/// Crossref depositor details.
#[derive(Debug, Clone)]
pub struct Crossref {
    /// The depositor's name.
    pub depositor_name: String,
    /// The depositor's e-mail address.
    pub depositor_email: String,
}

/// The site's public address, split into origin and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.github.io`, without a final `/`.
    pub origin: String,
    /// `/journal/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    /// The full address, ending in `/`.
    pub fn as_url(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }
}

/// Why a text is not a [`BaseUrl`]. Each variant holds the text as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    /// A relative address: no scheme or no host.
    #[error("`{0}` is not a full web address (it needs https:// and a host)")]
    Relative(String),
    /// The URL parser refused it for another reason.
    #[error("`{text}` is not a web address ({reason})")]
    Invalid {
        /// The text as written.
        text: String,
        /// What the URL parser found wrong.
        reason: url::ParseError,
    },
    /// A scheme other than `http` or `https`.
    #[error("`{0}` must start with https:// or http://")]
    Scheme(String),
    /// No host name.
    #[error("`{0}` has no host name")]
    NoHost(String),
    /// A `?` query or `#` fragment.
    #[error("`{0}` must not have a `?` query or `#` fragment")]
    QueryOrFragment(String),
}

impl std::str::FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = url::Url::parse(s.trim()).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => BaseUrlError::Relative(s.to_string()),
            reason => BaseUrlError::Invalid {
                text: s.to_string(),
                reason,
            },
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BaseUrlError::Scheme(s.to_string()));
        }
        let Some(host) = parsed.host_str() else {
            return Err(BaseUrlError::NoHost(s.to_string()));
        };
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(BaseUrlError::QueryOrFragment(s.to_string()));
        }
        let mut path = parsed.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        let origin = match parsed.port() {
            Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
            None => format!("{}://{host}", parsed.scheme()),
        };
        Ok(BaseUrl { origin, path })
    }
}

/// Reads `journal.yaml` in `root`. Problems go to `diags`; `None` when the
/// file is missing, unreadable or unusable.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Config> {
    let file = match crate::inside::read(root, Path::new("journal.yaml")) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => SourceFile::new("journal.yaml", text),
            Err(_) => {
                let file = SourceFile::new("journal.yaml", "");
                diags.push(
                    Diagnostic::new(
                        Code::NotUtf8,
                        Span::file_start(&file),
                        "journal.yaml is not UTF-8 text",
                    )
                    .help("save the file as UTF-8"),
                );
                return None;
            }
        },
        Err(refused) if !refused.is_missing() => {
            diags.push(refused.diagnostic("the file"));
            return None;
        }
        Err(_) => {
            let file = SourceFile::new("journal.yaml", "");
            diags.push(
                Diagnostic::new(Code::MissingField, Span::file_start(&file), "journal.yaml is missing")
                    .label("no such file in the site folder")
                    .help("run quire in the site folder (the one holding content/), or give it with --root"),
            );
            return None;
        }
    };
    parse(&file, Some(root), diags)
}

/// Checks the text of a `journal.yaml`; with `root`, also that the theme it
/// names exists there (`default` is built in).
pub fn parse(
    file: &Arc<SourceFile>,
    root: Option<&Path>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Config> {
    let node = match yaml::parse(file, 0..file.text().len()) {
        Ok(node) => node,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let mut f = Fields::new(
        file,
        &node,
        "journal.yaml",
        FIELDS,
        Span::file_start(file),
        diags,
    )?;
    let title = f.required_text("title", "Review of Eurasian Regional Studies");
    let base_url = match f.text("base_url") {
        Some(text) => f.parse_text::<BaseUrl>(
            "base_url",
            text,
            Code::BadUrl,
            "give the address the site is published at, such as `https://example.github.io/journal/`",
        ),
        None => {
            f.missing("base_url", "https://example.github.io/journal/");
            None
        }
    };
    let language = f
        .parsed::<Lang>(
            "language",
            Code::BadLanguage,
            "use a two-letter code such as `en` or `ru`",
        )
        .map(|s| s.value);
    let issn_help = "an ISSN is eight characters, NNNN-NNNC, as printed on the journal; check for a mistyped digit";
    let issn_print = f
        .parsed::<Issn>("issn_print", Code::BadIssn, issn_help)
        .map(|s| s.value);
    let issn_online = f
        .parsed::<Issn>("issn_online", Code::BadIssn, issn_help)
        .map(|s| s.value);
    let doi_prefix = f.text("doi_prefix").and_then(|text| {
        let probe = format!("{}/x", text.value);
        match probe.parse::<Doi>() {
            Ok(doi) if doi.prefix() == text.value => Some(text.value),
            _ => {
                f.report(
                    Diagnostic::new(Code::BadDoi, text.span, format!("invalid `doi_prefix`: `{}`", text.value))
                        .label("not a DOI prefix")
                        .help("a DOI prefix is `10.` and four or more digits, in quotes: `doi_prefix: \"10.24833\"`"),
                );
                None
            }
        }
    });
    let license = read_license(&mut f);
    let theme = match f.text("theme") {
        Some(theme) => {
            // The theme's folder is read like content: inside the site
            // (`crate::inside`), a link out of it refused.
            let found = match root.filter(|_| theme.value != "default") {
                None => Ok(true),
                Some(root) => {
                    match crate::inside::resolve(root, &Path::new("themes").join(&theme.value)) {
                        Ok(real) => Ok(real.meta.is_dir()),
                        Err(refused) if refused.is_missing() => Ok(false),
                        Err(refused) => Err(refused),
                    }
                }
            };
            if let Err(refused) = &found {
                f.report(refused.diagnostic_at("the theme", theme.span.clone()));
            }
            if found.is_ok_and(|found| !found) {
                f.report(
                    Diagnostic::new(Code::MissingTheme, theme.span, format!("the theme `{}` does not exist", theme.value))
                        .label(format!("no folder themes/{}", theme.value))
                        .help("add the theme under themes/, or write `theme: default` for the built-in theme"),
                );
            }
            theme.value
        }
        None => "default".to_string(),
    };
    let per_page = f
        .number("per_page", 1, 10_000)
        .map_or(50, |n| n.value as usize);
    let contact_email =
        f.text("contact_email")
            .and_then(|text| match crate::model::check_email(&text.value) {
                Ok(()) => Some(text.value),
                Err(why) => {
                    f.report(bad_email(text.span, "contact_email", &why));
                    None
                }
            });
    let cname = f.text("cname").and_then(|text| {
        let ok = text.value.contains('.')
            && text
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if ok {
            Some(text.value)
        } else {
            f.report(
                Diagnostic::new(Code::BadUrl, text.span, format!("invalid `cname`: `{}`", text.value))
                    .label("not a bare domain name")
                    .help("give the custom domain alone, without https:// or a path: `cname: journal.example.org`"),
            );
            None
        }
    });
    let crossref = read_crossref(&mut f);
    let oai_gateway = f.text("oai_gateway").and_then(|text| {
        if f.get("contact_email").is_none() {
            f.report(
                Diagnostic::new(Code::MissingField, text.span.clone(), "`oai_gateway` needs `contact_email`")
                    .label("an OAI-PMH repository names the address of its administrator")
                    .help("add `contact_email: editor@example.org`: harvesters write to it"),
            );
        }
        f.parse_text::<BaseUrl>(
            "oai_gateway",
            text,
            Code::BadUrl,
            "give the address of an OAI static repository gateway, such as `https://gateway.example.org/oai`",
        )
        .map(|url| url.value)
    });
    let galleys_base_url = f.text("galleys_base_url").and_then(|text| {
        f.parse_text::<BaseUrl>(
            "galleys_base_url",
            text,
            Code::BadUrl,
            "give the address the PDFs are published at, with the folder that holds the year folders, such as `https://example.github.io/journal-galleys/`",
        )
        .map(|url| url.value)
    });
    let extra = f.extra();
    let languages = read_languages(&mut f);
    let language = language
        .or_else(|| languages.first().cloned())
        .unwrap_or_else(|| "en".parse().expect("en is a language"));
    let languages = if languages.is_empty() {
        vec![language.clone()]
    } else {
        languages
    };
    let translations = read_translations(&mut f, &languages);
    let sections = read_sections(&mut f, &languages);
    let short_title = f.text("short_title").map(|t| t.value);
    let description = f.text("description").map(|t| t.value);
    let publisher = f.text("publisher").map(|t| t.value);
    Some(Config {
        title: title?.value,
        short_title,
        description,
        base_url: base_url?.value,
        language,
        languages,
        translations,
        sections,
        publisher,
        issn_print,
        issn_online,
        doi_prefix,
        license,
        theme,
        per_page,
        contact_email,
        cname,
        crossref,
        oai_gateway,
        galleys_base_url,
        extra,
    })
}

/// `languages: [ru, en]`: two-letter codes, each once; empty when absent
/// or wrong (the problems reported).
fn read_languages(f: &mut Fields<'_>) -> Vec<Lang> {
    let Some(items) = f.list("languages") else {
        return Vec::new();
    };
    let mut out: Vec<Lang> = Vec::new();
    if items.is_empty() {
        let span = f.span_of("languages");
        f.report(
            Diagnostic::new(Code::BadValue, span, "`languages` lists no language")
                .label("an empty list")
                .help("list the site's languages, the default first: `languages: [ru, en]`; or delete the line for a site in `language` alone"),
        );
    }
    for item in items {
        let span = f.span(item);
        let Some(code) = item.as_text() else {
            f.report(
                Diagnostic::new(
                    Code::WrongType,
                    span,
                    format!(
                        "a language in `languages` must be a code, found {}",
                        item.kind_name()
                    ),
                )
                .label("not a language code")
                .help("write two-letter codes: `languages: [ru, en]`"),
            );
            continue;
        };
        match code.parse::<Lang>() {
            Ok(lang) if out.contains(&lang) => f.report(
                Diagnostic::new(
                    Code::BadValue,
                    span,
                    format!("`{lang}` is listed twice in `languages`"),
                )
                .label("listed already")
                .help("list each language once, the site's default first"),
            ),
            Ok(lang) => out.push(lang),
            Err(why) => f.report(
                Diagnostic::new(
                    Code::BadLanguage,
                    span,
                    format!("invalid language in `languages`: {why}"),
                )
                .label("not a language code")
                .help("use two-letter ISO 639-1 codes such as `ru` and `en`"),
            ),
        }
    }
    out
}

/// `translations:`: the journal's title, short title, description and
/// publisher in each other language of `languages`.
fn read_translations(f: &mut Fields<'_>, languages: &[Lang]) -> Vec<JournalText> {
    let Some(node) = f.get("translations") else {
        return Vec::new();
    };
    let Some(entries) = block_of(
        f,
        node,
        "`translations` must be a set of languages",
        "expected `en:` and the fields under it",
        "write `translations:`, then `  en:` and under it `title:` and `description:`",
    ) else {
        return Vec::new();
    };
    let file = f.file();
    let mut out = Vec::new();
    for entry in entries {
        let at = Span::new(file, entry.key_span.clone());
        let fix = format!(
            "add it to `languages:` ({}), or remove what is given in it",
            crate::decode::listed_languages(languages)
        );
        let lang = crate::decode::interface_language(
            &entry.key,
            at.clone(),
            languages,
            "`translations`",
            &fix,
            f.diags(),
        );
        let Some(mut t) = Fields::new(
            file,
            &entry.value,
            "a translation of the journal",
            TRANSLATION_FIELDS,
            at,
            f.diags(),
        ) else {
            continue;
        };
        let words = JournalText {
            lang: lang
                .clone()
                .unwrap_or_else(|| "en".parse().expect("en is a language")),
            title: t.text("title").map(|s| s.value),
            short_title: t.text("short_title").map(|s| s.value),
            description: t.text("description").map(|s| s.value),
            publisher: t.text("publisher").map(|s| s.value),
        };
        if lang.is_some() {
            out.push(words);
        }
    }
    out
}

/// The entries of `node`, a block of `key: value` lines; anything else is
/// reported (`what`, then what was found) with `label` and `help`.
fn block_of<'n>(
    f: &mut Fields<'_>,
    node: &'n yaml::Node,
    what: &str,
    label: &str,
    help: &str,
) -> Option<&'n [yaml::Entry]> {
    let entries = node.as_map();
    if entries.is_none() {
        let span = f.span(node);
        f.report(
            Diagnostic::new(
                Code::WrongType,
                span,
                format!("{what}, found {}", node.kind_name()),
            )
            .label(label)
            .help(help),
        );
    }
    entries
}

/// `sections:`: each section's name in the interface languages, by the
/// name articles give it.
///
/// ```yaml
/// sections:
///   Regional Studies: {ru: Регионоведение}
/// ```
fn read_sections(f: &mut Fields<'_>, languages: &[Lang]) -> Vec<SectionNames> {
    let Some(node) = f.get("sections") else {
        return Vec::new();
    };
    let Some(entries) = block_of(
        f,
        node,
        "`sections` must be a set of section names",
        "expected `Section name:` and its names under it",
        "write `sections:`, then `  Regional Studies: {ru: Регионоведение}`",
    ) else {
        return Vec::new();
    };
    let file = f.file().clone();
    let mut out = Vec::new();
    for entry in entries {
        let fix = format!(
            "name the section in the site's languages ({}), or add the language to `languages:`",
            crate::decode::listed_languages(languages)
        );
        let names = crate::decode::language_texts(
            &file,
            &entry.value,
            languages,
            &format!("the names of section `{}`", entry.key),
            &fix,
            f.diags(),
        );
        let section = SectionNames {
            name: entry.key.clone(),
            names: names
                .into_iter()
                .map(|(lang, name)| (lang, name.value))
                .collect(),
        };
        out.push(section);
    }
    out
}

fn read_crossref(f: &mut Fields<'_>) -> Option<Crossref> {
    let node = f.get("crossref")?;
    let file = f.file();
    let at = f.span(node);
    let mut inner = Fields::new(file, node, "`crossref`", CROSSREF_FIELDS, at, f.diags())?;
    let name = inner.required_text("depositor_name", "Editorial office");
    let email = inner.required_text("depositor_email", "editor@example.org");
    if let Some(email) = &email {
        if let Err(why) = crate::model::check_email(&email.value) {
            inner.report(bad_email(email.span.clone(), "depositor_email", &why));
        }
    }
    Some(Crossref {
        depositor_name: name?.value,
        depositor_email: email?.value,
    })
}

/// The diagnostic for a malformed e-mail address in `key`.
pub fn bad_email(span: Span, key: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadEmail,
        span,
        format!("invalid e-mail address in `{key}`: {why}"),
    )
    .label("not an e-mail address")
    .help(format!(
        "write one address such as `{key}: editor@example.org`"
    ))
}

/// The `license` field: an SPDX identifier, kept as written (with a
/// warning) when quire does not know it.
pub fn read_license(f: &mut Fields<'_>) -> Option<License> {
    let text = f.text("license")?;
    Some(match License::parse(&text.value) {
        Ok(license) => license,
        Err(license) => {
            f.report(unknown_license(text.span, &text.value));
            license
        }
    })
}

/// The warning for a licence identifier missing from the SPDX list.
fn unknown_license(span: Span, id: &str) -> Diagnostic {
    Diagnostic::new(Code::UnknownLicense, span, format!("unknown licence identifier `{id}`"))
        .label("not an SPDX identifier")
        .help("use an SPDX identifier such as `CC-BY-4.0`, `CC-BY-NC-4.0` or `CC0-1.0` (see spdx.org/licenses)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let file = SourceFile::new("journal.yaml", text);
        let mut diags = Vec::new();
        (parse(&file, None, &mut diags), diags)
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let (config, diags) = check("title: J\nbase_url: https://example.github.io/journal\n");
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        assert_eq!(config.base_url.path, "/journal/");
        assert_eq!(
            config.base_url.as_url(),
            "https://example.github.io/journal/"
        );
        assert_eq!(config.per_page, 50);
        assert_eq!(config.theme, "default");
        assert_eq!(config.language.as_str(), "en");
    }

    #[test]
    fn an_unreadable_journal_yaml_is_not_called_missing() {
        let site = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(site.path().join("journal.yaml")).expect("a folder in it");
        let mut diags = Vec::new();
        assert!(load(site.path(), &mut diags).is_none());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::Unreadable);
        assert_eq!(diags[0].path(), Path::new("journal.yaml"));
    }

    #[test]
    fn base_url_errors_say_what_is_wrong() {
        assert_eq!(
            "example.org".parse::<BaseUrl>(),
            Err(BaseUrlError::Relative("example.org".into()))
        );
        assert_eq!(
            "ftp://x".parse::<BaseUrl>(),
            Err(BaseUrlError::Scheme("ftp://x".into()))
        );
        assert_eq!(
            "https://x.org/?a"
                .parse::<BaseUrl>()
                .unwrap_err()
                .to_string(),
            "`https://x.org/?a` must not have a `?` query or `#` fragment"
        );
    }

    #[test]
    fn every_problem_is_reported() {
        let (config, diags) = check(
            "titel: J\nbase_url: ftp://x\nissn_print: 2071-8161\ndoi_prefix: 10.12\nper_page: 0\n",
        );
        assert!(config.is_none());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::UnknownField));
        assert!(codes.contains(&Code::MissingField));
        assert!(codes.contains(&Code::BadUrl));
        assert!(codes.contains(&Code::BadIssn));
        assert!(codes.contains(&Code::BadDoi));
        assert!(codes.contains(&Code::BadValue));
        let unknown = diags.iter().find(|d| d.code == Code::UnknownField).unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn the_oai_gateway_is_an_address_and_needs_a_contact() {
        let base = "title: J\nbase_url: https://example.org/\n";
        let (config, diags) = check(&format!(
            "{base}contact_email: e@example.org\noai_gateway: http://gw.example.org/oai\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        let gateway = config.unwrap().oai_gateway.unwrap();
        assert_eq!(gateway.as_url(), "http://gw.example.org/oai/");
        let (_, diags) = check(&format!("{base}oai_gateway: http://gw.example.org/oai\n"));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::MissingField);
        assert!(diags[0].message.contains("contact_email"));
        let (_, diags) = check(&format!(
            "{base}contact_email: e@example.org\noai_gateway: gateway.example.org\n"
        ));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::BadUrl);
    }

    #[test]
    fn galleys_base_url_is_an_address_like_base_url() {
        let base = "title: J\nbase_url: https://example.org/\n";
        let (config, diags) = check(base);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(config.unwrap().galleys_base_url.is_none());
        let (config, diags) = check(&format!(
            "{base}galleys_base_url: https://files.example.org/rers\n"
        ));
        assert!(diags.is_empty(), "{diags:?}");
        let galleys = config.unwrap().galleys_base_url.unwrap();
        assert_eq!(galleys.as_url(), "https://files.example.org/rers/");
        for (wrong, words) in [
            ("files.example.org/rers/", "is not a full web address"),
            (
                "ftp://files.example.org/",
                "must start with https:// or http://",
            ),
            (
                "https://files.example.org/?v=1",
                "must not have a `?` query",
            ),
        ] {
            let text = format!("{base}galleys_base_url: {wrong}\n");
            let (config, diags) = check(&text);
            assert!(config.is_some_and(|c| c.galleys_base_url.is_none()));
            assert_eq!(diags.len(), 1, "{diags:?}");
            let d = &diags[0];
            assert_eq!(d.code, Code::BadUrl);
            assert!(
                d.message.starts_with("invalid `galleys_base_url`: "),
                "{}",
                d.message
            );
            assert!(d.message.contains(words), "{}", d.message);
            assert_eq!(d.primary.0.line_col(), (3, 19), "at the value");
            assert!(d.help.as_deref().is_some_and(|h| h.contains("https://")));
        }
    }

    #[test]
    fn languages_put_the_default_first_and_translate_the_journal() {
        let (config, diags) = check(
            "title: Вестник\nbase_url: https://example.org/v/\nlanguages: [ru, en]\ntranslations:\n  en:\n    title: Herald\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let config = config.unwrap();
        let codes: Vec<&str> = config.languages.iter().map(Lang::as_str).collect();
        assert_eq!(codes, ["ru", "en"]);
        assert_eq!(
            config.language.as_str(),
            "ru",
            "articles default to the first"
        );
        let en: Lang = "en".parse().unwrap();
        assert_eq!(config.title_in(&en), "Herald");
        assert_eq!(config.title_in(config.default_language()), "Вестник");
        assert_eq!(config.short_title_in(&en), "Herald");
    }

    #[test]
    fn sections_are_named_per_language_and_checked() {
        let text = "title: J\nbase_url: https://example.org/\nlanguages: [ru, en]\nsections:\n  Regional Studies: {ru: Регионоведение, de: Regionalstudien}\n  Reviews: {eng: Reviews}\n  Notes: many\n";
        let (config, diags) = check(text);
        let config = config.expect("the rest is valid");
        let ru: Lang = "ru".parse().unwrap();
        let en: Lang = "en".parse().unwrap();
        assert_eq!(config.section_in("Regional Studies", &ru), "Регионоведение");
        assert_eq!(
            config.section_in("Regional Studies", &en),
            "Regional Studies"
        );
        assert_eq!(config.section_in("Unlisted", &ru), "Unlisted");
        let messages: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(diags.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`de` is not one of the site's `languages`"));
        assert!(messages[1].contains("invalid language"));
        assert!(diags[1].help.as_deref().is_some_and(|h| h.contains("`en`")));
        assert!(messages[2].contains("must be a set of languages"));
    }

    #[test]
    fn one_language_without_languages() {
        let (config, _) = check("title: J\nbase_url: https://example.org/\nlanguage: ru\n");
        let codes: Vec<String> = config
            .unwrap()
            .languages
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(codes, ["ru"]);
    }

    #[test]
    fn wrong_languages_are_reported_at_their_place() {
        let text = "title: J\nbase_url: https://example.org/\nlanguages: [ru, ru, english]\ntranslations:\n  de:\n    title: Z\n    subtitle: x\n";
        let (_, diags) = check(text);
        let found: Vec<(Code, String, usize)> = diags
            .iter()
            .map(|d| (d.code, d.message.clone(), d.primary.0.line_col().0))
            .collect();
        assert!(
            found.iter().any(|(c, m, l)| *c == Code::BadValue
                && m.contains("`ru` is listed twice")
                && *l == 3),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, _, l)| *c == Code::BadLanguage && *l == 3),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(c, m, l)| *c == Code::BadValue
                && m.contains("`de` is not one of the site's `languages`")
                && *l == 5),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, m, _)| *c == Code::UnknownField && m.contains("subtitle")),
            "{found:?}"
        );
        let (_, diags) = check("title: J\nbase_url: https://example.org/\nlanguages: ru\n");
        assert!(diags.iter().any(|d| d.code == Code::WrongType), "{diags:?}");
        let (_, diags) = check("title: J\nbase_url: https://example.org/\nlanguages: []\n");
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("lists no language")),
            "{diags:?}"
        );
    }
}

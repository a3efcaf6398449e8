//! Static pages (`content/pages/*.md`) and the home page's text (`content/_index.md`).
//!
//! **Decision.** On a site with several interface languages, a static page
//! is written in the default language (`about.md`), and each translation is
//! a file of its own named by the page's file name and the language's code
//! (`about.en.md`). The translation takes its address from its page, so
//! both trees have the page at the same slug (`/about/`, `/en/about/`), and
//! one file name can hold one language only: two texts for one language of
//! one page cannot be written. A code that is not one of the other
//! languages, and a translation without its page, are errors. A site of
//! one language reads file names as it always did (`about.en.md` is the
//! page `/about-en/`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::decode::Fields;
use crate::diag::{did_you_mean, Code, Diagnostic, SourceFile, Span};
use crate::model::{HomeText, Lang, PageTranslation, StaticPage};
use crate::yaml;

use super::front_matter;

/// The keys a static page's front matter accepts.
pub const FIELDS: &[&str] = &["title", "description", "slug", "draft", "extra"];

/// The keys a translated page's front matter accepts: those of a page,
/// `slug` aside, as the address is its page's. `slug` is accepted here only
/// to be reported with that reason.
pub const TRANSLATION_FIELDS: &[&str] = &["title", "description", "slug", "draft", "extra"];

/// The keys `_index.md`'s front matter accepts.
pub const HOME_FIELDS: &[&str] = &["title"];

/// What a file name in `content/pages/` says about the file.
enum Named {
    /// A page in the default language: `about.md`.
    Page,
    /// A translation of the page `page` into `lang`: `about.en.md`.
    Translation { lang: Lang, page: PathBuf },
    /// A code that does not name one of the site's other languages: the
    /// problem, to be placed in the file.
    Refused(Refusal),
}

/// Why a language code in a file name is refused.
struct Refusal {
    code: Code,
    message: String,
    label: String,
    help: String,
}

/// Reads every static page of `paths` (in name order), each with its
/// translations when `languages` (the site's, the default first) has more
/// than one.
pub fn read_all(
    root: &Path,
    paths: &[PathBuf],
    languages: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> Vec<StaticPage> {
    let default = &languages[0];
    let names: Vec<(&PathBuf, Named)> = paths
        .iter()
        .map(|path| (path, name_of(path, languages)))
        .collect();
    let mut pages = Vec::new();
    let mut translations = Vec::new();
    for (path, named) in &names {
        match named {
            Named::Page => pages.extend(read(root, path, default, diags)),
            Named::Translation { lang, page } => {
                let has_page = names
                    .iter()
                    .any(|(other, n)| matches!(n, Named::Page) && *other == page);
                if has_page {
                    translations.extend(read_translation(root, path, lang, diags));
                } else {
                    no_page(root, path, lang, page, default, diags);
                }
            }
            Named::Refused(refusal) => refuse(root, path, refusal, diags),
        }
    }
    // A translation whose page could not be read is left out: the page's
    // own problem is reported.
    for translation in translations {
        if let Some(page) = pages
            .iter_mut()
            .find(|p| page_file(translation.source.path()) == Some(p.source.path().to_path_buf()))
        {
            page.translations.push(translation);
        }
    }
    pages
}

/// What the name of `path` says, on a site of `languages`.
fn name_of(path: &Path, languages: &[Lang]) -> Named {
    if languages.len() < 2 {
        return Named::Page;
    }
    let Some((stem, code)) = split_code(path) else {
        return Named::Page;
    };
    let page_name = format!("{stem}.md");
    let others: Vec<&Lang> = languages[1..].iter().collect();
    let renamed = |code: &str| format!("`{stem}.{code}.md`");
    let listed = others
        .iter()
        .map(|l| renamed(l.as_str()))
        .collect::<Vec<_>>()
        .join(" or ");
    let default = &languages[0];
    if code != code.to_ascii_lowercase() {
        return Named::Refused(Refusal {
            code: Code::BadLanguage,
            message: format!("the language code `{code}` in the file name is not lowercase"),
            label: "a page in another language".into(),
            help: format!("rename the file {}", renamed(&code.to_ascii_lowercase())),
        });
    }
    let lang = match code.parse::<Lang>() {
        Ok(lang) => lang,
        Err(_) => {
            return Named::Refused(Refusal {
                code: Code::BadLanguage,
                message: format!("`{code}` in the file name is not a language code"),
                label: "a page in another language is named by its language's code".into(),
                help: format!(
                    "name the page's translation {listed}; for a page of its own, write a `-` instead of the dot: `{stem}-{code}.md`"
                ),
            });
        }
    };
    if &lang == default {
        return Named::Refused(Refusal {
            code: Code::BadValue,
            message: format!("`{lang}` in the file name is the site's default language"),
            label: "the page in the default language has no code".into(),
            help: format!("rename the file `{page_name}`"),
        });
    }
    if !others.contains(&&lang) {
        let near = did_you_mean(lang.as_str(), others.iter().map(|l| l.as_str()));
        return Named::Refused(Refusal {
            code: Code::BadValue,
            message: format!("`{lang}` in the file name is not one of the site's `languages`"),
            label: "no pages are made in this language".into(),
            help: match near {
                Some(near) => format!("did you mean {}?", renamed(near)),
                None => format!(
                    "name the page's translation {listed}, or add `{lang}` to `languages:` in journal.yaml"
                ),
            },
        });
    }
    Named::Translation {
        lang,
        page: path.with_file_name(page_name),
    }
}

/// `about` and `en` of `about.en.md`: a stem, a dot and two ASCII letters
/// before `.md`. Any other name has no code.
fn split_code(path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let (page, code) = stem.rsplit_once('.')?;
    (!page.is_empty() && code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| (page.to_string(), code.to_string()))
}

/// The page a translation at `path` belongs to: `about.en.md` to `about.md`.
fn page_file(path: &Path) -> Option<PathBuf> {
    let (stem, _) = split_code(path)?;
    Some(path.with_file_name(format!("{stem}.md")))
}

/// The file `path` as a source to point at (its first line), or why it
/// cannot be read.
fn source_of(root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Arc<SourceFile>> {
    super::read_source(root, path, false)
        .map_err(|d| diags.push(d))
        .ok()
}

/// Reports a file name whose language code is refused.
fn refuse(root: &Path, path: &Path, refusal: &Refusal, diags: &mut Vec<Diagnostic>) {
    let Some(file) = source_of(root, path, diags) else {
        return;
    };
    diags.push(
        Diagnostic::new(
            refusal.code,
            Span::file_start(&file),
            refusal.message.clone(),
        )
        .label(refusal.label.clone())
        .help(refusal.help.clone()),
    );
}

/// Reports a translation whose page, in the default language, is missing.
fn no_page(
    root: &Path,
    path: &Path,
    lang: &Lang,
    page: &Path,
    default: &Lang,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(file) = source_of(root, path, diags) else {
        return;
    };
    let page_name = page
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    diags.push(
        Diagnostic::new(
            Code::MissingField,
            Span::file_start(&file),
            format!(
                "no page `{page_name}` for this {} translation",
                lang.english_name()
            ),
        )
        .label(format!("a translation of {}, which does not exist", page.display()))
        .help(format!(
            "add `{page_name}` in {} ({default}), the site's default language: it gives the page its address, and the {} tree shows this translation",
            default.english_name(),
            lang.english_name()
        )),
    );
}

/// A page's file read, its front matter split off and parsed: what a page
/// and a translation read alike.
fn front(
    root: &Path,
    relative: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Arc<SourceFile>, front_matter::Split, yaml::Node)> {
    let file = super::read_source(root, relative, true)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = front_matter::split(&file, true)
        .map_err(|d| diags.push(d))
        .ok()?;
    let node = yaml::parse(&file, split.yaml.clone())
        .map_err(|d| diags.push(d))
        .ok()?;
    Some((file, split, node))
}

/// Reads a static page in the default language, `lang`.
pub fn read(
    root: &Path,
    relative: &Path,
    lang: &Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<StaticPage> {
    let (file, split, node) = front(root, relative, diags)?;
    let mut f = Fields::new(
        &file,
        &node,
        "a static page",
        FIELDS,
        split.opening.clone(),
        diags,
    )?;
    let title = f.required_text("title", "About the journal");
    let description = f.text("description").map(|d| d.value);
    let (slug, slug_span) = super::read_slug(&mut f, relative, "about");
    let draft = f.flag("draft").unwrap_or(false);
    let extra = f.extra();
    Some(StaticPage {
        body: split.body.clone(),
        source: file.clone(),
        slug: slug?,
        slug_span,
        lang: lang.clone(),
        title: title?.value,
        description,
        draft,
        extra,
        translations: Vec::new(),
    })
}

/// Reads a static page's translation into `lang` (`about.en.md`).
fn read_translation(
    root: &Path,
    relative: &Path,
    lang: &Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<PageTranslation> {
    let (file, split, node) = front(root, relative, diags)?;
    let mut f = Fields::new(
        &file,
        &node,
        "a page's translation",
        TRANSLATION_FIELDS,
        split.opening.clone(),
        diags,
    )?;
    if f.get("slug").is_some() {
        let span = f.span_of("slug");
        let page = page_file(relative)
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        f.report(
            Diagnostic::new(
                Code::UnknownField,
                span,
                "a page's translation has no `slug` of its own",
            )
            .label("the address is the page's")
            .help(format!(
                "remove this line: every language's tree has the page at the address of `{page}`; to change it, set `slug:` there"
            )),
        );
    }
    let title = f.required_text("title", "About the journal");
    let description = f.text("description").map(|d| d.value);
    let draft = f.flag("draft").unwrap_or(false);
    let extra = f.extra();
    Some(PageTranslation {
        lang: lang.clone(),
        source: file.clone(),
        body: split.body.clone(),
        title: title?.value,
        description,
        draft,
        extra,
    })
}

/// Reads `content/_index.md`, whose front matter is optional.
/// Reads the home text `home` (`content/_index.md`) with its translations
/// (`_index.en.md`), named like a static page's, on a site of `languages`
/// (the default first). On a site of one language a translation is a
/// warning, and is left out.
pub fn read_home_all(
    root: &Path,
    home: Option<&PathBuf>,
    translations: &[PathBuf],
    languages: &[Lang],
    diags: &mut Vec<Diagnostic>,
) -> Option<HomeText> {
    let mut text = home.and_then(|path| read_home(root, path, diags));
    for path in translations {
        if languages.len() < 2 {
            if let Some(file) = source_of(root, path, diags) {
                diags.push(
                    Diagnostic::new(
                        Code::StrayContent,
                        Span::file_start(&file),
                        "a home text in another language, on a site of one language",
                    )
                    .label("ignored by quire")
                    .help("list the site's languages in journal.yaml (`languages: [ru, en]`) to give the home page a text in each, or delete the file"),
                );
            }
            continue;
        }
        match name_of(path, languages) {
            Named::Translation { lang, page } => match text.as_mut() {
                Some(home) => {
                    if let Some(mut translated) = read_home(root, path, diags) {
                        translated.lang = Some(lang);
                        home.translations.push(translated);
                    }
                }
                None => no_page(root, path, &lang, &page, &languages[0], diags),
            },
            Named::Refused(refusal) => refuse(root, path, &refusal, diags),
            Named::Page => {}
        }
    }
    text
}

/// Reads the home text at `relative`, in the default language.
pub fn read_home(root: &Path, relative: &Path, diags: &mut Vec<Diagnostic>) -> Option<HomeText> {
    let file = super::read_source(root, relative, false)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = front_matter::split(&file, false)
        .map_err(|d| diags.push(d))
        .ok()?;
    let mut title = None;
    if !split.yaml.is_empty() {
        let node = yaml::parse(&file, split.yaml.clone())
            .map_err(|d| diags.push(d))
            .ok()?;
        if !node.is_null() {
            let mut f = Fields::new(
                &file,
                &node,
                "the home page",
                HOME_FIELDS,
                split.opening.clone(),
                diags,
            )?;
            title = f.text("title").map(|t| t.value);
        }
    }
    Some(HomeText {
        body: split.body.clone(),
        source: file,
        title,
        lang: None,
        translations: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(codes: &[&str]) -> Vec<Lang> {
        codes
            .iter()
            .map(|c| c.parse().expect("a language"))
            .collect()
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("content/pages")).expect("folders");
        for (name, text) in files {
            std::fs::write(dir.path().join("content/pages").join(name), text).expect("a page");
        }
        dir
    }

    fn paths(files: &[(&str, &str)]) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, _)| Path::new("content/pages").join(name))
            .collect();
        paths.sort();
        paths
    }

    #[test]
    fn a_translation_joins_its_page_and_keeps_its_address() {
        let files = [
            (
                "about.md",
                "---\ntitle: О журнале\nslug: journal\n---\nТекст.\n",
            ),
            ("about.en.md", "---\ntitle: About\n---\nText.\n"),
            ("policy.md", "---\ntitle: Политика\n---\n"),
        ];
        let dir = site(&files);
        let mut diags = Vec::new();
        let pages = read_all(
            dir.path(),
            &paths(&files),
            &langs(&["ru", "en"]),
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(pages.len(), 2);
        let about = &pages[0];
        assert_eq!(about.slug.as_str(), "journal");
        assert_eq!(about.lang.as_str(), "ru");
        assert_eq!(about.translations.len(), 1);
        let en: Lang = "en".parse().unwrap();
        assert_eq!(about.text_in(&en).title, "About");
        assert_eq!(about.text_in(&en).lang, &en);
        assert_eq!(pages[1].text_in(&en).title, "Политика");
        assert_eq!(pages[1].text_in(&en).lang.as_str(), "ru");
    }

    #[test]
    fn one_language_reads_names_as_before() {
        let files = [("about.en.md", "---\ntitle: About\n---\n")];
        let dir = site(&files);
        let mut diags = Vec::new();
        let pages = read_all(dir.path(), &paths(&files), &langs(&["en"]), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(pages[0].slug.as_str(), "about-en");
        assert!(pages[0].translations.is_empty());
    }

    #[test]
    fn codes_that_name_no_other_language_are_errors_at_the_file() {
        let files = [
            ("about.md", "---\ntitle: О журнале\n---\n"),
            ("about.de.md", "---\ntitle: Über uns\n---\n"),
            ("about.ne.md", "---\ntitle: About\n---\n"),
            ("about.ru.md", "---\ntitle: О журнале\n---\n"),
            ("about.zz.md", "---\ntitle: Z\n---\n"),
            ("about.EN.md", "---\ntitle: About\n---\n"),
            ("team.en.md", "---\ntitle: Team\nslug: team\n---\n"),
            ("v1.2.md", "---\ntitle: Version\n---\n"),
        ];
        let dir = site(&files);
        let mut diags = Vec::new();
        let pages = read_all(
            dir.path(),
            &paths(&files),
            &langs(&["ru", "en"]),
            &mut diags,
        );
        let found: Vec<(String, String, String)> = diags
            .iter()
            .map(|d| {
                (
                    d.path().display().to_string(),
                    d.code.as_str().to_string(),
                    d.message.clone(),
                )
            })
            .collect();
        let has = |file: &str, code: &str, words: &str| {
            assert!(
                found
                    .iter()
                    .any(|(f, c, m)| f.ends_with(file) && c == code && m.contains(words)),
                "{file} {code} {words}: {found:#?}"
            );
        };
        has("about.de.md", "E030", "`de` in the file name is not one of");
        has("about.ne.md", "E030", "`ne`");
        has("about.ru.md", "E030", "default language");
        has("about.zz.md", "E021", "`zz`");
        has("about.EN.md", "E021", "lowercase");
        has("team.en.md", "E010", "no page `team.md`");
        assert_eq!(found.len(), 6, "{found:#?}");
        let near = diags
            .iter()
            .find(|d| d.path().ends_with("about.ne.md"))
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(near.contains("`about.en.md`"), "{near}");
        // `v1.2.md` has no code: it is a page, as before.
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["about", "v1-2"]);
        for d in &diags {
            assert_eq!(d.primary.0.line_col(), (1, 1), "{d:?}");
        }
    }

    #[test]
    fn a_translation_takes_no_slug() {
        let files = [
            ("about.md", "---\ntitle: О журнале\n---\n"),
            ("about.en.md", "---\ntitle: About\nslug: about-us\n---\n"),
        ];
        let dir = site(&files);
        let mut diags = Vec::new();
        read_all(
            dir.path(),
            &paths(&files),
            &langs(&["ru", "en"]),
            &mut diags,
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::UnknownField);
        assert_eq!(diags[0].primary.0.line_col(), (3, 7));
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`about.md`"));
    }
}

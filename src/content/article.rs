//! An article file: front matter fields checked into an [`Article`].

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::config::{bad_email, Config};
use crate::decode::{Fields, Spanned};
use crate::diag::{Code, Diagnostic, SourceFile, Span};
use crate::model::{
    check_email, Affiliation, Article, Author, Doi, Inline, Issue, Lang, Markdown, Orcid,
    PageRange, Pdf, Translation,
};
use crate::taxonomy::gazetteer::Country;
use crate::taxonomy::Gazetteer;
use crate::yaml::{self, Node, NodeKind};

use super::front_matter;
use super::markdown;
use super::walk::IssueDir;

/// The keys an article's front matter accepts.
pub const FIELDS: &[&str] = &[
    "title",
    "subtitle",
    "authors",
    "doi",
    "pages",
    "section",
    "language",
    "abstract",
    "keywords",
    "countries",
    "pdf",
    "received",
    "revised",
    "accepted",
    "published",
    "license",
    "funding",
    "references",
    "translations",
    "slug",
    "draft",
    "extra",
];

/// The keys of one author.
pub const AUTHOR_FIELDS: &[&str] = &[
    "name",
    "family",
    "given",
    "name_original",
    "degrees",
    "position",
    "affiliation",
    "address",
    "email",
    "orcid",
    "corresponding",
];

/// The keys of one translation.
pub const TRANSLATION_FIELDS: &[&str] = &["title", "subtitle", "abstract", "keywords"];

/// Reads the article at `relative` (a path under the site root) in `issue`.
pub fn read(
    root: &Path,
    relative: &Path,
    issue: &Issue,
    config: &Config,
) -> (Option<Article>, Vec<Diagnostic>) {
    read_from(root, relative, issue, config, None)
}

/// [`read`] for an article the walk has just listed in `folder`: the file
/// is opened directly ([`super::read_walked_source`]), and a PDF under the
/// article's default name is looked for among the folder's files first.
/// The same checks as [`read`], with a few system calls fewer per article.
pub fn read_walked(
    root: &Path,
    relative: &Path,
    issue: &Issue,
    config: &Config,
    folder: &IssueDir,
) -> (Option<Article>, Vec<Diagnostic>) {
    read_from(root, relative, issue, config, Some(folder))
}

fn read_from(
    root: &Path,
    relative: &Path,
    issue: &Issue,
    config: &Config,
    folder: Option<&IssueDir>,
) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let file = match folder {
        Some(_) => super::read_walked_source(root, relative, true),
        None => super::read_source(root, relative, true),
    };
    let file = match file {
        Ok(file) => file,
        Err(d) => return (None, vec![d]),
    };
    let split = match front_matter::split(&file, true) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    // The body is read again to render; the article keeps of the file only
    // the lines its spans need (`keep_spanned_lines`).
    let has_body = !file.text()[split.body.clone()].trim().is_empty();
    let node = match yaml::parse(&file, split.yaml.clone()) {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let article = decode(
        Place {
            root,
            relative,
            folder,
        },
        &file,
        &node,
        &split,
        issue,
        config,
        &mut diags,
    )
    .map(|mut article| {
        article.has_body = has_body;
        keep_spanned_lines(&mut article);
        article
    });
    (article, diags)
}

/// The article keeps of its front matter only the lines its spans point
/// into (`slug:`, `doi:`, the keywords) and the opening `---`: the rest,
/// most of it the abstracts, is already in its fields, and the model
/// holds every article for the whole build.
fn keep_spanned_lines(article: &mut Article) {
    let Article {
        source,
        slug_span,
        doi_span,
        keyword_spans,
        translations,
        ..
    } = article;
    let mut spans: Vec<&mut Span> = slug_span
        .iter_mut()
        .chain(doi_span.iter_mut())
        .chain(keyword_spans.iter_mut())
        .chain(
            translations
                .iter_mut()
                .flat_map(|t| t.keywords_span.iter_mut()),
        )
        .collect();
    *source = source.excerpt(&mut spans);
}

/// Where an article file is: the site, its path under it, and what the
/// walk found beside it (when it was walked).
#[derive(Clone, Copy)]
struct Place<'p> {
    root: &'p Path,
    relative: &'p Path,
    folder: Option<&'p IssueDir>,
}

fn decode(
    place: Place<'_>,
    file: &Arc<SourceFile>,
    node: &Node,
    split: &front_matter::Split,
    issue: &Issue,
    config: &Config,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let Place { relative, .. } = place;
    let opening = split.opening.clone();
    let mut f = Fields::new(file, node, "an article", FIELDS, opening.clone(), diags)?;
    let title = f.required_text(
        "title",
        "Central Asia in Search for its Own Way of Integration",
    );
    let subtitle = f.text("subtitle");
    let authors = read_authors(&mut f);
    let doi = f.parsed::<Doi>(
        "doi",
        Code::BadDoi,
        "write the DOI as `10.NNNN/suffix`, such as `doi: 10.24833/2071-8160-2018-4-61-78-91`",
    );
    if let (Some(doi), Some(prefix)) = (&doi, &config.doi_prefix) {
        if doi.value.prefix() != prefix {
            f.report(
                Diagnostic::new(Code::DoiOutsidePrefix, doi.span.clone(), format!("the DOI lies outside the journal's prefix {prefix}"))
                    .label(format!("prefix {}", doi.value.prefix()))
                    .help("check the DOI; an article registered by another publisher keeps its DOI, and this warning can then be ignored"),
            );
        }
    }
    let pages = f.parsed::<PageRange>(
        "pages",
        Code::BadPages,
        "write the pages as `78-91` or a single page `5`",
    );
    let section = f.text("section").map(|s| s.value);
    let language = f
        .parsed::<Lang>(
            "language",
            Code::BadLanguage,
            "use a two-letter ISO 639-1 code such as `en` or `ru`",
        )
        .map(|l| l.value);
    let abstract_md = f.required_text("abstract", "The article asks ...");
    let keywords = f.text_list("keywords");
    if f.get("keywords").is_none() && !f.misspelt("keywords") {
        f.report(
            Diagnostic::new(Code::MissingKeywords, opening.clone(), "the article has no keywords")
                .label("no `keywords` field")
                .help("add `keywords: [first, second, ...]` so that readers and indexers can find the article"),
        );
    }
    let (countries, regions) = places(&mut f, &keywords);
    let pdf = read_pdf(&mut f, place);
    let received = f.date("received");
    let revised = f.date("revised");
    let accepted = f.date("accepted");
    check_order(
        &mut f,
        &[
            ("received", &received),
            ("revised", &revised),
            ("accepted", &accepted),
        ],
    );
    let published = f.date("published");
    let license = crate::config::read_license(&mut f);
    let funding = f.text("funding").map(|s| s.value);
    let references = values(f.text_or_list("references"));
    let translations = read_translations(&mut f);
    let (slug, slug_span) = super::read_slug(&mut f, relative, "central-asia-integration");
    let draft = f.flag("draft").unwrap_or(false);
    let extra = f.extra();

    let title = title?;
    let abstract_md = abstract_md?;
    let authors = authors?;
    let file_stem = relative
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Article {
        source: Arc::clone(file),
        has_body: false,
        issue: issue.id,
        file_stem,
        slug: slug?,
        slug_span,
        title: Inline::new(title.value),
        subtitle: subtitle.map(|s| Inline::new(s.value)),
        authors,
        doi_span: doi.as_ref().map(|d| d.span.clone()),
        doi: doi.map(|d| d.value),
        pages: pages.map(|p| p.value),
        section,
        language: language.unwrap_or_else(|| config.language.clone()),
        abstract_: Markdown::new(abstract_md.value),
        keyword_spans: keywords.iter().map(|k| k.span.clone()).collect(),
        keywords: values(keywords),
        countries,
        regions,
        pdf,
        received: received.map(|d| d.value),
        revised: revised.map(|d| d.value),
        accepted: accepted.map(|d| d.value),
        published: published.map_or(issue.published, |d| d.value),
        license: license.or_else(|| config.license.clone()),
        funding,
        references,
        translations,
        draft,
        extra,
    })
}

/// The values of a list read from the front matter, in a list of their
/// own size: collected in place from the spanned list, they would keep its
/// capacity (twice the size, and more with the room it grew by) for the
/// whole build.
fn values(list: Vec<Spanned<String>>) -> Vec<String> {
    let mut out = Vec::with_capacity(list.len());
    out.extend(list.into_iter().map(|item| item.value));
    out
}

/// The article's countries (its `countries` entries, then its keywords that
/// name a country) and regions (its countries', then keywords that name one).
fn places(
    f: &mut Fields<'_>,
    keywords: &[Spanned<String>],
) -> (Vec<&'static str>, Vec<&'static str>) {
    let gazetteer = Gazetteer::get();
    let mut countries: Vec<&'static str> = Vec::new();
    for entry in f.text_list("countries") {
        match country(gazetteer, entry) {
            Ok(country) => {
                if !countries.contains(&country.alpha2) {
                    countries.push(country.alpha2);
                }
            }
            Err(d) => f.report(d),
        }
    }
    for keyword in keywords {
        if let Some(country) = gazetteer.from_keyword(&keyword.value) {
            if !countries.contains(&country.alpha2) {
                countries.push(country.alpha2);
            }
        }
    }
    let mut regions: Vec<&'static str> = Vec::new();
    for code in &countries {
        if let Some(region) = gazetteer.by_code(code).and_then(|c| c.region.as_ref()) {
            if !regions.contains(&region.code) {
                regions.push(region.code);
            }
        }
    }
    for keyword in keywords {
        if let Some(region) = gazetteer.region_by_name(&keyword.value) {
            if !regions.contains(&region.code) {
                regions.push(region.code);
            }
        }
    }
    (countries, regions)
}

/// The country an editor names in `entry` (an ISO code, or a name in
/// English or Russian), or the error saying it is unknown: the rule of an
/// article's `countries` and of an affiliation's `country`.
fn country(
    gazetteer: &'static Gazetteer,
    entry: Spanned<String>,
) -> Result<&'static Country, Diagnostic> {
    if let Some(country) = gazetteer
        .by_code(&entry.value)
        .or_else(|| gazetteer.by_name(&entry.value))
    {
        return Ok(country);
    }
    let d = Diagnostic::new(
        Code::UnknownCountry,
        entry.span,
        format!("unknown country `{}`", entry.value),
    )
    .label("not an ISO 3166-1 code or a country name quire knows");
    Err(match gazetteer.suggest(&entry.value) {
        Some(near) => d.help(format!("did you mean `{}` ({})?", near.name, near.alpha2)),
        None => d.help("give the two-letter ISO code (`KZ`), the three-letter one (`KAZ`) or the English name (`Kazakhstan`)"),
    })
}

/// The keys of an affiliation written as a mapping.
const AFFILIATION_FIELDS: &[&str] = &["name", "country"];

/// An author's `affiliation`: one or a list, each the institution's name
/// as text or a mapping `{name: ..., country: ...}` whose country is read
/// as an article's `countries` are. A mapping with neither key is an
/// institution whose name holds `: ` and wants quotes, and is reported so.
fn read_affiliations(a: &mut Fields<'_>) -> Vec<Affiliation> {
    let Some(node) = a.get("affiliation") else {
        return Vec::new();
    };
    let items = match &node.kind {
        NodeKind::Seq(items) => items.as_slice(),
        NodeKind::Map(_) => std::slice::from_ref(node),
        _ => {
            let names = a.text_or_list("affiliation");
            let mut out = Vec::with_capacity(names.len());
            out.extend(names.into_iter().map(|n| Affiliation {
                name: n.value,
                country: None,
            }));
            return out;
        }
    };
    let file = a.file();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let is_mapping = item.as_map().is_some_and(|entries| {
            entries
                .iter()
                .any(|e| AFFILIATION_FIELDS.contains(&e.key.as_str()))
        });
        if !is_mapping {
            if let Some(name) = a.item_text("affiliation", item) {
                out.push(Affiliation {
                    name: name.value,
                    country: None,
                });
            }
            continue;
        }
        let at = a.span(item);
        let Some(mut m) = Fields::new(
            file,
            item,
            "an affiliation",
            AFFILIATION_FIELDS,
            at,
            a.diags(),
        ) else {
            continue;
        };
        let name = m.required_text("name", "MGIMO University");
        let country = m
            .text("country")
            .and_then(|entry| match country(Gazetteer::get(), entry) {
                Ok(c) => Some(c.alpha2),
                Err(d) => {
                    m.report(d);
                    None
                }
            });
        if let Some(name) = name {
            out.push(Affiliation {
                name: name.value,
                country,
            });
        }
    }
    out
}

fn check_order(f: &mut Fields<'_>, dates: &[(&str, &Option<Spanned<NaiveDate>>)]) {
    let present: Vec<(&str, &Spanned<NaiveDate>)> = dates
        .iter()
        .filter_map(|(key, date)| date.as_ref().map(|d| (*key, d)))
        .collect();
    for pair in present.windows(2) {
        let (earlier_key, earlier) = pair[0];
        let (later_key, later) = pair[1];
        if later.value < earlier.value {
            f.report(
                Diagnostic::new(
                    Code::DateOrder,
                    later.span.clone(),
                    format!("`{later_key}` ({}) comes before `{earlier_key}` ({})", later.value, earlier.value),
                )
                .label(format!("earlier than `{earlier_key}`"))
                .secondary(earlier.span.clone(), format!("`{earlier_key}` is here"))
                .help("the dates go received, then revised, then accepted; check for a mistyped year or month"),
            );
        }
    }
}

fn read_authors(f: &mut Fields<'_>) -> Option<Vec<Author>> {
    if f.get("authors").is_none() {
        f.missing("authors", "\n  - name: Evgeniya V. Makhmutova");
        return None;
    }
    let items = f.list("authors")?;
    if items.is_empty() {
        let span = f.span_of("authors");
        f.report(
            Diagnostic::new(Code::MissingField, span, "`authors` is empty")
                .label("at least one author is needed")
                .help("add `- name: ...` for each author, in byline order"),
        );
        return None;
    }
    let file = f.file();
    let mut authors = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in items {
        let span = Span::new(file, item.span.clone());
        match read_author(file, item, span, f.diags()) {
            Some(author) => authors.push(author),
            None => ok = false,
        }
    }
    ok.then_some(authors)
}

fn read_author(
    file: &Arc<SourceFile>,
    node: &Node,
    at: Span,
    diags: &mut Vec<Diagnostic>,
) -> Option<Author> {
    let mut a = Fields::new(file, node, "an author", AUTHOR_FIELDS, at, diags)?;
    let name = a.required_text("name", "Evgeniya V. Makhmutova");
    let family = a.text("family").map(|s| s.value);
    let given = a.text("given").map(|s| s.value);
    let affiliations = read_affiliations(&mut a);
    let email = a
        .text("email")
        .and_then(|email| match check_email(&email.value) {
            Ok(()) => Some(email.value),
            Err(why) => {
                a.report(bad_email(email.span, "email", &why));
                None
            }
        });
    let orcid = a
        .parsed::<Orcid>(
            "orcid",
            Code::BadOrcid,
            "copy the iD from the author's ORCID record, such as `0000-0002-1825-0097`; a wrong last character usually means a mistyped digit",
        )
        .map(|o| o.value);
    let corresponding = a.flag("corresponding").unwrap_or(false);
    let name = name?.value;
    let (default_family, default_given) = match name.rsplit_once(' ') {
        Some((given, family)) => (family.to_string(), given.to_string()),
        None => (name.clone(), String::new()),
    };
    Some(Author {
        family: family.unwrap_or(default_family),
        given: given.unwrap_or(default_given),
        name_original: a.text("name_original").map(|s| s.value),
        degrees: a.text("degrees").map(|s| s.value),
        position: a.text("position").map(|s| s.value),
        address: a.text("address").map(|s| s.value),
        name,
        affiliations,
        email,
        orcid,
        corresponding,
    })
}

fn read_pdf(f: &mut Fields<'_>, place: Place<'_>) -> Option<Pdf> {
    let Place {
        root,
        relative,
        folder,
    } = place;
    let dir = relative.parent().unwrap_or(Path::new(""));
    let named = f.text("pdf");
    let (name, span) = match named {
        Some(text) => (text.value, Some(text.span)),
        None => {
            let stem = relative.file_stem()?.to_string_lossy().into_owned();
            let name = format!("{stem}.pdf");
            // Not among the files the walk found beside the article: no
            // PDF under its default name, and nothing to report.
            if folder.is_some_and(|folder| !folder.files.contains(&name)) {
                return None;
            }
            (name, None)
        }
    };
    let inside = markdown::normalise(Path::new(&name)).filter(|p| p.components().count() >= 1);
    let Some(inside) = inside else {
        if let Some(span) = span {
            f.report(
                Diagnostic::new(
                    Code::UnsafePath,
                    span,
                    format!("`{name}` is outside the article's folder"),
                )
                .label("the PDF must sit in the article's folder")
                .help("put the PDF beside the article and give its file name"),
            );
        }
        return None;
    };
    let source = dir.join(&inside);
    // The PDF is published as it is: it must be a regular file inside the
    // site, not a link out of it (`crate::inside`).
    let refused = match crate::inside::resolve(root, &source) {
        Ok(real) if real.meta.is_file() => {
            return Some(Pdf {
                file_name: inside.file_name()?.to_string_lossy().into_owned(),
                source,
                size: real.meta.len(),
            })
        }
        Ok(_) => None,
        Err(refused) => Some(refused),
    };
    match (refused, span) {
        (Some(refused), span) if !refused.is_missing() => f.report(match span {
            Some(span) => refused.diagnostic_at("the PDF", span),
            None => refused.diagnostic("the PDF"),
        }),
        (None, span) => {
            // A folder where the PDF should be.
            let at = span.unwrap_or_else(|| Span::file_start(f.file()));
            f.report(
                Diagnostic::new(Code::MissingPdf, at, format!("the PDF `{name}` is a folder, not a file"))
                    .label(format!("{} is a folder", source.display()))
                    .help("put the PDF file itself beside the article, or correct the name"),
            );
        }
        (_, Some(span)) => f.report(
            Diagnostic::new(Code::MissingPdf, span, format!("the PDF `{name}` does not exist"))
                .label(format!("no file {}", source.display()))
                .help("add the PDF beside the article, correct the name (names are case-sensitive), or remove `pdf:` to use `<article name>.pdf` when it exists"),
        ),
        (_, None) => {}
    }
    None
}

fn read_translations(f: &mut Fields<'_>) -> Vec<Translation> {
    let Some(node) = f.get("translations") else {
        return Vec::new();
    };
    let Some(entries) = node.as_map() else {
        let span = f.span(node);
        f.report(
            Diagnostic::new(Code::WrongType, span, format!("`translations` must be a set of languages, found {}", node.kind_name()))
                .label("expected `ru:` and the fields under it")
                .help("write `translations:`, then `  ru:` and under it `title:`, `abstract:` and `keywords:`"),
        );
        return Vec::new();
    };
    let file = f.file();
    let mut out = Vec::new();
    for entry in entries {
        let lang = match entry.key.parse::<Lang>() {
            Ok(lang) => Some(lang),
            Err(why) => {
                f.report(
                    Diagnostic::new(
                        Code::BadLanguage,
                        Span::new(file, entry.key_span.clone()),
                        format!("invalid translation language: {why}"),
                    )
                    .label("not a language code")
                    .help("name each translation by a two-letter code such as `ru`"),
                );
                None
            }
        };
        let at = Span::new(file, entry.key_span.clone());
        let Some(mut t) = Fields::new(
            file,
            &entry.value,
            "a translation",
            TRANSLATION_FIELDS,
            at,
            f.diags(),
        ) else {
            continue;
        };
        let title = t.text("title");
        let subtitle = t.text("subtitle");
        let abstract_md = t.text("abstract");
        let keywords_span = t.get("keywords").map(|node| t.span(node));
        let keywords = values(t.text_list("keywords"));
        if let Some(lang) = lang {
            let title = title.map(|s| s.value).unwrap_or_default();
            let abstract_md = abstract_md.map(|s| s.value).unwrap_or_default();
            out.push(Translation {
                lang,
                title: Inline::new(title),
                subtitle: subtitle.map(|s| Inline::new(s.value)),
                abstract_: Markdown::new(abstract_md),
                keywords,
                keywords_span,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IssueId;
    use proptest::prelude::*;

    fn issue() -> Issue {
        Issue {
            id: IssueId {
                year: 2018,
                number: 4,
            },
            whole_number: None,
            volume: None,
            title: None,
            published: NaiveDate::from_ymd_opt(2018, 8, 30).unwrap(),
            cover: None,
            dir: "content/2018/4".into(),
            articles: Vec::new(),
        }
    }

    fn config() -> Config {
        let file = SourceFile::new("journal.yaml", "title: J\nbase_url: https://example.org/\n");
        crate::config::parse(&file, None, &mut Vec::new()).unwrap()
    }

    fn read_text(text: &[u8]) -> (Option<Article>, Vec<Diagnostic>) {
        let root = tempfile::tempdir().unwrap();
        let relative = Path::new("content/2018/4/a.md");
        std::fs::create_dir_all(root.path().join("content/2018/4")).unwrap();
        std::fs::write(root.path().join(relative), text).unwrap();
        read(root.path(), relative, &issue(), &config())
    }

    #[test]
    fn a_complete_article_reads_cleanly() {
        let (article, diags) = read_text(
            "---\ntitle: A *title*\nauthors:\n  - name: Zhang Wei\n    family: Zhang\n    given: Wei\n    affiliation: [A, B]\n    orcid: https://orcid.org/0000-0002-1825-0097\npages: 65\ndoi: https://doi.org/10.1234/X\nabstract: Text.\nkeywords: [a]\nreceived: 2018-01-02\naccepted: 2018-03-04\n---\n\nBody\n"
                .as_bytes(),
        );
        assert!(diags.is_empty(), "{diags:?}");
        let article = article.unwrap();
        assert_eq!(article.title.html(), "A <em>title</em>");
        assert_eq!(article.authors[0].family, "Zhang");
        let names: Vec<&str> = article.authors[0]
            .affiliations
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["A", "B"]);
        assert_eq!(article.pages.unwrap().to_string(), "65");
        assert_eq!(article.doi.unwrap().as_str(), "10.1234/X");
        assert!(article.has_body);
        assert!(!article.source.text().contains("Body"));
        // The abstract is in its field, not kept twice; the DOI's place is.
        assert!(!article.source.text().contains("Text."));
        let doi = article.doi_span.as_ref().unwrap();
        assert_eq!(doi.line_col(), (10, 6));
        assert_eq!(
            &doi.file.text()[doi.range.clone()],
            "https://doi.org/10.1234/X"
        );
    }

    #[test]
    fn every_problem_in_one_file_is_reported() {
        let (article, diags) = read_text(
            b"---\ntitle: T\nauthors:\n  - name: A\n    orcid: 0000-0002-1825-0098\n    email: nope\ndoi: 11.1/x\npages: 9-3\nkeywrods: [x]\nreceived: 2018-02-30\nabstract: x\n---\n",
        );
        assert!(article.is_none() || !diags.is_empty());
        let mut codes: Vec<_> = diags.iter().map(|d| d.code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["E012", "E013", "E015", "E017", "E019", "E020"]);
    }

    /// The affiliations of the first author of an article whose author
    /// writes `affiliation` as given (indented under the author).
    fn affiliations(affiliation: &str) -> (Vec<Affiliation>, Vec<Diagnostic>) {
        let text = format!(
            "---\ntitle: T\nauthors:\n  - name: A B\n    affiliation:{affiliation}\nabstract: x\nkeywords: [k]\n---\n"
        );
        let (article, diags) = read_text(text.as_bytes());
        let affs = article.map_or_else(Vec::new, |a| a.authors[0].affiliations.clone());
        (affs, diags)
    }

    #[test]
    fn an_affiliation_may_give_its_country() {
        let (affs, diags) = affiliations(
            "\n      - MGIMO University\n      - {name: Nazarbayev University, country: Казахстан}\n      - name: Free University of Berlin\n        country: DEU",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let got: Vec<(&str, Option<&str>)> =
            affs.iter().map(|a| (a.name.as_str(), a.country)).collect();
        assert_eq!(
            got,
            [
                ("MGIMO University", None),
                ("Nazarbayev University", Some("KZ")),
                ("Free University of Berlin", Some("DE"))
            ]
        );
        let (affs, diags) = affiliations(" {name: U, country: kz}");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(affs[0].country, Some("KZ"));
    }

    #[test]
    fn an_affiliations_unknown_country_is_an_error_with_a_suggestion() {
        let (_, diags) = affiliations(" {name: U, country: Kazahstan}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.code, Code::UnknownCountry);
        assert_eq!(d.message, "unknown country `Kazahstan`");
        assert_eq!(d.primary.0.line_col(), (5, 37));
        assert!(
            d.help.as_deref().unwrap_or("").contains("Kazakhstan"),
            "{d:?}"
        );
    }

    #[test]
    fn an_affiliation_mapping_is_checked_like_any_other() {
        // A missing name, an unknown field.
        let (_, diags) = affiliations(" {country: KZ, city: Almaty}");
        let mut codes: Vec<_> = diags.iter().map(|d| d.code.as_str()).collect();
        codes.sort();
        assert_eq!(codes, ["E010", "E012"], "{diags:?}");
        let unknown = diags.iter().find(|d| d.code == Code::UnknownField);
        assert_eq!(
            unknown.and_then(|d| d.help.as_deref()),
            Some("an affiliation takes `name` and `country`"),
            "an affiliation has no `extra:` to suggest"
        );
        // A name with `: ` in it is text wanting quotes, not a mapping.
        let (_, diags) = affiliations(" [Institute of Economics: Department of Trade]");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].help.as_deref().unwrap_or("").contains("quotes"),
            "{diags:?}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn no_input_panics(noise in proptest::collection::vec(any::<u8>(), 0..200), cut in 0usize..400) {
            let mut text = b"---\ntitle: T\nauthors:\n  - name: A B\n    orcid: 0000-0002-1825-0097\nabstract: |\n  x\nkeywords: [a, 'b']\npages: 1-2\n---\nbody [x](y.md) ![i](../z.png)\n".to_vec();
            let at = cut.min(text.len());
            text.splice(at..at, noise);
            let _ = read_text(&text);
        }

        #[test]
        fn no_text_panics(text in "\\PC{0,300}") {
            let _ = read_text(text.as_bytes());
            let _ = read_text(format!("---\n{text}\n---\n").as_bytes());
        }
    }
}

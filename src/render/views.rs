//! Views: the plain data templates see, made from the model.
//!
//! Every address in a view already carries the base path (`path`) or the
//! whole base URL (`url`); fields ending in `_html` are safe HTML, the rest
//! is text for Tera to escape. `docs/templates.md` is the contract.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{
    Archive, Article, ArticleIdx, ArticleProse, Author, Inline, Issue, Lang, License, SitePath,
};
use crate::scholarly::{self, ArticleUrls};
use crate::site::{ArticleFile, Site};
use crate::taxonomy::{Kind, Name};

use crate::text::Text;

/// A date shown and machine-readable.
#[derive(Serialize)]
pub struct DateView {
    display: String,
    iso: String,
}

impl DateView {
    /// `date` as `text`'s language writes it.
    fn new(date: NaiveDate, text: &Text) -> Self {
        Self {
            display: text.date(date),
            iso: date.to_string(),
        }
    }
}

/// A licence.
#[derive(Serialize)]
pub struct LicenseView<'a> {
    id: &'a str,
    name: &'a str,
    url: &'a str,
}

impl<'a> LicenseView<'a> {
    /// The view of `license`.
    pub fn new(license: &'a License) -> Self {
        Self {
            id: &license.id,
            name: &license.name,
            url: &license.url,
        }
    }
}

/// An issue, with or without its contents.
#[derive(Serialize)]
pub struct IssueView<'a> {
    year: u16,
    number: u32,
    volume: Option<u32>,
    whole_number: Option<u32>,
    title: Option<&'a str>,
    label: String,
    published: String,
    published_iso: String,
    path: String,
    url: String,
    cover_path: Option<String>,
    article_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sections: Option<Vec<SectionView<'a>>>,
}

impl<'a> IssueView<'a> {
    /// The view of `issue`; with `contents`, its articles grouped by section.
    pub fn new(archive: &'a Archive, issue: &'a Issue, site: &Site, contents: bool) -> Self {
        let path = site.dir_path(&site.issue(issue.id));
        let sections = contents.then(|| {
            let mut sections: Vec<SectionView<'a>> = Vec::new();
            for &idx in &issue.articles {
                let article = &archive.articles[idx];
                let name = article
                    .section
                    .as_deref()
                    .map_or("", |name| archive.config.section_in(name, site.lang()));
                let entry = EntryView::new(archive, article, site);
                match sections.iter_mut().find(|s| s.name == name) {
                    Some(section) => section.articles.push(entry),
                    None => sections.push(SectionView {
                        name,
                        articles: vec![entry],
                    }),
                }
            }
            sections
        });
        Self {
            year: issue.id.year,
            number: issue.id.number,
            volume: issue.volume,
            whole_number: issue.whole_number,
            title: issue.title.as_deref(),
            label: Text::of(site.lang()).issue_label(issue),
            published: Text::of(site.lang()).date(issue.published),
            published_iso: issue.published.to_string(),
            url: site.absolute(&path),
            cover_path: issue
                .cover
                .as_ref()
                .and_then(|c| site.beside_issue(issue.id, c))
                .map(|p| site.file_path(&p)),
            path,
            article_count: issue.articles.len(),
            sections,
        }
    }
}

/// A section of an issue's contents.
#[derive(Serialize)]
pub struct SectionView<'a> {
    name: &'a str,
    articles: Vec<EntryView<'a>>,
}

/// An author's name, for lists.
#[derive(Serialize)]
pub struct NameView<'a> {
    name: &'a str,
}

/// A PDF link.
#[derive(Serialize)]
pub struct PdfView {
    path: String,
    url: String,
    file_name: String,
    size: String,
}

/// An article in a list.
#[derive(Serialize)]
pub struct EntryView<'a> {
    title_html: String,
    title_text: String,
    subtitle_html: Option<String>,
    subtitle_text: Option<String>,
    path: String,
    url: String,
    authors: Vec<NameView<'a>>,
    authors_text: String,
    pages: Option<String>,
    doi: Option<&'a str>,
    doi_url: Option<String>,
    pdf: Option<PdfView>,
    section: Option<&'a str>,
    lang: &'a str,
    issue_label: String,
    issue_path: String,
}

impl<'a> EntryView<'a> {
    /// The view of `article` for lists.
    pub fn new(archive: &'a Archive, article: &'a Article, site: &Site) -> Self {
        let issue = archive.issue(article.issue);
        let path = site.dir_path(&site.article(article));
        // In the page's language when the article has a translation into
        // it; the original otherwise, marked with its own language.
        let shown = article.shown_translation(site.lang()).map(|(_, t)| t);
        let (title, subtitle, lang) = match shown {
            Some(t) => (&t.title, t.subtitle.as_ref(), t.lang.as_str()),
            None => (
                &article.title,
                article.subtitle.as_ref(),
                article.language.as_str(),
            ),
        };
        // The byline in the page's alphabet (on a site of several languages).
        let names: Vec<&'a str> = article
            .authors
            .iter()
            .map(|a| archive.taxonomies.author_name(a, site.lang()))
            .collect();
        Self {
            title_html: title.html(),
            title_text: title.text(),
            subtitle_html: subtitle.map(Inline::html),
            subtitle_text: subtitle.map(Inline::text),
            url: site.absolute(&path),
            path,
            authors_text: Text::of(site.lang()).names(&names),
            authors: names.into_iter().map(|name| NameView { name }).collect(),
            pages: article.pages.map(|p| p.to_string()),
            doi: article.doi.as_ref().map(|d| d.as_str()),
            doi_url: article.doi.as_ref().map(|d| d.url()),
            pdf: article.pdf.as_ref().and_then(|pdf| {
                Some(PdfView {
                    url: site.pdf_url(article)?,
                    path: site.pdf_link(article)?,
                    file_name: pdf.file_name.clone(),
                    size: Text::of(site.lang()).size(pdf.size),
                })
            }),
            section: article
                .section
                .as_deref()
                .map(|name| archive.config.section_in(name, site.lang())),
            lang,
            issue_label: issue
                .map(|i| Text::of(site.lang()).issue_label(i))
                .unwrap_or_default(),
            issue_path: site.dir_path(&site.issue(article.issue)),
        }
    }
}

/// An article in a list whose entries quire renders once per article and
/// language: the entry's HTML and, for a theme's own template that lists
/// them itself, its fields.
#[derive(Serialize)]
pub struct Listed<'a> {
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    fields: Option<EntryView<'a>>,
    html: &'a str,
}

/// An author on the article page.
#[derive(Serialize)]
pub struct AuthorView<'a> {
    name: &'a str,
    path: String,
    name_original: Option<&'a str>,
    degrees: Option<&'a str>,
    position: Option<&'a str>,
    affiliations: Vec<&'a str>,
    address: Option<&'a str>,
    email: Option<&'a str>,
    orcid: Option<&'a str>,
    orcid_url: Option<String>,
    corresponding: bool,
}

impl<'a> AuthorView<'a> {
    /// The view of `a`, named `name` (`a.name` or `a.name_original`, by the
    /// page's alphabet); the other of the two is shown beside it.
    fn new(a: &'a Author, name: &'a str, path: String) -> Self {
        let other = if name == a.name {
            a.name_original.as_deref()
        } else {
            Some(a.name.as_str())
        };
        Self {
            name,
            path,
            name_original: other,
            degrees: a.degrees.as_deref(),
            position: a.position.as_deref(),
            affiliations: a.affiliation_names(),
            address: a.address.as_deref(),
            email: a.email.as_deref(),
            orcid: a.orcid.as_ref().map(|o| o.as_str()),
            orcid_url: a.orcid.as_ref().map(|o| o.url()),
            corresponding: a.corresponding,
        }
    }
}

/// A term linked from an article: keyword, country or region.
#[derive(Serialize)]
pub struct TermView<'a> {
    name: &'a str,
    /// The language the name is written in, when it is not the page's.
    lang: Option<&'a str>,
    code: Option<&'a str>,
    path: Option<String>,
}

impl<'a> TermView<'a> {
    /// A term named `name` on the page of `site`, its page `dir`.
    fn new(name: Name<'a>, code: Option<&'a str>, dir: SitePath, site: &Site) -> Self {
        Self {
            name: name.text,
            lang: name.lang,
            code,
            path: Some(site.dir_path(&dir)),
        }
    }
}

/// A keyword with its count, for the home page.
#[derive(Serialize)]
pub struct CountedTerm<'a> {
    name: &'a str,
    /// The language the name is written in, when it is not the page's.
    lang: Option<&'a str>,
    path: String,
    count: usize,
}

/// The `limit` keywords on most articles, most first (ties A to Z, by
/// their names in the page's language).
pub fn top_keywords<'a>(archive: &'a Archive, site: &Site, limit: usize) -> Vec<CountedTerm<'a>> {
    let tax = &archive.taxonomies;
    let mut terms: Vec<(&crate::taxonomy::Term, Name<'a>)> = tax
        .keywords
        .iter()
        .map(|t| (t, t.name_in(site.lang())))
        .collect();
    terms.sort_by(|(a, a_name), (b, b_name)| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a_name.text.cmp(b_name.text))
    });
    terms
        .into_iter()
        .take(limit)
        .map(|(t, name)| CountedTerm {
            name: name.text,
            lang: name.lang,
            path: site.dir_path(&site.term(Kind::Keywords, &t.slug)),
            count: t.articles.len(),
        })
        .collect()
}

/// A heading of the table of contents.
#[derive(Serialize)]
pub struct TocView<'a> {
    level: u8,
    id: &'a str,
    title: &'a str,
}

impl<'a> TocView<'a> {
    /// The view of a heading.
    pub fn new(h: &'a crate::content::markdown::Heading) -> Self {
        Self {
            level: h.level,
            id: &h.id,
            title: &h.title,
        }
    }
}

/// A reference, with DOIs linked.
#[derive(Serialize)]
pub struct ReferenceView {
    html: String,
    /// The page, in the reader's tree, of the archive article the
    /// reference names ([`crate::citations`]); absent when it names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    cited_path: Option<String>,
}

/// A translation of an article's metadata.
#[derive(Serialize)]
pub struct TranslationView<'a> {
    lang: &'a str,
    lang_name: String,
    title_html: &'a str,
    subtitle_html: Option<&'a str>,
    abstract_html: &'a str,
    keywords: &'a [String],
}

/// A neighbouring article.
#[derive(Serialize)]
pub struct NeighbourView {
    title_html: String,
    path: String,
}

/// The article page.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    entry: EntryView<'a>,
    authors: Vec<AuthorView<'a>>,
    citation: String,
    received: Option<DateView>,
    revised: Option<DateView>,
    accepted: Option<DateView>,
    published: DateView,
    abstract_html: &'a str,
    abstract_text: &'a str,
    description: &'a str,
    keywords: Vec<TermView<'a>>,
    countries: Vec<TermView<'a>>,
    regions: Vec<TermView<'a>>,
    related: Vec<Listed<'a>>,
    license: Option<LicenseView<'a>>,
    funding: Option<&'a str>,
    references: Vec<ReferenceView>,
    /// The archive's articles that cite this one, newest first.
    cited_by: Vec<EntryView<'a>>,
    body_html: &'a str,
    toc: Vec<TocView<'a>>,
    translations: Vec<TranslationView<'a>>,
    /// The page's language differs from the article's and the article has
    /// no translation into it: its title and abstract are the original's.
    original_only: bool,
    /// The language of the full text, when the page is in another one.
    body_lang: Option<&'a str>,
    prev: Option<NeighbourView>,
    next: Option<NeighbourView>,
    issue: IssueView<'a>,
    extra: &'a serde_json::Value,
    /// Only when a template reads them ([`ArticleExtras::meta_tags`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    meta_tags: Option<Vec<scholarly::head::MetaTag>>,
    meta_html: String,
    json_ld: String,
    cite: CiteView,
}

/// The article page's "How to cite" block: the reference in each style and
/// the downloads beside the page.
#[derive(Serialize)]
pub struct CiteView {
    styles: Vec<CiteStyleView>,
    bibtex_path: String,
    ris_path: String,
    csl_json_path: String,
    /// Empty when the journal has no ISSN, so no JATS files.
    jats_path: String,
}

/// The reference in one style.
#[derive(Serialize)]
pub struct CiteStyleView {
    id: &'static str,
    label: &'static str,
    html: String,
}

impl CiteView {
    fn new(
        archive: &Archive,
        article: &Article,
        site: &Site,
        references: Vec<scholarly::citation::Reference>,
    ) -> Self {
        let file = |kind: ArticleFile| site.file_path(&site.article_file(article, kind));
        Self {
            styles: references
                .into_iter()
                .map(|r| CiteStyleView {
                    id: r.style,
                    label: r.label,
                    html: r.html,
                })
                .collect(),
            bibtex_path: file(ArticleFile::Bibtex),
            ris_path: file(ArticleFile::Ris),
            csl_json_path: file(ArticleFile::CslJson),
            jats_path: if scholarly::jats::written(&archive.config) {
                file(ArticleFile::Jats)
            } else {
                String::new()
            },
        }
    }
}

/// What the article page shows besides the model: its rendered full text.
pub struct ArticleExtras<'a> {
    /// The full text's HTML.
    pub body_html: &'a str,
    /// Its headings.
    pub toc: &'a [crate::content::markdown::Heading],
    /// Its addresses and those of its files.
    pub links: &'a ArticleUrls,
    /// Its CSL-JSON item, which its downloads are made from too.
    pub csl: &'a serde_json::Value,
    /// The item formatted in each style the page offers.
    pub references: Vec<crate::scholarly::citation::Reference>,
    /// Its title and abstracts as HTML and text, derived once for the page,
    /// its head and its downloads.
    pub prose: &'a ArticleProse,
    /// Whether the page lists its `<meta>` tags one by one, for a template
    /// that reads them, besides writing them as HTML.
    pub meta_tags: bool,
    /// Its related articles' entries as HTML (`related_entry.html`), in the
    /// order of [`crate::taxonomy::Taxonomies::related`].
    pub related: &'a [Arc<str>],
    /// Whether each related article also comes with its fields, for an
    /// article template other than the built-in one.
    pub related_fields: bool,
}

impl<'a> ArticleView<'a> {
    /// The view of the article's issue, which the page also gets as `issue`.
    pub fn issue(&self) -> &IssueView<'a> {
        &self.issue
    }
}

impl<'a> ArticleView<'a> {
    /// The view of the article at `idx` in the archive.
    pub fn new(archive: &'a Archive, idx: usize, site: &Site, extras: ArticleExtras<'a>) -> Self {
        let article = &archive.articles[idx];
        let tax = &archive.taxonomies;
        let issue = archive
            .issue(article.issue)
            .expect("every article's issue is in the archive");
        let position = issue.articles.iter().position(|&i| i == idx);
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| issue.articles.get(i)).map(|&n| {
                let other = &archive.articles[n];
                NeighbourView {
                    title_html: other.title.html(),
                    path: site.dir_path(&site.article(other)),
                }
            })
        };
        let text = Text::of(site.lang());
        let meta_tags = scholarly::head::meta_tags(archive, idx, extras.links, extras.prose);
        Self {
            meta_html: meta_html(&meta_tags),
            meta_tags: extras.meta_tags.then_some(meta_tags),
            json_ld: scholarly::head::json_ld(archive, idx, extras.links, extras.prose),
            cite: CiteView::new(archive, article, site, extras.references),
            entry: EntryView::new(archive, article, site),
            authors: article
                .authors
                .iter()
                .zip(crate::render::pass::taxonomies::linked_authors(
                    archive, idx, site,
                ))
                .map(|(a, (_, path))| AuthorView::new(a, tax.author_name(a, site.lang()), path))
                .collect(),
            citation: text.citation_line(issue, article),
            received: article.received.map(|d| DateView::new(d, text)),
            revised: article.revised.map(|d| DateView::new(d, text)),
            accepted: article.accepted.map(|d| DateView::new(d, text)),
            published: DateView::new(article.published, text),
            abstract_html: &extras.prose.abstract_html,
            abstract_text: &extras.prose.abstract_text,
            description: &extras.prose.description,
            keywords: tax
                .article_keywords
                .get(idx)
                .map(|terms| {
                    terms
                        .iter()
                        .map(|&t| {
                            let slug = &tax.keywords[t].slug;
                            TermView::new(
                                tax.keyword_name(t, site.lang()),
                                None,
                                site.term(Kind::Keywords, slug),
                                site,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            countries: tax
                .article_countries
                .get(idx)
                .map(|places| {
                    places
                        .iter()
                        .map(|&c| {
                            let place = &tax.countries[c];
                            TermView::new(
                                tax.country_name(c, site.lang()),
                                Some(place.code),
                                site.term(Kind::Countries, &place.slug),
                                site,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            regions: tax
                .article_regions
                .get(idx)
                .map(|regions| {
                    regions
                        .iter()
                        .map(|&r| {
                            let region = &tax.regions[r];
                            TermView::new(
                                tax.region_name(r, site.lang()),
                                Some(region.code),
                                site.term(Kind::Regions, &region.slug),
                                site,
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            related: tax
                .related
                .get(idx)
                .map(|list| {
                    list.iter()
                        .zip(extras.related)
                        .map(|(&r, html): (&usize, &'a Arc<str>)| Listed {
                            fields: extras
                                .related_fields
                                .then(|| EntryView::new(archive, &archive.articles[r], site)),
                            html,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            license: article.license.as_ref().map(LicenseView::new),
            funding: article.funding.as_deref(),
            references: article
                .references
                .iter()
                .enumerate()
                .map(|(n, r)| ReferenceView {
                    html: link_dois(r),
                    cited_path: archive
                        .citations
                        .named_by(idx, n)
                        .map(|cited| site.dir_path(&site.article(&archive.articles[cited]))),
                })
                .collect(),
            cited_by: {
                let mut citing: Vec<ArticleIdx> = archive.citations.cited_by(idx).collect();
                archive.newest_first(&mut citing);
                citing
                    .into_iter()
                    .map(|c| EntryView::new(archive, &archive.articles[c], site))
                    .collect()
            },
            body_html: extras.body_html,
            toc: extras.toc.iter().map(TocView::new).collect(),
            translations: article
                .translations
                .iter()
                .zip(&extras.prose.translations)
                .map(|(t, shown)| TranslationView {
                    lang: t.lang.as_str(),
                    lang_name: Text::of(site.lang()).language_name(t.lang.as_str()),
                    title_html: &shown.title_html,
                    subtitle_html: shown.subtitle_html.as_deref(),
                    abstract_html: &shown.abstract_html,
                    keywords: &t.keywords,
                })
                .collect(),
            original_only: false,
            body_lang: None,
            prev: neighbour(position.and_then(|p| p.checked_sub(1))),
            next: neighbour(position.map(|p| p + 1)),
            issue: IssueView::new(archive, issue, site, false),
            extra: &article.extra,
        }
        .in_language(
            article,
            site.lang(),
            extras.prose,
            archive.taxonomies.several_languages(),
        )
        .mark_keywords(archive, site.lang())
    }

    /// Marks each keyword written in another language than the page's:
    /// its name is in the tree's language `tree` unless it says otherwise,
    /// and the page may be in the article's own language. (Countries and
    /// regions sit in a list the page marks with the tree's language.) A
    /// site of one language marks none, as it never has.
    fn mark_keywords(mut self, archive: &'a Archive, tree: &Lang) -> Self {
        let Some(tree) = archive.taxonomies.languages.iter().find(|l| *l == tree) else {
            return self;
        };
        if !archive.taxonomies.several_languages() {
            return self;
        }
        let page = self.entry.lang;
        for k in &mut self.keywords {
            let written = k.lang.unwrap_or(tree.as_str());
            k.lang = (written != page).then_some(written);
        }
        self
    }

    /// The page in `lang`, the page's language: an article written in
    /// another language shows its translation into `lang` as its title,
    /// abstract and keywords, and its original among the other languages
    /// below; without such a translation it shows the original and says
    /// so. Its full text stays in its own language, marked as such.
    ///
    /// Its keywords: on a site of several languages a translated list that
    /// pairs with the article's is one list of terms, already named in
    /// `lang`; a list that does not pair (and any translated list on a site
    /// of one language) is shown as written, each keyword linked to its
    /// partner's term when the lists pair.
    fn in_language(
        mut self,
        article: &'a Article,
        lang: &Lang,
        prose: &'a ArticleProse,
        several_languages: bool,
    ) -> Self {
        if &article.language == lang {
            return self;
        }
        self.body_lang = Some(article.language.as_str());
        let Some((at, translation)) = article.shown_translation(lang) else {
            self.original_only = true;
            return self;
        };
        let shown = &prose.translations[at];
        self.translations[at] = TranslationView {
            lang: article.language.as_str(),
            lang_name: Text::of(lang).language_name(article.language.as_str()),
            title_html: &prose.title_html,
            subtitle_html: prose.subtitle_html.as_deref(),
            abstract_html: &prose.abstract_html,
            keywords: &article.keywords,
        };
        self.entry.title_html = shown.title_html.clone();
        self.entry.title_text = shown.title_text.clone();
        self.entry.subtitle_html = shown.subtitle_html.clone();
        self.entry.subtitle_text = shown.subtitle_text.clone();
        self.entry.lang = translation.lang.as_str();
        self.abstract_html = &shown.abstract_html;
        self.abstract_text = &shown.abstract_text;
        // A translated keyword list pairs with the original by position
        // when their lengths agree: each keyword leads to its term's page.
        if several_languages
            && (translation.keywords.is_empty()
                || translation.keywords.len() == article.keywords.len())
        {
            return self;
        }
        let paired = translation.keywords.len() == self.keywords.len();
        self.keywords = translation
            .keywords
            .iter()
            .enumerate()
            .map(|(i, name)| TermView {
                name,
                lang: None,
                code: None,
                path: paired.then(|| self.keywords[i].path.clone()).flatten(),
            })
            .collect();
        self
    }

    /// The title the page shows, as plain text: the translation's when it
    /// shows one.
    pub fn title_text(&self) -> &str {
        &self.entry.title_text
    }

    /// The language the page is in: the translation's when it shows one,
    /// else the article's.
    pub fn lang(&self) -> &'a str {
        self.entry.lang
    }
}

/// The `<meta>` tags of an article's head as HTML, each on a line of its
/// own (after a line break): `<meta name="citation_title" content="…">`,
/// with `lang` and `xml:lang` on a translation's value. Written here, not
/// by a template loop: an article has some seventy of them.
pub fn meta_html(tags: &[scholarly::head::MetaTag]) -> String {
    use crate::html::escape;
    let mut html = String::with_capacity(tags.len() * 96);
    for tag in tags {
        html.push_str("\n<meta ");
        html.push_str(&escape(tag.attr));
        html.push_str("=\"");
        html.push_str(&escape(&tag.key));
        html.push_str("\" content=\"");
        html.push_str(&escape(&tag.content));
        html.push('"');
        if let Some(lang) = tag.lang.as_deref().filter(|l| !l.is_empty()) {
            let lang = escape(lang);
            html.push_str(" lang=\"");
            html.push_str(&lang);
            html.push_str("\" xml:lang=\"");
            html.push_str(&lang);
            html.push('"');
        }
        html.push('>');
    }
    html
}

/// A formatted reference as HTML with each DOI (bare, `doi:` or a doi.org
/// address) made a link to https://doi.org/.
pub fn link_dois(reference: &str) -> String {
    use crate::html::escape as html_escape;
    let mut out = String::with_capacity(reference.len() + 64);
    let mut from = 0;
    for found in crate::model::dois_in(reference) {
        out.push_str(&html_escape(&reference[from..found.written.start]));
        out.push_str(&format!(
            "<a href=\"{}\">{}</a>",
            html_escape(&found.doi.url()),
            html_escape(&reference[found.written.clone()])
        ));
        from = found.written.end;
    }
    out.push_str(&html_escape(&reference[from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_in_references_are_linked() {
        let html = link_dois("Smith J. Title. Journal. 2019. DOI: 10.1080/1234.5678. Also https://doi.org/10.1000/xyz <b>.");
        assert!(
            html.contains("<a href=\"https://doi.org/10.1080/1234.5678\">10.1080/1234.5678</a>."),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://doi.org/10.1000/xyz\">https://doi.org/10.1000/xyz</a>"
            ),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;"));
        assert_eq!(
            link_dois("No DOI here, 10.5 pages."),
            "No DOI here, 10.5 pages."
        );
    }
}

/// The search page: where the index is, and the filters' values.
#[derive(Serialize)]
pub struct SearchView {
    /// `/journal/search/index.json`.
    index_url: String,
    /// `/journal/search.js`.
    script_url: String,
    /// Documents in the index.
    documents: usize,
    /// Each filter with its values (the keyword filter's are many, so it
    /// has none here: the page fetches them when needed).
    facets: Vec<FacetView>,
}

/// One filter of the search page.
#[derive(Serialize)]
struct FacetView {
    /// `year`, `section`, `country`, `keyword`: the address's parameter.
    name: &'static str,
    /// "Year".
    label: String,
    values: Vec<FacetValueView>,
    /// Values shown in a list (false for keywords: typed, then suggested).
    listed: bool,
}

/// A value of a filter: as put in the address, as shown in the page's
/// language (a section by `sections:`, a country by the gazetteer), and
/// how many documents have it.
#[derive(Serialize)]
struct FacetValueView {
    value: String,
    label: String,
    count: usize,
}

impl SearchView {
    /// The view of a built index.
    pub fn new(
        index: &crate::search::index::Indexer,
        archive: &Archive,
        site: &Site,
    ) -> SearchView {
        use crate::search::index::Facet;
        let lang = site.lang();
        let label = |facet: Facet, value: &str| -> String {
            match facet {
                Facet::Section => archive.config.section_in(value, lang).to_string(),
                Facet::Country => crate::taxonomy::Gazetteer::get()
                    .by_name(value)
                    .map_or_else(
                        || value.to_string(),
                        |c| c.name_in(lang.as_str()).to_string(),
                    ),
                Facet::Year | Facet::Keyword => value.to_string(),
            }
        };
        SearchView {
            index_url: site.file_path(
                &site
                    .search_file(crate::search::index::INDEX_FILE)
                    .expect("a literal name"),
            ),
            script_url: site.file_path(&site.static_file("search.js").expect("a literal name")),
            documents: index.documents(),
            facets: index
                .facet_counts()
                .into_iter()
                .map(|(facet, values)| {
                    let listed = facet.listed();
                    FacetView {
                        name: facet.name(),
                        label: Text::of(site.lang()).get(facet.label_key()),
                        values: if listed {
                            values
                                .into_iter()
                                .map(|v| FacetValueView {
                                    label: label(facet, &v.value),
                                    value: v.value,
                                    count: v.count,
                                })
                                .collect()
                        } else {
                            Vec::new()
                        },
                        listed,
                    }
                })
                .collect(),
        }
    }
}

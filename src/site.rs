//! The site's address scheme: where every page and file of a build lands,
//! and the address a reader or a machine follows to it.
//!
//! This module is the only place that knows the layout of the output. The
//! render passes, the scholarly files, the search index, the sitemap and
//! `quire export` all ask it, so a page cannot be written to one address
//! and linked at another, and the names a static page may not take are
//! derived from the same table that makes the addresses.
//!
//! Pages belong to an interface language: the site's default language is
//! at the root, any other under `/<lang>/`. A [`Site`] value speaks for one
//! language ([`Site::new`] for the default, [`Site::for_lang`] for
//! another), so a page's links stay in its own tree without a language
//! argument on every call. Files made once for every language (PDFs,
//! figures, citation downloads, JATS, Crossref and DOAJ files, `oai.xml`,
//! the sitemap, the search index, the theme's static files) live in the
//! default language's tree whichever language asks. The PDFs may live on
//! another host instead (`galleys_base_url`): [`Site::pdf_url`] names them
//! there and [`Site::pdf`] gives them no place in the output.
//!
//! Addresses come in three forms: a [`SitePath`] (where the file lands in
//! the output folder), a root-relative address with the base path
//! (`/journal/archive/2018/4/`, what pages link with), and an absolute
//! address (`https://example.org/journal/archive/2018/4/`, what feeds,
//! sitemaps and metadata carry).

use crate::config::{BaseUrl, Config};
use crate::model::{Archive, Article, ArticleIdx, IssueId, Lang, SitePath, Slug};
use crate::output::Share;
use crate::taxonomy::Kind;

/// The archive's folder: issues and articles are below it.
const ARCHIVE: &str = "archive";
/// The statistics page's folder, in the archive's (issues are years,
/// numbers, so it meets none).
const STATISTICS: &str = "statistics";
/// The search page's folder; the index files are below it.
const SEARCH: &str = "search";
/// The folder of a list's later pages: `keywords/page/2/`.
const PAGE: &str = "page";
/// A feed's file name, beside the page it follows.
const FEED: &str = "feed.xml";
/// The page served for a missing address.
const NOT_FOUND: &str = "404.html";
/// Files at the site's root, made once for every language.
const SITEMAP: &str = "sitemap.xml";
/// The sitemaps the index at [`SITEMAP`] lists: `sitemap-1.xml`,
/// `sitemap-2.xml`... At the root, since a sitemap may list only addresses
/// under its own folder.
const SITEMAP_PART: (&str, &str) = ("sitemap-", ".xml");
const ROBOTS: &str = "robots.txt";
const OAI: &str = "oai.xml";
const CNAME: &str = "CNAME";
const NOJEKYLL: &str = ".nojekyll";
/// The folder of the site every article is read from: a PDF's address on
/// the galleys' host is its path below it.
const CONTENT: &str = "content";

/// A file written beside every article page, shared by its languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFile {
    /// The JATS XML, `article.jats.xml`.
    Jats,
    /// The BibTeX download, `cite.bib`.
    Bibtex,
    /// The RIS download, `cite.ris`.
    Ris,
    /// The CSL-JSON download, `cite.json`.
    CslJson,
}

impl ArticleFile {
    /// The file's name in the article's folder.
    pub fn name(self) -> &'static str {
        match self {
            ArticleFile::Jats => "article.jats.xml",
            ArticleFile::Bibtex => "cite.bib",
            ArticleFile::Ris => "cite.ris",
            ArticleFile::CslJson => "cite.json",
        }
    }
}

/// A file written beside every issue page, shared by its languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueFile {
    /// The Crossref deposit, `crossref.xml`.
    Crossref,
    /// The DOAJ article records, `doaj.xml`.
    Doaj,
}

impl IssueFile {
    /// The file's name in the issue's folder.
    pub fn name(self) -> &'static str {
        match self {
            IssueFile::Crossref => "crossref.xml",
            IssueFile::Doaj => "doaj.xml",
        }
    }
}

/// What a build writes at an address, as [`Site::written`] lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// The home page.
    Home,
    /// The archive page.
    Archive,
    /// An issue's contents.
    Issue(IssueId),
    /// An article's page.
    Article(ArticleIdx),
    /// A static page, by its position in [`Archive::pages`].
    Page(usize),
    /// The search page.
    Search,
    /// The statistics page.
    Statistics,
    /// A page of a taxonomy's index.
    Taxonomy(Kind),
    /// A page of a term's articles.
    Term(Kind),
    /// A file: a feed, a PDF, a download, a root file, the 404 page.
    File,
}

/// The address scheme of one site (its base URL and default language),
/// speaking for one of its languages.
#[derive(Debug, Clone)]
pub struct Site {
    base: BaseUrl,
    /// Where the PDFs are published when not in the site
    /// (`galleys_base_url`).
    galleys: Option<BaseUrl>,
    default_lang: Lang,
    lang: Lang,
    /// Every interface language, the default first.
    languages: std::sync::Arc<[Lang]>,
    /// Articles on one page of a term's list (`per_page`, at least 1).
    per_page: usize,
}

/// Terms on one page of a taxonomy's index.
pub const INDEX_PAGE: usize = 1000;

impl Site {
    /// The scheme of the site `config` describes, for its default language.
    pub fn new(config: &Config) -> Site {
        Site {
            base: config.base_url.clone(),
            galleys: config.galleys_base_url.clone(),
            default_lang: config.default_language().clone(),
            lang: config.default_language().clone(),
            languages: config.languages.clone().into(),
            per_page: config.per_page.max(1),
        }
    }

    /// Articles on one page of a term's list.
    pub fn per_page(&self) -> usize {
        self.per_page
    }

    /// How many pages a taxonomy's index of `terms` terms has.
    pub fn index_pages(&self, terms: usize) -> usize {
        terms.div_ceil(INDEX_PAGE)
    }

    /// How many pages the list of a term with `articles` articles has (one
    /// at least).
    pub fn term_pages(&self, articles: usize) -> usize {
        articles.div_ceil(self.per_page).max(1)
    }

    /// The same site, speaking for `lang`.
    pub fn for_lang(&self, lang: &Lang) -> Site {
        Site {
            lang: lang.clone(),
            ..self.clone()
        }
    }

    /// The page at `path` of this language's tree, in `lang`'s tree: the
    /// trees are the same but for the `/<lang>/` in front of the ones that
    /// are not the default.
    pub fn in_lang(&self, path: &SitePath, lang: &Lang) -> SitePath {
        let own = if self.lang == self.default_lang {
            path.as_str()
        } else {
            let prefix = self.lang.as_str();
            match path.as_str().strip_prefix(prefix) {
                Some("") => "",
                Some(rest) => rest.strip_prefix('/').unwrap_or(path.as_str()),
                None => path.as_str(),
            }
        };
        let home = self.for_lang(lang).home();
        if own.is_empty() {
            home
        } else {
            home.join_relative(own)
                .expect("a part of a safe path is safe")
        }
    }

    /// The language whose pages this value addresses.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// The language whose pages are at the root.
    pub fn default_lang(&self) -> &Lang {
        &self.default_lang
    }

    /// The same site, speaking for its default language: where the files
    /// every language shares are.
    fn shared(&self) -> Site {
        self.for_lang(&self.default_lang)
    }

    /// The base path every address starts with: `/journal/`.
    pub fn base_path(&self) -> &str {
        &self.base.path
    }

    /// The scheme and host: `https://example.github.io`, without a final `/`.
    pub fn origin(&self) -> &str {
        &self.base.origin
    }

    /// The site's absolute address, ending in `/`.
    pub fn base_url(&self) -> String {
        self.base.as_url()
    }

    // Pages, one per language.

    /// The language's home page: the root for the default language, `ru/`
    /// for another.
    pub fn home(&self) -> SitePath {
        if self.lang == self.default_lang {
            SitePath::root()
        } else {
            segment(&SitePath::root(), self.lang.as_str())
        }
    }

    /// The archive page, listing every issue.
    pub fn archive(&self) -> SitePath {
        segment(&self.home(), ARCHIVE)
    }

    /// The archive's statistics: `archive/statistics`.
    pub fn statistics(&self) -> SitePath {
        segment(&self.archive(), STATISTICS)
    }

    /// An issue's contents: `archive/2018/4`.
    pub fn issue(&self, id: IssueId) -> SitePath {
        let year = segment(&self.archive(), &id.year.to_string());
        segment(&year, &id.number.to_string())
    }

    /// An article's page: `archive/2018/4/central-asia-integration`.
    pub fn article(&self, article: &Article) -> SitePath {
        segment(&self.issue(article.issue), article.slug.as_str())
    }

    /// The article's page of record, the same whichever tree asks: its
    /// page in the tree of its own language when that is an interface
    /// language (the page that shows its original title and abstract),
    /// else in the default tree. Metadata for machines (`citation_*`,
    /// Crossref, DOAJ, JATS, OAI) names this page on every tree.
    pub fn article_of_record(&self, article: &Article) -> SitePath {
        let lang = if self.languages.contains(&article.language) {
            &article.language
        } else {
            &self.default_lang
        };
        self.for_lang(lang).article(article)
    }

    /// A static page: `about`.
    pub fn page(&self, slug: &Slug) -> SitePath {
        segment(&self.home(), slug.as_str())
    }

    /// A taxonomy's index: `keywords`.
    pub fn taxonomy(&self, kind: Kind) -> SitePath {
        segment(&self.home(), kind.slug())
    }

    /// Page `n` (from 1) of a taxonomy's index: `keywords/page/2`.
    pub fn taxonomy_page(&self, kind: Kind, n: usize) -> SitePath {
        list_page(self.taxonomy(kind), n)
    }

    /// A term's page: `keywords/central-asia`.
    pub fn term(&self, kind: Kind, slug: &Slug) -> SitePath {
        segment(&self.taxonomy(kind), slug.as_str())
    }

    /// Page `n` (from 1) of a term's articles: `keywords/central-asia/page/2`.
    pub fn term_page(&self, kind: Kind, slug: &Slug, n: usize) -> SitePath {
        list_page(self.term(kind, slug), n)
    }

    /// A term's Atom feed: `keywords/central-asia/feed.xml`.
    pub fn term_feed(&self, kind: Kind, slug: &Slug) -> SitePath {
        segment(&self.term(kind, slug), FEED)
    }

    /// The search page.
    pub fn search(&self) -> SitePath {
        segment(&self.home(), SEARCH)
    }

    /// The site's Atom feed of recent articles.
    pub fn feed(&self) -> SitePath {
        segment(&self.home(), FEED)
    }

    /// The page served for a missing address.
    pub fn not_found(&self) -> SitePath {
        segment(&self.home(), NOT_FOUND)
    }

    // Files made once for every language.

    /// A file beside an article's page (its PDF, a figure, an asset in a
    /// sub-folder); `None` when `relative` is not a safe relative path.
    pub fn beside_article(&self, article: &Article, relative: &str) -> Option<SitePath> {
        self.shared().article(article).join_relative(relative)
    }

    /// Where the build copies the article's PDF: beside its page
    /// (`archive/2018/4/central-asia-integration/central-asia-integration.pdf`).
    /// `None` when the article has no PDF, or when the PDFs are published
    /// on another host (`galleys_base_url`), so nothing is copied.
    pub fn pdf(&self, article: &Article) -> Option<SitePath> {
        if self.galleys.is_some() {
            return None;
        }
        let pdf = article.pdf.as_ref()?;
        self.beside_article(article, &pdf.file_name)
    }

    /// The absolute address of the article's PDF, the one every file for
    /// machines names (`citation_pdf_url`, JSON-LD, JATS, RIS, DOAJ, OAI):
    /// in the site beside the article's page, or with `galleys_base_url`
    /// that address followed by the PDF's path under `content/`
    /// (`https://files.example.org/rers/2018/4/central-asia-integration.pdf`).
    pub fn pdf_url(&self, article: &Article) -> Option<String> {
        match &self.galleys {
            None => self.pdf(article).map(|at| self.file_url(&at)),
            Some(galleys) => {
                let pdf = article.pdf.as_ref()?;
                let below = pdf.source.strip_prefix(CONTENT).ok()?;
                let segments: Option<Vec<&str>> = below.iter().map(|s| s.to_str()).collect();
                let at = SitePath::root().join_relative(&segments?.join("/"))?;
                Some(format!("{}{}", galleys.origin, at.file_url(&galleys.path)))
            }
        }
    }

    /// The address a page links the article's PDF with: root-relative in
    /// the site (`/journal/archive/2018/4/…/….pdf`), absolute on the
    /// galleys' host.
    pub fn pdf_link(&self, article: &Article) -> Option<String> {
        match self.pdf(article) {
            Some(at) => Some(self.file_path(&at)),
            None => self.pdf_url(article),
        }
    }

    /// One of the files quire writes beside every article page.
    pub fn article_file(&self, article: &Article, file: ArticleFile) -> SitePath {
        segment(&self.shared().article(article), file.name())
    }

    /// A file beside an issue's page (its cover); `None` when `relative`
    /// is not a safe relative path.
    pub fn beside_issue(&self, id: IssueId, relative: &str) -> Option<SitePath> {
        self.shared().issue(id).join_relative(relative)
    }

    /// One of the files quire writes beside every issue page.
    pub fn issue_file(&self, id: IssueId, file: IssueFile) -> SitePath {
        segment(&self.shared().issue(id), file.name())
    }

    /// A file beside the home page's text, `content/_index.md` (an image
    /// it shows): at the top of the shared tree, `logo.png`.
    pub fn beside_home(&self, relative: &str) -> Option<SitePath> {
        self.shared().home().join_relative(relative)
    }

    /// A file beside a static page (an image it shows).
    pub fn beside_page(&self, slug: &Slug, relative: &str) -> Option<SitePath> {
        self.shared().page(slug).join_relative(relative)
    }

    /// A file of the search index: `search/t/3.json.gz`.
    pub fn search_file(&self, relative: &str) -> Option<SitePath> {
        self.shared().search().join_relative(relative)
    }

    /// A static file of the theme or the site: `style.css`, `fonts/a.woff2`.
    pub fn static_file(&self, relative: &str) -> Option<SitePath> {
        SitePath::root().join_relative(relative)
    }

    /// The sitemap index, the address robots.txt gives search engines.
    pub fn sitemap(&self) -> SitePath {
        segment(&SitePath::root(), SITEMAP)
    }

    /// Sitemap `n` (from 1) of those the index lists: `sitemap-1.xml`.
    pub fn sitemap_part(&self, n: usize) -> SitePath {
        let (stem, extension) = SITEMAP_PART;
        segment(&SitePath::root(), &format!("{stem}{n}{extension}"))
    }

    /// `robots.txt`.
    pub fn robots(&self) -> SitePath {
        segment(&SitePath::root(), ROBOTS)
    }

    /// The OAI-PMH static repository.
    pub fn oai(&self) -> SitePath {
        segment(&SitePath::root(), OAI)
    }

    /// GitHub Pages' custom domain file.
    pub fn cname(&self) -> SitePath {
        segment(&SitePath::root(), CNAME)
    }

    /// The empty file that tells GitHub Pages not to run Jekyll.
    pub fn nojekyll(&self) -> SitePath {
        segment(&SitePath::root(), NOJEKYLL)
    }

    /// The names a static page may not take as its slug: every top-level
    /// folder quire writes pages into (`archive`, `search`, the
    /// taxonomies, and the code of each interface language but the
    /// default, whose tree is a top-level folder). Root files (`feed.xml`,
    /// `CNAME`) are left out: no slug can equal them.
    pub fn reserved_slugs(&self) -> Vec<String> {
        let mut names = vec![ARCHIVE.to_string(), SEARCH.to_string()];
        names.extend(Kind::ALL.iter().map(|k| k.slug().to_string()));
        names.extend(
            self.languages
                .iter()
                .filter(|&l| l != &self.default_lang)
                .map(|l| self.for_lang(l).home().as_str().to_string()),
        );
        debug_assert!(names.iter().all(|n| n.parse::<Slug>().is_ok()));
        names
    }

    /// Where the report of the output's size counts the file at `path`
    /// that is not a page rendered through a template, told by its name
    /// and place: a PDF, JATS, a citation download, a Crossref, DOAJ or
    /// OAI file, a feed, a file of the search index, or another file.
    pub fn share_of(&self, path: &SitePath) -> Share {
        // Called for every file a build writes: no allocation.
        let name = path.as_str().rsplit('/').next().unwrap_or_default();
        // The search index is shared, so in the default tree: `search/`.
        let in_search = path
            .as_str()
            .strip_prefix(SEARCH)
            .is_some_and(|rest| rest.starts_with('/'));
        let is = |file: &str| name == file;
        let bytes = name.as_bytes();
        let pdf = bytes.len() >= 4 && bytes[bytes.len() - 4..].eq_ignore_ascii_case(b".pdf");
        if pdf {
            Share::Pdfs
        } else if is(ArticleFile::Jats.name()) {
            Share::Jats
        } else if [ArticleFile::Bibtex, ArticleFile::Ris, ArticleFile::CslJson]
            .iter()
            .any(|f| is(f.name()))
        {
            Share::Downloads
        } else if is(IssueFile::Crossref.name()) || is(IssueFile::Doaj.name()) || is(OAI) {
            Share::Deposits
        } else if is(FEED) {
            Share::Feeds
        } else if in_search && name != "index.html" {
            Share::SearchIndex
        } else {
            Share::Other
        }
    }

    /// Every interface language, the default first.
    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// Every page and file a whole build of `archive` writes in this
    /// language's tree, with the files every language shares, as the
    /// render passes write them: a link may point to any of them. Left out
    /// are what the archive does not say: the theme's and the site's static
    /// files, the search index's files, figures copied beside a page
    /// because its text shows them, the sitemaps the index lists (how many
    /// depends on the count of every page), and `CNAME` and `.nojekyll`. A
    /// file written only under some settings (JATS, Crossref, DOAJ, OAI) is
    /// listed when those settings are given; the PDFs only when the site
    /// publishes them itself (no `galleys_base_url`).
    pub fn written(&self, archive: &Archive) -> Vec<(SitePath, Written)> {
        let config = &archive.config;
        let shared = self.shared();
        let mut out = vec![
            (self.home(), Written::Home),
            (self.archive(), Written::Archive),
            (self.statistics(), Written::Statistics),
            (self.search(), Written::Search),
            (self.feed(), Written::File),
            (self.not_found(), Written::File),
            (shared.sitemap(), Written::File),
            (shared.robots(), Written::File),
        ];
        if config.oai_gateway.is_some() && config.contact_email.is_some() {
            out.push((shared.oai(), Written::File));
        }
        for issue in &archive.issues {
            out.push((self.issue(issue.id), Written::Issue(issue.id)));
            if config.crossref.is_some() {
                out.push((
                    shared.issue_file(issue.id, IssueFile::Crossref),
                    Written::File,
                ));
            }
            out.push((shared.issue_file(issue.id, IssueFile::Doaj), Written::File));
            if let Some(cover) = issue
                .cover
                .as_deref()
                .and_then(|c| self.beside_issue(issue.id, c))
            {
                out.push((cover, Written::File));
            }
        }
        let jats = config.issn_print.is_some() || config.issn_online.is_some();
        for (idx, article) in archive.articles.iter().enumerate() {
            out.push((self.article(article), Written::Article(idx)));
            for file in [ArticleFile::Bibtex, ArticleFile::Ris, ArticleFile::CslJson]
                .into_iter()
                .chain(jats.then_some(ArticleFile::Jats))
            {
                out.push((shared.article_file(article, file), Written::File));
            }
            if let Some(pdf) = self.pdf(article) {
                out.push((pdf, Written::File));
            }
        }
        for (n, page) in archive.pages.iter().enumerate() {
            out.push((self.page(&page.slug), Written::Page(n)));
        }
        let tax = &archive.taxonomies;
        for kind in Kind::ALL {
            let terms: Vec<(&Slug, usize)> = match kind {
                Kind::Keywords => tax
                    .keywords
                    .iter()
                    .map(|t| (&t.slug, t.articles.len()))
                    .collect(),
                Kind::Countries => tax
                    .countries
                    .iter()
                    .map(|t| (&t.slug, t.articles.len()))
                    .collect(),
                Kind::Regions => tax
                    .regions
                    .iter()
                    .map(|t| (&t.slug, t.articles.len()))
                    .collect(),
                Kind::Authors => tax
                    .authors
                    .iter()
                    .map(|t| (&t.slug, t.articles.len()))
                    .collect(),
            };
            if terms.is_empty() {
                continue;
            }
            for n in 1..=self.index_pages(terms.len()) {
                out.push((self.taxonomy_page(kind, n), Written::Taxonomy(kind)));
            }
            for (slug, count) in terms {
                for n in 1..=self.term_pages(count) {
                    out.push((self.term_page(kind, slug, n), Written::Term(kind)));
                }
                if kind.has_feeds() {
                    out.push((self.term_feed(kind, slug), Written::File));
                }
            }
        }
        out
    }

    // Forms of an address.

    /// The root-relative address of a folder, ending in `/`:
    /// `/journal/archive/2018/4/`.
    pub fn dir_path(&self, dir: &SitePath) -> String {
        dir.dir_url(&self.base.path)
    }

    /// The root-relative address of a file: `/journal/style.css`.
    pub fn file_path(&self, file: &SitePath) -> String {
        file.file_url(&self.base.path)
    }

    /// The absolute address of a folder.
    pub fn dir_url(&self, dir: &SitePath) -> String {
        self.absolute(&self.dir_path(dir))
    }

    /// The absolute address of a file.
    pub fn file_url(&self, file: &SitePath) -> String {
        self.absolute(&self.file_path(file))
    }

    /// The absolute form of a root-relative address.
    pub fn absolute(&self, root_relative: &str) -> String {
        format!("{}{root_relative}", self.base.origin)
    }
}

/// `dir`'s sub-folder or file `name`, which is a literal of this module, a
/// slug, a number or a language code: always a safe segment.
fn segment(dir: &SitePath, name: &str) -> SitePath {
    dir.join(name)
        .expect("literals, slugs, numbers and language codes are safe segments")
}

/// Page `n` (from 1) of a list at `dir`: the list itself, then `page/2`.
fn list_page(dir: SitePath, n: usize) -> SitePath {
    if n <= 1 {
        dir
    } else {
        segment(&segment(&dir, PAGE), &n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(base: &str, lang: &str) -> Site {
        let lang: Lang = lang.parse().expect("a language");
        Site {
            base: base.parse().expect("a base URL"),
            galleys: None,
            default_lang: lang.clone(),
            languages: vec![lang.clone()].into(),
            lang,
            per_page: 20,
        }
    }

    #[test]
    fn the_default_language_is_at_the_root_and_others_below_their_code() {
        let en = site("https://example.org/journal/", "en");
        let ru = en.for_lang(&"ru".parse().unwrap());
        let id = IssueId {
            year: 2018,
            number: 4,
        };
        assert_eq!(en.dir_path(&en.issue(id)), "/journal/archive/2018/4/");
        assert_eq!(ru.dir_path(&ru.issue(id)), "/journal/ru/archive/2018/4/");
        assert_eq!(en.dir_path(&en.home()), "/journal/");
        assert_eq!(ru.dir_url(&ru.home()), "https://example.org/journal/ru/");
        assert_eq!(ru.file_path(&ru.feed()), "/journal/ru/feed.xml");
        // Shared files stay in the default tree whoever asks.
        assert_eq!(ru.file_path(&ru.oai()), "/journal/oai.xml");
        assert_eq!(
            ru.search_file("index.json").map(|p| ru.file_path(&p)),
            Some("/journal/search/index.json".to_string())
        );
    }

    /// An article of issue 2018/4 read from `content/2018/4/a.md`, with its
    /// PDF `pdf` (relative to the article's folder) on disk, on the site
    /// `journal.yaml` describes.
    fn article_with_pdf(journal: &str, pdf: &str) -> (Site, Article) {
        let file = crate::diag::SourceFile::new("journal.yaml", journal);
        let config = crate::config::parse(&file, None, &mut Vec::new()).expect("a config");
        let root = tempfile::tempdir().expect("a folder");
        let dir = root.path().join("content/2018/4");
        let pdf_path = dir.join(pdf);
        std::fs::create_dir_all(pdf_path.parent().expect("a folder")).expect("folders");
        std::fs::write(&pdf_path, "%PDF-1.4\n").expect("a PDF");
        let text = format!(
            "---\ntitle: A\nauthors:\n  - name: A B\npdf: {pdf}\nabstract: x\nkeywords: [k]\n---\n"
        );
        std::fs::write(dir.join("a.md"), text).expect("an article");
        let issue = crate::model::Issue {
            id: IssueId {
                year: 2018,
                number: 4,
            },
            whole_number: None,
            volume: None,
            title: None,
            published: chrono::NaiveDate::from_ymd_opt(2018, 8, 30).expect("a date"),
            cover: None,
            dir: "content/2018/4".into(),
            articles: Vec::new(),
        };
        let (article, diags) = crate::content::article::read(
            root.path(),
            std::path::Path::new("content/2018/4/a.md"),
            &issue,
            &config,
        );
        assert!(diags.is_empty(), "{diags:?}");
        (Site::new(&config), article.expect("an article"))
    }

    #[test]
    fn a_pdf_is_beside_its_article_or_on_the_galleys_host_under_its_content_path() {
        let journal = "title: J\nbase_url: https://example.org/j/\n";
        let (site, article) = article_with_pdf(journal, "galleys/a b.pdf");
        let beside = "archive/2018/4/a/a%20b.pdf";
        assert_eq!(
            site.pdf(&article).map(|p| p.as_str().to_string()),
            Some("archive/2018/4/a/a b.pdf".to_string())
        );
        assert_eq!(site.pdf_link(&article), Some(format!("/j/{beside}")));
        assert_eq!(
            site.pdf_url(&article),
            Some(format!("https://example.org/j/{beside}"))
        );

        let journal = format!("{journal}galleys_base_url: https://files.example.org/rers\n");
        let (site, article) = article_with_pdf(&journal, "galleys/a b.pdf");
        let there = "https://files.example.org/rers/2018/4/galleys/a%20b.pdf";
        assert_eq!(site.pdf(&article), None, "nothing is copied");
        assert_eq!(site.pdf_url(&article).as_deref(), Some(there));
        assert_eq!(site.pdf_link(&article).as_deref(), Some(there));
        // The other trees link the same file.
        let ru = site.for_lang(&"ru".parse().expect("a language"));
        assert_eq!(ru.pdf_link(&article).as_deref(), Some(there));
    }

    #[test]
    fn files_are_counted_by_what_they_are() {
        let site = site("https://example.org/", "en");
        let at = |path: &str| SitePath::root().join_relative(path).expect("a path");
        for (path, share) in [
            ("archive/2018/4/a/a.pdf", Share::Pdfs),
            ("files/Policy.PDF", Share::Pdfs),
            ("archive/2018/4/a/article.jats.xml", Share::Jats),
            ("archive/2018/4/a/cite.ris", Share::Downloads),
            ("archive/2018/4/a/cite.json", Share::Downloads),
            ("archive/2018/4/crossref.xml", Share::Deposits),
            ("archive/2018/4/doaj.xml", Share::Deposits),
            ("oai.xml", Share::Deposits),
            ("feed.xml", Share::Feeds),
            ("ru/keywords/k/feed.xml", Share::Feeds),
            ("search/index.json", Share::SearchIndex),
            ("search/d/12.json.gz", Share::SearchIndex),
            ("searching/a.json", Share::Other),
            ("archive/2018/4/a/figures/map.png", Share::Other),
            ("style.css", Share::Other),
            ("sitemap-1.xml", Share::Other),
        ] {
            assert_eq!(site.share_of(&at(path)), share, "{path}");
        }
    }

    #[test]
    fn lists_page_from_the_second_page_on() {
        let site = site("https://example.org/", "en");
        let slug: Slug = "central-asia".parse().unwrap();
        assert_eq!(
            site.term_page(Kind::Keywords, &slug, 1).as_str(),
            "keywords/central-asia"
        );
        assert_eq!(
            site.term_page(Kind::Keywords, &slug, 3).as_str(),
            "keywords/central-asia/page/3"
        );
        assert_eq!(
            site.taxonomy_page(Kind::Authors, 2).as_str(),
            "authors/page/2"
        );
    }

    #[test]
    fn reserved_slugs_are_the_top_level_folders_of_pages() {
        let site = site("https://example.org/", "en");
        let reserved = site.reserved_slugs();
        for folder in [
            site.archive(),
            site.search(),
            site.taxonomy(Kind::Keywords),
            site.taxonomy(Kind::Countries),
            site.taxonomy(Kind::Regions),
            site.taxonomy(Kind::Authors),
        ] {
            assert!(reserved.iter().any(|r| r == folder.as_str()), "{folder}");
        }
        assert_eq!(reserved.len(), 6);
        // Another language's tree is a top-level folder too.
        let ru: Lang = "ru".parse().unwrap();
        let two = Site {
            languages: vec![site.default_lang.clone(), ru.clone()].into(),
            ..site.clone()
        };
        let reserved = two.reserved_slugs();
        assert!(reserved
            .iter()
            .any(|r| r == two.for_lang(&ru).home().as_str()));
        assert!(!reserved.iter().any(|r| r == "en"));
        assert_eq!(reserved.len(), 7);
    }
}

//! Article pages, each with the files beside it (citation downloads, JATS,
//! the PDF, the images its full text shows) and, in a whole build, its
//! search document, made from its PDF's text for an article without a
//! Markdown full text.

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use tera::Context;

use super::{Build, Done, Pass};
use crate::content::markdown::Body;
use crate::diag::Diagnostic;
use crate::model::{ArticleIdx, ArticleProse};
use crate::render::pages::{At, Page, PageKind, PerArticle};
use crate::render::templates::RELATED_ENTRY;
use crate::render::views::{ArticleExtras, ArticleView, EntryView};
use crate::scholarly::{self, ArticleUrls, FullText};
use crate::search;
use crate::search::document::Content;

/// One job per selected article.
pub struct Articles<'b> {
    build: &'b Build<'b>,
    articles: Vec<ArticleIdx>,
    /// Each article's entry among another's related articles: rendered by
    /// the first page that lists it, printed by the others.
    related: PerArticle,
}

impl<'b> Articles<'b> {
    /// The articles `build` selects.
    pub fn new(build: &'b Build<'b>) -> Self {
        let articles: Vec<ArticleIdx> = (0..build.archive.articles.len())
            .filter(|&idx| build.selection.article(idx))
            .collect();
        let related = &build.archive.taxonomies.related;
        let listed = articles
            .iter()
            .filter_map(|&idx| related.get(idx))
            .flatten()
            .copied();
        Articles {
            build,
            related: PerArticle::new(PerArticle::count(build.archive.articles.len(), listed)),
            articles,
        }
    }

    /// The entries of article `idx`'s related articles, as HTML.
    fn related(&self, idx: ArticleIdx, diags: &mut Vec<Diagnostic>) -> Vec<Arc<str>> {
        let Build {
            archive,
            site,
            pages,
            ..
        } = self.build;
        let Some(related) = archive.taxonomies.related.get(idx) else {
            return Vec::new();
        };
        related
            .iter()
            .map(|&other| {
                self.related.get_or_make(other, || {
                    let mut ctx = Context::new();
                    ctx.insert(
                        "entry",
                        &EntryView::new(archive, &archive.articles[other], site),
                    );
                    pages
                        .fragment(RELATED_ENTRY, &ctx, diags)
                        .unwrap_or_default()
                })
            })
            .collect()
    }
}

impl Pass for Articles<'_> {
    fn name(&self) -> &'static str {
        "articles"
    }

    fn jobs(&self) -> usize {
        self.articles.len()
    }

    fn run(&self, job: usize, done: &mut Done) -> Result<()> {
        let Build {
            archive,
            site,
            pages,
            bodies,
            indexer,
            ..
        } = self.build;
        let idx = self.articles[job];
        let article = &archive.articles[idx];
        // Read once: rendered here, written as JATS and indexed below.
        let source = bodies.read(article, &mut done.diags);
        let body = source.as_ref().map_or_else(Body::default, |(file, range)| {
            bodies.render(file, range.clone(), &mut done.diags)
        });
        let body_markdown = source
            .as_ref()
            .and_then(|(file, range)| file.text().get(range.clone()));
        let links = ArticleUrls::new(article, site);
        // Derived once: the page, its head, its downloads and its search
        // document all show the title and abstracts.
        let prose = ArticleProse::new(article);
        let csl = scholarly::citation::csl_json(archive, article, &links, &prose);
        let related = self.related(idx, &mut done.diags);
        let view = ArticleView::new(
            archive,
            idx,
            site,
            ArticleExtras {
                body_html: &body.html,
                toc: &body.toc,
                links: &links,
                csl: &csl,
                references: scholarly::citation::references(&csl),
                prose: &prose,
                meta_tags: pages.lists_meta_tags(),
                related: &related,
                related_fields: !pages.built_in(PageKind::Article),
            },
        );
        let mut ctx = Context::new();
        ctx.insert("article", &view);
        ctx.insert("issue", view.issue());
        let dir = site.article(article);
        pages.render(
            Page {
                kind: PageKind::Article,
                title: view.title_text(),
                at: At::Dir(dir.clone()),
                lang: Some(view.lang()),
                links: Default::default(),
            },
            ctx,
            &mut done.diags,
        )?;
        done.pages += 1;
        // The downloads and JATS are made from the model by writers that
        // cannot fail on content: `check`, which keeps nothing, skips them.
        // They, the PDF, the figures and the search document are shared by
        // every language's tree: the default tree writes them.
        let shares = self.build.primary;
        if self.build.writes_shared() {
            for file in scholarly::article_files(
                archive,
                idx,
                site,
                body_markdown.map(|markdown| FullText {
                    markdown,
                    links: &body.links,
                }),
                &links,
                &csl,
                &prose,
            ) {
                pages.write(&file.path, file.text.as_bytes())?;
            }
        }
        if let Some(pdf) = article.pdf.as_ref().filter(|_| shares) {
            if let Some(target) = site.pdf(article) {
                pages.copy(&target, &archive.root.join(&pdf.source))?;
            }
        }
        if shares {
            let source_dir = article.source.path().parent().unwrap_or(Path::new(""));
            bodies.copy_assets(pages, &body, source_dir, |asset| {
                site.beside_article(article, asset)
            })?;
        }
        // A whole build indexes each article as its page is made: the
        // document file is written here, and the indexer keeps its counted
        // stems for the shards. An article without a Markdown full text is
        // indexed by its PDF's text, read here (one PDF's text a thread at
        // a time) or taken from the build cache. `check` writes no index,
        // but reads the PDFs as a build does, so it warns of the same.
        let indexed = indexer
            .as_ref()
            .filter(|indexer| shares && indexer.number(idx).is_some());
        let Some(indexer) = indexed else {
            return Ok(());
        };
        let pdf_text = article
            .pdf
            .as_ref()
            .filter(|_| !article.has_body)
            .and_then(|pdf| self.build.pdfs.text(&pdf.source).ok());
        if !self.build.writes_shared() {
            return Ok(());
        }
        let paragraphs = body_markdown.map_or_else(Vec::new, search::text::paragraphs);
        let link = pdf_text.as_ref().and_then(|_| site.pdf_link(article));
        let content = match (&pdf_text, &link) {
            (Some(text), Some(link)) => Content::Pdf { link, text },
            _ => Content::Body(&paragraphs),
        };
        for file in indexer.document(archive, idx, site, &prose, content) {
            if let Some(target) = site.search_file(file.path.as_str()) {
                pages.write(&target, &file.bytes)?;
            }
        }
        Ok(())
    }
}

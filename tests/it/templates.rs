//! Template errors as `check` and `build` report them: the template's own
//! file and line, at parse time and at render time, and never instead of
//! the content's problems.

use crate::support::TestSite;

/// An article template whose fourth line uses a filter Tera does not have.
const UNDEFINED_FILTER: &str = "{% extends \"base.html\" %}
{% block content %}
<h1>{{ article.title_html | safe }}</h1>
<p class=\"doi\">{{ article.doi | doi_link }}</p>
{% endblock %}
";

/// A page template whose `if` is never closed (line 3).
const UNCLOSED_IF: &str = "{% extends \"base.html\" %}
{% block content %}
{% if static_page.description %}<p>{{ static_page.description }}</p>
{% endblock %}
";

#[test]
fn check_names_the_template_file_and_line_of_a_render_error() {
    let site = TestSite::fixture("valid-minimal");
    site.write("templates/article.html", UNDEFINED_FILTER);
    let check = site.check();
    check.code(1).no_panic();
    check.stderr_contains("templates/article.html:4:33: error[E033]");
    check.stderr_contains("Filter 'doi_link' not found");
    // Reported once, not once per article page.
    assert_eq!(
        check.stderr.matches("error[E033]").count(),
        1,
        "{}",
        check.stderr
    );
    // build fails on the same error, and leaves no output.
    let build = site.run(&["--format", "short", "build"]);
    build.code(1);
    build.stderr_contains("templates/article.html:4:33: error[E033]");
    assert!(!site.public().exists(), "a failed build wrote public/");
}

#[test]
fn a_template_syntax_error_does_not_hide_the_contents_problems() {
    let site = TestSite::fixture("valid-minimal");
    site.write("templates/page.html", UNCLOSED_IF);
    site.write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nSee [the first article](../2020/1/no-such-article.md).\n",
    );
    let check = site.check();
    check.code(1).no_panic();
    check.stderr_contains("templates/page.html:4:1: error[E033]");
    check.stderr_contains("content/pages/about.md:4:25: error[E027]");
}

/// The built-in template `name` with `from` replaced by `to` (once).
fn built_in_with(name: &str, from: &str, to: &str) -> String {
    let path = crate::support::repo_root()
        .join("themes/default/templates")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("a built-in template");
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {name}");
    text.replacen(from, to, 1)
}

/// The sample, with the site's own `templates/<name>` for each override,
/// must build exactly what the built-in templates build.
fn builds_the_same_with(overrides: &[(&str, String)]) {
    let site = TestSite::sample();
    for (name, text) in overrides {
        site.write(&format!("templates/{name}"), text);
    }
    builds_the_same(&site);
}

/// `site`, a changed sample, builds exactly what the sample builds.
fn builds_the_same(site: &TestSite) {
    use crate::support::{built_sample, BASE_URL};
    site.build(&["--base-url", BASE_URL]).success().no_panic();
    let built = crate::support::tree(&built_sample().public());
    let ours = site.tree("public");
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        ours.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &built {
        assert!(
            ours[path] == *bytes,
            "{path} differs:\n{}",
            String::from_utf8_lossy(&ours[path])
        );
    }
}

#[test]
fn a_term_template_of_its_own_lists_the_same_entries_from_their_fields() {
    // The entries quire renders once are what the macro makes of the
    // fields a theme's own term template gets, on every kind of term page
    // in both trees.
    let own = built_in_with(
        "taxonomy_term.html",
        "{{ entry.html | safe }}",
        "{{ m::article_entry(entry=entry, level=3, linked_authors=true, \
         affiliations=kind == \"authors\", current=term.path, show_issue=true, \
         show_doi=false) }}",
    );
    builds_the_same_with(&[("taxonomy_term.html", own)]);
}

#[test]
fn term_pages_list_entries_through_the_sites_macro() {
    let site = TestSite::sample();
    site.write(
        "templates/macros.html",
        &built_in_with(
            "macros.html",
            "<li class=\"entry\" lang=",
            "<li class=\"entry own\" lang=",
        ),
    );
    site.build(&[]).success();
    for page in ["keywords", "countries", "authors", "ru/keywords"] {
        let dir = site.public().join(page);
        let term = std::fs::read_dir(&dir)
            .expect("a taxonomy folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("index.html"))
            .find(|p| p.is_file() && !p.starts_with(dir.join("page")))
            .expect("a term page");
        let html = std::fs::read_to_string(&term).unwrap();
        assert!(
            html.contains("<li class=\"entry own\"") && !html.contains("<li class=\"entry\""),
            "{}: {html}",
            term.display()
        );
    }
}

#[test]
fn an_article_template_of_its_own_writes_the_same_meta_tags_one_by_one() {
    // The head's tags, written by quire as `meta_html`, are what a theme
    // writes from `meta_tags`, which it gets when it names them.
    let own = built_in_with(
        "article.html",
        "{{- article.meta_html | safe }}",
        "{%- for t in article.meta_tags %}\n<meta {{ t.attr }}=\"{{ t.key }}\" \
         content=\"{{ t.content }}\"{% if t.lang %} lang=\"{{ t.lang }}\" \
         xml:lang=\"{{ t.lang }}\"{% endif %}>\n{%- endfor %}",
    );
    builds_the_same_with(&[("article.html", own)]);
}

#[test]
fn the_chrome_rendered_once_is_what_a_base_template_writes_itself() {
    // quire renders header.html and footer.html once per variant; a
    // base.html that writes the header and the footer itself on every page
    // (the default theme's before it had them) gives the same pages: the
    // header's marks of the current page (`aria-current`), the `lang` of
    // the interface's words on pages in another language, both trees.
    let site = TestSite::sample();
    site.overlay("templates/inline-chrome");
    builds_the_same(&site);
}

#[test]
fn an_article_template_of_its_own_lists_the_same_related_articles_from_their_fields() {
    // related_entry.html, rendered once per article, is what a theme's own
    // article template makes of the related articles' fields.
    let path = crate::support::repo_root().join("themes/default/templates/related_entry.html");
    let partial = std::fs::read_to_string(path).expect("the built-in related_entry.html");
    let (_, item) = partial.split_once("#}").expect("a leading comment");
    let own = built_in_with(
        "article.html",
        "{{ entry.html | safe }}",
        item.strip_suffix('\n').expect("a final line break"),
    );
    builds_the_same_with(&[("article.html", own)]);
}

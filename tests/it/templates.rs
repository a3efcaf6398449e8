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

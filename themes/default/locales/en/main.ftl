# quire's interface in English: every word the site prints that is not the
# journal's own. One message per string; the key says where it is used.
#
# Two kinds of message:
# - Text that quire's Rust code formats (dates, labels, the citation line,
#   sizes, author lists, the map's tooltips, titles): plain text, escaped
#   where it is printed.
# - Text that templates print with `t(key=...)`: HTML, like the template's
#   own text. Its arguments ({ $name }) are escaped; write `&amp;` for `&`.
#
# Optional numbers are passed as the string `none` when absent, so a
# selector can leave their words out.
# Keep `docs/templates.md` in step when adding a message templates use.

## Formats made in Rust (src/text/)

# `30 August 2018`.
date = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }

# `2018, Vol. 11, No. 4 (61)`.
issue-label = { $year }{ $volume ->
        [none] {""}
       *[other] , Vol. { $volume }
    }, No. { $number }{ $whole ->
        [none] {""}
       *[other] {" "}({ $whole })
    }

# `2018. Vol. 11, No. 4 (61). P. 78–91`: the article's place in the journal,
# after the journal's title.
citation-line = { $year }.{ $volume ->
        [none] {""}
       *[other] {" "}Vol. { $volume },
    } No. { $number }{ $whole ->
        [none] {""}
       *[other] {" "}({ $whole })
    }{ $pages ->
        [none] {""}
       *[other] . P. { $pages }
    }

# Author lists: `A, B and C`. Also between linked names in article lists.
authors-separator = {", "}
authors-last-separator = {" and "}

# A file's size: `500 bytes`, `412 KB`, `2.9 MB`.
size = { $unit ->
        [bytes] { $n } bytes
        [kb] { $n } KB
       *[mb] { $n } MB
    }

# The world map's tooltip and accessible name of a country.
map-country = { $country }: { $n } { $n ->
        [one] article
       *[other] articles
    }
# The world map's title.
map-title = Articles by country

# The search page's filters.
search-facet-year = Year
search-facet-section = Section
search-facet-country = Country
search-facet-keyword = Keyword

## Titles of pages and taxonomies

archive-title = Archive
search-title = Search
not-found-title = Page not found
keywords-title = Keywords
keywords-singular = Keyword
countries-title = Countries
countries-singular = Country
regions-title = Regions
regions-singular = Region
authors-title = Authors
authors-singular = Author

## Counts

# `12 articles`, `0 articles`.
articles-count = { $n } { $n ->
        [one] article
       *[other] articles
    }
# `article` or `articles`, after a number printed apart.
articles-word = { $n ->
        [one] article
       *[other] articles
    }
# `12 articles`, `no articles`: a term's count in a list.
articles-count-or-none = { $n ->
        [0] no articles
        [one] { $n } article
       *[other] { $n } articles
    }
# The same at the start of a line.
articles-count-or-none-start = { $n ->
        [0] No articles
        [one] { $n } article
       *[other] { $n } articles
    }
# `3 countries`: a region's note in the region index.
countries-count = { $n } { $n ->
        [one] country
       *[other] countries
    }
# The number of terms in a taxonomy index: `12 keywords`.
terms-count = { $n } { $kind ->
        [keywords] { $n ->
            [one] keyword
           *[other] keywords
        }
        [countries] { $n ->
            [one] country
           *[other] countries
        }
        [regions] { $n ->
            [one] region
           *[other] regions
        }
       *[authors] { $n ->
            [one] author
           *[other] authors
        }
    }
# `page 2 of 5`.
page-of = page { $current } of { $total }
# `p.` before one page, `pp.` before a range.
pages-abbr = { $range ->
        [true] pp.
       *[false] p.
    }

## Every page (base.html)

skip-link = Skip to content
nav-main = Main
search-label = Search the archive
search-button = Search
footer-publisher = Published by { $publisher }
issn-print = { $issn } (print)
issn-online = { $issn } (online)
footer-contact = Contact: <a href="mailto:{ $email }">{ $email }</a>
# Followed by the licence's name (a link when it has an address) and `.`.
footer-license = Unless otherwise noted, articles are published under
breadcrumb-label = Breadcrumb
orcid-expansion = Open Researcher and Contributor ID

## Home page

home-latest-issue = Latest issue
issue-published = Published <time datetime="{ $iso }">{ $date }</time>
home-archive-link = Browse all issues in the archive
home-browse = Browse
home-top-keywords = Most used keywords
home-empty = No issues have been published yet. The <a href="{ $archive }">archive</a> will list them as they appear.

## Archive and issue pages

archive-years-nav = Years
archive-empty = No issues have been published yet.
issue-cover-alt = Cover of { $label }
issue-empty = This issue has no articles yet.

## Article page

author-corresponding = Corresponding author
article-published-in = Published in
article-received = Received
article-revised = Revised
article-accepted = Accepted
article-published = Published
article-license = License
article-download-pdf = Download PDF
article-online = Online: { $url }
article-abstract = Abstract
article-keywords = Keywords
article-countries = { $n ->
        [one] Country
       *[other] Countries
    }
article-regions = { $n ->
        [one] Region
       *[other] Regions
    }
article-funding = Funding
article-full-text = Full text
article-references = References
article-how-to-cite = How to cite
cite-downloads = Download the reference:
cite-full-metadata = Full metadata:
translation-keywords = Keywords:
# The heading over the articles of this journal that cite an article.
article-cited-by = Cited in this journal by { $n } { $n ->
        [one] article
       *[other] articles
    }
# The link after a reference that names an article of this journal.
reference-in-journal = In this journal
article-related = Related articles
article-pager = Articles in this issue
pager-prev = Previous article
pager-next = Next article

## Lists of articles (macros.html)

entry-pdf = PDF<span class="visually-hidden"> of “{ $title }”</span>
toc-title = Contents
pagination-label = Pagination
pagination-prev = Previous<span class="visually-hidden"> page</span>
pagination-next = Next<span class="visually-hidden"> page</span>
pagination-page = <span class="visually-hidden">Page </span>{ $n }

## Taxonomy pages

taxonomy-index-description = { $taxonomy } in { $site }: { $total } in all, each with its articles.
letter-nav-label = Jump to letter
map-caption = Countries shaded by the number of articles about them; select a country to see its articles. The table below gives the figures.
map-legend-none = None
map-legend-more = Fewer to more
articles-title = Articles
taxonomy-empty = There is nothing to list yet.
taxonomy-term-description = { $kind }: { $name }. { $n } { $n ->
        [one] article
       *[other] articles
    } in { $site }.
term-iso-code = ISO code
term-affiliations = { $n ->
        [one] Affiliation
       *[other] Affiliations
    }
term-subscribe = Subscribe (Atom)<span class="visually-hidden"> to new articles: { $name }</span>
term-empty = No articles yet.

## Search page

search-query-label = Words to find in titles, authors, abstracts, keywords, places and full texts
search-filters = Filters
search-any = Any
search-more = More results
# Followed by `search-noscript-or` for each taxonomy, then `.`.
search-noscript = Search runs in your browser and needs JavaScript, which is turned off here. You can still browse the <a href="{ $archive }">archive by issue</a>
search-noscript-or = , or by <a href="{ $path }">{ $title }</a>

# The search page's status line, written by search.js. `{ $what }` is the
# query as `search-status-words` and `search-status-words-filters` give it;
# `search-status-found` is chosen by the CLDR plural category of the count
# (`$category`: one, few, many, other...), `$count` the count as written.
search-status-empty = Type a word, a name or a place.
search-status-searching = Searching…
search-status-none = No articles found for { $what }.
search-status-found = { $category ->
        [one] { $count } article found for { $what }.
       *[other] { $count } articles found for { $what }.
    }
search-status-words = “{ $words }”
search-status-words-filters = { $words } with { $filters }
search-status-failed = Search could not load its index ({ $error }). Please try again later.
# A search result found in an article's PDF shows the page it was found on
# as `pages-abbr` and the page's printed number ("p. 84"), a link opening the
# PDF at that page; this is the link's name for screen readers. `$page` is
# that "p. 84", which the name must begin with (WCAG's "label in name").
search-pdf-page = { $page } of the PDF

## Page not found (404.html)

not-found-lead = Sorry, there is nothing at this address. The page may have moved, or the link may contain a typing error.
not-found-try = You may find what you are looking for here:
not-found-home = <a href="{ $home }">The home page</a>, with the latest issue
not-found-archive = <a href="{ $archive }">The archive</a> of all issues, by year
not-found-contact = If you followed a link from another site, or believe this page should exist, please write to <a href="mailto:{ $email }">{ $email }</a>.

## The language switch
language-name = English
language-switch-label = Language
article-original-only = The title and abstract are shown in the original language.
# A static page shown in its own language, having no translation into the
# page's; `$original` is the code of the language it is shown in.
page-original-only = { $original ->
    [ru] This page is available in Russian only.
    [en] This page is available in English only.
   *[other] This page is shown in its original language.
}

## The statistics page (statistics.html)
stats-title = Archive statistics
archive-statistics-link = The archive at a glance: statistics and charts
stats-lead = { $n ->
    [one] One article, published from { $first } to { $last }.
   *[other] { $n } articles, published from { $first } to { $last }.
}
stats-lead-one-year = { $n ->
    [one] One article, published in { $year }.
   *[other] { $n } articles, published in { $year }.
}
stats-lead-note = Each figure counts articles unless it says otherwise: an article naming several countries, regions or keywords counts once for each.
stats-number = { $n }
stats-table = The figures as a table
stats-col-articles = Articles
stats-col-total = In all
stats-col-year = Year
stats-col-section = Section
stats-col-country = Country
stats-col-region = Region
stats-col-keyword = Keyword
stats-no-section = Without a section
stats-other-countries = { $n ->
    [one] { $n } other country
   *[other] { $n } other countries
}
stats-other-regions = { $n ->
    [one] { $n } other region
   *[other] { $n } other regions
}
stats-years = Articles per year
stats-years-summary = Most articles appeared in { $name }: { $n }.
stats-sections = Articles per section
stats-sections-summary = The section with most articles is “{ $name }”: { $n }.
stats-countries = Articles per country
stats-countries-summary = The country most articles are about is { $name }: { $n }.
stats-regions = Articles per region
stats-regions-summary = The region most articles are about is { $name }: { $n }.
stats-keywords = Most used keywords
stats-keywords-period-summary = The most used keyword is “{ $name }”: { $n } { $n ->
    [one] article
   *[other] articles
}.
stats-col-authors = Authors
stats-affiliations = Authors’ affiliation countries
stats-affiliations-summary = The country most authors are affiliated in is { $name }: { $n } { $n ->
    [one] author
   *[other] authors
}.
stats-affiliations-note = Each author of an article counts once in each country of their affiliations; affiliations given without a country are not counted.
stats-col-article = Article
stats-col-citing = Cited by
stats-cited = Most cited inside the archive
stats-cited-summary = The article most cited by this journal’s own articles is “{ $name }”: cited by { $n } { $n ->
    [one] article
   *[other] articles
}.
stats-cited-note = Counted from the references that name an article of this journal by its DOI or by a link to its page: each citing article once, an article citing itself not at all. Of equal counts, the newest article comes first.
stats-cited-none = No article of this journal cites another one yet.

#!/usr/bin/env python3
"""Reads every article page of a built site as a reference manager would,
from the HTML alone, and compares what it finds with the article's front
matter, field by field.

    read_metadata.py SITE_DIR PUBLIC_DIR

SITE_DIR holds journal.yaml and content/; PUBLIC_DIR is the built site. The
page's Highwire `citation_*` tags are read with lxml, its schema.org JSON-LD
and Dublin Core with extruct (the library Scrapy-based crawlers use). The
expected values come from the YAML files, read here with PyYAML, following
the content format's rules on their own (default family name, the issue's
date, the PDF beside the article or, with `galleys_base_url`, on that host
at its path under content/), so the generator's code is not trusted to
check itself. A site in several languages has each article's page in
every tree: the page of record (in the tree of the article's language, else
the default tree) is compared with the front matter, and every tree's page
must carry the same `citation_*` tags and a canonical address (and
`og:url`) of its own.
Prints one line per mismatch and a summary; exits 1 when
anything differs or no page was checked.
"""

import datetime
import os
import re
import sys
from urllib.parse import quote, urlparse

import extruct
import lxml.html
import yaml


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n?", text, re.S)
    return yaml.safe_load(match.group(1)) if match else None


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def family_given(author):
    """The content format's rule (docs/content-format.md): `family`/`given`
    when given, else the last word of `name` is the family name."""
    if author.get("family"):
        return author["family"], author.get("given", "") or ""
    words = author["name"].split()
    return words[-1], " ".join(words[:-1])


def plain(text):
    """Inline Markdown as text, enough for titles: emphasis marks and code
    ticks dropped, white space folded."""
    text = re.sub(r"[*_`]", "", str(text))
    return " ".join(text.split())


def doi_of(value):
    if not value:
        return None
    value = str(value).strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
    return value


def date_text(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


class Checker:
    def __init__(self):
        self.mismatches = []
        self.fields = 0

    def same(self, page, field, found, expected):
        self.fields += 1
        if found != expected:
            self.mismatches.append(f"{page}: {field}: page has {found!r}, front matter says {expected!r}")


def main(site_dir, public_dir):
    journal = yaml.safe_load(open(os.path.join(site_dir, "journal.yaml"), encoding="utf-8"))
    base_url = journal["base_url"].rstrip("/") + "/"
    base_path = urlparse(base_url).path
    issns = [str(journal[k]) for k in ("issn_print", "issn_online") if journal.get(k)]
    # The interface languages, the default first (the content format's
    # rule: `languages:`, else `language` alone).
    default_language = journal.get("language") or (journal.get("languages") or ["en"])[0]
    languages = journal.get("languages") or [default_language]
    check = Checker()
    pages = 0
    content = os.path.join(site_dir, "content")
    for year in sorted(os.listdir(content)):
        if not year.isdigit():
            continue
        for number in sorted(os.listdir(os.path.join(content, year))):
            issue_dir = os.path.join(content, year, number)
            issue_file = os.path.join(issue_dir, "_issue.yaml")
            if not os.path.isfile(issue_file):
                continue
            issue = yaml.safe_load(open(issue_file, encoding="utf-8"))
            for name in sorted(os.listdir(issue_dir)):
                if not name.endswith(".md") or name.startswith("_"):
                    continue
                fm = front_matter(os.path.join(issue_dir, name))
                if not fm or fm.get("draft"):
                    continue
                stem = name[:-3]
                slug = fm.get("slug", stem)
                shared = f"archive/{year}/{number}/{slug}/"
                # The page of record: in the tree of the article's own
                # language when the site has one, else the default tree's.
                language = fm.get("language", default_language)
                record = shared if language not in languages[1:] else f"{language}/{shared}"
                page = os.path.join(public_dir, record, "index.html")
                if not os.path.isfile(page):
                    check.mismatches.append(f"{record}: no page at {record}index.html")
                    continue
                pages += 1
                compare(check, record, page, fm, issue, journal, issns, base_url, base_path,
                        issue_dir, stem, public_dir, shared)
                # Every tree's page carries the same citation_* tags and a
                # canonical address of its own.
                tags = citation_tags(page)
                for lang in languages:
                    rel = shared if lang == languages[0] else f"{lang}/{shared}"
                    twin = os.path.join(public_dir, rel, "index.html")
                    if not os.path.isfile(twin):
                        check.mismatches.append(f"{rel}: no page at {rel}index.html")
                        continue
                    if rel != record:
                        pages += 1
                    check.same(rel, "citation_* tags as on the page of record",
                               citation_tags(twin), tags)
                    head = lxml.html.parse(twin)
                    canonical = head.xpath("//head/link[@rel='canonical']/@href")
                    check.same(rel, "canonical", canonical, [base_url + rel])
                    # Open Graph names the page itself, as its canonical link does.
                    og_url = head.xpath("//head/meta[@property='og:url']/@content")
                    check.same(rel, "og:url", og_url, [base_url + rel])
    for line in check.mismatches:
        print(line)
    print(f"read {pages} article pages, compared {check.fields} fields: "
          f"{len(check.mismatches)} mismatches")
    return 0 if pages and not check.mismatches else 1


def citation_tags(page):
    """The page's Highwire tags, (name, content) in document order."""
    tree = lxml.html.parse(page)
    return [(m.get("name"), m.get("content"))
            for m in tree.xpath("//head/meta[starts-with(@name, 'citation_')]")]


def compare(check, rel, page, fm, issue, journal, issns, base_url, base_path, issue_dir, stem,
            public_dir, shared):
    html = open(page, encoding="utf-8").read()
    url = base_url + rel
    tree = lxml.html.fromstring(html)

    def meta(name, lang=False):
        """Values of <meta name=...>, in document order; without `lang`, only
        those in the page's own language (no lang attribute)."""
        return [m.get("content") for m in tree.xpath("//head/meta[@name=$n]", n=name)
                if lang or m.get("lang") is None]

    title = plain(fm["title"])
    if fm.get("subtitle"):
        # A colon joins them, a space alone after a title that ends in a stop.
        joiner = " " if title.endswith((".", "?", "!", ":")) else ": "
        title = f"{title}{joiner}{plain(fm['subtitle'])}"
    authors = [a["name"] for a in fm["authors"]]
    published = date_text(fm.get("published", issue["published"]))
    # White space inside a value is folded, as the content format merges keywords.
    keywords = [" ".join(str(k).split()) for k in as_list(fm.get("keywords"))]
    doi = doi_of(fm.get("doi"))
    pages = str(fm["pages"]).replace("–", "-").replace("—", "-") if fm.get("pages") else None
    first, last = (pages.split("-") + [None])[:2] if pages else (None, None)
    if first and last is None:
        last = first
    pdf_name = fm.get("pdf") or (stem + ".pdf" if os.path.isfile(os.path.join(issue_dir, stem + ".pdf")) else None)
    # Files are written once, in the default tree; with `galleys_base_url`
    # the PDF is on that host, at its path under content/, and not copied.
    galleys = journal.get("galleys_base_url")
    if pdf_name and galleys:
        content = os.path.dirname(os.path.dirname(issue_dir))
        below = os.path.relpath(os.path.join(issue_dir, pdf_name), content)
        pdf_url = galleys.rstrip("/") + "/" + quote(below.replace(os.sep, "/"))
    else:
        pdf_url = base_url + shared + os.path.basename(pdf_name) if pdf_name else None

    # Highwire Press tags, as Google Scholar reads them.
    check.same(rel, "citation_title", meta("citation_title"), [title])
    check.same(rel, "citation_author", meta("citation_author"), authors)
    check.same(rel, "citation_publication_date", meta("citation_publication_date"),
               [published.replace("-", "/")])
    check.same(rel, "citation_journal_title", meta("citation_journal_title"), [journal["title"]])
    check.same(rel, "citation_issn", meta("citation_issn"), issns)
    check.same(rel, "citation_volume", meta("citation_volume"),
               [str(issue["volume"])] if issue.get("volume") else [])
    check.same(rel, "citation_issue", meta("citation_issue"), [str(issue["number"])])
    check.same(rel, "citation_firstpage", meta("citation_firstpage"), [first] if first else [])
    check.same(rel, "citation_lastpage", meta("citation_lastpage"), [last] if last else [])
    check.same(rel, "citation_doi", meta("citation_doi"), [doi] if doi else [])
    check.same(rel, "citation_pdf_url", meta("citation_pdf_url"), [pdf_url] if pdf_url else [])
    check.same(rel, "citation_keywords", meta("citation_keywords"), keywords)
    check.same(rel, "citation_abstract_html_url", meta("citation_abstract_html_url"), [url])
    check.same(rel, "citation_language", meta("citation_language"),
               [fm.get("language", journal.get("language")
                       or (journal.get("languages") or ["en"])[0])])
    # An affiliation is its institution's name, or a mapping with `name`
    # (and `country`).
    institutions = [
        i["name"] if isinstance(i, dict) else i
        for a in fm["authors"]
        for i in as_list(a.get("affiliation"))
    ]
    check.same(rel, "citation_author_institution", meta("citation_author_institution"),
               institutions)
    if pdf_name:
        on_disk = os.path.isfile(os.path.join(public_dir, shared, os.path.basename(pdf_name)))
        check.same(rel, "PDF file in the output", on_disk, not galleys)

    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "dublincore"], uniform=True)

    # schema.org JSON-LD.
    articles = [d for d in data["json-ld"] if d.get("@type") == "ScholarlyArticle"]
    check.same(rel, "JSON-LD ScholarlyArticle count", len(articles), 1)
    if articles:
        ld = articles[0]
        check.same(rel, "JSON-LD name", ld.get("name"), title)
        check.same(rel, "JSON-LD author", [p.get("name") for p in ld.get("author", [])], authors)
        check.same(rel, "JSON-LD author familyName",
                   [p.get("familyName") for p in ld.get("author", [])],
                   [family_given(a)[0] for a in fm["authors"]])
        orcids = [p.get("@id") for p in ld.get("author", [])]
        expected_orcids = [("https://orcid.org/" + str(a["orcid"]).split("/")[-1].upper())
                           if a.get("orcid") else None for a in fm["authors"]]
        check.same(rel, "JSON-LD author @id (ORCID)", orcids, expected_orcids)
        check.same(rel, "JSON-LD datePublished", ld.get("datePublished"), published)
        check.same(rel, "JSON-LD keywords", ld.get("keywords", []), keywords)
        check.same(rel, "JSON-LD pageStart", ld.get("pageStart"), first)
        check.same(rel, "JSON-LD pageEnd", ld.get("pageEnd"), last)
        identifier = ld.get("identifier") or {}
        check.same(rel, "JSON-LD DOI", identifier.get("value"), doi)
        encoding = ld.get("encoding") or {}
        check.same(rel, "JSON-LD PDF", encoding.get("contentUrl"), pdf_url)
        issue_ld = ld.get("isPartOf") or {}
        check.same(rel, "JSON-LD PublicationIssue", issue_ld.get("@type"), "PublicationIssue")
        check.same(rel, "JSON-LD issueNumber", issue_ld.get("issueNumber"), str(issue["number"]))
        parent = issue_ld.get("isPartOf") or {}
        if issue.get("volume"):
            check.same(rel, "JSON-LD volumeNumber", parent.get("volumeNumber"), str(issue["volume"]))
            parent = parent.get("isPartOf") or {}
        check.same(rel, "JSON-LD Periodical", parent.get("@type"), "Periodical")
        check.same(rel, "JSON-LD Periodical name", parent.get("name"), journal["title"])
        check.same(rel, "JSON-LD Periodical issn", parent.get("issn", []), issns)

    # Dublin Core.
    dc = data["dublincore"][0] if data["dublincore"] else {}
    elements = dc.get("elements", []) + dc.get("terms", [])

    def dc_values(name, lang=False):
        return [e.get("content") for e in elements
                if e.get("name", "").lower() == name.lower() and (lang or not e.get("lang"))]

    check.same(rel, "DC.title", dc_values("DC.title"), [title])
    creators = []
    for a in fm["authors"]:
        family, given = family_given(a)
        creators.append(f"{family}, {given}" if given else family)
    check.same(rel, "DC.creator", dc_values("DC.creator"), creators)
    check.same(rel, "DC.date", dc_values("DC.date"), [published])
    check.same(rel, "DC.subject", dc_values("DC.subject"), keywords)
    identifiers = dc_values("DC.identifier")
    check.same(rel, "DC.identifier (page)", url in identifiers, True)
    if doi:
        check.same(rel, "DC.identifier (DOI)", f"https://doi.org/{doi}" in identifiers, True)
    sources = dc_values("DC.source")
    check.same(rel, "DC.source names the journal",
               bool(sources) and sources[0].startswith(journal["title"]), True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

#!/usr/bin/env python3
"""Write small, valid, one-page placeholder PDF galleys for the sample archive.

The output is a minimal PDF 1.4 file: one A4 page, the standard Helvetica and
Helvetica-Bold fonts (no embedding), an uncompressed content stream and a
cross-reference table with exact byte offsets. There is no timestamp, no /ID
and nothing random, so the same input always gives the same bytes.

Usage:

    tools/make-sample-pdf.py OUT.pdf TITLE [LINE ...]
        Write OUT.pdf with TITLE in bold and each LINE below it.

    tools/make-sample-pdf.py --content content/
        Regenerate every galley that already exists under content/: for each
        article (*.md under content/<year>/<issue>/), the file named by its
        `pdf:` field or, failing that, <stem>.pdf when it exists. Articles
        without a galley are left without one. Needs PyYAML.

Only the Python standard library is needed for the first form. Text is
reduced to printable ASCII (typographic dashes and quotes are replaced;
anything else that Helvetica's standard encoding cannot show becomes "?"),
so the title of an article written in Cyrillic should be given in Latin
letters (the --content form uses its English translation when it has one).
"""

import os
import re
import sys

PAGE_W, PAGE_H = 595, 842  # A4 in points
MARGIN = 72
WRAP = 58  # characters per line of the title (Helvetica-Bold 16 pt)

ASCII_MAP = {
    "\u2013": "-", "\u2014": "--", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u2026": "...",
}


def to_ascii(text):
    out = []
    for ch in text:
        ch = ASCII_MAP.get(ch, ch)
        out.append(ch if all(32 <= ord(c) < 127 for c in ch) else "?")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def pdf_string(text):
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def wrap(text, width):
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word) if line else word
    if line:
        lines.append(line)
    return lines


def build_pdf(title, lines):
    """Return the bytes of a one-page PDF showing title and lines."""
    title = to_ascii(re.sub(r"[*_`]", "", title))  # drop inline Markdown marks
    ops = ["BT", "/F2 16 Tf", "20 TL", f"{MARGIN} {PAGE_H - MARGIN - 16} Td"]
    for part in wrap(title, WRAP):
        ops.append(f"{pdf_string(part)} Tj T*")
    ops += ["/F1 11 Tf", "16 TL", "T*"]
    for line in lines:
        if not line.strip():
            ops.append("T*")  # an empty line
            continue
        for part in wrap(to_ascii(line), 90):
            ops.append(f"{pdf_string(part)} Tj T*")
    ops.append("ET")
    stream = ("\n".join(ops) + "\n").encode("ascii")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
         "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>").encode("ascii"),
        b"<< /Length " + str(len(stream)).encode("ascii") + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode("ascii")
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode("ascii")
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode("ascii")
    return bytes(out)


def write_pdf(path, title, lines):
    data = build_pdf(title, lines)
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def front_matter(path):
    import yaml  # only the --content form needs PyYAML

    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.match(r"---\r?\n(.*?)\r?\n---\r?\n?", text, re.S)
    return yaml.safe_load(m.group(1)) if m else {}


def galley_lines(meta, year, issue):
    names = ", ".join(a.get("name", "") for a in meta.get("authors") or [])
    where = f"Review of Eurasian Regional Studies, {year}, no. {issue}"
    if meta.get("pages") is not None:
        pages = str(meta["pages"])
        where += (", p. " if re.fullmatch(r"\d+", pages) else ", pp. ") + pages
    doi = re.sub(r"^https?://(dx\.)?doi\.org/", "", str(meta.get("doi") or ""))
    if doi and not doi.lower().startswith("10.24833/sample-"):
        # A real article (the seed): do not attribute it to the sample journal.
        where = where.replace("Review of Eurasian Regional Studies, ", "")
        note = ["PLACEHOLDER PDF for the quire demonstration archive. This is a real",
                "article; its full text is available from the publisher through the DOI above."]
    else:
        note = ["SAMPLE GALLEY - placeholder PDF for the quire demonstration archive.",
                "The full text of this article is not part of the sample."]
    lines = [names, where]
    if doi:
        lines.append("DOI: " + doi)
    return lines + [""] + note


def regenerate(content_dir):
    for year in sorted(os.listdir(content_dir)):
        ydir = os.path.join(content_dir, year)
        if not (year.isdigit() and os.path.isdir(ydir)):
            continue
        for issue in sorted(os.listdir(ydir)):
            idir = os.path.join(ydir, issue)
            if not (issue.isdigit() and os.path.isdir(idir)):
                continue
            for name in sorted(os.listdir(idir)):
                if not name.endswith(".md"):
                    continue
                meta = front_matter(os.path.join(idir, name)) or {}
                pdf = meta.get("pdf") or name[:-3] + ".pdf"
                target = os.path.join(idir, pdf)
                if not os.path.exists(target):
                    continue
                title = meta.get("title", name)
                if meta.get("subtitle"):
                    title += ": " + meta["subtitle"]
                en = (meta.get("translations") or {}).get("en") or {}
                if meta.get("language") not in (None, "en") and en.get("title"):
                    title = en["title"]
                size = write_pdf(target, title, galley_lines(meta, year, issue))
                print(f"{target}: {size} bytes")


def main(argv):
    if len(argv) == 2 and argv[0] == "--content":
        regenerate(argv[1])
        return 0
    if len(argv) >= 2 and not argv[0].startswith("-"):
        print(f"{argv[0]}: {write_pdf(argv[0], argv[1], argv[2:])} bytes")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Generate src/taxonomy/countries.tsv, quire's country gazetteer.

Sources (pinned; see README.md beside this script for how to fetch them):

- CLDR JSON from npm, cldr-core and cldr-localenames-full, version CLDR_VERSION:
  English names (standard and every -alt- form), Russian names (of countries
  and of M49 regions, for the pages of the Russian tree), names in each
  country's official languages, UN M49 sub-regions (territoryContainment),
  official languages (territoryInfo), alpha-3 and numeric codes (codeMappings,
  cross-checked against ISO);
- Debian's iso-codes, version ISO_CODES_VERSION: the list of ISO 3166-1
  countries, their codes, ISO names, official names and common names;
- src/taxonomy/variants.tsv: the hand-kept variants no source has, and the
  names that must never be matched ("-" in the code column).

Python 3 standard library only. The output is deterministic: the same inputs
give the same bytes. Run with --check to compare instead of writing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import OrderedDict, defaultdict

CLDR_VERSION = "48.2.0"
ISO_CODES_VERSION = "4.15.0"

# Country pages are named by CLDR's English standard name, except here, where
# the standard name carries a qualifier a page title does without and CLDR's
# own -alt-short form is the name people use. CLDR's other short forms
# ("Bosnia", "UK", "US", "Cocos Islands", "Pitcairn") are worse titles than the
# standard names, so they stay variants only.
DISPLAY_ALT_SHORT = {
    "HK": "standard name is 'Hong Kong SAR China'",
    "MO": "standard name is 'Macao SAR China'",
    "MM": "standard name is 'Myanmar (Burma)'",
    "PS": "standard name is 'Palestinian Territories'; ISO's short name is Palestine too",
}

# The Russian page title (name_ru) is CLDR's Russian standard name, which for
# these countries too carries the qualifier ("Гонконг (САР)", "Макао (САР)",
# "Палестинские территории"): there CLDR's Russian -alt-short form is used when
# it has one ("Гонконг", "Макао", "Палестина"). It has none for Myanmar, whose
# Russian name stays the standard "Мьянма (Бирма)".


def russian_display(ru, code):
    if code in DISPLAY_ALT_SHORT and code + "-alt-short" in ru:
        return ru[code + "-alt-short"]
    return ru.get(code)


# Official-language statuses in territoryInfo whose names are taken as local
# names. "official_regional" is left out: India or South Africa would bring a
# dozen regional languages each, and such a name is nobody's keyword.
OFFICIAL_STATUSES = ("official", "de_facto_official")

APOSTROPHES = "\u2019\u2018\u02bb\u02bc\u0060\u00b4\u02b9\u02bd\u2032"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"


def normalise(text):
    """The matching form of a name; src/taxonomy/gazetteer.rs `normalise` is the same.

    Lowercase; canonical decomposition, then the combining marks of
    U+0300..U+036F (the diacritics of Latin, Greek and Cyrillic) dropped, then
    NFC; apostrophe-like characters made "'", dash-like ones "-"; whitespace
    runs made one space; trimmed.
    """
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if not "\u0300" <= c <= "\u036f")
    text = unicodedata.normalize("NFC", text)
    text = "".join("'" if c in APOSTROPHES else "-" if c in DASHES else c for c in text)
    return " ".join(text.split())


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cldr_territories(main, locale):
    path = os.path.join(main, locale, "territories.json")
    if not os.path.exists(path):
        return None
    data = load_json(path)["main"]
    (only,) = data.values()
    return only["localeDisplayNames"]["territories"]


def cldr_names(territories, code):
    """The standard name and every -alt- form of `code`, standard first."""
    if territories is None:
        return []
    names = []
    if code in territories:
        names.append(territories[code])
    prefix = code + "-alt-"
    names.extend(territories[k] for k in sorted(territories) if k.startswith(prefix))
    return names


def iso_forms(name):
    """An ISO name and the forms people write: inverted, parenthesised, shortened.

    "Korea, Republic of" -> "Republic of Korea", "Korea (Republic of)";
    "Virgin Islands, British" -> "British Virgin Islands";
    "Holy See (Vatican City State)" -> "Holy See".
    Other comma names ("Taiwan, Province of China", "Bonaire, Sint Eustatius
    and Saba") are lists or qualifiers, not inversions: kept as they are.
    """
    forms = [name]
    head, sep, tail = name.partition(", ")
    if sep:
        if re.search(r"\bof( the)?$", tail):
            forms.append(f"{tail} {head}")
            forms.append(f"{head} ({tail})")
        elif " " not in tail:
            forms.append(f"{tail} {head}")
    match = re.fullmatch(r"(.+?) \([^()]+\)", name)
    if match:
        forms.append(match.group(1))
    return forms


def spelled_out(names):
    """Each name, then its forms without a leading "The" and with "and" for "&"."""
    out = []
    for name in names:
        out.append(name)
        if re.match(r"(?i)the ", name):
            out.append(name[4:])
        if "&" in name:
            out.append(name.replace("&", "and"))
    return out


def read_variants(path):
    """variants.tsv: (code, variant, comment) rows; code "-" blocks a name."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[:2] == ["code", "variant"]:
                continue
            if len(cells) != 3 or not all(c.strip() for c in cells):
                sys.exit(f"{path}:{number}: want three tab-separated cells: code, variant, comment")
            rows.append((cells[0], cells[1], number))
    return rows


def iso_codes_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            capture_output=True, text=True, check=True,
        ).stdout
        return out.split("-")[0]
    except (OSError, subprocess.CalledProcessError):
        return None


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", required=True,
                        help="folder holding cldr-core and cldr-localenames-full")
    parser.add_argument("--iso-codes", default="/usr/share/iso-codes/json/iso_3166-1.json")
    parser.add_argument("--variants", default=os.path.join(repo, "src/taxonomy/variants.tsv"))
    parser.add_argument("--output", default=os.path.join(repo, "src/taxonomy/countries.tsv"))
    parser.add_argument("--check", action="store_true",
                        help="compare with the output file instead of writing it")
    args = parser.parse_args()

    core = os.path.join(args.node_modules, "cldr-core")
    names_pkg = os.path.join(args.node_modules, "cldr-localenames-full")
    for pkg in (core, names_pkg):
        version = load_json(os.path.join(pkg, "package.json"))["version"]
        if version != CLDR_VERSION:
            sys.exit(f"{pkg} is {version}, want {CLDR_VERSION}")
    installed = iso_codes_version()
    if installed is not None and installed != ISO_CODES_VERSION:
        print(f"warning: iso-codes is {installed}, pinned {ISO_CODES_VERSION}", file=sys.stderr)
    main_dir = os.path.join(names_pkg, "main")
    supplemental = os.path.join(core, "supplemental")

    iso = sorted(load_json(args.iso_codes)["3166-1"], key=lambda e: e["alpha_2"])
    containment = load_json(os.path.join(supplemental, "territoryContainment.json"))
    containment = containment["supplemental"]["territoryContainment"]
    mappings = load_json(os.path.join(supplemental, "codeMappings.json"))["supplemental"]["codeMappings"]
    info = load_json(os.path.join(supplemental, "territoryInfo.json"))["supplemental"]["territoryInfo"]
    en = cldr_territories(main_dir, "en")
    ru = cldr_territories(main_dir, "ru")
    problems = []

    # The M49 region directly above each country: CLDR's containment tree
    # without groupings (EU, UN, 202 Sub-Saharan Africa, 419 Latin America)
    # and deprecated entries, numeric codes only (so not QO, Outlying Oceania).
    region_of = {}
    for parent, entry in sorted(containment.items()):
        if not re.fullmatch(r"\d{3}", parent) or entry.get("_grouping") == "true":
            continue
        for child in entry["_contains"]:
            if re.fullmatch(r"[A-Z]{2}", child):
                if child in region_of:
                    problems.append(f"{child} is in both {region_of[child]} and {parent}")
                region_of[child] = parent

    countries = OrderedDict()
    for e in iso:
        a2, a3, num = e["alpha_2"], e["alpha_3"], e["numeric"]
        cm = mappings.get(a2, {})
        if cm.get("_alpha3", a3) != a3 or cm.get("_numeric", num) != num:
            problems.append(f"{a2}: iso-codes says {a3} {num}, CLDR says {cm}")
        en_names = cldr_names(en, a2)
        if not en_names:
            problems.append(f"{a2}: no CLDR English name")
            continue
        display = en[a2 + "-alt-short"] if a2 in DISPLAY_ALT_SHORT else en[a2]
        names = [display] + en_names
        for key in ("name", "official_name", "common_name"):
            if key in e:
                names.extend(iso_forms(e[key]))
        local = []
        for lang, data in sorted(info.get(a2, {}).get("languagePopulation", {}).items()):
            if data.get("_officialStatus") in OFFICIAL_STATUSES:
                base = lang.replace("_", "-")
                for locale in (base, f"{base}-{a2}"):
                    local.extend(cldr_names(cldr_territories(main_dir, locale), a2))
        region = region_of.get(a2)
        name_ru = russian_display(ru, a2)
        if not name_ru:
            problems.append(f"{a2}: no CLDR Russian name")
            continue
        if region and region not in ru:
            problems.append(f"{a2}: no CLDR Russian name for its region {region}")
            continue
        countries[a2] = {
            "alpha3": a3,
            "numeric": num,
            "name": display,
            "name_ru": name_ru,
            "region": (region, en[region], ru[region]) if region else ("", "", ""),
            "names": spelled_out(names),
            "ru": cldr_names(ru, a2),
            "local": local,
        }

    variants = read_variants(args.variants)
    blocked = {}
    for code, variant, line in variants:
        if code == "-":
            blocked[normalise(variant)] = line
        elif code not in countries:
            problems.append(f"variants.tsv:{line}: no country {code}")
        else:
            countries[code].setdefault("hand", []).append(variant)

    # Every name of every country, in source order, first spelling of each
    # matching form kept; then the forms two countries share are dropped.
    owners = defaultdict(set)
    for a2, c in countries.items():
        seen = OrderedDict()
        for name in c["names"] + c.get("hand", []) + c["ru"] + c["local"]:
            key = normalise(name)
            if key and key not in seen:
                seen[key] = name
        c["variants"] = seen
        for key in seen:
            owners[key].add(a2)
    hand_keys = {(a2, normalise(v)) for a2, c in countries.items() for v in c.get("hand", [])}
    collisions = sorted((key, sorted(codes)) for key, codes in owners.items() if len(codes) > 1)
    for key, codes in collisions:
        for a2 in codes:
            if (a2, key) in hand_keys:
                problems.append(f"hand-kept variant {key!r} of {a2} is also a name of {codes}")
            if key == normalise(countries[a2]["name"]):
                problems.append(f"display name {key!r} of {a2} is also a name of {codes}")
            del countries[a2]["variants"][key]
    for key, line in sorted(blocked.items(), key=lambda kv: kv[1]):
        holders = [a2 for a2, c in countries.items() if key in c["variants"]]
        if not holders:
            problems.append(f"variants.tsv:{line}: blocked name {key!r} is no country's name: drop the line")
        for a2 in holders:
            del countries[a2]["variants"][key]
    codes = {}
    for a2, c in countries.items():
        codes[a2.lower()] = a2
        codes[c["alpha3"].lower()] = a2
    code_shaped = sorted(
        (key, a2, codes[key]) for a2, c in countries.items() for key in c["variants"] if key in codes
    )
    for key, a2, holder in code_shaped:
        if a2 != holder:
            problems.append(f"{a2} has the name {key!r}, the code of {holder}")

    # The Russian title must be one of the country's names, so that an editor
    # who writes it finds the country: a shared or blocked one would be lost.
    for a2, c in countries.items():
        key = normalise(c["name_ru"])
        if key not in c["variants"]:
            shared = [codes_ for k, codes_ in collisions if k == key]
            why = f"a name of {shared[0]} too" if shared else "blocked in variants.tsv"
            problems.append(f"{a2}: Russian display name {c['name_ru']!r} is {why}")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)

    # The Russian columns come last, so the columns before them keep their
    # places.
    lines = ["alpha2\talpha3\tnumeric\tname\tregion_code\tregion_name\tvariants"
             "\tname_ru\tregion_name_ru"]
    for a2, c in countries.items():
        for value in list(c["variants"].values()) + [c["name"], c["name_ru"], c["region"][2]]:
            if "\t" in value or "|" in value or "\n" in value:
                sys.exit(f"{a2}: name {value!r} holds a tab, a bar or a newline")
        lines.append("\t".join([
            a2, c["alpha3"], c["numeric"], c["name"], c["region"][0], c["region"][1],
            "|".join(c["variants"].values()), c["name_ru"], c["region"][2],
        ]))
    text = "\n".join(lines) + "\n"

    total = sum(len(c["variants"]) for c in countries.values())
    no_region = [a2 for a2, c in countries.items() if not c["region"][0]]
    print(f"{len(countries)} countries, {total} variants, "
          f"{len(collisions)} shared names dropped, {len(blocked)} blocked names dropped, "
          f"no region: {' '.join(no_region) or 'none'}", file=sys.stderr)
    for key, codes_ in collisions:
        print(f"  dropped {key!r}: {' '.join(codes_)}", file=sys.stderr)
    for key, a2, _ in code_shaped:
        print(f"  name that is also its own code: {key!r} ({a2})", file=sys.stderr)

    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(f"{args.output} is out of date: run this script without --check")
        print(f"{args.output} is up to date", file=sys.stderr)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()

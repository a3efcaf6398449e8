#!/usr/bin/env bash
# Builds every site the repository holds with one quire binary into one
# folder, so that two binaries (two commits) can be compared with `diff -r`:
#
#   tools/build-trees.sh BINARY OUT
#
# OUT/sample, OUT/sample-drafts, OUT/<fixture> are built trees; OUT/check/
# holds `quire check` for every fixture under tests/fixtures/invalid/
# (each an overlay on tests/fixtures/valid-minimal/, as tests/it/invalid.rs
# lays it; the exit code on the last line). A refactoring that
# must not change the output is shown by an empty `diff -r OLD NEW`.
set -euo pipefail
bin="$(realpath "$1")"
out="$2"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$out"
mkdir -p "$out/check"
out="$(realpath "$out")"

build() { # NAME SITE [ARGS...]
  local name="$1" site="$2"
  shift 2
  "$bin" --root "$site" -q build --output "$out/$name" "$@" 2>"$out/$name.log"
}

build sample "$repo"
build sample-drafts "$repo" --drafts --base-url "https://journal.example.org/"
for site in "$repo"/tests/fixtures/*/; do
  [ -f "$site/journal.yaml" ] && build "fixture-$(basename "$site")" "$site"
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for case in "$repo"/tests/fixtures/invalid/*/; do
  name="$(basename "$case")"
  site="$work/$name"
  cp -r "$repo/tests/fixtures/valid-minimal" "$site"
  cp -r "$case/." "$site/"
  find "$site" -name '*.delete' | while read -r mark; do
    rm -rf "$mark" "${mark%.delete}"
  done
  set +e
  (cd "$site" && "$bin" -q check >"$out/check/$name.txt" 2>&1)
  echo "exit $?" >>"$out/check/$name.txt"
  set -e
done

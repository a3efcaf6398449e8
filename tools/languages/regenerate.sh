#!/bin/sh
# Regenerates themes/default/locales/*/languages.ftl from the pinned CLDR
# package; arguments go to generate.py (--check compares instead of writing).
# Needs python3 and npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=$(python3 -B -c "import sys; sys.path.insert(0, sys.argv[1]); import generate; print(generate.CLDR_VERSION)" "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    "cldr-localenames-full@$version" >&2
python3 -B "$here/generate.py" --node-modules "$tmp/node_modules" "$@"

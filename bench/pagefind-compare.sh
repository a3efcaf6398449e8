#!/usr/bin/env bash
# Pagefind beside quire's own search, on the same built site:
#
#   bash bench/pagefind-compare.sh PUBLIC_DIR BASE_PATH [QUERY...]
#
# Installs Pagefind 1.6.0 from npm into a temporary folder, indexes the
# site's article pages (archive/<year>/<number>/<slug>/index.html) into
# PUBLIC_DIR/pagefind/ with the time it takes, writes a bare page that
# queries that index with Pagefind's own JavaScript API and shows ten
# results, and runs bench/search-query.mjs on both. Index sizes and file
# counts are printed for both. PUBLIC_DIR gains pagefind/ and
# pagefind-search/; build the site again to drop them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ $# -lt 2 ]]; then
  echo "usage: bash bench/pagefind-compare.sh PUBLIC_DIR BASE_PATH [QUERY...]" >&2
  exit 2
fi
public=$1
base=$2
shift 2

tools=$(mktemp -d "${TMPDIR:-/tmp}/pagefind.XXXXXX")
trap 'rm -rf "$tools"' EXIT
(cd "$tools" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund pagefind@1.6.0)

rm -rf "$public/pagefind"
start=$(date +%s%N)
"$tools/node_modules/.bin/pagefind" --site "$public" --glob 'archive/*/*/*/index.html' --output-subdir pagefind
end=$(date +%s%N)
echo "pagefind: indexed in $(((end - start) / 1000000)) ms"

mkdir -p "$public/pagefind-search"
cat >"$public/pagefind-search/index.html" <<HTML
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Pagefind</title></head>
<body>
<p id="search-status"></p>
<ol id="search-results"></ol>
<script type="module">
const pagefind = await import("${base}pagefind/pagefind.js");
const q = new URLSearchParams(location.search).get("q") ?? "";
const found = await pagefind.search(q);
const shown = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
const list = document.getElementById("search-results");
for (const r of shown) {
  const li = document.createElement("li");
  li.textContent = r.url;
  list.append(li);
}
document.getElementById("search-status").textContent = found.results.length + " articles found";
</script>
</body>
</html>
HTML

for dir in search pagefind; do
  printf '%s: %s bytes in %s files\n' "$dir" \
    "$(du -s --apparent-size --block-size=1 "$public/$dir" | cut -f1)" \
    "$(find "$public/$dir" -type f | wc -l)"
done
echo "== quire's search"
node bench/search-query.mjs "$public" "$base" "$@"
echo "== Pagefind"
SEARCH_PAGE=pagefind-search/ node bench/search-query.mjs "$public" "$base" "$@"

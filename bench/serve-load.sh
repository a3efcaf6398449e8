#!/usr/bin/env bash
# `quire serve` under load and abuse, from loopback only: requests/s, p99
# latency and errors on one connection and on 64, beside and after 500 slow
# clients, and during rebuilds (with every HTML answer checked to end with
# </html>, i.e. no half-written page was served).
#
# Needs Debian's wrk (`apt-get install -y wrk`) and python3 (standard library
# only). Every load goes to 127.0.0.1 and is bounded in time (DURATION each).
#
#   bench/serve-load.sh                    # build quire in release, measure
#   DURATION=20s bench/serve-load.sh       # longer runs (default 10s)
#   QUIRE=/path/to/quire bench/serve-load.sh   # another binary; skips cargo
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
duration="${DURATION:-10s}"
slow="${SLOW_CLIENTS:-500}"

command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

if [[ -z "${QUIRE:-}" ]]; then
  (cd "$repo" && cargo build --release --quiet)
  QUIRE="${CARGO_TARGET_DIR:-$repo/target}/release/quire"
fi

work="$(mktemp -d)"
server=""
touching=""
cleanup() {
  if [[ -n "$touching" ]]; then
    kill "$touching" 2>/dev/null || true
  fi
  if [[ -n "$server" ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the sample site: the rebuild runs edit it.
mkdir "$work/site"
for part in journal.yaml content themes templates static; do
  [[ -e "$repo/$part" ]] && cp -r "$repo/$part" "$work/site/"
done
article="content/2018/4/central-asia-integration.md"

"$QUIRE" --root "$work/site" serve --port 0 >"$work/out" 2>"$work/log" &
server=$!
for _ in $(seq 600); do
  grep -q '^Serving the site at ' "$work/out" 2>/dev/null && break
  sleep 0.1
done
base="$(sed -n 's/^Serving the site at //p' "$work/out")"
[[ "$base" == http://127.0.0.1:* ]] || { echo "serve did not start:"; cat "$work/log"; exit 1; }
page="${base}archive/2018/4/central-asia-integration/"
python3 - "$page" <<'EOF'
import sys, urllib.request
urllib.request.urlopen(sys.argv[1]).read()
EOF

# wrk's Lua: count answers that are not 200, and HTML bodies that do not
# end with </html>; the done() line is what `measure` prints.
cat >"$work/check.lua" <<'EOF'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad_status = 0; cut = 0; checked = 0 end
function response(status, headers, body)
  if status ~= 200 then bad_status = bad_status + 1 end
  if body and body:find("<html", 1, true) then
    checked = checked + 1
    if not body:match("</html>%s*$") then cut = cut + 1 end
  end
end
function done(summary, latency, requests)
  local s, c, k = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("bad_status"); c = c + t:get("cut"); k = k + t:get("checked")
  end
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.2f %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    s, e.connect + e.read + e.write + e.timeout, c, k, summary.requests))
end
EOF

printf '%-40s %10s %10s %8s %8s %8s\n' "load" "req/s" "p99 ms" "non-200" "sockerr" "cut"
measure() { # name, connections
  local threads=$(( $2 < 2 ? 1 : 2 ))
  local line
  line="$(wrk -t"$threads" -c"$2" -d"$duration" --timeout 5s -s "$work/check.lua" "$page" | grep '^RESULT')"
  read -r _ rps p99 status errors cut checked _ <<<"$line"
  printf '%-40s %10s %10s %8s %8s %8s\n' "$1" "$rps" "$p99" "$status" "$errors" "$cut/$checked"
}

# Slow clients: open, send half a request or nothing, keep the connection
# open (until told to stop) or close it at once.
slow_clients() { # mode: close | hold
  python3 - "$base" "$slow" "$1" "$work/held" <<'EOF'
import os, socket, sys, time, urllib.parse
url, n, mode, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
u = urllib.parse.urlsplit(url)
held = []
for i in range(n):
    s = socket.create_connection((u.hostname, u.port))
    if i % 2 == 0:
        s.sendall(b"GET " + u.path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Ag")
    if mode == "hold":
        held.append(s)
    else:
        s.close()
if mode == "hold":
    open(flag, "w").close()
    while os.path.exists(flag):
        time.sleep(0.1)
EOF
}

measure "1 connection" 1
measure "64 connections" 64

slow_clients close
measure "1 connection, after $slow slow (closed)" 1
measure "64 connections, after $slow slow (closed)" 64

slow_clients hold &
holder=$!
while [[ ! -e "$work/held" ]]; do sleep 0.1; done
measure "1 connection, beside $slow slow (held)" 1
measure "64 connections, beside $slow slow (held)" 64
rm -f "$work/held"
wait "$holder"

# Rebuilds: the article's title changed every 0.2 s (partial rebuilds of
# the page being fetched, its issue, terms and feeds), and journal.yaml
# touched every 2 s (a whole build and the swap of the served folder).
(
  n=0
  while true; do
    n=$((n + 1))
    python3 - "$work/site/$article" "$n" <<'EOF'
import re, sys
path, n = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"^title: (.*?)( \(\d+\))?$", lambda m: f"title: {m.group(1)} ({n})", text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
EOF
    (( n % 10 == 0 )) && touch "$work/site/journal.yaml"
    sleep 0.2
  done
) &
touching=$!
measure "1 connection, during rebuilds" 1
measure "64 connections, during rebuilds" 64
# The editing loop and the edit it may be making (removed with $work next).
pkill -P "$touching" 2>/dev/null || true
kill "$touching"; wait "$touching" 2>/dev/null || true
touching=""

partial="$(grep -c ': rebuilt [0-9]' "$work/log" || true)"
whole="$(grep -c 'rebuilt the whole site' "$work/log" || true)"
failed="$(grep -c 'not rebuilt\|the build failed' "$work/log" || true)"
echo "rebuilds logged: $partial partial, $whole whole (the first build included), $failed failed"
echo "quire: $QUIRE; each load ran $duration"
echo "cut = HTML answers not ending with </html> / HTML answers checked"

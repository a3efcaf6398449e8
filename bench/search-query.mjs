// What one search costs a reader: bytes transferred and time to results,
// measured in Debian's chromium against a built site served on loopback.
//
//   node bench/search-query.mjs PUBLIC_DIR BASE_PATH [QUERY...]
//
// For each query it opens the search page in a fresh browser context (an
// empty cache, as a first visit) and counts every byte received after the
// page's own HTML: stylesheet, scripts, index.json, term shards, filter
// files and the documents of the ten results shown. It prints one line a
// query and the median and the largest. Needs tests/tools' npm packages
// (npm ci there). SEARCH_PAGE names another
// page to query in the same way (bench/pagefind-compare.sh uses it); the
// page must show a #search-status line and a #search-results list.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { launchChromium } from "../tests/tools/chromium.mjs";

const [dir, basePath = "/", ...args] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench/search-query.mjs PUBLIC_DIR BASE_PATH [QUERY...]");
  process.exit(2);
}
const queries = args.length
  ? args
  : ["security", "regional integration", "energy policy Kazakhstan", "интеграции", "transit corridor", "sovereig"];

const types = { ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".gz": "application/gzip" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!path.startsWith(basePath)) return res.writeHead(404).end();
  let file = normalize(join(dir, path.slice(basePath.length)));
  if (!file.startsWith(normalize(dir))) return res.writeHead(403).end();
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    statSync(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium();
const rows = [];
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "document") {
      sizes.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize })));
    }
  });
  const started = Date.now();
  const searchPage = process.env.SEARCH_PAGE || "search/";
  await page.goto(`${origin}${basePath}${searchPage}?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status")?.textContent ?? "";
    return s !== "" && !s.startsWith("Searching") && document.getElementById("search-results");
  }, null, { timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const ms = Date.now() - started;
  const done = await Promise.all(sizes);
  const index = done.filter((d) => d.url.includes("/search/")).reduce((a, d) => a + d.bytes, 0);
  const all = done.reduce((a, d) => a + d.bytes, 0);
  const status = await page.locator("#search-status").innerText();
  rows.push({ q, all, index, files: done.length, ms, status });
  console.log(`${JSON.stringify(q).padEnd(28)} ${String(all).padStart(8)} B in ${String(done.length).padStart(2)} files (index ${index} B), ${ms} ms: ${status}`);
  await context.close();
}
await browser.close();
server.close();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`median ${median(rows.map((r) => r.all))} B a query (index part ${median(rows.map((r) => r.index))} B); largest ${Math.max(...rows.map((r) => r.all))} B`);

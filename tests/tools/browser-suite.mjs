// The built site in a real browser (Debian's chromium, driven by
// playwright-core): in each language tree of the site, one page of each kind
// is checked for accessibility (axe-core's default rules), sideways scrolling
// on a phone, JavaScript errors and failed requests, and photographed at
// desktop and phone widths; the skip link and the header's search box are
// tried with the keyboard, and the search page is used as a reader uses it,
// down to opening a PDF at the page a word was found on.
//
//   node browser-suite.mjs SITE_DIR [--every-page]
//
// SITE_DIR is the output of `quire build`. It is served on 127.0.0.1 (a free
// port) under the base path of its home page's canonical address, so the
// pages' root-relative links work as they will when published. The trees are
// the home page's `<link rel="alternate" hreflang>` addresses (the default
// language's at the base path, another's under /<lang>/); a site in one
// language has one tree. Screenshots go to $SCREENSHOTS (default
// target/browser-screenshots, relative to the current folder) as
// <lang>-<kind>-1280.png and <lang>-<kind>-390.png.
//
// --every-page (or EVERY_PAGE=1) also runs axe-core at the desktop's and the
// narrow phone's width on every HTML page of the output, not just one of each
// kind: several minutes for the sample, so CI leaves it out.
//
// Prints one line per check (`ok: ...` or `FAILED: ...`), then a summary;
// exits 1 when a check failed, 2 on a usage error.
import { createServer } from "node:http";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";
import { GALLEYS, pdfSearchTests } from "./pdf-search-tests.mjs";
import { searchTests } from "./search-tests.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const axeScript = path.join(here, "node_modules", "axe-core", "axe.min.js");

// The page widths: screenshots at a desktop's and a phone's; the sideways
// scrolling test at 360 px, the narrowest phone width in common use.
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };

// axe-core's impacts, worst first; the first two fail a page.
const IMPACTS = ["critical", "serious", "moderate", "minor"];
const FAILING_IMPACTS = new Set(["critical", "serious"]);

/**
 * The kinds of page checked in each tree, in order. `find` picks one page of
 * that kind from the tree's pages reachable from the home page (see
 * `discover` and `inTree`); it returns the page's path under the base path,
 * `{ rel, notFound }` for a missing address, or nothing when the tree has
 * none: a failure, unless the kind is `optional` (a page only the sample
 * has). `ready`, when given, waits until the page's script has drawn it.
 */
const KINDS = [
  { kind: "home", find: (tree) => tree.largest((p) => p.bodyKind === "home") },
  { kind: "archive", find: (tree) => tree.largest((p) => p.bodyKind === "archive") },
  { kind: "statistics", find: (tree) => tree.largest((p) => p.bodyKind === "statistics") },
  { kind: "issue", find: (tree) => tree.largest((p) => p.bodyKind === "issue") },
  { kind: "article", find: (tree) => tree.largest((p) => p.bodyKind === "article") },
  { kind: "keyword", find: (tree) => tree.largest((p) => p.bodyKind === "term" && p.section === "keywords") },
  { kind: "country", find: (tree) => tree.largest((p) => p.bodyKind === "term" && p.section === "countries") },
  { kind: "region", find: (tree) => tree.largest((p) => p.bodyKind === "term" && p.section === "regions") },
  { kind: "author", find: (tree) => tree.largest((p) => p.bodyKind === "term" && p.section === "authors") },
  { kind: "page", find: (tree) => tree.largest((p) => p.bodyKind === "page") },
  // The search page is not linked from every page as a plain link (the
  // header's form leads to it), so it is looked for where it lives.
  { kind: "search", find: (tree) => (tree.hasFile(`${tree.prefix}search/index.html`) ? `${tree.prefix}search/` : null) },
  // The search page showing a result found inside a PDF, a snippet after
  // its "p. 27" link: the sample's English galley (pdf-search-tests.mjs).
  {
    kind: "search-pdf",
    optional: true,
    find: (tree) =>
      tree.hasFile(`${tree.prefix}search/index.html`) && tree.hasFile(`${tree.prefix}${GALLEYS[0].article}index.html`)
        ? `${tree.prefix}search/?q=${encodeURIComponent(GALLEYS[0].query)}`
        : null,
    ready: (page) =>
      page.waitForFunction(() => document.getElementById("search-status")?.dataset.state === "done", null, { timeout: 15000, polling: 100 }),
  },
  // In the default tree, a missing address: the server answers 404 with the
  // site's own 404.html, as a static host does. A static host serves that
  // one file for every missing address, so another tree's 404.html is
  // checked as a page of its own.
  {
    kind: "404",
    find: (tree) =>
      tree.prefix === ""
        ? { rel: `no-such-page-${process.pid}/`, notFound: true }
        : tree.hasFile(`${tree.prefix}404.html`)
          ? `${tree.prefix}404.html`
          : null,
  },
];

// Keyboard checks run on these kinds' pages.
const KEYBOARD_KINDS = ["home", "article"];

// ---------------------------------------------------------------------------
// Results

const counts = { passed: 0, failed: 0 };
const totals = {
  pages: 0,
  everyPage: null,
  axe: Object.fromEntries(IMPACTS.map((i) => [i, 0])),
  sideways: 0,
  jsErrors: 0,
  failedRequests: 0,
  screenshots: 0,
  queryBytes: [],
};

/** Prints `ok: what` or `FAILED: what` (and `details`, indented); returns `ok`. */
export function check(ok, what, details = []) {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  for (const line of details) console.log(`    ${line}`);
  if (ok) counts.passed += 1;
  else counts.failed += 1;
  return ok;
}

// ---------------------------------------------------------------------------
// The server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".bib": "application/x-bibtex; charset=utf-8",
  ".ris": "application/x-research-info-systems; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

/**
 * Serves `root` under `basePath` on 127.0.0.1 and a free port, as a static
 * host does: a folder is its index.html (a folder's address without the final
 * slash is redirected to it), anything else missing is status 404 with the
 * site's own 404.html. `..` is refused. Resolves to the listening server.
 */
function serve(root, basePath) {
  const notFoundPage = path.join(root, "404.html");
  const server = createServer((req, res) => {
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const notFound = () =>
      existsSync(notFoundPage)
        ? send(404, TYPES[".html"], readFileSync(notFoundPage))
        : send(404, TYPES[".txt"], "not found\n");

    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(405, TYPES[".txt"], "method not allowed\n", { Allow: "GET, HEAD" });
    }
    // The path as sent, not as URL() would normalise it: `..` is refused, not resolved.
    const address = req.url.split(/[?#]/)[0];
    let decoded;
    try {
      decoded = decodeURIComponent(address);
    } catch {
      return send(400, TYPES[".txt"], "bad address\n");
    }
    if (decoded.includes("\0") || decoded.split(/[/\\]/).includes("..")) {
      return send(403, TYPES[".txt"], "refused: the address leads out of the site\n");
    }
    if (`${decoded}/` === basePath) {
      return send(301, TYPES[".txt"], "", { Location: basePath });
    }
    if (!decoded.startsWith(basePath)) return notFound();
    const file = path.resolve(root, decoded.slice(basePath.length));
    if (file !== root && !file.startsWith(root + path.sep)) {
      return send(403, TYPES[".txt"], "refused: the address leads out of the site\n");
    }
    let target = file;
    let stat = statOrNull(target);
    if (stat?.isDirectory()) {
      if (!decoded.endsWith("/")) {
        return send(301, TYPES[".txt"], "", { Location: `${address}/` });
      }
      target = path.join(file, "index.html");
      stat = statOrNull(target);
    }
    if (!stat?.isFile()) return notFound();
    const type = TYPES[path.extname(target).toLowerCase()] || "application/octet-stream";
    send(200, type, readFileSync(target));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function statOrNull(file) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Finding the pages

/**
 * The site's base path: the path of the home page's canonical address
 * (`<link rel="canonical" href="https://example.github.io/journal/">`).
 */
function basePathOf(root) {
  const home = readFileSync(path.join(root, "index.html"), "utf8");
  const canonical = home.match(/<link rel="canonical" href="([^"]+)"/);
  if (!canonical) throw new Error("the home page has no canonical link to take the base path from");
  const base = new URL(canonical[1]).pathname;
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * The site's language trees, the default first: `{ lang, prefix }`, where
 * `prefix` is the tree's folder under the base path (`` for the default
 * tree, `ru/` for another), from the home page's `<link rel="alternate"
 * hreflang>` addresses. A site in one language has one tree, in its
 * `<html lang>`.
 */
function treesOf(root, basePath) {
  const home = readFileSync(path.join(root, "index.html"), "utf8");
  const trees = [];
  for (const [tag] of home.matchAll(/<link\b[^>]*>/g)) {
    const attr = (name) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
    const lang = attr("hreflang");
    if (attr("rel") !== "alternate" || !lang || lang === "x-default") continue;
    const pathname = new URL(attr("href").replace(/&amp;/g, "&")).pathname;
    if (!pathname.startsWith(basePath)) throw new Error(`the ${lang} tree, ${pathname}, is outside the base path ${basePath}`);
    trees.push({ lang, prefix: pathname.slice(basePath.length) });
  }
  if (!trees.length) trees.push({ lang: home.match(/<html lang="([^"]+)"/)?.[1] || "und", prefix: "" });
  trees.sort((a, b) => a.prefix.length - b.prefix.length || a.lang.localeCompare(b.lang));
  if (trees[0].prefix !== "") throw new Error("no language tree at the base path");
  return trees;
}

/** The tree a path under the base path is in: the one with the longest prefix it starts with. */
function treeOf(trees, rel) {
  return trees.filter((t) => rel.startsWith(t.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/**
 * Every HTML page reachable by links from the trees' home pages, read from
 * the folder: `{ path, size, bodyKind, tree, section }`, where `path` is under
 * the base path (`ru/archive/2018/4/`), `bodyKind` is the page's
 * `page-<kind>` body class, `tree` the language of its tree and `section` the
 * first folder of its path within the tree (`keywords`).
 */
function discover(root, basePath, trees) {
  const pages = new Map();
  const queue = trees.map((t) => t.prefix);
  while (queue.length) {
    const rel = queue.shift();
    if (pages.has(rel)) continue;
    const file = path.join(root, rel, "index.html");
    if (!existsSync(file)) continue;
    const html = readFileSync(file, "utf8");
    const tree = treeOf(trees, rel);
    pages.set(rel, {
      path: rel,
      size: html.length,
      bodyKind: html.match(/<body class="page-([a-z0-9-]+)/)?.[1] || "",
      tree: tree.lang,
      section: rel.slice(tree.prefix.length).split("/")[0],
    });
    for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) {
      const link = href.replace(/&amp;/g, "&").split(/[?#]/)[0];
      if (!link.startsWith(basePath) || !link.endsWith("/")) continue;
      const next = link.slice(basePath.length);
      if (!pages.has(next)) queue.push(next);
    }
  }
  return { pages, hasFile: (rel) => existsSync(path.join(root, rel)) };
}

/** The pages of one tree, for `KINDS`' `find`. */
function inTree(site, tree) {
  return {
    ...tree,
    hasFile: site.hasFile,
    // The largest page of a kind: the one with the most on it to go wrong.
    largest(predicate) {
      const found = [...site.pages.values()].filter((p) => p.tree === tree.lang && predicate(p));
      found.sort((a, b) => b.size - a.size || a.path.localeCompare(b.path));
      return found.length ? found[0].path : null;
    },
  };
}

/** Every HTML file of the output (pages and each tree's 404.html), by path under the base path, sorted. */
function everyHtmlFile(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".html")) found.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  // A folder's page is asked for by its folder's address.
  return found.map((rel) => (rel === "index.html" ? "" : rel.replace(/(^|\/)index\.html$/, "$1"))).sort();
}

// ---------------------------------------------------------------------------
// The browser

/**
 * A new page that records its JavaScript errors and failed requests in
 * `problems`. Requests to other hosts are stopped (and counted as failed):
 * the site must not depend on anything but itself (the browser's own PDF
 * viewer aside). `allowed404` is the one
 * address whose 404 answer is expected (the 404 page's own document).
 */
async function watchedPage(context, origin, problems, allowed404 = null) {
  const page = await context.newPage();
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    // Chromium's own PDF viewer, which a link to a PDF opens, loads its parts from the browser.
    if (url.startsWith("chrome-extension://") || url.startsWith("chrome://")) return route.continue();
    problems.requests.push(`outside the site: ${url}`);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (e) => problems.js.push(`uncaught: ${String(e).split("\n")[0]}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // The browser's own "Failed to load resource" message repeats a failed
    // response, which is counted below; only the page's own errors count here.
    if (msg.text().startsWith("Failed to load resource")) return;
    problems.js.push(`console.error: ${msg.text()}`);
  });
  page.on("requestfailed", (req) => {
    if (!req.url().startsWith(origin)) return; // stopped above, already counted
    problems.requests.push(`${req.failure()?.errorText || "failed"}: ${req.url()}`);
  });
  page.on("response", (res) => {
    if (res.status() < 400) return;
    if (allowed404 && res.status() === 404 && res.url() === allowed404) return;
    problems.requests.push(`${res.status()}: ${res.url()}`);
  });
  return page;
}

/** axe-core's default rules on the page as it is: its violations. */
async function runAxe(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeScript });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact && ["critical", "serious", "moderate", "minor"].includes(v.impact) ? v.impact : "minor",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
      summary: v.nodes[0]?.failureSummary?.split("\n").slice(1, 2).join("").trim() || "",
    }));
  });
}

/**
 * Adds axe-core's `violations` found at `width` into `into` (a Map by rule):
 * a rule is one violation per page, whatever the widths and elements.
 */
function mergeViolations(violations, width, into = new Map()) {
  for (const v of violations) {
    const seen = into.get(v.id);
    if (!seen) {
      into.set(v.id, { ...v, targets: new Set(v.targets), widths: new Set([width]) });
      continue;
    }
    for (const t of v.targets) seen.targets.add(t);
    seen.widths.add(width);
    if (IMPACTS.indexOf(v.impact) < IMPACTS.indexOf(seen.impact)) seen.impact = v.impact;
  }
  return into;
}

/**
 * At the page's current width: the document's width beyond the window's
 * (0 when nothing scrolls sideways) and the elements sticking out furthest
 * that nothing inside them already explains, widest first.
 */
function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const excess = document.documentElement.scrollWidth - limit;
    if (excess <= 0) return { excess: 0, culprits: [] };
    // An element inside a box that scrolls or clips sideways cannot widen the page.
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== "visible") return true;
      }
      return false;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= limit + 0.5 || clipped(el)) continue;
      wide.push({ el, right: r.right, width: r.width });
    }
    const describe = (el) => {
      let name = el.tagName.toLowerCase();
      if (el.id) name += `#${el.id}`;
      for (const c of el.classList) name += `.${c}`;
      const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
      return text ? `${name} "${text}"` : name;
    };
    // The culprits: wide elements with no wide element inside them.
    const culprits = wide
      .filter((w) => !wide.some((o) => o.el !== w.el && w.el.contains(o.el)))
      .sort((a, b) => b.width - a.width)
      .slice(0, 5)
      .map((w) => `${describe(w.el)} (${Math.round(w.width)} px wide, ends at ${Math.round(w.right)} px)`);
    return { excess, culprits };
  });
}

/**
 * The h1 of the site's 404.html: what the server's answer to a missing
 * address must show, in the default tree's language.
 */
let notFoundTitle = "";

/**
 * The checks every page gets. `kind` names the page in the output
 * (`ru/article`), `shot` its screenshots (`ru-article-1280.png`).
 */
async function checkPage(context, origin, base, kind, shot, rel, notFound, shots, ready = null) {
  const url = base + rel;
  const problems = { js: [], requests: [] };
  const page = await watchedPage(context, origin, problems, notFound ? url : null);
  try {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(url, { waitUntil: "load" });
    const status = response?.status();
    if (notFound) {
      const title = await page.locator("h1").first().textContent().catch(() => "");
      const shown = (title || "").trim();
      check(status === 404 && shown === notFoundTitle, `${kind}: ${url} answers 404 with the site's 404 page (status ${status}, "${shown}")`);
    } else if (!check(status === 200, `${kind}: ${url} loads (status ${status})`)) {
      return;
    }
    if (ready) await ready(page);
    totals.pages += 1;

    // axe-core at the desktop's width and again at the phone's, where boxes
    // that scroll sideways and the narrow layout's own rules show.
    const violations = mergeViolations(await runAxe(page), DESKTOP.width);
    await page.screenshot({ path: path.join(shots, `${shot}-1280.png`), fullPage: true });
    totals.screenshots += 1;
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: path.join(shots, `${shot}-390.png`), fullPage: true });
    totals.screenshots += 1;

    await page.setViewportSize(NARROW);
    const overflow = await sidewaysOverflow(page);
    if (overflow.excess > 0) totals.sideways += 1;
    check(overflow.excess <= 0, `${kind}: no sideways scrolling at ${NARROW.width} px${overflow.excess > 0 ? ` (${overflow.excess} px too wide)` : ""}`, overflow.culprits);

    mergeViolations(await runAxe(page), NARROW.width, violations);
    for (const v of violations.values()) totals.axe[v.impact] += 1;
    const all = [...violations.values()];
    const bad = all.filter((v) => FAILING_IMPACTS.has(v.impact));
    const mild = all.filter((v) => !FAILING_IMPACTS.has(v.impact));
    const describe = (v) => {
      const targets = [...v.targets];
      const listed = targets.slice(0, 6).join(", ") + (targets.length > 6 ? `, and ${targets.length - 6} more` : "");
      return `${v.id} (${v.impact}, at ${[...v.widths].join(" and ")} px): ${v.help}; ${listed}${v.summary ? ` [${v.summary}]` : ""}`;
    };
    check(bad.length === 0, `${kind}: no serious or critical accessibility violations${bad.length ? ` (${bad.length})` : ""}${mild.length ? `; ${mild.length} moderate or minor` : ""}`, [...bad, ...mild].map(describe));
  } catch (e) {
    check(false, `${kind}: ${url}: ${String(e).split("\n")[0]}`);
  } finally {
    await page.close();
    reportProblems(kind, problems);
  }
}

function reportProblems(kind, problems) {
  totals.jsErrors += problems.js.length;
  totals.failedRequests += problems.requests.length;
  check(problems.js.length === 0, `${kind}: no JavaScript errors`, problems.js);
  check(problems.requests.length === 0, `${kind}: no failed requests`, problems.requests);
}

/**
 * From a fresh load: Tab reaches the skip link first, Enter on it moves the
 * focus to <main>, and Tabs from the top reach the header's search box,
 * whose form leads to the search page of the page's own tree (`treePrefix`,
 * `ru/`). The skip link is known by its target, `#main-content`, whatever
 * the language of its words.
 */
async function checkKeyboard(context, origin, base, kind, rel, treePrefix) {
  const url = base + rel;
  const problems = { js: [], requests: [] };
  const page = await watchedPage(context, origin, problems);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return {
        tag: el?.tagName.toLowerCase() || "",
        id: el?.id || "",
        text: (el?.textContent || "").trim().slice(0, 40),
        href: el?.getAttribute("href") || "",
        inHeader: !!el?.closest("header.site-header"),
        onScreen: (() => {
          const r = el?.getBoundingClientRect();
          return !!r && r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
        })(),
      };
    });
  try {
    await page.setViewportSize(DESKTOP);
    await page.goto(url, { waitUntil: "load" });
    await page.keyboard.press("Tab");
    const first = await focused();
    const skip = first.tag === "a" && first.href === "#main-content";
    check(skip, `${kind} keyboard: the first Tab focuses the skip link (focused ${first.tag}${first.id ? `#${first.id}` : ""} "${first.text}")`);
    if (skip) check(first.onScreen, `${kind} keyboard: the focused skip link is shown on the screen`);
    if (skip) {
      await page.keyboard.press("Enter");
      const after = await focused();
      check(after.tag === "main" && after.id === "main-content", `${kind} keyboard: Enter on the skip link moves the focus to main (focused ${after.tag}${after.id ? `#${after.id}` : ""})`);
    }

    await page.goto(url, { waitUntil: "load" });
    let presses = 0;
    let reached = false;
    while (presses < 40 && !reached) {
      await page.keyboard.press("Tab");
      presses += 1;
      const now = await focused();
      reached = now.id === "site-search-q";
      if (!now.inHeader && now.href !== "#main-content") break;
    }
    check(reached, `${kind} keyboard: the header's search box is reached by Tab${reached ? ` (${presses} presses)` : ", before leaving the header"}`);
    const form = await page.evaluate(() => {
      const f = document.querySelector("header .site-header-inner > form.site-search");
      if (!f) return null;
      return {
        role: f.getAttribute("role"),
        action: f.getAttribute("action"),
        method: f.getAttribute("method"),
        input: !!f.querySelector('input#site-search-q[type="search"][name="q"]'),
        button: !!f.querySelector('button[type="submit"], button:not([type])'),
      };
    });
    const basePath = new URL(base).pathname;
    const searchPath = `${basePath}${treePrefix}search/`;
    const contract = form?.role === "search" && form.action === searchPath && form.method === "get" && form.input && form.button;
    check(contract, `${kind}: the header's search form is role=search, GET to ${searchPath}, with input#site-search-q (type search, name q) and a submit button`);
  } catch (e) {
    check(false, `${kind} keyboard: ${String(e).split("\n")[0]}`);
  } finally {
    await page.close();
    reportProblems(`${kind} keyboard`, problems);
  }
}

// ---------------------------------------------------------------------------

/**
 * axe-core at the desktop's width and at the narrow phone's on each page of
 * `rels` (paths under the base path), one after another in one tab: a check
 * per page with a serious or critical violation, one for the whole run.
 */
async function axeEveryPage(context, base, rels) {
  const run = { pages: 0, failing: 0, axe: Object.fromEntries(IMPACTS.map((i) => [i, 0])) };
  totals.everyPage = run;
  const page = await context.newPage();
  try {
    for (const [n, rel] of rels.entries()) {
      const url = base + rel;
      try {
        await page.setViewportSize(DESKTOP);
        const response = await page.goto(url, { waitUntil: "load" });
        if (response?.status() !== 200) {
          check(false, `every page: ${url} loads (status ${response?.status()})`);
          continue;
        }
        const violations = mergeViolations(await runAxe(page), DESKTOP.width);
        await page.setViewportSize(NARROW);
        mergeViolations(await runAxe(page), NARROW.width, violations);
        run.pages += 1;
        for (const v of violations.values()) run.axe[v.impact] += 1;
        const bad = [...violations.values()].filter((v) => FAILING_IMPACTS.has(v.impact));
        if (bad.length) {
          run.failing += 1;
          const lines = bad.map((v) => `${v.id} (${v.impact}, at ${[...v.widths].join(" and ")} px): ${v.help}; ${[...v.targets].slice(0, 6).join(", ")}`);
          check(false, `every page: ${url}: ${bad.length} serious or critical accessibility violations`, lines);
        }
      } catch (e) {
        check(false, `every page: ${url}: ${String(e).split("\n")[0]}`);
      }
      if ((n + 1) % 50 === 0) console.log(`every page: ${n + 1} of ${rels.length} checked`);
    }
  } finally {
    await page.close();
  }
  check(run.failing === 0 && run.pages === rels.length, `every page: axe-core at ${DESKTOP.width} and ${NARROW.width} px on all ${rels.length} HTML pages finds no serious or critical violation (${run.failing} pages with one)`);
}

const USAGE = "usage: browser-suite.mjs SITE_DIR [--every-page]";

async function main() {
  const started = Date.now();
  const args = process.argv.slice(2);
  const flags = args.filter((a) => a.startsWith("--"));
  const unknown = flags.filter((f) => f !== "--every-page");
  const [siteArg, ...extra] = args.filter((a) => !a.startsWith("--"));
  if (!siteArg || extra.length || unknown.length) {
    console.error(USAGE);
    process.exit(2);
  }
  const everyPage = flags.includes("--every-page") || /^(1|true|yes)$/i.test(process.env.EVERY_PAGE || "");
  const root = path.resolve(siteArg);
  if (!existsSync(path.join(root, "index.html"))) {
    console.error(`browser-suite: ${root} has no index.html; build the site first`);
    process.exit(2);
  }
  if (!existsSync(axeScript)) {
    console.error(`browser-suite: ${axeScript} is missing; run npm ci in tests/tools`);
    process.exit(2);
  }
  const shots = path.resolve(process.env.SCREENSHOTS || path.join("target", "browser-screenshots"));
  process.env.SCREENSHOTS = shots;
  mkdirSync(shots, { recursive: true });

  const basePath = basePathOf(root);
  const trees = treesOf(root, basePath);
  const site = discover(root, basePath, trees);
  notFoundTitle = readFileSync(path.join(root, "404.html"), "utf8").match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1]?.trim() ?? "";
  const server = await serve(root, basePath);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = origin + basePath;
  const treeList = trees.map((t) => `${t.lang} at ${basePath}${t.prefix}`).join(", ");
  console.log(`browser-suite: serving ${site.pages.size} pages at ${base} (${treeList}), screenshots in ${shots}`);

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce" });
    for (const tree of trees) {
      const pages = inTree(site, tree);
      const found = {};
      for (const { kind, find, optional, ready } of KINDS) {
        const label = `${tree.lang}/${kind}`;
        const picked = find(pages);
        if (picked === null || picked === undefined) {
          if (!optional) check(false, `${label}: the ${tree.lang} tree has no page of this kind`);
          continue;
        }
        const { rel, notFound } = typeof picked === "string" ? { rel: picked, notFound: false } : picked;
        found[kind] = rel;
        await checkPage(context, origin, base, label, `${tree.lang}-${kind}`, rel, notFound, shots, ready);
      }
      for (const kind of KEYBOARD_KINDS) {
        if (found[kind] !== undefined) await checkKeyboard(context, origin, base, `${tree.lang}/${kind}`, found[kind], tree.prefix);
      }
      if (found.search !== undefined) {
        const problems = { js: [], requests: [] };
        const page = await watchedPage(context, origin, problems);
        try {
          // The sample's seed article, when the site is the sample: both
          // languages' words for integration must find it from every tree.
          const seed = "archive/2018/4/central-asia-integration/";
          const numbers = await searchTests(browser, page, base + tree.prefix, check, {
            label: tree.lang,
            seed: site.hasFile(`${seed}index.html`) ? seed : null,
          });
          totals.queryBytes.push(...numbers.queryBytes);
        } catch (e) {
          check(false, `${tree.lang}/search: ${String(e).split("\n")[0]}`);
        } finally {
          await page.close();
          reportProblems(`${tree.lang}/search behaviour`, problems);
        }
      }
      if (found.search !== undefined) {
        // A word only a PDF galley has: its page in the snippet, and the
        // link to it followed into Chromium's PDF viewer.
        const problems = { js: [], requests: [] };
        const page = await watchedPage(context, origin, problems);
        try {
          await pdfSearchTests(page, base + tree.prefix, check, {
            label: tree.lang,
            hasFile: (rel) => site.hasFile(`${tree.prefix}${rel}`),
          });
        } catch (e) {
          check(false, `${tree.lang}/search-pdf: ${String(e).split("\n")[0]}`);
        } finally {
          await page.close();
          reportProblems(`${tree.lang}/search-pdf behaviour`, problems);
        }
      }
    }
    if (everyPage) await axeEveryPage(context, base, everyHtmlFile(root));
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }

  const axeTotal = IMPACTS.reduce((n, i) => n + totals.axe[i], 0);
  const axeBad = totals.axe.critical + totals.axe.serious;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log("");
  console.log("browser suite summary:");
  console.log(`  language trees:                     ${treeList}`);
  console.log(`  pages checked:                      ${totals.pages} (one of each kind per tree)`);
  console.log(`  axe violations:                     ${axeTotal} (${IMPACTS.map((i) => `${i} ${totals.axe[i]}`).join(", ")})`);
  console.log(`  axe violations, serious + critical: ${axeBad}`);
  if (totals.everyPage) {
    const run = totals.everyPage;
    const all = IMPACTS.reduce((n, i) => n + run.axe[i], 0);
    console.log(`  axe on every page:                  ${run.pages} pages, ${all} violations (${IMPACTS.map((i) => `${i} ${run.axe[i]}`).join(", ")}), ${run.failing} pages with a serious or critical one`);
  }
  console.log(`  pages scrolling sideways at ${NARROW.width} px: ${totals.sideways}`);
  console.log(`  JavaScript errors:                  ${totals.jsErrors}`);
  console.log(`  failed requests:                    ${totals.failedRequests}`);
  console.log(`  search: bytes a query fetched:     ${totals.queryBytes.join(", ") || "none measured"}`);
  console.log(`  screenshots written:                ${totals.screenshots} (${shots})`);
  console.log(`  time:                               ${seconds} s`);
  console.log(`browser: ${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}

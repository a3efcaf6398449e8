// The search page: reads the index quire writes under search/ (its format is
// in docs/search.md) and shows the articles that hold every word asked for.
//
// A query fetches index.json once, then only the term shards its words fall
// in (with the documents' lengths, which score their postings), the
// documents of the results it shows, and a filter's file when that filter
// is used. Words are cut and stemmed exactly as the index cut them
// (stem.js mirrors the Snowball stemmers quire uses), so "интеграции" finds
// "интеграция" and "integrations" finds "integration"; score.js scores the
// postings as quire would.
//
// An article read from its PDF (its document has `pdf`) has its pages' text
// in a file of its own beside the document; it is fetched only when a word
// asked for is not in what the result shows without it, once per page load,
// and the snippet then comes from the page with the most such words, after
// a link "p. 84" that opens the PDF at that page.
import { scores, shardPath } from "./score.js";
import { stem } from "./stem.js";

const PAGE_SIZE = 10;
const MAX_WORD = 40;
const SNIPPET_WORDS = 32;

const root = document.getElementById("search");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const indexUrl = new URL(root.dataset.index, document.baseURI);
const facetNames = ["year", "section", "country", "keyword"];

// The status line's words come from the page, in its language: the
// template writes each message into a data-say-* attribute of #search,
// with {n}, {what}, {words}, {filters} and {error} left for this script,
// and one message per CLDR plural category for the count of results.
const plurals = new Intl.PluralRules(document.documentElement.lang || "en");
function say(name, values = {}) {
  let text = root.dataset[name] ?? "";
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{${key}}`, value);
  return text;
}
function setStatus(text, state) {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
}

// ---------------------------------------------------------------- words

/** Runs of letters and digits with where they start and end, as the index cuts text. */
function tokens(text) {
  const out = [];
  for (const m of text.matchAll(/[\p{Alphabetic}\p{N}]+/gu)) {
    if ([...m[0]].length > MAX_WORD) continue;
    out.push({ word: fold(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function fold(word) {
  return word.toLowerCase().replaceAll("ё", "е");
}

const stems = new Map();
function stemOf(word) {
  let s = stems.get(word);
  if (s === undefined) {
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

// ---------------------------------------------------------------- fetching

const cache = new Map();
let entry = null;

/** Fetches one index file; gzip is undone here unless the server already did. */
function load(path) {
  if (!cache.has(path)) {
    const url = new URL(path, indexUrl);
    url.searchParams.set("v", entry.version);
    const promise = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} for ${url.pathname}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      let text;
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        text = await new Response(stream).text();
      } else {
        text = new TextDecoder().decode(bytes);
      }
      return JSON.parse(text);
    });
    promise.catch(() => cache.delete(path));
    cache.set(path, promise);
  }
  return cache.get(path);
}

async function loadEntry() {
  if (!entry) {
    const response = await fetch(indexUrl, { cache: "no-cache" });
    if (!response.ok) throw new Error(`${response.status} for ${indexUrl.pathname}`);
    entry = await response.json();
  }
  return entry;
}

/**
 * The file of document `n`. Documents are named by their issue and their
 * position among its documents; index.json lists the issues in document
 * order as [year, number, count], so the file stays put when other issues
 * come or go.
 */
let runs = null;
function documentPath(n) {
  if (!runs) {
    runs = [];
    const before = new Map();
    let first = 0;
    for (const [year, number, count] of entry.issues) {
      const issue = `${year}/${number}`;
      runs.push({ first, issue, position: before.get(issue) ?? 0 });
      before.set(issue, (before.get(issue) ?? 0) + count);
      first += count;
    }
  }
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runs[mid].first <= n) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo];
  return `d/${run.issue}/${run.position + n - run.first}.json.gz`;
}

/** The page-text file of document `n` (for an article read from its PDF): beside its document, under p/. */
function pageTextPath(n) {
  return `p/${documentPath(n).slice("d/".length)}`;
}

/** The number of the shard that holds `term`, if any could. */
function shardOf(term) {
  const firsts = entry.shards;
  let lo = 0;
  let hi = firsts.length - 1;
  if (hi < 0 || term < firsts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firsts[mid] <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A shard and the documents' lengths, which its postings are scored with. */
function loadShard(n) {
  return Promise.all([load(shardPath(entry.shards[n])), load("lengths.json.gz")]);
}

/** Postings as a map from document number to score. */
function decode(flat, lengths) {
  return scores(flat, lengths, entry.documents, entry.average);
}

async function exact(term) {
  const n = shardOf(term);
  if (n < 0) return null;
  const [shard, lengths] = await loadShard(n);
  return Object.hasOwn(shard, term) ? decode(shard[term], lengths) : null;
}

/** Terms starting with `prefix` (at most three shards' worth). */
async function startingWith(prefix) {
  const found = [];
  let n = Math.max(shardOf(prefix), 0);
  for (let seen = 0; n < entry.shards.length && seen < 3; n++, seen++) {
    if (seen > 0 && !entry.shards[n].startsWith(prefix)) break;
    const [shard, lengths] = await loadShard(n);
    for (const term of Object.keys(shard)) {
      if (term.startsWith(prefix)) found.push([term, decode(shard[term], lengths)]);
    }
  }
  return found;
}

// ---------------------------------------------------------------- searching

/**
 * What the reader asked: each word's stem, and for the word still being
 * typed (the last, with no space after it) its stem as a prefix too.
 */
function parse(q) {
  const words = [...new Set(tokens(q.normalize("NFC")).map((t) => t.word))];
  const typing = words.length > 0 && !/\s$/.test(q);
  return words.map((word, i) => ({
    word,
    stem: stemOf(word),
    prefix: typing && i === words.length - 1 && [...word].length >= 2,
  }));
}

/** Documents holding this word, with scores; a prefix match counts half. */
async function matches(part) {
  const scores = new Map();
  const add = (postings, weight) => {
    for (const [doc, score] of postings) {
      scores.set(doc, Math.max(scores.get(doc) ?? 0, score * weight));
    }
  };
  const found = await exact(part.stem);
  if (found) add(found, 1);
  if (part.prefix) {
    for (const [term, postings] of await startingWith(part.stem)) {
      if (term !== part.stem) add(postings, 0.5);
    }
    // The reader may have typed past the stem: "securi" is on its way to "security" ("secur").
    const chars = [...part.stem];
    for (let k = chars.length - 1; k >= Math.max(3, chars.length - 2); k--) {
      const shorter = await exact(chars.slice(0, k).join(""));
      if (shorter) add(shorter, 0.5);
    }
  }
  return scores;
}

/** Documents with the filter's value (keywords compared without case). */
async function filtered(name, value) {
  const values = await load(`f/${name}.json.gz`);
  let key = Object.hasOwn(values, value) ? value : null;
  if (key === null) {
    const lower = value.toLocaleLowerCase();
    key = Object.keys(values).find((k) => k.toLocaleLowerCase() === lower) ?? null;
  }
  const docs = new Set();
  if (key === null) return docs;
  let doc = 0;
  for (const gap of values[key]) {
    doc += gap;
    docs.add(doc);
  }
  return docs;
}

/** Result numbers, best first (newest first among equals, and with no words). */
async function run(query) {
  await loadEntry();
  const parts = parse(query.q);
  const filters = facetNames.filter((f) => query[f]);
  if (parts.length === 0 && filters.length === 0) return { parts, docs: [] };
  const sets = await Promise.all(filters.map((f) => filtered(f, query[f])));
  let scores = null;
  for (const part of parts) {
    const found = await matches(part);
    if (scores === null) {
      scores = found;
    } else {
      for (const [doc, score] of scores) {
        if (found.has(doc)) scores.set(doc, score + found.get(doc));
        else scores.delete(doc);
      }
    }
    if (scores.size === 0) break;
  }
  let docs;
  if (scores === null) {
    docs = [...sets[0]];
  } else {
    docs = [...scores.keys()];
  }
  docs = docs.filter((doc) => sets.every((set) => set.has(doc)));
  if (scores !== null) docs.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
  else docs.sort((a, b) => a - b);
  return { parts, docs };
}

// ---------------------------------------------------------------- showing

/** Is this word of a text the reader's word `part`? */
function isPart(word, part) {
  const s = stemOf(word);
  return s === part.stem || (part.prefix && (s.startsWith(part.stem) || word.startsWith(part.word)));
}

/** Is this word of the text one the reader asked for? */
function hits(parts) {
  return (word) => parts.some((p) => isPart(word, p));
}

/** Which of the reader's words (their places in `parts`) the paragraphs hold. */
function partsIn(paragraphs, parts) {
  const found = new Set();
  for (const paragraph of paragraphs) {
    for (const t of tokens(paragraph.normalize("NFC"))) {
      parts.forEach((p, i) => {
        if (isPart(t.word, p)) found.add(i);
      });
      if (found.size === parts.length) return found;
    }
  }
  return found;
}

/**
 * For a document read from its PDF (it has `pdf`), when a word asked for is
 * neither in its text (the abstracts) nor in the title and authors its
 * result shows: the page of the PDF holding the most of those words, the
 * first on a tie, or null when no page holds any. The page-text file is
 * `[[index, label or null, [paragraph, ...]], ...]`, one entry per page
 * with text, fetched at most once per page load (`load` keeps it); without
 * it (a failed fetch) the snippet comes from the document's text.
 */
async function pdfPage(doc, n, parts) {
  // Destructured: tests/it/galleys.rs takes every word of the output that
  // ends in the PDF suffix for a PDF's address.
  const { pdf } = doc;
  if (!pdf || parts.length === 0) return null;
  const title = doc.shown?.[document.documentElement.lang]?.title ?? doc.title;
  const seen = new Set([...partsIn(doc.text, parts), ...partsIn([title, ...doc.authors], parts)]);
  if (seen.size === parts.length) return null;
  let pages;
  try {
    pages = await load(pageTextPath(n));
  } catch {
    return null;
  }
  let best = null;
  for (const [index, label, paragraphs] of pages) {
    let count = 0;
    for (const i of partsIn(paragraphs, parts)) if (!seen.has(i)) count += 1;
    if (count > (best?.count ?? 0)) best = { index, label, paragraphs, count };
  }
  return best;
}

/** Appends `text` to `el`, with the asked-for words in <mark>. */
function marked(el, text, isHit) {
  let at = 0;
  for (const t of tokens(text)) {
    if (!isHit(t.word)) continue;
    el.append(text.slice(at, t.start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(t.start, t.end);
    el.append(mark);
    at = t.end;
  }
  el.append(text.slice(at));
}

/** The stretch of these paragraphs (a document's text, a PDF page's) with the most asked-for words. */
function snippet(paragraphs, isHit) {
  let best = null;
  for (const paragraph of paragraphs) {
    const text = paragraph.normalize("NFC");
    const ts = tokens(text);
    const found = ts.map((t) => isHit(t.word));
    for (let i = 0; i < ts.length; i++) {
      if (!found[i]) continue;
      const distinct = new Set();
      for (let j = i; j < Math.min(ts.length, i + SNIPPET_WORDS); j++) {
        if (found[j]) distinct.add(stemOf(ts[j].word));
      }
      if (!best || distinct.size > best.score) best = { score: distinct.size, text, ts, i };
    }
  }
  if (!best) {
    const text = (paragraphs[0] ?? "").normalize("NFC");
    best = { text, ts: tokens(text), i: 0 };
  }
  const from = Math.max(0, best.i - 6);
  const to = Math.min(best.ts.length, from + SNIPPET_WORDS);
  if (best.ts.length === 0) return { text: best.text, before: false, after: false };
  const start = from === 0 ? 0 : best.ts[from].start;
  const end = to === best.ts.length ? best.text.length : best.ts[to - 1].end;
  return { text: best.text.slice(start, end), before: start > 0, after: end < best.text.length };
}

/**
 * "p. 84", a link that opens the PDF at that page: the label is the number
 * printed on the page (the file's own page number when the PDF gives none),
 * the address names the page's place in the file, as `#page=` counts.
 */
function pageLink({ pdf }, page) {
  const number = String(page.label ?? page.index);
  const a = document.createElement("a");
  a.className = "search-result-page";
  a.href = `${pdf}#page=${page.index}`;
  a.type = "application/pdf";
  a.textContent = say("sayPage", { pages: number });
  // The name begins with the words shown, so that speech input finds the link.
  a.setAttribute("aria-label", say("sayPdfPage", { page: a.textContent }));
  return a;
}

function result(doc, isHit, page) {
  // A site in several languages gives each language's title, address and
  // words; the page's own language is chosen.
  const written = doc.lang;
  const own = doc.shown?.[document.documentElement.lang];
  if (own) doc = { ...doc, ...own };
  const li = document.createElement("li");
  li.className = "search-result";
  // The language the article is written in, whatever its title shows.
  li.dataset.written = written;
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = doc.url;
  a.lang = doc.title_lang ?? doc.lang;
  marked(a, doc.title, isHit);
  h.append(a);
  li.append(h);
  if (doc.authors.length) {
    const p = document.createElement("p");
    p.className = "search-result-authors";
    marked(p, doc.authors.join(", "), isHit);
    li.append(p);
  }
  const where = document.createElement("p");
  where.className = "search-result-issue";
  where.textContent = [doc.issue, doc.section, doc.pages && say(/[-–]/.test(doc.pages) ? "sayPages" : "sayPage", { pages: doc.pages })].filter(Boolean).join(" · ");
  li.append(where);
  const cut = snippet(page ? page.paragraphs : doc.text, isHit);
  if (cut.text) {
    const p = document.createElement("p");
    p.className = "search-result-snippet";
    // A PDF page's text is in the article's language.
    const text = page ? document.createElement("span") : p;
    if (page) {
      p.append(pageLink(doc, page), " ");
      text.lang = written;
      p.append(text);
    }
    if (cut.before) text.append("… ");
    marked(text, cut.text, isHit);
    if (cut.after) text.append(" …");
    li.append(p);
  }
  return li;
}

// ---------------------------------------------------------------- the page

let current = { docs: [], parts: [], shown: 0 };
let generation = 0;

function readForm() {
  const query = { q: input.value };
  for (const f of facetNames) query[f] = (form.elements[f]?.value ?? "").trim();
  return query;
}

function describe(query) {
  const words = query.q.trim() ? say("sayWords", { words: query.q.trim() }) : "";
  const label = (f) => document.querySelector(`label[for="search-${f}"]`)?.textContent.trim() ?? f;
  const filters = facetNames
    .filter((f) => query[f])
    .map((f) => `${label(f)} ${query[f]}`)
    .join(", ");
  if (words && filters) return say("sayWordsFilters", { words, filters });
  return words || filters;
}

async function showMore(n = PAGE_SIZE) {
  const mine = generation;
  const slice = current.docs.slice(current.shown, current.shown + n);
  const docs = await Promise.all(slice.map((d) => load(documentPath(d))));
  if (mine !== generation) return;
  const pages = await Promise.all(docs.map((doc, i) => pdfPage(doc, slice[i], current.parts)));
  if (mine !== generation) return;
  const isHit = hits(current.parts);
  docs.forEach((doc, i) => list.append(result(doc, isHit, pages[i])));
  current.shown += slice.length;
  more.hidden = current.shown >= current.docs.length;
}

async function search(query, { push = false } = {}) {
  const mine = ++generation;
  const params = new URLSearchParams();
  // The query as typed: a trailing space says the last word is whole, and
  // the address must give the same results when followed.
  for (const [k, v] of Object.entries(query)) if (v.trim()) params.set(k, k === "q" ? v.trimStart() : v.trim());
  const address = params.size ? `?${params}` : location.pathname;
  if (push) history.pushState(null, "", address);
  else history.replaceState(null, "", address);
  if (!query.q.trim() && facetNames.every((f) => !query[f])) {
    list.replaceChildren();
    more.hidden = true;
    setStatus(say("sayEmpty"), "empty");
    return;
  }
  setStatus(say("saySearching"), "searching");
  try {
    const { parts, docs } = await run(query);
    if (mine !== generation) return;
    current = { parts, docs, shown: 0 };
    list.replaceChildren();
    await showMore();
    if (mine !== generation) return;
    // Said once the results are on the page, so the two never disagree.
    const what = describe(query);
    if (docs.length === 0) {
      setStatus(say("sayNone", { what }), "done");
    } else {
      const category = plurals.select(docs.length);
      const name = `sayFound${category[0].toUpperCase()}${category.slice(1)}`;
      const count = docs.length.toLocaleString(document.documentElement.lang || "en");
      setStatus(say(name, { n: count, what }), "done");
    }
  } catch (error) {
    if (mine !== generation) return;
    setStatus(say("sayFailed", { error: error.message }), "failed");
  }
}

let timer = 0;
function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => search(readForm()), 200);
}

function fromAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const f of facetNames) {
    const el = form.elements[f];
    if (!el) continue;
    const value = params.get(f) ?? "";
    if (el.tagName === "SELECT" && value && ![...el.options].some((o) => o.value === value)) {
      el.add(new Option(value, value));
    }
    el.value = value;
  }
  if (facetNames.some((f) => params.get(f))) document.getElementById("search-filters").open = true;
}

async function suggestKeywords(event) {
  const datalist = document.getElementById(`${event.target.id}-values`);
  if (!datalist || datalist.childElementCount) return;
  await loadEntry();
  const values = await load(`f/keyword.json.gz`);
  datalist.replaceChildren(...Object.keys(values).map((k) => new Option(k)));
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  search(readForm(), { push: true });
});
input.addEventListener("input", searchSoon);
for (const f of facetNames) {
  const el = form.elements[f];
  if (!el) continue;
  el.addEventListener("change", () => search(readForm(), { push: true }));
  if (el.tagName === "INPUT") el.addEventListener("focus", suggestKeywords, { once: true });
}
more.addEventListener("click", () => showMore());
window.addEventListener("popstate", () => {
  fromAddress();
  search(readForm());
});

fromAddress();
search(readForm());

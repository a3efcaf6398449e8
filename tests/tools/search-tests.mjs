// What a reader does on the search page, in a real browser: find an article
// by a word of its title, find a Russian word by another of its forms, find
// an article written in Russian by a Russian word and one written in English
// by an English word, narrow by a filter, follow a linked result page, and
// read the page's notice with JavaScript off. Used by browser-suite.mjs, once
// for each language tree's search page: every tree searches the one index.
//
// searchTests(browser, page, base, check, { label, seed }) returns numbers
// for the summary. `check(ok, what)` records one check; `base` is the
// tree's address with the base path ("http://127.0.0.1:PORT/journal/",
// ".../journal/ru/"); `label` names the tree in the checks and screenshots;
// `seed` is the path of an article that both "интеграции" and
// "integration" must find (`archive/2018/4/central-asia-integration/`), or
// null. Nothing here reads the interface's words, which differ by tree: the
// checks wait for the status line's data-state and for it to name the query.

const RESULTS = "#search-results .search-result";

/**
 * Waits until the search has ended (search.js sets the status line's
 * `data-state` to "done" once the results are on the page) with a status
 * line that names `needle` (the query, or a filter's value) and differs
 * from `before`, whatever language the line is in.
 */
async function settle(page, needle, before = null) {
  await page.waitForFunction(
    ({ needle, before }) => {
      const line = document.getElementById("search-status");
      const s = line?.textContent ?? "";
      return line?.dataset.state === "done" && s.includes(needle) && s !== before;
    },
    { needle, before },
    { timeout: 15000, polling: 100 },
  );
}

async function typeQuery(page, text) {
  const box = page.locator("#search-q");
  await box.fill("");
  await box.pressSequentially(text, { delay: 20 });
  await settle(page, text.trim());
}

/** An article's place in any tree: its address from `archive/` on. */
function articleKey(pathname) {
  const at = pathname.indexOf("/archive/");
  return at < 0 ? pathname : pathname.slice(at + 1);
}

async function resultUrls(page) {
  const urls = await page.locator(`${RESULTS} h2 a`).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  return urls.map(articleKey);
}

/** The languages of the results shown (each result's title link says its article's). */
async function resultLangs(page) {
  // The language each result's article is written in (its title may show
  // a translation into the page's language).
  return page.locator(RESULTS).evaluateAll((lis) => lis.map((li) => li.dataset.written));
}

/** The first article of the newest issue: its address and the longest word of its title, as the tree shows them. */
async function someArticle(page, base) {
  await page.goto(`${base}archive/`);
  const issue = await page.locator("main a.issue-label").first().getAttribute("href");
  await page.goto(new URL(issue, base).href);
  const link = page.locator("main .entry-title a").first();
  const href = articleKey(new URL(await link.getAttribute("href"), base).pathname);
  const title = await link.innerText();
  const word = title
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .sort((a, b) => b.length - a.length)[0];
  return { href, title, word };
}

export async function searchTests(browser, page, base, baseCheck, { label = "", seed = null } = {}) {
  const numbers = { queryBytes: [] };
  const searchUrl = `${base}search/`;
  const name = label ? `${label}/search` : "search";
  const check = (ok, what, details) => baseCheck(ok, what.replace(/^search:/, `${name}:`), details);

  // Bytes a query transfers: every response after the search page itself,
  // as sent (compressed files count compressed).
  const measure = (target) => {
    const sizes = [];
    const listener = (request) => {
      if (request.resourceType() !== "document") sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    };
    target.on("requestfinished", listener);
    return async () => {
      target.off("requestfinished", listener);
      return (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    };
  };

  // 1. A word of a title finds that article.
  const article = await someArticle(page, base);
  await page.goto(searchUrl);
  const first = measure(page);
  await typeQuery(page, article.word);
  const bytes = await first();
  numbers.queryBytes.push(bytes);
  let urls = await resultUrls(page);
  check(urls.includes(article.href), `search: "${article.word}" finds "${article.title}" (${urls.length} results, ${bytes} bytes of index)`);
  const marks = await page.locator(`${RESULTS} mark`).count();
  check(marks > 0, `search: matches are marked in the results (${marks} marks)`);
  check(new URL(page.url()).searchParams.get("q") === article.word, "search: the address carries the query");
  const prefix = label ? `${label}-` : "";
  // Results as readers see them, for review beside the other screenshots.
  const shots = process.env.SCREENSHOTS;
  if (shots) {
    const viewport = page.viewportSize();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${shots}/${prefix}search-results-${width}.png`, fullPage: true });
    }
    await page.setViewportSize(viewport);
  }

  // 2. A Russian inflected form finds its lemma's other forms: the sample's
  // seed article says "интеграции" and "интеграция"; the reader types the
  // accusative, which the sample never uses.
  await page.goto(searchUrl);
  const second = measure(page);
  await typeQuery(page, "интеграцию ");
  numbers.queryBytes.push(await second());
  const forms = (await page.locator(`${RESULTS} mark`).allInnerTexts()).map((f) => f.toLowerCase());
  const other = [...new Set(forms.filter((f) => f.startsWith("интеграц") && f !== "интеграцию"))];
  check(other.length > 0, `search: "интеграцию" finds and marks other forms of the word (${other.join(", ")})`);

  // 3. Both languages of the archive from this tree's page: a Russian word
  // finds an article written in Russian, an English word one written in
  // English, and both find the seed, whose title, abstract and keywords are
  // in both.
  for (const [query, lang] of [["интеграции", "ru"], ["integration", "en"]]) {
    await page.goto(searchUrl);
    await typeQuery(page, query);
    const langs = await resultLangs(page);
    check(langs.includes(lang), `search: "${query}" finds an article written in ${lang} (${langs.length} results: ${langs.join(" ") || "none"})`);
    if (seed) {
      urls = await resultUrls(page);
      check(urls.includes(seed), `search: "${query}" finds the seed article, ${seed}`);
    }
    // Each result leads to the article's page in this tree, and its title
    // is in this page's language when the article has it in that language.
    const results = await page.locator(RESULTS).evaluateAll((lis) =>
      lis.map((li) => {
        const a = li.querySelector("h2 a");
        return { href: new URL(a.href).pathname, lang: a.lang, written: li.dataset.written };
      }),
    );
    const tree = `${new URL(base).pathname}archive/`;
    const elsewhere = results.filter((r) => !r.href.startsWith(tree)).map((r) => r.href);
    check(elsewhere.length === 0, `search: "${query}" leads to this tree's pages (${elsewhere.join(", ") || `all under ${tree}`})`);
    const pageLang = await page.evaluate(() => document.documentElement.lang);
    const translated = results.filter((r) => r.written !== pageLang && r.lang === pageLang).length;
    check(
      lang === pageLang || translated > 0,
      `search: "${query}" shows translated titles in ${pageLang} (${translated} of ${results.length})`,
    );
  }

  // 4. A filter narrows the results, and the narrowed page can be linked.
  await page.goto(searchUrl);
  await typeQuery(page, "Russia ");
  const all = await page.locator(RESULTS).count();
  const statusAll = await page.locator("#search-status").innerText();
  await page.locator("#search-filters summary").click();
  const years = await page.locator("#search-year option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  let narrowed = null;
  for (const year of years) {
    const before = await page.locator("#search-status").innerText();
    await page.selectOption("#search-year", year);
    await settle(page, year, before);
    const n = await page.locator(RESULTS).count();
    const status = await page.locator("#search-status").innerText();
    if (n > 0 && status !== statusAll) {
      narrowed = { year, n, status };
      break;
    }
  }
  check(narrowed !== null, `search: a year filter narrows "Russia" (${statusAll} → ${narrowed?.status ?? "no year did"})`);
  if (narrowed) {
    const issues = await page.locator(`${RESULTS} .search-result-issue`).allInnerTexts();
    // The issue's label is in the default tree's words: the year comes
    // first in English ("2020, Vol. 13"), last in Russian ("Т. 13, № 1, 2020").
    const ofYear = (label) => new RegExp(`(^|\\D)${narrowed.year}(\\D|$)`).test(label);
    check(issues.length > 0 && issues.every(ofYear), `search: every result is from ${narrowed.year} (${issues.join("; ")})`);
    const linked = page.url();
    check(new URL(linked).searchParams.get("year") === narrowed.year, "search: the address carries the filter");
    const fresh = await browser.newPage();
    await fresh.goto(linked);
    await settle(fresh, narrowed.year);
    check(
      (await fresh.locator("#search-status").innerText()) === narrowed.status,
      `search: the linked address ${new URL(linked).search} shows the same results`,
    );
    await fresh.close();
  }
  check(all > 0, `search: "Russia" has results before filtering (${all} shown)`);

  // 5. Without JavaScript the page says why search cannot run.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await context.newPage();
  await nojs.goto(`${searchUrl}?q=Russia`);
  const notice = nojs.locator(".search-notice");
  check(
    (await notice.count()) === 1 && (await notice.isVisible()) && /JavaScript/.test(await notice.innerText()),
    "search: without JavaScript the page says search needs it",
  );
  await nojs.goto(new URL(article.href, base).href);
  check(await nojs.locator("main h1").isVisible(), "an article page reads without JavaScript");
  await context.close();

  return numbers;
}

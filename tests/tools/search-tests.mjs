// What a reader does on the search page, in a real browser: find an article
// by a word of its title, find a Russian word by another of its forms,
// narrow by a filter, follow a linked result page, and read the page's
// notice with JavaScript off. Used by browser-suite.mjs.
//
// searchTests(browser, page, base, check) returns numbers for the summary.
// `check(ok, what)` records one check; `base` is the site's address with
// its base path ("http://127.0.0.1:PORT/journal/").

const RESULTS = "#search-results .search-result";

/** Waits until the status line speaks of `needle` (results are on the page by then). */
async function settle(page, needle) {
  await page.waitForFunction(
    (needle) => {
      const s = document.getElementById("search-status")?.textContent ?? "";
      return s.includes(needle) && !s.startsWith("Searching");
    },
    needle,
    { timeout: 15000 },
  );
}

async function typeQuery(page, text) {
  const box = page.locator("#search-q");
  await box.fill("");
  await box.pressSequentially(text, { delay: 20 });
  await settle(page, `“${text.trim()}”`);
}

async function resultUrls(page) {
  return page.locator(`${RESULTS} h2 a`).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
}

/** The first article of the newest issue: its address and the longest word of its title. */
async function someArticle(page, base) {
  await page.goto(`${base}archive/`);
  const issue = await page.locator("main a.issue-label").first().getAttribute("href");
  await page.goto(new URL(issue, base).href);
  const link = page.locator("main .entry-title a").first();
  const href = new URL(await link.getAttribute("href"), base).pathname;
  const title = await link.innerText();
  const word = title
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .sort((a, b) => b.length - a.length)[0];
  return { href, title, word };
}

export async function searchTests(browser, page, base, check) {
  const numbers = { queryBytes: [] };
  const searchUrl = `${base}search/`;

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
  // Results as readers see them, for review beside the other screenshots.
  const shots = process.env.SCREENSHOTS;
  if (shots) {
    const viewport = page.viewportSize();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${shots}/search-results-${width}.png`, fullPage: true });
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

  // 3. A filter narrows the results, and the narrowed page can be linked.
  await page.goto(searchUrl);
  await typeQuery(page, "Russia ");
  const all = await page.locator(RESULTS).count();
  const statusAll = await page.locator("#search-status").innerText();
  await page.locator("#search-filters summary").click();
  const years = await page.locator("#search-year option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  let narrowed = null;
  for (const year of years) {
    await page.selectOption("#search-year", year);
    await settle(page, `year ${year}`);
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
    check(issues.every((i) => i.startsWith(narrowed.year)), `search: every result is from ${narrowed.year}`);
    const linked = page.url();
    check(new URL(linked).searchParams.get("year") === narrowed.year, "search: the address carries the filter");
    const fresh = await browser.newPage();
    await fresh.goto(linked);
    await settle(fresh, `year ${narrowed.year}`);
    check(
      (await fresh.locator("#search-status").innerText()) === narrowed.status,
      `search: the linked address ${new URL(linked).search} shows the same results`,
    );
    await fresh.close();
  }
  check(all > 0, `search: "Russia" has results before filtering (${all} shown)`);

  // 4. Without JavaScript the page says why search cannot run.
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

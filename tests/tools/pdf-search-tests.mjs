// Search inside the sample's PDF galleys, in a real browser: a word found
// only in an article's PDF finds that article; its result shows the snippet
// from the PDF's page, the word marked, after "p. N" (N the number printed
// on the page), a link to `<pdf>#page=<the page's place in the file>`; and
// following the link opens the PDF there. Used by browser-suite.mjs, once
// for each language tree's search page (the PDFs and the index are the
// default tree's, shared by every tree).
//
// pdfSearchTests(page, base, check, { label, hasFile }) runs the checks
// for each of GALLEYS whose article the site has (`hasFile` answers for a
// path under the base path); `base` is the tree's address with the base
// path, `label` names the tree in the checks. Nothing here reads the
// interface's words: "p." and "с." are told apart by the number after them.

/**
 * The sample's two galleys with text, written by examples/sample-galleys.rs:
 * the word typed, the form the snippet marks, the page's printed number and
 * its place in the file. Neither word is in any Markdown file of the sample
 * (tests/it/sample_galleys.rs checks), and "челноки" is not the form the
 * PDF prints: the stemmer must join them.
 */
export const GALLEYS = [
  {
    article: "archive/2019/1/afghanistan-northern-neighbours/",
    query: "transshipment",
    marked: "transshipment",
    label: "27",
    page: 3,
  },
  {
    article: "archive/2019/1/kyrgyzstan-eaeu/",
    query: "челноки",
    marked: "челноков",
    label: "42",
    page: 2,
  },
];

const RESULTS = "#search-results .search-result";

/** An article's place in any tree: its address from `archive/` on. */
function articleKey(pathname) {
  const at = pathname.indexOf("/archive/");
  return at < 0 ? pathname : pathname.slice(at + 1);
}

/** Waits until search.js has shown the results for `query`. */
async function settle(page, query) {
  await page.waitForFunction(
    (query) => {
      const line = document.getElementById("search-status");
      return line?.dataset.state === "done" && (line.textContent ?? "").includes(query);
    },
    query,
    { timeout: 15000, polling: 100 },
  );
}

/** The frame of Chromium's PDF viewer in `page`, once it is there (null after `ms`). */
async function pdfViewer(page, ms = 5000) {
  for (let waited = 0; waited <= ms; waited += 100) {
    const frame = page.frames().find((f) => f.url().startsWith("chrome-extension://"));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  return null;
}

export async function pdfSearchTests(page, base, baseCheck, { label = "", hasFile = () => true } = {}) {
  const name = label ? `${label}/search-pdf` : "search-pdf";
  const check = (ok, what, details) => baseCheck(ok, `${name}: ${what}`, details);
  const searchUrl = `${base}search/`;

  for (const galley of GALLEYS) {
    if (!hasFile(`${galley.article}index.html`)) continue;
    // Every page-text file the page asks for, to count them.
    const asked = [];
    const listener = (request) => {
      const url = new URL(request.url());
      if (url.pathname.includes("/search/p/")) asked.push(url.pathname);
    };
    page.on("request", listener);
    await page.goto(searchUrl);
    const box = page.locator("#search-q");
    await box.pressSequentially(galley.query, { delay: 20 });
    await settle(page, galley.query);
    page.off("request", listener);

    const results = await page.locator(RESULTS).evaluateAll((lis) =>
      lis.map((li) => {
        const link = li.querySelector(".search-result-snippet .search-result-page");
        return {
          href: new URL(li.querySelector("h2 a").href).pathname,
          page: link && {
            text: link.textContent,
            href: link.getAttribute("href"),
            name: link.getAttribute("aria-label") ?? "",
          },
          marks: [...li.querySelectorAll(".search-result-snippet mark")].map((m) => m.textContent.toLowerCase()),
        };
      }),
    );
    const found = results.find((r) => articleKey(r.href) === galley.article);
    if (!check(found !== undefined, `"${galley.query}" finds ${galley.article}, whose PDF alone has the word (${results.length} results)`)) {
      continue;
    }
    const shown = found.page;
    if (!check(shown !== null, `"${galley.query}": the result's snippet opens with the PDF page it is from`)) continue;
    // "p. 27" or "с. 27", a no-break space before the number.
    const number = shown.text.match(/^\S+\u00a0(\S+)$/)?.[1];
    check(number === galley.label, `"${galley.query}": the page is shown by its printed number, "${shown.text}" (the PDF prints ${galley.label} on its page ${galley.page})`);
    check(
      found.marks.includes(galley.marked),
      `"${galley.query}": the snippet marks "${galley.marked}" (${found.marks.join(", ") || "nothing marked"})`,
    );
    check(
      shown.href.endsWith(`.pdf#page=${galley.page}`),
      `"${galley.query}": the page links to the PDF at its page in the file, ${shown.href}`,
    );
    // The name begins with the words shown (WCAG's "label in name") and says more.
    check(
      shown.name.startsWith(shown.text) && shown.name.length > shown.text.length,
      `"${galley.query}": the link's accessible name begins with its text and says it is the PDF, "${shown.name}"`,
    );
    const counts = new Map();
    for (const p of asked) counts.set(p, (counts.get(p) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([p, n]) => `${p} ${n} times`);
    check(twice.length === 0, `"${galley.query}": each page-text file is fetched once while typing (${counts.size} fetched)`, twice);

    // Following the link: the PDF itself, opened at that page.
    const link = page.locator(`${RESULTS} .search-result-page[href="${shown.href}"]`).first();
    const pdfUrl = new URL(shown.href, page.url());
    const target = pdfUrl.href.split("#")[0];
    const answered = page.waitForResponse((r) => r.url().split("#")[0] === target, { timeout: 15000 });
    await link.click();
    const response = await answered;
    const type = response.headers()["content-type"] ?? "";
    check(
      response.status() === 200 && type.startsWith("application/pdf"),
      `"${galley.query}": following the link answers the PDF (status ${response.status()}, ${type || "no content-type"})`,
    );
    await page.waitForURL((url) => url.href.split("#")[0] === target, { timeout: 15000 });
    check(new URL(page.url()).hash === `#page=${galley.page}`, `"${galley.query}": the browser is at ${new URL(page.url()).pathname}${new URL(page.url()).hash}`);
    // Chromium's PDF viewer is an extension page in a frame; its toolbar's
    // page box says which page of the file it shows.
    const viewer = await pdfViewer(page);
    if (viewer) {
      const box = viewer.locator("#pageSelector");
      let at = null;
      try {
        await box.waitFor({ timeout: 10000 });
        // The viewer scrolls to the page once the file is laid out.
        for (let waited = 0; waited < 10000 && at !== String(galley.page); waited += 200) {
          at = await box.inputValue();
          if (at !== String(galley.page)) await page.waitForTimeout(200);
        }
      } catch (e) {
        at = `unreadable: ${String(e).split("\n")[0]}`;
      }
      check(at === String(galley.page), `"${galley.query}": Chromium's PDF viewer shows page ${galley.page} of the file (its page box says ${at})`);
    } else {
      console.log(`note: ${name}: "${galley.query}": this Chromium shows no PDF viewer, so the page it opens at was not read`);
    }
  }
}

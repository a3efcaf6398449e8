// The live-reload script of `quire serve` in a real browser (Debian's
// chromium, driven by playwright-core): a page shows a build's errors over
// itself when a file breaks, and reloads with the fix when it is fixed.
//
//   node serve-overlay.mjs PAGE_URL FILE BROKEN_FROM BROKEN_TO EXPECT_IN_ERROR
//
// FILE is edited in place: BROKEN_FROM is replaced by BROKEN_TO (which must
// make a content error whose report contains EXPECT_IN_ERROR), then put back.
// Prints one line per step; exits 1 at the first step that fails.
import { readFileSync, writeFileSync } from "node:fs";
import { launchChromium } from "./chromium.mjs";

const [pageUrl, file, from, to, expected] = process.argv.slice(2);
if (!expected) {
  console.error("usage: serve-overlay.mjs PAGE_URL FILE BROKEN_FROM BROKEN_TO EXPECT_IN_ERROR");
  process.exit(2);
}

const browser = await launchChromium();
let failed = false;
const step = (ok, what) => {
  console.log(`${ok ? "ok" : "FAILED"}: ${what}`);
  if (!ok) failed = true;
  return ok;
};
const original = readFileSync(file, "utf8");
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pageUrl);
  step((await page.locator("#quire-build-errors").count()) === 0, "a good build shows no error");

  if (!original.includes(from)) throw new Error(`${file} does not contain ${from}`);
  writeFileSync(file, original.replace(from, to));
  const overlay = page.locator("#quire-build-errors");
  await overlay.waitFor({ state: "visible", timeout: 15000 });
  const text = await overlay.innerText();
  const where = text.split("\n").find((line) => line.includes(expected)) || "";
  step(text.includes(expected), `the error is shown over the page (${where.trim()})`);
  step((await page.locator("main").count()) === 1, "the last good page is still there beneath it");

  const reloaded = page.waitForEvent("load", { timeout: 15000 });
  writeFileSync(file, original);
  await reloaded;
  await page.waitForLoadState("load");
  step((await page.locator("#quire-build-errors").count()) === 0, "the fix reloads the page without the error");
  step(errors.length === 0, `no JavaScript errors${errors.length ? ": " + errors.join("; ") : ""}`);
} catch (e) {
  step(false, String(e));
} finally {
  writeFileSync(file, original);
  await browser.close();
}
process.exit(failed ? 1 : 0);

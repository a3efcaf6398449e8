// Rewrites a copy of the sample, in place, into its other language set-ups
// for tests/browser/run:
//
// - `ru-first`: in journal.yaml `languages: [en, ru]` becomes `[ru, en]`,
//   and the journal's title, short title, description and publisher change
//   places with their Russian translation, which becomes
//   `translations: en:`, so each stays in its language; each text with a
//   Russian version (`content/pages/about.ru.md`, `content/_index.ru.md`)
//   changes places with it (`about.md` becomes `about.en.md`, `about.ru.md`
//   becomes `about.md`);
// - `one-language`: `languages:`, `translations:` and `sections:` removed, with the
//   Russian texts and the keywords' `names:`, as a journal that never had
//   two languages.
//
// The same rewrites as `support::russian_first`, `russian_first_texts`,
// `one_language` and `without_russian_texts` in tests/it/support.rs, which
// the integration tests use; both refuse a file not laid out as the
// sample's is.
//
//   node sample-languages.mjs ru-first|one-language SITE_DIR
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const FIELDS = ["title", "short_title", "description", "publisher"];

export function russianFirst(journal) {
  const lines = journal.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const find = (wanted) => {
    const at = lines.indexOf(wanted);
    if (at < 0) throw new Error(`the sample's journal.yaml has no line \`${wanted}\``);
    return at;
  };
  lines[find("languages: [en, ru]")] = "languages: [ru, en]";
  const block = find("translations:");
  const russian = find("  ru:");
  if (russian !== block + 1) throw new Error("`  ru:` must follow `translations:`");
  lines[russian] = "  en:";
  let swapped = 0;
  for (let at = russian + 1; at < lines.length; at++) {
    const m = lines[at].match(/^ {4}([a-z_]+): (.*)$/);
    if (!m) break;
    const [, key, value] = m;
    if (!FIELDS.includes(key)) throw new Error(`unexpected \`${key}\` in translations`);
    const top = lines.findIndex((l) => l.startsWith(`${key}: `));
    if (top < 0) throw new Error(`no top-level \`${key}\` to swap with its translation`);
    const english = lines[top].slice(key.length + 2);
    lines[top] = `${key}: ${value}`;
    lines[at] = `    ${key}: ${english}`;
    swapped += 1;
  }
  if (swapped !== FIELDS.length) throw new Error("every field of the journal must be translated");
  return `${lines.join("\n")}\n`;
}

/** Each `X.ru.md` in `dir` becomes `X.md`, and `X.md` becomes `X.en.md`. */
function russianTextsFirst(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".ru.md"))) {
    const stem = name.slice(0, -".ru.md".length);
    renameSync(path.join(dir, `${stem}.md`), path.join(dir, `${stem}.en.md`));
    renameSync(path.join(dir, name), path.join(dir, `${stem}.md`));
  }
}

/** journal.yaml without `languages:` and the `translations:` and `sections:` blocks. */
export function oneLanguage(journal) {
  const out = [];
  let inBlock = false;
  let removed = 0;
  for (const line of journal.split("\n")) {
    if (inBlock && (line.startsWith(" ") || line === "")) continue;
    inBlock = line === "translations:" || line === "sections:";
    if (inBlock || line.startsWith("languages:")) {
      removed += 1;
      continue;
    }
    out.push(line);
  }
  if (removed !== 3) throw new Error("the sample's journal.yaml has `languages:`, `translations:` and `sections:`");
  return `${out.join("\n").trimEnd()}\n`;
}

/** The Russian texts removed, and the keywords' names per language. */
function withoutRussianTexts(content) {
  for (const dir of [content, path.join(content, "pages")]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".ru.md"))) rmSync(path.join(dir, name));
  }
  const keywords = path.join(content, "_keywords.yaml");
  if (existsSync(keywords)) {
    const kept = readFileSync(keywords, "utf8")
      .split("\n")
      .filter((l) => !l.trimStart().startsWith("names:"));
    writeFileSync(keywords, kept.join("\n"));
  }
}

const [mode, site] = process.argv.slice(2);
if (!site || !["ru-first", "one-language"].includes(mode)) {
  console.error("usage: sample-languages.mjs ru-first|one-language SITE_DIR");
  process.exit(2);
}
const journal = path.join(site, "journal.yaml");
const content = path.join(site, "content");
if (mode === "ru-first") {
  writeFileSync(journal, russianFirst(readFileSync(journal, "utf8")));
  russianTextsFirst(content);
  russianTextsFirst(path.join(content, "pages"));
} else {
  writeFileSync(journal, oneLanguage(readFileSync(journal, "utf8")));
  withoutRussianTexts(content);
}

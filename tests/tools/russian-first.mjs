// Makes a copy of the sample's journal.yaml Russian first, in place, for
// tests/browser/run --russian-first: `languages: [en, ru]` becomes
// `[ru, en]`, and the journal's title, short title, description and
// publisher change places with their Russian translation, which becomes
// `translations: en:`, so each stays in its language. The same rewrite as
// `support::russian_first` in tests/it/support.rs, which the integration
// tests use; both refuse a file not laid out as the sample's is.
//
//   node russian-first.mjs JOURNAL_YAML
import { readFileSync, writeFileSync } from "node:fs";

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

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: russian-first.mjs JOURNAL_YAML");
  process.exit(2);
}
writeFileSync(file, russianFirst(readFileSync(file, "utf8")));

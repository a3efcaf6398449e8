// Reads quire's citation downloads with Citation.js, as a reference manager
// built on it would, and prints what it understood: one JSON line per file
// and reading, {"file", "reading", "detected", "items"} or {"file",
// "reading", "error"}. tests/it/readers.rs compares the items with the
// articles' front matter.
//
//   node tests/readers/read-citations.mjs FILE...
//
// A file is read by its name: cite.ris as RIS, cite.json as JSON (CSL-JSON),
// and cite.bib twice, once as BibTeX (Citation.js's BibTeX field mapping)
// and once as Citation.js takes a .bib text it is given without a type
// (BibLaTeX's mapping, which also reads BibTeX).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

// Each reading: its name and the input type Citation.js is told (null: the
// type Citation.js detects itself).
const READINGS = {
  'cite.ris': [['ris', '@ris/file']],
  'cite.bib': [['bibtex', '@bibtex/text'], ['bibtex-detected', null]],
  'cite.json': [['csl-json', '@else/json']],
};

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node read-citations.mjs FILE...');
  process.exit(2);
}
for (const file of files) {
  const readings = READINGS[basename(file)];
  if (!readings) {
    console.error(`read-citations: no reading for ${file}`);
    process.exit(2);
  }
  const text = readFileSync(file, 'utf8');
  for (const [reading, forceType] of readings) {
    const line = { file, reading, detected: plugins.input.type(text) };
    try {
      const options = { generateGraph: false };
      if (forceType) options.forceType = forceType;
      line.items = plugins.input.chain(text, options);
    } catch (error) {
      line.error = String(error && error.stack ? error.stack : error);
    }
    console.log(JSON.stringify(line));
  }
}

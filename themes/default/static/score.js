// Scoring the search index's postings, for search.js: quire writes each
// stem's documents with the stem's weighted count in each, and the
// documents' weighted lengths, so that an edit changes only the stems it
// touched; the score is made here. tests/it/search.rs runs this file with
// node and requires quire's own `search::index::score` for every case.

// BM25 over the weighted counts (k1 = 1.2, b = 0.75), times 20 and rounded:
// each step in single precision, as `search::index::score` takes it, so the
// scores, and the ties between them, are the same whole numbers.
const f32 = Math.fround;
const K1 = f32(1.2);
const B = f32(0.75);
const K1_PLUS = f32(K1 + 1);

/**
 * A stem's postings as a map from document number to score. `flat` is its
 * list in a shard (document gaps and weighted counts, in turn), `lengths`
 * each document's weighted length, `documents` and `average` the number of
 * documents and their mean length, from index.json.
 */
export function scores(flat, lengths, documents, average) {
  const out = new Map();
  const df = flat.length / 2;
  const ratio = f32(f32(f32(f32(documents) - df) + 0.5) / f32(df + 0.5));
  const idf = f32(Math.log(f32(1 + ratio)));
  const mean = f32(average);
  let doc = 0;
  for (let i = 0; i < flat.length; i += 2) {
    doc += flat[i];
    const tf = flat[i + 1];
    const norm = f32(f32(1 - B) + f32(f32(B * lengths[doc]) / mean));
    const score = f32(f32(f32(idf * tf) * K1_PLUS) / f32(tf + f32(K1 * norm)));
    out.set(doc, Math.min(Math.max(Math.round(f32(score * 20)), 1), 65535));
  }
  return out;
}

const utf8 = new TextEncoder();

/** The file of the shard whose first term is `first`: named by the FNV-1a hash of its UTF-8. */
export function shardPath(first) {
  let h = 0xcbf29ce484222325n;
  for (const byte of utf8.encode(first)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return `t/${h.toString(16).padStart(16, "0")}.json.gz`;
}

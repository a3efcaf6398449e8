// The search box's stemmer: the same stems as the index's (src/search/stem.rs,
// which uses the Rust crate rust-stemmers 1.2), so a reader's word finds the
// index's. Snowball Russian and Snowball English (Porter2), written from the
// algorithms' descriptions at snowballstem.org. Where rust-stemmers 1.2
// (generated from an older Snowball) differs from today's descriptions, this
// follows rust-stemmers. tests/it/stemming.rs checks the two agree.

/**
 * The stem of one token, already lowercased with 'ё' replaced by 'е':
 * Russian if every letter is in 'а'..'я', English if every letter is in
 * 'a'..'z', otherwise the token unchanged.
 */
export function stem(word) {
  if (/^[а-я]*$/.test(word)) return russian(word);
  if (/^[a-z]*$/.test(word)) return english(word);
  return word;
}

// ---- Shared helpers ----

// The longest of `suffixes` that `word` ends with and that starts at or after
// `from`; null if none. (Snowball's `among` picks the longest match, and when
// that match's condition fails it does not fall back to a shorter one.)
function longest(word, suffixes, from = 0) {
  let best = null;
  for (const s of suffixes) {
    if (word.endsWith(s) && word.length - s.length >= from &&
        (best === null || s.length > best.length)) best = s;
  }
  return best;
}

// The index just after the first non-vowel that follows a vowel, searching
// from `start`; the word's length if there is none. R1 starts at
// region(word, 0) and R2 at region(word, R1).
function region(word, start, isVowel) {
  for (let i = start + 1; i < word.length; i++) {
    if (isVowel(word[i - 1]) && !isVowel(word[i])) return i + 1;
  }
  return word.length;
}

// ---- Russian ----

const isRuVowel = (c) => 'аеиоуыэюя'.includes(c);

// Endings by step. Those in a `...A` list must follow 'а' or 'я' (inside RV),
// which stays; the others go whatever precedes them.
const GERUND_A = ['в', 'вши', 'вшись'];
const GERUND = ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'];
const ADJECTIVE = ['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой',
  'ем', 'им', 'ым', 'ом', 'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю',
  'ая', 'яя', 'ою', 'ею'];
const PARTICIPLE_A = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_A = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но',
  'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'];
const VERB = ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей',
  'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло', 'ено', 'ят', 'ует', 'уют',
  'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю'];
const NOUN = ['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии',
  'и', 'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о',
  'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я'];
const DERIVATIONAL = ['ост', 'ость'];
const TIDY = ['ейш', 'ейше', 'н', 'ь'];

function russian(word) {
  // RV: after the first vowel. R2: the standard one (R1 of R1).
  const RV = word.split('').findIndex(isRuVowel) + 1 || word.length;
  const R2 = region(word, region(word, 0, isRuVowel), isRuVowel);
  let w = word;
  const cut = (n) => { w = w.slice(0, w.length - n); };

  // Removes the longest ending of `withA` or `plain` found in RV; an ending
  // of `withA` only after 'а' or 'я' in RV. True if one went.
  function remove(withA, plain) {
    const s = longest(w, withA.concat(plain), RV);
    if (s === null) return false;
    const before = w.length - s.length - 1;
    if (withA.includes(s) && !(before >= RV && 'ая'.includes(w[before]))) {
      return false;
    }
    cut(s.length);
    return true;
  }

  // Step 1: a perfective gerund ending; otherwise a reflexive ending if any,
  // then an adjectival (adjective, maybe after a participle), verb or noun one.
  if (!remove(GERUND_A, GERUND)) {
    remove([], REFLEXIVE);
    if (remove([], ADJECTIVE)) remove(PARTICIPLE_A, PARTICIPLE);
    else if (!remove(VERB_A, VERB)) remove([], NOUN);
  }
  // Step 2: a final 'и'.
  remove([], ['и']);
  // Step 3: a derivational ending, in R2.
  const d = longest(w, DERIVATIONAL, RV);
  if (d !== null && w.length - d.length >= R2) cut(d.length);
  // Step 4: 'ейш(е)' goes and then 'нн' becomes 'н'; or 'нн' becomes 'н';
  // or a final 'ь' goes.
  const endsNN = () => w.endsWith('нн') && w.length - 2 >= RV;
  const t = longest(w, TIDY, RV);
  if (t === 'ейш' || t === 'ейше') {
    cut(t.length);
    if (endsNN()) cut(1);
  } else if (t === 'н') {
    if (endsNN()) cut(1);
  } else if (t === 'ь') {
    cut(1);
  }
  return w;
}

// ---- English (Porter2) ----
// As rust-stemmers 1.2 has it, older than today's description: R1's special
// prefixes are only gener-, commun-, arsen-; 'dying', 'lying', 'tying' are
// whole-word exceptions; eight words stop after Step 1a (EXCEPTIONS_1A).

const isVowel = (c) => 'aeiouy'.includes(c);

// Whole words with a fixed stem, tried before anything else.
const EXCEPTIONS = new Map(Object.entries({
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
  idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli',
  singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
  cosmos: 'cosmos', bias: 'bias', andes: 'andes',
}));
// Words that Step 1a leaves as they are and that stop there.
const EXCEPTIONS_1A = ['inning', 'outing', 'canning', 'herring', 'earring',
  'proceed', 'exceed', 'succeed'];
// Prefixes that are R1's start whatever follows.
const R1_PREFIXES = ['gener', 'commun', 'arsen'];

const STEP_2 = {
  tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent',
  izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate',
  alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
  ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble',
  ogi: 'og', fulli: 'ful', lessli: 'less', li: '',
};
const STEP_3 = {
  tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic',
  ical: 'ic', ful: '', ness: '', ative: '',
};
const STEP_4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant',
  'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];

// Whether `w` up to `end` ends in a short syllable: non-vowel, vowel,
// non-vowel other than 'w', 'x' or 'Y'; or vowel, non-vowel as the word's
// first two letters.
function shortSyllable(w, end) {
  if (end >= 3) {
    return !'wxY'.includes(w[end - 1]) && !isVowel(w[end - 1]) &&
      isVowel(w[end - 2]) && !isVowel(w[end - 3]);
  }
  return end === 2 && isVowel(w[0]) && !isVowel(w[1]);
}

function english(word) {
  if (EXCEPTIONS.has(word)) return EXCEPTIONS.get(word);
  if (word.length < 3) return word;

  // Prelude: an initial 'y', and a 'y' after a vowel, become consonant 'Y'.
  let w = '';
  for (const c of word) {
    w += c === 'y' && (w === '' || isVowel(w[w.length - 1])) ? 'Y' : c;
  }
  const prefix = R1_PREFIXES.find((p) => w.startsWith(p));
  const R1 = prefix ? prefix.length : region(w, 0, isVowel);
  const R2 = region(w, R1, isVowel);

  w = step1a(w);
  if (!EXCEPTIONS_1A.includes(w)) {
    w = step1b(w, R1);
    w = step1c(w);
    w = replaceIn(w, STEP_2, R1, R2);
    w = replaceIn(w, STEP_3, R1, R2);
    w = step4(w, R2);
    w = step5(w, R1, R2);
  }
  return w.replace(/Y/g, 'y');
}

const hasVowel = (s) => [...s].some(isVowel);

// Step 1a: plural and third-person 's'.
function step1a(w) {
  const s = longest(w, ['sses', 'ied', 'ies', 's', 'ss', 'us']);
  const stem = s === null ? w : w.slice(0, w.length - s.length);
  if (s === 'sses') return stem + 'ss';
  if (s === 'ied' || s === 'ies') return stem + (stem.length > 1 ? 'i' : 'ie');
  // 's' goes if a vowel comes before the letter before it.
  if (s === 's' && hasVowel(w.slice(0, -2))) return stem;
  return w;
}

// Step 1b: 'eed', 'ed', 'ing' and their '-ly' forms.
function step1b(w, R1) {
  const s = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
  if (s === null) return w;
  const stem = w.slice(0, w.length - s.length);
  if (s === 'eed' || s === 'eedly') {
    return stem.length >= R1 ? stem + 'ee' : w;
  }
  if (!hasVowel(stem)) return w;
  if (/(at|bl|iz)$/.test(stem)) return stem + 'e';
  if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(stem)) return stem.slice(0, -1);
  // A short word (R1 is empty, ends in a short syllable) gets an 'e'.
  if (stem.length === R1 && shortSyllable(stem, stem.length)) return stem + 'e';
  return stem;
}

// Step 1c: a final 'y' or 'Y' after a non-vowel that is not the first
// letter becomes 'i'.
function step1c(w) {
  const n = w.length;
  if (/[yY]$/.test(w) && n > 2 && !isVowel(w[n - 2])) {
    return w.slice(0, -1) + 'i';
  }
  return w;
}

// Steps 2 and 3: the longest suffix in `table`, if in R1, becomes its
// replacement; 'ogi' only after 'l', 'li' only after a valid li-ending, and
// 'ative' only in R2.
function replaceIn(w, table, R1, R2) {
  const s = longest(w, Object.keys(table));
  if (s === null) return w;
  const start = w.length - s.length;
  const before = w[start - 1] || '';
  if (start < R1 ||
      (s === 'ogi' && before !== 'l') ||
      (s === 'li' && (before === '' || !'cdeghkmnrt'.includes(before))) ||
      (s === 'ative' && start < R2)) return w;
  return w.slice(0, start) + table[s];
}

// Step 4: the longest suffix, if in R2, goes; 'ion' only after 's' or 't'.
function step4(w, R2) {
  const s = longest(w, STEP_4);
  if (s === null) return w;
  const start = w.length - s.length;
  if (start < R2 || (s === 'ion' && !'st'.includes(w[start - 1] || '-'))) {
    return w;
  }
  return w.slice(0, start);
}

// Step 5: a final 'e' in R2, or in R1 after no short syllable; a final 'l'
// in R2 after another 'l'.
function step5(w, R1, R2) {
  const n = w.length;
  if (w.endsWith('e') && (n - 1 >= R2 || (n - 1 >= R1 && !shortSyllable(w, n - 1)))) {
    return w.slice(0, -1);
  }
  if (w.endsWith('ll') && n - 1 >= R2) return w.slice(0, -1);
  return w;
}

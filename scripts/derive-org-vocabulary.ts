// Derives the organisation vocabulary (issue 13): Arabic words of organisation names that
// documents TRANSLATE rather than transliterate (شركة الطيران for "... AVIATION COMPANY"),
// with their English equivalents, from a general bilingual dictionary instead of a hand list.
//
// English side: the words of the sanctions lists' ENTITY names (data/lists) that organisation
// names use and person names do not (the lists decide what an organisation word is).
// Arabic side: FreeDict's English–Arabic and Arabic–English dictionaries (Arabeyes word list,
// GPL-2.0-or-later), Debian packages dict-freedict-eng-ara and dict-freedict-ara-eng:
// and WordNet 3.0 for synonyms (Debian package wordnet-base):
//   apt-get download dict-freedict-eng-ara dict-freedict-ara-eng wordnet-base
//   for f in dict-freedict-*.deb; do dpkg -x "$f" /tmp/freedict; done
//   dpkg -x wordnet-base_*.deb /tmp/wordnet
//   npx tsx scripts/derive-org-vocabulary.ts /tmp/freedict/usr/share/dictd /tmp/wordnet/usr/share/wordnet
// Writes data/org-vocabulary/org-words.tsv (the reviewable artefact) and
// src/core/screening/data/org-vocabulary.ts (the same rows, for the pure engine, which reads no
// files); src/core/screening/org-vocabulary.test.ts checks that the two agree.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { loadListPath } from '../src/adapters/lists/load-list-path.js';
import { unifyArabicLetters } from '../src/core/screening/arabic-letters.js';
import { tokenizeName } from '../src/core/screening/normalize.js';
import { orgWordKey } from '../src/core/screening/org-word-key.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dictDir = process.argv[2] ?? '/tmp/freedict/usr/share/dictd';

/** An English word is an organisation word when this many entity names use it ... */
const entityNamesMin = 2;
/** ... and person names use it at most this share as often (names such as NOOR, SALEM are out). */
const personShareMax = 0.1;
/** Arabic forms shorter than this (after the article) are too ambiguous to translate. */
const arabicLettersMin = 3;
/** An Arabic form given for more English words than this is a vague word, not a term. */
const englishPerArabicMax = 3;

interface DictEntry {
  readonly headword: string;
  readonly body: string;
}

// dictd format: the .index holds headword, base64 offset and length into the (dictzip =
// gzip-compatible) .dict.dz; each body is "Headword /ipa/" then one translation a line.
function readDictd(name: string): DictEntry[] {
  const data = gunzipSync(readFileSync(resolve(dictDir, `${name}.dict.dz`)));
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const decode = (text: string) => [...text].reduce((n, c) => n * 64 + digits.indexOf(c), 0);
  return readFileSync(resolve(dictDir, `${name}.index`), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const [headword, offset, length] = line.split('\t');
      if (
        headword === undefined ||
        offset === undefined ||
        length === undefined ||
        headword.startsWith('00-database')
      )
        return [];
      return [
        {
          headword,
          body: data.subarray(decode(offset), decode(offset) + decode(length)).toString('utf8'),
        },
      ];
    });
}

const translationLines = (body: string) =>
  body
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\d+\.\s*/, '').trim())
    .filter((line) => line.length > 0);

// harakat, shadda and tatweel off, letters unified the engine's way, the article off
function arabicForm(word: string): string | undefined {
  if (/\s|\u200c/.test(word)) return undefined;
  const bare = unifyArabicLetters(
    word
      .normalize('NFD')
      .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
      .normalize('NFC'),
  );
  if (!/^[\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC]+$/.test(bare)) return undefined;
  const key = orgWordKey(bare);
  return [...key].length >= arabicLettersMin ? key : undefined;
}

// 1. organisation words of the lists
const lists = (
  await Promise.all(
    ['ofac', 'ofac-consolidated', 'un'].map((folder) =>
      loadListPath(resolve(root, 'data', 'lists', folder)),
    ),
  )
).flat();
const entityNames = new Map<string, number>();
const personNames = new Map<string, number>();
for (const entry of lists.flatMap((list) => list.entries)) {
  if (entry.kind !== 'entity' && entry.kind !== 'person') continue;
  const counts = entry.kind === 'entity' ? entityNames : personNames;
  for (const name of entry.names) {
    for (const word of new Set(
      tokenizeName(name.text)
        .filter((t) => t.role === 'name' && t.script === 'latin')
        .map((t) => t.text),
    )) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
}
// place names (the lists' nationalities and countries) translate too
// (السورية → SYRIAN, فلسطين → PALESTINE) but are not organisation words: KUWAIT in "NATIONAL BANK
// OF KUWAIT" tells banks apart, so their rows are marked and the engine gives them full weight
const placeCounts = new Map<string, number>();
const placeWords = new Set<string>();
/** entity names may use a place word at most this many times as often as place fields do */
const placeShareMin = 2;
for (const entry of lists.flatMap((list) => list.entries)) {
  // countries only: places of birth also hold words such as AGENCY (Khyber Agency) and DISTRICT
  const places = [
    ...entry.nationalities,
    ...(entry.birthPlaces ?? []).map((place) => place.split(',').at(-1) ?? ''),
    ...entry.identifiers.map((id) => id.country ?? ''),
  ];
  for (const place of places)
    for (const word of new Set(place.toLowerCase().split(/[^a-z]+/)))
      if (word.length >= 3) placeCounts.set(word, (placeCounts.get(word) ?? 0) + 1);
}
// a word that entity names use far more than place fields do is not a place (BANK of West Bank,
// ISLAMIC of Islamic Republic of Iran, STATE of United States)
for (const [word, n] of placeCounts)
  if (n * placeShareMin >= (entityNames.get(word) ?? 0)) placeWords.add(word);
const orgWords = new Set(
  [...entityNames]
    .filter(
      ([word, n]) =>
        /^[a-z]{3,}$/.test(word) &&
        n >= entityNamesMin &&
        (personNames.get(word) ?? 0) <= personShareMax * n,
    )
    .map(([word]) => word),
);

// (a filter of personal-name spellings was tried: the TRAIN split holds names from everywhere, so it
// removed علمي Elmi, سوري Suri, بحري Bahri, جامع Jame; the scoring rules guard person names instead)
const personalSpellings = new Set<string>();

// 2. their Arabic translations, both directions of the dictionary
const arabicByEnglish = new Map<string, Map<string, string>>();
const add = (english: string, arabic: string | undefined, origin: string) => {
  if (arabic === undefined || personalSpellings.has(arabic)) return;
  const forms = arabicByEnglish.get(english) ?? new Map<string, string>();
  if (!forms.has(arabic)) forms.set(arabic, origin);
  arabicByEnglish.set(english, forms);
};
for (const { headword, body } of readDictd('freedict-eng-ara')) {
  const english = headword.toLowerCase();
  if (!orgWords.has(english)) continue;
  // a one-word translation only: in "شركات الطيران" (airlines) neither word alone is the term
  for (const line of translationLines(body))
    for (const part of line.split(/[،,;]/)) {
      const words = part.trim().split(/\s+/);
      if (words.length === 1) add(english, arabicForm(words[0]!), 'eng-ara');
    }
}
for (const { headword, body } of readDictd('freedict-ara-eng')) {
  for (const line of translationLines(body)) {
    const english = line.toLowerCase();
    if (orgWords.has(english)) add(english, arabicForm(headword), 'ara-eng');
  }
}

// 3. synonyms (WordNet 3.0, Princeton's permissive licence; Debian package wordnet-base, its
// data.noun and data.adj given as the second argument): one synset holds "air, aviation, air
// travel", so طيران, FreeDict's word for aviation, also stands for the AIR of MAHAN AIR. Only
// one-word lemmas that are themselves organisation words of the lists, in synsets of at most
// synsetLemmasMax lemmas (large synsets are loose).
const synsetLemmasMax = 4;
const wordnetDir = process.argv[3] ?? '/tmp/wordnet/usr/share/wordnet';
/** A word lends its Arabic forms only through its commonest senses (index.* order by frequency). */
const lendingSensesMax = 2;
const commonSenses = new Map<string, Set<string>>();
for (const file of ['index.noun', 'index.adj']) {
  for (const line of readFileSync(resolve(wordnetDir, file), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line.length === 0) continue;
    const fields = line.trim().split(' ');
    const pointers = Number(fields[3]);
    const senses = fields.slice(6 + pointers).slice(0, lendingSensesMax);
    commonSenses.set(fields[0]!, new Set([...(commonSenses.get(fields[0]!) ?? []), ...senses]));
  }
}
const synonymsOf = new Map<string, Set<string>>();
for (const file of ['data.noun', 'data.adj']) {
  for (const line of readFileSync(resolve(wordnetDir, file), 'utf8').split('\n')) {
    if (line.startsWith(' ') || line.length === 0) continue;
    const fields = line.split(' ');
    const count = parseInt(fields[3]!, 16);
    const lemmas = Array.from({ length: count }, (_, k) =>
      fields[4 + 2 * k]!.toLowerCase().replace(/\(.*\)$/, ''),
    );
    const words = lemmas.filter((lemma) => /^[a-z]+$/.test(lemma) && orgWords.has(lemma));
    if (count > synsetLemmasMax || words.length < 2) continue;
    for (const word of words) {
      if (!commonSenses.get(word)?.has(fields[0]!)) continue;
      for (const other of words)
        if (other !== word) synonymsOf.set(word, (synonymsOf.get(word) ?? new Set()).add(other));
    }
  }
}
for (const [english, forms] of [...arabicByEnglish]) {
  for (const synonym of synonymsOf.get(english) ?? []) {
    for (const arabic of forms.keys()) add(synonym, arabic, 'wordnet');
  }
}

// 4. vague forms out: an Arabic word the dictionary gives for many English words
const englishCount = new Map<string, number>();
for (const forms of arabicByEnglish.values())
  for (const arabic of forms.keys()) englishCount.set(arabic, (englishCount.get(arabic) ?? 0) + 1);
const rows: string[] = [];
for (const [english, forms] of [...arabicByEnglish].sort(([a], [b]) => a.localeCompare(b))) {
  const kept = [...forms]
    .filter(([arabic]) => englishCount.get(arabic)! <= englishPerArabicMax)
    .sort(([a], [b]) => a.localeCompare(b));
  if (kept.length === 0) continue;
  const origins = [...new Set(kept.map(([, origin]) => origin))];
  rows.push(
    `${placeWords.has(english) ? '@' : ''}${english}\t${kept.map(([arabic]) => arabic).join(',')}\t${origins.join(',')}`,
  );
}

mkdirSync(resolve(root, 'data', 'org-vocabulary'), { recursive: true });
const header =
  '# english (@: a place name, full weight)\tarabic forms (engine-normalised, article off)\tdictionary direction\n';
writeFileSync(
  resolve(root, 'data', 'org-vocabulary', 'org-words.tsv'),
  header + rows.join('\n') + '\n',
);
writeFileSync(
  resolve(root, 'src', 'core', 'screening', 'data', 'org-vocabulary.ts'),
  '// GENERATED by scripts/derive-org-vocabulary.ts from FreeDict eng-ara / ara-eng (GPL-2.0-or-later,\n' +
    '// data/org-vocabulary/README.md) and the organisation words of the lists: english -> Arabic forms.\n' +
    '// The same rows as data/org-vocabulary/org-words.tsv (org-vocabulary.test.ts checks it).\n' +
    `export const orgVocabularyRows = ${JSON.stringify(rows.map((row) => row.split('\t').slice(0, 2).join(':')).join(';'))};\n`,
);
console.log(
  `${placeWords.size} place words known; ${orgWords.size} organisation words in the lists; ${rows.length} with Arabic translations written`,
);

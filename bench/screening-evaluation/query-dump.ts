// Every query of report.ts, regional-report.ts and org-report.ts with its outcome at the default
// threshold, one JSON line each, so two engines can be compared query by query:
//   npx tsx bench/screening-evaluation/query-dump.ts > after.jsonl
//   npx tsx bench/screening-evaluation/query-dump.ts --diff before.jsonl after.jsonl
// The document forms are generated as regional-report.ts generates them (same seeds).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../../test-support/shared-data.js';
import {
  buildScreeningIndex,
  defaultAlertThreshold,
  scoreNamePair,
  screenName,
  type ScreeningIndex,
} from '../../src/core/screening/engine.js';
import type { ListEntry } from '../../src/core/screening/entry.js';
import { evaluationEntries } from './evaluation-lists.js';
import { latinPhonetic } from '../../src/core/screening/phonetic-key.js';
import { tokenizeName } from '../../src/core/screening/normalize.js';
import {
  arabicScriptQueries,
  latinPerturbations,
  testSplitRenderings,
  withoutOriginalScript,
} from './list-perturbations.js';
import { documentFormQueries, documentSubsets } from './document-forms.js';
import { readNameBench } from './name-bench.js';
import { nonListedNames } from './non-listed-names.js';
import { readTranslitPairs } from './translit-pairs.js';

/** One query's outcome: `good` is true when the engine did the right thing at the threshold. */
interface Row {
  readonly set: string;
  readonly query: string;
  readonly expected: string;
  readonly score: number;
  readonly top: string;
  readonly good: boolean;
}

// Queries are matched by set, text and expected entry: the generators read names through the
// tokenizer, so a tokenizer change can change which queries a set holds (listed apart below).
function diff(beforePath: string, afterPath: string): void {
  const read = (p: string) =>
    readFileSync(p, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Row);
  const key = (r: Row) => `${r.set}\u0000${r.query}\u0000${r.expected}`;
  const before = new Map(read(beforePath).map((r) => [key(r), r]));
  const after = new Map(read(afterPath).map((r) => [key(r), r]));
  const sets = new Map<string, { n: number; before: number; after: number }>();
  for (const [k, a] of after) {
    const b = before.get(k);
    if (b === undefined) {
      console.log(`NEW    ${a.set}: ${a.query} [${a.expected}] ${a.good ? 'good' : 'BAD'}`);
      continue;
    }
    const s = sets.get(a.set) ?? { n: 0, before: 0, after: 0 };
    s.n++;
    s.before += b.good ? 1 : 0;
    s.after += a.good ? 1 : 0;
    sets.set(a.set, s);
    if (a.good !== b.good)
      console.log(
        `${a.good ? 'GAINED' : 'LOST  '} ${a.set}: ${a.query} [${a.expected}] ` +
          `${b.score.toFixed(3)} → ${a.score.toFixed(3)} (top ${a.top})`,
      );
  }
  for (const [k, b] of before)
    if (!after.has(k))
      console.log(`GONE   ${b.set}: ${b.query} [${b.expected}] ${b.good ? 'good' : 'BAD'}`);
  for (const [set, s] of sets) console.log(`${set}: ${s.before} → ${s.after} good of ${s.n}`);
}

if (process.argv[2] === '--diff') {
  diff(process.argv[3]!, process.argv[4]!);
  process.exit(0);
}

const threshold = defaultAlertThreshold;
const out = (row: Row) => process.stdout.write(`${JSON.stringify(row)}\n`);
const entries: ListEntry[] = await evaluationEntries();
const index = buildScreeningIndex(entries);
const arabicIndex = buildScreeningIndex(withoutOriginalScript(entries));

/** The expected entry's score and the top hit, as report.ts and regional-report.ts count. */
function listed(
  set: string,
  target: ScreeningIndex,
  query: string,
  kind: 'person' | 'entity' | 'unknown',
  entryId: string,
  source?: string,
): void {
  const hits = screenName(target, { name: query, kind }, { threshold: 0.5, limit: 1000 });
  const hit = hits.find(
    (h) => h.entryId === entryId && (source === undefined || h.source === source),
  );
  const score = hit?.score ?? 0;
  out({
    set,
    query,
    expected: entryId,
    score,
    top: hits[0]?.matchedName ?? '',
    good: score >= threshold,
  });
}

function nonListed(set: string, query: string, kind: 'person' | 'entity' | 'unknown', extra = {}) {
  const hits = screenName(index, { name: query, kind, ...extra }, { threshold: 0.5, limit: 1 });
  const score = hits[0]?.score ?? 0;
  out({
    set,
    query,
    expected: '',
    score,
    top: hits[0]?.matchedName ?? '',
    good: score < threshold,
  });
}

// report.ts
const test = readTranslitPairs(dataPath('translit', 'wd_arabic_20'));
const train = readTranslitPairs(dataPath('translit', 'wd_arabic_80'));
for (const q of [
  ...latinPerturbations(entries, 300),
  ...arabicScriptQueries(entries),
  ...testSplitRenderings(entries, test),
])
  listed(
    q.kind,
    q.kind.startsWith('arabic') ? arabicIndex : index,
    q.query,
    q.entryKind,
    q.expectedEntryId,
  );
for (const q of nonListedNames(index.candidates, train, 3000))
  nonListed(`non-listed-${q.kind === 'entity' ? 'entity' : q.script}`, q.query, q.kind);
for (const c of readNameBench(dataPath('name-pairs', 'name_bench_cases.csv'))) {
  const score = scoreNamePair(index, c.name1, c.name2).score;
  out({
    set: `name-pairs-${c.isMatch ? 'match' : 'non-match'}`,
    query: `${c.name1} | ${c.name2}`,
    expected: '',
    score,
    top: '',
    good: score >= threshold === c.isMatch,
  });
}

// regional-report.ts: real non-listed people (same exact-words filter)
const listedTokenSets = entries.flatMap((entry) =>
  entry.names.map(
    (name) =>
      new Set(
        tokenizeName(name.text)
          .filter((t) => t.role === 'name')
          .map((t) => latinPhonetic(t.text)),
      ),
  ),
);
const possiblyListed = (name: string) => {
  const tokens = tokenizeName(name)
    .filter((t) => t.role === 'name')
    .map((t) => latinPhonetic(t.text));
  return listedTokenSets.some((set) => tokens.every((t) => set.has(t)));
};
for (const file of ['non-listed-people.csv', 'non-listed-people-arabic-script.csv']) {
  const people = parse(readFileSync(dataPath('regional', file), 'utf8'), {
    columns: true,
  }) as Array<{ name: string; country: string }>;
  for (const p of people.filter((p) => !possiblyListed(p.name))) {
    nonListed(`regional-${file}`, p.name, 'person');
    nonListed(`regional-${file}-with-country`, p.name, 'person', { nationality: p.country });
  }
}

// regional-report.ts: listed names as documents write them (document-forms.ts)
for (const subset of documentSubsets) {
  for (const { query, entry } of documentFormQueries(entries, subset, 200)) {
    const hits = screenName(
      index,
      { name: query, kind: 'unknown' },
      { threshold: 0.5, limit: 1000 },
    );
    const hit = hits.find((h) => h.entryId === entry.entryId && h.source === entry.source);
    const score = hit?.score ?? 0;
    out({
      set: `documents-${subset}-${entry.kind}`,
      query,
      expected: `${entry.source}:${entry.entryId} ${entry.names[0]!.text}`,
      score,
      top: hits[0] === undefined ? '' : `${hits[0].matchedName} ${hits[0].score.toFixed(3)}`,
      good: score >= threshold,
    });
  }
}

// org-report.ts
type Org = { query: string; source: string; entry: string; listed_name: string; language: string };
for (const o of parse(readFileSync(dataPath('regional', 'translated-org-names.csv'), 'utf8'), {
  columns: true,
}) as Org[])
  listed(`org-translated-${o.language}`, index, o.query, 'entity', o.entry, o.source);
for (const c of parse(readFileSync(dataPath('regional', 'non-listed-companies.csv'), 'utf8'), {
  columns: true,
}) as Array<{ name: string; script: string }>)
  nonListed(`org-non-listed-${c.script}`, c.name, 'entity');

// regional-report.ts / org-report.ts: the sets read from public pages (h/scrdev). Namesakes (a
// listed name holds all their words) are kept in their own set: their alerts are expected.
type PagePerson = { name: string; country: string; namesake_of: string; script?: string };
for (const file of ['people-from-pages-latin.csv', 'people-from-pages-script.csv']) {
  const people = parse(readFileSync(dataPath('regional', file), 'utf8'), {
    columns: true,
  }) as PagePerson[];
  for (const p of people) {
    const set = `pages-${file.replace('.csv', '')}${p.namesake_of ? '-namesake' : ''}`;
    nonListed(set, p.name, 'person');
    nonListed(`${set}-with-country`, p.name, 'person', { nationality: p.country });
  }
}
for (const c of parse(readFileSync(dataPath('regional', 'companies-from-pages.csv'), 'utf8'), {
  columns: true,
}) as PagePerson[])
  nonListed(`pages-companies-${c.script}${c.namesake_of ? '-namesake' : ''}`, c.name, 'entity');
for (const [file, kind] of [
  ['listed-people-from-pages.csv', 'person'],
  ['listed-org-names-from-pages.csv', 'entity'],
] as const)
  for (const o of parse(readFileSync(dataPath('regional', file), 'utf8'), {
    columns: true,
  }) as Org[])
    listed(
      `pages-${file.replace('.csv', '')}-${o.language}`,
      index,
      o.query,
      kind,
      o.entry,
      o.source,
    );

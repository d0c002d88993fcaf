// Translated organisation names (issue 13): Arabic/Persian names of listed entities that
// translate their English names (data/name-data/regional/translated-org-names.csv, written before
// the organisation vocabulary and never used to build it), and ordinary regional companies that
// are not listed (non-listed-companies.csv), and generic names made only of organisation words
// (generic-org-names.csv: "the agricultural bank"), screened as entities at the default threshold.
//   npx tsx bench/screening-evaluation/org-report.ts [--misses] [--queries FILE]
// --queries writes one line per query (set, query, outcome, best hit) for before/after diffs.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../../test-support/shared-data.js';
import {
  buildScreeningIndex,
  defaultAlertThreshold,
  screenName,
} from '../../src/core/screening/engine.js';
import type { ListEntry } from '../../src/core/screening/entry.js';
import { loadListPath } from '../../src/adapters/lists/load-list-path.js';

const showMisses = process.argv.includes('--misses');
const queriesFile = process.argv[process.argv.indexOf('--queries') + 1];
const queryLines: string[] = [];
const best = (hits: readonly { matchedName: string; score: number }[]) =>
  hits[0] === undefined ? '' : `${hits[0].matchedName} ${hits[0].score.toFixed(3)}`;
const lists = [
  ...(await loadListPath(dataPath('ofac'))),
  ...(await loadListPath(dataPath('un'))),
  ...(await loadListPath(dataPath('ofac-consolidated'))),
];
const entries: ListEntry[] = lists.flatMap((list) => list.entries);
const index = buildScreeningIndex(entries);
const pct = (n: number, d: number) => `${n} / ${d} (${((100 * n) / Math.max(1, d)).toFixed(1)}%)`;

type Org = { query: string; language: string; source: string; entry: string; listed_name: string };
const orgs = parse(readFileSync(dataPath('regional', 'translated-org-names.csv'), 'utf8'), {
  columns: true,
}) as Org[];
console.log(`## Translated names of listed organisations (${orgs.length})\n`);
console.log(`| language | found at ${defaultAlertThreshold} |`);
console.log('|---|---|');
const misses: string[] = [];
for (const language of ['arabic', 'persian', 'all']) {
  const subset = orgs.filter((o) => language === 'all' || o.language === language);
  const found = subset.filter((o) => {
    const hits = screenName(index, { name: o.query, kind: 'entity' }, { limit: 1000 });
    const ok = hits.some((h) => h.source === o.source && h.entryId === o.entry);
    if (language === 'all')
      queryLines.push(`translated\t${o.query}\t${ok ? 'found' : 'missed'}\t${best(hits)}`);
    if (!ok && language === 'all')
      misses.push(
        `${o.query} (${o.listed_name}): ${hits[0] === undefined ? 'no hit' : `${hits[0].matchedName} ${hits[0].score.toFixed(3)}`}`,
      );
    return ok;
  }).length;
  console.log(`| ${language} | ${pct(found, subset.length)} |`);
}
if (showMisses) console.log(`\nMisses:\n${misses.map((m) => `- ${m}`).join('\n')}`);

type Company = { name: string; script: string; country: string; known_as: string };
const companies = parse(readFileSync(dataPath('regional', 'non-listed-companies.csv'), 'utf8'), {
  columns: true,
}) as Company[];
console.log(`\n## Ordinary non-listed regional companies (${companies.length})\n`);
console.log(`| script | alerted at ${defaultAlertThreshold} |`);
console.log('|---|---|');
const alerts: string[] = [];
for (const script of ['arabic', 'persian', 'latin', 'all']) {
  const subset = companies.filter((c) => script === 'all' || c.script === script);
  const alerted = subset.filter((c) => {
    const hits = screenName(index, { name: c.name, kind: 'entity' });
    if (script === 'all')
      queryLines.push(`company\t${c.name}\t${hits.length > 0 ? 'ALERT' : 'ok'}\t${best(hits)}`);
    if (hits.length > 0 && script === 'all')
      alerts.push(
        `${c.name} (${c.known_as}) → ${hits[0]!.matchedName} ${hits[0]!.score.toFixed(3)}`,
      );
    return hits.length > 0;
  }).length;
  console.log(`| ${script} | ${pct(alerted, subset.length)} |`);
}
console.log(`\nAlerts: ${alerts.join('; ') || 'none'}`);

type Generic = { name: string; language: string; meaning: string };
const generic = parse(readFileSync(dataPath('regional', 'generic-org-names.csv'), 'utf8'), {
  columns: true,
}) as Generic[];
console.log(`\n## Generic organisation names, organisation words only (${generic.length})\n`);
console.log(`| language | alerted at ${defaultAlertThreshold} |`);
console.log('|---|---|');
const genericAlerts: string[] = [];
for (const language of ['arabic', 'persian', 'all']) {
  const subset = generic.filter((g) => language === 'all' || g.language === language);
  const alerted = subset.filter((g) => {
    const hits = screenName(index, { name: g.name, kind: 'entity' });
    if (language === 'all') {
      queryLines.push(`generic\t${g.name}\t${hits.length > 0 ? 'ALERT' : 'ok'}\t${best(hits)}`);
      if (hits.length > 0) genericAlerts.push(`${g.name} (${g.meaning}) → ${best(hits)}`);
    }
    return hits.length > 0;
  }).length;
  console.log(`| ${language} | ${pct(alerted, subset.length)} |`);
}
console.log(`\nAlerts: ${genericAlerts.join('; ') || 'none'}`);
if (process.argv.includes('--queries') && queriesFile !== undefined)
  writeFileSync(queriesFile, `${queryLines.join('\n')}\n`);

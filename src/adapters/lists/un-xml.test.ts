import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-support/shared-data.js';
import { DomainError } from '../../core/domain-error.js';
import type { ListEntry } from '../../core/screening/entry.js';
import { textFile } from './fixtures/text-file.js';
import { importUnXml } from './un-xml.js';

const excerpt = readFileSync(
  fileURLToPath(new URL('./fixtures/un-excerpt.xml', import.meta.url)),
  'utf8',
);
const arabicLetter = /[\u0600-\u06ff]/;

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const byId = (entries: readonly ListEntry[], id: string): ListEntry => {
  const entry = entries.find((candidate) => candidate.entryId === id);
  expect(entry, `entry ${id}`).toBeDefined();
  return entry!;
};

describe('importUnXml on verbatim UN records', () => {
  it('joins name parts, keeps the Arabic original-script name and the generation date', async () => {
    const list = await importUnXml(textFile('consolidated.xml', excerpt));
    expect(list.publishedAt).toBe('2026-02-27T00:00:09.554Z');
    expect(list.entries.map((entry) => [entry.entryId, entry.kind])).toEqual([
      ['IQi.001', 'person'],
      ['IRi.039', 'person'],
      ['QDe.003', 'entity'],
    ]);
    const saddam = byId(list.entries, 'IQi.001');
    expect(saddam.names).toEqual([
      { text: 'SADDAM HUSSEIN AL-TIKRITI', kind: 'primary' },
      { text: 'صدام حسين التكريتي', kind: 'original-script' },
      { text: 'Abu Ali', kind: 'weak-alias' },
    ]);
    expect(saddam.birthDates).toEqual(['1937-04-28']);
    expect(saddam.nationalities).toEqual(['Iraq']);
    expect(saddam.birthPlaces).toEqual(['al-Awja, near Tikrit, Iraq']);
  });

  it('splits packed ALIAS_NAMEs and maps Good to alias, Low to weak alias (IRi.039, Qasem Soleimani)', async () => {
    const soleimani = byId(
      (await importUnXml(textFile('consolidated.xml', excerpt))).entries,
      'IRi.039',
    );
    expect(soleimani.names).toContainEqual({ text: 'Qasem Sulaimani', kind: 'alias' });
    expect(soleimani.names).toContainEqual({ text: 'Kasim Sulaymani', kind: 'alias' });
    expect(soleimani.names).toContainEqual({ text: 'Haj Qasem', kind: 'weak-alias' });
    expect(soleimani.names.every((name) => !name.text.includes(';'))).toBe(true);
    expect(soleimani.birthDates).toEqual(['1957-03-11']);
    expect(soleimani.identifiers).toEqual([
      { type: 'Passport', value: '008827', country: 'Iran (Islamic Republic of)' },
    ]);
  });

  it('reads entity aliases', async () => {
    const jihad = byId(
      (await importUnXml(textFile('consolidated.xml', excerpt))).entries,
      'QDe.003',
    );
    expect(jihad.names).toContainEqual({ text: 'الجهاد الاسلامي المصري', kind: 'original-script' });
    expect(jihad.names).toContainEqual({ text: 'Egyptian Al-Jihad', kind: 'alias' });
  });
});

describe('importUnXml on damaged or foreign input', () => {
  it('refuses a file cut mid-element, naming the file', async () => {
    const cut = excerpt.slice(0, excerpt.indexOf('<REFERENCE_NUMBER>IRi.039') + 12);
    const error = await rejection(importUnXml(textFile('consolidated.xml', cut)));
    expect(error.code).toBe('list.truncated');
    expect(error.message).toMatch(/^consolidated\.xml:\d+: file ends early/);
  });

  it('refuses a record without REFERENCE_NUMBER and duplicate references', async () => {
    const noReference = excerpt.replace('<REFERENCE_NUMBER>IQi.001</REFERENCE_NUMBER>', '');
    expect(
      (await rejection(importUnXml(textFile('consolidated.xml', noReference)))).message,
    ).toMatch(/without REFERENCE_NUMBER/);
    const duplicate = excerpt.replace(
      '<REFERENCE_NUMBER>IRi.039</REFERENCE_NUMBER>',
      '<REFERENCE_NUMBER>IQi.001</REFERENCE_NUMBER>',
    );
    expect((await rejection(importUnXml(textFile('consolidated.xml', duplicate)))).message).toMatch(
      /IQi\.001 appears twice/,
    );
  });

  it('refuses an EU file and an empty list', async () => {
    expect(
      (await rejection(importUnXml(textFile('eu.xml', '<export generationDate="2024-01-01"/>'))))
        .code,
    ).toBe('list.wrong_format');
    expect(
      (
        await rejection(
          importUnXml(
            textFile('consolidated.xml', '<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>'),
          ),
        )
      ).code,
    ).toBe('list.empty');
  });
});

describe('importUnXml on the real UN consolidated list (data/lists/un)', async () => {
  const started = performance.now();
  const un = await importUnXml({
    name: 'consolidated.xml',
    chunks: createReadStream(dataPath('un', 'consolidated.xml')),
  });
  const elapsedMs = performance.now() - started;

  it('holds 730 individuals and 273 entities, generated 2026-02-27', () => {
    expect(un.entries.filter((entry) => entry.kind === 'person')).toHaveLength(730);
    expect(un.entries.filter((entry) => entry.kind === 'entity')).toHaveLength(273);
    expect(un.publishedAt).toBe('2026-02-27T00:00:09.554Z');
    console.info(`real UN list imported in ${Math.round(elapsedMs)} ms`);
  });

  it('gives original-script names to the 378 records with NAME_ORIGINAL_SCRIPT and 7 more whose aliases carry one', () => {
    const original = un.entries.filter((entry) =>
      entry.names.some((name) => name.kind === 'original-script'),
    );
    expect(original).toHaveLength(385);
    expect(
      original.filter((entry) =>
        entry.names.some((name) => name.kind === 'original-script' && arabicLetter.test(name.text)),
      ),
    ).toHaveLength(368);
    expect(
      un.entries.flatMap((entry) => entry.names).filter((name) => name.kind === 'original-script'),
    ).toHaveLength(407);
  });

  it('separates Arabic names packed into aliases from their romanisations (QDi.299, Abu Bakr al-Baghdadi)', () => {
    const names = byId(un.entries, 'QDi.299').names;
    expect(names).toContainEqual({ text: 'أبو بكر البغدادي الحسيني القريشي', kind: 'weak-alias' });
    expect(names).toContainEqual({ text: 'Abu Bakr al-Baghdadi', kind: 'weak-alias' });
  });

  it('maps alias qualities: the 615 Low aliases (628 names once packed ones are split) → weak alias, 19 f.k.a. → former', () => {
    const names = un.entries.flatMap((entry) => entry.names);
    expect(names.filter((name) => name.kind === 'weak-alias')).toHaveLength(628);
    expect(names.filter((name) => name.kind === 'former')).toHaveLength(19);
    expect(names.filter((name) => name.kind === 'alias').length).toBeGreaterThan(2108);
  });

  it('reads a BETWEEN birth date as the years it spans (CDi.030)', () => {
    expect(byId(un.entries, 'CDi.030').birthDates).toEqual(['1973', '1974']);
  });
});

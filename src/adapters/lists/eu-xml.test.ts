// The EU importer is tested on a HAND-MADE fixture in the FSF export schema (see fixtures/README.md):
// no real EU file is available. Its parties are real listed parties copied from the OFAC/UN data.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/domain-error.js';
import type { ListEntry } from '../../core/screening/entry.js';
import { importEuXml } from './eu-xml.js';
import { textFile } from './fixtures/text-file.js';

const handmade = readFileSync(
  fileURLToPath(new URL('./fixtures/eu-fsf-handmade.xml', import.meta.url)),
  'utf8',
);

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

describe('importEuXml on the hand-made FSF fixture', async () => {
  const eu = await importEuXml(textFile('eu-fsf-handmade.xml', handmade));

  it('uses logicalId as entry id, subjectType for the kind and generationDate as publication date', () => {
    expect(eu.source).toBe('eu');
    expect(eu.publishedAt).toBe('2026-01-15T09:30:00.000+01:00');
    expect(eu.entries.map((entry) => [entry.entryId, entry.kind])).toEqual([
      ['13', 'person'],
      ['8705', 'person'],
      ['133001', 'person'],
      ['5000', 'person'],
      ['6000', 'entity'],
    ]);
  });

  it('takes the first strong Latin name as primary, other scripts as original-script, strong="false" as weak', () => {
    expect(byId(eu.entries, '13').names).toEqual([
      { text: 'Saddam Hussein Al-Tikriti', kind: 'primary' },
      { text: 'صدام حسين التكريتي', kind: 'original-script' },
      { text: 'Abu Ali', kind: 'weak-alias' },
    ]);
    expect(byId(eu.entries, '6000').names.map((name) => name.kind)).toEqual([
      'primary',
      'original-script',
      'alias',
    ]);
  });

  it('builds a name from firstName/lastName when wholeName is empty', () => {
    expect(byId(eu.entries, '8705').names[0]).toEqual({ text: 'Qasem Soleimani', kind: 'primary' });
  });

  it('reads birth dates as full date, as year/month/day attributes, and as a year range', () => {
    expect(byId(eu.entries, '13').birthDates).toEqual(['1937-04-28']);
    expect(byId(eu.entries, '133001').birthDates).toEqual(['1957-08-08']);
    expect(byId(eu.entries, '5000').birthDates).toEqual(['1973', '1974']);
  });

  it('reads citizenships (skipping the "00" unknown country), documents, programmes, places and entity remarks', () => {
    expect(byId(eu.entries, '5000').nationalities).toEqual([
      'CONGO, THE DEMOCRATIC REPUBLIC OF THE',
    ]);
    expect(byId(eu.entries, '8705').identifiers).toEqual([
      { type: 'National passport', value: '008827', country: 'IRAN (ISLAMIC REPUBLIC OF)' },
    ]);
    expect(byId(eu.entries, '8705').programmes).toEqual(['IRN', 'SYR']);
    expect(byId(eu.entries, '13').birthPlaces).toEqual(['al-Awja, near Tikrit, IRAQ']);
    expect(byId(eu.entries, '13').remarks).toBe('UNSC RESOLUTION 1483');
  });
});

describe('importEuXml on damaged or foreign input', () => {
  it('refuses a UN file', async () => {
    const error = await rejection(
      importEuXml(textFile('un.xml', '<CONSOLIDATED_LIST dateGenerated="2026-02-27"/>')),
    );
    expect(error).toMatchObject({
      code: 'list.wrong_format',
      details: { file: 'un.xml', line: 1 },
    });
  });

  it('refuses a file cut mid-element and a DTD, producing nothing', async () => {
    const cut = handmade.slice(0, handmade.indexOf('logicalId="8705"'));
    expect((await rejection(importEuXml(textFile('eu.xml', cut)))).code).toBe('list.truncated');
    const withDtd = handmade.replace(
      '<export ',
      '<!DOCTYPE export [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<export ',
    );
    expect((await rejection(importEuXml(textFile('eu.xml', withDtd)))).code).toBe(
      'list.dtd_forbidden',
    );
  });

  it('refuses a sanctionEntity without logicalId or without any name, and duplicate ids', async () => {
    expect(
      (await rejection(importEuXml(textFile('eu.xml', handmade.replace('logicalId="13">', '>')))))
        .message,
    ).toMatch(/without logicalId/);
    const nameless =
      '<export generationDate="x"><sanctionEntity logicalId="1"><subjectType code="person"/></sanctionEntity></export>';
    expect((await rejection(importEuXml(textFile('eu.xml', nameless)))).message).toMatch(
      /entry 1 has no primary name/,
    );
    expect(
      (
        await rejection(
          importEuXml(textFile('eu.xml', handmade.replace('logicalId="8705">', 'logicalId="13">'))),
        )
      ).message,
    ).toMatch(/logicalId 13 appears twice/);
  });
});

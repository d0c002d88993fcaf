import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../../test-support/shared-data.js';
import { DomainError } from '../../core/domain-error.js';
import type { ListEntry } from '../../core/screening/entry.js';
import { ofacCsv, textFile } from './fixtures/text-file.js';
import type { ListFileInput } from './list-import.js';
import { nameLengthCharsMax } from './list-limits.js';
import { importOfacCsvSet, splitProgrammes } from './ofac-csv.js';

// Rows below are copied verbatim from the real sdn.csv / alt.csv / add.csv (data/lists/ofac).
const sdnRows = [
  '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
  '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
  '4238,"MAR AZUL","vessel","CUBA",-0- ,"CL2192","Tug",-0- ,"212","Cuba","Samir de Navegacion S.A.",-0- ',
  '13107,"GHANI, Esmail","individual","SDGT] [IRGC] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 08 Aug 1957; POB Mashhad, Iran; Additional Sanctions Information - Subject to Secondary Sanctions; Passport D9003033 (Iran); alt. Passport D9008347 (Iran) issued 18 Jul 2010 expires 18 Jul 2015."',
  '15431,"EP-GOM","aircraft","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft Manufacture Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; Aircraft Manufacturer\'s Serial Number (MSN) 1023409321; Linked To: POUYA AIR."',
];
const altRows = [
  '36,12,"aka","AERO-CARIBBEAN",-0- ',
  '306,220,"aka","NATIONAL BANK OF CUBA",-0- ',
  '13107,14737,"aka","QANI, Esmail",-0- ',
  '13107,14740,"aka","QA\'ANI, Esma\'il",-0- ',
  '17016,23456,"aka","UNKNOWN TO THIS SDN FILE",-0- ',
];
const addRows = [
  '36,25,-0- ,"Havana","Cuba",-0- ',
  '306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- ',
];

function smallSet(
  overrides: {
    primary?: ListFileInput;
    alt?: ListFileInput;
    add?: ListFileInput;
    comments?: ListFileInput;
  } = {},
) {
  return importOfacCsvSet({
    source: 'ofac-sdn',
    primary: overrides.primary ?? textFile('sdn.csv', ofacCsv(sdnRows)),
    alt: overrides.alt ?? textFile('alt.csv', ofacCsv(altRows)),
    add: overrides.add ?? textFile('add.csv', ofacCsv(addRows)),
    ...(overrides.comments ? { comments: overrides.comments } : {}),
  });
}

function realFile(directory: string, name: string): ListFileInput {
  return { name, chunks: createReadStream(dataPath(directory, name)) };
}

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

describe('importOfacCsvSet on verbatim rows', () => {
  it('maps SDN types to party kinds and joins aliases on ent_num', async () => {
    const { entries } = await smallSet();
    expect(entries.map((entry) => [entry.entryId, entry.kind])).toEqual([
      ['36', 'entity'],
      ['306', 'entity'],
      ['4238', 'vessel'],
      ['13107', 'person'],
      ['15431', 'aircraft'],
    ]);
    expect(byId(entries, '13107').names).toEqual([
      { text: 'GHANI, Esmail', kind: 'primary' },
      { text: 'QANI, Esmail', kind: 'alias' },
      { text: "QA'ANI, Esma'il", kind: 'alias' },
    ]);
    expect(byId(entries, '13107').programmes).toEqual(['SDGT', 'IRGC', 'IFSR']);
  });

  it('takes the quoted a.k.a. in remarks as a weak alias', async () => {
    const { entries } = await smallSet();
    expect(byId(entries, '306').names).toContainEqual({ text: 'BNC', kind: 'weak-alias' });
    expect(byId(entries, '306').names).toContainEqual({
      text: 'NATIONAL BANK OF CUBA',
      kind: 'alias',
    });
  });

  it('marks alt rows whose alt_remarks say "weak" as weak aliases, and fka as former', async () => {
    const alt = textFile(
      'alt.csv',
      ofacCsv([
        '306,220,"aka","NATIONAL BANK OF CUBA","weak"',
        '36,12,"fka","AERO-CARIBBEAN",-0- ',
      ]),
    );
    const { entries } = await smallSet({ alt });
    expect(byId(entries, '306').names).toContainEqual({
      text: 'NATIONAL BANK OF CUBA',
      kind: 'weak-alias',
    });
    expect(byId(entries, '36').names).toContainEqual({ text: 'AERO-CARIBBEAN', kind: 'former' });
  });

  it('reads vessel columns and aircraft identifiers', async () => {
    const { entries } = await smallSet();
    expect(byId(entries, '4238').identifiers).toEqual(
      expect.arrayContaining([
        { type: 'Call Sign', value: 'CL2192' },
        { type: 'Vessel Flag', value: 'Cuba' },
      ]),
    );
    expect(byId(entries, '15431').identifiers).toEqual(
      expect.arrayContaining([
        { type: 'Aircraft MSN', value: '1023409321' },
        { type: 'Aircraft Construction Number', value: '8401' },
      ]),
    );
  });

  it('reports and skips alias rows naming unknown entries, and carries on', async () => {
    const { entries, warnings } = await smallSet();
    expect(entries).toHaveLength(5);
    expect(entries.flatMap((entry) => entry.names.map((name) => name.text))).not.toContain(
      'UNKNOWN TO THIS SDN FILE',
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'ofac.unknown_entry_reference',
        file: 'alt.csv',
        count: 1,
        samples: ['17016 (line 5)'],
      }),
      expect.objectContaining({ code: 'ofac.file_missing' }),
    ]);
  });

  it('appends the comments overflow only to remarks OFAC cut at 1,000 characters', async () => {
    const cut = `${'Website http://example.org/'.padEnd(1000, 'x')}`;
    const primary = textFile(
      'sdn.csv',
      ofacCsv([
        ...sdnRows,
        `47682,"CUT REMARKS ENTRY",-0- ,"CYBER2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"${cut}"`,
      ]),
    );
    const comments = textFile(
      'sdn_comments.csv',
      ofacCsv(['47682,"yy; DOB 1985"', '13107,"; nationality Iran"']),
    );
    const { entries, warnings } = await smallSet({ primary, comments });
    expect(byId(entries, '47682').remarks).toBe(`${cut}yy; DOB 1985`);
    expect(byId(entries, '47682').birthDates).toEqual(['1985']);
    expect(byId(entries, '13107').nationalities).toEqual([]);
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'ofac.comments_version_mismatch', count: 1 }),
    );
  });

  it('splits OFAC programme fields', () => {
    expect(splitProgrammes('SDGT] [IRGC] [IFSR')).toEqual(['SDGT', 'IRGC', 'IFSR']);
    expect(splitProgrammes('')).toEqual([]);
  });
});

describe('importOfacCsvSet on damaged input', () => {
  it('refuses a file cut off inside a quoted field, naming file and line', async () => {
    const text = ofacCsv(sdnRows);
    const cut = text.slice(0, text.indexOf('Passport D9003033'));
    const error = await rejection(smallSet({ primary: textFile('sdn.csv', cut) }));
    expect(error.code).toBe('list.truncated');
    expect(error.message).toMatch(/^sdn\.csv:\d+: .*quoted field/);
  });

  it('refuses a row cut off between fields', async () => {
    const error = await rejection(
      smallSet({
        primary: textFile(
          'sdn.csv',
          `${ofacCsv(sdnRows.slice(0, 2)).slice(0, -1)}36,"AEROCARIBBEAN AIRLINES",-0- \r\n`,
        ),
      }),
    );
    expect(error.code).toBe('list.malformed');
    expect(error.message).toBe(
      'sdn.csv:3: expected 12 columns, found 3 (wrong file for this slot of the OFAC set, or a damaged row)',
    );
  });

  it('refuses the wrong file in a slot (alt.csv given as sdn.csv)', async () => {
    const error = await rejection(smallSet({ primary: textFile('sdn.csv', ofacCsv(altRows)) }));
    expect(error.code).toBe('list.malformed');
    expect(error.details).toEqual({ file: 'sdn.csv', line: 1 });
  });

  it('refuses a UN XML file given as an OFAC CSV', async () => {
    const error = await rejection(
      smallSet({
        primary: textFile(
          'sdn.csv',
          '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="x"/>\n',
        ),
      }),
    );
    expect(error.code).toBe('list.malformed');
  });

  it('refuses a file that is not UTF-8 (a Windows-1252 export)', async () => {
    const latin1 = Buffer.from(
      ofacCsv([
        '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"POB Bogot\u00e1"',
      ]),
      'latin1',
    );
    const error = await rejection(
      smallSet({
        primary: {
          name: 'sdn.csv',
          chunks: (async function* () {
            yield latin1;
          })(),
        },
      }),
    );
    expect(error).toMatchObject({
      code: 'list.malformed',
      message: 'sdn.csv: file is not valid UTF-8',
    });
  });

  it('refuses an empty file', async () => {
    const error = await rejection(smallSet({ primary: textFile('sdn.csv', '') }));
    expect(error).toMatchObject({ code: 'list.empty', message: 'sdn.csv: file holds no rows' });
  });

  it('refuses rows after the end-of-file marker and duplicate ent_nums', async () => {
    expect(
      (
        await rejection(
          smallSet({ primary: textFile('sdn.csv', `${ofacCsv(sdnRows)}\r\n${sdnRows[0]}\r\n`) }),
        )
      ).code,
    ).toBe('list.malformed');
    expect(
      (
        await rejection(
          smallSet({ primary: textFile('sdn.csv', ofacCsv([sdnRows[0]!, sdnRows[0]!])) }),
        )
      ).message,
    ).toMatch(/ent_num 36 appears twice/);
  });

  it('refuses an unknown SDN_Type and a non-numeric ent_num', async () => {
    expect(
      (
        await rejection(
          smallSet({
            primary: textFile(
              'sdn.csv',
              ofacCsv([sdnRows[0]!.replace('-0- ,"CUBA"', '"robot","CUBA"')]),
            ),
          }),
        )
      ).message,
    ).toMatch(/unknown SDN_Type "robot"/);
    expect(
      (
        await rejection(
          smallSet({
            primary: textFile('sdn.csv', ofacCsv([sdnRows[0]!.replace(/^36/, 'ent_num')])),
          }),
        )
      ).message,
    ).toMatch(/ent_num "ent_num" is not a number/);
  });

  it(`refuses a name longer than ${nameLengthCharsMax} characters, and accepts one at the limit`, async () => {
    const row = (name: string) =>
      `36,"${name}",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- `;
    const atLimit = await smallSet({
      primary: textFile('sdn.csv', ofacCsv([row('A'.repeat(nameLengthCharsMax))])),
    });
    expect(atLimit.entries[0]!.names[0]!.text).toHaveLength(nameLengthCharsMax);
    const error = await rejection(
      smallSet({
        primary: textFile('sdn.csv', ofacCsv([row('A'.repeat(nameLengthCharsMax + 1))])),
      }),
    );
    expect(error).toMatchObject({
      code: 'list.limit_exceeded',
      details: { file: 'sdn.csv', line: 1 },
    });
  });

  it('warns, without failing, when the end-of-file marker is missing', async () => {
    const { warnings } = await smallSet({
      primary: textFile('sdn.csv', ofacCsv(sdnRows).slice(0, -1)),
    });
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'ofac.eof_marker_missing', file: 'sdn.csv' }),
    );
  });
});

describe('importOfacCsvSet on the real SDN set (data/lists/ofac)', async () => {
  const started = performance.now();
  const sdn = await importOfacCsvSet({
    source: 'ofac-sdn',
    primary: realFile('ofac', 'sdn.csv'),
    alt: realFile('ofac', 'alt.csv'),
    add: realFile('ofac', 'add.csv'),
    comments: realFile('ofac', 'sdn_comments.csv'),
  });
  const elapsedMs = performance.now() - started;

  it('holds all 14,965 entries with their kinds', () => {
    expect(sdn.entries).toHaveLength(14_965);
    const kinds = Object.fromEntries(
      ['person', 'entity', 'vessel', 'aircraft'].map((kind) => [
        kind,
        sdn.entries.filter((entry) => entry.kind === kind).length,
      ]),
    );
    expect(kinds).toEqual({ person: 6854, entity: 6884, vessel: 851, aircraft: 376 });
    console.info(`real SDN set imported in ${Math.round(elapsedMs)} ms`);
  });

  it('reports the rows of the newer alt/add/comments files that name entries sdn.csv lacks', () => {
    const unknown = Object.fromEntries(
      sdn.warnings
        .filter((warning) => warning.code === 'ofac.unknown_entry_reference')
        .map((warning) => [warning.file, warning.count]),
    );
    expect(unknown).toEqual({ 'alt.csv': 2460, 'add.csv': 4893, 'sdn_comments.csv': 6 });
    expect(
      sdn.warnings.find((warning) => warning.code === 'ofac.comments_version_mismatch')?.count,
    ).toBe(5);
  });

  it("gives GHANI, Esmail (Quds Force commander) the aliases QANI, GHAANI, GHA'ANI and QA'ANI, DOB and passport", () => {
    const ghani = byId(sdn.entries, '13107');
    expect(ghani.names[0]).toEqual({ text: 'GHANI, Esmail', kind: 'primary' });
    expect(ghani.names.filter((name) => name.kind === 'alias').map((name) => name.text)).toEqual(
      expect.arrayContaining([
        'QANI, Esmail',
        'GHAANI, Esmail',
        "GHA'ANI, Esma'il",
        "QA'ANI, Esma'il",
      ]),
    );
    expect(ghani.birthDates).toEqual(['1957-08-08']);
    expect(ghani.birthPlaces).toEqual(['Mashhad, Iran']);
    expect(ghani.identifiers).toContainEqual({
      type: 'Passport',
      value: 'D9003033',
      country: 'Iran',
    });
  });

  it('extracts birth dates, nationalities and identifiers from most remarks', () => {
    const people = sdn.entries.filter((entry) => entry.kind === 'person');
    expect(people.filter((entry) => entry.birthDates.length > 0).length).toBeGreaterThan(6000);
    expect(sdn.entries.filter((entry) => entry.nationalities.length > 0).length).toBeGreaterThan(
      4000,
    );
    expect(
      sdn.entries.filter((entry) => entry.identifiers.some((id) => id.type === 'IMO')).length,
    ).toBeGreaterThan(800);
    expect(
      sdn.entries.filter((entry) => entry.identifiers.some((id) => id.type === 'SWIFT/BIC')).length,
    ).toBeGreaterThan(100);
    expect(
      sdn.entries.flatMap((entry) => entry.names).filter((name) => name.kind === 'weak-alias')
        .length,
    ).toBeGreaterThan(3000);
  });
});

describe('importOfacCsvSet on the real consolidated (non-SDN) set', async () => {
  const cons = await importOfacCsvSet({
    source: 'ofac-cons',
    primary: realFile('ofac-consolidated', 'cons_prim.csv'),
    alt: realFile('ofac-consolidated', 'cons_alt.csv'),
    add: realFile('ofac-consolidated', 'cons_add.csv'),
    comments: realFile('ofac-consolidated', 'cons_comments.csv'),
  });

  it('holds its 442 entries with no unknown references', () => {
    expect(cons.entries).toHaveLength(442);
    expect(cons.entries.every((entry) => entry.source === 'ofac-cons')).toBe(true);
    expect(
      cons.warnings.filter((warning) => warning.code === 'ofac.unknown_entry_reference'),
    ).toEqual([]);
  });

  it('reads HANIYA, Ismail Abdul Salah with aliases and DOB 1962', () => {
    const haniya = byId(cons.entries, '9639');
    expect(haniya.names[0]!.text).toBe('HANIYA, Ismail Abdul Salah');
    expect(haniya.names.map((name) => name.text)).toContain('HANIYYA, Ismaeel');
    expect(haniya.birthDates).toEqual(['1962']);
    expect(haniya.programmes).toEqual(['NS-PLC']);
  });
});

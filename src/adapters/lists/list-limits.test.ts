// Each named limit, checked at its edge. Limits with their own focused tests elsewhere:
// nameLengthCharsMax (ofac-csv.test.ts), xmlDepthMax and xmlTextLengthCharsMax (xml-records.test.ts),
// birthYearRangeSpanMax (list-dates.test.ts).
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/domain-error.js';
import { assertEntryCountWithinLimit } from './entry-limits.js';
import { ofacCsv, textFile } from './fixtures/text-file.js';
import { openListFile } from './list-file.js';
import {
  csvRecordSizeCharsMax,
  entriesCountMax,
  fileSizeBytesMax,
  namesPerEntryMax,
  remarksLengthCharsMax,
} from './list-limits.js';
import { importOfacCsvSet } from './ofac-csv.js';

const scratch = mkdtempSync(join(tmpdir(), 'qanat-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A verbatim row of the real sdn.csv, with its remarks replaced where a test needs long remarks.
const row = (remarks = '-0- ') =>
  `306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,${remarks}`;

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('list limits', () => {
  it(`refuses a file over fileSizeBytesMax (${fileSizeBytesMax} bytes) before reading it`, async () => {
    // Sparse files: the size is real to stat(), no disk space is used.
    const atLimit = join(scratch, 'at-limit.csv');
    const overLimit = join(scratch, 'over-limit.csv');
    for (const [path, size] of [
      [atLimit, fileSizeBytesMax],
      [overLimit, fileSizeBytesMax + 1],
    ] as const) {
      closeSync(openSync(path, 'w'));
      truncateSync(path, size);
    }
    await expect(openListFile(atLimit)).resolves.toMatchObject({ name: 'at-limit.csv' });
    const error = await rejection(openListFile(overLimit));
    expect(error).toMatchObject({
      code: 'list.limit_exceeded',
      message: expect.stringMatching(/^over-limit\.csv: file is 268435457 bytes/),
    });
  });

  it(`refuses more than entriesCountMax (${entriesCountMax}) entries`, () => {
    expect(() => assertEntryCountWithinLimit(entriesCountMax, 'sdn.csv')).not.toThrow();
    expect(() => assertEntryCountWithinLimit(entriesCountMax + 1, 'sdn.csv')).toThrowError(
      /sdn\.csv: more than 200000 entries/,
    );
  });

  it(`refuses an entry with more than namesPerEntryMax (${namesPerEntryMax}) names`, async () => {
    const aliases = (count: number) =>
      Array.from(
        { length: count },
        (_, index) => `306,${index},"aka","NATIONAL BANK OF CUBA ${index}",-0- `,
      );
    const set = (count: number) =>
      importOfacCsvSet({
        source: 'ofac-sdn',
        primary: textFile('sdn.csv', ofacCsv([row()]), 4096),
        alt: textFile('alt.csv', ofacCsv(aliases(count)), 4096),
      });
    expect((await set(namesPerEntryMax - 1)).entries[0]!.names).toHaveLength(namesPerEntryMax);
    expect((await rejection(set(namesPerEntryMax))).code).toBe('list.limit_exceeded');
  });

  it(`refuses remarks over remarksLengthCharsMax (${remarksLengthCharsMax}) characters`, async () => {
    const set = (length: number) =>
      importOfacCsvSet({
        source: 'ofac-sdn',
        primary: textFile('sdn.csv', ofacCsv([row(`"${'x'.repeat(length)}"`)]), 65536),
      });
    expect((await set(remarksLengthCharsMax)).entries[0]!.remarks).toHaveLength(
      remarksLengthCharsMax,
    );
    expect((await rejection(set(remarksLengthCharsMax + 1))).message).toMatch(
      /remarks over 100000 characters/,
    );
  });

  it(`refuses a CSV record over csvRecordSizeCharsMax (${csvRecordSizeCharsMax}) characters, as a missing closing quote would make`, async () => {
    const unclosed = ofacCsv([row(`"${'x'.repeat(csvRecordSizeCharsMax + 10)}`)]);
    const error = await rejection(
      importOfacCsvSet({ source: 'ofac-sdn', primary: textFile('sdn.csv', unclosed, 65536) }),
    );
    expect(error).toMatchObject({ code: 'list.limit_exceeded', details: { file: 'sdn.csv' } });
  });
});

// Reads one file of the official OFAC CSV set: no header, fixed column count, "-0-" for empty,
// and a DOS end-of-file byte (0x1A) as the last line. Rows go to a callback rather than an async
// iterator because per-row promise overhead would dominate the ~60k rows of the SDN set.
import { pipeline } from 'node:stream';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { listError } from './list-error.js';
import type { ListFileInput } from './list-import.js';
import { csvRecordSizeCharsMax, csvRowsCountMax } from './list-limits.js';

const ofacEmpty = '-0-';
const eofMarker = '\u001a';

export interface OfacCsvReadResult {
  readonly rowCount: number;
  readonly eofMarkerSeen: boolean;
}

export type OfacCsvRowHandler = (fields: readonly string[], line: number) => void;

export async function readOfacCsvRows(
  file: ListFileInput,
  columnCount: number,
  onRow: OfacCsvRowHandler,
): Promise<OfacCsvReadResult> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: csvRecordSizeCharsMax,
    info: true,
  });
  // pipeline() forwards a read error of the source into the parser, so the loop below sees it.
  pipeline(Readable.from(file.chunks), parser, () => undefined);

  let rowCount = 0;
  let eofMarkerSeen = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (eofMarkerSeen) throw listError('list.malformed', file.name, 'data after the end-of-file marker (0x1A)', info.lines);
      if (record.length === 1 && record[0]?.trim() === eofMarker) {
        eofMarkerSeen = true;
        continue;
      }
      if (record.length !== columnCount) {
        throw listError(
          'list.malformed',
          file.name,
          `expected ${columnCount} columns, found ${record.length} (wrong file for this slot of the OFAC set, or a damaged row)`,
          info.lines,
        );
      }
      rowCount += 1;
      if (rowCount > csvRowsCountMax) {
        throw listError('list.limit_exceeded', file.name, `more than ${csvRowsCountMax} rows`, info.lines);
      }
      onRow(record.map(cleanField), info.lines);
    }
  } catch (error) {
    throw translateCsvError(error, file.name);
  }
  if (rowCount === 0) throw listError('list.empty', file.name, 'file holds no rows');
  return { rowCount, eofMarkerSeen };
}

function cleanField(raw: string): string {
  const value = raw.trim();
  return value === ofacEmpty ? '' : value;
}

function translateCsvError(error: unknown, fileName: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as unknown as { lines: number }).lines : undefined;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return listError('list.truncated', fileName, 'file ends inside a quoted field (truncated download?)', line);
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return listError('list.limit_exceeded', fileName, `a record exceeds ${csvRecordSizeCharsMax} characters`, line);
  }
  return listError('list.malformed', fileName, `not valid CSV: ${error.message}`, line);
}

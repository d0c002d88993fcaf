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
  });
  let rowCount = 0;
  let eofMarkerSeen = false;
  // parser.info.lines is read at each 'data' event, which csv-parse emits as it completes the
  // record: the per-record `info: true` copy costs a third of the parse time.
  const onRecord = (record: string[]): void => {
    const info = parser.info;
    if (eofMarkerSeen)
      throw listError(
        'list.malformed',
        file.name,
        'data after the end-of-file marker (0x1A)',
        info.lines,
      );
    if (record.length === 1 && record[0]?.trim() === eofMarker) {
      eofMarkerSeen = true;
      return;
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
    if (rowCount > csvRowsCountMax)
      throw listError(
        'list.limit_exceeded',
        file.name,
        `more than ${csvRowsCountMax} rows`,
        info.lines,
      );
    onRow(record.map(cleanField), info.lines);
  };
  // 'data' events rather than for-await: async iteration costs about half again as much on the
  // SDN set. A throwing handler destroys the pipeline, whose callback then rejects with that error.
  await new Promise<void>((resolve, reject) => {
    parser.on('data', (record: string[]) => {
      try {
        onRecord(record);
      } catch (error) {
        parser.destroy(error as Error);
      }
    });
    pipeline(Readable.from(utf8Checked(file)), parser, (error) =>
      error ? reject(translateCsvError(error, file.name)) : resolve(),
    );
  });
  if (rowCount === 0) throw listError('list.empty', file.name, 'file holds no rows');
  return { rowCount, eofMarkerSeen };
}

/**
 * csv-parse would turn invalid UTF-8 (a Windows-1252 export, a binary file) into U+FFFD without a
 * word, and a name with a replacement character matches nothing. Validation runs on the bytes as
 * they pass; the parser still gets the original chunks.
 */
async function* utf8Checked(file: ListFileInput): AsyncGenerator<Uint8Array | string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of file.chunks) {
      if (typeof chunk !== 'string') decoder.decode(chunk, { stream: true });
      yield chunk;
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof TypeError)
      throw listError('list.malformed', file.name, 'file is not valid UTF-8');
    throw error;
  }
}

function cleanField(raw: string): string {
  const value = raw.trim();
  return value === ofacEmpty ? '' : value;
}

function translateCsvError(error: unknown, fileName: string): unknown {
  if (!(error instanceof CsvError)) return error;
  const line =
    typeof (error as { lines?: unknown }).lines === 'number'
      ? (error as unknown as { lines: number }).lines
      : undefined;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return listError(
      'list.truncated',
      fileName,
      'file ends inside a quoted field (truncated download?)',
      line,
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return listError(
      'list.limit_exceeded',
      fileName,
      `a record exceeds ${csvRecordSizeCharsMax} characters`,
      line,
    );
  }
  return listError('list.malformed', fileName, `not valid CSV: ${error.message}`, line);
}

// Shared machinery for CSV imports: parse with csv-parse (sync), check the header, read each row
// through a RowReader that collects every problem as {line, column, reason}, and apply the
// all-or-nothing rule. Structural damage (an unclosed quote) fails the whole file even in partial
// mode, because row boundaries after it cannot be trusted.
import { parse } from 'csv-parse/sync';
import { DomainError } from '../domain-error.js';
import { parseAmountMinor } from '../money/amount.js';
import { isKnownCurrency } from '../money/currency.js';
import { parseDecimal, type Decimal } from '../money/decimal.js';
import { isIsoDate, type IsoDate } from './calendar-date.js';

export interface RowError {
  /** 1-based line in the file (the header is line 1) */
  readonly line: number;
  /** column name, absent for whole-row or whole-file problems */
  readonly column?: string;
  readonly reason: string;
}

export interface ImportedRow<T> {
  readonly line: number;
  readonly value: T;
}

export type ImportResult<T> =
  | {
      readonly ok: true;
      readonly rows: readonly ImportedRow<T>[];
      readonly rejected: readonly RowError[];
    }
  | { readonly ok: false; readonly errors: readonly RowError[] };

export interface CsvImportOptions {
  /** import the good rows and report the bad ones; off unless asked for explicitly */
  readonly partial?: boolean;
}

export const csvBytesMax = 20 * 1024 * 1024;
export const csvRowsMax = 100_000;
export const csvCellLengthMax = 1_000;

/** Reads typed values from one row; each problem is recorded, the value comes back undefined. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    readonly line: number,
    private readonly cells: Readonly<Record<string, string>>,
  ) {}

  fail(column: string | undefined, reason: string): undefined {
    this.errors.push({ line: this.line, ...(column !== undefined ? { column } : {}), reason });
    return undefined;
  }

  private guard<T>(column: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.fail(column, error.message.replace(/^[^:]*: /, ''));
    }
  }

  raw(column: string): string {
    return this.cells[column] ?? '';
  }

  text(column: string, options: { optional?: boolean } = {}): string | undefined {
    const value = this.raw(column).trim();
    if (value === '') return options.optional ? undefined : this.fail(column, 'is empty');
    if (value.length > csvCellLengthMax)
      return this.fail(column, `longer than ${csvCellLengthMax} characters`);
    return value;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(column, `"${value}" is not one of ${allowed.join(', ')}`);
  }

  date(column: string): IsoDate | undefined {
    const value = this.text(column);
    if (value === undefined) return undefined;
    return isIsoDate(value)
      ? value
      : this.fail(column, `"${value}" is not a calendar date (YYYY-MM-DD)`);
  }

  decimal(
    column: string,
    options: { scaleMax: number; positive?: boolean; optional?: boolean },
  ): Decimal | undefined {
    const value = this.text(column, { optional: options.optional ?? false });
    if (value === undefined) return undefined;
    const decimal = this.guard(column, () =>
      parseDecimal(value, { field: column, scaleMax: options.scaleMax }),
    );
    if (decimal && options.positive && decimal.mantissa <= 0n)
      return this.fail(column, 'must be greater than zero');
    return decimal;
  }

  currency(column: string, options: { optional?: boolean } = {}): string | undefined {
    const value = this.text(column, options);
    if (value === undefined) return undefined;
    return isKnownCurrency(value) ? value : this.fail(column, `unknown currency "${value}"`);
  }

  amountMinor(column: string, currency: string | undefined): bigint | undefined {
    const value = this.text(column);
    if (value === undefined || currency === undefined) return undefined;
    return this.guard(column, () =>
      parseAmountMinor(value, currency, { field: column, allowZero: false }),
    );
  }
}

export interface CsvRowSpec<T> {
  readonly requiredColumns: readonly string[];
  readonly optionalColumns?: readonly string[];
  /** return undefined after recording problems on the reader */
  readonly readRow: (reader: RowReader) => T | undefined;
  /** rows with the same key are duplicates; the later one is rejected */
  readonly duplicateKey?: (value: T) => string;
  /** problems between a row and the rows accepted before it (e.g. overlapping periods) */
  readonly conflictWith?: (value: T, earlier: ImportedRow<T>) => string | undefined;
}

export function importCsv<T>(
  text: string,
  spec: CsvRowSpec<T>,
  options: CsvImportOptions = {},
): ImportResult<T> {
  if (text.length > csvBytesMax)
    return { ok: false, errors: [{ line: 0, reason: `file larger than ${csvBytesMax} bytes` }] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line =
      typeof (error as { lines?: unknown }).lines === 'number'
        ? (error as { lines: number }).lines
        : 0;
    return { ok: false, errors: [{ line, reason: `malformed CSV: ${(error as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header)
    return { ok: false, errors: [{ line: 1, reason: 'empty file: expected a header row' }] };
  const columns = header.record.map((name) => name.trim());
  const headerErrors: RowError[] = [];
  for (const required of spec.requiredColumns)
    if (!columns.includes(required))
      headerErrors.push({
        line: 1,
        column: required,
        reason: 'required column missing from the header',
      });
  const known = new Set([...spec.requiredColumns, ...(spec.optionalColumns ?? [])]);
  columns.forEach((name) => {
    if (!known.has(name))
      headerErrors.push({
        line: 1,
        column: name,
        reason: `unknown column; expected ${[...known].join(', ')}`,
      });
  });
  if (new Set(columns).size !== columns.length)
    headerErrors.push({ line: 1, reason: 'a column name appears twice' });
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors };
  if (body.length > csvRowsMax)
    return {
      ok: false,
      errors: [{ line: 0, reason: `more than ${csvRowsMax} rows; split the file` }],
    };
  if (body.length === 0)
    return { ok: false, errors: [{ line: 1, reason: 'no data rows after the header' }] };

  const rows: ImportedRow<T>[] = [];
  const errors: RowError[] = [];
  const keys = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      errors.push({
        line,
        reason: `expected ${columns.length} fields, found ${record.length}${record.length < columns.length ? ' (truncated row?)' : ''}`,
      });
      continue;
    }
    const reader = new RowReader(
      line,
      Object.fromEntries(columns.map((name, index) => [name, record[index] ?? ''])),
    );
    const value = spec.readRow(reader);
    if (reader.errors.length > 0 || value === undefined) {
      errors.push(
        ...(reader.errors.length > 0 ? reader.errors : [{ line, reason: 'row rejected' }]),
      );
      continue;
    }
    const key = spec.duplicateKey?.(value);
    if (key !== undefined) {
      const earlierLine = keys.get(key);
      if (earlierLine !== undefined) {
        errors.push({ line, reason: `duplicate of line ${earlierLine}` });
        continue;
      }
      keys.set(key, line);
    }
    const conflict = spec.conflictWith
      ? rows
          .map((earlier) => spec.conflictWith!(value, earlier))
          .find((reason) => reason !== undefined)
      : undefined;
    if (conflict) {
      errors.push({ line, reason: conflict });
      continue;
    }
    rows.push({ line, value });
  }
  if (errors.length > 0 && !options.partial) return { ok: false, errors };
  return { ok: true, rows, rejected: errors };
}

// The audit bundle on disk (docs/audit.md "The audit bundle"): a directory an overseer verifies
// without the database. One NDJSON file per table, every cell in the canonical typed encoding of
// src/core/audit/row-content.ts, so a row read back hashes exactly as the store's row did.
import { z } from 'zod';
import { encodeCell } from '../../../core/audit/row-content.js';

export const bundleFormat = 'qanat-audit-bundle/1';
export const manifestFile = 'manifest.json';
export const publicKeysFile = 'public-keys.pem';
export const guideFile = 'README.md';
export const tablesDirectory = 'tables';
/** document bytes stay at home: their SHA-256 is in disbursement_documents, bound row by row */
export const omittedTables: ReadonlySet<string> = new Set(['blobs']);
/** a bundle line longer than this is refused rather than parsed */
export const bundleLineLengthMax = 64 * 1024 * 1024;

export const manifestSchema = z
  .object({
    format: z.literal(bundleFormat),
    dialect: z.enum(['sqlite', 'postgres']),
    exportedAtUs: z.string().regex(/^\d+$/),
    eventCount: z.string().regex(/^\d+$/),
    tables: z
      .array(
        z.object({
          name: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
          content: z.enum(['rows', 'digests']),
          rowCount: z.number().int().nonnegative(),
        }),
      )
      .max(500),
    omitted: z.array(z.string()),
  })
  .strict();
export type BundleManifest = z.infer<typeof manifestSchema>;

export const tableFileOf = (table: string, content: 'rows' | 'digests'): string =>
  `${tablesDirectory}/${table}${content === 'digests' ? '.digests' : ''}.ndjson`;

export const encodedRowSchema = z.record(z.string(), z.string().nullable());
export const digestLineSchema = z
  .object({ key: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();

export function encodeRow(row: Readonly<Record<string, unknown>>): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column, encodeCell(value)]),
  );
}

/** The inverse of encodeCell: the value a driver would have returned, as far as hashing sees it. */
export function decodeCell(cell: string | null, where: string): unknown {
  if (cell === null) return null;
  const body = cell.slice(1);
  switch (cell[0]) {
    case 'n':
      if (!/^-?\d+$/.test(body))
        throw new Error(`${where}: "${cell.slice(0, 40)}" is not an integer cell`);
      return BigInt(body);
    case 's':
      return body;
    case 'r':
      return Number(body);
    case 'x':
      if (!/^(?:[0-9a-f]{2})*$/.test(body)) throw new Error(`${where}: not a hex cell`);
      return Buffer.from(body, 'hex');
    case 't':
      return new Date(body);
    case 'j':
      return JSON.parse(body) as unknown;
    default:
      throw new Error(`${where}: unknown cell type "${cell[0]}"`);
  }
}

export function decodeRow(
  encoded: Readonly<Record<string, string | null>>,
  where: string,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(encoded).map(([column, cell]) => [
      column,
      decodeCell(cell, `${where}, column ${column}`),
    ]),
  );
}

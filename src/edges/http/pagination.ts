// Cursor pagination: every list answers { items, nextCursor }; the cursor is opaque to clients
// and names the last key of the page (keyset), so inserts between pages never repeat a row.
import { z } from 'zod';
import { DomainError } from '../../core/domain-error.js';

export const pageLimitMax = 200;
export const pageQuerySchema = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(pageLimitMax).default(50),
});

export const pageSchemaOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function encodeCursor(afterKey: string): string {
  return Buffer.from(JSON.stringify({ after: afterKey })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      after?: unknown;
    };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the error below
  }
  throw new DomainError('input.invalid_cursor', 'cursor: use the nextCursor of the previous page', {
    field: 'cursor',
  });
}

/** a cursor for lists in time order: the instant and the id of the page's last row */
export function encodeInstantCursor(atUs: bigint, id: string): string {
  return encodeCursor(`${atUs}/${id}`);
}

export function decodeInstantCursor(
  cursor: string | undefined,
): { atUs: bigint; id: string } | undefined {
  const after = decodeCursor(cursor);
  if (after === undefined) return undefined;
  const match = /^(\d{1,20})\/(.+)$/s.exec(after);
  if (!match)
    throw new DomainError(
      'input.invalid_cursor',
      'cursor: use the nextCursor of the previous page',
      { field: 'cursor' },
    );
  return { atUs: BigInt(match[1]!), id: match[2]! };
}

/** A keyset page from the `limit + 1` rows a store read after the cursor: the extra row says there is more. */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (item: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return {
    items,
    nextCursor:
      rows.length > limit && items.length > 0
        ? encodeCursor(keyOf(items[items.length - 1]!))
        : null,
  };
}

/** One page of items sorted by key; `fetchedAll` false means the source was cut at its own limit. */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const after = decodeCursor(cursor);
  const sorted = [...items].sort((a, b) =>
    keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
  );
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const page = rest.slice(0, limit);
  return {
    items: page,
    nextCursor:
      rest.length > limit && page.length > 0 ? encodeCursor(keyOf(page[page.length - 1]!)) : null,
  };
}

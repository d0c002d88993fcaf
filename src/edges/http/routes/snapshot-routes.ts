// Sanctions list snapshots over HTTP, beyond the current ones (screening-routes.ts): every
// snapshot of a source, newest first, with its delta counts, and one snapshot's delta itself:
// the entries added, removed and changed against the snapshot before it.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import type { ListSnapshot } from '../../../core/screening-review/list-snapshot.js';
import type { ApiContext } from '../api-context.js';
import { jsonSafe } from '../json-safe.js';
import { decodeCursor, encodeCursor, pageOf, pageQuerySchema } from '../pagination.js';
import { defineRoute } from '../route-kit.js';

const sources = ['ofac-sdn', 'ofac-cons', 'un', 'eu'] as const;
const changes = ['added', 'removed', 'changed'] as const;
const sourceParams = z.strictObject({ source: z.enum(sources) });
const snapshotSchema = z.looseObject({
  snapshotId: z.string(), source: z.string(), version: z.number().int(), entryCount: z.number().int(), previousSnapshotId: z.string().nullable(),
  added: z.number().int(), removed: z.number().int(), changed: z.number().int(),
}).meta({ id: 'ListSnapshotSummary' });
const deltaEntrySchema = z.object({ entryId: z.string(), change: z.enum(changes) });

const summaryOf = ({ delta, ...snapshot }: ListSnapshot) => ({
  ...(jsonSafe(snapshot) as Record<string, unknown>),
  snapshotId: snapshot.snapshotId, source: snapshot.source, version: snapshot.version, entryCount: snapshot.entryCount, previousSnapshotId: snapshot.previousSnapshotId,
  added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length,
});

export function registerSnapshotRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listSourceSnapshots', method: 'GET', url: '/screening/sources/:source/snapshots', summary: 'every snapshot of one list source, newest first, with its delta counts', tags: ['screening'],
    params: sourceParams, querystring: pageQuerySchema,
    response: { 200: z.object({ items: z.array(snapshotSchema), nextCursor: z.string().nullable() }) },
    handler: async (request) => {
      const { limit } = request.query;
      const after = decodeCursor(request.query.cursor);
      const beforeVersion = after === undefined ? undefined : Number(after);
      if (beforeVersion !== undefined && (!Number.isSafeInteger(beforeVersion) || beforeVersion < 1)) throw new DomainError('input.invalid_cursor', 'cursor: use the nextCursor of the previous page', { field: 'cursor' });
      const rows = await app.store.screening.snapshotHistory(request.params.source, limit + 1, beforeVersion);
      const items = rows.slice(0, limit).map(summaryOf);
      return { items, nextCursor: rows.length > limit && items.length > 0 ? encodeCursor(String(items[items.length - 1]!.version)) : null };
    },
  });

  defineRoute(server, context, {
    operationId: 'getSnapshotDelta', method: 'GET', url: '/screening/sources/:source/snapshots/:version/delta', summary: 'what one snapshot changed against the one before it: entries added, removed and changed, by entry id', tags: ['screening'],
    params: sourceParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000_000) }),
    querystring: pageQuerySchema.extend({ change: z.enum(changes).optional() }),
    response: { 200: z.object({ snapshotId: z.string(), previousSnapshotId: z.string().nullable(), items: z.array(deltaEntrySchema), nextCursor: z.string().nullable() }) },
    handler: async (request) => {
      const { source, version } = request.params;
      const [snapshot] = await app.store.screening.snapshotHistory(source, 1, version + 1);
      if (!snapshot || snapshot.version !== version) throw new DomainError('screening.snapshot_not_found', `no snapshot ${source}/${version}`, { field: 'version' });
      // added, removed and changed are disjoint sets of ids, so the id alone orders the page
      const entries = changes.filter((change) => request.query.change === undefined || request.query.change === change)
        .flatMap((change) => snapshot.delta[change].map((entryId) => ({ entryId, change })));
      return { snapshotId: snapshot.snapshotId, previousSnapshotId: snapshot.previousSnapshotId, ...pageOf(entries, (entry) => entry.entryId, request.query.cursor, request.query.limit) };
    },
  });
}

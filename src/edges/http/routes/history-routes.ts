// Configuration and list history for the web app: a programme's versions with who proposed and
// approved them, one version's file, the difference between any two versions; every list
// snapshot with its delta, and one snapshot's changes entry by entry. Read-only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  listProgrammeVersions,
  programmeVersion,
  programmeVersionDiff,
} from '../../../app/programme-service/programme-versions.js';
import {
  listSnapshotHistory,
  listSources,
  snapshotChangedEntries,
  snapshotChangeKinds,
  snapshotChanges,
  type SnapshotChangeKind,
} from '../../../app/screening-service/snapshot-changes.js';
import type { ListSource } from '../../../core/screening/entry.js';
import type { ListSnapshot } from '../../../core/screening-review/list-snapshot.js';
import type { ApiContext } from '../api-context.js';
import { jsonSafe } from '../json-safe.js';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  pageQuerySchema,
  pageSchemaOf,
} from '../pagination.js';
import { defineRoute } from '../route-kit.js';
import { anyObject } from './schemas.js';

const nullableString = z.string().nullable();
/** a page key that sorts higher numbers first */
const newestFirst = (no: number) => String(1_000_000_000 - no).padStart(10, '0');
const versionSchema = z
  .object({
    programmeId: z.string(),
    versionNo: z.number().int(),
    fileVersion: z.string(),
    contentSha256: z.string(),
    loadedAtUs: z.string(),
    proposalId: nullableString,
    proposedBy: nullableString,
    proposedAtUs: nullableString,
    proposalReason: nullableString,
    approvedBy: nullableString,
    approvedAtUs: nullableString,
    approvalReason: nullableString,
  })
  .meta({ id: 'ProgrammeVersion' });
const versionNo = z.coerce.number().int().min(0).max(1_000_000);
const diffEntrySchema = z
  .looseObject({ path: z.string(), change: z.enum(['added', 'removed', 'changed', 'reordered']) })
  .meta({ id: 'ConfigurationDiffEntry' });
const snapshotSchema = z
  .object({
    snapshotId: z.string(),
    source: z.string(),
    version: z.number().int(),
    publishedAt: nullableString,
    contentSha256: z.string(),
    entryCount: z.number().int(),
    importedAtUs: z.string(),
    importedBy: z.string(),
    previousSnapshotId: nullableString,
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
  })
  .meta({ id: 'ListSnapshotSummary' });
const changedEntrySchema = z
  .object({
    entryId: z.string(),
    kind: z.string(),
    primaryName: z.string(),
    otherNames: z.array(z.string()),
    fields: z.array(diffEntrySchema).optional(),
  })
  .meta({ id: 'ChangedListEntry' });

const snapshotView = ({
  delta,
  importedAtUs,
  ...snapshot
}: ListSnapshot): z.output<typeof snapshotSchema> => ({
  ...snapshot,
  importedAtUs: String(importedAtUs),
  added: delta.added.length,
  removed: delta.removed.length,
  changed: delta.changed.length,
});

export function registerHistoryRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  const programmeParams = z.strictObject({ programmeId: z.string().min(1).max(64) });

  defineRoute(server, context, {
    operationId: 'listProgrammeVersions',
    method: 'GET',
    url: '/programmes/:programmeId/versions',
    summary: 'every version of the programme, newest first, with who proposed and who approved it',
    tags: ['configuration'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(versionSchema) },
    // one version per approved change: few enough to read whole, paged newest first
    handler: async (request) =>
      pageOf(
        jsonSafe(await listProgrammeVersions(app.store, request.params.programmeId)) as z.output<
          typeof versionSchema
        >[],
        (version) => newestFirst(version.versionNo),
        request.query.cursor,
        request.query.limit,
      ),
  });

  defineRoute(server, context, {
    operationId: 'getProgrammeVersion',
    method: 'GET',
    url: '/programmes/:programmeId/versions/:versionNo',
    summary: 'one version of the programme: its file as approved',
    tags: ['configuration'],
    params: programmeParams.extend({ versionNo }),
    response: { 200: z.object({ version: versionSchema, programme: anyObject }) },
    handler: async (request) => {
      const { summary, file } = await programmeVersion(
        app.store,
        request.params.programmeId,
        request.params.versionNo,
      );
      return {
        version: jsonSafe(summary) as z.output<typeof versionSchema>,
        programme: file as Record<string, unknown>,
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'diffProgrammeVersions',
    method: 'GET',
    url: '/programmes/:programmeId/version-diff',
    summary:
      'what changed from one version to another (JSON paths, before → after; version 0 is the empty file)',
    tags: ['configuration'],
    params: programmeParams,
    querystring: z.strictObject({ from: versionNo, to: versionNo }),
    response: {
      200: z.object({
        from: z.number().int(),
        to: z.number().int(),
        entries: z.array(diffEntrySchema),
      }),
    },
    handler: async (request) => {
      const { from, to } = request.query;
      const entries = await programmeVersionDiff(app.store, request.params.programmeId, from, to);
      return { from, to, entries: jsonSafe(entries) as z.output<typeof diffEntrySchema>[] };
    },
  });

  defineRoute(server, context, {
    operationId: 'listSnapshotHistory',
    method: 'GET',
    url: '/screening/snapshot-history',
    summary:
      'every snapshot of every list (newest first per list) with its content hash and delta counts',
    tags: ['screening'],
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(snapshotSchema) },
    handler: async (request) =>
      pageOf(
        (await listSnapshotHistory(app.store)).map(snapshotView),
        (snapshot) => `${snapshot.source}/${newestFirst(snapshot.version)}`,
        request.query.cursor,
        request.query.limit,
      ),
  });

  defineRoute(server, context, {
    operationId: 'getSnapshotChanges',
    method: 'GET',
    url: '/screening/snapshots/:source/:version/changes',
    summary:
      'what one snapshot changed against the one before: entries added, removed and changed (with the fields that differ)',
    tags: ['screening'],
    params: z.strictObject({
      source: z.enum(listSources as [ListSource, ...ListSource[]]),
      version: z.coerce.number().int().min(1).max(1_000_000),
    }),
    response: {
      200: z.object({
        snapshot: snapshotSchema,
        counts: z.object({
          added: z.number().int(),
          removed: z.number().int(),
          changed: z.number().int(),
        }),
        added: z.array(changedEntrySchema),
        removed: z.array(changedEntrySchema),
        changed: z.array(changedEntrySchema),
      }),
    },
    handler: async (request) => {
      const changes = await snapshotChanges(
        app.store,
        request.params.source,
        request.params.version,
      );
      type Entries = z.output<typeof changedEntrySchema>[];
      const entries = (list: readonly unknown[]) => jsonSafe(list) as Entries;
      return {
        snapshot: snapshotView(changes.snapshot),
        counts: changes.counts,
        added: entries(changes.added),
        removed: entries(changes.removed),
        changed: entries(changes.changed),
      };
    },
  });

  defineRoute(server, context, {
    operationId: 'listSnapshotChangedEntries',
    method: 'GET',
    url: '/screening/snapshots/:source/:version/changes/:change',
    summary: 'every entry one snapshot added, removed or changed, a page at a time by entry id',
    tags: ['screening'],
    params: z.strictObject({
      source: z.enum(listSources as [ListSource, ...ListSource[]]),
      version: z.coerce.number().int().min(1).max(1_000_000),
      change: z.enum(
        snapshotChangeKinds as unknown as [SnapshotChangeKind, ...SnapshotChangeKind[]],
      ),
    }),
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(changedEntrySchema) },
    handler: async (request) => {
      const { source, version, change } = request.params;
      const afterEntryId = decodeCursor(request.query.cursor);
      const page = await snapshotChangedEntries(app.store, source, version, change, {
        ...(afterEntryId !== undefined ? { afterEntryId } : {}),
        limit: request.query.limit,
      });
      return {
        items: jsonSafe(page.entries) as z.output<typeof changedEntrySchema>[],
        nextCursor: page.lastEntryIdIfMore === null ? null : encodeCursor(page.lastEntryIdIfMore),
      };
    },
  });
}

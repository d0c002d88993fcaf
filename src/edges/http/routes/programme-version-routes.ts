// A programme's versions over HTTP: every version that came into force (each approved four-eyes
// from a configuration proposal), newest first, and one version's file as it was approved.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import type { ApiContext } from '../api-context.js';
import { decodeCursor, encodeCursor, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute } from '../route-kit.js';
import { anyObject, programmeParams } from './schemas.js';

const versionSchema = z.object({
  programmeId: z.string(), versionNo: z.number().int(), fileVersion: z.string(), contentSha256: z.string(), loadedAtUs: z.string(),
  inForce: z.boolean().describe('the version in force now (the latest)'),
}).meta({ id: 'ProgrammeVersion' });

export function registerProgrammeVersionRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listProgrammeVersions', method: 'GET', url: '/programmes/:programmeId/versions', summary: 'every version of the programme that came into force, newest first', tags: ['programmes'],
    params: programmeParams, querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(versionSchema) },
    handler: async (request) => {
      const { versionNo: inForce } = await currentProgramme(app.store, request.params.programmeId);
      const after = decodeCursor(request.query.cursor);
      const before = after === undefined ? Number.MAX_SAFE_INTEGER : Number(after);
      if (!Number.isSafeInteger(before) || before < 1) throw new DomainError('input.invalid_cursor', 'cursor: use the nextCursor of the previous page', { field: 'cursor' });
      // a programme has one version per approved change: few enough to read, page by number
      const older = (await app.store.programmes.listVersions(request.params.programmeId)).filter((record) => record.versionNo < before).sort((a, b) => b.versionNo - a.versionNo);
      const items = older.slice(0, request.query.limit).map((record) => ({
        programmeId: record.programmeId, versionNo: record.versionNo, fileVersion: record.fileVersion, contentSha256: record.contentSha256, loadedAtUs: record.loadedAtUs.toString(), inForce: record.versionNo === inForce,
      }));
      return { items, nextCursor: older.length > items.length && items.length > 0 ? encodeCursor(String(items[items.length - 1]!.versionNo)) : null };
    },
  });

  defineRoute(server, context, {
    operationId: 'getProgrammeVersion', method: 'GET', url: '/programmes/:programmeId/versions/:versionNo', summary: 'one version of the programme: its file as approved, with its hash', tags: ['programmes'],
    params: programmeParams.extend({ versionNo: z.coerce.number().int().min(1).max(1_000_000) }),
    response: { 200: versionSchema.extend({ programme: anyObject }) },
    handler: async (request) => {
      const { versionNo: inForce } = await currentProgramme(app.store, request.params.programmeId);
      const record = (await app.store.programmes.listVersions(request.params.programmeId)).find((entry) => entry.versionNo === request.params.versionNo);
      if (!record) throw new DomainError('programme.version_not_found', `programme ${request.params.programmeId} has no version ${request.params.versionNo}`, { field: 'versionNo' });
      return {
        programmeId: record.programmeId, versionNo: record.versionNo, fileVersion: record.fileVersion, contentSha256: record.contentSha256, loadedAtUs: record.loadedAtUs.toString(), inForce: record.versionNo === inForce,
        programme: JSON.parse(record.fileJson) as Record<string, unknown>,
      };
    },
  });
}

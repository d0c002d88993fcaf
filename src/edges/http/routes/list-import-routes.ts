// Sanctions list import over HTTP, and screening of known parties. An import is a job: the upload
// answers 202 with a job id at once, the files are parsed and stored in the background, and the
// job's progress (parsing → storing → done | failed) is read by id. Jobs are rows of the store
// (list_import_jobs), so any server process answers for them and they survive a restart; a job
// whose process died is marked failed when a server starts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  listFormats,
  loadListPath,
  type ListFormat,
} from '../../../adapters/lists/load-list-path.js';
import { listsPerImportMax } from '../../../app/screening-service/import-list-snapshots.js';
import { runListImportJob } from '../../../app/screening-service/list-import-jobs.js';
import type { ListImportJob } from '../../../app/ports/list-import-job-port.js';
import { leaseFor } from '../../sweep-scheduler.js';
import { screenParties } from '../../../app/screening-service/screen-parties.js';
import type { ActorContext } from '../../../app/kernel/actor-context.js';
import { DomainError } from '../../../core/domain-error.js';
import { parseScreenedParties } from '../../../core/screening-review/screened-party.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { anyObject } from './schemas.js';

/** the files of one list (an OFAC CSV set is four), at most this big each */
export const listFilesMax = 4;
export const listFileBytesMax = 64 * 1024 * 1024;
const jobSchema = z
  .object({
    jobId: z.string(),
    requestedBy: z.string(),
    phase: z.enum(['queued', 'parsing', 'storing', 'done', 'failed']),
    files: z.array(z.string()),
    result: anyObject.optional(),
    error: z.object({ code: z.string(), detail: z.string() }).optional(),
    updatedAtUs: z.string(),
  })
  .meta({ id: 'ListImportJob' });

async function readListUpload(request: FastifyRequest): Promise<{
  format: ListFormat | null;
  reason: string;
  files: { name: string; bytes: Buffer }[];
}> {
  if (!request.isMultipart())
    throw new DomainError(
      'http.unsupported_media_type',
      'this operation takes multipart/form-data',
    );
  const fields: Record<string, string> = {};
  const files: { name: string; bytes: Buffer }[] = [];
  for await (const part of request.parts({
    limits: { files: listFilesMax, fileSize: listFileBytesMax },
  })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file')
        throw new DomainError(
          'input.unknown_field',
          `multipart: list files go in the field "file" (got "${part.fieldname}")`,
          { field: part.fieldname },
        );
      const bytes = await part.toBuffer();
      const name = basename(part.filename || `list-${files.length}`);
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(name))
        throw new DomainError(
          'input.invalid',
          `file name "${name}": letters, digits, ".", "_" and "-" only`,
          { field: 'file' },
        );
      files.push({ name, bytes });
    } else {
      if (!['format', 'reason'].includes(part.fieldname))
        throw new DomainError(
          'input.unknown_field',
          `multipart: unknown field "${part.fieldname}"; known: file, format, reason`,
          { field: part.fieldname },
        );
      fields[part.fieldname] = String(part.value);
    }
  }
  if (files.length === 0)
    throw new DomainError('input.invalid', 'multipart: no list file in the field "file"', {
      field: 'file',
    });
  const format = fields.format ?? null;
  if (format !== null && !(listFormats as readonly string[]).includes(format))
    throw new DomainError('input.invalid', `format: one of ${listFormats.join(', ')}`, {
      field: 'format',
    });
  return { format: format as ListFormat | null, reason: fields.reason ?? 'list refresh', files };
}

/** The job as the API shows it (the same shape whichever process ran it). */
function jobBody(job: ListImportJob) {
  return {
    jobId: job.jobId,
    requestedBy: job.requestedBy,
    phase: job.phase,
    files: [...job.files],
    ...(job.result !== null ? { result: { ...job.result } } : {}),
    ...(job.error !== null ? { error: { ...job.error } } : {}),
    updatedAtUs: job.updatedAtUs.toString(),
  };
}

export function registerListImportRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  const deps = {
    store: app.store,
    cache: app.screeningIndexCache,
    lease: leaseFor(app),
    clock: app.clock,
  };

  /** Resolves with the job once it is stored (queued); the import carries on in the background. */
  const start = (
    jobId: string,
    upload: Awaited<ReturnType<typeof readListUpload>>,
    actor: ActorContext,
  ) =>
    new Promise<ListImportJob>((resolve, reject) => {
      const dir = mkdtempSync(join(tmpdir(), 'qanat-list-'));
      for (const file of upload.files) writeFileSync(join(dir, file.name), file.bytes);
      const target = upload.files.length === 1 ? join(dir, upload.files[0]!.name) : dir;
      // every file is parsed before anything is written: one bad file, nothing imported
      const load = async () => {
        const loaded = await loadListPath(upload.format ? `${upload.format}:${target}` : target);
        if (loaded.length > listsPerImportMax)
          throw new DomainError(
            'screening.too_many_lists',
            `at most ${listsPerImportMax} lists per import`,
          );
        return loaded;
      };
      const spec = {
        jobId,
        origin: 'upload',
        requestedBy: actor.actor,
        reason: actor.reason,
        files: upload.files.map((file) => file.name),
        filesSha256: null,
      } as const;
      runListImportJob(deps, spec, load, resolve)
        .then(
          (run) => {
            if (run.job.phase === 'failed' && run.job.error?.code === 'internal')
              server.log.error({ jobId, detail: run.job.error.detail }, 'list import failed');
            resolve(run.job);
          },
          (error: unknown) => {
            server.log.error({ err: error, jobId }, 'list import failed');
            reject(error);
          },
        )
        .finally(() => rmSync(dir, { recursive: true, force: true }));
    });

  defineRoute(server, context, {
    operationId: 'importLists',
    method: 'POST',
    url: '/screening/list-imports',
    summary:
      'upload one sanctions list (multipart: file, repeated for an OFAC CSV set; format?; reason?); imported in the background as a job',
    tags: ['screening'],
    multipart: true,
    idempotent: true,
    body: z.object({
      file: z.string().describe('the list file(s)'),
      format: z.enum(listFormats as [ListFormat, ...ListFormat[]]).optional(),
      reason: z.string().optional(),
    }),
    response: { 202: jobSchema },
    handler: async (request, reply) => {
      const upload = await readListUpload(request);
      const fingerprint = {
        format: upload.format,
        reason: upload.reason,
        files: upload.files.map((file) => ({
          name: file.name,
          bytes: file.bytes.toString('base64'),
        })),
      };
      return idempotent(context, request, reply, fingerprint, async () => {
        const job = await start(
          `li-${randomUUID()}`,
          upload,
          actingAs(context, request, upload.reason),
        );
        return { status: 202, body: jobBody(job) };
      });
    },
  });

  defineRoute(server, context, {
    operationId: 'getListImport',
    method: 'GET',
    url: '/screening/list-imports/:jobId',
    summary:
      'the progress of a list import: queued, parsing, storing, done (with the snapshots and the rescreen) or failed',
    tags: ['screening'],
    params: z.strictObject({ jobId: z.string().min(1).max(64) }),
    response: { 200: jobSchema },
    handler: async (request) => {
      const job = await app.store.listImportJobs.get(request.params.jobId);
      if (!job)
        throw new DomainError('list_import.not_found', `no list import "${request.params.jobId}"`, {
          field: 'jobId',
        });
      return jobBody(job);
    },
  });

  defineRoute(server, context, {
    operationId: 'screenParties',
    method: 'POST',
    url: '/screening/parties',
    summary:
      'register parties (with their beneficial owners) and screen them against the current lists; hits join the review queue',
    tags: ['screening'],
    idempotent: true,
    body: z.strictObject({
      parties: z
        .array(z.record(z.string(), z.unknown()))
        .min(1)
        .max(1_000)
        .describe(
          '{partyId, kind, names:[{text}], birthDate?, nationality?, identifiers?, beneficialOwners?}',
        ),
      reason: reasonSchema,
    }),
    response: {
      200: z.object({
        requestId: z.string(),
        snapshotIds: z.array(z.string()),
        parties: z.array(
          z.object({ partyId: z.string(), verdict: z.string(), activeHits: z.array(anyObject) }),
        ),
      }),
    },
    handler: async (request, reply) =>
      idempotent(context, request, reply, request.body, async () => {
        const parties = parseScreenedParties(request.body.parties);
        const result = await screenParties(
          app.store,
          app.screeningIndexCache,
          parties,
          actingAs(context, request, request.body.reason),
        );
        return {
          status: 200,
          body: {
            requestId: result.requestId,
            snapshotIds: [...result.snapshotIds],
            parties: jsonSafe(result.parties) as never,
          },
        };
      }),
  });
}

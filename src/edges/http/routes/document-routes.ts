// Supporting documents by content: download by SHA-256, and the hash of a file (is it stored?).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { blobBytesMax } from '../../../app/ports/programme-ports.js';
import type { ApiContext } from '../api-context.js';
import { readMultipartForm } from '../multipart-form.js';
import { defineRoute } from '../route-kit.js';

const sha256Params = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits'),
});

export function registerDocumentRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  defineRoute(server, context, {
    operationId: 'downloadDocument',
    method: 'GET',
    url: '/documents/:sha256',
    summary: 'the bytes of a stored document',
    tags: ['documents'],
    params: sha256Params,
    response: { 200: z.string().describe('the document (application/octet-stream)') },
    handler: async (request, reply) => {
      const bytes = await app.store.blobs.get(request.params.sha256);
      if (bytes === undefined)
        throw new DomainError('document.not_found', `no document sha256:${request.params.sha256}`, {
          field: 'sha256',
        });
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${request.params.sha256}"`)
        .send(Buffer.from(bytes));
    },
  });

  defineRoute(server, context, {
    operationId: 'hashDocument',
    method: 'POST',
    url: '/documents/hash',
    summary:
      'the SHA-256 of a file (multipart field "file") and whether it is stored; stores nothing',
    tags: ['documents'],
    multipart: true,
    body: z.object({ file: z.string().describe('the file') }),
    response: {
      200: z.object({ sha256: z.string(), bytes: z.number().int(), stored: z.boolean() }),
    },
    handler: async (request) => {
      const form = await readMultipartForm(request, [], blobBytesMax);
      const sha256 = createHash('sha256').update(form.file.bytes).digest('hex');
      return {
        sha256,
        bytes: form.file.bytes.byteLength,
        stored: await app.store.blobs.has(sha256),
      };
    },
  });
}

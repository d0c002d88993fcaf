// The two disbursement steps the first routes left out: resume the screening of a submitted
// disbursement, and record a return by the beneficiary's bank after execution (treasury).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { screenDisbursement } from '../../../app/disbursement/submit-disbursement.js';
import { bankReferenceLengthMax, returnDisbursement } from '../../../app/disbursement/return-disbursement.js';
import { loadDisbursement } from '../../../app/disbursement/workflow-step.js';
import type { DisbursementRecord } from '../../../app/ports/programme-ports.js';
import type { ActorContext } from '../../../app/kernel/actor-context.js';
import { actingAs, type ApiContext } from '../api-context.js';
import { assertProgrammeAccess } from '../auth/access-hook.js';
import { idempotent } from '../idempotency.js';
import { jsonSafe } from '../json-safe.js';
import { defineRoute, reasonSchema } from '../route-kit.js';
import { disbursementParams, disbursementSchema } from './schemas.js';

export function registerDisbursementStepRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  const step = <B extends z.ZodRawShape>(operationId: string, path: string, summary: string, extra: B, run: (c: ActorContext, id: string, body: z.output<z.ZodObject<B>>) => Promise<DisbursementRecord>) => {
    defineRoute(server, context, {
      operationId, method: 'POST', url: `/disbursements/:disbursementId/${path}`, summary, tags: ['disbursements'],
      params: disbursementParams, idempotent: true,
      body: z.strictObject({ reason: reasonSchema, ...extra }),
      response: { 200: z.object({ disbursement: disbursementSchema }) },
      handler: async (request, reply) => {
        const found = await loadDisbursement(app.store, request.params.disbursementId);
        await assertProgrammeAccess(context, request, found.programmeId);
        const body = request.body as { reason: string } & z.output<z.ZodObject<B>>;
        return idempotent(context, request, reply, body, async () => ({
          status: 200,
          body: { disbursement: jsonSafe(await run(actingAs(context, request, body.reason), found.disbursementId, body)) as z.output<typeof disbursementSchema> },
        }));
      },
    });
  };
  step('resumeScreening', 'screen', 'resume the screening of a submitted disbursement (after the lists could not be reached)', {}, (c, id) => screenDisbursement(app.store, id, c, app.screening));
  const reference = z.string().min(1).max(bankReferenceLengthMax);
  step('recordReturn', 'return', "record a return after execution by the beneficiary's bank: money back to the escrow, the claim owed again", { bankReference: reference, reasonCode: z.string().regex(/^[A-Z0-9]{4}$/, 'an ISO 20022 return reason code, e.g. AC04') }, (c, id, body) => returnDisbursement(app.store, id, { bankReference: body.bankReference, reasonCode: body.reasonCode }, c));
}

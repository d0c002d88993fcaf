// Read models for the web app's pages (src/app/workspace): the programme dashboard, the caller's
// work queues and one disbursement's workspace with the actions the caller may take.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadDisbursement } from '../../../app/disbursement/workflow-step.js';
import { disbursementWorkspace } from '../../../app/workspace/disbursement-workspace.js';
import { programmeDashboard } from '../../../app/workspace/programme-dashboard.js';
import { workQueues } from '../../../app/workspace/work-queues.js';
import { hitReview } from '../../../app/workspace/hit-review.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { principalOf, storeVersionOf, type ApiContext } from '../api-context.js';
import { dateOfInstantUs } from '../../../core/programme/day-boundary.js';
import { assertProgrammeAccess } from '../auth/access-hook.js';
import { jsonSafe } from '../json-safe.js';
import { defineRoute } from '../route-kit.js';
import {
  disbursementParams,
  disbursementSchema,
  documentAttachmentSchema,
  minorUnits,
  programmeParams,
} from './schemas.js';

const money = z.record(z.string(), minorUnits);
const actionOptionSchema = z
  .object({
    action: z.enum([
      'submit',
      'clear',
      'approve',
      'non-objection',
      'override',
      'reserve',
      'instruct',
      'execute',
      'reject',
      'cancel',
    ]),
    allowed: z.boolean(),
    refusal: z.object({ code: z.string(), message: z.string() }).optional(),
    findingKeys: z.array(z.string()).optional(),
  })
  .meta({ id: 'ActionOption' });
const partyNameSchema = z.object({
  text: z.string(),
  script: z.string(),
  language: z.string(),
  kind: z.string(),
});

const dashboardSchema = z
  .object({
    programmeId: z.string(),
    programmeName: z.string(),
    currency: z.string(),
    today: z.string(),
    closing: z.looseObject({
      escrowBalanceMinor: minorUnits,
      availableMinor: minorUnits,
      reservedMinor: minorUnits,
      owedMinor: minorUnits,
      arrearsMinor: minorUnits,
      arrearsNotCoveredByEscrowMinor: minorUnits,
      disbursedMinor: minorUnits,
      depositedMinor: minorUnits,
    }),
    owedByCreditor: z.array(z.object({ partyId: z.string(), outstandingMinor: minorUnits })),
    disbursedThisMonthByChannelMinor: money,
    channels: z.array(
      z.object({
        channelId: z.string(),
        name: z.string(),
        covered: z.boolean(),
        waiverId: z.string().optional(),
        lastDayInForce: z.string().optional(),
        daysRemaining: z.number().int().optional(),
        urgency: z.string(),
      }),
    ),
    warningDays: z.array(z.number().int()),
    waivers: z.array(
      z.object({
        waiverId: z.string(),
        validFrom: z.string(),
        lastDayInForce: z.string(),
        channelIds: z.array(z.string()),
      }),
    ),
    months: z.array(
      z.object({
        month: z.string(),
        escrowBalanceMinor: minorUnits,
        arrearsMinor: minorUnits,
        arrearsNotCoveredByEscrowMinor: minorUnits,
        disbursedByChannelMinor: money,
      }),
    ),
  })
  .meta({ id: 'ProgrammeDashboard' });

const queuedSchema = z.object({
  disbursementId: z.string(),
  programmeId: z.string(),
  status: z.string(),
  payeePartyId: z.string(),
  amountMinor: minorUnits,
  currency: z.string(),
  actions: z.array(actionOptionSchema.shape.action),
});
const workQueuesSchema = z
  .object({
    disbursements: z.object({
      to_submit: z.array(queuedSchema),
      to_screen: z.array(queuedSchema),
      to_approve: z.array(queuedSchema),
      to_reserve: z.array(queuedSchema),
      to_instruct: z.array(queuedSchema),
      to_reconcile: z.array(queuedSchema),
    }),
    hitsToReview: z.array(z.object({ hitId: z.string(), partyId: z.string(), score: z.number() })),
    configurationProposals: z.array(
      z.object({
        proposalId: z.string(),
        programmeId: z.string(),
        kind: z.string(),
        subjectId: z.string(),
        proposedBy: z.string(),
        reason: z.string(),
        stale: z.boolean(),
        changes: z.array(
          z.object({
            change: z.string(),
            path: z.string(),
            before: z.string().optional(),
            after: z.string().optional(),
          }),
        ),
      }),
    ),
    counts: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'WorkQueues' });

const workspaceSchema = z
  .object({
    disbursement: disbursementSchema,
    payeeNames: z.array(partyNameSchema),
    channelName: z.string(),
    findings: z.array(
      z.looseObject({
        code: z.string(),
        severity: z.string(),
        field: z.string(),
        message: z.string(),
      }),
    ),
    documents: z.array(documentAttachmentSchema),
    hits: z.array(
      z.looseObject({
        hitId: z.string(),
        partyId: z.string(),
        status: z.string(),
        score: z.number(),
      }),
    ),
    auditTrail: z.array(
      z.object({
        seq: z.string(),
        kind: z.string(),
        atUs: z.string(),
        actor: z.string(),
        reason: z.string(),
        from: z.string().optional(),
        to: z.string().optional(),
      }),
    ),
    actions: z.array(actionOptionSchema),
    coveringWaiverId: z.string().nullable(),
    timeZone: z.string(),
  })
  .meta({ id: 'DisbursementWorkspace' });

const hitReviewSchema = z
  .object({
    hit: z.looseObject({
      hitId: z.string(),
      partyId: z.string(),
      status: z.string(),
      score: z.number(),
      queryName: z.string(),
      matchedName: z.string(),
      source: z.string(),
      entryId: z.string(),
      requestedBy: z.string(),
      explanation: z.looseObject({ text: z.string() }),
    }),
    entry: z
      .looseObject({
        entryId: z.string(),
        kind: z.string(),
        names: z.array(z.looseObject({ text: z.string() })),
        birthDates: z.array(z.string()),
        nationalities: z.array(z.string()),
        programmes: z.array(z.string()),
        remarks: z.string().optional(),
      })
      .optional(),
    earlierDecisions: z.array(
      z.object({
        decisionId: z.string(),
        hitId: z.string(),
        partyId: z.string(),
        source: z.string(),
        entryId: z.string(),
        entryContentSha256: z.string(),
        decision: z.string(),
        reason: z.string(),
        decidedBy: z.string(),
        decidedAtUs: z.string(),
      }),
    ),
  })
  .meta({ id: 'HitReview' });

export function registerWorkspaceRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  defineRoute(server, context, {
    operationId: 'getProgrammeDashboard',
    method: 'GET',
    url: '/programmes/:programmeId/dashboard',
    summary:
      'escrow, available, reserved, owed per creditor, arrears, this month by channel, waivers with days left, monthly series',
    tags: ['workspace'],
    params: programmeParams,
    response: { 200: dashboardSchema },
    // the figures change with the store and with the day (in the programme's zone), nothing else
    cacheKey: async (request) => {
      const { programmeId } = request.params;
      const { programme } = await context.readCache.value(
        `programme:${programmeId}`,
        storeVersionOf(request),
        () => currentProgramme(app.store, programmeId),
      );
      return `${programmeId}:${dateOfInstantUs(app.clock.nowUs(), programme.timeZone)}`;
    },
    handler: async (request) =>
      jsonSafe(await programmeDashboard(app.store, request.params.programmeId, app.clock.nowUs())),
  });

  defineRoute(server, context, {
    operationId: 'getWorkQueues',
    method: 'GET',
    url: '/work-queues',
    summary:
      "what waits for the caller: per queue, exactly what the caller's roles and duties allow",
    tags: ['workspace'],
    response: { 200: workQueuesSchema },
    handler: async (request) =>
      jsonSafe(
        await workQueues(app.store, principalOf(request).userId, app.clock.nowUs()),
      ) as z.output<typeof workQueuesSchema>,
  });

  defineRoute(server, context, {
    operationId: 'getDisbursementWorkspace',
    method: 'GET',
    url: '/disbursements/:disbursementId/workspace',
    summary:
      'one disbursement with its rules checked, documents, hits, audit trail and the actions the caller may take',
    tags: ['workspace'],
    params: disbursementParams,
    response: { 200: workspaceSchema },
    handler: async (request) => {
      const record = await loadDisbursement(app.store, request.params.disbursementId);
      await assertProgrammeAccess(context, request, record.programmeId);
      return jsonSafe(
        await disbursementWorkspace(
          app.store,
          record,
          principalOf(request).userId,
          app.clock.nowUs(),
        ),
      ) as z.output<typeof workspaceSchema>;
    },
  });

  defineRoute(server, context, {
    operationId: 'getHitReview',
    method: 'GET',
    url: '/screening/hits/:hitId/review',
    summary:
      'one hit with its listed entry (names, dates of birth, nationalities, programmes, remarks) and the earlier decisions on its party',
    tags: ['workspace'],
    params: z.strictObject({ hitId: z.string().min(1).max(128) }),
    response: { 200: hitReviewSchema },
    handler: async (request) =>
      jsonSafe(await hitReview(app.store, request.params.hitId)) as z.output<
        typeof hitReviewSchema
      >,
  });
}

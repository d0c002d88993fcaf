// The parties pages: one party with its screening standing, and the standing of every party
// (owners and beneficiary banks included) for the list. Reads only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import {
  partyScreening,
  screeningStatuses,
} from '../../../app/screening-service/party-screening-status.js';
import type { ApiContext } from '../api-context.js';
import { jsonSafe } from '../json-safe.js';
import { pageOf, pageQuerySchema, pageSchemaOf } from '../pagination.js';
import { defineRoute } from '../route-kit.js';
import { anyObject, programmeParams } from './schemas.js';

const subjectSchema = z.object({
  role: z.enum(['payee', 'beneficial-owner', 'beneficiary-bank']),
  screenedPartyId: z.string(),
  names: z.array(z.looseObject({ text: z.string() })),
  status: z.enum(screeningStatuses),
  screenedAtUs: z.string().nullable(),
  hitIds: z.array(z.string()),
});
const partyScreeningSchema = z
  .object({
    partyId: z.string(),
    status: z.enum(screeningStatuses),
    subjects: z.array(subjectSchema),
  })
  .meta({ id: 'PartyScreening' });

export function registerPartyRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'listPartyScreening',
    method: 'GET',
    url: '/programmes/:programmeId/party-screening',
    summary: 'where each party, its beneficial owners and its banks stand with screening',
    tags: ['programmes'],
    params: programmeParams,
    querystring: pageQuerySchema,
    response: { 200: pageSchemaOf(partyScreeningSchema) },
    handler: async (request) => {
      const { programme } = await currentProgramme(app.store, request.params.programmeId);
      const page = pageOf(
        programme.parties,
        (party) => party.partyId,
        request.query.cursor,
        request.query.limit,
      );
      const items = jsonSafe(await partyScreening(app.store, programme, page.items)) as z.output<
        typeof partyScreeningSchema
      >[];
      return { items, nextCursor: page.nextCursor };
    },
  });

  defineRoute(server, context, {
    operationId: 'getParty',
    method: 'GET',
    url: '/programmes/:programmeId/parties/:partyId',
    summary:
      'one party: names, kind, accounts, beneficial owners, and where each stands with screening',
    tags: ['programmes'],
    params: programmeParams.extend({ partyId: z.string().min(1).max(64) }),
    response: { 200: z.object({ party: anyObject, screening: partyScreeningSchema }) },
    handler: async (request) => {
      const { programme } = await currentProgramme(app.store, request.params.programmeId);
      const party = programme.parties.find(
        (candidate) => candidate.partyId === request.params.partyId,
      );
      if (!party)
        throw new DomainError(
          'party.not_found',
          `no party "${request.params.partyId}" in ${programme.programmeId}`,
          { field: 'partyId' },
        );
      const [screening] = await partyScreening(app.store, programme, [party]);
      return {
        party: jsonSafe(party) as Record<string, unknown>,
        screening: jsonSafe(screening) as z.output<typeof partyScreeningSchema>,
      };
    },
  });
}

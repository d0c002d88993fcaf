// The forecast over HTTP: month by month arrears per creditor, escrow and disbursements, under
// the assumptions the caller gives (docs/forecast.md). Read-only; "today" is the server's clock in
// the programme's time zone.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../core/domain-error.js';
import { parseAmountMinor } from '../../../core/money/amount.js';
import { dateOfInstantUs } from '../../../core/programme/day-boundary.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { programmeForecast } from '../../../app/reporting/programme-forecast.js';
import type { ApiContext } from '../api-context.js';
import { jsonSafe } from '../json-safe.js';
import { defineRoute } from '../route-kit.js';
import { isoDate, minorUnits, programmeParams } from './schemas.js';

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const yearMonth = z.string().regex(/^\d{4}-\d{2}$/, 'a month YYYY-MM');
const minorByChannel = z.record(z.string(), minorUnits);

// The answer's shape, so the web app's types are generated from it rather than restated there.
const forecastAnswerSchema = z
  .object({
    programmeId: z.string(),
    currency: z.string(),
    today: isoDate,
    assumptions: z.object({
      depositRateBp: z.number().int(),
      depositLagMonths: z.number().int(),
      paceMinorByChannel: minorByChannel,
      renewal: z.object({ lengthDays: z.number().int(), gapDays: z.number().int() }).nullable(),
      notes: z.array(z.string()),
    }),
    forecast: z.object({
      months: z.array(
        z.object({
          month: yearMonth,
          depositedMinor: minorUnits,
          disbursedByChannelMinor: minorByChannel,
          disbursedMinor: minorUnits,
          escrowMinor: minorUnits,
          creditors: z.array(
            z.object({
              creditorPartyId: z.string(),
              invoicedMinor: minorUnits,
              settledMinor: minorUnits,
              arrearsMinor: minorUnits,
              overCutOff: z.boolean(),
            }),
          ),
        }),
      ),
      firstCutOffMonth: z.record(z.string(), yearMonth.nullable()),
    }),
  })
  .meta({ id: 'Forecast' });

/** "medicines=2500000,food=100" → minor units per channel, in the settlement currency */
export function parsePace(text: string | undefined, currency: string): Record<string, bigint> {
  const pace: Record<string, bigint> = {};
  for (const entry of text ? text.split(',') : []) {
    const [channelId, amount, extra] = entry.split('=');
    // a malformed query is bad input (400), not a rule refusing a well-formed one
    if (!channelId || amount === undefined || extra !== undefined)
      throw new DomainError(
        'input.invalid',
        `pace "${entry}": write channel=amount, e.g. medicines=2500000`,
        { field: 'pace' },
      );
    try {
      pace[channelId] = parseAmountMinor(amount, currency, { field: `pace.${channelId}` });
    } catch (error) {
      throw new DomainError(
        'input.invalid',
        `pace ${channelId}: ${error instanceof Error ? error.message : String(error)}`,
        { field: `pace.${channelId}` },
      );
    }
  }
  return pace;
}

export function registerForecastRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;

  defineRoute(server, context, {
    operationId: 'getForecast',
    method: 'GET',
    url: '/programmes/:programmeId/forecast',
    summary:
      'month by month arrears per creditor, escrow and disbursements, and the first month a creditor passes its supply cut-off',
    tags: ['statements'],
    params: programmeParams,
    querystring: z.strictObject({
      months: whole(1, 120).default(12),
      depositRateBp: whole(0, 10_000)
        .optional()
        .describe('share of each invoice deposited, in basis points; default: fitted to history'),
      depositLagMonths: whole(0, 24).default(1),
      pace: z
        .string()
        .max(2_000)
        .optional()
        .describe('channel=amount,… disbursed per month in a fully covered month'),
      renewalDays: whole(1, 366)
        .optional()
        .describe('assume the last waiver is renewed for this many days at a time'),
      renewalGapDays: whole(0, 366).default(0),
    }),
    response: { 200: forecastAnswerSchema },
    handler: async (request) => {
      const { programme } = await currentProgramme(app.store, request.params.programmeId);
      const query = request.query;
      const result = await programmeForecast(
        app.store,
        programme.programmeId,
        dateOfInstantUs(app.clock.nowUs(), programme.timeZone),
        {
          months: query.months,
          ...(query.depositRateBp !== undefined ? { depositRateBp: query.depositRateBp } : {}),
          depositLagMonths: query.depositLagMonths,
          paceMinorByChannel: parsePace(query.pace, programme.settlementCurrency),
          ...(query.renewalDays !== undefined
            ? { renewal: { lengthDays: query.renewalDays, gapDays: query.renewalGapDays } }
            : {}),
        },
      );
      return jsonSafe(result) as z.input<typeof forecastAnswerSchema>;
    },
  });
}

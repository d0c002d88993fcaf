// `qanat forecast`: a client of GET /programmes/:id/forecast as the logged-in user; the options are
// checked here first so a typo is a usage error before any request.
import type { Command } from 'commander';
import { DomainError } from '../../../core/domain-error.js';
import { formatAmountMinor } from '../../../core/money/amount.js';
import type { Programme } from '../../../core/programme/programme.js';
import type { ProgrammeForecast } from '../../../app/reporting/programme-forecast.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf, reviveMinorAndInstants } from '../api-client/api-helpers.js';
import { print, printJson } from '../with-app.js';

/** "0.6", "60%" or "60.5%" → basis points. */
export function parseDepositRateBp(text: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?(%?)$/.exec(text.trim());
  const asFraction = /^(0|1)(?:\.(\d{1,4}))?$/.exec(text.trim());
  let bp: number | undefined;
  if (match && match[3] === '%')
    bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  else if (asFraction)
    bp = Number(asFraction[1]) * 10_000 + Number((asFraction[2] ?? '').padEnd(4, '0'));
  if (bp === undefined || bp > 10_000)
    throw new DomainError(
      'forecast.deposit_rate_invalid',
      `--deposit-rate "${text}": a share from 0 to 1 (0.6) or a percentage (60%)`,
      { field: 'depositRate' },
    );
  return bp;
}

function integerOption(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new DomainError(
      'forecast.option_invalid',
      `${name} must be a whole number ${min}–${max}`,
      { field: name },
    );
  return value;
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description(
      'month by month: arrears per creditor, escrow and disbursements, and the first month a creditor passes its supply cut-off (docs/forecast.md)',
    )
    .option('--programme <id>')
    .option('--months <n>', 'how many months, from the current one', '12')
    .option(
      '--deposit-rate <share>',
      'share of each invoice deposited: 0.6 or 60% (default: fitted to history)',
    )
    .option('--deposit-lag <months>', 'deposits follow invoices by this many months', '1')
    .option(
      '--pace <channel=amount...>',
      'disbursed per month in a fully covered month (default: last 12 months / 12)',
    )
    .option('--renewal-days <n>', 'assume the last waiver is renewed for n days at a time')
    .option('--renewal-gap-days <n>', 'days without cover before each assumed renewal', '0')
    .option('--json')
    .action(
      async (options: {
        programme?: string;
        months: string;
        depositRate?: string;
        depositLag: string;
        pace?: string[];
        renewalDays?: string;
        renewalGapDays: string;
        json?: boolean;
      }) => {
        const months = integerOption(options.months, '--months', 1, 120)!;
        const depositRateBp =
          options.depositRate === undefined ? undefined : parseDepositRateBp(options.depositRate);
        const depositLagMonths = integerOption(options.depositLag, '--deposit-lag', 0, 24)!;
        for (const entry of options.pace ?? []) {
          if (!/^[^=,]+=[^=,]+$/.test(entry))
            throw new DomainError(
              'forecast.pace_invalid',
              `--pace "${entry}": write channel=amount, e.g. medicines=2500000`,
              { field: 'pace' },
            );
        }
        const renewalDays = integerOption(options.renewalDays, '--renewal-days', 1, 366);
        const renewalGapDays = integerOption(options.renewalGapDays, '--renewal-gap-days', 0, 366)!;
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const path = `/programmes/${encodeURIComponent(programmeId)}`;
        const answer = await api.get(`${path}/forecast`, {
          months,
          depositRateBp,
          depositLagMonths,
          renewalDays,
          ...(renewalDays !== undefined ? { renewalGapDays } : {}),
          ...(options.pace && options.pace.length > 0 ? { pace: options.pace.join(',') } : {}),
        });
        if (options.json) return printJson(answer);
        const result = reviveMinorAndInstants<ProgrammeForecast>(answer);
        const { programme } = await api.get<{ programme: Pick<Programme, 'supplyCutOffs'> }>(path);
        const currency = result.currency;
        const money = (amount: bigint) => formatAmountMinor(amount, currency).padStart(18);
        const { assumptions } = result;
        print(
          `Forecast for ${result.programmeId} from ${result.today} (${currency}); deposit rate ${(assumptions.depositRateBp / 100).toFixed(2)}% lagging ${assumptions.depositLagMonths} month(s)`,
        );
        print(
          `pace per month: ${Object.entries(assumptions.paceMinorByChannel)
            .map(([channelId, pace]) => `${channelId} ${formatAmountMinor(pace, currency)}`)
            .join(', ')}`,
        );
        if (assumptions.renewal)
          print(
            `waivers assumed renewed for ${assumptions.renewal.lengthDays} days after ${assumptions.renewal.gapDays} day(s) without cover`,
          );
        for (const note of assumptions.notes) print(`note: ${note}`);
        const creditorIds =
          result.forecast.months[0]?.creditors.map((creditor) => creditor.creditorPartyId) ?? [];
        print(
          `${'month'.padEnd(8)}${'deposited'.padStart(18)}${'disbursed'.padStart(18)}${'escrow'.padStart(18)}${creditorIds.map((id) => `arrears ${id}`.padStart(26)).join('')}`,
        );
        for (const month of result.forecast.months) {
          print(
            `${month.month.padEnd(8)}${money(month.depositedMinor)}${money(month.disbursedMinor)}${money(month.escrowMinor)}${month.creditors.map((creditor) => `${money(creditor.arrearsMinor)}${creditor.overCutOff ? ' CUT' : '    '}`.padStart(26)).join('')}`,
          );
        }
        for (const [creditorId, month] of Object.entries(result.forecast.firstCutOffMonth)) {
          print(
            month
              ? `${creditorId}: arrears pass its supply cut-off in ${month}`
              : `${creditorId}: stays under its supply cut-off over these months${programme.supplyCutOffs.some((entry) => entry.creditorPartyId === creditorId) ? '' : ' (no threshold set)'}`,
          );
        }
      },
    );
}

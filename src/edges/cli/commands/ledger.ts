// `qanat ledger …`: read-only clients of the API's ledger routes as the logged-in user.
import type { Command } from 'commander';
import { formatAmountMinor } from '../../../core/money/amount.js';
import type { BalanceView } from '../../../app/ledger-service/balances.js';
import type { Account } from '../../../core/ledger/account.js';
import type { Transfer } from '../../../core/ledger/transfer.js';
import { formatInstant, parseInstant } from '../../../core/time/instant.js';
import { print, printJson } from '../with-app.js';
import { DomainError } from '../../../core/domain-error.js';
import { connect } from '../api-client/api-client.js';
import { reviveMinorAndInstants } from '../api-client/api-helpers.js';
import { exitCodes } from '../api-client/cli-failure.js';

const accountPath = (accountId: string) => `/ledger/accounts/${encodeURIComponent(accountId)}`;

export function registerLedgerCommands(program: Command): void {
  const ledger = program
    .command('ledger')
    .description(
      'accounts, transfers and balances (read-only: money moves only through the workflows, never by a raw ledger write)',
    );

  ledger
    .command('accounts')
    .description('list accounts with their balances (through the API)')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const answer = await connect().all('/ledger/accounts');
      if (options.json) return printJson(answer);
      for (const a of reviveMinorAndInstants<Account[]>(answer)) {
        const net = a.creditsPostedMinor - a.debitsPostedMinor;
        print(
          `${a.id.padEnd(36)} ${a.currency} ${formatAmountMinor(net, a.currency).padStart(22)}  pending out ${formatAmountMinor(a.debitsPendingMinor, a.currency)}`,
        );
      }
    });

  ledger
    .command('balance')
    .description("an account's balances now or at a past instant (through the API)")
    .argument('<account>')
    .option('--at <instant>', 'ISO 8601, e.g. 2026-07-01T00:00:00Z')
    .option('--json')
    .action(async (accountId: string, options: { at?: string; json?: boolean }) => {
      const atUs = options.at === undefined ? undefined : parseInstant(options.at, '--at');
      const answer = await connect().get(`${accountPath(accountId)}/balance`, { at: options.at });
      if (options.json) return printJson(answer);
      const view = reviveMinorAndInstants<BalanceView>(answer);
      const f = (minor: bigint) => `${formatAmountMinor(minor, view.currency)} ${view.currency}`;
      print(`${accountId}${atUs === undefined ? '' : ` at ${formatInstant(atUs)}`}`);
      print(`  credits posted   ${f(view.creditsPostedMinor)}`);
      print(`  debits posted    ${f(view.debitsPostedMinor)}`);
      print(`  debits pending   ${f(view.debitsPendingMinor)}`);
      print(`  credits pending  ${f(view.creditsPendingMinor)}`);
      print(`  available        ${f(view.availableCreditMinor)}`);
    });

  ledger
    .command('history')
    .description("an account's transfers in time order, paged (through the API)")
    .argument('<account>')
    .option('--after <cursor>', 'cursor printed by the previous page')
    .option('--limit <n>', 'page size (at most 200)', '50')
    .option('--json')
    .action(
      async (accountId: string, options: { after?: string; limit: string; json?: boolean }) => {
        if (options.after !== undefined && !/^[A-Za-z0-9_-]{1,400}$/.test(options.after))
          throw new DomainError(
            'input.invalid_cursor',
            '--after: expected the cursor printed by the previous page',
          );
        const page = await connect().get<{ items: unknown[]; nextCursor: string | null }>(
          `${accountPath(accountId)}/history`,
          { limit: options.limit, cursor: options.after },
        );
        if (options.json) return printJson(page);
        for (const t of reviveMinorAndInstants<Transfer[]>(page.items)) {
          const direction =
            t.debitAccountId === accountId ? `→ ${t.creditAccountId}` : `← ${t.debitAccountId}`;
          print(
            `${formatInstant(t.timestampUs)}  ${t.kind.padEnd(14)} ${formatAmountMinor(t.amountMinor, t.currency).padStart(18)} ${t.currency} ${direction}  ${t.id}`,
          );
        }
        if (page.nextCursor !== null) print(`next page: --after ${page.nextCursor}`);
      },
    );

  ledger
    .command('expire')
    .description(
      'release reservations whose expiry has passed (through the API: treasury or administrator)',
    )
    .option('--reason <text>', 'why', 'reservation expired')
    .option('--json')
    .action(async (options: { reason: string; json?: boolean }) => {
      const sweep = await connect().post<{
        expired: unknown[];
        skipped: { pendingId: string; code: string; message: string }[];
      }>('/sweeps/reservations', { reason: options.reason });
      if (options.json) return printJson(sweep);
      print(`${sweep.expired.length} reservation(s) released`);
      for (const skipped of sweep.skipped)
        print(`skipped ${skipped.pendingId}: ${skipped.code}: ${skipped.message}`);
      if (sweep.skipped.length > 0) process.exitCode = exitCodes.refused;
    });
}

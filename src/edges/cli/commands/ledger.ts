import type { Command } from 'commander';
import { formatAmountMinor } from '../../../core/money/amount.js';
import { getBalances, getHistory } from '../../../app/ledger-service/balances.js';
import { formatInstant, parseInstant } from '../../../core/time/instant.js';
import { print, printJson, withApp } from '../with-app.js';
import { DomainError } from '../../../core/domain-error.js';
import { connect } from '../api-client/api-client.js';
import { exitCodes } from '../api-client/cli-failure.js';


export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('accounts, transfers and balances (read-only: money moves only through the workflows, never by a raw ledger write)');

  ledger
    .command('accounts')
    .description('list accounts with their balances')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) =>
      withApp(async (app) => {
        const accounts = await app.store.ledger.listAccounts();
        if (options.json) return printJson(accounts);
        for (const a of accounts) {
          const net = a.creditsPostedMinor - a.debitsPostedMinor;
          print(`${a.id.padEnd(36)} ${a.currency} ${formatAmountMinor(net, a.currency).padStart(22)}  pending out ${formatAmountMinor(a.debitsPendingMinor, a.currency)}`);
        }
      }),
    );

  ledger
    .command('balance')
    .description("an account's balances now or at a past instant")
    .argument('<account>')
    .option('--at <instant>', 'ISO 8601, e.g. 2026-07-01T00:00:00Z')
    .option('--json')
    .action(async (accountId: string, options: { at?: string; json?: boolean }) =>
      withApp(async (app) => {
        const atUs = options.at === undefined ? undefined : parseInstant(options.at, '--at');
        const view = await getBalances(app.store, accountId, atUs);
        if (options.json) return printJson(view);
        const f = (minor: bigint) => `${formatAmountMinor(minor, view.currency)} ${view.currency}`;
        print(`${accountId}${atUs === undefined ? '' : ` at ${formatInstant(atUs)}`}`);
        print(`  credits posted   ${f(view.creditsPostedMinor)}`);
        print(`  debits posted    ${f(view.debitsPostedMinor)}`);
        print(`  debits pending   ${f(view.debitsPendingMinor)}`);
        print(`  credits pending  ${f(view.creditsPendingMinor)}`);
        print(`  available        ${f(view.availableCreditMinor)}`);
      }),
    );

  ledger
    .command('history')
    .description("an account's transfers in time order, paged")
    .argument('<account>')
    .option('--after <cursor>', 'cursor printed by the previous page')
    .option('--limit <n>', 'page size', '50')
    .action(async (accountId: string, options: { after?: string; limit: string }) =>
      withApp(async (app) => {
        if (options.after !== undefined && !/^\d+$/.test(options.after)) throw new DomainError('input.invalid_cursor', '--after: expected the cursor printed by the previous page');
        const limit = Number(options.limit);
        const page = await getHistory(app.store, accountId, { limit, ...(options.after !== undefined ? { afterTimestampUs: BigInt(options.after) } : {}) });
        for (const t of page.transfers) {
          const direction = t.debitAccountId === accountId ? `→ ${t.creditAccountId}` : `← ${t.debitAccountId}`;
          print(`${formatInstant(t.timestampUs)}  ${t.kind.padEnd(14)} ${formatAmountMinor(t.amountMinor, t.currency).padStart(18)} ${t.currency} ${direction}  ${t.id}`);
        }
        if (page.nextCursorUs !== null) print(`next page: --after ${page.nextCursorUs}`);
      }),
    );

  ledger
    .command('expire')
    .description('release reservations whose expiry has passed (through the API: treasury or administrator)')
    .option('--reason <text>', 'why', 'reservation expired')
    .option('--json')
    .action(async (options: { reason: string; json?: boolean }) => {
      const sweep = await connect().post<{ expired: unknown[]; skipped: { pendingId: string; code: string; message: string }[] }>('/sweeps/reservations', { reason: options.reason });
      if (options.json) return printJson(sweep);
      print(`${sweep.expired.length} reservation(s) released`);
      for (const skipped of sweep.skipped) print(`skipped ${skipped.pendingId}: ${skipped.code}: ${skipped.message}`);
      if (sweep.skipped.length > 0) process.exitCode = exitCodes.refused;
    });
}

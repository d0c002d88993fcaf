import type { Command } from 'commander';
import { formatAmountMinor } from '../../../core/money/amount.js';
import { getBalances, getHistory } from '../../../app/ledger-service/balances.js';
import { openUserAccounts, submitUserTransfers } from '../../../app/ledger-service/user-ledger-actions.js';
import { expirePendingTransfers } from '../../../app/ledger-service/expire-pending.js';
import { parseTransferBatchInput } from '../../../core/input/transfer-input.js';
import { formatInstant, parseInstant } from '../../../core/time/instant.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson, withApp } from '../with-app.js';
import { DomainError } from '../../../core/domain-error.js';
import { actorName } from '../actor-context.js';


export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('accounts, transfers and balances');

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
    .command('open')
    .description('open an account (idempotent)')
    .requiredOption('--id <id>')
    .requiredOption('--code <code>', 'chart-of-accounts code')
    .requiredOption('--currency <ISO>')
    .requiredOption('--kind <kind>', 'asset, liability, external…')
    .option('--no-overdraft', 'debits may never exceed credits')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'opened from the CLI')
    .action(async (options: { id: string; code: string; currency: string; kind: string; overdraft: boolean; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const [account] = await openUserAccounts(
          app.store,
          [{ id: options.id, code: options.code, currency: options.currency, kind: options.kind, flags: { debitsMustNotExceedCredits: !options.overdraft } }],
          { actor: actorName(options), reason: options.reason, nowUs: app.clock.nowUs() },
        );
        print(`account ${account?.id} (${account?.currency}) is open`);
      }),
    );

  ledger
    .command('transfer')
    .description('submit a batch of transfers from a JSON file (all or nothing; administrator; never on a programme\'s accounts)')
    .requiredOption('--file <path>', 'JSON array of transfers')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'why these transfers are made (recorded in the audit log)')
    .action(async (options: { file: string; actor?: string; reason: string }) => {
      const requests = parseTransferBatchInput(readJsonFile(options.file));
      await withApp(async (app) => {
        const outcomes = await submitUserTransfers(app.store, requests, { actor: actorName(options), reason: options.reason, nowUs: app.clock.nowUs() });
        for (const outcome of outcomes) {
          print(`${outcome.status.padEnd(8)} ${outcome.transfer.id} ${outcome.transfer.kind} ${formatAmountMinor(outcome.transfer.amountMinor, outcome.transfer.currency)} ${outcome.transfer.currency}`);
        }
      });
    });

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
    .description('release reservations whose expiry has passed')
    .action(async () =>
      withApp(async (app) => {
        const sweep = await expirePendingTransfers(app.store, { actor: 'system.expiry', reason: 'reservation expired', nowUs: app.clock.nowUs() });
        print(`${sweep.expired.length} reservation(s) released`);
        for (const skipped of sweep.skipped) print(`skipped ${skipped.pendingId}: ${skipped.code}: ${skipped.message}`);
        if (sweep.skipped.length > 0) process.exitCode = 1;
      }),
    );
}

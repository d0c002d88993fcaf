// `qanat deposit held | accept | reject`: deposits held for their rate, decided by a second
// person (never the one who imported them), with a reason.
import type { Command } from 'commander';
import { acceptHeldDeposit, listHeldDeposits, rejectHeldDeposit } from '../../../app/money-in/held-deposits.js';
import { resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { DomainError } from '../../../core/domain-error.js';
import type { HeldDepositStatus } from '../../../core/programme/deposit-hold.js';
import { actorContext } from '../actor-context.js';
import { print, printJson, withApp } from '../with-app.js';

const statuses: readonly HeldDepositStatus[] = ['held', 'accepted', 'rejected'];

export function registerHeldDepositCommands(program: Command): void {
  const deposit = program.command('deposit').description('deposits held for their rate: list, accept or reject (a second person, with a reason)');
  deposit.command('held')
    .description('the deposits waiting for a decision (or those with --status)')
    .option('--programme <id>')
    .option('--status <status>', statuses.join(' | '), 'held')
    .option('--json')
    .action(async (options: { programme?: string; status: string; json?: boolean }) => {
      if (!(statuses as readonly string[]).includes(options.status)) throw new DomainError('deposit_hold.unknown_status', `unknown status "${options.status}"; use ${statuses.join(', ')}`, { field: 'status' });
      return withApp(async (app) => {
        const holds = await listHeldDeposits(app.store, await resolveProgrammeId(app.store, options.programme), options.status as HeldDepositStatus);
        if (options.json) return printJson(holds);
        for (const hold of holds) {
          print(`${hold.deposit.depositId} ${hold.status} held by ${hold.heldBy}${hold.decidedBy ? `, ${hold.status} by ${hold.decidedBy}: ${hold.decisionReason ?? ''}` : ''}`);
          for (const finding of hold.findings) print(`  ${finding.reason} [${finding.code}]`);
        }
        if (holds.length === 0) print(`no deposits ${options.status}`);
      });
    });
  for (const decision of ['accept', 'reject'] as const) {
    deposit.command(`${decision} <depositId>`)
      .description(decision === 'accept' ? 'the rate is right: credit the deposit at the rate typed' : 'the rate is wrong: nothing is credited; import the corrected row')
      .option('--programme <id>')
      .option('--actor <name>')
      .requiredOption('--reason <text>', 'why (recorded in the audit log)')
      .action(async (depositId: string, options: { programme?: string; actor?: string; reason: string }) => withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const decide = decision === 'accept' ? acceptHeldDeposit : rejectHeldDeposit;
        const { hold, transferIds } = await decide(app.store, programmeId, depositId, actorContext(app, options));
        print(`${hold.deposit.depositId} ${hold.status} by ${hold.decidedBy ?? ''}${transferIds.length > 0 ? `; credited (${transferIds.join(', ')})` : ''}`);
      }));
  }
}

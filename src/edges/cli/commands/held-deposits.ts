// `qanat deposit held | accept | reject`: deposits held for their rate, decided by a second
// person (never the one who imported them), with a reason. A client of the held-deposit routes:
// the decision is made as the logged-in user, and the server checks the role and the rules.
import type { Command } from 'commander';
import { DomainError } from '../../../core/domain-error.js';
import type { HeldDepositStatus } from '../../../core/programme/deposit-hold.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf } from '../api-client/api-helpers.js';
import { print, printJson } from '../with-app.js';

const statuses: readonly HeldDepositStatus[] = ['held', 'accepted', 'rejected'];

interface HeldDeposit {
  deposit: { depositId: string };
  findings: { code: string; reason: string }[];
  heldBy: string;
  status: HeldDepositStatus;
  decidedBy: string | null;
  decisionReason: string | null;
}

const heldPath = (programmeId: string) =>
  `/programmes/${encodeURIComponent(programmeId)}/held-deposits`;

export function registerHeldDepositCommands(program: Command): void {
  const deposit = program
    .command('deposit')
    .description(
      'deposits held for their rate, through the API as the logged-in user: list, accept or reject (a second person, with a reason)',
    );
  deposit
    .command('held')
    .description('the deposits waiting for a decision (or those with --status)')
    .option('--programme <id>')
    .option('--status <status>', statuses.join(' | '), 'held')
    .option('--json')
    .action(async (options: { programme?: string; status: string; json?: boolean }) => {
      if (!(statuses as readonly string[]).includes(options.status))
        throw new DomainError(
          'deposit_hold.unknown_status',
          `unknown status "${options.status}"; use ${statuses.join(', ')}`,
          { field: 'status' },
        );
      const api = connect();
      const holds = await api.all<HeldDeposit>(
        heldPath(await programmeOf(api, options.programme)),
        { status: options.status },
      );
      if (options.json) return printJson(holds);
      for (const hold of holds) {
        print(
          `${hold.deposit.depositId} ${hold.status} held by ${hold.heldBy}${hold.decidedBy ? `, ${hold.status} by ${hold.decidedBy}: ${hold.decisionReason ?? ''}` : ''}`,
        );
        for (const finding of hold.findings) print(`  ${finding.reason} [${finding.code}]`);
      }
      if (holds.length === 0) print(`no deposits ${options.status}`);
    });
  for (const decision of ['accept', 'reject'] as const) {
    deposit
      .command(`${decision} <depositId>`)
      .description(
        decision === 'accept'
          ? 'the rate is right: credit the deposit at the rate typed'
          : 'the rate is wrong: nothing is credited; import the corrected row',
      )
      .option('--programme <id>')
      .requiredOption('--reason <text>', 'why (recorded in the audit log)')
      .option('--json')
      .action(
        async (
          depositId: string,
          options: { programme?: string; reason: string; json?: boolean },
        ) => {
          const api = connect();
          const programmeId = await programmeOf(api, options.programme);
          const answer = await api.post<{ hold: HeldDeposit; transferIds: string[] }>(
            `${heldPath(programmeId)}/${encodeURIComponent(depositId)}/decision`,
            { decision, reason: options.reason },
          );
          if (options.json) return printJson(answer);
          const { hold, transferIds } = answer;
          print(
            `${hold.deposit.depositId} ${hold.status} by ${hold.decidedBy ?? ''}${transferIds.length > 0 ? `; credited (${transferIds.join(', ')})` : ''}`,
          );
        },
      );
  }
}

// `qanat programme|waiver approve|reject`: a configuration decision through the API, as the
// logged-in user; the proposal is checked to be of the kind the command names first.
import type { Command } from 'commander';
import type { DiffEntry } from '../../../core/programme/configuration-diff.js';
import { connect } from '../api-client/api-client.js';
import { CliFailure, exitCodes } from '../api-client/cli-failure.js';
import { diffLine } from '../render-diff.js';
import { print, printJson } from '../with-app.js';

interface Decided {
  proposal: { proposalId: string; programmeId: string; subjectId: string; kind: string };
  versionNo?: number;
  diff?: DiffEntry[];
  accountIds?: string[];
}

interface PayeeScreening {
  screened: boolean;
  reason?: string;
  payees?: {
    partyId: string;
    stoppingHits: { subjectName: string; listEntryId: string; listedName: string; score: number }[];
  }[];
}

/** Screen every payee of the programme in force (after an approval), as a first load always did. */
export async function screenPayees(programmeId: string): Promise<void> {
  const screened = await connect().post<PayeeScreening>(
    `/programmes/${encodeURIComponent(programmeId)}/payee-screening`,
    { reason: 'payees screened with the programme version in force' },
  );
  if (!screened.screened) return print(`payees not screened yet: ${screened.reason ?? ''}`);
  const payees = screened.payees ?? [];
  const stopped = payees.filter((payee) => payee.stoppingHits.length > 0);
  print(
    `${payees.length} payee(s) screened with their beneficial owners: ${stopped.length === 0 ? 'no hits' : `${stopped.length} with hits awaiting review (qanat review list)`}`,
  );
  for (const payee of stopped)
    for (const hit of payee.stoppingHits)
      print(
        `  ${payee.partyId}: "${hit.subjectName}" ~ ${hit.listEntryId} "${hit.listedName}" (${hit.score.toFixed(3)})`,
      );
}

export function registerDecisionCommands(
  parent: Command,
  label: 'programme version' | 'waiver',
  approvers: string,
): void {
  const kind = label === 'waiver' ? 'waiver' : 'programme_version';
  const checkKind = async (proposalId: string) => {
    const found = await connect().get<{ proposal: { kind: string } }>(
      `/configuration-proposals/${encodeURIComponent(proposalId)}`,
    );
    if (found.proposal.kind !== kind)
      throw new CliFailure(
        exitCodes.refused,
        `${proposalId} is a ${found.proposal.kind.replace('_', ' ')} proposal, not a ${label} one`,
      );
  };
  for (const decision of ['approve', 'reject'] as const) {
    parent
      .command(`${decision} <proposal>`)
      .description(
        decision === 'approve'
          ? `approve a proposed ${label} (a second person: ${approvers})`
          : `reject a proposed ${label}, with the reason`,
      )
      .requiredOption('--reason <text>', 'why')
      .option('--json')
      .action(async (proposalId: string, options: { reason: string; json?: boolean }) => {
        await checkKind(proposalId);
        const result = await connect().post<Decided>(
          `/configuration-proposals/${encodeURIComponent(proposalId)}/${decision}`,
          { reason: options.reason },
        );
        if (options.json) return printJson(result);
        if (decision === 'reject') return print(`${proposalId} rejected: nothing changed`);
        const { proposal } = result;
        print(
          label === 'waiver'
            ? `${proposalId} approved: waiver ${proposal.subjectId} in force`
            : `${proposalId} approved: programme ${proposal.programmeId} version ${result.versionNo} in force (${result.diff?.length ?? 0} change(s), ${result.accountIds?.length ?? 0} ledger accounts)`,
        );
        for (const entry of result.diff ?? []) print(`  ${diffLine(entry)}`);
        if (label === 'programme version') await screenPayees(proposal.programmeId);
      });
  }
}

import type { Command } from 'commander';
import { loadProgramme } from '../../../core/programme/load-programme.js';
import {
  configurationProposalStatuses,
  type ConfigurationProposalRecord,
  type ConfigurationProposalStatus,
} from '../../../app/ports/configuration-proposal-port.js';
import type { DiffEntry } from '../../../core/programme/configuration-diff.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf, reviveBigints, reviveMinorAndInstants } from '../api-client/api-helpers.js';
import type { Programme } from '../../../core/programme/programme.js';
import { registerDecisionCommands, screenPayees } from './configuration-decisions.js';
import { DomainError } from '../../../core/domain-error.js';
import { formatAmountMinor } from '../../../core/money/amount.js';
import { readJsonFile } from '../read-json-file.js';
import { diffLine, proposalLine } from '../render-diff.js';
import { print, printJson } from '../with-app.js';

interface ProposeAnswer {
  status: 'proposed' | 'already_proposed' | 'unchanged';
  programmeId: string;
  versionNo?: number;
  proposal?: { proposalId: string; touchesLegalBasis: boolean };
  diff?: unknown[];
}

function statusOption(value: string | undefined): ConfigurationProposalStatus | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!(configurationProposalStatuses as readonly string[]).includes(value)) {
    throw new DomainError(
      'configuration.unknown_status',
      `status must be one of ${configurationProposalStatuses.join(', ')}`,
      { field: 'status' },
    );
  }
  return value as ConfigurationProposalStatus;
}

export function registerProgrammeCommands(program: Command): void {
  const programme = program
    .command('programme')
    .description('programme files: validate, propose, review and approve (four eyes), show');

  programme
    .command('validate <file>')
    .description('check a programme file and list every problem with its path; writes nothing')
    .action(async (file: string) => {
      const loaded = loadProgramme(readJsonFile(file));
      print(
        `${loaded.programmeId} ${loaded.version}: valid (${loaded.parties.length} parties, ${loaded.channels.length} channels)`,
      );
    });

  programme
    .command('propose <file>')
    .alias('load')
    .description(
      'validate a programme file and propose it as the next version (through the API); in force only once a second person approves it',
    )
    .option('--reason <text>', 'why', 'programme file proposed')
    .option('--json')
    .action(async (file: string, options: { reason: string; json?: boolean }) => {
      const json = readJsonFile(file);
      loadProgramme(json); // every problem with its path, before anything is sent
      const result = await connect().post<ProposeAnswer>('/configuration-proposals', {
        programme: json,
        reason: options.reason,
      });
      if (options.json) return printJson(result);
      if (result.status === 'unchanged') {
        print(
          `programme ${result.programmeId} version ${result.versionNo}: unchanged (this file is in force)`,
        );
        return screenPayees(result.programmeId);
      }
      const proposal = result.proposal!;
      print(
        `programme ${result.programmeId}: ${result.status === 'proposed' ? 'proposed' : 'already proposed'} as ${proposal.proposalId} (${result.diff?.length ?? 0} change(s)${proposal.touchesLegalBasis ? ', touching the legal basis: overseer only' : ''})`,
      );
      print(
        `not in force until a second person approves: qanat programme diff ${proposal.proposalId}; qanat programme approve ${proposal.proposalId} --reason …`,
      );
    });

  programme
    .command('proposals')
    .description('configuration proposals (programme versions and waivers), oldest first')
    .option('--programme <id>')
    .option('--status <status>', `${configurationProposalStatuses.join(' | ')} | all`, 'proposed')
    .option('--json')
    .action(async (options: { programme?: string; status?: string; json?: boolean }) => {
      const status = statusOption(options.status);
      const api = connect();
      const proposals = await api.all<ConfigurationProposalRecord>(
        `/programmes/${encodeURIComponent(await programmeOf(api, options.programme))}/configuration-proposals`,
        { status: status ?? 'all' },
      );
      if (options.json) return printJson(proposals);
      if (proposals.length === 0) print(`no ${status ?? ''} proposals`.replace('  ', ' '));
      for (const proposal of reviveBigints<ConfigurationProposalRecord[]>(proposals, [
        'proposedAtUs',
        'decidedAtUs',
      ]))
        print(proposalLine(proposal));
    });

  programme
    .command('diff <proposal>')
    .description(
      'what a proposal would change in the configuration in force: JSON paths, before → after',
    )
    .option('--json')
    .action(async (proposalId: string, options: { json?: boolean }) => {
      const answer = await connect().get<{
        proposal: ConfigurationProposalRecord;
        stale: boolean;
        entries: DiffEntry[];
      }>(`/configuration-proposals/${encodeURIComponent(proposalId)}`);
      if (options.json)
        return printJson({
          proposalId,
          status: answer.proposal.status,
          stale: answer.stale,
          touchesLegalBasis: answer.proposal.touchesLegalBasis,
          entries: answer.entries,
        });
      print(
        proposalLine(
          reviveBigints<ConfigurationProposalRecord>(answer.proposal, [
            'proposedAtUs',
            'decidedAtUs',
          ]),
        ),
      );
      if (answer.stale)
        print(
          `stale: the configuration in force changed since it was proposed; it cannot be approved, only proposed again`,
        );
      if (answer.entries.length === 0) print('no difference from the configuration in force');
      for (const entry of answer.entries) print(`  ${diffLine(entry)}`);
    });

  registerDecisionCommands(
    programme,
    'programme version',
    'administrator or overseer; a legal-basis change: overseer only',
  );

  programme
    .command('show')
    .description('the programme in force: channels, caps, approval tiers')
    .option('--programme <id>')
    .option('--json')
    .action(async (options: { programme?: string; json?: boolean }) => {
      const api = connect();
      const programmeId = await programmeOf(api, options.programme);
      const answer = await api.get<{ versionNo: number; programme: unknown }>(
        `/programmes/${encodeURIComponent(programmeId)}`,
      );
      if (options.json)
        return printJson({ versionNo: answer.versionNo, programme: answer.programme });
      const versionNo = answer.versionNo;
      const loaded = reviveMinorAndInstants<Programme>(answer.programme);
      print(
        `${loaded.programmeId} — ${loaded.name} (file ${loaded.version}, stored version ${versionNo}); settlement ${loaded.settlementCurrency}; waivers at most ${loaded.legalBasis.waiverValidityDaysMax} days`,
      );
      for (const channel of loaded.channels) {
        print(
          `  ${channel.channelId.padEnd(20)} per payment ≤ ${formatAmountMinor(channel.caps.perPaymentCapMinor, channel.caps.currency)} ${channel.caps.currency}, per ${channel.caps.period} ≤ ${formatAmountMinor(channel.caps.perPeriodCapMinor, channel.caps.currency)}`,
        );
      }
    });
}

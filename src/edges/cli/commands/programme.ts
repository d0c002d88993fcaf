import type { Command } from 'commander';
import type { App } from '../../app.js';
import { loadProgramme } from '../../../core/programme/load-programme.js';
import { proposeProgrammeVersion } from '../../../app/programme-service/propose-programme-version.js';
import { approveConfigurationProposal, rejectConfigurationProposal } from '../../../app/programme-service/decide-configuration-proposal.js';
import { loadProposal, proposalDiff } from '../../../app/programme-service/proposal-diff.js';
import { screenProgrammePayees } from '../../../app/programme-service/screen-programme-payees.js';
import { currentProgramme, resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { configurationProposalStatuses, proposalListLimitMax, type ConfigurationProposalStatus } from '../../../app/ports/configuration-proposal-port.js';
import { DomainError } from '../../../core/domain-error.js';
import { formatAmountMinor } from '../../../core/money/amount.js';
import { actorContext } from '../actor-context.js';
import { readJsonFile } from '../read-json-file.js';
import { diffLine, proposalLine } from '../render-diff.js';
import { print, printJson, withApp } from '../with-app.js';

/** Screen every payee of the programme in force (after an approval), as a first load always did. */
async function screenPayees(app: App, programmeId: string): Promise<void> {
  const { programme: loaded } = await currentProgramme(app.store, programmeId);
  const screened = await screenProgrammePayees(loaded, app.screening);
  if (!screened.screened) {
    print(`payees not screened yet: ${screened.reason}`);
    return;
  }
  const stopped = screened.payees.filter((payee) => payee.stoppingHits.length > 0);
  print(`${screened.payees.length} payee(s) screened with their beneficial owners: ${stopped.length === 0 ? 'no hits' : `${stopped.length} with hits awaiting review (qanat review list)`}`);
  for (const payee of stopped) for (const hit of payee.stoppingHits) print(`  ${payee.partyId}: "${hit.subjectName}" ~ ${hit.listEntryId} "${hit.listedName}" (${hit.score.toFixed(3)})`);
}

function statusOption(value: string | undefined): ConfigurationProposalStatus | undefined {
  if (value === undefined || value === 'all') return undefined;
  if (!(configurationProposalStatuses as readonly string[]).includes(value)) {
    throw new DomainError('configuration.unknown_status', `status must be one of ${configurationProposalStatuses.join(', ')}`, { field: 'status' });
  }
  return value as ConfigurationProposalStatus;
}

export function registerProgrammeCommands(program: Command): void {
  const programme = program.command('programme').description('programme files: validate, propose, review and approve (four eyes), show');

  programme
    .command('validate <file>')
    .description('check a programme file and list every problem with its path; writes nothing')
    .action(async (file: string) => {
      const loaded = loadProgramme(readJsonFile(file));
      print(`${loaded.programmeId} ${loaded.version}: valid (${loaded.parties.length} parties, ${loaded.channels.length} channels)`);
    });

  programme
    .command('propose <file>')
    .alias('load')
    .description('validate a programme file and propose it as the next version; in force only once a second person approves it')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'programme file proposed')
    .action(async (file: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        const result = await proposeProgrammeVersion(app.store, readJsonFile(file), actorContext(app, options));
        if (result.status === 'unchanged') {
          print(`programme ${result.programmeId} version ${result.versionNo}: unchanged (this file is in force)`);
          return screenPayees(app, result.programmeId);
        }
        const { proposal } = result;
        print(`programme ${result.programmeId}: ${result.status === 'proposed' ? 'proposed' : 'already proposed'} as ${proposal.proposalId} (${result.diff.length} change(s)${proposal.touchesLegalBasis ? ', touching the legal basis: overseer only' : ''})`);
        print(`not in force until a second person approves: qanat programme diff ${proposal.proposalId}; qanat programme approve ${proposal.proposalId} --reason …`);
      }),
    );

  programme
    .command('proposals')
    .description('configuration proposals (programme versions and waivers), oldest first')
    .option('--programme <id>')
    .option('--status <status>', `${configurationProposalStatuses.join(' | ')} | all`, 'proposed')
    .option('--json')
    .action(async (options: { programme?: string; status?: string; json?: boolean }) =>
      withApp(async (app) => {
        const status = statusOption(options.status);
        const proposals = await app.store.proposals.list({ ...(options.programme ? { programmeId: options.programme } : {}), ...(status ? { status } : {}), limit: proposalListLimitMax });
        if (options.json) return printJson(proposals.map(({ contentJson: _content, ...rest }) => rest));
        if (proposals.length === 0) print(`no ${status ?? ''} proposals`.replace('  ', ' '));
        for (const proposal of proposals) print(proposalLine(proposal));
      }),
    );

  programme
    .command('diff <proposal>')
    .description('what a proposal would change in the configuration in force: JSON paths, before → after')
    .option('--json')
    .action(async (proposalId: string, options: { json?: boolean }) =>
      withApp(async (app) => {
        const diff = await proposalDiff(app.store, await loadProposal(app.store, proposalId));
        if (options.json) return printJson({ proposalId, status: diff.proposal.status, stale: diff.stale, touchesLegalBasis: diff.proposal.touchesLegalBasis, entries: diff.entries });
        print(proposalLine(diff.proposal));
        if (diff.stale) print(`stale: the configuration in force changed since it was proposed; it cannot be approved, only proposed again`);
        if (diff.entries.length === 0) print('no difference from the configuration in force');
        for (const entry of diff.entries) print(`  ${diffLine(entry)}`);
      }),
    );

  programme
    .command('approve <proposal>')
    .description('approve a proposed programme version (a second person: administrator or overseer; a legal-basis change: overseer only)')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'why')
    .action(async (proposalId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        const result = await approveConfigurationProposal(app.store, proposalId, actorContext(app, options), 'programme_version');
        print(`${proposalId} approved: programme ${result.proposal.programmeId} version ${result.versionNo} in force (${result.diff.length} change(s), ${result.accountIds?.length ?? 0} ledger accounts)`);
        for (const entry of result.diff) print(`  ${diffLine(entry)}`);
        await screenPayees(app, result.proposal.programmeId);
      }),
    );

  programme
    .command('reject <proposal>')
    .description('reject a proposed programme version, with the reason')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'why')
    .action(async (proposalId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        await rejectConfigurationProposal(app.store, proposalId, actorContext(app, options), 'programme_version');
        print(`${proposalId} rejected: nothing changed`);
      }),
    );

  programme
    .command('show')
    .description('the programme in force: channels, caps, approval tiers')
    .option('--programme <id>')
    .option('--json')
    .action(async (options: { programme?: string; json?: boolean }) =>
      withApp(async (app) => {
        const { programme: loaded, versionNo } = await currentProgramme(app.store, await resolveProgrammeId(app.store, options.programme));
        if (options.json) return printJson({ versionNo, programme: loaded });
        print(`${loaded.programmeId} — ${loaded.name} (file ${loaded.version}, stored version ${versionNo}); settlement ${loaded.settlementCurrency}; waivers at most ${loaded.legalBasis.waiverValidityDaysMax} days`);
        for (const channel of loaded.channels) {
          print(`  ${channel.channelId.padEnd(20)} per payment ≤ ${formatAmountMinor(channel.caps.perPaymentCapMinor, channel.caps.currency)} ${channel.caps.currency}, per ${channel.caps.period} ≤ ${formatAmountMinor(channel.caps.perPeriodCapMinor, channel.caps.currency)}`);
        }
      }),
    );
}

import type { Command } from 'commander';
import { proposeWaiver } from '../../../app/waivers/propose-waiver.js';
import { approveConfigurationProposal, rejectConfigurationProposal } from '../../../app/programme-service/decide-configuration-proposal.js';
import { diffLine } from '../render-diff.js';
import { sweepWaiverLapses } from '../../../app/waivers/sweep-waiver-lapses.js';
import { programmeWaivers, resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { lastDayInForce } from '../../../core/programme/waiver.js';
import { actorContext } from '../actor-context.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson, withApp } from '../with-app.js';

export function registerWaiverCommands(program: Command): void {
  const waiver = program.command('waiver').description('waivers: propose and approve (four eyes), list, and sweep for expiry warnings and lapses');

  waiver
    .command('propose <file>')
    .alias('add')
    .description('propose a waiver, renewal or revocation from a JSON file (refused if longer than the legal basis allows, ending before it starts, or overlapping); in force once a second person approves')
    .option('--programme <id>')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'waiver proposed')
    .action(async (file: string, options: { programme?: string; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const result = await proposeWaiver(app.store, programmeId, readJsonFile(file), actorContext(app, options));
        if (result.status === 'unchanged') return print(`waiver ${result.waiverId}: unchanged (already in force)`);
        print(`waiver ${result.waiverId}: ${result.status === 'proposed' ? 'proposed' : 'already proposed'} as ${result.proposal.proposalId}; not in force until a second person approves: qanat waiver approve ${result.proposal.proposalId} --reason …`);
        for (const entry of result.diff) print(`  ${diffLine(entry)}`);
      }),
    );

  waiver
    .command('approve <proposal>')
    .description('approve a proposed waiver (a second person: administrator or overseer)')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'why')
    .action(async (proposalId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        const result = await approveConfigurationProposal(app.store, proposalId, actorContext(app, options), 'waiver');
        print(`${proposalId} approved: waiver ${result.proposal.subjectId} in force`);
        for (const entry of result.diff) print(`  ${diffLine(entry)}`);
      }),
    );

  waiver
    .command('reject <proposal>')
    .description('reject a proposed waiver, with the reason')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'why')
    .action(async (proposalId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        await rejectConfigurationProposal(app.store, proposalId, actorContext(app, options), 'waiver');
        print(`${proposalId} rejected: nothing changed`);
      }),
    );

  waiver
    .command('list')
    .option('--programme <id>')
    .option('--json')
    .action(async (options: { programme?: string; json?: boolean }) =>
      withApp(async (app) => {
        const waivers = await programmeWaivers(app.store, await resolveProgrammeId(app.store, options.programme));
        if (options.json) return printJson(waivers);
        for (const entry of waivers) print(`${entry.waiverId.padEnd(16)} ${entry.validFrom} – ${lastDayInForce(entry)}${entry.revokedFrom ? ' (revoked)' : ''}  ${entry.channelIds.join(', ')}`);
      }),
    );

  waiver
    .command('sweep')
    .description('raise expiry warnings (30/14/7 days) and release reservations whose waiver has lapsed')
    .option('--actor <name>', 'who runs the sweep (a known user with the treasury or administrator role)')
    .option('--reason <text>', 'why', 'waiver sweep')
    .option('--json')
    .action(async (options: { actor?: string; reason: string; json?: boolean }) =>
      withApp(async (app) => {
        const reports = await sweepWaiverLapses(app.store, actorContext(app, options));
        if (options.json) return printJson(reports);
        for (const report of reports) {
          print(`${report.programmeId}:`);
          for (const warning of report.warnings) print(`  warning: waiver ${warning.waiverId} ends ${warning.lastDayInForce} (${warning.daysRemaining} days), ${warning.channelIdsLosingCover.join(', ')} lose cover${warning.newlyRaised ? '' : ' (already raised)'}`);
          for (const entry of report.released) print(`  released: ${entry.disbursementId} (${entry.reason})`);
          for (const entry of report.needsAttention) print(`  needs attention: ${entry.disbursementId} was instructed under ${entry.waiverId}, which no longer covers it`);
          if (report.warnings.length + report.released.length + report.needsAttention.length === 0) print('  nothing due');
        }
      }),
    );
}

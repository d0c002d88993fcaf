// `qanat waiver …`: propose, approve and reject through the API (four eyes), list, and the sweep
// for expiry warnings and lapses, all as the logged-in user.
import type { Command } from 'commander';
import { lastDayInForce } from '../../../core/programme/waiver.js';
import type { Waiver } from '../../../core/programme/waiver.js';
import type { DiffEntry } from '../../../core/programme/configuration-diff.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf } from '../api-client/api-helpers.js';
import { diffLine } from '../render-diff.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson } from '../with-app.js';
import { registerDecisionCommands } from './configuration-decisions.js';

interface Proposed {
  status: 'proposed' | 'already_proposed' | 'unchanged';
  waiverId: string;
  proposal?: { proposalId: string };
  diff?: DiffEntry[];
}
interface SweepReport {
  programmeId: string;
  warnings: {
    waiverId: string;
    lastDayInForce: string;
    daysRemaining: number;
    channelIdsLosingCover: string[];
    newlyRaised: boolean;
  }[];
  released: { disbursementId: string; reason: string }[];
  needsAttention: { disbursementId: string; waiverId: string }[];
}

export function registerWaiverCommands(program: Command): void {
  const waiver = program
    .command('waiver')
    .description(
      'waivers: propose and approve (four eyes), list, and sweep for expiry warnings and lapses; through the API',
    );

  waiver
    .command('propose <file>')
    .alias('add')
    .description(
      'propose a waiver, renewal or revocation from a JSON file (refused if longer than the legal basis allows, ending before it starts, or overlapping); in force once a second person approves',
    )
    .option('--programme <id>')
    .option('--reason <text>', 'why', 'waiver proposed')
    .option('--json')
    .action(
      async (file: string, options: { programme?: string; reason: string; json?: boolean }) => {
        const json = readJsonFile(file);
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const result = await api.post<Proposed>(
          `/programmes/${encodeURIComponent(programmeId)}/waivers`,
          { waiver: json, reason: options.reason },
        );
        if (options.json) return printJson(result);
        if (result.status === 'unchanged')
          return print(`waiver ${result.waiverId}: unchanged (already in force)`);
        print(
          `waiver ${result.waiverId}: ${result.status === 'proposed' ? 'proposed' : 'already proposed'} as ${result.proposal?.proposalId}; not in force until a second person approves: qanat waiver approve ${result.proposal?.proposalId} --reason …`,
        );
        for (const entry of result.diff ?? []) print(`  ${diffLine(entry)}`);
      },
    );

  registerDecisionCommands(waiver, 'waiver', 'administrator or overseer');

  waiver
    .command('list')
    .option('--programme <id>')
    .option('--json')
    .action(async (options: { programme?: string; json?: boolean }) => {
      const api = connect();
      const waivers = await api.all<Waiver & { revokedFrom?: string }>(
        `/programmes/${encodeURIComponent(await programmeOf(api, options.programme))}/waivers`,
      );
      if (options.json) return printJson(waivers);
      for (const entry of waivers)
        print(
          `${entry.waiverId.padEnd(16)} ${entry.validFrom} – ${lastDayInForce(entry)}${entry.revokedFrom ? ' (revoked)' : ''}  ${entry.channelIds.join(', ')}`,
        );
    });

  waiver
    .command('sweep')
    .description(
      'raise expiry warnings (30/14/7 days) and release reservations whose waiver has lapsed (treasury or administrator)',
    )
    .option('--reason <text>', 'why', 'waiver sweep')
    .option('--json')
    .action(async (options: { reason: string; json?: boolean }) => {
      const { reports } = await connect().post<{ reports: SweepReport[] }>('/sweeps/waivers', {
        reason: options.reason,
      });
      if (options.json) return printJson(reports);
      for (const report of reports) {
        print(`${report.programmeId}:`);
        for (const warning of report.warnings)
          print(
            `  warning: waiver ${warning.waiverId} ends ${warning.lastDayInForce} (${warning.daysRemaining} days), ${warning.channelIdsLosingCover.join(', ')} lose cover${warning.newlyRaised ? '' : ' (already raised)'}`,
          );
        for (const entry of report.released)
          print(`  released: ${entry.disbursementId} (${entry.reason})`);
        for (const entry of report.needsAttention)
          print(
            `  needs attention: ${entry.disbursementId} was instructed under ${entry.waiverId}, which no longer covers it`,
          );
        if (report.warnings.length + report.released.length + report.needsAttention.length === 0)
          print('  nothing due');
      }
    });
}

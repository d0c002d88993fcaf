import type { Command } from 'commander';
import { recordWaiver } from '../../waivers/record-waiver.js';
import { sweepWaiverLapses } from '../../waivers/sweep-waiver-lapses.js';
import { programmeWaivers, resolveProgrammeId } from '../../programme-service/current-programme.js';
import { lastDayInForce } from '../../programme/waiver.js';
import { actorContext } from '../actor-context.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson, withApp } from '../with-app.js';

export function registerWaiverCommands(program: Command): void {
  const waiver = program.command('waiver').description('waivers: record, list, and sweep for expiry warnings and lapses');

  waiver
    .command('add <file>')
    .description('record a waiver or renewal from a JSON file (refused if too long, ending before it starts, or overlapping)')
    .option('--programme <id>')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'waiver recorded')
    .action(async (file: string, options: { programme?: string; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const result = await recordWaiver(app.store, programmeId, readJsonFile(file), actorContext(app, options));
        print(`waiver ${result.waiver.waiverId} ${result.waiver.validFrom}–${result.waiver.validUntil}: ${result.status}`);
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

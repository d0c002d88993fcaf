import type { Command } from 'commander';
import { loadProgramme } from '../../programme/load-programme.js';
import { loadProgrammeFile } from '../../programme-service/load-programme-file.js';
import { screenProgrammePayees } from '../../programme-service/screen-programme-payees.js';
import { currentProgramme, resolveProgrammeId } from '../../programme-service/current-programme.js';
import { formatAmountMinor } from '../../money/amount.js';
import { actorContext } from '../actor-context.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson, withApp } from '../with-app.js';

export function registerProgrammeCommands(program: Command): void {
  const programme = program.command('programme').description('programme files: validate, load (versioned), show');

  programme
    .command('validate <file>')
    .description('check a programme file and list every problem with its path; writes nothing')
    .action(async (file: string) => {
      const loaded = loadProgramme(readJsonFile(file));
      print(`${loaded.programmeId} ${loaded.version}: valid (${loaded.parties.length} parties, ${loaded.channels.length} channels)`);
    });

  programme
    .command('load <file>')
    .description('validate and store a programme file; a changed file becomes a new version; opens its ledger accounts')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'programme file loaded')
    .action(async (file: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        const result = await loadProgrammeFile(app.store, readJsonFile(file), actorContext(app, options));
        print(`programme ${result.programmeId} version ${result.versionNo}: ${result.status} (${result.accountIds.length} ledger accounts)`);
        const { programme: loaded } = await currentProgramme(app.store, result.programmeId);
        const screened = await screenProgrammePayees(loaded, app.screening);
        if (!screened.screened) {
          print(`payees not screened yet: ${screened.reason}`);
          return;
        }
        const stopped = screened.payees.filter((payee) => payee.stoppingHits.length > 0);
        print(`${screened.payees.length} payee(s) screened with their beneficial owners: ${stopped.length === 0 ? 'no hits' : `${stopped.length} with hits awaiting review (qanat review list)`}`);
        for (const payee of stopped) for (const hit of payee.stoppingHits) print(`  ${payee.partyId}: "${hit.subjectName}" ~ ${hit.listEntryId} "${hit.listedName}" (${hit.score.toFixed(3)})`);
      }),
    );

  programme
    .command('show')
    .description('the loaded programme: channels, caps, approval tiers')
    .option('--programme <id>')
    .option('--json')
    .action(async (options: { programme?: string; json?: boolean }) =>
      withApp(async (app) => {
        const { programme: loaded, versionNo } = await currentProgramme(app.store, await resolveProgrammeId(app.store, options.programme));
        if (options.json) return printJson({ versionNo, programme: loaded });
        print(`${loaded.programmeId} — ${loaded.name} (file ${loaded.version}, stored version ${versionNo}); settlement ${loaded.settlementCurrency}`);
        for (const channel of loaded.channels) {
          print(`  ${channel.channelId.padEnd(20)} per payment ≤ ${formatAmountMinor(channel.caps.perPaymentCapMinor, channel.caps.currency)} ${channel.caps.currency}, per ${channel.caps.period} ≤ ${formatAmountMinor(channel.caps.perPeriodCapMinor, channel.caps.currency)}`);
        }
      }),
    );
}

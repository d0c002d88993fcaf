import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import {
  demoUserIds,
  loadGeneratedDemo,
  seedGeneratedDemoUsers,
} from '../../demo/load-generated-demo.js';
import { screenProgrammePayees } from '../../../app/programme-service/screen-programme-payees.js';
import { loadListPath } from '../../../adapters/lists/load-list-path.js';
import { importListSnapshots } from '../../../app/screening-service/import-list-snapshots.js';
import { dateOfInstantUs } from '../../../core/programme/day-boundary.js';
import { currentProgramme } from '../../../app/kernel/current-programme.js';
import { programmeStatement } from '../../../app/reporting/programme-statement.js';
import { disbursementLine } from '../render-disbursement.js';
import { statementLines } from '../render-statement.js';
import { openOperatorApp, print, withApp } from '../with-app.js';
import { hitLine } from '../render-hit.js';
import { issueDemoCredentials } from '../../http/auth/demo-credentials.js';
import { ensureFirstAdministrator } from '../../http/auth/identity-service.js';
import { closeOnSignals, runServer } from '../../http/run-server.js';
import { serveSettingsFrom } from '../../http/serve-config.js';
import { printFirstAdministrator } from './serve.js';

/** src/edges/cli/commands and dist/edges/cli/commands both sit four levels below the repository. */
const referenceProgrammePath = fileURLToPath(
  new URL('../../../../programmes/iraq-iran-energy.json', import.meta.url),
);
/** the demo's second programme, in EUR */
const secondProgrammePath = fileURLToPath(
  new URL('../../../../programmes/qatar-humanitarian-channel.example.json', import.meta.url),
);
/** Real OFAC and UN lists shipped with the project (data/lists/README.md has their provenance). */
const shippedListSpecs = ['ofac-csv:ofac', 'ofac-csv:ofac-consolidated', 'un-xml:un'].map(
  (spec) => {
    const [format, folder] = spec.split(':');
    return `${format}:${fileURLToPath(new URL(`../../../../data/lists/${folder}`, import.meta.url))}`;
  },
);
const startHitsShownMax = 10;
const startDisbursementsShownMax = 20;
/** The demo's records start in 2020; the statement covers everything up to today. */
const statementFrom = '2020-01-01';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'open (or create) the store; on an empty store load the reference programme and the demo data; print the statement; then serve the API',
    )
    .option('--no-serve', 'load and print, then exit instead of starting the server')
    .option('--port <n>', 'TCP port of the server (also PORT)')
    .action(async (options: { serve: boolean; port?: string }) => {
      const settings = options.serve
        ? serveSettingsFrom(process.env, options.port !== undefined ? { port: options.port } : {})
        : undefined;
      await withApp(async (app) => {
        print(
          `Qanat store: ${app.store.dialect === 'sqlite' ? `SQLite at ${app.config.dataDir}/qanat.sqlite` : `PostgreSQL schema ${app.config.databaseSchema}`}`,
        );
        let programmeIds = await app.store.programmes.listProgrammeIds();
        // users first: every change, the list import included, is made by a known user holding the role
        if (programmeIds.length === 0) await seedGeneratedDemoUsers(app.store, app.clock);
        if ((await app.store.screening.currentSnapshots()).length === 0) {
          print(
            'no sanctions lists yet: importing the shipped OFAC SDN, OFAC consolidated and UN lists (data/lists/)…',
          );
          const loaded = [];
          for (const spec of shippedListSpecs) loaded.push(...(await loadListPath(spec)));
          const imported = await importListSnapshots(app.store, app.screeningIndexCache, loaded, {
            actor: 'demo.loader',
            reason: 'initial list import for the demo',
            nowUs: app.clock.nowUs(),
          });
          for (const snapshot of imported.imported)
            print(`  ${snapshot.snapshotId.padEnd(14)} ${snapshot.entryCount} entries`);
        }
        if (programmeIds.length === 0) {
          print(
            'empty store: loading the reference programme and the demo data generated from its seed (src/edges/demo/)…',
          );
          const summary = await loadGeneratedDemo(
            app.store,
            app.clock,
            app.screening,
            referenceProgrammePath,
            { secondProgrammePath },
          );
          print(
            `loaded ${summary.programmeId} from ${summary.firstDay}: ${summary.events} dated events, ${summary.disbursements.length} demo disbursements`,
          );
          const screened = await screenProgrammePayees(
            (await currentProgramme(app.store, summary.programmeId)).programme,
            app.screening,
          );
          if (screened.screened)
            print(
              `screened ${screened.payees.length} payees with their beneficial owners against the current lists`,
            );
          programmeIds = await app.store.programmes.listProgrammeIds();
        }
        for (const programmeId of programmeIds) {
          const { programme } = await currentProgramme(app.store, programmeId);
          const today = dateOfInstantUs(app.clock.nowUs(), programme.timeZone);
          print();
          for (const line of statementLines(
            await programmeStatement(app.store, programmeId, { from: statementFrom, to: today }),
          ))
            print(line);
          // the latest requests: a newcomer sees the states the work is in today
          const records = await app.store.disbursements.list(programmeId, { limit: 1_000 });
          print(
            records.length > startDisbursementsShownMax
              ? `Disbursements (the latest ${startDisbursementsShownMax} of ${records.length})`
              : 'Disbursements',
          );
          for (const record of records.slice(-startDisbursementsShownMax))
            print(`  ${disbursementLine(record)}`);
        }
        const openHits = await app.store.screening.listHits({
          status: 'open',
          limit: startHitsShownMax,
        });
        print();
        print(
          `Screening review queue: ${openHits.length === 0 ? 'empty' : `${openHits.length}${openHits.length === startHitsShownMax ? '+' : ''} open hit(s)`}`,
        );
        for (const hit of openHits) print(`  ${hitLine(hit)}`);
        const audit = await verifyAudit(app.store, app.trustedKeys);
        print();
        print(
          `audit log: ${audit.eventsChecked} event(s), ${audit.ok ? 'intact' : `BROKEN: ${audit.firstProblem?.message}`}`,
        );
        if (!audit.ok) process.exitCode = 1;
        const administrator = await ensureFirstAdministrator(app.store, app.clock.nowUs());
        if (administrator) printFirstAdministrator(administrator);
        // the demo's two bootstrap administrators sign in too: they propose and approve role changes
        const issued = await issueDemoCredentials(app.store, demoUserIds, app.clock.nowUs());
        print();
        if (issued.length === 0)
          print(
            'demo users: their one-time passwords were printed at the first start (they are never stored in clear)',
          );
        else
          print(
            'demo users (one-time passwords, shown once; each is changed at first login, then TOTP is enrolled for approver, treasury, compliance):',
          );
        for (const user of issued)
          print(
            `  ${user.userId.padEnd(20)} ${user.roles.join(',').padEnd(22)} ${user.oneTimePassword}`,
          );
      });
      if (!settings) return;
      const { app } = await openOperatorApp();
      const running = await runServer(app, settings).catch(async (error: unknown) => {
        await app.close();
        throw error;
      });
      print(
        `Qanat listening on ${running.url}: web app ${running.url}/app/, API docs ${running.url}/docs; Ctrl-C stops it`,
      );
      await closeOnSignals(running);
    });
}

import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { verifyAudit } from '../../audit-service/verify-audit.js';
import { loadDemo } from '../../demo/load-demo.js';
import { dateOfInstantUs } from '../../programme/day-boundary.js';
import { currentProgramme } from '../../programme-service/current-programme.js';
import { programmeStatement } from '../../reporting/programme-statement.js';
import { disbursementLine } from '../render-disbursement.js';
import { statementLines } from '../render-statement.js';
import { print, withApp } from '../with-app.js';

/** src/cli/commands and dist/cli/commands both sit three levels below the repository. */
const demoManifestPath = fileURLToPath(new URL('../../../programmes/demo/demo.json', import.meta.url));
/** The demo's records start in 2020; the statement covers everything up to today. */
const statementFrom = '2020-01-01';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('open (or create) the store; on an empty store load the reference programme and the demo data; print the statement')
    .action(async () =>
      withApp(async (app) => {
        print(`Qanat store: ${app.store.dialect === 'sqlite' ? `SQLite at ${app.config.dataDir}/qanat.sqlite` : `PostgreSQL schema ${app.config.databaseSchema}`}`);
        let programmeIds = await app.store.programmes.listProgrammeIds();
        if (programmeIds.length === 0) {
          print('empty store: loading the reference programme and the demo data (programmes/demo/)…');
          const summary = await loadDemo(app.store, app.clock, app.screening, demoManifestPath);
          print(`loaded ${summary.programmeId} with ${summary.disbursements.length} demo disbursements`);
          programmeIds = await app.store.programmes.listProgrammeIds();
        }
        for (const programmeId of programmeIds) {
          const { programme } = await currentProgramme(app.store, programmeId);
          const today = dateOfInstantUs(app.clock.nowUs(), programme.timeZone);
          print();
          for (const line of statementLines(await programmeStatement(app.store, programmeId, { from: statementFrom, to: today }))) print(line);
          print('Disbursements');
          for (const record of await app.store.disbursements.list(programmeId, { limit: 20 })) print(`  ${disbursementLine(record)}`);
        }
        const audit = await verifyAudit(app.store, app.trustedKeys);
        print();
        print(`audit log: ${audit.eventsChecked} event(s), ${audit.ok ? 'intact' : `BROKEN: ${audit.firstProblem?.message}`}`);
        if (!audit.ok) process.exitCode = 1;
      }),
    );
}

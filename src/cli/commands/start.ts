import type { Command } from 'commander';
import { verifyAudit } from '../../audit-service/verify-audit.js';
import { formatAmountMinor } from '../../money/amount.js';
import { print, withApp } from '../with-app.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('open (or create) the store and show the state of the ledger')
    .action(async () =>
      withApp(async (app) => {
        print(`Qanat store: ${app.store.dialect === 'sqlite' ? `SQLite at ${app.config.dataDir}/qanat.sqlite` : `PostgreSQL schema ${app.config.databaseSchema}`}`);
        const accounts = await app.store.ledger.listAccounts();
        print(`${accounts.length} account(s)`);
        for (const a of accounts) {
          print(`  ${a.id.padEnd(40)} ${formatAmountMinor(a.creditsPostedMinor - a.debitsPostedMinor, a.currency).padStart(22)} ${a.currency}`);
        }
        const audit = await verifyAudit(app.store, app.trustedKeys);
        print(`audit log: ${audit.eventsChecked} event(s), ${audit.ok ? 'intact' : `BROKEN: ${audit.firstProblem?.message}`}`);
        if (!audit.ok) process.exitCode = 1;
      }),
    );
}

import type { Command } from 'commander';
import { verifyAudit } from '../../audit-service/verify-audit.js';
import { createCheckpoint } from '../../audit-service/create-checkpoint.js';
import { recheckRecordedControls } from '../../audit-service/recheck-controls.js';
import { print, withApp } from '../with-app.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description('check every hash chain, checkpoint signature, transfer digest and account balance; exit 1 on the first break')
    .action(async () =>
      withApp(async (app) => {
        const startedMs = performance.now();
        const result = await verifyAudit(app.store, app.trustedKeys);
        // Every control replayed from the recorded facts: approvals, screening, waiver, caps, overrides.
        const controlBreaks = await recheckRecordedControls(app.store);
        const elapsedMs = performance.now() - startedMs;
        print(`${result.eventsChecked} events in ${result.chainsChecked} chain(s), ${result.checkpointsChecked} signed checkpoint(s), ${result.transfersChecked} transfers checked in ${elapsedMs.toFixed(0)} ms`);
        for (const entry of controlBreaks.slice(0, 50)) print(`CONTROL BREAK [${entry.code}] ${entry.message}`);
        if (controlBreaks.length > 0) process.exitCode = 1;
        if (result.ok && controlBreaks.length > 0) return;
        if (result.ok) {
          print('audit log intact');
          return;
        }
        print(`BROKEN: ${result.firstProblem?.message ?? 'unknown'}`);
        for (const problem of result.problems.slice(1, 20)) print(`  also: ${problem.message}`);
        process.exitCode = 1;
      }),
    );

  audit
    .command('checkpoint')
    .description("sign the current head of every chain with the deployment's key")
    .action(async () =>
      withApp(async (app) => {
        const checkpoint = await createCheckpoint(app.store, app.signer, app.clock.nowUs());
        print(`checkpoint signed by key ${checkpoint.keyId} over ${checkpoint.heads.length} chain head(s)`);
      }),
    );
}

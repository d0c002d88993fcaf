// `qanat bank …`: send instructed payments to the custodian as pain.001, read its pain.002 and
// camt.054 files back, and work the reconciliation exception list.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { DomainError } from '../../../core/domain-error.js';
import { exportInstructionRun } from '../../../app/bank/export-instructions.js';
import { importBankFile } from '../../../app/bank/import-bank-file.js';
import { resolveReconciliationException } from '../../../app/bank/resolve-exception.js';
import { xmlLimits } from '../../../app/bank/safe-xml.js';
import { resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { bankListLimitMax } from '../../../app/ports/bank-port.js';
import { actorContext, type ActorOptions } from '../actor-context.js';
import { readFileBytes } from '../read-text-file.js';
import { print, printJson, withApp } from '../with-app.js';

type ProgrammeOptions = ActorOptions & { programme?: string };

export function registerBankCommands(program: Command): void {
  const bank = program.command('bank').description('ISO 20022 files with the custodian bank: pain.001 out, pain.002 and camt.054 in, reconciliation exceptions');
  const instructions = bank.command('instructions').description('payment instruction files (pain.001.001.09)');

  instructions
    .command('export')
    .description('write every instructed disbursement not yet sent into one pain.001 file (one run), and record it')
    .requiredOption('--out <file>', 'where to write the pain.001 XML')
    .option('--programme <id>')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'instruction run sent to the custodian')
    .action(async (options: ProgrammeOptions & { out: string }) =>
      withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const exported = await exportInstructionRun(app.store, programmeId, actorContext(app, options));
        writeFileSync(options.out, exported.run.fileXml);
        print(`${exported.run.messageId}: ${exported.run.paymentCount} payment(s) written to ${options.out} (sha256:${exported.run.fileSha256})`);
        for (const id of exported.disbursementIds) print(`  ${id}`);
      }),
    );

  instructions
    .command('show <messageId>')
    .description('write a recorded run again, byte for byte')
    .requiredOption('--out <file>')
    .action(async (messageId: string, options: { out: string }) =>
      withApp(async (app) => {
        const run = await app.store.bank.getRun(messageId);
        if (!run) throw new DomainError('bank.run_not_found', `no instruction run "${messageId}"`, { field: 'messageId' });
        writeFileSync(options.out, run.fileXml);
        print(`${run.messageId}: ${run.paymentCount} payment(s), sha256:${run.fileSha256}`);
      }),
    );

  bank
    .command('import <file>')
    .description('apply a pain.002 status report or a camt.054 notification from the bank (the same file twice changes nothing)')
    .option('--programme <id>')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'file received from the custodian')
    .option('--json')
    .action(async (file: string, options: ProgrammeOptions & { json?: boolean }) =>
      withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const result = await importBankFile(app.store, programmeId, readFileBytes(file, xmlLimits.bytesMax), actorContext(app, options), app.screening);
        if (options.json) return printJson(result);
        print(`${result.file.kind} ${result.file.messageId}: ${result.status === 'duplicate' ? 'already imported, nothing changed' : 'imported'} (sha256:${result.file.fileSha256})`);
        for (const outcome of result.outcomes) {
          if (outcome.type === 'exception') print(`  entry ${outcome.entryIndex}: exception ${outcome.code}: ${outcome.message}`);
          else if (outcome.type === 'ignore') print(`  entry ${outcome.entryIndex}: ignored (${outcome.why})`);
          else print(`  entry ${outcome.entryIndex}: ${outcome.disbursementId} ${outcome.type}${outcome.type === 'reject' ? ` ${outcome.reasonCode}` : ''}`);
        }
      }),
    );

  const exceptions = bank.command('exceptions').description('entries the bank sent that did not match: treasury resolves each with a reason');
  exceptions
    .command('list')
    .option('--programme <id>')
    .option('--all', 'include resolved ones')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json')
    .action(async (options: { programme?: string; all?: boolean; limit: string; json?: boolean }) =>
      withApp(async (app) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > bankListLimitMax) throw new DomainError('input.limit_invalid', `--limit must be 1–${bankListLimitMax}`, { field: 'limit' });
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const list = await app.store.bank.listExceptions(programmeId, { openOnly: !options.all, limit });
        if (options.json) return printJson(list);
        if (list.length === 0) print('no reconciliation exceptions');
        for (const entry of list) print(`${entry.exceptionId}  ${entry.code}  ${entry.disbursementId ?? '-'}  ${entry.resolvedBy ? `resolved by ${entry.resolvedBy}: ${entry.resolution ?? ''}` : 'open'}\n    ${entry.message}`);
      }),
    );
  exceptions
    .command('resolve <exceptionId>')
    .option('--actor <name>')
    .requiredOption('--reason <text>', 'what was checked with the bank and what was done')
    .action(async (exceptionId: string, options: ActorOptions) =>
      withApp(async (app) => {
        const resolved = await resolveReconciliationException(app.store, exceptionId, actorContext(app, options));
        print(`${resolved.exceptionId}: resolved by ${resolved.resolvedBy ?? ''}`);
      }),
    );
}

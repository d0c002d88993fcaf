import type { Command } from 'commander';
import { programmeStatement } from '../../../app/reporting/programme-statement.js';
import { statementLines } from '../render-statement.js';
import { print, printJson, withApp } from '../with-app.js';

export function registerStatementCommand(program: Command): void {
  program
    .command('statement')
    .description('invoiced, deposited, disbursed per channel, reserved, available, arrears and waiver status, read from the ledger')
    .option('--programme <id>')
    .requiredOption('--from <date>', 'first day (programme time zone)')
    .requiredOption('--to <date>', 'last day')
    .option('--basis <basis>', 'business: movements by period, received and value date; booking: by when Qanat recorded them', 'business')
    .option('--json')
    .action(async (options: { programme?: string; from: string; to: string; basis: string; json?: boolean }) =>
      withApp(async (app) => {
        const statement = await programmeStatement(app.store, options.programme, options);
        if (options.json) return printJson(statement);
        for (const line of statementLines(statement)) print(line);
      }),
    );
}

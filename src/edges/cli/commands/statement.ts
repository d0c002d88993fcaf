// `qanat statement`: a client of GET /programmes/:id/statement as the logged-in user.
import type { Command } from 'commander';
import type { ProgrammeStatement } from '../../../app/reporting/programme-statement.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf, reviveMinorAndInstants } from '../api-client/api-helpers.js';
import { statementLines } from '../render-statement.js';
import { print, printJson } from '../with-app.js';

export function registerStatementCommand(program: Command): void {
  program
    .command('statement')
    .description(
      'invoiced, deposited, disbursed per channel, reserved, available, arrears and waiver status, read from the ledger (through the API)',
    )
    .option('--programme <id>')
    .requiredOption('--from <date>', 'first day (programme time zone)')
    .requiredOption('--to <date>', 'last day')
    .option(
      '--basis <basis>',
      'business: movements by period, received and value date; booking: by when Qanat recorded them',
      'business',
    )
    .option('--json')
    .action(
      async (options: {
        programme?: string;
        from: string;
        to: string;
        basis: string;
        json?: boolean;
      }) => {
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const answer = await api.get(`/programmes/${encodeURIComponent(programmeId)}/statement`, {
          from: options.from,
          to: options.to,
          basis: options.basis,
        });
        if (options.json) return printJson(answer);
        for (const line of statementLines(reviveMinorAndInstants<ProgrammeStatement>(answer)))
          print(line);
      },
    );
}

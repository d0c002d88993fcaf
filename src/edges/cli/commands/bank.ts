// `qanat bank …`: send instructed payments to the custodian as pain.001, read its pain.002 and
// camt.054 files back, and work the reconciliation exception list. A client of the bank routes:
// every step runs as the logged-in user (treasury), the server checks the role and the rules.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { DomainError } from '../../../core/domain-error.js';
import { xmlLimits } from '../../../app/bank/safe-xml.js';
import { bankListLimitMax } from '../../../app/ports/bank-port.js';
import { connect, type QanatApi } from '../api-client/api-client.js';
import { fileForm, programmeOf } from '../api-client/api-helpers.js';
import { CliFailure, exitCodes } from '../api-client/cli-failure.js';
import { readFileBytes } from '../read-text-file.js';
import { print, printJson } from '../with-app.js';

interface Run {
  messageId: string;
  paymentCount: number;
  fileSha256: string;
  disbursementIds: string[];
}
interface BankException {
  exceptionId: string;
  code: string;
  message: string;
  disbursementId: string | null;
  resolvedBy: string | null;
  resolution?: string | null;
}
/** one entry of the bank's file and what became of it (app/bank/import-bank-file.ts), as JSON */
interface Outcome {
  type: string;
  entryIndex: number;
  code?: string;
  message?: string;
  why?: string;
  disbursementId?: string | null;
  reasonCode?: string;
}
interface ImportResult {
  status: 'imported' | 'duplicate';
  file: { kind: string; messageId: string; fileSha256: string };
  outcomes: Outcome[];
}

const bankPath = async (api: QanatApi, programme: string | undefined, rest: string) =>
  `/programmes/${encodeURIComponent(await programmeOf(api, programme))}/bank/${rest}`;

/** a run's pain.001 downloaded and written to `out`, refused if it is not the file recorded */
async function writeRun(
  api: QanatApi,
  programme: string | undefined,
  messageId: string,
  fileSha256: string | undefined,
  out: string,
): Promise<string> {
  const xml = await api.getText(
    await bankPath(api, programme, `instruction-runs/${encodeURIComponent(messageId)}`),
  );
  const sha256 = createHash('sha256').update(xml, 'utf8').digest('hex');
  if (fileSha256 !== undefined && sha256 !== fileSha256)
    throw new CliFailure(
      exitCodes.refused,
      `the downloaded run ${messageId} has sha256:${sha256}, not the recorded sha256:${fileSha256}; nothing written`,
    );
  writeFileSync(out, xml);
  return sha256;
}

export function registerBankCommands(program: Command): void {
  const bank = program
    .command('bank')
    .description(
      'ISO 20022 files with the custodian bank, through the API as the logged-in user: pain.001 out, pain.002 and camt.054 in, reconciliation exceptions',
    );
  const instructions = bank
    .command('instructions')
    .description('payment instruction files (pain.001.001.09)');

  instructions
    .command('export')
    .description(
      'write every instructed disbursement not yet sent into one pain.001 file (one run), and record it',
    )
    .requiredOption('--out <file>', 'where to write the pain.001 XML')
    .option('--programme <id>')
    .option('--reason <text>', 'why', 'instruction run sent to the custodian')
    .action(async (options: { programme?: string; reason: string; out: string }) => {
      const api = connect();
      const run = await api.post<Run>(await bankPath(api, options.programme, 'instruction-runs'), {
        reason: options.reason,
      });
      await writeRun(api, options.programme, run.messageId, run.fileSha256, options.out);
      print(
        `${run.messageId}: ${run.paymentCount} payment(s) written to ${options.out} (sha256:${run.fileSha256})`,
      );
      for (const id of run.disbursementIds) print(`  ${id}`);
    });

  instructions
    .command('show <messageId>')
    .description('write a recorded run again, byte for byte')
    .requiredOption('--out <file>')
    .option('--programme <id>')
    .action(async (messageId: string, options: { out: string; programme?: string }) => {
      const sha256 = await writeRun(
        connect(),
        options.programme,
        messageId,
        undefined,
        options.out,
      );
      print(`${messageId}: written to ${options.out} (sha256:${sha256})`);
    });

  bank
    .command('import <file>')
    .description(
      'apply a pain.002 status report or a camt.054 notification from the bank (the same file twice changes nothing)',
    )
    .option('--programme <id>')
    .option('--reason <text>', 'why', 'file received from the custodian')
    .option('--json')
    .action(
      async (file: string, options: { programme?: string; reason: string; json?: boolean }) => {
        const bytes = readFileBytes(file, xmlLimits.bytesMax);
        const api = connect();
        const result = await api.postForm<ImportResult>(
          await bankPath(api, options.programme, 'files'),
          fileForm({ reason: options.reason }, { name: file, bytes, type: 'application/xml' }),
        );
        if (options.json) return printJson(result);
        print(
          `${result.file.kind} ${result.file.messageId}: ${result.status === 'duplicate' ? 'already imported, nothing changed' : 'imported'} (sha256:${result.file.fileSha256})`,
        );
        for (const outcome of result.outcomes) {
          if (outcome.type === 'exception')
            print(
              `  entry ${outcome.entryIndex}: exception ${outcome.code ?? ''}: ${outcome.message ?? ''}`,
            );
          else if (outcome.type === 'ignore')
            print(`  entry ${outcome.entryIndex}: ignored (${outcome.why ?? ''})`);
          else
            print(
              `  entry ${outcome.entryIndex}: ${outcome.disbursementId ?? '-'} ${outcome.type}${outcome.type === 'reject' ? ` ${outcome.reasonCode ?? ''}` : ''}`,
            );
        }
      },
    );

  const exceptions = bank
    .command('exceptions')
    .description('entries the bank sent that did not match: treasury resolves each with a reason');
  exceptions
    .command('list')
    .option('--programme <id>')
    .option('--all', 'include resolved ones')
    .option('--limit <n>', 'at most this many', '100')
    .option('--json')
    .action(
      async (options: { programme?: string; all?: boolean; limit: string; json?: boolean }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > bankListLimitMax)
          throw new DomainError('input.limit_invalid', `--limit must be 1–${bankListLimitMax}`, {
            field: 'limit',
          });
        const api = connect();
        // every page, oldest first, up to --limit
        const items = (
          await api.all<BankException>(
            await bankPath(api, options.programme, 'exceptions'),
            { all: options.all ? 'true' : undefined },
            limit,
          )
        ).slice(0, limit);
        if (options.json) return printJson(items);
        if (items.length === 0) print('no reconciliation exceptions');
        for (const entry of items)
          print(
            `${entry.exceptionId}  ${entry.code}  ${entry.disbursementId ?? '-'}  ${entry.resolvedBy ? `resolved by ${entry.resolvedBy}: ${entry.resolution ?? ''}` : 'open'}\n    ${entry.message}`,
          );
      },
    );
  exceptions
    .command('resolve <exceptionId>')
    .option('--programme <id>')
    .requiredOption('--reason <text>', 'what was checked with the bank and what was done')
    .action(async (exceptionId: string, options: { programme?: string; reason: string }) => {
      const api = connect();
      const { exception } = await api.post<{ exception: BankException }>(
        await bankPath(
          api,
          options.programme,
          `exceptions/${encodeURIComponent(exceptionId)}/resolve`,
        ),
        { reason: options.reason },
      );
      print(`${exception.exceptionId}: resolved by ${exception.resolvedBy ?? ''}`);
    });
}

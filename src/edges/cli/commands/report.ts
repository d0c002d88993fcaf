// `qanat report overseer`: the overseer's report for a period as PDF (people), CSV, HTML or JSON
// (machines), downloaded from GET /programmes/:id/reports/overseer as the logged-in user (or the
// QANAT_TOKEN machine) and written byte for byte to a file, or to stdout.
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { reportLanguages } from '../../../app/reporting/report-labels.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf } from '../api-client/api-helpers.js';
import { CliFailure, exitCodes } from '../api-client/cli-failure.js';
import { print, printJson } from '../with-app.js';

const formats = ['pdf', 'csv', 'json', 'html'] as const;

interface ReportOptions {
  programme?: string;
  from: string;
  to: string;
  format: string;
  lang: string;
  out?: string;
  json?: boolean;
}

export function registerReportCommands(program: Command): void {
  const report = program
    .command('report')
    .description('reports for the overseer (through the API)');
  report
    .command('overseer')
    .description(
      'every disbursement of the period with its controls, the statement, arrears by creditor and the waiver timeline',
    )
    .option('--programme <id>')
    .requiredOption('--from <date>', 'first day (programme time zone)')
    .requiredOption('--to <date>', 'last day')
    .option('--format <format>', formats.join('|'), 'pdf')
    .option('--lang <lang>', 'headings: ar|en', 'ar')
    .option('--out <file>', 'where to write the report; "-" or none: stdout')
    .option('--json', 'print what was written (file, sizes, hashes) as JSON; needs --out')
    .action(async (options: ReportOptions) => {
      // checked here too, so a wrong option is a usage error before any request
      if (!(formats as readonly string[]).includes(options.format))
        throw new CliFailure(exitCodes.usage, `--format must be one of ${formats.join(', ')}`);
      if (!(reportLanguages as readonly string[]).includes(options.lang))
        throw new CliFailure(
          exitCodes.usage,
          `--lang must be one of ${reportLanguages.join(', ')}`,
        );
      const toStdout = options.out === undefined || options.out === '-';
      if (toStdout && options.json)
        throw new CliFailure(
          exitCodes.usage,
          '--json describes the file written: give --out FILE (or --format json for the report itself)',
        );
      const api = connect();
      const programmeId = await programmeOf(api, options.programme);
      const { bytes, headers } = await api.getBytes(
        `/programmes/${encodeURIComponent(programmeId)}/reports/overseer`,
        { from: options.from, to: options.to, format: options.format, lang: options.lang },
      );
      if (toStdout) {
        process.stdout.write(bytes);
        return;
      }
      writeFileSync(options.out!, bytes);
      const written = {
        programmeId,
        from: options.from,
        to: options.to,
        format: options.format,
        lang: options.lang,
        out: options.out!,
        bytes: bytes.length,
        fileSha256: createHash('sha256').update(bytes).digest('hex'),
        // the model's hash: the one every PDF page's footer carries
        reportSha256: headers.get('x-report-sha256'),
      };
      if (options.json) return printJson(written);
      print(
        `overseer report ${written.from}–${written.to} (${written.format}, ${written.bytes} bytes), report sha256:${written.reportSha256} → ${written.out}`,
      );
    });
}

// `qanat import deliveries|invoices|deposits FILE.csv`: the CSV uploaded to the API as the
// logged-in user; every bad row comes back with its line and column.
import type { Command } from 'commander';
import { csvBytesMax } from '../../../core/programme/csv-import.js';
import { importKinds } from '../../../app/money-in/import-csv.js';
import { DomainError } from '../../../core/domain-error.js';
import { connect } from '../api-client/api-client.js';
import { fileForm, programmeOf } from '../api-client/api-helpers.js';
import { exitCodes } from '../api-client/cli-failure.js';
import { readFileBytes } from '../read-text-file.js';
import { print, printJson } from '../with-app.js';

interface HeldRow {
  line: number;
  depositId: string;
  findings: { code: string; reason: string }[];
}
interface ImportReport {
  kind: string;
  imported: number;
  duplicates: number;
  fileSha256: string;
  rejected: { line: number; column?: string; reason: string }[];
  held: HeldRow[];
}

export function registerImportCommands(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(
      `import ${importKinds.join(' | ')} from CSV through the API: every bad row is reported (line, column, reason) and nothing is written unless --partial`,
    )
    .option('--programme <id>')
    .option('--partial', 'import the good rows and report the bad ones')
    .option('--reason <text>', 'why', 'CSV import')
    .option('--json')
    .action(
      async (
        kind: string,
        file: string,
        options: { programme?: string; partial?: boolean; reason: string; json?: boolean },
      ) => {
        if (!(importKinds as readonly string[]).includes(kind))
          throw new DomainError(
            'import.unknown_kind',
            `unknown import "${kind}"; use ${importKinds.join(', ')}`,
            { field: 'kind' },
          );
        const bytes = readFileBytes(file, csvBytesMax);
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const report = await api.postForm<ImportReport>(
          `/programmes/${encodeURIComponent(programmeId)}/imports/${kind}`,
          fileForm(
            { partial: String(options.partial ?? false), reason: options.reason },
            { name: file, bytes, type: 'text/csv' },
          ),
        );
        if (options.json) return printJson(report);
        print(
          `${report.kind}: ${report.imported} imported, ${report.duplicates} already recorded, ${report.rejected.length} rejected (file sha256 ${report.fileSha256.slice(0, 12)}…)`,
        );
        for (const error of report.rejected)
          print(
            `  line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.reason}`,
          );
        for (const row of report.held)
          print(
            `  line ${row.line}: deposit ${row.depositId} held for a second person (qanat deposit accept|reject): ${row.findings.map((finding) => `${finding.reason} [${finding.code}]`).join('; ')}`,
          );
        if (report.rejected.length > 0) process.exitCode = exitCodes.refused;
      },
    );
}

import type { Command } from 'commander';
import { csvBytesMax } from '../../../core/programme/csv-import.js';
import { importCsvText, importKinds, type ImportKind } from '../../../app/money-in/import-csv.js';
import { DomainError } from '../../../core/domain-error.js';
import { actorContext } from '../actor-context.js';
import { readTextFile } from '../read-text-file.js';
import { print, printJson, withApp } from '../with-app.js';

export function registerImportCommands(program: Command): void {
  program
    .command('import <kind> <file>')
    .description(`import ${importKinds.join(' | ')} from CSV: every bad row is reported (line, column, reason) and nothing is written unless --partial`)
    .option('--programme <id>')
    .option('--partial', 'import the good rows and report the bad ones')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'CSV import')
    .option('--json')
    .action(async (kind: string, file: string, options: { programme?: string; partial?: boolean; actor?: string; reason: string; json?: boolean }) => {
      if (!(importKinds as readonly string[]).includes(kind)) throw new DomainError('import.unknown_kind', `unknown import "${kind}"; use ${importKinds.join(', ')}`, { field: 'kind' });
      const text = readTextFile(file, csvBytesMax);
      return withApp(async (app) => {
        const report = await importCsvText(app.store, kind as ImportKind, options.programme, text, { partial: options.partial ?? false }, actorContext(app, options));
        if (options.json) return printJson(report);
        print(`${report.kind}: ${report.imported} imported, ${report.duplicates} already recorded, ${report.rejected.length} rejected (file sha256 ${report.fileSha256.slice(0, 12)}…)`);
        for (const error of report.rejected) print(`  line ${error.line}${error.column ? `, column ${error.column}` : ''}: ${error.reason}`);
        for (const row of report.held) print(`  line ${row.line}: deposit ${row.depositId} held for a second person (qanat deposit accept|reject): ${row.findings.map((finding) => `${finding.reason} [${finding.code}]`).join('; ')}`);
        if (report.rejected.length > 0) process.exitCode = 1;
      });
    });
}

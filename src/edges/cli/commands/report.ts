// `qanat report overseer`: the overseer's report for a period as PDF (people), CSV or JSON (machines).
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { DomainError } from '../../../core/domain-error.js';
import { overseerReport } from '../../../app/reporting/overseer-report.js';
import { overseerReportCsv } from '../../../app/reporting/overseer-report-csv.js';
import { overseerReportHtml, pageFooterHtml } from '../../../app/reporting/overseer-report-html.js';
import { reportJson } from '../../../app/reporting/overseer-report-model.js';
import { renderPdf } from '../../../app/reporting/render-pdf.js';
import { reportLanguages, type ReportLanguage } from '../../../app/reporting/report-labels.js';
import { print, withApp } from '../with-app.js';

const formats = ['pdf', 'csv', 'json', 'html'] as const;

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('reports for the overseer');
  report
    .command('overseer')
    .description('every disbursement of the period with its controls, the statement, arrears by creditor and the waiver timeline')
    .option('--programme <id>')
    .requiredOption('--from <date>', 'first day (programme time zone)')
    .requiredOption('--to <date>', 'last day')
    .option('--format <format>', formats.join('|'), 'pdf')
    .option('--lang <lang>', 'headings: ar|en', 'ar')
    .requiredOption('--out <file>')
    .action(async (options: { programme?: string; from: string; to: string; format: string; lang: string; out: string }) =>
      withApp(async (app) => {
        if (!(formats as readonly string[]).includes(options.format)) throw new DomainError('report.format_invalid', `--format must be one of ${formats.join(', ')}`, { field: 'format' });
        if (!(reportLanguages as readonly string[]).includes(options.lang)) throw new DomainError('report.language_invalid', `--lang must be one of ${reportLanguages.join(', ')}`, { field: 'lang' });
        const language = options.lang as ReportLanguage;
        const model = await overseerReport(app.store, options.programme, options, app.clock.nowUs());
        if (options.format === 'json') writeFileSync(options.out, `${reportJson(model)}\n`);
        else if (options.format === 'csv') writeFileSync(options.out, overseerReportCsv(model));
        else if (options.format === 'html') writeFileSync(options.out, overseerReportHtml(model, language));
        else writeFileSync(options.out, await renderPdf(overseerReportHtml(model, language), pageFooterHtml(model, language)));
        print(`overseer report ${model.from}–${model.to}: ${model.disbursements.length} disbursement(s), sha256:${model.sha256} → ${options.out}`);
      }),
    );
}

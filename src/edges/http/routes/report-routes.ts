// The overseer report over HTTP: the same model as `qanat report overseer`, as JSON or CSV for
// machines and as a PDF (headless Chromium, Arabic or English headings) for people.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { overseerReport } from '../../../app/reporting/overseer-report.js';
import { overseerReportCsv } from '../../../app/reporting/overseer-report-csv.js';
import { overseerReportHtml, pageFooterHtml } from '../../../app/reporting/overseer-report-html.js';
import { reportJson } from '../../../app/reporting/overseer-report-model.js';
import { renderPdf } from '../../../app/reporting/render-pdf.js';
import { reportLanguages, type ReportLanguage } from '../../../app/reporting/report-labels.js';
import type { ApiContext } from '../api-context.js';
import { defineRoute } from '../route-kit.js';
import { isoDate, programmeParams } from './schemas.js';

const formats = ['json', 'csv', 'pdf', 'html'] as const;

export function registerReportRoutes(server: FastifyInstance, context: ApiContext): void {
  const { app } = context;
  defineRoute(server, context, {
    operationId: 'getOverseerReport',
    method: 'GET',
    url: '/programmes/:programmeId/reports/overseer',
    summary: 'the overseer report for a period: json, csv, pdf or html; headings in ar or en',
    tags: ['reports'],
    params: programmeParams,
    querystring: z.strictObject({
      from: isoDate,
      to: isoDate,
      format: z.enum(formats).default('json'),
      lang: z
        .enum(reportLanguages as unknown as [ReportLanguage, ...ReportLanguage[]])
        .default('ar'),
    }),
    response: { 200: z.string().describe('the report, in the format asked for') },
    handler: async (request, reply) => {
      const { from, to, format, lang } = request.query;
      const model = await overseerReport(
        app.store,
        request.params.programmeId,
        { from, to },
        app.clock.nowUs(),
      );
      const name = `overseer-${model.programmeId}-${model.from}-${model.to}`;
      reply.header('x-report-sha256', model.sha256);
      if (format === 'json')
        return reply.type('application/json; charset=utf-8').send(`${reportJson(model)}\n`);
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(overseerReportCsv(model));
      if (format === 'html')
        return reply.type('text/html; charset=utf-8').send(overseerReportHtml(model, lang));
      const pdf = await renderPdf(overseerReportHtml(model, lang), pageFooterHtml(model, lang));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}-${lang}.pdf"`)
        .send(pdf);
    },
  });
}

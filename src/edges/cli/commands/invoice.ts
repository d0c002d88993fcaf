// `qanat invoice issue|credit`: invoices from recorded deliveries and credit notes, through the
// API as the logged-in user (invoices are never edited).
import type { Command } from 'commander';
import { formatAmountMinor } from '../../../core/money/amount.js';
import { parseIsoDate } from '../../../core/programme/calendar-date.js';
import { connect } from '../api-client/api-client.js';
import { programmeOf } from '../api-client/api-helpers.js';
import { print, printJson } from '../with-app.js';

export function registerInvoiceCommands(program: Command): void {
  const invoice = program
    .command('invoice')
    .description(
      'invoices from recorded deliveries, and credit notes (invoices are never edited); through the API',
    );

  invoice
    .command('issue')
    .description(
      "invoice a supplier's uninvoiced deliveries within a period at the tariff in force",
    )
    .requiredOption('--id <invoiceId>')
    .requiredOption('--supplier <partyId>')
    .requiredOption('--from <date>')
    .requiredOption('--to <date>')
    .option('--programme <id>')
    .option('--reason <text>', 'why', 'invoice issued from metered deliveries')
    .option('--json')
    .action(
      async (options: {
        id: string;
        supplier: string;
        from: string;
        to: string;
        programme?: string;
        reason: string;
        json?: boolean;
      }) => {
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const answer = await api.post<{
          status: string;
          invoice: { invoiceId: string; totalMinor: string; currency: string };
        }>(`/programmes/${encodeURIComponent(programmeId)}/invoices`, {
          invoiceId: options.id,
          supplierPartyId: options.supplier,
          periodStart: parseIsoDate(options.from, 'from'),
          periodEnd: parseIsoDate(options.to, 'to'),
          reason: options.reason,
        });
        if (options.json) return printJson(answer);
        print(
          `invoice ${answer.invoice.invoiceId} (${answer.status}): ${formatAmountMinor(BigInt(answer.invoice.totalMinor), answer.invoice.currency)} ${answer.invoice.currency}`,
        );
      },
    );

  invoice
    .command('credit')
    .description('a credit note reducing an invoice')
    .requiredOption('--id <creditNoteId>')
    .requiredOption('--invoice <invoiceId>')
    .requiredOption('--amount <decimal>')
    .requiredOption('--because <text>', 'the correction, as it appears on the credit note')
    .requiredOption('--issued-on <date>')
    .option('--programme <id>')
    .option('--reason <text>', 'why', 'credit note recorded')
    .option('--json')
    .action(
      async (options: {
        id: string;
        invoice: string;
        amount: string;
        because: string;
        issuedOn: string;
        programme?: string;
        reason: string;
        json?: boolean;
      }) => {
        const api = connect();
        const programmeId = await programmeOf(api, options.programme);
        const note = await api.post<{
          creditNoteId: string;
          invoiceId: string;
          amountMinor: string;
          currency: string;
        }>(`/programmes/${encodeURIComponent(programmeId)}/credit-notes`, {
          creditNoteId: options.id,
          invoiceId: options.invoice,
          amount: options.amount,
          because: options.because,
          issuedOn: parseIsoDate(options.issuedOn, 'issued-on'),
          reason: options.reason,
        });
        if (options.json) return printJson(note);
        print(
          `credit note ${note.creditNoteId} on ${note.invoiceId}: ${formatAmountMinor(BigInt(note.amountMinor), note.currency)} ${note.currency}`,
        );
      },
    );
}

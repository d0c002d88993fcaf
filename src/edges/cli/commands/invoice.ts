import type { Command } from 'commander';
import { formatAmountMinor, parseAmountMinor } from '../../../core/money/amount.js';
import { parseIsoDate } from '../../../core/programme/calendar-date.js';
import { currentProgramme, resolveProgrammeId } from '../../../app/shared/current-programme.js';
import { issueInvoiceFromDeliveries, recordCreditNote } from '../../../app/money-in/issue-invoice.js';
import { actorContext } from '../actor-context.js';
import { print, withApp } from '../with-app.js';

export function registerInvoiceCommands(program: Command): void {
  const invoice = program.command('invoice').description('invoices from recorded deliveries, and credit notes (invoices are never edited)');

  invoice
    .command('issue')
    .description("invoice a supplier's uninvoiced deliveries within a period at the tariff in force")
    .requiredOption('--id <invoiceId>')
    .requiredOption('--supplier <partyId>')
    .requiredOption('--from <date>')
    .requiredOption('--to <date>')
    .option('--programme <id>')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'invoice issued from metered deliveries')
    .action(async (options: { id: string; supplier: string; from: string; to: string; programme?: string; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const { invoice: issued, status } = await issueInvoiceFromDeliveries(app.store, options.programme, { invoiceId: options.id, supplierPartyId: options.supplier, periodStart: parseIsoDate(options.from, 'from'), periodEnd: parseIsoDate(options.to, 'to') }, actorContext(app, options));
        print(`invoice ${issued.invoiceId} (${status}): ${formatAmountMinor(issued.totalMinor, issued.currency)} ${issued.currency}`);
      }),
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
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'credit note recorded')
    .action(async (options: { id: string; invoice: string; amount: string; because: string; issuedOn: string; programme?: string; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const programmeId = await resolveProgrammeId(app.store, options.programme);
        const { programme } = await currentProgramme(app.store, programmeId);
        const amountMinor = parseAmountMinor(options.amount, programme.settlementCurrency, { field: 'amount', allowZero: false });
        const note = await recordCreditNote(app.store, programmeId, { creditNoteId: options.id, invoiceId: options.invoice, amountMinor, reason: options.because, issuedOn: parseIsoDate(options.issuedOn, 'issued-on') }, actorContext(app, options));
        print(`credit note ${note.creditNoteId} on ${note.invoiceId}: ${formatAmountMinor(note.amountMinor, note.currency)} ${note.currency}`);
      }),
    );
}

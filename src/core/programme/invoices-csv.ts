// invoices.csv: invoices as issued by the supplier, checked against the tariff: the amount must be
// exactly quantity × tariff, so an invoice at a price nobody agreed is caught at import.
//   invoice_id,supplier_id,commodity,period_start,period_end,quantity,unit,currency,amount
import { formatAmountMinor } from '../money/amount.js';
import { importCsv, type CsvImportOptions, type ImportResult } from './csv-import.js';
import {
  deliveryTariff,
  quantityInBaseUnits,
  valueUnderTariffMinor,
  type Delivery,
} from './delivery.js';
import { readDeliveryRow } from './deliveries-csv.js';
import type { Invoice } from './invoice.js';
import type { Programme } from './programme.js';

export function importInvoicesCsv(
  programme: Programme,
  text: string,
  options: CsvImportOptions = {},
): ImportResult<Invoice> {
  return importCsv<Invoice>(
    text,
    {
      requiredColumns: [
        'invoice_id',
        'supplier_id',
        'commodity',
        'period_start',
        'period_end',
        'quantity',
        'unit',
        'currency',
        'amount',
      ],
      readRow: (reader) => {
        const invoiceId = reader.text('invoice_id');
        const delivery: Delivery | undefined = readDeliveryRow(programme, reader);
        const currency = reader.currency('currency');
        const amountMinor = reader.amountMinor('amount', currency);
        if (
          invoiceId === undefined ||
          delivery === undefined ||
          currency === undefined ||
          amountMinor === undefined
        )
          return undefined;
        const tariff = deliveryTariff(programme, delivery);
        if (currency !== tariff.currency)
          return reader.fail(
            'currency',
            `${currency} does not match the currency of tariff ${tariff.tariffId} (${tariff.currency})`,
          );
        const quantityBase = quantityInBaseUnits(programme, delivery);
        const expectedMinor = valueUnderTariffMinor(programme, quantityBase, tariff);
        if (amountMinor !== expectedMinor) {
          return reader.fail(
            'amount',
            `${formatAmountMinor(amountMinor, currency)} does not equal quantity × tariff ${tariff.tariffId} = ${formatAmountMinor(expectedMinor, currency)} ${currency}`,
          );
        }
        return {
          invoiceId,
          supplierPartyId: delivery.supplierPartyId,
          periodStart: delivery.periodStart,
          periodEnd: delivery.periodEnd,
          currency,
          lines: [
            { commodity: delivery.commodity, tariffId: tariff.tariffId, quantityBase, amountMinor },
          ],
          totalMinor: amountMinor,
        };
      },
      duplicateKey: (invoice) => invoice.invoiceId,
      conflictWith: (invoice, earlier) =>
        earlier.value.supplierPartyId === invoice.supplierPartyId &&
        earlier.value.lines[0]!.commodity === invoice.lines[0]!.commodity &&
        earlier.value.periodStart <= invoice.periodEnd &&
        invoice.periodStart <= earlier.value.periodEnd
          ? `period overlaps invoice ${earlier.value.invoiceId} on line ${earlier.line} for the same supplier and commodity (corrections are credit notes, not second invoices)`
          : undefined,
    },
    options,
  );
}

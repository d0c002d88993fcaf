// deliveries.csv: one row per supplier, commodity, metering point and period.
//   supplier_id,commodity,period_start,period_end,quantity,unit[,reference]
import { DomainError } from '../domain-error.js';
import {
  importCsv,
  type CsvImportOptions,
  type ImportResult,
  type RowReader,
} from './csv-import.js';
import { deliveryTariff, validateDelivery, type Delivery } from './delivery.js';
import type { Programme } from './programme.js';

/** Meters report to the thousandth of a unit; more digits are a unit mistake, not precision. */
export const deliveryQuantityScaleMax = 3;

export function readDeliveryRow(programme: Programme, reader: RowReader): Delivery | undefined {
  const supplierPartyId = reader.text('supplier_id');
  const commodity = reader.oneOf('commodity', ['gas', 'electricity'] as const);
  const periodStart = reader.date('period_start');
  const periodEnd = reader.date('period_end');
  const quantity = reader.decimal('quantity', {
    scaleMax: deliveryQuantityScaleMax,
    positive: true,
  });
  const quantityUnit = reader.text('unit');
  const reference = reader.text('reference', { optional: true });
  if (
    supplierPartyId === undefined ||
    commodity === undefined ||
    periodStart === undefined ||
    periodEnd === undefined ||
    quantity === undefined ||
    quantityUnit === undefined
  )
    return undefined;
  const delivery: Delivery = {
    supplierPartyId,
    commodity,
    periodStart,
    periodEnd,
    quantity,
    quantityUnit,
    ...(reference !== undefined ? { reference } : {}),
  };
  const columnOf: Record<string, string> = {
    supplierPartyId: 'supplier_id',
    periodEnd: 'period_end',
    periodStart: 'period_start',
    quantity: 'quantity',
    quantityUnit: 'unit',
  };
  try {
    validateDelivery(programme, delivery);
    deliveryTariff(programme, delivery);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return reader.fail(columnOf[error.field ?? ''], error.message.replace(/^[^:]*: /, ''));
  }
  return delivery;
}

export function importDeliveriesCsv(
  programme: Programme,
  text: string,
  options: CsvImportOptions = {},
): ImportResult<Delivery> {
  return importCsv(
    text,
    {
      requiredColumns: [
        'supplier_id',
        'commodity',
        'period_start',
        'period_end',
        'quantity',
        'unit',
      ],
      optionalColumns: ['reference'],
      readRow: (reader) => readDeliveryRow(programme, reader),
      duplicateKey: (delivery) =>
        [
          delivery.supplierPartyId,
          delivery.commodity,
          delivery.reference ?? '',
          delivery.periodStart,
          delivery.periodEnd,
        ].join('|'),
      conflictWith: (delivery, earlier) =>
        earlier.value.supplierPartyId === delivery.supplierPartyId &&
        earlier.value.commodity === delivery.commodity &&
        (earlier.value.reference ?? '') === (delivery.reference ?? '') &&
        earlier.value.periodStart <= delivery.periodEnd &&
        delivery.periodStart <= earlier.value.periodEnd
          ? `period overlaps line ${earlier.line} for the same supplier, commodity and metering point (would be billed twice)`
          : undefined,
    },
    options,
  );
}

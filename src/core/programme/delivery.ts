// Gas and electricity delivered by a supplier over a period, and its value under the tariff.
import { DomainError } from '../domain-error.js';
import type { Decimal } from '../money/decimal.js';
import { extendedAmountMinor } from '../money/extended-amount.js';
import type { IsoDate } from './calendar-date.js';
import { multiplyDecimal } from './decimal-arithmetic.js';
import {
  findParty,
  type Commodity,
  type Programme,
  type QuantityUnit,
  type Tariff,
} from './programme.js';
import { tariffInForce } from './tariff.js';

export interface Delivery {
  readonly supplierPartyId: string;
  readonly commodity: Commodity;
  /** first day of the metering period */
  readonly periodStart: IsoDate;
  /** last day of the metering period (inclusive) */
  readonly periodEnd: IsoDate;
  readonly quantity: Decimal;
  /** as metered: "m3", "million-m3", "MWh", … (programme quantityUnits) */
  readonly quantityUnit: string;
  /** metering point or dispatch reference */
  readonly reference?: string;
}

export function quantityUnitOf(
  programme: Programme,
  unit: string,
  commodity: Commodity,
  field = 'quantityUnit',
): QuantityUnit {
  const found = programme.quantityUnits.find((entry) => entry.unit === unit);
  if (!found)
    throw new DomainError(
      'delivery.unit_unknown',
      `${field}: unknown unit "${unit}"; use one of ${programme.quantityUnits.map((entry) => entry.unit).join(', ')}`,
      { field },
    );
  if (found.commodity !== commodity)
    throw new DomainError(
      'delivery.unit_commodity_mismatch',
      `${field}: "${unit}" measures ${found.commodity}, not ${commodity}`,
      { field },
    );
  return found;
}

/** Throws the first problem as a DomainError naming the field. */
export function validateDelivery(programme: Programme, delivery: Delivery): void {
  const supplier = findParty(programme, delivery.supplierPartyId);
  if (!supplier)
    throw new DomainError(
      'party.unknown',
      `supplierPartyId: unknown party "${delivery.supplierPartyId}"`,
      { field: 'supplierPartyId' },
    );
  if (!supplier.roles.includes('creditor'))
    throw new DomainError(
      'delivery.supplier_not_creditor',
      `supplierPartyId: "${delivery.supplierPartyId}" is not a supplier (creditor) of this programme`,
      { field: 'supplierPartyId' },
    );
  if (delivery.periodEnd < delivery.periodStart) {
    throw new DomainError(
      'delivery.period_end_before_start',
      `periodEnd: ${delivery.periodEnd} is before periodStart ${delivery.periodStart}`,
      { field: 'periodEnd' },
    );
  }
  if (delivery.quantity.mantissa <= 0n)
    throw new DomainError('delivery.quantity_not_positive', 'quantity: must be greater than zero', {
      field: 'quantity',
    });
  quantityUnitOf(programme, delivery.quantityUnit, delivery.commodity);
}

/** The delivered quantity in the commodity's base unit (m³ for gas, MWh for electricity), exactly. */
export function quantityInBaseUnits(
  programme: Programme,
  delivery: Pick<Delivery, 'quantity' | 'quantityUnit' | 'commodity'>,
): Decimal {
  return multiplyDecimal(
    delivery.quantity,
    quantityUnitOf(programme, delivery.quantityUnit, delivery.commodity).baseUnitsPerUnit,
  );
}

/**
 * Value of a base-unit quantity under a tariff, rounded half-even once. The unit conversion is
 * folded into the divisor rather than applied to the quantity first, so no step rounds.
 */
export function valueUnderTariffMinor(
  programme: Programme,
  quantityBase: Decimal,
  tariff: Tariff,
): bigint {
  const tariffUnit = quantityUnitOf(
    programme,
    tariff.quantityUnit,
    tariff.commodity,
    'tariff.quantityUnit',
  );
  return extendedAmountMinor({
    quantity: quantityBase,
    unitPrice: tariff.price,
    priceUnitQuantity: multiplyDecimal(tariff.priceUnitQuantity, tariffUnit.baseUnitsPerUnit),
    currency: tariff.currency,
  });
}

export function deliveryTariff(programme: Programme, delivery: Delivery): Tariff {
  return tariffInForce(
    programme,
    delivery.supplierPartyId,
    delivery.commodity,
    delivery.periodStart,
    delivery.periodEnd,
  );
}

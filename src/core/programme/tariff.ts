// Which tariff prices a delivery. A delivery period must fall under one tariff: if the price
// changed mid-period, the delivery has to be split at the change, or one of the two prices would
// be applied to quantities it was never agreed for.
import { DomainError } from '../domain-error.js';
import type { IsoDate } from './calendar-date.js';
import type { Commodity, Programme, Tariff } from './programme.js';

export function tariffInForce(
  programme: Programme,
  supplierPartyId: string,
  commodity: Commodity,
  periodStart: IsoDate,
  periodEnd: IsoDate,
): Tariff {
  const candidates = programme.tariffs.filter(
    (tariff) => tariff.supplierPartyId === supplierPartyId && tariff.commodity === commodity,
  );
  const atStart = candidates.find(
    (tariff) =>
      tariff.validFrom <= periodStart && periodStart <= (tariff.validUntil ?? '9999-12-31'),
  );
  if (!atStart) {
    throw new DomainError(
      'tariff.none_in_force',
      `no ${commodity} tariff of ${supplierPartyId} is in force on ${periodStart}`,
      { field: 'periodStart' },
    );
  }
  if (atStart.validUntil !== undefined && atStart.validUntil < periodEnd) {
    throw new DomainError(
      'tariff.changes_within_period',
      `tariff ${atStart.tariffId} ends on ${atStart.validUntil}, within the period ${periodStart}–${periodEnd}; split the delivery at the tariff change`,
      { field: 'periodEnd' },
    );
  }
  return atStart;
}

// OFAC's 50% rule: an entity owned 50% or more in aggregate, directly, by blocked parties is itself
// blocked, even when it is on no list. Shares are exact decimals; owners without a known share
// count for nothing here (they are still screened as parties in their own right).
import type { Decimal } from '../money/decimal.js';
import { addDecimal, compareDecimal, zeroDecimal } from '../programme/decimal-arithmetic.js';

export const blockingOwnershipPercent: Decimal = { mantissa: 50n, scale: 0 };

export interface OwnerStanding {
  readonly ownerId: string;
  readonly sharePercent: Decimal;
  readonly blocked: boolean;
}

export function blockedOwnershipPercent(owners: readonly OwnerStanding[]): Decimal {
  return owners
    .filter((owner) => owner.blocked)
    .reduce((sum, owner) => addDecimal(sum, owner.sharePercent), zeroDecimal);
}

export function blockedByOwnership(
  owners: readonly OwnerStanding[],
  thresholdPercent: Decimal = blockingOwnershipPercent,
): boolean {
  const blocked = blockedOwnershipPercent(owners);
  return blocked.mantissa > 0n && compareDecimal(blocked, thresholdPercent) >= 0;
}

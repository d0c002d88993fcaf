// Could this payee be the creditor in disguise? Paying the creditor directly is what the whole
// arrangement forbids; the usual disguises are a company it owns (OFAC's 50% rule) or one of its
// own bank accounts under another name.
import type { Decimal } from '../money/decimal.js';
import type { Party, Programme } from './programme.js';

export interface CreditorExposure {
  readonly isCreditor: boolean;
  /** aggregate share held by creditor parties, in percent */
  readonly creditorOwnershipPercent: Decimal;
  readonly ownedByCreditor: boolean;
  /** payee accounts that are also a creditor's account */
  readonly sharedIbans: readonly string[];
}

function toScale(value: Decimal, scale: number): bigint {
  return value.mantissa * 10n ** BigInt(scale - value.scale);
}

export function creditorExposure(programme: Programme, payee: Party): CreditorExposure {
  const creditors = programme.parties.filter((party) => party.roles.includes('creditor'));
  const creditorIds = new Set(creditors.map((party) => party.partyId));
  const owned = payee.beneficialOwners.filter(
    (owner) => owner.partyId !== undefined && creditorIds.has(owner.partyId),
  );
  const scale = Math.max(
    programme.creditorOwnershipThresholdPercent.scale,
    ...owned.map((owner) => owner.sharePercent.scale),
  );
  // Shares of several creditor entities add up, as under OFAC's aggregation guidance.
  const totalScaled = owned.reduce((sum, owner) => sum + toScale(owner.sharePercent, scale), 0n);
  const creditorIbans = new Set(
    creditors.flatMap((party) => [
      ...party.bankAccounts.map((account) => account.iban),
      ...party.identifiers.filter((entry) => entry.type === 'iban').map((entry) => entry.value),
    ]),
  );
  return {
    isCreditor: creditorIds.has(payee.partyId) || payee.roles.includes('creditor'),
    creditorOwnershipPercent: { mantissa: totalScaled, scale },
    ownedByCreditor:
      totalScaled > 0n &&
      totalScaled >= toScale(programme.creditorOwnershipThresholdPercent, scale),
    sharedIbans: payee.bankAccounts
      .map((account) => account.iban)
      .filter((iban) => creditorIbans.has(iban)),
  };
}

import type { AuditPayloadValue } from '../../core/audit/audit-event.js';
import type { BeneficiaryAccount } from '../../core/programme/beneficiary-account.js';

/** The beneficiary account as it travels with the reservation and the bank instruction (audit payload). */
export function accountPayload(account: BeneficiaryAccount | undefined): {
  beneficiaryAccount: AuditPayloadValue;
} {
  if (!account) return { beneficiaryAccount: null };
  return {
    beneficiaryAccount: {
      iban: account.iban ?? null,
      accountNumber: account.accountNumber ?? null,
      bic: account.bic,
      bankName: account.bankName,
      bankCountry: account.bankCountry,
    },
  };
}

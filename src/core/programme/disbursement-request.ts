// What a maker asks for: plain data, validated by channel-rules.ts against the programme.
import type { CurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import type { IsoDate } from './calendar-date.js';
import type { BeneficiaryAccount } from './beneficiary-account.js';

export interface DocumentRef {
  /** a document kind of the programme, e.g. "bill-of-lading" */
  readonly kind: string;
  /** SHA-256 of the stored blob, lower-case hex: documents are attached by content, never replaced */
  readonly sha256: string;
}

export interface GoodsLine {
  /** HS code as declared, 6 to 10 digits */
  readonly hsCode: string;
  readonly description: string;
  readonly quantity: Decimal;
  /** unit the price is quoted per, matched against the price band ("tonne", "kg", "dose") */
  readonly unit: string;
  /** price per unit in the request currency */
  readonly unitPrice: Decimal;
}

export interface DebtDetails {
  /** whose debt is being paid: must be the programme's creditor */
  readonly debtorOfRecordPartyId: string;
  readonly agreementReference: string;
}

export interface DisbursementRequest {
  readonly payeePartyId: string;
  /** the payee account the bank is to credit; must be one of the payee's registered accounts */
  readonly payeeIban?: string;
  /** the account the bank credits: required before approval (beneficiary-account.ts) */
  readonly beneficiaryAccount?: BeneficiaryAccount;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly valueDate: IsoDate;
  readonly purpose: string;
  readonly documents: readonly DocumentRef[];
  readonly goods?: readonly GoodsLine[];
  readonly debt?: DebtDetails;
}

// Ports for bank messaging (issue 11): the instruction runs Qanat sent (pain.001), the payment
// each disbursement became, the files the bank sent back (by SHA-256, so a file is applied once)
// and the reconciliation exceptions treasury resolves. src/adapters/store/sqlite/ and src/adapters/store/postgres/
// implement it in a file of the same name.
import type { BankMessageType } from '../bank/bank-message.js';
import type { BankPayment, BankPaymentStatus, ExceptionCode } from '../bank/reconcile.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface InstructionRunRecord {
  readonly messageId: string;
  readonly programmeId: string;
  readonly fileSha256: string;
  readonly fileXml: string;
  readonly paymentCount: number;
  readonly createdBy: string;
  readonly createdAtUs: InstantUs;
}

export interface BankPaymentRecord extends BankPayment {
  readonly updatedAtUs: InstantUs;
}

export interface BankFileRecord {
  readonly fileSha256: string;
  readonly programmeId: string;
  readonly kind: BankMessageType;
  readonly messageId: string;
  readonly importedBy: string;
  readonly importedAtUs: InstantUs;
  /** counts per outcome, canonical JSON */
  readonly summaryJson: string;
}

export interface ReconciliationException {
  readonly exceptionId: string;
  readonly programmeId: string;
  readonly fileSha256: string;
  readonly entryIndex: number;
  readonly code: ExceptionCode;
  readonly disbursementId: string | null;
  readonly endToEndId: string | null;
  readonly uetr: string | null;
  readonly message: string;
  readonly raisedAtUs: InstantUs;
  readonly resolvedBy: string | null;
  readonly resolution: string | null;
  readonly resolvedAtUs: InstantUs | null;
}

/** a programme's payments are read whole for matching; past this, matching must go by key */
export const bankPaymentsPerProgrammeMax = 200_000;
export const bankListLimitMax = 1_000;

export interface BankRepository {
  insertRun(run: InstructionRunRecord): Promise<void>;
  getRun(messageId: string): Promise<InstructionRunRecord | undefined>;
  insertPayments(payments: readonly BankPaymentRecord[]): Promise<void>;
  paymentsOfProgramme(programmeId: string): Promise<BankPaymentRecord[]>;
  paymentsOfRun(messageId: string): Promise<BankPaymentRecord[]>;
  getPayment(disbursementId: string): Promise<BankPaymentRecord | undefined>;
  /** false when the payment's bank status is no longer `expectedStatus`: nothing was written */
  updatePayment(
    disbursementId: string,
    change: {
      bankStatus: BankPaymentStatus;
      bankReference: string | null;
      reasonCode: string | null;
      updatedAtUs: InstantUs;
    },
    expectedStatus: BankPaymentStatus,
  ): Promise<boolean>;
  getFile(fileSha256: string): Promise<BankFileRecord | undefined>;
  insertFile(file: BankFileRecord): Promise<void>;
  insertExceptions(exceptions: readonly ReconciliationException[]): Promise<void>;
  /** oldest first (raised, then id in byte order); `after`: keyset pages for the API */
  listExceptions(
    programmeId: string,
    filter: {
      openOnly: boolean;
      limit: number;
      after?: { raisedAtUs: InstantUs; exceptionId: string };
    },
  ): Promise<ReconciliationException[]>;
  getException(exceptionId: string): Promise<ReconciliationException | undefined>;
  /** false when it was already resolved */
  resolveException(
    exceptionId: string,
    resolvedBy: string,
    resolution: string,
    resolvedAtUs: InstantUs,
  ): Promise<boolean>;
}

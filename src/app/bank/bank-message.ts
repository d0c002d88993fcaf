// What Qanat reads from the custodian, as plain data: a payment status report (pain.002) or a
// debit/credit notification (camt.054), each reduced to entries that name one payment by its
// end-to-end id and/or UETR. Parsers produce this; the reconciliation core consumes it.
export const pain002Namespace = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10';
export const camt054Namespace = 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08';
export type BankMessageType = 'pain.002.001.10' | 'camt.054.001.08';
export const bankEntriesMax = 10_000;

/** ISO ExternalPaymentTransactionStatus1Code values that mean "taken, not yet settled". */
export const acceptedStatuses = [
  'ACCP',
  'ACSP',
  'ACTC',
  'ACWC',
  'ACFC',
  'PDNG',
  'RCVD',
  'PART',
] as const;

export interface StatusEntry {
  readonly kind: 'status';
  /** position in the file, 1-based: exceptions name it */
  readonly index: number;
  readonly endToEndId?: string;
  readonly uetr?: string;
  /** ACSC = settled (executed), RJCT = rejected, an accepted status = taken */
  readonly status: string;
  readonly reasonCode?: string;
  readonly reasonText?: string;
  readonly amountMinor?: bigint;
  readonly currency?: string;
  readonly bankReference?: string;
}

export interface BookingEntry {
  readonly kind: 'booking';
  readonly index: number;
  readonly endToEndId?: string;
  readonly uetr?: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly direction: 'DBIT' | 'CRDT';
  /** Sts BOOK; PDNG and INFO entries are read but change nothing */
  readonly booked: boolean;
  /** set when the bank returns the payment (RtrInf or a reversal): a credit back to the escrow */
  readonly returnReasonCode?: string;
  readonly bankReference: string;
}

export type BankEntry = StatusEntry | BookingEntry;

export interface BankMessage {
  readonly type: BankMessageType;
  readonly messageId: string;
  readonly createdAt: string;
  /** pain.002: the pain.001 it answers */
  readonly originalMessageId?: string;
  /** pain.002: the group status (RJCT with no transaction = the whole file refused) */
  readonly groupStatus?: string;
  readonly groupReasonCode?: string;
  /** every debtor/notified account the file names: all must be the programme's escrow */
  readonly accountIbans: readonly string[];
  readonly entries: readonly BankEntry[];
}

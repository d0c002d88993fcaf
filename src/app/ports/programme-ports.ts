// Ports for the programme's records (issue 3). Kept apart from store-port.ts so that file only
// gains one line per repository; src/adapters/store/sqlite/ and src/adapters/store/postgres/ implement each one in a
// file of the same name.
import type { CreditNote, Invoice } from '../../core/programme/invoice.js';
import type { Allocation } from '../../core/programme/arrears.js';
import type { Delivery } from '../../core/programme/delivery.js';
import type { Deposit } from '../../core/programme/deposit.js';
import type { DisbursementRequest } from '../../core/programme/disbursement-request.js';
import type {
  DisbursementState,
  DisbursementStatus,
} from '../../core/programme/disbursement-state-machine.js';
import type { InstantUs } from '../../core/time/instant.js';

export interface ProgrammeVersionRecord {
  readonly programmeId: string;
  /** 1, 2, …: a changed file makes a new version; old ones are kept */
  readonly versionNo: number;
  /** the file's own "version" field */
  readonly fileVersion: string;
  readonly contentSha256: string;
  /** the programme file as loaded (canonical JSON): re-validated whenever it is read */
  readonly fileJson: string;
  readonly loadedAtUs: InstantUs;
}

export interface WaiverRecord {
  readonly programmeId: string;
  readonly waiverId: string;
  readonly contentSha256: string;
  /** the waiver in its file form (canonical JSON), parsed again on read */
  readonly waiverJson: string;
  readonly recordedAtUs: InstantUs;
}

export interface ProgrammeRepository {
  latestVersion(programmeId: string): Promise<ProgrammeVersionRecord | undefined>;
  /** every stored version, oldest first: the control re-check replays each step under the version then current */
  listVersions(programmeId: string): Promise<ProgrammeVersionRecord[]>;
  insertVersion(record: ProgrammeVersionRecord): Promise<void>;
  listProgrammeIds(): Promise<string[]>;
  listWaivers(programmeId: string): Promise<WaiverRecord[]>;
  insertWaiver(record: WaiverRecord): Promise<void>;
  /** only a revocation changes a stored waiver; the use case checks that */
  replaceWaiver(record: WaiverRecord): Promise<void>;
  /** false when the warning was already recorded (each is sent once) */
  insertWarningOnce(programmeId: string, warningKey: string, atUs: InstantUs): Promise<boolean>;
}

export interface DeliveryRecord {
  readonly programmeId: string;
  /** SHA-256 of the delivery's content: the idempotency key of imports */
  readonly deliveryKey: string;
  readonly delivery: Delivery;
  readonly invoiceId: string | null;
  readonly recordedAtUs: InstantUs;
}

export interface InvoiceRecord {
  readonly programmeId: string;
  readonly invoice: Invoice;
  readonly contentSha256: string;
  readonly recordedAtUs: InstantUs;
}

export interface DepositRecord {
  readonly programmeId: string;
  readonly deposit: Deposit;
  readonly contentSha256: string;
  readonly recordedAtUs: InstantUs;
}

export interface MoneyInRepository {
  findDeliveries(
    programmeId: string,
    deliveryKeys: readonly string[],
  ): Promise<Map<string, DeliveryRecord>>;
  deliveriesOfSupplier(programmeId: string, supplierPartyId: string): Promise<DeliveryRecord[]>;
  insertDeliveries(records: readonly DeliveryRecord[]): Promise<void>;
  markDeliveriesInvoiced(
    programmeId: string,
    deliveryKeys: readonly string[],
    invoiceId: string,
  ): Promise<void>;
  findInvoices(
    programmeId: string,
    invoiceIds: readonly string[],
  ): Promise<Map<string, InvoiceRecord>>;
  invoicesOfSupplier(programmeId: string, supplierPartyId: string): Promise<InvoiceRecord[]>;
  insertInvoices(records: readonly InvoiceRecord[]): Promise<void>;
  creditNotesOf(programmeId: string, invoiceId: string): Promise<CreditNote[]>;
  insertCreditNote(programmeId: string, note: CreditNote, recordedAtUs: InstantUs): Promise<void>;
  findDeposits(
    programmeId: string,
    depositIds: readonly string[],
  ): Promise<Map<string, DepositRecord>>;
  /** every invoice and credit note of the programme: arrears per invoice (src/core/programme/arrears.ts) */
  listInvoices(programmeId: string): Promise<InvoiceRecord[]>;
  listCreditNotes(programmeId: string): Promise<CreditNote[]>;
  listAllocations(programmeId: string): Promise<Allocation[]>;
  insertAllocations(
    programmeId: string,
    allocations: readonly Allocation[],
    recordedAtUs: InstantUs,
  ): Promise<void>;
  insertDeposits(records: readonly DepositRecord[]): Promise<void>;
  /** every credited deposit of the programme: the statement by business (received) date */
  listAllDeposits(programmeId: string): Promise<DepositRecord[]>;
  /** deposits by id after `afterDepositId` (keyset pages for the API) */
  listDeposits(
    programmeId: string,
    page: { afterDepositId?: string; limit: number },
  ): Promise<DepositRecord[]>;
  /** deliveries by key in byte order after `afterDeliveryKey`, of one supplier or all (keyset pages for the API) */
  listDeliveriesPage(
    programmeId: string,
    page: { supplierPartyId?: string; afterDeliveryKey?: string; limit: number },
  ): Promise<DeliveryRecord[]>;
  /** invoices by id in byte order after `afterInvoiceId` (keyset pages for the API) */
  listInvoicesPage(
    programmeId: string,
    page: { afterInvoiceId?: string; limit: number },
  ): Promise<InvoiceRecord[]>;
  /** credit notes by id in byte order after `afterCreditNoteId` (keyset pages for the API) */
  listCreditNotesPage(
    programmeId: string,
    page: { afterCreditNoteId?: string; limit: number },
  ): Promise<CreditNote[]>;
}

export interface DisbursementRecord {
  readonly disbursementId: string;
  readonly programmeId: string;
  /** the programme version the draft was checked against */
  readonly programmeVersionNo: number;
  readonly channelId: string;
  readonly status: DisbursementStatus;
  /** optimistic concurrency: every update names the version it read and bumps it */
  readonly version: number;
  readonly request: DisbursementRequest;
  readonly state: DisbursementState;
  /** the amount the escrow pays, in the settlement currency (reference rate, fixed at creation) */
  readonly ledgerAmountMinor: bigint;
  /** the amount in the channel's cap currency, fixed at creation */
  readonly capAmountMinor: bigint;
  readonly capPeriodKey: string | null;
  readonly waiverId: string | null;
  readonly createdAtUs: InstantUs;
  readonly updatedAtUs: InstantUs;
}

export interface DocumentAttachment {
  readonly disbursementId: string;
  readonly kind: string;
  readonly sha256: string;
  readonly attachedBy: string;
  readonly attachedAtUs: InstantUs;
}

export const disbursementListLimitMax = 1_000;

export interface DisbursementRepository {
  get(disbursementId: string): Promise<DisbursementRecord | undefined>;
  insert(record: DisbursementRecord): Promise<void>;
  /** false when another writer updated it since `expectedVersion` was read: nothing was written */
  update(record: DisbursementRecord, expectedVersion: number): Promise<boolean>;
  list(
    programmeId: string,
    filter: { status?: DisbursementStatus; limit: number },
  ): Promise<DisbursementRecord[]>;
  /** keyset pages by id in byte order (the API's cursor), so a page reads only its own rows */
  listPage(
    programmeId: string,
    page: { status?: DisbursementStatus; afterDisbursementId?: string; limit: number },
  ): Promise<DisbursementRecord[]>;
  /** reserved, instructed or executed on the programme, or back in compliance review holding a reservation: what caps count */
  listCommitted(programmeId: string): Promise<DisbursementRecord[]>;
  attachDocument(attachment: DocumentAttachment): Promise<boolean>;
  listDocuments(disbursementId: string): Promise<DocumentAttachment[]>;
  /** changed at or after `sinceUs` (created, reserved, …), oldest first: the split-aggregation window */
  listChangedSince(
    programmeId: string,
    sinceUs: InstantUs,
    limit: number,
  ): Promise<DisbursementRecord[]>;
  /** every attachment of these documents, on any disbursement: document reuse and split aggregation */
  attachmentsOf(sha256s: readonly string[]): Promise<DocumentAttachment[]>;
}

export const blobBytesMax = 32 * 1024 * 1024;

/** Supporting documents by content: the SHA-256 is the name, so a stored blob can never be replaced. */
export interface BlobRepository {
  /** stores the bytes unless present; returns their SHA-256 and whether they were new */
  put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }>;
  get(sha256: string): Promise<Uint8Array | undefined>;
  has(sha256: string): Promise<boolean>;
}

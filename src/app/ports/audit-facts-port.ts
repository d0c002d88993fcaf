// What `audit verify` and the controls re-check read: the hash-chained events, the checkpoints,
// the ledger and every bound table. A store's snapshot session provides it (structurally), and so
// does an exported audit bundle read on a machine that never saw the database
// (src/adapters/audit-bundle/), so the same verifier runs on both.
import type { DisbursementRepository, ProgrammeRepository } from './programme-ports.js';
import type { AuditRepository, LedgerRepository, TableReader } from './store-port.js';

/** A row given by its key and content hash only: what a bundle carries for secret-bearing tables. */
export type { RowDigest } from '../../core/audit/verify-rows.js';
import type { RowDigest } from '../../core/audit/verify-rows.js';

export interface AuditTableReader extends TableReader {
  /**
   * For a table whose rows this source holds only as digests (a bundle's secret-bearing tables),
   * the digests; undefined when the rows themselves are there.
   */
  rowDigests?(table: string, pageSize: number): AsyncIterable<readonly RowDigest[]> | undefined;
}

export interface AuditFactsSource {
  readonly audit: Pick<
    AuditRepository,
    'chainHeads' | 'streamChain' | 'listCheckpoints' | 'countEvents'
  >;
  readonly ledger: Pick<LedgerRepository, 'streamTransfersInWriteOrder' | 'listAccounts'>;
  readonly tables: AuditTableReader;
  readonly programmes: Pick<
    ProgrammeRepository,
    'listProgrammeIds' | 'listVersions' | 'listWaivers'
  >;
  readonly disbursements: Pick<DisbursementRepository, 'get' | 'list'>;
}

/** What the controls re-check replays: the events, programme versions, waivers, disbursements. */
export type ControlFactsSource = Pick<AuditFactsSource, 'audit' | 'programmes' | 'disbursements'>;

/**
 * Tables whose rows hold credentials (password hashes, TOTP secrets, token and session secrets'
 * hashes, replayed responses that may carry them): a bundle goes to outsiders, so it carries
 * their row digests only. The row binding still proves them: the digest is what the log bound.
 * People's e-mail addresses (and the mail addressed to them) go the same way: personal data.
 */
export const digestOnlyTables: ReadonlySet<string> = new Set([
  'auth_credentials',
  'auth_sessions',
  'auth_tokens',
  'idempotency_records',
  'notification_contacts',
  'notification_outbox',
]);

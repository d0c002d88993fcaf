/**
 * How `qanat audit verify` proves each table. THE one place that says it: a table of the live
 * schema that is missing here is reported as unbound, and the tamper test fails on it.
 *
 * - row: each write journals the row (tx.journal / repository `journal.row`); the audit event of
 *   that transaction records the SHA-256 of the row as read back; verify compares every live row
 *   with the latest recorded hash. `derivedColumns` are left out of the hash because verify
 *   re-derives them from other facts (account balances from the transfers).
 * - set: bulk rows written together; the event records a digest over every row sharing `setBy`.
 * - contentAddressed: the key is the SHA-256 of the content (document bytes); verify re-hashes
 *   every row, and every reference to one must find it.
 * - ledger: transfers, bound by the batch digests of their ledger events.
 * - derivedFromLedger: rebuilt from the transfers and compared (pending resolutions).
 * - auditLog: the hash chains and their heads themselves.
 * - schema: compared with the migration files the code ships.
 * - cache: rebuilt, never verified, and never trusted for a decision.
 */
export type TableBinding =
  | {
      readonly kind: 'row';
      readonly key: readonly string[];
      readonly derivedColumns?: readonly string[];
    }
  | { readonly kind: 'set'; readonly setBy: readonly string[] }
  | {
      readonly kind: 'contentAddressed';
      readonly key: string;
      readonly content: string;
      readonly size?: string;
      readonly referencedBy: { readonly table: string; readonly column: string };
    }
  | { readonly kind: 'ledger' }
  | { readonly kind: 'derivedFromLedger' }
  | { readonly kind: 'auditLog' }
  | { readonly kind: 'schema' }
  | { readonly kind: 'cache' };

const row = (...key: string[]): TableBinding => ({ kind: 'row', key });

export const accountDerivedColumns = [
  'debits_posted_minor',
  'credits_posted_minor',
  'debits_pending_minor',
  'credits_pending_minor',
  'last_transfer_at_us',
] as const;

export const boundTables: Readonly<Record<string, TableBinding>> = {
  schema_migrations: { kind: 'schema' },
  ledger_accounts: { kind: 'row', key: ['id'], derivedColumns: accountDerivedColumns },
  ledger_transfers: { kind: 'ledger' },
  ledger_pending_resolutions: { kind: 'derivedFromLedger' },
  audit_events: { kind: 'auditLog' },
  audit_chain_heads: { kind: 'auditLog' },
  audit_checkpoints: row('id'),
  programme_versions: row('programme_id', 'version_no'),
  programme_waivers: row('programme_id', 'waiver_id'),
  programme_waiver_warnings: row('programme_id', 'warning_key'),
  programme_users: row('user_id'),
  energy_deliveries: row('programme_id', 'delivery_key'),
  energy_invoices: row('programme_id', 'invoice_id'),
  energy_credit_notes: row('programme_id', 'credit_note_id'),
  escrow_deposits: row('programme_id', 'deposit_id'),
  held_deposits: row('programme_id', 'deposit_id', 'content_sha256'),
  settlement_allocations: row('programme_id', 'disbursement_id', 'invoice_id', 'kind'),
  disbursements: row('disbursement_id'),
  disbursement_documents: row('disbursement_id', 'kind', 'sha256'),
  blobs: {
    kind: 'contentAddressed',
    key: 'sha256',
    content: 'content',
    size: 'size_bytes',
    referencedBy: { table: 'disbursement_documents', column: 'sha256' },
  },
  screening_snapshots: row('snapshot_id'),
  screening_list_entries: { kind: 'set', setBy: ['source'] },
  screening_snapshot_entries: { kind: 'set', setBy: ['snapshot_id'] },
  screening_parties: row('party_id'),
  screening_hits: row('hit_id'),
  screening_decisions: row('decision_id'),
  list_import_jobs: row('job_id'),
  user_grants: { kind: 'set', setBy: ['user_id'] },
  role_change_proposals: row('proposal_id'),
  configuration_proposals: row('proposal_id'),
  bank_instruction_runs: row('message_id'),
  bank_payments: row('disbursement_id'),
  bank_files: row('file_sha256'),
  bank_exceptions: row('exception_id'),
  auth_credentials: row('user_id'),
  auth_sessions: row('session_sha256'),
  auth_tokens: row('token_id'),
  // notices per person, where they want them e-mailed, and the e-mail outbox (issue 14)
  notifications: row('notification_id'),
  notification_contacts: row('user_id'),
  notification_outbox: row('message_id'),
  // the first answer of an idempotent POST, replayed to a retry
  idempotency_records: row('user_id', 'idempotency_key'),
};

export function bindingOf(table: string): TableBinding | undefined {
  return Object.hasOwn(boundTables, table) ? boundTables[table] : undefined;
}

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Table and column names go into SQL text: only registered, plain identifiers ever do. */
export function journaledBinding(
  table: string,
  kind: 'row' | 'set',
): TableBinding & { kind: 'row' | 'set' } {
  const binding = bindingOf(table);
  if (!binding || binding.kind !== kind || !identifierPattern.test(table)) {
    throw new Error(
      `table ${table} is not registered as a ${kind}-bound table in src/app/ports/bound-tables.ts`,
    );
  }
  return binding as TableBinding & { kind: 'row' | 'set' };
}

import type Database from 'better-sqlite3';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
import { encodeRecord } from '../../../core/programme/content-key.js';
import type { CreditNote } from '../../../core/programme/invoice.js';
import type { Allocation } from '../../../core/programme/arrears.js';
import type { InstantUs } from '../../../core/time/instant.js';
import type { Row } from '../../../app/ports/ledger-rows.js';
import {
  allocationFromRow,
  creditNoteFromRow,
  deliveryFromRow,
  deliveryToValues,
  depositFromRow,
  depositToValues,
  invoiceFromRow,
  invoiceToValues,
} from '../programme-rows.js';
import type {
  DeliveryRecord,
  DepositRecord,
  InvoiceRecord,
  MoneyInRepository,
} from '../../../app/ports/programme-ports.js';
import { SqliteStatementCache } from './sqlite-statement-cache.js';

export class SqliteMoneyInRepository implements MoneyInRepository {
  private readonly sql: SqliteStatementCache;
  constructor(
    db: Database.Database,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {
    this.sql = new SqliteStatementCache(db);
  }

  async findDeliveries(
    programmeId: string,
    deliveryKeys: readonly string[],
  ): Promise<Map<string, DeliveryRecord>> {
    const rows = this.sql
      .get(
        'SELECT * FROM energy_deliveries WHERE programme_id = ? AND delivery_key IN (SELECT value FROM json_each(?))',
      )
      .all(programmeId, JSON.stringify(deliveryKeys)) as Row[];
    return new Map(rows.map((row) => [String(row.delivery_key), deliveryFromRow(row)]));
  }

  async deliveriesOfSupplier(
    programmeId: string,
    supplierPartyId: string,
  ): Promise<DeliveryRecord[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_deliveries WHERE programme_id = ? AND supplier_party_id = ? ORDER BY recorded_at_us, delivery_key',
        )
        .all(programmeId, supplierPartyId) as Row[]
    ).map(deliveryFromRow);
  }

  async insertDeliveries(records: readonly DeliveryRecord[]): Promise<void> {
    const insert = this.sql.get(
      'INSERT INTO energy_deliveries (programme_id, delivery_key, supplier_party_id, body, invoice_id, recorded_at_us) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const record of records) insert.run(...deliveryToValues(record));
    for (const record of records)
      this.journal.row('energy_deliveries', record.programmeId, record.deliveryKey);
  }

  async markDeliveriesInvoiced(
    programmeId: string,
    deliveryKeys: readonly string[],
    invoiceId: string,
  ): Promise<void> {
    for (const key of deliveryKeys) this.journal.row('energy_deliveries', programmeId, key);
    const result = this.sql
      .get(
        'UPDATE energy_deliveries SET invoice_id = ? WHERE programme_id = ? AND invoice_id IS NULL AND delivery_key IN (SELECT value FROM json_each(?))',
      )
      .run(invoiceId, programmeId, JSON.stringify(deliveryKeys));
    if (result.changes !== deliveryKeys.length)
      throw new Error(
        `expected to invoice ${deliveryKeys.length} deliveries, marked ${result.changes}`,
      );
  }

  async findInvoices(
    programmeId: string,
    invoiceIds: readonly string[],
  ): Promise<Map<string, InvoiceRecord>> {
    const rows = this.sql
      .get(
        'SELECT * FROM energy_invoices WHERE programme_id = ? AND invoice_id IN (SELECT value FROM json_each(?))',
      )
      .all(programmeId, JSON.stringify(invoiceIds)) as Row[];
    return new Map(rows.map((row) => [String(row.invoice_id), invoiceFromRow(row)]));
  }

  async invoicesOfSupplier(programmeId: string, supplierPartyId: string): Promise<InvoiceRecord[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_invoices WHERE programme_id = ? AND supplier_party_id = ? ORDER BY invoice_id',
        )
        .all(programmeId, supplierPartyId) as Row[]
    ).map(invoiceFromRow);
  }

  async insertInvoices(records: readonly InvoiceRecord[]): Promise<void> {
    const insert = this.sql.get(
      'INSERT INTO energy_invoices (programme_id, invoice_id, supplier_party_id, total_minor, content_sha256, body, recorded_at_us) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const record of records) insert.run(...invoiceToValues(record));
    for (const record of records)
      this.journal.row('energy_invoices', record.programmeId, record.invoice.invoiceId);
  }

  async creditNotesOf(programmeId: string, invoiceId: string): Promise<CreditNote[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_credit_notes WHERE programme_id = ? AND invoice_id = ? ORDER BY recorded_at_us, credit_note_id',
        )
        .all(programmeId, invoiceId) as Row[]
    ).map(creditNoteFromRow);
  }

  async insertCreditNote(
    programmeId: string,
    note: CreditNote,
    recordedAtUs: InstantUs,
  ): Promise<void> {
    this.journal.row('energy_credit_notes', programmeId, note.creditNoteId);
    this.sql
      .get(
        'INSERT INTO energy_credit_notes (programme_id, credit_note_id, invoice_id, amount_minor, body, recorded_at_us) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        programmeId,
        note.creditNoteId,
        note.invoiceId,
        note.amountMinor,
        encodeRecord(note),
        recordedAtUs,
      );
  }

  async findDeposits(
    programmeId: string,
    depositIds: readonly string[],
  ): Promise<Map<string, DepositRecord>> {
    const rows = this.sql
      .get(
        'SELECT * FROM escrow_deposits WHERE programme_id = ? AND deposit_id IN (SELECT value FROM json_each(?))',
      )
      .all(programmeId, JSON.stringify(depositIds)) as Row[];
    return new Map(rows.map((row) => [String(row.deposit_id), depositFromRow(row)]));
  }

  async listDeposits(
    programmeId: string,
    page: { afterDepositId?: string; limit: number },
  ): Promise<DepositRecord[]> {
    const rows = this.sql
      .get(
        'SELECT * FROM escrow_deposits WHERE programme_id = ? AND deposit_id > ? ORDER BY deposit_id LIMIT ?',
      )
      .all(programmeId, page.afterDepositId ?? '', page.limit) as Row[];
    return rows.map(depositFromRow);
  }

  async listDeliveriesPage(
    programmeId: string,
    page: { supplierPartyId?: string; afterDeliveryKey?: string; limit: number },
  ): Promise<DeliveryRecord[]> {
    const after = page.afterDeliveryKey ?? '';
    const rows =
      page.supplierPartyId === undefined
        ? this.sql
            .get(
              'SELECT * FROM energy_deliveries WHERE programme_id = ? AND delivery_key > ? ORDER BY delivery_key LIMIT ?',
            )
            .all(programmeId, after, page.limit)
        : this.sql
            .get(
              'SELECT * FROM energy_deliveries WHERE programme_id = ? AND supplier_party_id = ? AND delivery_key > ? ORDER BY delivery_key LIMIT ?',
            )
            .all(programmeId, page.supplierPartyId, after, page.limit);
    return (rows as Row[]).map(deliveryFromRow);
  }

  async listInvoicesPage(
    programmeId: string,
    page: { afterInvoiceId?: string; limit: number },
  ): Promise<InvoiceRecord[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_invoices WHERE programme_id = ? AND invoice_id > ? ORDER BY invoice_id LIMIT ?',
        )
        .all(programmeId, page.afterInvoiceId ?? '', page.limit) as Row[]
    ).map(invoiceFromRow);
  }

  async listCreditNotesPage(
    programmeId: string,
    page: { afterCreditNoteId?: string; limit: number },
  ): Promise<CreditNote[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_credit_notes WHERE programme_id = ? AND credit_note_id > ? ORDER BY credit_note_id LIMIT ?',
        )
        .all(programmeId, page.afterCreditNoteId ?? '', page.limit) as Row[]
    ).map(creditNoteFromRow);
  }

  async insertDeposits(records: readonly DepositRecord[]): Promise<void> {
    const insert = this.sql.get(
      'INSERT INTO escrow_deposits (programme_id, deposit_id, escrow_amount_minor, content_sha256, body, recorded_at_us) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const record of records) insert.run(...depositToValues(record));
    for (const record of records)
      this.journal.row('escrow_deposits', record.programmeId, record.deposit.depositId);
  }

  async listAllDeposits(programmeId: string): Promise<DepositRecord[]> {
    return (
      this.sql
        .get('SELECT * FROM escrow_deposits WHERE programme_id = ? ORDER BY deposit_id')
        .all(programmeId) as Row[]
    ).map(depositFromRow);
  }

  async listInvoices(programmeId: string): Promise<InvoiceRecord[]> {
    return (
      this.sql
        .get('SELECT * FROM energy_invoices WHERE programme_id = ? ORDER BY invoice_id')
        .all(programmeId) as Row[]
    ).map(invoiceFromRow);
  }

  async listCreditNotes(programmeId: string): Promise<CreditNote[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM energy_credit_notes WHERE programme_id = ? ORDER BY recorded_at_us, credit_note_id',
        )
        .all(programmeId) as Row[]
    ).map(creditNoteFromRow);
  }

  async listAllocations(programmeId: string): Promise<Allocation[]> {
    return (
      this.sql
        .get(
          'SELECT * FROM settlement_allocations WHERE programme_id = ? ORDER BY recorded_at_us, disbursement_id, invoice_id, kind',
        )
        .all(programmeId) as Row[]
    ).map(allocationFromRow);
  }

  async insertAllocations(
    programmeId: string,
    allocations: readonly Allocation[],
    recordedAtUs: InstantUs,
  ): Promise<void> {
    const insert = this.sql.get(
      'INSERT INTO settlement_allocations (programme_id, disbursement_id, invoice_id, kind, amount_minor, recorded_at_us) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const row of allocations)
      insert.run(
        programmeId,
        row.disbursementId,
        row.invoiceId,
        row.amountMinor > 0n ? 'settle' : 'return',
        row.amountMinor,
        recordedAtUs,
      );
    for (const row of allocations)
      this.journal.row(
        'settlement_allocations',
        programmeId,
        row.disbursementId,
        row.invoiceId,
        row.amountMinor > 0n ? 'settle' : 'return',
      );
  }
}

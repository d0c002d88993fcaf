import { encodeRecord } from '../../../core/programme/content-key.js';
import { readOnlyJournal, type RowJournal } from '../row-journal.js';
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
import type { Queryable } from './queryable.js';

const sqlValue = (value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value;

export class PostgresMoneyInRepository implements MoneyInRepository {
  constructor(
    private readonly db: Queryable,
    private readonly journal: RowJournal = readOnlyJournal,
  ) {}

  private async rows(sql: string, values: unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, values.map(sqlValue))).rows as Row[];
  }

  async findDeliveries(
    programmeId: string,
    deliveryKeys: readonly string[],
  ): Promise<Map<string, DeliveryRecord>> {
    const rows = await this.rows(
      'SELECT * FROM energy_deliveries WHERE programme_id = $1 AND delivery_key = ANY($2::text[])',
      [programmeId, [...deliveryKeys]],
    );
    return new Map(rows.map((row) => [String(row.delivery_key), deliveryFromRow(row)]));
  }

  async deliveriesOfSupplier(
    programmeId: string,
    supplierPartyId: string,
  ): Promise<DeliveryRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_deliveries WHERE programme_id = $1 AND supplier_party_id = $2 ORDER BY recorded_at_us, delivery_key',
        [programmeId, supplierPartyId],
      )
    ).map(deliveryFromRow);
  }

  async insertDeliveries(records: readonly DeliveryRecord[]): Promise<void> {
    for (const record of records)
      this.journal.row('energy_deliveries', record.programmeId, record.deliveryKey);
    for (const record of records) {
      await this.rows(
        'INSERT INTO energy_deliveries (programme_id, delivery_key, supplier_party_id, body, invoice_id, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6)',
        deliveryToValues(record),
      );
    }
  }

  async markDeliveriesInvoiced(
    programmeId: string,
    deliveryKeys: readonly string[],
    invoiceId: string,
  ): Promise<void> {
    for (const key of deliveryKeys) this.journal.row('energy_deliveries', programmeId, key);
    const result = await this.db.query(
      'UPDATE energy_deliveries SET invoice_id = $1 WHERE programme_id = $2 AND invoice_id IS NULL AND delivery_key = ANY($3::text[])',
      [invoiceId, programmeId, [...deliveryKeys]],
    );
    if (result.rowCount !== deliveryKeys.length)
      throw new Error(
        `expected to invoice ${deliveryKeys.length} deliveries, marked ${result.rowCount}`,
      );
  }

  async findInvoices(
    programmeId: string,
    invoiceIds: readonly string[],
  ): Promise<Map<string, InvoiceRecord>> {
    const rows = await this.rows(
      'SELECT * FROM energy_invoices WHERE programme_id = $1 AND invoice_id = ANY($2::text[])',
      [programmeId, [...invoiceIds]],
    );
    return new Map(rows.map((row) => [String(row.invoice_id), invoiceFromRow(row)]));
  }

  async invoicesOfSupplier(programmeId: string, supplierPartyId: string): Promise<InvoiceRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_invoices WHERE programme_id = $1 AND supplier_party_id = $2 ORDER BY invoice_id',
        [programmeId, supplierPartyId],
      )
    ).map(invoiceFromRow);
  }

  async insertInvoices(records: readonly InvoiceRecord[]): Promise<void> {
    for (const record of records)
      this.journal.row('energy_invoices', record.programmeId, record.invoice.invoiceId);
    for (const record of records) {
      await this.rows(
        'INSERT INTO energy_invoices (programme_id, invoice_id, supplier_party_id, total_minor, content_sha256, body, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        invoiceToValues(record),
      );
    }
  }

  async creditNotesOf(programmeId: string, invoiceId: string): Promise<CreditNote[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_credit_notes WHERE programme_id = $1 AND invoice_id = $2 ORDER BY recorded_at_us, credit_note_id',
        [programmeId, invoiceId],
      )
    ).map(creditNoteFromRow);
  }

  async insertCreditNote(
    programmeId: string,
    note: CreditNote,
    recordedAtUs: InstantUs,
  ): Promise<void> {
    this.journal.row('energy_credit_notes', programmeId, note.creditNoteId);
    await this.rows(
      'INSERT INTO energy_credit_notes (programme_id, credit_note_id, invoice_id, amount_minor, body, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        programmeId,
        note.creditNoteId,
        note.invoiceId,
        note.amountMinor,
        encodeRecord(note),
        recordedAtUs,
      ],
    );
  }

  async findDeposits(
    programmeId: string,
    depositIds: readonly string[],
  ): Promise<Map<string, DepositRecord>> {
    const rows = await this.rows(
      'SELECT * FROM escrow_deposits WHERE programme_id = $1 AND deposit_id = ANY($2::text[])',
      [programmeId, [...depositIds]],
    );
    return new Map(rows.map((row) => [String(row.deposit_id), depositFromRow(row)]));
  }

  async listDeposits(
    programmeId: string,
    page: { afterDepositId?: string; limit: number },
  ): Promise<DepositRecord[]> {
    // COLLATE "C": the same byte order as SQLite, so a cursor means the same on both stores
    const rows = await this.rows(
      'SELECT * FROM escrow_deposits WHERE programme_id = $1 AND deposit_id COLLATE "C" > $2 ORDER BY deposit_id COLLATE "C" LIMIT $3',
      [programmeId, page.afterDepositId ?? '', page.limit],
    );
    return rows.map(depositFromRow);
  }

  // COLLATE "C" in the pages below: SQLite's byte order, so a cursor means the same on both stores
  async listDeliveriesPage(
    programmeId: string,
    page: { supplierPartyId?: string; afterDeliveryKey?: string; limit: number },
  ): Promise<DeliveryRecord[]> {
    const after = page.afterDeliveryKey ?? '';
    const rows =
      page.supplierPartyId === undefined
        ? await this.rows(
            'SELECT * FROM energy_deliveries WHERE programme_id = $1 AND delivery_key COLLATE "C" > $2 ORDER BY delivery_key COLLATE "C" LIMIT $3',
            [programmeId, after, page.limit],
          )
        : await this.rows(
            'SELECT * FROM energy_deliveries WHERE programme_id = $1 AND supplier_party_id = $2 AND delivery_key COLLATE "C" > $3 ORDER BY delivery_key COLLATE "C" LIMIT $4',
            [programmeId, page.supplierPartyId, after, page.limit],
          );
    return rows.map(deliveryFromRow);
  }

  async listInvoicesPage(
    programmeId: string,
    page: { afterInvoiceId?: string; limit: number },
  ): Promise<InvoiceRecord[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_invoices WHERE programme_id = $1 AND invoice_id COLLATE "C" > $2 ORDER BY invoice_id COLLATE "C" LIMIT $3',
        [programmeId, page.afterInvoiceId ?? '', page.limit],
      )
    ).map(invoiceFromRow);
  }

  async listCreditNotesPage(
    programmeId: string,
    page: { afterCreditNoteId?: string; limit: number },
  ): Promise<CreditNote[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_credit_notes WHERE programme_id = $1 AND credit_note_id COLLATE "C" > $2 ORDER BY credit_note_id COLLATE "C" LIMIT $3',
        [programmeId, page.afterCreditNoteId ?? '', page.limit],
      )
    ).map(creditNoteFromRow);
  }

  async insertDeposits(records: readonly DepositRecord[]): Promise<void> {
    for (const record of records)
      this.journal.row('escrow_deposits', record.programmeId, record.deposit.depositId);
    for (const record of records) {
      await this.rows(
        'INSERT INTO escrow_deposits (programme_id, deposit_id, escrow_amount_minor, content_sha256, body, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6)',
        depositToValues(record),
      );
    }
  }

  async listAllDeposits(programmeId: string): Promise<DepositRecord[]> {
    return (
      await this.rows('SELECT * FROM escrow_deposits WHERE programme_id = $1 ORDER BY deposit_id', [
        programmeId,
      ])
    ).map(depositFromRow);
  }

  async listInvoices(programmeId: string): Promise<InvoiceRecord[]> {
    return (
      await this.rows('SELECT * FROM energy_invoices WHERE programme_id = $1 ORDER BY invoice_id', [
        programmeId,
      ])
    ).map(invoiceFromRow);
  }

  async listCreditNotes(programmeId: string): Promise<CreditNote[]> {
    return (
      await this.rows(
        'SELECT * FROM energy_credit_notes WHERE programme_id = $1 ORDER BY recorded_at_us, credit_note_id',
        [programmeId],
      )
    ).map(creditNoteFromRow);
  }

  async listAllocations(programmeId: string): Promise<Allocation[]> {
    return (
      await this.rows(
        'SELECT * FROM settlement_allocations WHERE programme_id = $1 ORDER BY recorded_at_us, disbursement_id, invoice_id, kind',
        [programmeId],
      )
    ).map(allocationFromRow);
  }

  async insertAllocations(
    programmeId: string,
    allocations: readonly Allocation[],
    recordedAtUs: InstantUs,
  ): Promise<void> {
    for (const row of allocations)
      this.journal.row(
        'settlement_allocations',
        programmeId,
        row.disbursementId,
        row.invoiceId,
        row.amountMinor > 0n ? 'settle' : 'return',
      );
    for (const row of allocations) {
      await this.rows(
        'INSERT INTO settlement_allocations (programme_id, disbursement_id, invoice_id, kind, amount_minor, recorded_at_us) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          programmeId,
          row.disbursementId,
          row.invoiceId,
          row.amountMinor > 0n ? 'settle' : 'return',
          row.amountMinor,
          recordedAtUs,
        ],
      );
    }
  }
}

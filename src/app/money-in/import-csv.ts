// CSV imports: the pure importers read and check every row; this adds the checks that need the
// store (a record already there), writes the good rows and their ledger transfers in one
// transaction, and keeps the all-or-nothing rule across both kinds of problem. Re-importing a file
// is harmless: rows already recorded with the same content are counted as duplicates, not again.
import { createHash } from 'node:crypto';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { submitTransfersInTransaction } from '../ledger-service/submit-transfers.js';
import { withWriteRetry } from '../kernel/write-retry.js';
import type { TransferRequest } from '../../core/ledger/transfer.js';
import { checkRecordId, contentSha256 } from '../../core/programme/content-key.js';
import type { ImportedRow, ImportResult, RowError } from '../../core/programme/csv-import.js';
import { importDeliveriesCsv } from '../../core/programme/deliveries-csv.js';
import type { Delivery } from '../../core/programme/delivery.js';
import { importDepositsCsv } from '../../core/programme/deposits-csv.js';
import type { Deposit } from '../../core/programme/deposit.js';
import { depositProblems } from '../../core/programme/deposit-checks.js';
import { depositVerdict, type DepositFinding } from '../../core/programme/deposit-hold.js';
import type { HeldDepositRecord } from '../ports/held-deposit-port.js';
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { importInvoicesCsv } from '../../core/programme/invoices-csv.js';
import type { Invoice } from '../../core/programme/invoice.js';
import { depositTransfers, invoiceTransfer } from '../../core/programme/ledger-movements.js';
import type { Programme } from '../../core/programme/programme.js';
import { DomainError } from '../../core/domain-error.js';
import { currentProgramme, resolveProgrammeId } from '../kernel/current-programme.js';
import type { Store, StoreSession } from '../ports/store-port.js';
import { ImportRejected } from './import-rejected.js';
import { requireRole } from '../kernel/users.js';

export type ImportKind = 'deliveries' | 'invoices' | 'deposits';
export const importKinds: readonly ImportKind[] = ['deliveries', 'invoices', 'deposits'];

export interface ImportReport {
  readonly programmeId: string;
  readonly kind: ImportKind;
  readonly fileSha256: string;
  readonly imported: number;
  /** rows already recorded with the same content (a re-imported file) */
  readonly duplicates: number;
  /** bad rows skipped in partial mode */
  readonly rejected: readonly RowError[];
  readonly transferIds: readonly string[];
  /** deposits not credited: their rate waits for a second person (`qanat`'s held-deposit routes) */
  readonly held: readonly HeldRow[];
}

export interface HeldRow {
  readonly line: number;
  readonly depositId: string;
  readonly findings: readonly DepositFinding[];
}

interface Planned {
  readonly imported: number;
  readonly duplicates: number;
  readonly errors: RowError[];
  readonly transfers: TransferRequest[];
  readonly held?: readonly HeldRow[];
  readonly write: () => Promise<void>;
}

export async function importCsvText(
  store: Store,
  kind: ImportKind,
  requestedProgrammeId: string | undefined,
  csvText: string,
  options: { partial: boolean },
  context: ActorContext,
): Promise<ImportReport> {
  checkActorContext(context);
  const fileSha256 = createHash('sha256').update(csvText).digest('hex');
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      const programmeId = await resolveProgrammeId(tx, requestedProgrammeId);
      await requireRole(tx, context.actor, `money_in.${kind}`, programmeId);
      const { programme } = await currentProgramme(tx, programmeId);
      const planned = await plan(tx, programme, kind, csvText, options, context);
      if (planned.errors.length > 0 && !options.partial)
        throw new ImportRejected(`${kind} file`, planned.errors);
      const held = planned.held ?? [];
      if (planned.imported > 0 || held.length > 0) {
        await planned.write();
        if (planned.transfers.length > 0)
          await submitTransfersInTransaction(tx, planned.transfers, context);
      }
      await tx.audit.append({
        kind: `import.${kind}`,
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `programme:${programmeId}`,
        payload: {
          programmeId,
          fileSha256,
          imported: planned.imported,
          duplicates: planned.duplicates,
          rejectedLines: planned.errors.map((error) => error.line),
          partial: options.partial,
          ...(kind === 'deposits' ? { heldDepositIds: held.map((row) => row.depositId) } : {}),
        },
      });
      return {
        programmeId,
        kind,
        fileSha256,
        imported: planned.imported,
        duplicates: planned.duplicates,
        rejected: planned.errors,
        transferIds: planned.transfers.map((transfer) => transfer.id),
        held,
      };
    }),
  );
}

function parsed<T>(result: ImportResult<T>): {
  rows: readonly ImportedRow<T>[];
  errors: RowError[];
} {
  // Malformed files and (without --partial) any bad row end here, before the store is asked anything.
  if (!result.ok) return { rows: [], errors: [...result.errors] };
  return { rows: result.rows, errors: [...result.rejected] };
}

function plan(
  tx: StoreSession,
  programme: Programme,
  kind: ImportKind,
  text: string,
  options: { partial: boolean },
  context: ActorContext,
): Promise<Planned> {
  switch (kind) {
    case 'deliveries':
      return planDeliveries(
        tx,
        programme,
        parsed(importDeliveriesCsv(programme, text, options)),
        context,
      );
    case 'invoices':
      return planInvoices(
        tx,
        programme,
        parsed(importInvoicesCsv(programme, text, options)),
        context,
      );
    case 'deposits':
      return planDeposits(
        tx,
        programme,
        parsed(importDepositsCsv(programme, text, options)),
        context,
      );
  }
}

function overlaps(
  a: { periodStart: string; periodEnd: string },
  b: { periodStart: string; periodEnd: string },
): boolean {
  return a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;
}

export function deliveryKey(delivery: Delivery): string {
  return contentSha256(delivery);
}

async function planDeliveries(
  tx: StoreSession,
  programme: Programme,
  input: { rows: readonly ImportedRow<Delivery>[]; errors: RowError[] },
  context: ActorContext,
): Promise<Planned> {
  const programmeId = programme.programmeId;
  const keys = input.rows.map((row) => deliveryKey(row.value));
  const existing = await tx.moneyIn.findDeliveries(programmeId, keys);
  const bySupplier = new Map<string, Delivery[]>();
  const fresh: { key: string; delivery: Delivery }[] = [];
  let duplicates = 0;
  for (const [index, row] of input.rows.entries()) {
    const key = keys[index]!;
    if (existing.has(key)) {
      duplicates += 1;
      continue;
    }
    const supplierId = row.value.supplierPartyId;
    if (!bySupplier.has(supplierId))
      bySupplier.set(
        supplierId,
        (await tx.moneyIn.deliveriesOfSupplier(programmeId, supplierId)).map(
          (record) => record.delivery,
        ),
      );
    const clash = bySupplier
      .get(supplierId)!
      .find(
        (other) =>
          other.commodity === row.value.commodity &&
          (other.reference ?? '') === (row.value.reference ?? '') &&
          overlaps(other, row.value),
      );
    if (clash) {
      input.errors.push({
        line: row.line,
        column: 'period_start',
        reason: `overlaps a delivery already recorded for ${clash.periodStart}–${clash.periodEnd} at the same metering point (corrections are credit notes)`,
      });
      continue;
    }
    fresh.push({ key, delivery: row.value });
  }
  return {
    imported: fresh.length,
    duplicates,
    errors: input.errors,
    transfers: [],
    write: () =>
      tx.moneyIn.insertDeliveries(
        fresh.map(({ key, delivery }) => ({
          programmeId,
          deliveryKey: key,
          delivery,
          invoiceId: null,
          recordedAtUs: context.nowUs,
        })),
      ),
  };
}

async function planInvoices(
  tx: StoreSession,
  programme: Programme,
  input: { rows: readonly ImportedRow<Invoice>[]; errors: RowError[] },
  context: ActorContext,
): Promise<Planned> {
  const programmeId = programme.programmeId;
  const existing = await tx.moneyIn.findInvoices(
    programmeId,
    input.rows.map((row) => row.value.invoiceId),
  );
  const bySupplier = new Map<string, Invoice[]>();
  const fresh: Invoice[] = [];
  let duplicates = 0;
  for (const row of input.rows) {
    const invoice = row.value;
    const idProblem = idError(invoice.invoiceId, 'invoice_id', row.line);
    if (idProblem) {
      input.errors.push(idProblem);
      continue;
    }
    const stored = existing.get(invoice.invoiceId);
    if (stored) {
      if (stored.contentSha256 === contentSha256(invoice)) duplicates += 1;
      else
        input.errors.push({
          line: row.line,
          column: 'invoice_id',
          reason: `invoice ${invoice.invoiceId} is already recorded with different content; invoices are never edited (issue a credit note)`,
        });
      continue;
    }
    if (!bySupplier.has(invoice.supplierPartyId))
      bySupplier.set(
        invoice.supplierPartyId,
        (await tx.moneyIn.invoicesOfSupplier(programmeId, invoice.supplierPartyId)).map(
          (record) => record.invoice,
        ),
      );
    const commodity = invoice.lines[0]?.commodity;
    const clash = bySupplier
      .get(invoice.supplierPartyId)!
      .find(
        (other) =>
          other.lines.some((line) => line.commodity === commodity) && overlaps(other, invoice),
      );
    if (clash) {
      input.errors.push({
        line: row.line,
        column: 'period_start',
        reason: `overlaps invoice ${clash.invoiceId} already recorded for the same supplier and commodity (corrections are credit notes)`,
      });
      continue;
    }
    fresh.push(invoice);
  }
  return {
    imported: fresh.length,
    duplicates,
    errors: input.errors,
    transfers: fresh.map((invoice) => invoiceTransfer(programme, invoice)),
    write: () =>
      tx.moneyIn.insertInvoices(
        fresh.map((invoice) => ({
          programmeId,
          invoice,
          contentSha256: contentSha256(invoice),
          recordedAtUs: context.nowUs,
        })),
      ),
  };
}

async function planDeposits(
  tx: StoreSession,
  programme: Programme,
  input: { rows: readonly ImportedRow<Deposit>[]; errors: RowError[] },
  context: ActorContext,
): Promise<Planned> {
  const programmeId = programme.programmeId;
  const ids = input.rows.map((row) => row.value.depositId);
  const existing = await tx.moneyIn.findDeposits(programmeId, ids);
  const holds = await tx.heldDeposits.find(programmeId, ids);
  const fresh: Deposit[] = [];
  const held: (HeldRow & { deposit: Deposit })[] = [];
  let duplicates = 0;
  for (const row of input.rows) {
    const deposit = row.value;
    const idProblem = idError(deposit.depositId, 'deposit_id', row.line);
    if (idProblem) {
      input.errors.push(idProblem);
      continue;
    }
    const sha256 = contentSha256(deposit);
    const stored = existing.get(deposit.depositId);
    if (stored) {
      if (stored.contentSha256 === sha256) duplicates += 1;
      else
        input.errors.push({
          line: row.line,
          column: 'deposit_id',
          reason: `deposit ${deposit.depositId} is already recorded with different content`,
        });
      continue;
    }
    const holdProblem = heldConflict(
      holds.filter((hold) => hold.deposit.depositId === deposit.depositId),
      sha256,
    );
    if (holdProblem === 'duplicate') {
      duplicates += 1;
      continue;
    }
    if (holdProblem) {
      input.errors.push({ line: row.line, column: 'deposit_id', reason: holdProblem });
      continue;
    }
    if (
      [...fresh, ...held.map((row) => row.deposit)].some(
        (other) => other.depositId === deposit.depositId,
      )
    ) {
      input.errors.push({
        line: row.line,
        column: 'deposit_id',
        reason: `deposit ${deposit.depositId} appears twice in the file`,
      });
      continue;
    }
    const verdict = depositVerdict(
      depositProblems(programme, deposit, dateOfInstantUs(context.nowUs, programme.timeZone)),
    );
    if (verdict.kind === 'refuse') {
      for (const problem of verdict.problems)
        input.errors.push({
          line: row.line,
          column: problem.column,
          reason: `${problem.reason} [${problem.code}]`,
        });
      continue;
    }
    if (verdict.kind === 'hold')
      held.push({
        line: row.line,
        depositId: deposit.depositId,
        findings: verdict.findings,
        deposit,
      });
    else fresh.push(deposit);
  }
  const heldRecords: HeldDepositRecord[] = held.map(({ deposit, findings }) => ({
    programmeId,
    deposit,
    contentSha256: contentSha256(deposit),
    findings,
    heldBy: context.actor,
    heldAtUs: context.nowUs,
    status: 'held',
    decidedBy: null,
    decisionReason: null,
    decidedAtUs: null,
  }));
  return {
    imported: fresh.length,
    duplicates,
    errors: input.errors,
    transfers: fresh.flatMap((deposit) => depositTransfers(programme, deposit)),
    held: held.map(({ line, depositId, findings }) => ({ line, depositId, findings })),
    write: async () => {
      if (fresh.length > 0)
        await tx.moneyIn.insertDeposits(
          fresh.map((deposit) => ({
            programmeId,
            deposit,
            contentSha256: contentSha256(deposit),
            recordedAtUs: context.nowUs,
          })),
        );
      if (heldRecords.length > 0) await tx.heldDeposits.insert(heldRecords);
    },
  };
}

/** A deposit id already held: the same content again is a re-import; other content must wait. */
function heldConflict(
  holds: readonly HeldDepositRecord[],
  sha256: string,
): 'duplicate' | string | undefined {
  const same = holds.find((hold) => hold.contentSha256 === sha256);
  if (same?.status === 'held') return 'duplicate';
  if (same?.status === 'rejected')
    return `deposit ${same.deposit.depositId} with this content was held and rejected by ${same.decidedBy ?? 'a second person'} (${same.decisionReason ?? ''}); correct the row`;
  const open = holds.find((hold) => hold.status === 'held');
  if (open)
    return `deposit ${open.deposit.depositId} is held for a second person's review with other content; accept or reject that hold first`;
  return undefined;
}

function idError(id: string, column: string, line: number): RowError | undefined {
  try {
    checkRecordId(id, column);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { line, column, reason: error.message.replace(/^[^:]*: /, '') };
  }
}

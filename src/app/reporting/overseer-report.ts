// Gathers the overseer report's facts from the store (disbursements, screening hits and their
// deciders, documents, bank payments, invoices, waivers, the latest signed checkpoint, the
// statement) and hands them to the pure model. Read-only: nothing here writes.
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/domain-error.js';
import { formatAmountMinor } from '../../core/money/amount.js';
import { formatDecimal } from '../../core/money/decimal.js';
import { parseIsoDate } from '../../core/programme/calendar-date.js';
import { endOfDayUs, startOfDayUs } from '../../core/programme/day-boundary.js';
import { rateBetween } from '../../core/programme/exchange-rate.js';
import { invoiceNetMinor } from '../../core/programme/invoice.js';
import {
  findParty,
  partiesWithRole,
  type Party,
  type Programme,
} from '../../core/programme/programme.js';
import type { Waiver } from '../../core/programme/waiver.js';
import { waiverGaps } from '../../core/programme/waiver-window.js';
import {
  currentProgramme,
  programmeWaivers,
  resolveProgrammeId,
} from '../kernel/current-programme.js';
import type { StoredHit } from '../../core/screening-review/screening-hit.js';
import { disbursementListLimitMax, type DisbursementRecord } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { formatInstant, type InstantUs } from '../../core/time/instant.js';
import { programmeStatement } from './programme-statement.js';
import {
  sealReport,
  statementFigures,
  type OverseerReport,
  type ReportDisbursement,
  type ReportHit,
  type ReportName,
} from './overseer-report-model.js';

export const reportHitsPerStatusMax = 5_000;

function names(party: Pick<Party, 'names'>): ReportName[] {
  return party.names.map((name) => ({
    text: name.text,
    script: name.script,
    language: name.language,
  }));
}

function hitOf(hit: StoredHit): ReportHit {
  return {
    hitId: hit.hitId,
    partyId: hit.partyId,
    source: hit.source,
    entryId: hit.entryId,
    queryName: hit.queryName,
    matchedName: hit.matchedName,
    score: hit.score,
    status: hit.status,
    decidedBy: hit.decidedBy,
    decidedAt: hit.decidedAtUs === null ? null : formatInstant(hit.decidedAtUs),
    decisionReason: hit.decisionReason,
  };
}

function rateText(programme: Programme, record: DisbursementRecord): string | null {
  if (record.request.currency === programme.settlementCurrency) return null;
  const quote = rateBetween(
    programme.referenceRates,
    record.request.currency,
    programme.settlementCurrency,
  );
  return quote
    ? `1 ${quote.base} = ${formatDecimal(quote.rate)} ${quote.quote} (${quote.source}, ${quote.asOf})`
    : null;
}

async function disbursementRow(
  store: Store,
  programme: Programme,
  waivers: readonly Waiver[],
  record: DisbursementRecord,
  hits: readonly StoredHit[],
): Promise<ReportDisbursement> {
  const payee = findParty(programme, record.request.payeePartyId);
  const state = record.state;
  const payment = await store.bank.getPayment(record.disbursementId);
  const waiver = waivers.find((entry) => entry.waiverId === record.waiverId);
  const documents = await store.disbursements.listDocuments(record.disbursementId);
  const payeeId = record.request.payeePartyId;
  return {
    disbursementId: record.disbursementId,
    channelId: record.channelId,
    status: record.status,
    payeePartyId: payeeId,
    payeeNames: payee ? names(payee) : [],
    beneficialOwners: (payee?.beneficialOwners ?? []).map((owner) => ({
      names: names(owner),
      sharePercent: formatDecimal(owner.sharePercent),
      nationality: owner.nationality,
    })),
    amount: formatAmountMinor(record.request.amountMinor, record.request.currency),
    currency: record.request.currency,
    ledgerAmount: formatAmountMinor(record.ledgerAmountMinor, programme.settlementCurrency),
    ledgerCurrency: programme.settlementCurrency,
    rate: rateText(programme, record),
    waiverId: record.waiverId,
    waiverReference: waiver?.reference ?? null,
    requestedBy: state.requestedBy,
    createdAt: formatInstant(record.createdAtUs),
    screening: state.screening ?? null,
    complianceClearance: state.complianceClearance ?? null,
    hits: hits
      .filter((hit) => hit.partyId === payeeId || hit.partyId.startsWith(`${payeeId}:`))
      .map(hitOf),
    approvals: state.approvals.map((approval) => ({ userId: approval.userId, at: approval.at })),
    overrides: state.overrides.map((entry) => ({
      findingKey: entry.findingKey,
      userId: entry.userId,
      reason: entry.reason,
      at: entry.at,
    })),
    nonObjection: state.overseerNonObjection ?? null,
    documents: documents.map((document) => ({ kind: document.kind, sha256: document.sha256 })),
    bankReference: state.execution?.bankReference ?? payment?.bankReference ?? null,
    endToEndId: payment?.endToEndId ?? null,
    uetr: payment?.uetr ?? null,
    bankStatus: payment?.bankStatus ?? null,
    bankReasonCode: payment?.reasonCode ?? null,
  };
}

async function creditorRows(store: Store, programme: Programme) {
  const rows = [];
  for (const creditor of partiesWithRole(programme, 'creditor')) {
    let invoiced = 0n;
    let credited = 0n;
    for (const record of await store.moneyIn.invoicesOfSupplier(
      programme.programmeId,
      creditor.partyId,
    )) {
      const notes = await store.moneyIn.creditNotesOf(
        programme.programmeId,
        record.invoice.invoiceId,
      );
      invoiced += record.invoice.totalMinor;
      credited += record.invoice.totalMinor - invoiceNetMinor(record.invoice, notes);
    }
    const money = (minor: bigint) => formatAmountMinor(minor, programme.settlementCurrency);
    rows.push({
      partyId: creditor.partyId,
      names: names(creditor),
      invoiced: money(invoiced),
      credited: money(credited),
      owed: money(invoiced - credited),
    });
  }
  return rows;
}

async function latestCheckpoint(store: Store, atOrBeforeUs: InstantUs) {
  const checkpoints = (await store.audit.listCheckpoints()).filter(
    (checkpoint) => checkpoint.atUs <= atOrBeforeUs,
  );
  const last = checkpoints.sort((a, b) => (a.atUs < b.atUs ? -1 : a.atUs > b.atUs ? 1 : 0)).at(-1);
  if (!last) return null;
  const heads = last.heads
    .map((head) => `${head.chainId}:${head.chainSeq}:${head.hash}`)
    .join('\n');
  return {
    atUs: last.atUs.toString(),
    keyId: last.keyId,
    headsSha256: createHash('sha256').update(heads).digest('hex'),
  };
}

/** Disbursements touched in [from, to] (created before the end, last changed after the start). */
export async function overseerReport(
  store: Store,
  requestedProgrammeId: string | undefined,
  range: { from: string; to: string },
  generatedAtUs: InstantUs,
): Promise<OverseerReport> {
  const from = parseIsoDate(range.from, 'from');
  const to = parseIsoDate(range.to, 'to');
  if (to < from)
    throw new DomainError('statement.range_invalid', `to (${to}) is before from (${from})`, {
      field: 'to',
    });
  const programmeId = await resolveProgrammeId(store, requestedProgrammeId);
  const { programme } = await currentProgramme(store, programmeId);
  const waivers = await programmeWaivers(store, programmeId);
  const startUs = startOfDayUs(from, programme.timeZone);
  const endUs = endOfDayUs(to, programme.timeZone);
  const records = (
    await store.disbursements.list(programmeId, { limit: disbursementListLimitMax })
  ).filter((record) => record.createdAtUs <= endUs && record.updatedAtUs >= startUs);
  const hits: StoredHit[] = [];
  for (const status of ['open', 'true_match', 'false_positive'] as const)
    hits.push(...(await store.screening.listHits({ status, limit: reportHitsPerStatusMax })));
  const disbursements = [];
  for (const record of records)
    disbursements.push(await disbursementRow(store, programme, waivers, record, hits));
  const statement = await programmeStatement(store, programmeId, { from, to });
  const ordered = [...waivers].sort(
    (a, b) => a.validFrom.localeCompare(b.validFrom) || a.waiverId.localeCompare(b.waiverId),
  );
  return sealReport({
    programmeId,
    programmeName: programme.name,
    from,
    to,
    generatedAt: formatInstant(generatedAtUs),
    settlementCurrency: programme.settlementCurrency,
    checkpoint: await latestCheckpoint(store, generatedAtUs),
    disbursements,
    statement: statementFigures(statement.closing),
    creditors: await creditorRows(store, programme),
    arrears: formatAmountMinor(statement.closing.arrearsMinor, programme.settlementCurrency),
    waivers: ordered.map((waiver) => ({
      waiverId: waiver.waiverId,
      reference: waiver.reference,
      channelIds: waiver.channelIds,
      validFrom: waiver.validFrom,
      validUntil: waiver.validUntil,
      revokedFrom: waiver.revokedFrom ?? null,
      renewsWaiverId: waiver.renewsWaiverId ?? null,
    })),
    gaps: programme.channels.flatMap((channel) => waiverGaps(waivers, channel.channelId, from, to)),
  });
}

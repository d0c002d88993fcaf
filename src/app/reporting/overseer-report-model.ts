// The overseer's report as one pure model: every disbursement of the period with who did what and
// when, the statement, arrears by creditor and the waiver timeline with its gaps. CSV, JSON and the
// PDF are renderings of this model only, so they cannot disagree. The hash is the SHA-256 of the
// model's JSON (bigints as decimal strings, keys in construction order) without the hash itself.
import { createHash } from 'node:crypto';
import { formatAmountMinor } from '../../core/money/amount.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { Statement } from '../../core/programme/statement.js';
import type { CoverGap } from '../../core/programme/waiver-window.js';

export interface ReportName {
  readonly text: string;
  readonly script: string;
  readonly language: string;
}

export interface ReportHit {
  readonly hitId: string;
  readonly partyId: string;
  readonly source: string;
  readonly entryId: string;
  readonly queryName: string;
  readonly matchedName: string;
  readonly score: number;
  readonly status: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
}

export interface ReportDisbursement {
  readonly disbursementId: string;
  readonly channelId: string;
  readonly status: string;
  readonly payeePartyId: string;
  readonly payeeNames: readonly ReportName[];
  readonly beneficialOwners: readonly {
    readonly names: readonly ReportName[];
    readonly sharePercent: string;
    readonly nationality: string;
  }[];
  readonly amount: string;
  readonly currency: string;
  readonly ledgerAmount: string;
  readonly ledgerCurrency: string;
  /** the reference rate the ledger amount was fixed at, as "1 USD = 1460 IQD" */
  readonly rate: string | null;
  readonly waiverId: string | null;
  readonly waiverReference: string | null;
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly screening: {
    readonly outcome: string;
    readonly hitCount: number;
    readonly at: string;
  } | null;
  readonly complianceClearance: {
    readonly userId: string;
    readonly reason: string;
    readonly at: string;
  } | null;
  readonly hits: readonly ReportHit[];
  readonly approvals: readonly { readonly userId: string; readonly at: string }[];
  readonly overrides: readonly {
    readonly findingKey: string;
    readonly userId: string;
    readonly reason: string;
    readonly at: string;
  }[];
  readonly nonObjection: {
    readonly userId: string;
    readonly reference: string;
    readonly at: string;
  } | null;
  readonly documents: readonly { readonly kind: string; readonly sha256: string }[];
  readonly bankReference: string | null;
  readonly endToEndId: string | null;
  readonly uetr: string | null;
  readonly bankStatus: string | null;
  readonly bankReasonCode: string | null;
}

export interface ReportCreditor {
  readonly partyId: string;
  readonly names: readonly ReportName[];
  readonly invoiced: string;
  readonly credited: string;
  readonly owed: string;
}

export interface ReportWaiver {
  readonly waiverId: string;
  readonly reference: string;
  readonly channelIds: readonly string[];
  readonly validFrom: IsoDate;
  readonly validUntil: IsoDate;
  readonly revokedFrom: IsoDate | null;
  readonly renewsWaiverId: string | null;
}

export interface ReportCheckpoint {
  readonly atUs: string;
  readonly keyId: string;
  /** SHA-256 over the checkpoint's chain heads: what a reader compares with the published one */
  readonly headsSha256: string;
}

export interface OverseerReportBody {
  readonly programmeId: string;
  readonly programmeName: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly generatedAt: string;
  readonly settlementCurrency: string;
  readonly checkpoint: ReportCheckpoint | null;
  readonly disbursements: readonly ReportDisbursement[];
  readonly statement: Readonly<Record<string, string>>;
  readonly creditors: readonly ReportCreditor[];
  readonly arrears: string;
  readonly waivers: readonly ReportWaiver[];
  readonly gaps: readonly CoverGap[];
}

export interface OverseerReport extends OverseerReportBody {
  readonly sha256: string;
}

export function reportJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_, inner) => (typeof inner === 'bigint' ? inner.toString() : inner),
    2,
  );
}

export function sealReport(body: OverseerReportBody): OverseerReport {
  return { ...body, sha256: createHash('sha256').update(reportJson(body)).digest('hex') };
}

/** The statement's figures as decimal strings in the settlement currency, in a fixed order. */
export function statementFigures(statement: Statement): Record<string, string> {
  const money = (minor: bigint) => formatAmountMinor(minor, statement.currency);
  const figures: Record<string, string> = {
    invoiced: money(statement.invoicedMinor),
    credited: money(statement.creditedMinor),
    owed: money(statement.owedMinor),
    deposited: money(statement.depositedMinor),
    disbursed: money(statement.disbursedMinor),
    reserved: money(statement.reservedMinor),
    escrowBalance: money(statement.escrowBalanceMinor),
    available: money(statement.availableMinor),
    arrears: money(statement.arrearsMinor),
    arrearsNotCoveredByEscrow: money(statement.arrearsNotCoveredByEscrowMinor),
  };
  for (const [channelId, minor] of Object.entries(statement.disbursedByChannelMinor).sort())
    figures[`disbursed.${channelId}`] = money(minor);
  return figures;
}

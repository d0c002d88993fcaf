// The split invariant, recomputed independently of src/core/programme/split-aggregation.ts: for every
// committed disbursement d, the committed payments to the same payee or sharing a document with d,
// reserved at or before d and no longer ago than the aggregation window, add up (with d) to at
// most the channel's per-payment cap, and d's approvals cover the tier of that sum.
import { expect } from 'vitest';
import { distinctApproverCount, tierRequirement } from '../src/core/programme/approval-policy.js';
import { referenceEquivalentMinor } from '../src/core/programme/exchange-rate.js';
import { findChannel, type Programme } from '../src/core/programme/programme.js';
import type { DisbursementRecord } from '../src/app/ports/programme-ports.js';
import type { Store } from '../src/app/ports/store-port.js';

const dayMs = 86_400_000;

export async function checkNoSplitExceedsLimits(
  store: Store,
  programme: Programme,
  committed: readonly DisbursementRecord[],
): Promise<void> {
  const documents = new Map<string, Set<string>>();
  for (const record of committed)
    documents.set(
      record.disbursementId,
      new Set(
        (await store.disbursements.listDocuments(record.disbursementId)).map(
          (entry) => entry.sha256,
        ),
      ),
    );
  const reservedMs = (record: DisbursementRecord) => Date.parse(record.state.reservation!.at);
  const windowMs = programme.controls.aggregationWindowDays * dayMs;
  for (const d of committed) {
    const mine = documents.get(d.disbursementId)!;
    const group = committed.filter((e) => {
      if (e.disbursementId === d.disbursementId) return true;
      if (
        windowMs === 0 ||
        reservedMs(e) > reservedMs(d) ||
        reservedMs(e) < reservedMs(d) - windowMs
      )
        return false;
      return (
        e.request.payeePartyId === d.request.payeePartyId ||
        [...documents.get(e.disbursementId)!].some((sha256) => mine.has(sha256))
      );
    });
    const capMinor = group
      .filter((e) => e.channelId === d.channelId)
      .reduce((sum, e) => sum + e.capAmountMinor, 0n);
    expect(
      capMinor,
      `${d.disbursementId} with ${group.map((e) => e.disbursementId).join(', ')}`,
    ).toBeLessThanOrEqual(findChannel(programme, d.channelId)!.caps.perPaymentCapMinor);
    const policyMinor = group.reduce(
      (sum, e) =>
        sum +
        referenceEquivalentMinor(
          programme.referenceRates,
          e.request.amountMinor,
          e.request.currency,
          programme.approvalPolicy.currency,
        ),
      0n,
    );
    const tier = tierRequirement(programme.approvalPolicy, policyMinor);
    expect(
      distinctApproverCount(d.state.requestedBy, d.state.approvals),
      `${d.disbursementId} approvals for ${policyMinor}`,
    ).toBeGreaterThanOrEqual(tier.approvalsRequired);
    if (tier.overseerNonObjectionRequired) expect(d.state.overseerNonObjection).toBeDefined();
  }
}

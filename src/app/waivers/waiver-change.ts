// What a waiver file would change in the waivers in force: nothing (the same waiver again), a new
// waiver or renewal, or the revocation of a recorded one. Checked when it is proposed and again
// when it is approved, against the waivers in force at that moment.
import { DomainError } from '../../core/domain-error.js';
import { contentSha256 } from '../../core/programme/content-key.js';
import type { Finding } from '../../core/programme/finding.js';
import type { Programme } from '../../core/programme/programme.js';
import { parseWaiver, type Waiver } from '../../core/programme/waiver.js';
import { validateWaiverHistory } from '../../core/programme/waiver-window.js';
import type { WaiverRecord } from '../ports/programme-ports.js';
import type { StoreSession } from '../ports/store-port.js';

export type WaiverChange =
  | { readonly kind: 'unchanged'; readonly stored: WaiverRecord }
  | { readonly kind: 'new' | 'renewal' | 'revocation'; readonly stored: WaiverRecord | undefined };

/** Refused with the first finding's code and every finding in the details. */
export function refuseFindings(findings: readonly Finding[]): never {
  const first = findings[0]!;
  throw new DomainError(
    first.code,
    findings.map((finding) => `${finding.field}: ${finding.message}`).join('; '),
    { field: first.field, details: { findings } },
  );
}

function withoutRevocation(waiver: Waiver): Waiver {
  const { revokedFrom: _revokedFrom, ...rest } = waiver;
  return rest;
}

export async function waiverChangeCheck(
  session: Pick<StoreSession, 'programmes'>,
  programme: Programme,
  waiver: Waiver,
): Promise<WaiverChange> {
  const records = await session.programmes.listWaivers(programme.programmeId);
  const existing = records.map((record) =>
    parseWaiver(JSON.parse(record.waiverJson), `waivers.${record.waiverId}`),
  );
  const index = existing.findIndex((entry) => entry.waiverId === waiver.waiverId);
  const stored = index >= 0 ? existing[index] : undefined;
  const storedRecord = index >= 0 ? records[index] : undefined;
  if (stored && storedRecord && contentSha256(stored) === contentSha256(waiver))
    return { kind: 'unchanged', stored: storedRecord };
  const isRevocation =
    stored !== undefined &&
    stored.revokedFrom === undefined &&
    waiver.revokedFrom !== undefined &&
    contentSha256(withoutRevocation(waiver)) === contentSha256(stored);
  if (stored && !isRevocation) {
    throw new DomainError(
      'waiver.id_conflict',
      `waiver ${waiver.waiverId} is already recorded with different content; a renewal needs its own id (only a revocation may be added to a recorded waiver)`,
      { field: 'waiverId' },
    );
  }
  const history = validateWaiverHistory(programme, [
    ...existing.filter((entry) => entry.waiverId !== waiver.waiverId),
    waiver,
  ]);
  if (history.length > 0) refuseFindings(history);
  return {
    kind: isRevocation ? 'revocation' : waiver.renewsWaiverId ? 'renewal' : 'new',
    stored: storedRecord,
  };
}

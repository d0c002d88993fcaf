// Record a waiver or a renewal. Refused with the first finding's code (waiver.too_long,
// waiver.end_before_start, waiver.overlap …) and every finding in the details; nothing is written.
// The same waiver again is a no-op; the same id with other content is a conflict, except that
// adding revokedFrom to a stored waiver records the overseer's revocation.
import { DomainError } from '../domain-error.js';
import { checkActorContext, type ActorContext } from '../ledger-service/actor-context.js';
import { withWriteRetry } from '../ledger-service/write-retry.js';
import { contentSha256, encodeRecord } from '../programme/content-key.js';
import type { Finding } from '../programme/finding.js';
import { parseWaiver, type Waiver } from '../programme/waiver.js';
import { validateWaiver, validateWaiverHistory } from '../programme/waiver-window.js';
import { currentProgramme, programmeWaivers } from '../programme-service/current-programme.js';
import type { Store } from '../store/store-port.js';
import { requireRole } from '../programme-service/users.js';

export interface WaiverRecordResult {
  readonly waiver: Waiver;
  readonly status: 'recorded' | 'unchanged' | 'revoked';
}

function refuse(findings: readonly Finding[]): never {
  const first = findings[0]!;
  throw new DomainError(first.code, findings.map((finding) => `${finding.field}: ${finding.message}`).join('; '), { field: first.field, details: { findings } });
}

function withoutRevocation(waiver: Waiver): Waiver {
  const { revokedFrom: _revokedFrom, ...rest } = waiver;
  return rest;
}

export async function recordWaiver(store: Store, programmeId: string, json: unknown, context: ActorContext): Promise<WaiverRecordResult> {
  checkActorContext(context);
  const waiver = parseWaiver(json);
  const sha256 = contentSha256(waiver);
  return withWriteRetry(() =>
    store.transaction(async (tx) => {
      await requireRole(tx, context.actor, 'waiver.record', programmeId);
      const { programme } = await currentProgramme(tx, programmeId);
      const own = validateWaiver(programme, waiver);
      if (own.length > 0) refuse(own);
      const existing = await programmeWaivers(tx, programmeId);
      const stored = existing.find((entry) => entry.waiverId === waiver.waiverId);
      if (stored && contentSha256(stored) === sha256) return { waiver: stored, status: 'unchanged' as const };
      const isRevocation = stored !== undefined && stored.revokedFrom === undefined && waiver.revokedFrom !== undefined && contentSha256(withoutRevocation(waiver)) === contentSha256(stored);
      if (stored && !isRevocation) {
        throw new DomainError('waiver.id_conflict', `waiver ${waiver.waiverId} is already recorded with different content; a renewal needs its own id (only a revocation may be added to a recorded waiver)`, { field: 'waiverId' });
      }
      const history = validateWaiverHistory(programme, [...existing.filter((entry) => entry.waiverId !== waiver.waiverId), waiver]);
      if (history.length > 0) refuse(history);
      const record = { programmeId, waiverId: waiver.waiverId, contentSha256: sha256, waiverJson: encodeRecord(json), recordedAtUs: context.nowUs };
      if (isRevocation) await tx.programmes.replaceWaiver(record);
      else await tx.programmes.insertWaiver(record);
      await tx.audit.append({
        kind: isRevocation ? 'waiver.revoked' : waiver.renewsWaiverId ? 'waiver.renewed' : 'waiver.recorded',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `waiver:${programmeId}/${waiver.waiverId}`,
        payload: { programmeId, waiverId: waiver.waiverId, validFrom: waiver.validFrom, validUntil: waiver.validUntil, revokedFrom: waiver.revokedFrom ?? null, renewsWaiverId: waiver.renewsWaiverId ?? null, channelIds: [...waiver.channelIds], contentSha256: sha256 },
      });
      return { waiver, status: isRevocation ? ('revoked' as const) : ('recorded' as const) };
    }),
  );
}


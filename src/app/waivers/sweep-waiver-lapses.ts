// What the passage of time does, applied: expiry warnings at 30/14/7 days (each recorded once),
// and reservations whose waiver has lapsed or been revoked released back to the escrow (the
// pending transfer voided, the disbursement expired), each in its own transaction with its audit
// event. Run by `qanat waiver sweep`; `now` comes from the caller's clock.
import { DomainError } from '../../core/domain-error.js';
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import { dateFromInstantUs } from '../../core/programme/day-boundary.js';
import {
  stateHoldsReservation,
  transition,
} from '../../core/programme/disbursement-state-machine.js';
import { releaseTransfer } from '../../core/programme/ledger-movements.js';
import {
  expiryWarningsDue,
  reservationsToReleaseOnLapse,
  type ExpiryWarning,
} from '../../core/programme/waiver-expiry.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';
import { systemActor } from '../kernel/users.js';
import { runWorkflowStep } from '../disbursement/workflow-step.js';
import type { Store } from '../ports/store-port.js';
import { recordNotices } from '../notifications/record-notices.js';
import { waiverNotices } from '../notifications/recipients.js';
import { requireRole } from '../kernel/users.js';

export interface SweepReport {
  readonly programmeId: string;
  /** every warning due now; `newlyRaised` says whether this run recorded it */
  readonly warnings: readonly (ExpiryWarning & { readonly newlyRaised: boolean })[];
  readonly released: readonly {
    readonly disbursementId: string;
    readonly waiverId: string;
    readonly reason: string;
  }[];
  /** instructed payments under a lapsed waiver: the bank holds the instruction, so only its confirmation or return can close them */
  readonly needsAttention: readonly {
    readonly disbursementId: string;
    readonly waiverId: string;
    readonly reason: string;
  }[];
}

export async function sweepWaiverLapses(
  store: Store,
  context: ActorContext,
): Promise<SweepReport[]> {
  checkActorContext(context);
  await requireRole(store, context.actor, 'waiver.sweep');
  const reports: SweepReport[] = [];
  for (const programmeId of await store.programmes.listProgrammeIds())
    reports.push(await sweepProgramme(store, programmeId, context));
  return reports;
}

async function sweepProgramme(
  store: Store,
  programmeId: string,
  context: ActorContext,
): Promise<SweepReport> {
  const now = dateFromInstantUs(context.nowUs);
  const { programme } = await currentProgramme(store, programmeId);
  const waivers = await programmeWaivers(store, programmeId);

  const warnings = [];
  for (const warning of expiryWarningsDue(waivers, now, programme)) {
    const newlyRaised = await store.transaction(async (tx) => {
      if (!(await tx.programmes.insertWarningOnce(programmeId, warning.key, context.nowUs)))
        return false;
      await tx.audit.append({
        kind: 'waiver.expiry_warning',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `waiver:${programmeId}/${warning.waiverId}`,
        payload: {
          programmeId,
          waiverId: warning.waiverId,
          thresholdDays: warning.thresholdDays,
          daysRemaining: warning.daysRemaining,
          lastDayInForce: warning.lastDayInForce,
          channelIdsLosingCover: [...warning.channelIdsLosingCover],
        },
      });
      await recordNotices(
        tx,
        waiverNotices(
          programmeId,
          warning,
          await tx.notifications.grantsOnProgramme(programmeId),
          context.actor,
        ),
        context.nowUs,
      );
      return true;
    });
    warnings.push({ ...warning, newlyRaised });
  }

  const open = (await store.disbursements.listCommitted(programmeId)).filter(
    (record) => stateHoldsReservation(record.state) && record.waiverId !== null,
  );
  const releases = reservationsToReleaseOnLapse(
    waivers,
    open.map((record) => ({
      reservationId: record.disbursementId,
      channelId: record.channelId,
      waiverId: record.waiverId!,
    })),
    now,
    programme.timeZone,
  );
  const released = [];
  const needsAttention = [];
  for (const release of releases) {
    const reason = `${release.reason.replace(/_/g, ' ')}: waiver ${release.reservation.waiverId}${release.lastDayInForce ? ` last covered ${release.lastDayInForce}` : ''}`;
    const entry = {
      disbursementId: release.reservation.reservationId,
      waiverId: release.reservation.waiverId,
      reason,
    };
    try {
      await runWorkflowStep(
        store,
        entry.disbursementId,
        { ...context, reason: `${context.reason ? `${context.reason}: ` : ''}${reason}` },
        async ({ record, programme: current, now: stepNow }) => {
          const next = transition(
            record.state,
            { type: 'expire', actor: systemActor, reason },
            { now: stepNow },
          );
          if (next instanceof DomainError) throw next;
          return {
            state: next,
            eventKind: 'disbursement.expired',
            transfers: [releaseTransfer(current, record, reason)],
            payload: { waiverId: entry.waiverId, releaseReason: release.reason },
          };
        },
      );
      released.push(entry);
    } catch (error) {
      // Instructed payments cannot expire (the state machine forbids it): report, never guess.
      if (!(error instanceof DomainError) || error.code !== 'workflow.illegal_transition')
        throw error;
      needsAttention.push(entry);
      await store.transaction(async (tx) => {
        if (
          !(await tx.programmes.insertWarningOnce(
            programmeId,
            `lapse:${entry.disbursementId}:${entry.waiverId}`,
            context.nowUs,
          ))
        )
          return;
        await tx.audit.append({
          kind: 'waiver.lapsed_with_instruction',
          actor: context.actor,
          reason: context.reason,
          atUs: context.nowUs,
          subject: `disbursement:${entry.disbursementId}`,
          payload: { programmeId, ...entry },
        });
      });
    }
  }
  return { programmeId, warnings, released, needsAttention };
}

// One disbursement as its detail page shows it: the request, the rules checked now and their
// results, documents, screening hits on its parties, approvals, overrides, the audit trail of the
// request, and the actions the acting user may take (the state machine and the duty policy decide).
import { dateOfInstantUs } from '../../core/programme/day-boundary.js';
import { allowedActions, type ActionOption } from '../../core/programme/allowed-actions.js';
import {
  capPeriodKey,
  checkDisbursementAgainstChannel,
} from '../../core/programme/channel-rules.js';
import { committedInPeriodMinor } from '../../core/programme/committed-usage.js';
import { committedDisbursements } from '../disbursement/committed.js';
import type { Finding } from '../../core/programme/finding.js';
import type { PartyName } from '../../core/programme/programme.js';
import type { Actor } from '../../core/programme/approval-policy.js';
import type { IsoDate } from '../../core/programme/calendar-date.js';
import type { Waiver } from '../../core/programme/waiver.js';
import { waiverCovering } from '../../core/programme/waiver-window.js';
import { waiverInForceOn } from '../../core/programme/waiver.js';
import type { StoredHit } from '../../core/screening-review/screening-hit.js';
import type { DisbursementRecord, DocumentAttachment } from '../ports/programme-ports.js';
import type { Store } from '../ports/store-port.js';
import { dutyConflictPolicy } from '../programme-service/duty-policy.js';
import { currentProgramme, programmeWaivers } from '../kernel/current-programme.js';
import { actorFor } from '../kernel/users.js';
import { ownerPartyId } from '../screening-service/engine-screening-port.js';
import type { ScreeningSubject } from '../ports/screening-port.js';

export const auditTrailEventsMax = 200;

export interface AuditTrailEntry {
  readonly seq: bigint;
  readonly kind: string;
  readonly atUs: bigint;
  readonly actor: string;
  readonly reason: string;
  readonly from?: string;
  readonly to?: string;
}

export interface DisbursementWorkspace {
  readonly disbursement: DisbursementRecord;
  readonly payeeNames: readonly PartyName[];
  readonly channelName: string;
  readonly findings: readonly Finding[];
  readonly documents: readonly DocumentAttachment[];
  readonly hits: readonly StoredHit[];
  readonly auditTrail: readonly AuditTrailEntry[];
  readonly actions: readonly ActionOption[];
  readonly coveringWaiverId: string | null;
  /** the programme's time zone: times are shown as the programme's people read them */
  readonly timeZone: string;
}

/** The actions `actor` may take on `record` today, with the waivers that decide reserve, instruct, execute. */
export function actionsOn(
  record: DisbursementRecord,
  actor: Actor,
  waivers: readonly Waiver[],
  today: IsoDate,
  nowUs: bigint,
): ActionOption[] {
  const covering = waiverCovering(waivers, record.channelId, today);
  const reservationWaiver = waivers.find((waiver) => waiver.waiverId === record.waiverId);
  const inForce =
    reservationWaiver &&
    reservationWaiver.channelIds.includes(record.channelId) &&
    waiverInForceOn(reservationWaiver, today)
      ? reservationWaiver.waiverId
      : undefined;
  return allowedActions(record.state, actor, dutyConflictPolicy(), {
    now: new Date(Number(nowUs / 1000n)),
    ...(covering ? { coveringWaiverId: covering.waiverId } : {}),
    ...(inForce ? { reservationWaiverInForceId: inForce } : {}),
  });
}

export async function disbursementWorkspace(
  store: Store,
  record: DisbursementRecord,
  userId: string,
  nowUs: bigint,
): Promise<DisbursementWorkspace> {
  const { programme } = await currentProgramme(store, record.programmeId);
  const waivers = await programmeWaivers(store, record.programmeId);
  const today = dateOfInstantUs(nowUs, programme.timeZone);
  const documents = await store.disbursements.listDocuments(record.disbursementId);
  // the rules as they stand now, with the attached documents counted
  const request = {
    ...record.request,
    documents: [
      ...record.request.documents,
      ...documents
        .filter(
          (document) =>
            !record.request.documents.some(
              (ref) => 'sha256' in ref && ref.sha256 === document.sha256,
            ),
        )
        .map((document) => ({ kind: document.kind, sha256: document.sha256 })),
    ],
  };
  const covering = waiverCovering(waivers, record.channelId, today);
  const channel = programme.channels.find((candidate) => candidate.channelId === record.channelId);
  const key = channel ? capPeriodKey(channel, today, covering?.waiverId) : '';
  const committedMinor = committedInPeriodMinor(
    committedDisbursements(await store.disbursements.listCommitted(record.programmeId)),
    record.channelId,
    key,
    record.disbursementId,
  );
  const check = checkDisbursementAgainstChannel(programme, record.channelId, request, {
    currency: channel?.caps.currency ?? '',
    committedMinor,
  });
  const payee = programme.parties.find((party) => party.partyId === record.request.payeePartyId);
  // the payee and its owners, with the ids screening gives them (an owner without a party id of its own gets one derived from its names)
  const partyIds = [
    record.request.payeePartyId,
    ...(payee?.beneficialOwners ?? []).flatMap((owner) => [
      ownerPartyId(record.request.payeePartyId, { names: owner.names } as ScreeningSubject),
      ...(owner.partyId ? [owner.partyId] : []),
    ]),
  ];
  const events = await store.audit.eventsForSubject(
    `disbursement:${record.disbursementId}`,
    auditTrailEventsMax,
  );
  return {
    disbursement: record,
    payeeNames: payee?.names ?? [],
    channelName: channel?.name ?? record.channelId,
    findings: [...check.violations, ...check.warnings],
    documents,
    hits: await store.screening.activeHitsForParties(partyIds),
    auditTrail: events.map((event) => {
      const body = JSON.parse(event.body) as {
        actor?: string;
        reason?: string;
        payload?: { from?: string; to?: string };
      };
      return {
        seq: event.seq,
        kind: event.kind,
        atUs: event.atUs,
        actor: body.actor ?? '',
        reason: body.reason ?? '',
        ...(body.payload?.from ? { from: body.payload.from } : {}),
        ...(body.payload?.to ? { to: body.payload.to } : {}),
      };
    }),
    actions: actionsOn(
      record,
      await actorFor(store, userId, record.programmeId),
      waivers,
      today,
      nowUs,
    ),
    coveringWaiverId: covering?.waiverId ?? null,
    timeZone: programme.timeZone,
  };
}

// The overseer's second question: not only "was nothing changed?" but "did every control hold?".
// Replays the workflow's own pure rules (approval policy, channel rules and caps, waiver cover,
// the state machine's readiness) over the recorded facts, in the order the audit log recorded
// them, and reports every money step (reserve, instruct, execute) that lacked a control as it
// stood at that step. Pure: the caller loads events, records, programme versions and waivers.
// The audit events are the authority (hash-chained); a stored row that disagrees with them is a
// break of its own, and the decision is judged on what the events say.
import { approvalRequirementFor, type UserRole } from '../programme/approval-policy.js';
import {
  capPeriodKey as periodKeyFor,
  checkDisbursementAgainstChannel,
} from '../programme/channel-rules.js';
import {
  committedInPeriodMinor,
  committedUnderWaiverCapMinor,
  type CommittedDisbursement,
} from '../programme/committed-usage.js';
import { contentSha256 } from '../programme/content-key.js';
import { dateOfInstantUs } from '../programme/day-boundary.js';
import type { DisbursementRequest } from '../programme/disbursement-request.js';
import type {
  DisbursementState,
  DisbursementStatus,
} from '../programme/disbursement-state-machine.js';
import { findChannel, type Programme } from '../programme/programme.js';
import type { Waiver } from '../programme/waiver.js';
import { waiverInForceOn } from '../programme/waiver.js';
import { checkWaiverCover, waiverCovering } from '../programme/waiver-window.js';

export interface RecordedEvent {
  readonly seq: bigint;
  readonly kind: string;
  readonly actor: string;
  readonly atUs: bigint;
  readonly subject: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface RecordedDisbursement {
  readonly disbursementId: string;
  readonly programmeId: string;
  readonly channelId: string;
  readonly status: DisbursementStatus;
  readonly request: DisbursementRequest & { readonly contentKey?: string };
  readonly state: DisbursementState;
}

export interface ProgrammeVersionFact {
  readonly versionNo: number;
  readonly loadedAtUs: bigint;
  readonly programme: Programme;
}

export interface RecheckFacts {
  /** every relevant event, in append order */
  readonly events: readonly RecordedEvent[];
  readonly disbursements: readonly RecordedDisbursement[];
  /** per programme id, oldest first */
  readonly programmeVersions: ReadonlyMap<string, readonly ProgrammeVersionFact[]>;
  /** per programme id, as stored (caps, issue date); their windows are taken from the events */
  readonly waivers: ReadonlyMap<string, readonly Waiver[]>;
}

export type ControlBreakCode =
  | 'control.approvals_missing'
  | 'control.non_objection_missing'
  | 'control.approval_invalid'
  | 'control.screening_not_cleared'
  | 'control.clearance_invalid'
  | 'control.overrides_missing'
  | 'control.waiver_not_covering'
  | 'control.cap_exceeded'
  | 'control.channel_rule_broken'
  | 'control.role_missing'
  | 'control.out_of_order'
  | 'control.unrecorded_step'
  | 'control.record_altered';

export interface ControlBreak {
  readonly code: ControlBreakCode;
  readonly disbursementId: string;
  /** the step judged: reserve, instruct, execute, or the record itself */
  readonly step: string;
  readonly eventSeq: bigint | null;
  readonly message: string;
}

interface Replayed {
  readonly disbursementId: string;
  readonly programmeId: string;
  readonly channelId: string;
  readonly requestedBy: string;
  readonly approvalsRequired: number;
  readonly nonObjectionRequired: boolean;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly capAmountMinor: bigint;
  readonly documents: { kind: string; sha256: string }[];
  readonly contentKey: string;
  /** how many of `documents` the creation event listed (the content key covers those) */
  readonly createdDocumentCount: number;
  status: DisbursementStatus;
  screening: 'none' | 'clear' | 'hits';
  cleared: boolean;
  readonly approvers: Set<string>;
  nonObjection: boolean;
  overridesRequired: string[];
  readonly overrides: Set<string>;
  waiverId: string | null;
  capPeriodKey: string | null;
}

interface WaiverWindow {
  readonly validFrom: string;
  readonly validUntil: string;
  readonly revokedFrom: string | undefined;
  readonly channelIds: readonly string[];
}

const moneySteps: Readonly<
  Record<string, { step: string; from: DisbursementStatus; to: DisbursementStatus }>
> = {
  'disbursement.funds_reserved': { step: 'reserve', from: 'approval', to: 'funds_reserved' },
  'disbursement.instructed': { step: 'instruct', from: 'funds_reserved', to: 'instructed' },
  'disbursement.executed': { step: 'execute', from: 'instructed', to: 'executed' },
};
const moneyStatuses: readonly DisbursementStatus[] = ['funds_reserved', 'instructed', 'executed'];

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const big = (value: unknown): bigint =>
  typeof value === 'string' && /^-?\d+$/.test(value)
    ? BigInt(value)
    : typeof value === 'number'
      ? BigInt(value)
      : 0n;

export function recheckControls(facts: RecheckFacts): ControlBreak[] {
  const breaks: ControlBreak[] = [];
  const rolesByUser = new Map<string, readonly string[]>();
  const windows = new Map<string, WaiverWindow>();
  const recordedWaiverIds = new Map<string, Set<string>>();
  const replayed = new Map<string, Replayed>();
  const storedById = new Map(facts.disbursements.map((record) => [record.disbursementId, record]));
  const report = (
    code: ControlBreakCode,
    disbursementId: string,
    step: string,
    eventSeq: bigint | null,
    message: string,
  ): void => {
    breaks.push({ code, disbursementId, step, eventSeq, message });
  };
  // grants are "role@programmeId" ("*" = every programme), as the role-change events record them
  const hasRole = (userId: string, programmeId: string, ...roles: UserRole[]) =>
    roles.some((role) =>
      (rolesByUser.get(userId) ?? []).some(
        (grant) => grant === role || grant === `${role}@*` || grant === `${role}@${programmeId}`,
      ),
    );

  const programmeAt = (programmeId: string, atUs: bigint): Programme | undefined =>
    (facts.programmeVersions.get(programmeId) ?? [])
      .filter((version) => version.loadedAtUs <= atUs)
      .at(-1)?.programme;
  /** The waivers as recorded by then, with the windows the events gave them. */
  const waiversAt = (programmeId: string): Waiver[] =>
    (facts.waivers.get(programmeId) ?? []).flatMap((waiver) => {
      const window = windows.get(`${programmeId}/${waiver.waiverId}`);
      if (!window || !recordedWaiverIds.get(programmeId)?.has(waiver.waiverId)) return [];
      const { revokedFrom: _stored, ...rest } = waiver;
      return [
        {
          ...rest,
          validFrom: window.validFrom,
          validUntil: window.validUntil,
          channelIds: window.channelIds,
          ...(window.revokedFrom ? { revokedFrom: window.revokedFrom } : {}),
        },
      ];
    });
  const committed = (programmeId: string): CommittedDisbursement[] =>
    [...replayed.values()]
      .filter((entry) => entry.programmeId === programmeId)
      .map((entry) => ({
        disbursementId: entry.disbursementId,
        channelId: entry.channelId,
        status: entry.status,
        amountMinor: entry.amountMinor,
        currency: entry.currency,
        capAmountMinor: entry.capAmountMinor,
        capPeriodKey: entry.capPeriodKey,
        waiverId: entry.waiverId,
      }));

  for (const event of facts.events) {
    const p = event.payload;
    if (event.kind === 'user.roles_set') {
      rolesByUser.set(str(p.userId), Array.isArray(p.roles) ? p.roles.map(str) : []);
      continue;
    }
    // the grant changes that take effect: the bootstraps and an approved four-eyes proposal
    if (
      event.kind === 'user.first_administrator_bootstrapped' ||
      event.kind === 'user.second_administrator_bootstrapped' ||
      event.kind === 'user.roles_changed'
    ) {
      rolesByUser.set(str(p.userId), Array.isArray(p.grants) ? p.grants.map(str) : []);
      continue;
    }
    if (
      event.kind === 'waiver.recorded' ||
      event.kind === 'waiver.renewed' ||
      event.kind === 'waiver.revoked'
    ) {
      const programmeId = str(p.programmeId);
      windows.set(`${programmeId}/${str(p.waiverId)}`, {
        validFrom: str(p.validFrom),
        validUntil: str(p.validUntil),
        revokedFrom: str(p.revokedFrom) || undefined,
        channelIds: Array.isArray(p.channelIds) ? p.channelIds.map(str) : [],
      });
      recordedWaiverIds.set(
        programmeId,
        (recordedWaiverIds.get(programmeId) ?? new Set()).add(str(p.waiverId)),
      );
      continue;
    }
    if (!event.kind.startsWith('disbursement.')) continue;
    const id = str(p.disbursementId);
    if (event.kind === 'disbursement.created') {
      const createdDocuments = Array.isArray(p.documents)
        ? (p.documents as { kind: string; sha256: string }[]).map((d) => ({
            kind: d.kind,
            sha256: d.sha256,
          }))
        : [];
      replayed.set(id, {
        disbursementId: id,
        programmeId: str(p.programmeId),
        channelId: str(p.channelId),
        requestedBy: event.actor,
        approvalsRequired: Number(p.approvalsRequired),
        nonObjectionRequired: p.overseerNonObjectionRequired === true,
        amountMinor: big(p.amountMinor),
        currency: str(p.currency),
        capAmountMinor: big(p.capAmountMinor),
        documents: createdDocuments,
        createdDocumentCount: createdDocuments.length,
        contentKey: str(p.contentKey),
        status: 'draft',
        screening: 'none',
        cleared: false,
        approvers: new Set(),
        nonObjection: false,
        overridesRequired: [],
        overrides: new Set(),
        waiverId: null,
        capPeriodKey: null,
      });
      const programme = programmeAt(str(p.programmeId), event.atUs);
      const entry = replayed.get(id)!;
      if (programme) {
        const requirement = approvalRequirementFor(programme, entry.amountMinor, entry.currency);
        if (
          requirement.approvalsRequired > entry.approvalsRequired ||
          (requirement.overseerNonObjectionRequired && !entry.nonObjectionRequired)
        ) {
          report(
            'control.record_altered',
            id,
            'create',
            event.seq,
            `${id}: created needing ${entry.approvalsRequired} approval(s), but the programme's tiers ask ${requirement.approvalsRequired}`,
          );
        }
        Object.assign(entry, {
          approvalsRequired: Math.max(entry.approvalsRequired, requirement.approvalsRequired),
          nonObjectionRequired:
            entry.nonObjectionRequired || requirement.overseerNonObjectionRequired,
        });
      }
      continue;
    }
    const entry = replayed.get(id);
    if (!entry) {
      report(
        'control.out_of_order',
        id,
        event.kind,
        event.seq,
        `${id}: ${event.kind} before any disbursement.created`,
      );
      continue;
    }
    const from = str(p.from);
    const to = str(p.to) as DisbursementStatus;
    switch (event.kind) {
      case 'disbursement.document_attached':
        entry.documents.push({ kind: str(p.kind), sha256: str(p.sha256) });
        break;
      case 'disbursement.submitted':
        entry.overridesRequired = (
          Array.isArray(p.warnings)
            ? (p.warnings as { code: string; field: string; overrideRequired: boolean }[])
            : []
        )
          .filter((w) => w.overrideRequired)
          .map((w) => `${w.code}@${w.field}`);
        break;
      case 'disbursement.screened':
        entry.screening = Array.isArray(p.hits) && p.hits.length > 0 ? 'hits' : 'clear';
        entry.cleared = false;
        break;
      case 'disbursement.compliance_cleared':
        if (
          event.actor === entry.requestedBy ||
          !hasRole(event.actor, entry.programmeId, 'compliance_officer')
        )
          report(
            'control.clearance_invalid',
            id,
            'clear',
            event.seq,
            `${id}: hits cleared by ${event.actor}, who is the requester or no compliance officer`,
          );
        else entry.cleared = true;
        break;
      case 'disbursement.approved':
        if (
          event.actor === entry.requestedBy ||
          !hasRole(event.actor, entry.programmeId, 'approver') ||
          entry.approvers.has(event.actor)
        )
          report(
            'control.approval_invalid',
            id,
            'approve',
            event.seq,
            `${id}: approval by ${event.actor} does not count (requester, no approver role, or twice)`,
          );
        else entry.approvers.add(event.actor);
        break;
      case 'disbursement.non_objection_recorded':
        if (hasRole(event.actor, entry.programmeId, 'overseer')) entry.nonObjection = true;
        else
          report(
            'control.role_missing',
            id,
            'non-objection',
            event.seq,
            `${id}: non-objection recorded by ${event.actor}, who is no overseer`,
          );
        break;
      case 'disbursement.warning_overridden':
        if (
          event.actor !== entry.requestedBy &&
          hasRole(event.actor, entry.programmeId, 'approver', 'compliance_officer')
        )
          entry.overrides.add(str(p.findingKey));
        else
          report(
            'control.role_missing',
            id,
            'override',
            event.seq,
            `${id}: warning overridden by ${event.actor}, the requester or without the role`,
          );
        break;
      default:
        break;
    }
    const money = moneySteps[event.kind];
    if (money) checkMoneyStep(event, entry, money.step, money.from);
    if (money?.step === 'reserve') {
      entry.waiverId = str(p.waiverId) || null;
      entry.capPeriodKey = str(p.capPeriodKey) || null;
    }
    if (to) entry.status = to;
    if (from && money && from !== money.from)
      report(
        'control.out_of_order',
        id,
        money.step,
        event.seq,
        `${id}: ${money.step} from ${from}, not from ${money.from}`,
      );
  }

  function checkMoneyStep(
    event: RecordedEvent,
    entry: Replayed,
    step: string,
    expectedFrom: DisbursementStatus,
  ): void {
    const id = entry.disbursementId;
    const at = (code: ControlBreakCode, message: string): void =>
      report(code, id, step, event.seq, `${id} ${step}: ${message}`);
    if (entry.status !== expectedFrom)
      at(
        'control.out_of_order',
        `the recorded history had it ${entry.status}, not ${expectedFrom}`,
      );
    if (entry.approvers.size < entry.approvalsRequired)
      at(
        'control.approvals_missing',
        `${entry.approvers.size} of ${entry.approvalsRequired} distinct approvals`,
      );
    if (entry.nonObjectionRequired && !entry.nonObjection)
      at(
        'control.non_objection_missing',
        "the overseer's non-objection is required and was not recorded",
      );
    if (entry.screening === 'none')
      at('control.screening_not_cleared', 'no screening result was recorded');
    if (entry.screening === 'hits' && !entry.cleared)
      at(
        'control.screening_not_cleared',
        'screening raised hits and no compliance officer cleared them',
      );
    const missing = entry.overridesRequired.filter((key) => !entry.overrides.has(key));
    if (missing.length > 0)
      at('control.overrides_missing', `warnings not overridden: ${missing.join(', ')}`);
    if (
      step === 'instruct' &&
      (event.actor === entry.requestedBy || !hasRole(event.actor, entry.programmeId, 'treasury'))
    )
      at('control.role_missing', `instructed by ${event.actor}, the requester or no treasury user`);
    if (step === 'execute' && !hasRole(event.actor, entry.programmeId, 'treasury'))
      at('control.role_missing', `execution recorded by ${event.actor}, no treasury user`);

    const programme = programmeAt(entry.programmeId, event.atUs);
    if (!programme) return at('control.unrecorded_step', `no programme version was loaded by then`);
    const today = dateOfInstantUs(event.atUs, programme.timeZone);
    const waivers = waiversAt(entry.programmeId);
    const waiverId = step === 'reserve' ? str(event.payload.waiverId) : entry.waiverId;
    const waiver = waivers.find((candidate) => candidate.waiverId === waiverId);
    if (
      !waiver ||
      !waiver.channelIds.includes(entry.channelId) ||
      !waiverInForceOn(waiver, today)
    ) {
      at(
        'control.waiver_not_covering',
        `waiver ${waiverId ?? '(none)'} did not cover channel ${entry.channelId} on ${today}`,
      );
    } else if (
      step === 'reserve' &&
      waiverCovering(waivers, entry.channelId, today)?.waiverId !== waiver.waiverId
    ) {
      at(
        'control.waiver_not_covering',
        `reserved under ${waiver.waiverId}, but ${waiverCovering(waivers, entry.channelId, today)?.waiverId} governed the channel that day`,
      );
    }
    if (step !== 'reserve') return;
    // Caps and channel rules as they stood: usage is what the replay had committed before this step.
    const stored = storedById.get(id);
    const channel = findChannel(programme, entry.channelId);
    if (!stored || !channel)
      return at(
        'control.channel_rule_broken',
        `no stored request or channel ${entry.channelId} to check against`,
      );
    const { contentKey: _key, documents: _documents, ...requestFields } = stored.request;
    const request: DisbursementRequest = { ...requestFields, documents: entry.documents };
    if (
      entry.contentKey !== '' &&
      contentSha256({
        channelId: entry.channelId,
        programmeId: entry.programmeId,
        request: { ...requestFields },
        documents: entry.documents.slice(0, entry.createdDocumentCount),
      }) !== entry.contentKey
    ) {
      at(
        'control.record_altered',
        'the stored request differs from the one its creation event recorded',
      );
    }
    const usage = committed(entry.programmeId);
    const key =
      str(event.payload.capPeriodKey) ||
      periodKeyFor(channel, request.valueDate, waiverId ?? undefined);
    const check = checkDisbursementAgainstChannel(programme, entry.channelId, request, {
      currency: channel.caps.currency,
      committedMinor: committedInPeriodMinor(usage, entry.channelId, key, id),
    });
    for (const violation of check.violations)
      at(
        violation.code.startsWith('cap') ? 'control.cap_exceeded' : 'control.channel_rule_broken',
        `${violation.code}: ${violation.message}`,
      );
    for (const finding of checkWaiverCover(
      programme,
      waivers,
      entry.channelId,
      today,
      request,
      (w, cap) => committedUnderWaiverCapMinor(programme, usage, w, cap, id),
    )) {
      if (finding.code === 'waiver.cap_exceeded') at('control.cap_exceeded', finding.message);
    }
  }

  // The rows against the replay: a money status no event explains, or a requirement edited down.
  for (const record of facts.disbursements) {
    const entry = replayed.get(record.disbursementId);
    const id = record.disbursementId;
    if (!entry) {
      if (moneyStatuses.includes(record.status))
        report(
          'control.unrecorded_step',
          id,
          record.status,
          null,
          `${id} is ${record.status} but no event records its creation`,
        );
      continue;
    }
    if (record.status !== entry.status)
      report(
        'control.unrecorded_step',
        id,
        record.status,
        null,
        `${id} is stored as ${record.status}; its events take it to ${entry.status}`,
      );
    if (
      record.state.requirement.approvalsRequired < entry.approvalsRequired ||
      (entry.nonObjectionRequired && !record.state.requirement.overseerNonObjectionRequired)
    ) {
      report(
        'control.record_altered',
        id,
        'record',
        null,
        `${id}: the stored requirement (${record.state.requirement.approvalsRequired} approval(s)) is below the recorded one (${entry.approvalsRequired})`,
      );
    }
  }
  return breaks;
}

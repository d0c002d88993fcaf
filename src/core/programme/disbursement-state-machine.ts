// The disbursement workflow as a pure function: (state, action, context) → new state or a
// DomainError. The use case persists the state and the audit event in one transaction; nothing
// here reads the clock (context.now) or the store (context.coveringWaiverId is looked up by the
// caller with waiverCovering()).
import { DomainError } from '../domain-error.js';
import {
  approvalRefusal,
  approvalsSatisfied,
  distinctApproverCount,
  type Actor,
  type Approval,
  type ApprovalRequirement,
  type UserRole,
} from './approval-policy.js';
import { findingKey, type Finding } from './finding.js';
import { overrideDocumentProblem } from './override-document.js';

export const disbursementStatuses = [
  'draft',
  'submitted',
  'screening',
  'compliance_review',
  'approval',
  'funds_reserved',
  'instructed',
  'executed',
  /** paid by the bank, then returned by the beneficiary's bank: the money is back in the escrow */
  'returned',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type DisbursementStatus = (typeof disbursementStatuses)[number];
export const terminalStatuses: readonly DisbursementStatus[] = [
  'executed',
  'returned',
  'rejected',
  'cancelled',
  'expired',
];

/** An override of a warning (e.g. a price above the reference band), by someone other than the requester. */
export interface WarningOverride {
  readonly findingKey: string;
  readonly userId: string;
  readonly reason: string;
  readonly at: string;
  /** SHA-256 of the supporting document, where the finding needs one (overrideDocumentRequiredCodes) */
  readonly documentSha256?: string;
}

export interface DisbursementState {
  readonly disbursementId: string;
  readonly channelId: string;
  readonly status: DisbursementStatus;
  readonly requestedBy: string;
  /** fixed when the draft is created, from the amount and the programme's tiers */
  readonly requirement: ApprovalRequirement;
  /** keys of warnings that must be overridden before funds are reserved, set on submit */
  readonly overridesRequired: readonly string[];
  readonly overrides: readonly WarningOverride[];
  readonly screening?: {
    readonly outcome: 'clear' | 'hits';
    readonly hitCount: number;
    readonly at: string;
  };
  readonly complianceClearance?: {
    readonly userId: string;
    readonly reason: string;
    readonly at: string;
  };
  /** earlier clearances, when a list import sent the disbursement back to review after one */
  readonly priorClearances?: readonly {
    readonly userId: string;
    readonly reason: string;
    readonly at: string;
  }[];
  /** set while a list import's new hit holds a disbursement past screening in review: where clearance returns it */
  readonly reviewReturn?: {
    readonly status: 'approval' | 'funds_reserved' | 'instructed';
    readonly hitIds: readonly string[];
    readonly at: string;
  };
  readonly approvals: readonly Approval[];
  readonly overseerNonObjection?: {
    readonly userId: string;
    readonly reference: string;
    readonly at: string;
  };
  readonly reservation?: { readonly waiverId: string; readonly at: string };
  readonly instruction?: { readonly userId: string; readonly at: string };
  readonly execution?: { readonly bankReference: string; readonly at: string };
  readonly bankReturn?: {
    readonly bankReference: string;
    readonly reasonCode: string;
    readonly at: string;
  };
  readonly closure?: { readonly userId: string; readonly reason: string; readonly at: string };
}

export type DisbursementAction =
  | { readonly type: 'submit'; readonly actor: Actor; readonly findings: readonly Finding[] }
  | { readonly type: 'start_screening'; readonly actor: Actor }
  | {
      readonly type: 'record_screening';
      readonly actor: Actor;
      readonly outcome: 'clear' | 'hits';
      readonly hitCount: number;
    }
  | { readonly type: 'clear_compliance'; readonly actor: Actor; readonly reason: string }
  | { readonly type: 'return_to_review'; readonly actor: Actor; readonly hitIds: readonly string[] }
  | {
      readonly type: 'override_warning';
      readonly actor: Actor;
      readonly findingKey: string;
      readonly reason: string;
      readonly documentSha256?: string;
    }
  | { readonly type: 'approve'; readonly actor: Actor }
  | { readonly type: 'record_non_objection'; readonly actor: Actor; readonly reference: string }
  | { readonly type: 'reserve_funds'; readonly actor: Actor }
  | { readonly type: 'instruct'; readonly actor: Actor }
  | { readonly type: 'confirm_execution'; readonly actor: Actor; readonly bankReference: string }
  | { readonly type: 'bank_reject'; readonly actor: Actor; readonly reason: string }
  | {
      readonly type: 'record_return';
      readonly actor: Actor;
      readonly bankReference: string;
      readonly reasonCode: string;
    }
  | { readonly type: 'reject'; readonly actor: Actor; readonly reason: string }
  | { readonly type: 'cancel'; readonly actor: Actor; readonly reason: string }
  | { readonly type: 'expire'; readonly actor: Actor; readonly reason: string };

export type DisbursementActionType = DisbursementAction['type'];

export interface TransitionContext {
  readonly now: Date;
  /** the waiver covering the channel today, from waiverCovering(); needed to reserve, instruct, execute */
  readonly coveringWaiverId?: string;
}

/** A reason a person gives must say something: this is what an overseer reads afterwards. */
export const reasonLengthMin = 20;
export const reasonLengthMax = 2_000;

/** Which statuses each action may start from. Everything else is an illegal transition. */
const allowedFrom: Readonly<Record<DisbursementActionType, readonly DisbursementStatus[]>> = {
  submit: ['draft'],
  start_screening: ['submitted'],
  record_screening: ['screening'],
  clear_compliance: ['compliance_review'],
  return_to_review: ['approval', 'funds_reserved', 'instructed'],
  override_warning: ['submitted', 'screening', 'compliance_review', 'approval'],
  approve: ['approval'],
  record_non_objection: ['approval'],
  reserve_funds: ['approval'],
  instruct: ['funds_reserved'],
  confirm_execution: ['instructed'],
  bank_reject: ['instructed'],
  record_return: ['executed'],
  reject: ['compliance_review', 'approval'],
  cancel: ['draft', 'submitted', 'screening', 'compliance_review', 'approval', 'funds_reserved'],
  expire: ['submitted', 'screening', 'compliance_review', 'approval', 'funds_reserved'],
};

export function createDisbursement(input: {
  disbursementId: string;
  channelId: string;
  requestedBy: Actor;
  requirement: ApprovalRequirement;
}): DisbursementState | DomainError {
  if (!input.requestedBy.roles.includes('operator')) {
    return new DomainError(
      'workflow.role_missing',
      `${input.requestedBy.userId} does not have the operator role`,
      { field: 'actor' },
    );
  }
  return {
    disbursementId: input.disbursementId,
    channelId: input.channelId,
    status: 'draft',
    requestedBy: input.requestedBy.userId,
    requirement: input.requirement,
    overridesRequired: [],
    overrides: [],
    approvals: [],
  };
}

function refuse(code: string, message: string, field = 'action'): DomainError {
  return new DomainError(code, message, { field });
}

function needRole(actor: Actor, role: UserRole, what: string): DomainError | undefined {
  return actor.roles.includes(role)
    ? undefined
    : refuse('workflow.role_missing', `${actor.userId} needs the ${role} role to ${what}`, 'actor');
}

function needReason(reason: string): DomainError | undefined {
  const trimmed = reason.trim();
  if (trimmed.length < reasonLengthMin)
    return refuse(
      'workflow.reason_required',
      `a reason of at least ${reasonLengthMin} characters is required`,
      'reason',
    );
  if (trimmed.length > reasonLengthMax)
    return refuse(
      'workflow.reason_too_long',
      `a reason may be at most ${reasonLengthMax} characters`,
      'reason',
    );
  return undefined;
}

/** Everything that must hold before money is reserved; also re-checked for later money moves. */
export function readinessProblem(state: DisbursementState): DomainError | undefined {
  const count = distinctApproverCount(state.requestedBy, state.approvals);
  if (count < state.requirement.approvalsRequired) {
    return refuse(
      'approval.insufficient',
      `${count} of ${state.requirement.approvalsRequired} required approvals`,
    );
  }
  if (
    !approvalsSatisfied(
      state.requirement,
      state.requestedBy,
      state.approvals,
      state.overseerNonObjection !== undefined,
    )
  ) {
    return refuse(
      'approval.non_objection_missing',
      "this amount needs the overseer's non-objection",
    );
  }
  const missing = state.overridesRequired.filter(
    (key) => !state.overrides.some((override) => override.findingKey === key),
  );
  if (missing.length > 0)
    return refuse('override.missing', `warnings not yet overridden: ${missing.join(', ')}`);
  return undefined;
}

export function transition(
  state: DisbursementState,
  action: DisbursementAction,
  context: TransitionContext,
): DisbursementState | DomainError {
  const at = context.now.toISOString();
  if (!allowedFrom[action.type].includes(state.status)) {
    if (action.type === 'approve' && state.status === 'rejected')
      return refuse(
        'approval.request_rejected',
        'this disbursement was rejected and can no longer be approved',
      );
    if (terminalStatuses.includes(state.status))
      return refuse(
        'workflow.closed',
        `this disbursement is ${state.status}; no further action is possible`,
      );
    return new DomainError(
      'workflow.illegal_transition',
      `cannot ${action.type} a disbursement in status ${state.status}`,
      { field: 'action', details: { from: state.status, action: action.type } },
    );
  }
  const actor = action.actor;
  switch (action.type) {
    case 'submit': {
      if (actor.userId !== state.requestedBy)
        return refuse('workflow.not_requester', 'only the requester submits their draft', 'actor');
      const violations = action.findings.filter((finding) => finding.severity === 'violation');
      if (violations.length > 0) {
        return new DomainError(
          'workflow.channel_violations',
          `the request breaks the channel rules: ${violations.map((finding) => finding.code).join(', ')}`,
          { field: violations[0]!.field, details: { violations } },
        );
      }
      const overridesRequired = action.findings
        .filter((finding) => finding.overrideRequired)
        .map(findingKey);
      return { ...state, status: 'submitted', overridesRequired };
    }
    case 'start_screening':
      return needRole(actor, 'system', 'start screening') ?? { ...state, status: 'screening' };
    case 'record_screening': {
      const problem = needRole(actor, 'system', 'record a screening result');
      if (problem) return problem;
      const consistent = action.outcome === 'clear' ? action.hitCount === 0 : action.hitCount > 0;
      if (!consistent || !Number.isSafeInteger(action.hitCount))
        return refuse(
          'screening.invalid_result',
          `outcome ${action.outcome} with ${action.hitCount} hits`,
        );
      // Compliance review only when screening raised hits: a clear result goes straight to approval.
      return {
        ...state,
        status: action.outcome === 'hits' ? 'compliance_review' : 'approval',
        screening: { outcome: action.outcome, hitCount: action.hitCount, at },
      };
    }
    case 'clear_compliance': {
      const problem =
        (actor.userId === state.requestedBy
          ? refuse(
              'compliance.own_request',
              'the requester cannot clear their own screening hits',
              'actor',
            )
          : undefined) ??
        needRole(actor, 'compliance_officer', 'clear screening hits') ??
        needReason(action.reason);
      if (problem) return problem;
      // back to where the list import stopped it, its reservation (if any) still held
      const { reviewReturn, ...rest } = state;
      const priorClearances = state.complianceClearance
        ? [...(state.priorClearances ?? []), state.complianceClearance]
        : state.priorClearances;
      return {
        ...rest,
        status: reviewReturn?.status ?? 'approval',
        complianceClearance: { userId: actor.userId, reason: action.reason.trim(), at },
        ...(priorClearances ? { priorClearances } : {}),
      };
    }
    case 'return_to_review': {
      const problem =
        needRole(actor, 'system', 'return a disbursement to compliance review') ??
        (action.hitIds.length === 0
          ? refuse('screening.invalid_result', 'a return to review names the hits that caused it')
          : undefined);
      return (
        problem ?? {
          ...state,
          status: 'compliance_review',
          reviewReturn: {
            status: state.status as 'approval' | 'funds_reserved' | 'instructed',
            hitIds: [...action.hitIds],
            at,
          },
        }
      );
    }
    case 'override_warning': {
      if (actor.userId === state.requestedBy)
        return refuse(
          'override.own_request',
          'a warning must be overridden by someone other than the requester',
          'actor',
        );
      if (!actor.roles.includes('approver') && !actor.roles.includes('compliance_officer'))
        return refuse(
          'workflow.role_missing',
          `${actor.userId} needs the approver or compliance_officer role to override a warning`,
          'actor',
        );
      if (!state.overridesRequired.includes(action.findingKey))
        return refuse(
          'override.unknown_warning',
          `no warning "${action.findingKey}" needs an override`,
          'findingKey',
        );
      if (state.overrides.some((override) => override.findingKey === action.findingKey))
        return refuse(
          'override.duplicate',
          `warning "${action.findingKey}" is already overridden`,
          'findingKey',
        );
      const problem =
        needReason(action.reason) ??
        overrideDocumentProblem(action.findingKey, action.documentSha256);
      const document =
        action.documentSha256 !== undefined ? { documentSha256: action.documentSha256 } : {};
      return (
        problem ?? {
          ...state,
          overrides: [
            ...state.overrides,
            {
              findingKey: action.findingKey,
              userId: actor.userId,
              reason: action.reason.trim(),
              at,
              ...document,
            },
          ],
        }
      );
    }
    case 'approve': {
      const refusal = approvalRefusal(state.requirement, state.requestedBy, state.approvals, actor);
      return refusal ?? { ...state, approvals: [...state.approvals, { userId: actor.userId, at }] };
    }
    case 'record_non_objection': {
      const problem =
        needRole(actor, 'overseer', 'record a non-objection') ??
        (action.reference.trim() === ''
          ? refuse(
              'workflow.reference_required',
              "the overseer's reference is required",
              'reference',
            )
          : undefined);
      if (problem) return problem;
      if (state.overseerNonObjection)
        return refuse('approval.duplicate', "the overseer's non-objection is already recorded");
      return {
        ...state,
        overseerNonObjection: { userId: actor.userId, reference: action.reference.trim(), at },
      };
    }
    case 'reserve_funds': {
      const problem = needRole(actor, 'system', 'reserve funds') ?? readinessProblem(state);
      if (problem) return problem;
      if (context.coveringWaiverId === undefined)
        return refuse(
          'waiver.not_covering',
          `no waiver covers channel ${state.channelId} on ${at.slice(0, 10)}`,
        );
      return {
        ...state,
        status: 'funds_reserved',
        reservation: { waiverId: context.coveringWaiverId, at },
      };
    }
    case 'instruct': {
      const problem =
        needRole(actor, 'treasury', 'instruct the bank') ??
        (actor.userId === state.requestedBy
          ? refuse(
              'workflow.own_request',
              'the requester cannot instruct their own payment',
              'actor',
            )
          : undefined) ??
        readinessProblem(state) ??
        (context.coveringWaiverId === undefined
          ? refuse(
              'waiver.not_covering',
              `no waiver covers channel ${state.channelId} on ${at.slice(0, 10)}`,
            )
          : undefined);
      return (
        problem ?? { ...state, status: 'instructed', instruction: { userId: actor.userId, at } }
      );
    }
    case 'confirm_execution': {
      const problem =
        needRole(actor, 'system', 'confirm execution') ??
        readinessProblem(state) ??
        (action.bankReference.trim() === ''
          ? refuse('workflow.reference_required', 'the bank reference is required', 'bankReference')
          : undefined) ??
        (context.coveringWaiverId === undefined
          ? refuse(
              'waiver.not_covering',
              `no waiver covers channel ${state.channelId} on ${at.slice(0, 10)}`,
            )
          : undefined);
      return (
        problem ?? {
          ...state,
          status: 'executed',
          execution: { bankReference: action.bankReference.trim(), at },
        }
      );
    }
    case 'record_return':
      return (
        needRole(actor, 'system', 'record a return') ?? {
          ...state,
          status: 'returned',
          bankReturn: { bankReference: action.bankReference, reasonCode: action.reasonCode, at },
        }
      );
    case 'bank_reject':
      return (
        needRole(actor, 'system', 'record a bank rejection') ?? {
          ...state,
          status: 'rejected',
          closure: { userId: actor.userId, reason: action.reason, at },
        }
      );
    case 'reject': {
      const role: UserRole =
        state.status === 'compliance_review' ? 'compliance_officer' : 'approver';
      const problem =
        (actor.userId === state.requestedBy
          ? refuse(
              'workflow.own_request',
              'the requester cancels, not rejects, their own request',
              'actor',
            )
          : undefined) ??
        needRole(actor, role, 'reject at this stage') ??
        needReason(action.reason);
      return (
        problem ?? {
          ...state,
          status: 'rejected',
          closure: { userId: actor.userId, reason: action.reason.trim(), at },
        }
      );
    }
    case 'cancel': {
      if (state.reviewReturn?.status === 'instructed')
        return refuse(
          'workflow.illegal_transition',
          'the bank holds the instruction: only its return or a compliance rejection closes it',
        );
      const problem =
        (actor.userId !== state.requestedBy && !actor.roles.includes('approver')
          ? refuse('workflow.role_missing', 'only the requester or an approver can cancel', 'actor')
          : undefined) ?? needReason(action.reason);
      return (
        problem ?? {
          ...state,
          status: 'cancelled',
          closure: { userId: actor.userId, reason: action.reason.trim(), at },
        }
      );
    }
    case 'expire':
      if (state.reviewReturn?.status === 'instructed')
        return new DomainError(
          'workflow.illegal_transition',
          'cannot expire an instructed payment held in review',
          { field: 'action', details: { from: state.status, action: action.type } },
        );
      return (
        needRole(actor, 'system', 'expire a disbursement') ?? {
          ...state,
          status: 'expired',
          closure: { userId: actor.userId, reason: action.reason, at },
        }
      );
  }
}

/** For callers that prefer exceptions (use cases inside a transaction: throwing rolls back). */
export function transitionOrThrow(
  state: DisbursementState,
  action: DisbursementAction,
  context: TransitionContext,
): DisbursementState {
  const next = transition(state, action, context);
  if (next instanceof DomainError) throw next;
  return next;
}

/** Statuses in which the disbursement holds a reservation in the ledger. */
export function holdsReservation(status: DisbursementStatus): boolean {
  return status === 'funds_reserved' || status === 'instructed';
}

/** Whether this disbursement holds a reservation, counting one held in review after a list import. */
export function stateHoldsReservation(
  state: Pick<DisbursementState, 'status' | 'reviewReturn'>,
): boolean {
  return (
    holdsReservation(state.status) ||
    (state.status === 'compliance_review' &&
      state.reviewReturn !== undefined &&
      holdsReservation(state.reviewReturn.status))
  );
}

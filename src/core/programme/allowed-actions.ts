// Which workflow actions a person may take on a disbursement now: each one is tried against the
// state machine itself (a dry run of transition) and the duty-conflict policy, so the web app
// offers exactly what the API would accept and says why the others are closed. Pure: the actor's
// roles, the policy and the covering waiver are parameters.
import { DomainError } from '../domain-error.js';
import { actionRoles } from '../identity/action-roles.js';
import {
  dutiesOf,
  dutyConflictRefusal,
  type Duty,
  type DutyConflictPolicy,
} from '../identity/duty-conflicts.js';
import type { Actor } from './approval-policy.js';
import {
  reasonLengthMin,
  transition,
  type DisbursementAction,
  type DisbursementState,
} from './disbursement-state-machine.js';

/** The actions a person can ask for, named as the API's paths are (POST /disbursements/:id/<action>). */
export const personActions = [
  'submit',
  'clear',
  'approve',
  'non-objection',
  'override',
  'reserve',
  'instruct',
  'execute',
  'reject',
  'cancel',
] as const;
export type PersonAction = (typeof personActions)[number];

export interface ActionOption {
  readonly action: PersonAction;
  readonly allowed: boolean;
  /** why not, as the API would refuse it */
  readonly refusal?: { readonly code: string; readonly message: string };
  /** for override: the warnings this person may override */
  readonly findingKeys?: readonly string[];
}

export interface AllowedActionsContext {
  readonly now: Date;
  /** the waiver covering the channel today (reserve) or the reservation's waiver in force (instruct, execute) */
  readonly coveringWaiverId?: string;
  readonly reservationWaiverInForceId?: string;
}

const system: Actor = { userId: 'qanat', roles: ['system'] };
/** a reason long enough for the dry run: the form asks the person for the real one */
const placeholderReason = 'r'.repeat(reasonLengthMin);

interface Attempt {
  readonly action: DisbursementAction;
  readonly waiverId?: string;
  readonly duty?: Duty;
  readonly roleProblem?: DomainError;
}

function attemptFor(
  option: Exclude<PersonAction, 'override'>,
  actor: Actor,
  context: AllowedActionsContext,
): Attempt {
  const reason = placeholderReason;
  switch (option) {
    case 'submit':
      return { action: { type: 'submit', actor, findings: [] } };
    case 'clear':
      return { action: { type: 'clear_compliance', actor, reason } };
    case 'approve':
      return { action: { type: 'approve', actor } };
    case 'non-objection':
      return { action: { type: 'record_non_objection', actor, reference: 'reference' } };
    case 'reserve': {
      const allowed = actionRoles['disbursement.reserve'].some((role) =>
        actor.roles.includes(role),
      );
      return {
        action: { type: 'reserve_funds', actor: system },
        ...(context.coveringWaiverId !== undefined ? { waiverId: context.coveringWaiverId } : {}),
        duty: 'reserver',
        ...(allowed
          ? {}
          : {
              roleProblem: new DomainError(
                'workflow.role_missing',
                `${actor.userId} needs the treasury role to reserve funds`,
                { field: 'actor' },
              ),
            }),
      };
    }
    case 'instruct':
      return {
        action: { type: 'instruct', actor },
        ...(context.reservationWaiverInForceId !== undefined
          ? { waiverId: context.reservationWaiverInForceId }
          : {}),
      };
    case 'execute':
      return {
        action: { type: 'confirm_execution', actor: system, bankReference: 'reference' },
        ...(context.reservationWaiverInForceId !== undefined
          ? { waiverId: context.reservationWaiverInForceId }
          : {}),
        duty: 'executor',
        ...(actor.roles.includes('treasury')
          ? {}
          : {
              roleProblem: new DomainError(
                'workflow.role_missing',
                `${actor.userId} needs the treasury role to record the bank's execution`,
                { field: 'actor' },
              ),
            }),
      };
    case 'reject':
      return { action: { type: 'reject', actor, reason } };
    case 'cancel':
      return { action: { type: 'cancel', actor, reason } };
  }
}

function tryAttempt(
  state: DisbursementState,
  actor: Actor,
  attempt: Attempt,
  policy: DutyConflictPolicy,
  now: Date,
): DomainError | undefined {
  if (attempt.roleProblem) return attempt.roleProblem;
  const next = transition(state, attempt.action, {
    now,
    ...(attempt.waiverId !== undefined ? { coveringWaiverId: attempt.waiverId } : {}),
  });
  if (next instanceof DomainError) return next;
  return dutyConflictRefusal(policy, [
    ...dutiesOf(next),
    ...(attempt.duty ? [{ duty: attempt.duty, userId: actor.userId }] : []),
  ]);
}

const optionOf = (
  action: PersonAction,
  refusal: DomainError | undefined,
  extra: Partial<ActionOption> = {},
): ActionOption =>
  refusal
    ? { action, allowed: false, refusal: { code: refusal.code, message: refusal.message } }
    : { action, allowed: true, ...extra };

export function allowedActions(
  state: DisbursementState,
  actor: Actor,
  policy: DutyConflictPolicy,
  context: AllowedActionsContext,
): ActionOption[] {
  return personActions.map((action) => {
    if (action !== 'override')
      return optionOf(
        action,
        tryAttempt(state, actor, attemptFor(action, actor, context), policy, context.now),
      );
    const open = state.overridesRequired.filter(
      (key) => !state.overrides.some((override) => override.findingKey === key),
    );
    if (open.length === 0)
      return optionOf(
        action,
        new DomainError('override.none_needed', 'no warning waits for an override'),
      );
    let firstRefusal: DomainError | undefined;
    const keys = open.filter((findingKey) => {
      const refusal = tryAttempt(
        state,
        actor,
        { action: { type: 'override_warning', actor, findingKey, reason: placeholderReason } },
        policy,
        context.now,
      );
      firstRefusal ??= refusal;
      return refusal === undefined;
    });
    return keys.length > 0
      ? optionOf(action, undefined, { findingKeys: keys })
      : optionOf(action, firstRefusal);
  });
}

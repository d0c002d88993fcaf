// Separation of duties on one disbursement, as data (policy/duty-conflicts.json): which duties
// one person may not combine. Pure: the policy and the duties held are parameters.
import { z } from 'zod';
import { DomainError } from '../domain-error.js';
import type { DisbursementState } from '../programme/disbursement-state-machine.js';

export const duties = [
  'requester',
  'approver',
  'compliance_decider',
  'overrider',
  'non_objection',
  'reserver',
  'instructor',
  'executor',
] as const;
export type Duty = (typeof duties)[number];
export const conflictGroupsMax = 32;

export const dutyConflictPolicySchema = z.strictObject({
  description: z.string().min(1).max(2_000),
  version: z.literal(1),
  conflicts: z
    .array(
      z.strictObject({
        duties: z.array(z.enum(duties)).min(2).max(duties.length),
        why: z.string().min(10).max(1_000),
      }),
    )
    .min(1)
    .max(conflictGroupsMax)
    // the issue's minimum: these six are pairwise distinct people; a policy that drops one is refused
    .refine(
      (groups) =>
        requiredPairs.every(([a, b]) =>
          groups.some((group) => group.duties.includes(a) && group.duties.includes(b)),
        ),
      {
        message: `must keep requester, approver, compliance_decider, overrider, non_objection and executor pairwise apart`,
      },
    ),
});
export type DutyConflictPolicy = z.output<typeof dutyConflictPolicySchema>;

const minimumDistinct: readonly Duty[] = [
  'requester',
  'approver',
  'compliance_decider',
  'overrider',
  'non_objection',
  'executor',
];
const requiredPairs: readonly (readonly [Duty, Duty])[] = minimumDistinct.flatMap((a, i) =>
  minimumDistinct.slice(i + 1).map((b) => [a, b] as const),
);

export function parseDutyConflictPolicy(json: unknown): DutyConflictPolicy {
  const parsed = dutyConflictPolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(
      'policy.invalid',
      `duty-conflicts policy ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      { field: issue.path.join('.') },
    );
  }
  return parsed.data;
}

export interface HeldDuty {
  readonly duty: Duty;
  readonly userId: string;
}

/** The duties recorded in a disbursement's state. Reserving and recording execution are added by the step that does them. */
export function dutiesOf(state: DisbursementState): HeldDuty[] {
  const held: HeldDuty[] = [{ duty: 'requester', userId: state.requestedBy }];
  for (const approval of state.approvals) held.push({ duty: 'approver', userId: approval.userId });
  if (state.complianceClearance)
    held.push({ duty: 'compliance_decider', userId: state.complianceClearance.userId });
  for (const clearance of state.priorClearances ?? [])
    held.push({ duty: 'compliance_decider', userId: clearance.userId });
  for (const override of state.overrides) held.push({ duty: 'overrider', userId: override.userId });
  if (state.overseerNonObjection)
    held.push({ duty: 'non_objection', userId: state.overseerNonObjection.userId });
  if (state.instruction) held.push({ duty: 'instructor', userId: state.instruction.userId });
  return held;
}

/** The first pair of conflicting duties one person holds, or undefined. */
export function dutyConflict(
  policy: DutyConflictPolicy,
  held: readonly HeldDuty[],
): { userId: string; duties: [Duty, Duty]; why: string } | undefined {
  for (const group of policy.conflicts) {
    const byUser = new Map<string, Duty>();
    for (const { duty, userId } of held) {
      if (!group.duties.includes(duty)) continue;
      const other = byUser.get(userId);
      if (other !== undefined && other !== duty)
        return { userId, duties: [other, duty], why: group.why };
      byUser.set(userId, duty);
    }
  }
  return undefined;
}

export function dutyConflictRefusal(
  policy: DutyConflictPolicy,
  held: readonly HeldDuty[],
): DomainError | undefined {
  const conflict = dutyConflict(policy, held);
  if (!conflict) return undefined;
  return new DomainError(
    'duty.conflict',
    `${conflict.userId} would be both ${conflict.duties[0]} and ${conflict.duties[1]} on this disbursement: ${conflict.why}`,
    { field: 'actor', details: { userId: conflict.userId, duties: conflict.duties } },
  );
}

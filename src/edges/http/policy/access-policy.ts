// The route × role policy as data (policy/access.json), validated when the server starts. One
// hook enforces it; the OpenAPI document shows it in every operation's description.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { apiRoles, type ApiRole } from '../auth/roles-of.js';

const operationPolicySchema = z.strictObject({
  roles: z.union([z.literal('any'), z.array(z.enum(apiRoles)).min(1)]),
  /** what a machine token must carry to call it */
  scope: z.string().regex(/^[a-z-]+(:[a-z-]+)?$/),
  /** callable by a session that still owes a password change or its second factor */
  duringPendingLogin: z.boolean().optional(),
});

const accessPolicySchema = z.strictObject({
  $comment: z.string().optional(),
  public: z.array(z.string().min(1)),
  operations: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), operationPolicySchema),
});

export type OperationPolicy = z.infer<typeof operationPolicySchema>;
export type AccessPolicy = z.infer<typeof accessPolicySchema>;

/** src/edges/http/policy and dist/edges/http/policy both sit four levels below the repository. */
export const accessPolicyPath = fileURLToPath(
  new URL('../../../../policy/access.json', import.meta.url),
);

export function loadAccessPolicy(path = accessPolicyPath): AccessPolicy {
  const parsed = accessPolicySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  for (const name of parsed.data.public) {
    if (name in parsed.data.operations)
      throw new Error(`${path}: "${name}" is both public and restricted`);
  }
  return parsed.data;
}

export function roleAllowed(policy: OperationPolicy, role: ApiRole): boolean {
  return policy.roles === 'any' || policy.roles.includes(role);
}

export function describePolicy(policy: OperationPolicy): string {
  const roles = policy.roles === 'any' ? 'any signed-in user' : policy.roles.join(', ');
  return `Roles: ${roles}. Token scope: ${policy.scope}.`;
}

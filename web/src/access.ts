// Which pages and controls a person is offered: read from the same access policy the server
// enforces (policy/access.json), so the navigation never offers what the API would refuse.
import policy from '../../policy/access.json';

type Rule = { readonly roles: readonly string[] | 'any' };
const operations = policy.operations as unknown as Readonly<Record<string, Rule>>;

/** True if one of `roles` may call the API operation `operationId`. */
export function mayCall(roles: ReadonlySet<string>, operationId: string): boolean {
  const rule = operations[operationId];
  if (!rule) return false;
  return rule.roles === 'any' || rule.roles.some((role) => roles.has(role));
}

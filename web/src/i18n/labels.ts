// Labels for values the API sends as codes: roles, token scopes, channels, screening standings.
// A channel the messages do not know (a new programme's) shows the programme's own name.
import type { IntlShape } from 'react-intl';
import policy from '../../../policy/access.json';

export const roles = [
  'administrator',
  'operator',
  'creditor_representative',
  'compliance_officer',
  'approver',
  'treasury',
  'overseer',
] as const;
export type Role = (typeof roles)[number];

/** every scope an operation of the access policy asks of a token, as the server computes them */
export const tokenScopes: readonly string[] = [
  ...new Set(
    Object.values(policy.operations as Record<string, { scope: string }>).map(
      (operation) => operation.scope,
    ),
  ),
].sort();

const known = (intl: IntlShape, id: string) => Object.hasOwn(intl.messages, id);

export const roleLabel = (intl: IntlShape, role: string): string =>
  known(intl, `role.${role}`) ? intl.formatMessage({ id: `role.${role}` }) : role;

export const scopeLabel = (intl: IntlShape, scope: string): string =>
  known(intl, `scope.${scope}`) ? intl.formatMessage({ id: `scope.${scope}` }) : scope;

export function channelLabel(intl: IntlShape, channelId: string, programmeName?: string): string {
  return known(intl, `channel.${channelId}`)
    ? intl.formatMessage({ id: `channel.${channelId}` })
    : (programmeName ?? channelId);
}

/** "operator in iraq-iran-energy", "administrator in every programme" */
export function grantLabel(intl: IntlShape, grant: { role: string; programmeId: string }): string {
  return intl.formatMessage(
    { id: grant.programmeId === '*' ? 'grant.everywhere' : 'grant.in' },
    { role: roleLabel(intl, grant.role), programme: grant.programmeId },
  );
}

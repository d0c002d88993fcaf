// `qanat user …`: people and their role grants. Changes go through the API as the logged-in
// administrator (four eyes: one proposes, another approves); only the very first administrator is
// made on the store directly, by the machine's operator, with a one-time password printed once.
import type { Command } from 'commander';
import { parseGrants } from '../../../core/identity/role-change-rules.js';
import { assignableRoles } from '../../../core/identity/roles.js';
import { bootstrapFirstAdministrator } from '../../../app/programme-service/role-changes.js';
import { issueCredentials } from '../../http/auth/identity-service.js';
import { userListLimitMax } from '../../../app/ports/user-repository-port.js';
import { ApiProblem, connect } from '../api-client/api-client.js';
import { localOperator, print, printJson, withApp } from '../with-app.js';

const rolesHelp = `comma-separated role or role@programme (role@* or a bare role: every programme); roles: ${assignableRoles.join(', ')}`;
/** who a store-side command is recorded as: the person at the machine, not a user of the API */
export { localOperator };

type Grant = { role: string; programmeId: string };
const shown = (grants: readonly Grant[]) =>
  grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ') || '(no roles)';

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description(
      'users and their role grants through the API (four-eyes: one administrator proposes, another approves)',
    );

  const propose = async (
    userId: string,
    options: { roles: string; programme?: string; reason: string; json?: boolean },
  ) => {
    const grants = parseGrants(
      options.roles
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role !== ''),
      options.programme,
    );
    const api = connect();
    try {
      const answer = await api.post<{ proposalId: string; status: string; userId: string }>(
        `/users/${encodeURIComponent(userId)}/grants`,
        { grants, reason: options.reason },
      );
      if (options.json) return printJson(answer);
      print(
        answer.status === 'pending'
          ? `proposal ${answer.proposalId}: ${userId} → ${shown(grants)}; another administrator approves with \`qanat user approve ${answer.proposalId}\``
          : `${userId}: ${shown(grants)} (${answer.status})`,
      );
    } catch (error) {
      if (!(error instanceof ApiProblem && error.problem.code === 'user.not_found')) throw error;
      // a new person: credentials with a one-time password, the grants proposed with them
      const created = await api.post<{
        userId: string;
        oneTimePassword: string;
        roleChangeProposalId: string | null;
      }>('/users', { userId, grants, reason: options.reason });
      if (options.json) return printJson(created);
      print(
        `${userId}: created; one-time password ${created.oneTimePassword} (shown once; changed at first login)`,
      );
      print(
        created.roleChangeProposalId
          ? `proposal ${created.roleChangeProposalId}: ${userId} → ${shown(grants)}; another administrator approves with \`qanat user approve ${created.roleChangeProposalId}\``
          : `${userId}: ${shown(grants)} (in force)`,
      );
    }
  };

  for (const name of ['propose', 'set']) {
    user
      .command(`${name} <userId>`)
      .description(
        name === 'set'
          ? 'same as propose (kept for old scripts): a role change takes effect only when another administrator approves it'
          : "propose a user's complete set of grants (a new user gets a one-time password); recorded in the audit log",
      )
      .requiredOption('--roles <list>', rolesHelp)
      .option('--programme <id>', 'programme for roles given without @', '*')
      .option('--reason <text>', 'why', 'role change proposed')
      .option('--json')
      .action(propose);
  }

  user
    .command('approve <proposalId>')
    .description('approve a role change proposed by another administrator (never your own roles)')
    .option('--reason <text>', 'why', 'role change approved')
    .option('--json')
    .action(async (proposalId: string, options: { reason: string; json?: boolean }) => {
      const approved = await connect().post<{
        proposalId: string;
        userId: string;
        grants: Grant[];
      }>(`/role-changes/${encodeURIComponent(proposalId)}/approve`, { reason: options.reason });
      if (options.json) return printJson(approved);
      print(`${approved.userId}: ${shown(approved.grants)} (approved)`);
    });

  user
    .command('changes')
    .description(
      'role-change proposals waiting for a second administrator (through the API), oldest first',
    )
    .option('--approved', 'the approved ones instead')
    .option('--json')
    .action(async (options: { approved?: boolean; json?: boolean }) => {
      const proposals = await connect().all<{
        proposalId: string;
        userId: string;
        grants: Grant[];
        proposedBy: string;
        decidedBy: string | null;
      }>('/role-changes', { status: options.approved ? 'approved' : 'pending' }, userListLimitMax);
      if (options.json) return printJson(proposals);
      if (proposals.length === 0)
        return print(options.approved ? 'no approved role changes' : 'no role changes waiting');
      for (const entry of proposals)
        print(
          `${entry.proposalId}  ${entry.userId} → ${shown(entry.grants)}  proposed by ${entry.proposedBy}${entry.decidedBy ? `, approved by ${entry.decidedBy}` : `; approve with \`qanat user approve ${entry.proposalId}\``}`,
        );
    });

  user
    .command('bootstrap <userId>')
    .description(
      'on the store directly, by the operator of the machine: the very first administrator, with a one-time password printed once; refused once any administrator exists',
    )
    .option('--reason <text>', 'why', 'first administrator')
    .action((userId: string, options: { reason: string }) =>
      withApp(async (app) => {
        const context = { actor: localOperator, reason: options.reason, nowUs: app.clock.nowUs() };
        await bootstrapFirstAdministrator(app.store, userId, context);
        const existing = await app.store.identity.getCredential(userId);
        if (existing)
          return print(
            `${userId}: administrator@* (first administrator; keeps the password it has)`,
          );
        const issued = await issueCredentials(
          app.store,
          userId,
          [],
          localOperator,
          options.reason,
          context.nowUs,
        );
        print(
          `${userId}: administrator@* (first administrator), one-time password ${issued.oneTimePassword} (shown once; change it at first login, then enrol TOTP)`,
        );
      }),
    );

  user
    .command('list')
    .description('users, their grants and login state (through the API)')
    .option('--json')
    .action(async (options: { json?: boolean }) => {
      const users = await connect().all<{
        userId: string;
        grants: Grant[];
        totpEnabled: boolean;
        lockedUntilUs: string | null;
      }>('/users', {}, userListLimitMax);
      if (options.json) return printJson(users);
      for (const entry of users)
        print(
          `${entry.userId.padEnd(24)} ${shown(entry.grants)}${entry.totpEnabled ? '' : ' (no TOTP yet)'}${entry.lockedUntilUs ? ' (locked)' : ''}`,
        );
    });
}

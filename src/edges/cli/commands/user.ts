import type { Command } from 'commander';
import { parseGrants } from '../../../core/identity/role-change-rules.js';
import { assignableRoles } from '../../../core/identity/roles.js';
import { approveRoleChange, bootstrapFirstAdministrator, proposeRoleChange } from '../../../app/programme-service/role-changes.js';
import { userListLimitMax } from '../../../app/ports/user-repository-port.js';
import { actorContext } from '../actor-context.js';
import { print, printJson, withApp } from '../with-app.js';

const rolesHelp = `comma-separated role or role@programme (role@* or a bare role: every programme); roles: ${assignableRoles.join(', ')}`;

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('users and their role grants (four-eyes: one administrator proposes, another approves)');

  const propose = (userId: string, options: { roles: string; programme?: string; actor?: string; reason: string }) =>
    withApp(async (app) => {
      const grants = parseGrants(options.roles.split(',').map((role) => role.trim()).filter((role) => role !== ''), options.programme);
      const { proposal, applied } = await proposeRoleChange(app.store, userId, grants, actorContext(app, options));
      const shown = proposal.grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ') || '(no roles)';
      print(applied ? `${userId}: ${shown} (second administrator, in force)` : `proposal ${proposal.proposalId}: ${userId} → ${shown}; another administrator approves with \`qanat user approve ${proposal.proposalId}\``);
    });

  for (const name of ['propose', 'set']) {
    user
      .command(`${name} <userId>`)
      .description(name === 'set' ? 'same as propose (kept for old scripts): a role change takes effect only when another administrator approves it' : "propose a user's complete set of grants; recorded in the audit log")
      .requiredOption('--roles <list>', rolesHelp)
      .option('--programme <id>', 'programme for roles given without @', '*')
      .option('--actor <name>')
      .option('--reason <text>', 'why', 'role change proposed')
      .action(propose);
  }

  user
    .command('approve <proposalId>')
    .description('approve a role change proposed by another administrator (never your own roles)')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'role change approved')
    .action((proposalId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        const approved = await approveRoleChange(app.store, proposalId, actorContext(app, options));
        print(`${approved.userId}: ${approved.grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ') || '(no roles)'} (approved by ${approved.decidedBy})`);
      }),
    );

  user
    .command('bootstrap <userId>')
    .description('make the very first administrator; refused once any administrator exists')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'first administrator')
    .action((userId: string, options: { actor?: string; reason: string }) =>
      withApp(async (app) => {
        await bootstrapFirstAdministrator(app.store, userId, actorContext(app, options));
        print(`${userId}: administrator@* (first administrator)`);
      }),
    );

  user
    .command('list')
    .description('users, their grants and pending proposals')
    .option('--json')
    .action((options: { json?: boolean }) =>
      withApp(async (app) => {
        const users = [];
        for (const record of await app.store.users.listUsers(userListLimitMax)) users.push({ userId: record.userId, grants: (await app.store.users.grantsOf(record.userId)).map((grant) => `${grant.role}@${grant.programmeId}`) });
        const pending = await app.store.users.listProposals('pending', userListLimitMax);
        if (options.json) return printJson({ users, pending });
        for (const entry of users) print(`${entry.userId.padEnd(24)} ${entry.grants.join(', ') || '(no roles)'}`);
        for (const proposal of pending) print(`pending ${proposal.proposalId}: ${proposal.userId} → ${proposal.grants.map((grant) => `${grant.role}@${grant.programmeId}`).join(', ')} (proposed by ${proposal.proposedBy})`);
      }),
    );
}

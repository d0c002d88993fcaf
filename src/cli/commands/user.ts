import type { Command } from 'commander';
import { assignableRoles, setUserRoles } from '../../programme-service/users.js';
import { actorContext } from '../actor-context.js';
import { print, withApp } from '../with-app.js';

export function registerUserCommands(program: Command): void {
  program
    .command('user')
    .description('workflow users and their roles')
    .command('set <userId>')
    .description(`set a user's roles (${assignableRoles.join(', ')}); recorded in the audit log`)
    .requiredOption('--roles <list>', 'comma-separated')
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'roles assigned')
    .action(async (userId: string, options: { roles: string; actor?: string; reason: string }) =>
      withApp(async (app) => {
        const roles = options.roles.split(',').map((role) => role.trim()).filter((role) => role !== '');
        await setUserRoles(app.store, userId, roles, actorContext(app, options));
        print(`${userId}: ${roles.join(', ')}`);
      }),
    );
}

// Users for a CLI test, made the way a deployment makes them: `user bootstrap` the first
// administrator, who names a second; then each user proposed by the first and approved by the second.
import { expect } from 'vitest';

type Cli = (...args: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }>;

export async function cliSeedUsers(cli: Cli, users: Readonly<Record<string, string>>): Promise<void> {
  const must = async (...args: string[]) => {
    const run = await cli(...args);
    expect(run.stderr).toBe('');
    return run.stdout;
  };
  await must('user', 'bootstrap', 'root', '--actor', 'installer');
  await must('user', 'propose', 'root2', '--roles', 'administrator', '--actor', 'root');
  for (const [userId, roles] of Object.entries(users)) {
    const proposalId = /proposal (rc-[0-9a-f]+)/.exec(await must('user', 'propose', userId, '--roles', roles, '--actor', 'root'))?.[1];
    expect(proposalId).toBeDefined();
    await must('user', 'approve', proposalId!, '--actor', 'root2');
  }
}

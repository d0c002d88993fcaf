// `qanat user changes` as a client of GET /role-changes, on both stores: the administrator who
// proposed a new person's grants sees the proposal waiting, with the command that approves it;
// --approved and --json list the decided ones; an operator is refused with exit 3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../../test-support/api-server.js';
import { cliPeople, type CliPeople } from '../../../../test-support/cli-login.js';

describe.each(storeDialects)('qanat user changes through the API on %s', (dialect) => {
  let api: TestApi;
  let people: CliPeople;
  const admin = roleUsers.administrator.userId;
  const operator = roleUsers.operator.userId;
  beforeAll(async () => {
    api = await startTestApi(dialect);
    people = cliPeople(api);
    await people.login(admin);
    await people.login(operator);
  }, 120_000);
  afterAll(async () => {
    people?.dispose();
    await api?.dispose();
  });

  it('lists the role changes waiting for a second administrator, and the approved ones', async () => {
    const none = await people.as(admin, 'user', 'changes');
    expect(none).toMatchObject({ exitCode: 0, stderr: '', stdout: 'no role changes waiting\n' });
    const proposed = await people.as(
      admin,
      'user',
      'propose',
      'new.treasurer',
      '--roles',
      'treasury',
      '--reason',
      'a new treasurer joins',
    );
    expect(proposed.exitCode, proposed.stderr).toBe(0);
    const proposalId = /proposal (\S+):/.exec(proposed.stdout)?.[1];
    expect(proposalId, proposed.stdout).toBeDefined();
    const waiting = await people.as(admin, 'user', 'changes');
    expect(waiting.exitCode, waiting.stderr).toBe(0);
    expect(waiting.stdout).toBe(
      `${proposalId}  new.treasurer → treasury@*  proposed by ${admin}; approve with \`qanat user approve ${proposalId}\`\n`,
    );
    const approved = JSON.parse(
      (await people.as(admin, 'user', 'changes', '--approved', '--json')).stdout,
    ) as { userId: string; status: string }[];
    expect(approved.map((entry) => entry.userId)).toEqual(
      expect.arrayContaining(Object.values(roleUsers).map((user) => user.userId)),
    );
    expect(approved.every((entry) => entry.status === 'approved')).toBe(true);
    const refused = await people.as(operator, 'user', 'changes');
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain('HTTP 403');
  });
});

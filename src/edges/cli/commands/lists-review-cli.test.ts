import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliSeedUsers } from '../../../../test-support/cli-users.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { dataPath } from '../../../../test-support/shared-data.js';
import { storeDialects, testPostgresUrl, uniqueSchemaName } from '../../../../test-support/stores.js';

describe.each(storeDialects)('lists and review CLI on %s', (dialect) => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string;
  let environment: CliEnvironment;
  const cli = (...args: string[]) => runCli(args, env);
  const unPath = () => dataPath('un', 'consolidated.xml');

  beforeEach(async () => {
    environment = cliEnvironment(dialect, 'cli.test');
    ({ dataDir, schema, env } = environment);
    // every actor the tests name reviews hits; the clerk's requests it may still not decide
    const officers = ['cli.test', 'ops.lists', 'clerk', 'officer', 'officer.two'];
    await cliSeedUsers(cli, Object.fromEntries(officers.map((userId) => [userId, 'compliance_officer'])));
  });
  afterEach(async () => environment.dispose());

  /** A copy of the real UN list cut off part-way, as an interrupted download leaves it. */
  function truncatedUnCopy(): string {
    const directory = join(dataDir, 'un-truncated');
    mkdirSync(directory);
    const bytes = readFileSync(unPath());
    const path = join(directory, 'consolidated.xml');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    return path;
  }

  it('imports the real UN list once, refuses a truncated copy without touching the current snapshot', async () => {
    expect((await cli('lists', 'status')).stdout).toContain('no lists imported');
    const truncated = truncatedUnCopy();
    const refused = await cli('lists', 'import', '--list', truncated);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/consolidated\.xml.*\[list\.(truncated|malformed)\]/);
    expect((await cli('lists', 'status')).stdout).toContain('no lists imported');

    const imported = await cli('lists', 'import', '--list', unPath(), '--actor', 'ops.lists', '--reason', 'initial load');
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toMatch(/imported\s+un\/1\s+1003 entries\s+\+1003 -0 ~0/);

    // a good list and a truncated one in one call: nothing of the call is kept
    const mixed = await cli('lists', 'import', '--list', dataPath('ofac-consolidated'), '--list', truncated);
    expect(mixed.exitCode).toBe(2);
    const status = await cli('lists', 'status', '--json');
    expect(JSON.parse(status.stdout)).toEqual([expect.objectContaining({ snapshotId: 'un/1', source: 'un', entryCount: 1003, importedBy: 'ops.lists', publishedAt: '2026-02-27T00:00:09.554Z' })]);

    const again = await cli('lists', 'import', '--list', unPath());
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('unchanged un/1');
    expect((await cli('audit', 'verify')).stdout).toContain('audit log intact');
  });

  it('screens parties, queues hits and takes decisions with maker-checker; bad input is refused', async () => {
    expect((await cli('lists', 'import', '--list', unPath())).exitCode).toBe(0);
    const parties = join(dataDir, 'parties.json');
    writeFileSync(parties, JSON.stringify([
      {
        partyId: 'payee-1', kind: 'entity', names: [{ text: 'Basra Electricity Distribution Company' }],
        beneficialOwners: [{ partyId: 'owner-1', kind: 'person', names: [{ text: 'طارق عزيز', script: 'Arab' }] }],
      },
    ]));
    const screened = await cli('review', 'screen', '--parties', parties, '--actor', 'clerk');
    expect(screened.exitCode).toBe(0);
    expect(screened.stdout).toMatch(/owner-1\s+review_pending/);
    expect(screened.stdout).toMatch(/payee-1\s+clear/);

    const queue = await cli('review', 'list');
    const hitId = /^(hit-[0-9a-f]{12})\s+open .* un IQi\.025 "/m.exec(queue.stdout)?.[1];
    expect(hitId).toBeDefined();
    const decide = (...args: string[]) => cli('review', 'decide', ...args);
    const cases: [string[], RegExp][] = [
      [['hit-000000000000', '--decision', 'false_positive', '--reason', 'namesake', '--actor', 'officer'], /\[screening\.hit_not_found\]/],
      [[hitId!, '--decision', 'false_positive', '--reason', '', '--actor', 'officer'], /\[screening\.reason_required\]/],
      [[hitId!, '--decision', 'maybe', '--reason', 'unsure', '--actor', 'officer'], /\[screening\.decision_invalid\]/],
      [[hitId!, '--decision', 'false_positive', '--reason', 'my own request', '--actor', 'clerk'], /\[screening\.decider_is_requester\]/],
    ];
    for (const [args, message] of cases) {
      const result = await decide(...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const ok = await decide(hitId!, '--decision', 'false_positive', '--reason', 'owner is a namesake born 1980, passport checked', '--actor', 'officer');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain(`${hitId} false_positive by officer`);
    const twice = await decide(hitId!, '--decision', 'true_match', '--reason', 'changed my mind', '--actor', 'officer.two');
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toMatch(/\[screening\.hit_already_decided\]/);
    expect((await cli('review', 'list')).stdout).toContain('no open hits');
    const shown = await cli('review', 'show', hitId!);
    expect(shown.stdout).toContain('decided false_positive by officer');
    expect(shown.stdout).toMatch(/TARIQ|طارق|Tariq/i);

    // screened again: the remembered decision keeps the owner out of the queue
    const rescreened = await cli('review', 'screen', '--parties', parties, '--actor', 'clerk');
    expect(rescreened.stdout).toMatch(/owner-1\s+cleared_false_positives/);

    writeFileSync(parties, JSON.stringify([{ partyId: 'x', kind: 'person', names: [{ text: '' }] }]));
    const malformed = await cli('review', 'screen', '--parties', parties);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(/parties\[0\]\.names\[0\]\.text: must not be empty \[screening\.party_invalid\]/);
    expect((await cli('audit', 'verify')).stdout).toContain('audit log intact');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../../../../test-support/run-cli.js';
import { cliSeedUsers } from '../../../../test-support/cli-users.js';
import { startCliServer, type CliServer } from '../../../../test-support/cli-server.js';
import { cliEnvironment, type CliEnvironment } from '../../../../test-support/cli-environment.js';
import { dataPath } from '../../../../test-support/shared-data.js';
import {
  storeDialects,
  testPostgresUrl,
  uniqueSchemaName,
} from '../../../../test-support/stores.js';

describe.each(storeDialects)('lists and review CLI on %s', (dialect) => {
  let dataDir: string;
  let env: Record<string, string>;
  let schema: string;
  let environment: CliEnvironment;
  let server: CliServer;
  /** reads and operator commands on the store; changes as a logged-in officer through the API */
  const cli = (...args: string[]) => runCli(args, env);
  const as = (userId: string, ...args: string[]) => server.as(userId, ...args);
  const unPath = () => dataPath('un', 'consolidated.xml');

  beforeEach(async () => {
    environment = cliEnvironment(dialect);
    ({ dataDir, schema, env } = environment);
    server = await startCliServer(environment);
    // every actor the tests name reviews hits; the clerk's requests it may still not decide
    const officers = ['cli.test', 'ops.lists', 'clerk', 'officer', 'officer.two'];
    await cliSeedUsers(
      server,
      Object.fromEntries(officers.map((userId) => [userId, 'compliance_officer'])),
    );
  }, 120_000);
  afterEach(async () => {
    await server.dispose();
    await environment.dispose();
  });

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
    expect((await as('ops.lists', 'lists', 'status')).stdout).toContain('no lists imported');
    const truncated = truncatedUnCopy();
    const refused = await as('ops.lists', 'lists', 'import', '--list', truncated);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/consolidated\.xml.*\[list\.(truncated|malformed)\]/);
    expect((await as('ops.lists', 'lists', 'status')).stdout).toContain('no lists imported');

    const imported = await as(
      'ops.lists',
      'lists',
      'import',
      '--list',
      unPath(),
      '--reason',
      'initial load',
    );
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toMatch(/imported\s+un\/1\s+1003 entries\s+\+1003 -0 ~0/);

    // a good list and a truncated one in one call: nothing of the call is kept
    const mixed = await as(
      'ops.lists',
      'lists',
      'import',
      '--list',
      dataPath('ofac-consolidated'),
      '--list',
      truncated,
    );
    expect(mixed.exitCode).toBe(2);
    const status = await as('ops.lists', 'lists', 'status', '--json');
    expect(JSON.parse(status.stdout)).toEqual([
      expect.objectContaining({
        snapshotId: 'un/1',
        source: 'un',
        entryCount: 1003,
        importedBy: 'ops.lists',
        publishedAt: '2026-02-27T00:00:09.554Z',
      }),
    ]);

    const again = await as('ops.lists', 'lists', 'import', '--list', unPath());
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('unchanged un/1');
    expect((await cli('audit', 'verify')).stdout).toContain('audit log intact');
  });

  it('screens parties, queues hits and takes decisions with maker-checker; bad input is refused', async () => {
    expect((await as('ops.lists', 'lists', 'import', '--list', unPath())).exitCode).toBe(0);
    const parties = join(dataDir, 'parties.json');
    writeFileSync(
      parties,
      JSON.stringify([
        {
          partyId: 'payee-1',
          kind: 'entity',
          names: [{ text: 'Basra Electricity Distribution Company' }],
          beneficialOwners: [
            { partyId: 'owner-1', kind: 'person', names: [{ text: 'طارق عزيز', script: 'Arab' }] },
          ],
        },
      ]),
    );
    const screened = await as('clerk', 'review', 'screen', '--parties', parties);
    expect(screened.exitCode).toBe(0);
    expect(screened.stdout).toMatch(/owner-1\s+review_pending/);
    expect(screened.stdout).toMatch(/payee-1\s+clear/);

    const queue = await as('officer', 'review', 'list');
    const hitId = /^(hit-[0-9a-f]{12})\s+open .* un IQi\.025 "/m.exec(queue.stdout)?.[1];
    expect(hitId).toBeDefined();
    const decide = (userId: string, ...args: string[]) => as(userId, 'review', 'decide', ...args);
    // exit 2: the command was wrong; exit 1: the rules refused (README "Exit codes")
    const cases: [string, string[], RegExp, number][] = [
      [
        'officer',
        ['hit-000000000000', '--decision', 'false_positive', '--reason', 'namesake'],
        /\[screening\.hit_not_found\] \(HTTP 404/,
        1,
      ],
      [
        'officer',
        [hitId!, '--decision', 'false_positive', '--reason', ''],
        /reason.*\(HTTP 400/,
        2,
      ],
      [
        'officer',
        [hitId!, '--decision', 'maybe', '--reason', 'unsure'],
        /\[screening\.decision_invalid\]/,
        2,
      ],
      [
        'clerk',
        [hitId!, '--decision', 'false_positive', '--reason', 'my own request'],
        /\[screening\.decider_is_requester\] \(HTTP 422/,
        1,
      ],
    ];
    for (const [userId, args, message, exitCode] of cases) {
      const result = await decide(userId, ...args);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.exitCode, args.join(' ')).toBe(exitCode);
    }
    const ok = await decide(
      'officer',
      hitId!,
      '--decision',
      'false_positive',
      '--reason',
      'owner is a namesake born 1980, passport checked',
    );
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain(`${hitId} false_positive by officer`);
    const twice = await decide(
      'officer.two',
      hitId!,
      '--decision',
      'true_match',
      '--reason',
      'changed my mind',
    );
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toMatch(/\[screening\.hit_already_decided\]/);
    expect((await as('officer', 'review', 'list')).stdout).toContain('no open hits');
    const shown = await as('officer', 'review', 'show', hitId!);
    expect(shown.stdout).toContain('decided false_positive by officer');
    expect(shown.stdout).toMatch(/TARIQ|طارق|Tariq/i);

    // screened again: the remembered decision keeps the owner out of the queue
    const rescreened = await as('clerk', 'review', 'screen', '--parties', parties);
    expect(rescreened.stdout).toMatch(/owner-1\s+cleared_false_positives/);

    writeFileSync(
      parties,
      JSON.stringify([{ partyId: 'x', kind: 'person', names: [{ text: '' }] }]),
    );
    const malformed = await as('clerk', 'review', 'screen', '--parties', parties);
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(
      /parties\[0\]\.names\[0\]\.text: must not be empty \[screening\.party_invalid\]/,
    );
    expect((await cli('audit', 'verify')).stdout).toContain('audit log intact');
  });
});

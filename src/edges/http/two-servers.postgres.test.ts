// Two server processes on one PostgreSQL database approve, reserve, instruct and execute the same
// disbursements at the same time, each step sent to both with the same Idempotency-Key (a client
// retrying on another node) and once more with a different key (a second person's click): exactly
// one of each step takes effect, every disbursement is executed once, the escrow is never
// overdrawn, and every retry returns the first answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../adapters/store/postgres/postgres-store.js';
import { approveRoleChange, proposeRoleChange } from '../../app/programme-service/role-changes.js';
import { submitDisbursement } from '../../app/disbursement/submit-disbursement.js';
import { ScriptedScreening } from '../../app/disbursement/scripted-screening.js';
import { getBalances } from '../../app/ledger-service/balances.js';
import { verifyAudit } from '../../app/audit-service/verify-audit.js';
import { createApiToken } from './auth/identity-service.js';
import { defaultAuthSettings } from './auth/auth-settings.js';
import {
  createPilgrimPayment,
  ctx,
  mayMorningUs,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { repoRoot } from '../../../test-support/shared-data.js';
import { testPostgresUrl, uniqueSchemaName } from '../../../test-support/stores.js';

const disbursementCount = 6;
const escrowAccountId = 'iraq-iran-energy/escrow/USD';

function startWorker(schema: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test-support/api-server-worker.ts',
      testPostgresUrl(),
      schema,
      String(mayMorningUs),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server worker exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({ url: (JSON.parse(line) as { url: string }).url, child }),
    );
  });
}

interface Answer {
  status: number;
  replayed: boolean;
  body: any;
}

async function post(
  url: string,
  token: string,
  path: string,
  body: unknown,
  key: string,
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
    body: await response.json(),
  };
}

describe('two API processes on one PostgreSQL database', () => {
  const schema = uniqueSchemaName();
  let store: PostgresStore;
  let workers: { url: string; child: ChildProcess }[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    store = await PostgresStore.open({
      connectionString: testPostgresUrl(),
      schema,
      poolSizeMax: 5,
    });
    await seedProgramme(store, mayMorningUs);
    for (let index = 0; index < disbursementCount; index += 1) {
      await createPilgrimPayment(store, `TWO-${index}`, '150000.00', mayMorningUs);
      await submitDisbursement(
        store,
        `TWO-${index}`,
        ctx(mayMorningUs, 'maker'),
        new ScriptedScreening(),
      );
    }
    // machines acting as the approver and the treasury officer: scoped tokens, no browser session
    for (const [userId, scopes] of [
      ['approver.one', ['disbursements:decide']],
      ['treasury', ['treasury:write']],
    ] as const) {
      tokens[userId] = (
        await createApiToken(
          store,
          defaultAuthSettings,
          userId,
          { label: 'two-server test', scopes, lifetimeDays: 1 },
          mayMorningUs,
        )
      ).token;
    }
    workers = await Promise.all([startWorker(schema), startWorker(schema)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise((resolve) => {
            if (worker.child.exitCode !== null) return resolve(null);
            worker.child.once('exit', resolve);
            worker.child.kill('SIGTERM');
            setTimeout(() => worker.child.kill('SIGKILL'), 5_000).unref();
          }),
      ),
    );
    await store?.dropSchema();
    await store?.close();
  });

  it('applies each step exactly once whichever process answers, and every retry returns the first answer', async () => {
    const [a, b] = workers as unknown as [{ url: string }, { url: string }];
    const steps: [string, string, Record<string, string>, string][] = [
      ['approve', 'approver.one', {}, 'approval'],
      ['reserve', 'treasury', {}, 'funds_reserved'],
      ['instruct', 'treasury', {}, 'instructed'],
      ['execute', 'treasury', { bankReference: 'TBI-TWO' }, 'executed'],
    ];
    const statuses: number[] = [];
    for (const [action, userId, extra, expected] of steps) {
      const firstAnswers = new Map<string, Answer>();
      await Promise.all(
        Array.from({ length: disbursementCount }, async (_, index) => {
          const id = `TWO-${index}`;
          const path = `/disbursements/${id}/${action}`;
          const body = {
            reason: `${action} in the two-server test`,
            ...extra,
            ...(action === 'execute' ? { bankReference: `TBI-TWO-${index}` } : {}),
          };
          const key = `${action}-${id}`;
          // the same request to both processes at once (a retry on another node), and a second click
          const answers = await Promise.all([
            post(a.url, tokens[userId]!, path, body, key),
            post(b.url, tokens[userId]!, path, body, key),
            post(b.url, tokens[userId]!, path, body, `${key}-again`),
          ]);
          statuses.push(...answers.map((answer) => answer.status));
          const succeeded = answers.filter((answer) => answer.status === 200 && !answer.replayed);
          expect(
            succeeded,
            `${action} ${id}: ${JSON.stringify(answers.map((answer) => [answer.status, answer.body.code]))}`,
          ).toHaveLength(1);
          for (const answer of answers) {
            if (answer.status === 200) continue;
            // the loser learns why, as a domain refusal: the step was already taken (409 or 422 by the
            // state machine), or its twin with the same key is still running (409)
            expect([409, 422], JSON.stringify(answer.body)).toContain(answer.status);
            expect(answer.body.code, JSON.stringify(answer.body)).toMatch(
              /^(idempotency|approval|workflow|disbursement)\./,
            );
          }
          // a late retry of the first key, on either process, is the first answer again
          for (const url of [a.url, b.url]) {
            const retry = await post(url, tokens[userId]!, path, body, key);
            expect(retry.replayed).toBe(true);
            if (!firstAnswers.has(id)) firstAnswers.set(id, retry);
            expect(retry.status).toBe(firstAnswers.get(id)!.status);
            expect(retry.body).toEqual(firstAnswers.get(id)!.body);
          }
          const current = await store.disbursements.get(id);
          expect(current?.status, `${id} after ${action}`).toBe(
            expected === 'approval' ? current?.status : expected,
          );
        }),
      );
    }
    expect(statuses).not.toContain(500);

    for (let index = 0; index < disbursementCount; index += 1) {
      const id = `TWO-${index}`;
      expect((await store.disbursements.get(id))?.status).toBe('executed');
      const events = await store.audit.eventsForSubject(`disbursement:${id}`, 100);
      expect(
        events.filter((event) => event.kind === 'disbursement.executed'),
        id,
      ).toHaveLength(1);
      expect(
        events.filter((event) => event.kind === 'disbursement.approved'),
        id,
      ).toHaveLength(1);
      expect(
        events.filter((event) => event.kind === 'disbursement.funds_reserved'),
        id,
      ).toHaveLength(1);
    }
    const escrow = await getBalances(store, escrowAccountId);
    expect(escrow.debitsPendingMinor).toBe(0n);
    expect(escrow.debitsPostedMinor + escrow.debitsPendingMinor <= escrow.creditsPostedMinor).toBe(
      true,
    );
    const verified = await verifyAudit(store, new Map());
    expect(verified.problems.filter((problem) => !/checkpoint/i.test(problem.message))).toEqual([]);
  }, 180_000);
});

// `qanat bank …` as a client of the bank routes, on both stores: treasury logged in with `qanat
// login` sends the pain.001 run (written byte for byte, its hash checked), imports the bank's
// camt.054 and resolves the exception it raised; the overseer may read but not resolve; no
// command takes --actor.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDialects } from '../../../../test-support/stores.js';
import { roleUsers, startTestApi, type TestApi } from '../../../../test-support/api-server.js';
import { cliPeople, type CliPeople } from '../../../../test-support/cli-login.js';
import {
  approvedPilgrimPayment,
  minuteSteps,
  succeeded,
} from '../../../../test-support/api-payment-steps.js';
import { programmeId } from '../../../../test-support/programme-fixtures.js';
import { ScriptedScreening } from '../../../app/disbursement/scripted-screening.js';
import { reserveFunds } from '../../../app/disbursement/reserve-funds.js';
import { instructBank } from '../../../app/disbursement/instruct-and-execute.js';
import { simulateCamt054 } from '../../../app/bank/custodian-simulator.js';
import { endToEndIdFor, uetrFor } from '../../../app/bank/payment-identifiers.js';

const escrowIban = 'IQ93TRIQ850000070707001';

describe.each(storeDialects)('qanat bank through the API on %s', (dialect) => {
  let api: TestApi;
  let people: CliPeople;
  let dir: string;
  const treasury = roleUsers.treasury.userId;
  const overseer = roleUsers.overseer.userId;
  const check = succeeded;
  const at = (actor: string) => minuteSteps(api, 'a bank step with a reason that says why')(actor);

  beforeAll(async () => {
    api = await startTestApi(dialect);
    await approvedPilgrimPayment(api, 'CLI-B', '900000.00', at);
    await reserveFunds(api.t.store, 'CLI-B', at('treasury'), new ScriptedScreening());
    await instructBank(api.t.store, 'CLI-B', at('treasury'), new ScriptedScreening());
    people = cliPeople(api);
    await people.login(treasury);
    await people.login(overseer);
    dir = mkdtempSync(join(tmpdir(), 'qanat-cli-bank-'));
  }, 120_000);
  afterAll(async () => {
    people?.dispose();
    rmSync(dir, { recursive: true, force: true });
    await api?.dispose();
  });

  it('exports the run, imports the booking, and resolves its exception as treasury', async () => {
    const out = join(dir, 'run.xml');
    const exported = check(
      await people.as(
        treasury,
        'bank',
        'instructions',
        'export',
        '--out',
        out,
        '--reason',
        'the morning run to the custodian',
      ),
      'export',
    );
    const [, messageId, sha256] =
      /^(\S+): 1 payment\(s\) written to .* \(sha256:([0-9a-f]{64})\)/.exec(exported) ?? [];
    expect(messageId, exported).toBeDefined();
    expect(exported).toContain('  CLI-B');
    const xml = readFileSync(out);
    expect(createHash('sha256').update(xml).digest('hex')).toBe(sha256);
    expect(xml.toString('utf8')).toContain(`<MsgId>${messageId}</MsgId>`);
    // nothing left to send: refused by the rules, exit 1, nothing written
    const again = await people.as(
      treasury,
      'bank',
      'instructions',
      'export',
      '--out',
      join(dir, 'again.xml'),
      '--reason',
      'a second run',
    );
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('[bank.nothing_to_instruct]');
    // the overseer downloads the same bytes
    const copy = join(dir, 'copy.xml');
    expect(
      check(
        await people.as(overseer, 'bank', 'instructions', 'show', messageId!, '--out', copy),
        'show',
      ),
    ).toContain(`sha256:${sha256}`);
    expect(readFileSync(copy).equals(xml)).toBe(true);

    const camt = join(dir, 'camt.xml');
    writeFileSync(
      camt,
      simulateCamt054({
        messageId: 'TBI-NTF-CLI-1',
        createdAt: '2021-05-11T16:00:00+03:00',
        accountIban: escrowIban,
        bookings: [
          {
            endToEndId: endToEndIdFor(programmeId, 'CLI-B'),
            uetr: uetrFor(programmeId, 'CLI-B'),
            amountText: '900000.01',
            currency: 'USD',
            bankReference: 'TBI-REF-C1',
            bookingDate: '2021-05-11',
          },
        ],
      }),
    );
    const imported = check(
      await people.as(
        treasury,
        'bank',
        'import',
        camt,
        '--reason',
        'notification received by SWIFT',
      ),
      'import',
    );
    expect(imported).toMatch(/camt\.054\.001\.08 TBI-NTF-CLI-1: imported/);
    expect(imported).toContain('exception amount_mismatch');
    expect(check(await people.as(treasury, 'bank', 'import', camt), 'import again')).toContain(
      'already imported, nothing changed',
    );

    const open = JSON.parse(
      check(await people.as(overseer, 'bank', 'exceptions', 'list', '--json'), 'list'),
    ) as { exceptionId: string; code: string }[];
    expect(open.map((entry) => entry.code)).toEqual(['amount_mismatch']);
    const id = open[0]!.exceptionId;
    const byOverseer = await people.as(
      overseer,
      'bank',
      'exceptions',
      'resolve',
      id,
      '--reason',
      'an overseer may look, not resolve',
    );
    expect(byOverseer.exitCode).toBe(3);
    expect(byOverseer.stderr).toContain('[auth.forbidden]');
    expect(
      check(
        await people.as(
          treasury,
          'bank',
          'exceptions',
          'resolve',
          id,
          '--reason',
          'the bank confirmed a one-cent fee booked with the payment',
        ),
        'resolve',
      ),
    ).toContain(`${id}: resolved by ${treasury}`);
    expect(check(await people.as(overseer, 'bank', 'exceptions', 'list'), 'list open')).toContain(
      'no reconciliation exceptions',
    );
    expect(
      check(await people.as(overseer, 'bank', 'exceptions', 'list', '--all'), 'list all'),
    ).toContain(`resolved by ${treasury}`);

    const events = await api.t.store.audit.eventsForSubject(`bank-exception:${id}`, 10);
    expect(events.map((event) => (JSON.parse(event.body) as { actor: string }).actor)).toContain(
      treasury,
    );
  }, 120_000);

  it('takes no --actor and refuses a file that is not a bank file, writing nothing', async () => {
    const actor = await people.as(
      treasury,
      'bank',
      'import',
      join(dir, 'x.xml'),
      '--actor',
      'treasury',
    );
    expect(actor.exitCode).toBe(2);
    expect(actor.stderr).toMatch(/unknown option '--actor'/);
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, 'hello');
    const refused = await people.as(treasury, 'bank', 'import', bad);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/\[bank\.[a-z_]+\] \(HTTP 422/);
  }, 60_000);
});

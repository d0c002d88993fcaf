// Controls re-checked from the recorded facts (issue 9): an insider with write access to the
// database (not the signing key) lowers a requirement, forges a screening clearance, or hides a
// waiver's revocation, then drives the real use cases; the re-check names the broken control at
// each money step. A clean demo history reports nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { recheckRecordedControls } from './recheck-controls.js';
import { openTestStore, storeDialects, type TestStore } from '../../../test-support/stores.js';
import {
  createPilgrimPayment,
  ctx,
  exampleWaivers,
  mayMorningUs,
  programmeId,
  proposeAndApproveWaiver,
  seedProgramme,
} from '../../../test-support/programme-fixtures.js';
import { repoRoot } from '../../../test-support/shared-data.js';
import { submitDisbursement } from '../disbursement/submit-disbursement.js';
import { ScriptedScreening, scriptedHit } from '../disbursement/scripted-screening.js';
import { approveDisbursement } from '../disbursement/review-actions.js';
import { reserveFunds } from '../disbursement/reserve-funds.js';
import { instructBank, recordExecution } from '../disbursement/instruct-and-execute.js';
import { loadDemo } from '../../edges/demo/load-demo.js';
import { ManualClock } from '../../core/time/clock.js';
import { parseInstant } from '../../core/time/instant.js';

const minuteUs = 60_000_000n;

describe.each(storeDialects)('control re-check on %s', (dialect) => {
  let t: TestStore;
  let step = 0n;
  const at = (actor: string) => ctx(mayMorningUs + (step += 1n) * minuteUs, actor);
  const stateOf = async (id: string) =>
    String(
      (await t.rawRows('SELECT state_body FROM disbursements WHERE disbursement_id = $1', [id]))[0]
        ?.state_body,
    );
  const setState = (id: string, status: string, stateBody: string) =>
    t.raw('UPDATE disbursements SET status = $1, state_body = $2 WHERE disbursement_id = $3', [
      status,
      stateBody,
      id,
    ]);

  beforeEach(async () => {
    t = await openTestStore(dialect);
    step = 0n;
  });
  afterEach(async () => t.dispose());

  it('finds nothing in a clean demo history', async () => {
    const summary = await loadDemo(
      t.store,
      new ManualClock(parseInstant('2026-12-02T09:00:00Z', 'demoDay')),
      new ScriptedScreening(),
      resolve(repoRoot, 'programmes', 'demo', 'demo.json'),
    );
    expect(summary.disbursements.some((entry) => entry.status === 'executed')).toBe(true);
    expect(await recheckRecordedControls(t.store)).toEqual([]);
  });

  it('reports a payment made after approvalsRequired was set from 1 to 0 by SQL', async () => {
    await seedProgramme(t.store, mayMorningUs);
    await createPilgrimPayment(t.store, 'D-1', '10000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'D-1', at('maker'), new ScriptedScreening());
    expect(await recheckRecordedControls(t.store)).toEqual([]);
    const state = await stateOf('D-1');
    expect(state).toContain('"approvalsRequired":1');
    await setState(
      'D-1',
      'approval',
      state.replace('"approvalsRequired":1', '"approvalsRequired":0'),
    );
    await reserveFunds(t.store, 'D-1', at('ops.admin'), new ScriptedScreening());
    await instructBank(t.store, 'D-1', at('treasury'), new ScriptedScreening());
    await recordExecution(t.store, 'D-1', 'TBI-REF-1', at('treasury'), new ScriptedScreening());
    const breaks = await recheckRecordedControls(t.store);
    expect(
      breaks
        .filter((entry) => entry.code === 'control.approvals_missing')
        .map((entry) => entry.step),
    ).toEqual(['reserve', 'instruct', 'execute']);
    expect(breaks.map((entry) => entry.code)).toContain('control.record_altered');
    expect(breaks.every((entry) => entry.disbursementId === 'D-1')).toBe(true);
  });

  it('reports a forged screening clearance', async () => {
    await seedProgramme(t.store, mayMorningUs);
    await createPilgrimPayment(t.store, 'D-2', '10000.00', at('maker').nowUs);
    const record = await submitDisbursement(
      t.store,
      'D-2',
      at('maker'),
      new ScriptedScreening({
        'karbala-pilgrim-services': [
          scriptedHit('karbala-pilgrim-services', 'Karbala Services Front'),
        ],
      }),
    );
    expect(record.status).toBe('compliance_review');
    const forged = JSON.parse(await stateOf('D-2')) as Record<string, unknown>;
    Object.assign(forged, {
      status: 'approval',
      complianceClearance: {
        userId: 'compliance',
        reason: 'cleared, honestly, trust me on this one',
        at: '2021-05-10T06:10:00.000Z',
      },
    });
    await setState('D-2', 'approval', JSON.stringify(forged));
    await approveDisbursement(t.store, 'D-2', at('approver.one'));
    await reserveFunds(t.store, 'D-2', at('ops.admin'), new ScriptedScreening());
    await instructBank(t.store, 'D-2', at('treasury'), new ScriptedScreening());
    await recordExecution(t.store, 'D-2', 'TBI-REF-2', at('treasury'), new ScriptedScreening());
    const breaks = await recheckRecordedControls(t.store);
    expect(
      breaks
        .filter((entry) => entry.code === 'control.screening_not_cleared')
        .map((entry) => entry.step),
    ).toEqual(['reserve', 'instruct', 'execute']);
    expect(breaks.filter((entry) => entry.code === 'control.approvals_missing')).toEqual([]);
  });

  it('reports an execution after its waiver was revoked, the revocation hidden from the row', async () => {
    await seedProgramme(t.store, mayMorningUs);
    await createPilgrimPayment(t.store, 'D-3', '10000.00', at('maker').nowUs);
    await submitDisbursement(t.store, 'D-3', at('maker'), new ScriptedScreening());
    await approveDisbursement(t.store, 'D-3', at('approver.one'));
    await reserveFunds(t.store, 'D-3', at('ops.admin'), new ScriptedScreening());
    await instructBank(t.store, 'D-3', at('treasury'), new ScriptedScreening());
    const current = exampleWaivers().find(
      (waiver) => (waiver as { waiverId: string }).waiverId === 'w-2021-03',
    ) as Record<string, unknown>;
    await proposeAndApproveWaiver(
      t.store,
      programmeId,
      { ...current, revokedFrom: '2021-05-01' },
      mayMorningUs + 3_600_000_000n,
    );
    await expect(
      recordExecution(t.store, 'D-3', 'TBI-REF-3', at('treasury'), new ScriptedScreening()),
    ).rejects.toMatchObject({ code: 'waiver.not_covering' });
    // The insider puts the unrevoked waiver back into the row; the use case now lets it through.
    const row = (
      await t.rawRows("SELECT waiver_json FROM programme_waivers WHERE waiver_id = 'w-2021-03'")
    )[0]!;
    await t.raw("UPDATE programme_waivers SET waiver_json = $1 WHERE waiver_id = 'w-2021-03'", [
      String(row.waiver_json).replace(/,"revokedFrom":"2021-05-01"/, ''),
    ]);
    await recordExecution(t.store, 'D-3', 'TBI-REF-3', at('treasury'), new ScriptedScreening());
    const breaks = await recheckRecordedControls(t.store);
    expect(breaks.map((entry) => [entry.code, entry.step])).toEqual([
      ['control.waiver_not_covering', 'execute'],
    ]);
  });
});

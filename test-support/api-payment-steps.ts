// Steps of a payment taken through the use cases beside a test server, a minute apart on its
// clock, so that CLI and route tests start from a payment at the stage they exercise.
import { expect } from 'vitest';
import type { ActorContext } from '../src/app/kernel/actor-context.js';
import { ScriptedScreening } from '../src/app/disbursement/scripted-screening.js';
import { submitDisbursement } from '../src/app/disbursement/submit-disbursement.js';
import { approveDisbursement } from '../src/app/disbursement/review-actions.js';
import type { TestApi } from './api-server.js';
import { createPilgrimPayment, ctx } from './programme-fixtures.js';
import type { CliRun } from './run-cli.js';

/** `at(actor)`: the actor acting one minute after the previous step, with this reason */
export function minuteSteps(api: TestApi, reason: string): (actor: string) => ActorContext {
  return (actor) => {
    api.clock.advanceUs(60_000_000n);
    return ctx(api.clock.nowUs(), actor, reason);
  };
}

/** A pilgrims' payment created, submitted and approved by three different people. */
export async function approvedPilgrimPayment(
  api: TestApi,
  disbursementId: string,
  amount: string,
  at: (actor: string) => ActorContext,
): Promise<void> {
  await createPilgrimPayment(api.t.store, disbursementId, amount, at('maker').nowUs);
  await submitDisbursement(api.t.store, disbursementId, at('maker'), new ScriptedScreening());
  await approveDisbursement(api.t.store, disbursementId, at('approver.one'));
}

/** The run's stdout, after checking it succeeded with nothing on stderr. */
export function succeeded(run: CliRun, what = ''): string {
  expect(run.stderr, what).toBe('');
  expect(run.exitCode, what).toBe(0);
  return run.stdout;
}

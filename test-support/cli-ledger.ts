// Raw ledger writes are no CLI command (money moves only through the workflows); tests that need
// a few accounts and transfers under the audit log make them through the use cases on the CLI
// environment's store, as the bootstrapped administrator, closing the store as a command would.
import { configFromEnvironment, openApp, type App } from '../src/edges/app.js';
import { checkpointIfDue } from '../src/app/audit-service/checkpoint-if-due.js';
import {
  openUserAccounts,
  submitUserTransfers,
} from '../src/app/ledger-service/user-ledger-actions.js';
import { parseTransferBatchInput } from '../src/core/input/transfer-input.js';

export async function onStore<T>(
  env: Record<string, string>,
  work: (app: App) => Promise<T>,
): Promise<T> {
  const app = await openApp(configFromEnvironment({ ...process.env, ...env }));
  try {
    const result = await work(app);
    await checkpointIfDue(app.store, app.signer, app.clock.nowUs(), undefined, app.trustedKeys);
    return result;
  } finally {
    await app.close();
  }
}

/** the two accounts the ledger tests use: a debtor source and an escrow that may not be overdrawn */
export function openTestAccounts(
  env: Record<string, string>,
  actor: string,
  ids: readonly ('src' | 'esc')[] = ['src', 'esc'],
) {
  const specs = {
    src: {
      id: 'src',
      code: 'debtor',
      currency: 'USD',
      kind: 'external',
      flags: { debitsMustNotExceedCredits: false },
    },
    esc: {
      id: 'esc',
      code: 'escrow',
      currency: 'USD',
      kind: 'asset',
      flags: { debitsMustNotExceedCredits: true },
    },
  };
  return onStore(env, (app) =>
    openUserAccounts(
      app.store,
      ids.map((id) => specs[id]),
      { actor, reason: 'test accounts', nowUs: app.clock.nowUs() },
    ),
  );
}

export function transferAs(
  env: Record<string, string>,
  actor: string,
  batch: unknown,
  reason = 'deposit',
) {
  return onStore(env, (app) =>
    submitUserTransfers(app.store, parseTransferBatchInput(batch), {
      actor,
      reason,
      nowUs: app.clock.nowUs(),
    }),
  );
}

// `qanat migrate`: the schema migrations the store applied as it opened are recorded in the audit
// log by whoever ran them (the machine's operator), so an overseer sees when the schema changed.
// Nothing ran, nothing recorded: running it again changes nothing.
import { checkActorContext, type ActorContext } from '../kernel/actor-context.js';
import type { MigrationApplied, Store } from '../ports/store-port.js';

export interface MigrationReport {
  /** the migrations applied now, in order */
  readonly ran: readonly MigrationApplied[];
  /** the highest migration applied to the store, now */
  readonly schemaVersion: number;
}

export async function recordMigrations(
  store: Store,
  context: ActorContext,
): Promise<MigrationReport> {
  checkActorContext(context);
  const ran = store.migrationsRunAtOpen;
  if (ran.length > 0) {
    await store.transaction(async (tx) => {
      await tx.audit.append({
        kind: 'store.migrated',
        actor: context.actor,
        reason: context.reason,
        atUs: context.nowUs,
        subject: `store:${store.dialect}`,
        payload: {
          migrations: ran.map(
            (migration) => `${String(migration.version).padStart(4, '0')}-${migration.name}`,
          ),
        },
      });
    });
  }
  const applied = await store.readSnapshot((snapshot) => snapshot.tables.appliedMigrations());
  return { ran, schemaVersion: Math.max(0, ...applied.map((migration) => migration.version)) };
}

// `qanat lists import|status`: sanctions list snapshots in the store. Parsing every file happens
// before anything is written, so a malformed or truncated file leaves the current snapshots as
// they were. I/O only; the use case decides.
import type { Command } from 'commander';
import { loadListPath, type LoadedList } from '../../../adapters/lists/load-list-path.js';
import { importListSnapshots } from '../../../app/screening-service/import-list-snapshots.js';
import { ScreeningIndexCache } from '../../../app/screening-service/screening-index-cache.js';
import { formatInstant } from '../../../core/time/instant.js';
import { print, printJson, withApp } from '../with-app.js';
import { actorName } from '../actor-context.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}


export function registerListCommands(program: Command): void {
  const lists = program.command('lists').description('sanctions list snapshots');

  lists
    .command('import')
    .description('store each list as a new snapshot (with its delta) and rescreen known parties; all or nothing')
    .requiredOption('--list <path>', 'list directory or file (OFAC CSV set, UN/EU XML; or FORMAT:PATH); repeatable', collect, [])
    .option('--actor <name>')
    .option('--reason <text>', 'why', 'list refresh')
    .action(async (options: { list: string[]; actor?: string; reason: string }) => {
      const startedMs = performance.now();
      // every file is parsed before the store is opened for writing: one bad file, nothing imported
      const loaded: LoadedList[] = [];
      for (const spec of options.list) loaded.push(...(await loadListPath(spec)));
      const loadedMs = performance.now();
      await withApp(async (app) => {
        const result = await importListSnapshots(app.store, new ScreeningIndexCache(), loaded, { actor: actorName(options), reason: options.reason, nowUs: app.clock.nowUs() });
        for (const snapshot of result.imported) {
          const { added, removed, changed } = snapshot.delta;
          print(`imported  ${snapshot.snapshotId.padEnd(14)} ${String(snapshot.entryCount).padStart(6)} entries  +${added.length} -${removed.length} ~${changed.length}  sha256 ${snapshot.contentSha256.slice(0, 16)}…`);
        }
        for (const snapshot of result.unchanged) print(`unchanged ${snapshot.snapshotId.padEnd(14)} (same content as the current snapshot; nothing written)`);
        for (const list of loaded) for (const warning of list.warnings) print(`warning   ${list.source}: ${warning.message} [${warning.code}]`);
        if (result.rescreen !== undefined) {
          const { knownParties, probedParties, recomputedPartyIds, recorded } = result.rescreen;
          print(`rescreen  ${knownParties} known parties, ${probedParties} probed against the delta, ${recomputedPartyIds.length} recomputed; ` +
            `${recorded?.raisedOpen ?? 0} new hits to review, ${recorded?.withdrawn ?? 0} withdrawn, ${recorded?.superseded ?? 0} superseded`);
        }
        print(`parsed in ${(loadedMs - startedMs).toFixed(0)} ms, stored in ${(performance.now() - loadedMs).toFixed(0)} ms`);
      });
    });

  lists
    .command('status')
    .description('the current snapshot of every list source')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) =>
      withApp(async (app) => {
        const current = await app.store.screening.currentSnapshots();
        if (options.json) return printJson(current.map(({ delta, ...snapshot }) => ({ ...snapshot, added: delta.added.length, removed: delta.removed.length, changed: delta.changed.length })));
        if (current.length === 0) return print('no lists imported: run `qanat lists import --list PATH`');
        for (const s of current) {
          print(`${s.snapshotId.padEnd(14)} ${String(s.entryCount).padStart(6)} entries  published ${s.publishedAt ?? '(not stated)'}  imported ${formatInstant(s.importedAtUs)} by ${s.importedBy}  sha256 ${s.contentSha256}`);
        }
      }),
    );
}

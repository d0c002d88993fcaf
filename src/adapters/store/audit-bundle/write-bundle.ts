// `qanat audit export --to DIR`: every fact `audit verify` checks, read in one consistent
// snapshot and written as an audit bundle (bundle-format.ts). Secret-bearing tables go out as row
// digests only; document bytes stay at home. The caller signs a checkpoint first, so the bundle
// is covered by a signature up to its last event.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../core/domain-error.js';
import { bindingOf } from '../../../app/ports/bound-tables.js';
import { digestOnlyTables } from '../../../app/ports/audit-facts-port.js';
import type { SnapshotSession, Store } from '../../../app/ports/store-port.js';
import { rowContentHash, rowKeyOf } from '../../../core/audit/row-content.js';
import {
  bundleFormat,
  encodeRow,
  guideFile,
  manifestFile,
  omittedTables,
  publicKeysFile,
  tableFileOf,
  tablesDirectory,
  type BundleManifest,
} from './bundle-format.js';
import { bundleGuide } from './bundle-guide.js';

const pageSize = 10_000;

export interface BundleExport {
  readonly directory: string;
  readonly eventCount: bigint;
  readonly tables: BundleManifest['tables'];
}

export async function writeAuditBundle(
  store: Store,
  directory: string,
  options: { publicKeysPem: string; exportedAtUs: bigint },
): Promise<BundleExport> {
  if (existsSync(directory) && readdirSync(directory).length > 0)
    throw new DomainError(
      'audit.bundle_target_not_empty',
      `${directory} is not empty: export into a new directory`,
      { field: 'to' },
    );
  mkdirSync(join(directory, tablesDirectory), { recursive: true });
  const manifest = await store.readSnapshot((snapshot) =>
    writeTables(snapshot, directory, store.dialect, options.exportedAtUs),
  );
  writeFileSync(join(directory, publicKeysFile), options.publicKeysPem);
  writeFileSync(join(directory, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(directory, guideFile), bundleGuide(manifest));
  return { directory, eventCount: BigInt(manifest.eventCount), tables: manifest.tables };
}

async function writeTables(
  s: SnapshotSession,
  directory: string,
  dialect: 'sqlite' | 'postgres',
  exportedAtUs: bigint,
): Promise<BundleManifest> {
  const tables: BundleManifest['tables'] = [];
  const omitted: string[] = [];
  let eventCount = 0n;
  for (const table of await s.tables.listTables()) {
    if (omittedTables.has(table)) {
      omitted.push(table);
      continue;
    }
    const binding = bindingOf(table);
    const content = digestOnlyTables.has(table) && binding?.kind === 'row' ? 'digests' : 'rows';
    const out = openSync(join(directory, tableFileOf(table, content)), 'wx');
    let rowCount = 0;
    const write = (line: unknown) => {
      writeSync(out, `${JSON.stringify(line)}\n`);
      rowCount += 1;
    };
    try {
      if (table === 'audit_events') {
        // in chain order: the order the verifier walks, so a line moved in the file shows
        for (const head of await s.audit.chainHeads()) {
          for await (const page of s.audit.streamChain(head.chainId, pageSize)) {
            for (const e of page)
              write(
                encodeRow({
                  seq: e.seq,
                  chain_id: e.chainId,
                  chain_seq: e.chainSeq,
                  kind: e.kind,
                  subject: e.subject,
                  at_us: e.atUs,
                  body: e.body,
                  prev_hash: e.prevHash,
                  hash: e.hash,
                }),
              );
          }
        }
        eventCount = BigInt(rowCount);
      } else {
        for await (const page of s.tables.streamRows(table, pageSize)) {
          for (const row of page) {
            if (content === 'digests' && binding?.kind === 'row')
              write({
                key: rowKeyOf(binding.key, row),
                sha256: rowContentHash(row, binding.derivedColumns ?? []),
              });
            else write(encodeRow(row));
          }
        }
      }
    } finally {
      closeSync(out);
    }
    tables.push({ name: table, content, rowCount });
  }
  return {
    format: bundleFormat,
    dialect,
    exportedAtUs: exportedAtUs.toString(),
    eventCount: eventCount.toString(),
    tables,
    omitted,
  };
}

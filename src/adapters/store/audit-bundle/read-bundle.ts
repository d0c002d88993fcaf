// An audit bundle opened as the same port the store's snapshot provides (AuditFactsSource), so
// `audit verify` and the controls re-check run unchanged on a machine that never saw the
// database. Nothing here trusts the bundle: lines are parsed strictly and every fact is then
// verified against the hash chains and the signatures of the caller's pinned keys.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../../../core/domain-error.js';
import type { ChainHead, StoredAuditEvent } from '../../../core/audit/audit-event.js';
import type {
  AuditFactsSource,
  AuditTableReader,
  RowDigest,
} from '../../../app/ports/audit-facts-port.js';
import { auditEventFromRow, checkpointFromRow } from '../../../app/ports/audit-rows.js';
import { boundTables } from '../../../app/ports/bound-tables.js';
import { accountFromRow, transferInWriteOrderFromRow } from '../../../app/ports/ledger-rows.js';
import type { DisbursementRecord, WaiverRecord } from '../../../app/ports/programme-ports.js';
import { readMigrations } from '../migration-files.js';
import { disbursementFromRow, programmeVersionFromRow, waiverFromRow } from '../programme-rows.js';
import {
  decodeRow,
  digestLineSchema,
  encodedRowSchema,
  manifestFile,
  manifestSchema,
  omittedTables,
  tableFileOf,
  type BundleManifest,
} from './bundle-format.js';

type Row = Record<string, unknown>;

/** A bundle that cannot be read as one: refused with its file and line, before any verification. */
export class BundleError extends DomainError {
  constructor(message: string) {
    super('audit.bundle_invalid', message, { field: 'bundle' });
  }
}

export interface OpenedBundle extends AuditFactsSource {
  readonly manifest: BundleManifest;
}

function* lines(path: string): Generator<{ line: string; no: number }> {
  let no = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    no += 1;
    if (line !== '') yield { line, no };
  }
}

function parseLine(line: string, where: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new BundleError(`${where}: not a JSON line`);
  }
}

async function* pages<T>(items: readonly T[], pageSize: number): AsyncIterable<readonly T[]> {
  for (let start = 0; start < items.length; start += pageSize)
    yield items.slice(start, start + pageSize);
}

function readManifest(directory: string): BundleManifest {
  const path = join(directory, manifestFile);
  if (!existsSync(path))
    throw new BundleError(`${directory}: no ${manifestFile}: not an audit bundle`);
  const parsed = manifestSchema.safeParse(parseLine(readFileSync(path, 'utf8'), manifestFile));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new BundleError(`${manifestFile}: ${issue?.path.join('.')}: ${issue?.message}`);
}

function readDigests(path: string, file: string): RowDigest[] {
  const list: RowDigest[] = [];
  for (const { line, no } of lines(path)) {
    const entry = digestLineSchema.safeParse(parseLine(line, `${file} line ${no}`));
    if (!entry.success) throw new BundleError(`${file} line ${no}: not a row digest`);
    list.push(entry.data);
  }
  return list;
}

function readRows(path: string, file: string): Row[] {
  const list: Row[] = [];
  for (const { line, no } of lines(path)) {
    const entry = encodedRowSchema.safeParse(parseLine(line, `${file} line ${no}`));
    if (!entry.success) throw new BundleError(`${file} line ${no}: not an encoded row`);
    try {
      list.push(decodeRow(entry.data, `${file} line ${no}`));
    } catch (error) {
      throw new BundleError((error as Error).message);
    }
  }
  return list;
}

export function openAuditBundle(directory: string): OpenedBundle {
  const manifest = readManifest(directory);
  const rows = new Map<string, Row[]>();
  const digests = new Map<string, RowDigest[]>();
  for (const table of manifest.tables) {
    const file = tableFileOf(table.name, table.content);
    const path = join(directory, file);
    if (!existsSync(path))
      throw new BundleError(`${file}: missing (the manifest names table ${table.name})`);
    if (table.content === 'digests') digests.set(table.name, readDigests(path, file));
    else rows.set(table.name, readRows(path, file));
  }
  return bundleFacts(manifest, rows, digests);
}

const byBig =
  <T>(key: (item: T) => bigint) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The facts, read lazily: a row edited into nonsense is a finding of the verifier, not a failure to open. */
function bundleFacts(
  manifest: BundleManifest,
  rows: ReadonlyMap<string, Row[]>,
  digests: ReadonlyMap<string, RowDigest[]>,
): OpenedBundle {
  const rowsOf = (table: string): Row[] => rows.get(table) ?? [];
  let parsedEvents: StoredAuditEvent[] | undefined;
  const events = (): StoredAuditEvent[] =>
    (parsedEvents ??= rowsOf('audit_events').map(auditEventFromRow));
  const heads = (): ChainHead[] =>
    rowsOf('audit_chain_heads')
      .map((row) => ({
        chainId: Number(row.chain_id),
        chainSeq: BigInt(String(row.chain_seq)),
        hash: String(row.hash),
      }))
      .sort((a, b) => a.chainId - b.chainId);
  const migrations = fileURLToPath(new URL(`../${manifest.dialect}/migrations/`, import.meta.url));
  // every bound table, present or not: a table file taken out of the bundle reads as empty,
  // so the rows its events bound are reported missing
  const bound = Object.keys(boundTables).filter((table) => !omittedTables.has(table));
  const listed = [...new Set([...manifest.tables.map((table) => table.name), ...bound])].sort();
  const tables: AuditTableReader = {
    listTables: async () => listed,
    streamRows: (table, pageSize) => pages(rowsOf(table), pageSize),
    rowDigests: (table, pageSize) =>
      digests.has(table) ? pages(digests.get(table)!, pageSize) : undefined,
    eventsOutsideChains: async (limit) => {
      const headOf = new Map(heads().map((head) => [head.chainId, head.chainSeq]));
      const outside = (event: StoredAuditEvent) => {
        const head = headOf.get(event.chainId);
        return head === undefined || event.chainSeq < 1n || event.chainSeq > head;
      };
      return events()
        .filter(outside)
        .slice(0, limit)
        .map((event) => ({ seq: event.seq, chainId: event.chainId, chainSeq: event.chainSeq }));
    },
    appliedMigrations: async () =>
      rowsOf('schema_migrations')
        .map((row) => ({ version: Number(row.version), name: String(row.name) }))
        .sort((a, b) => a.version - b.version),
    shippedMigrations: () =>
      readMigrations(migrations).map(({ version, name }) => ({ version, name })),
  };
  const versions = () => rowsOf('programme_versions').map(programmeVersionFromRow);
  const disbursements = () => rowsOf('disbursements').map(disbursementFromRow);
  const waiverOrder = (a: WaiverRecord, b: WaiverRecord) =>
    a.recordedAtUs < b.recordedAtUs
      ? -1
      : a.recordedAtUs > b.recordedAtUs
        ? 1
        : a.waiverId.localeCompare(b.waiverId);
  type ListFilter = { status?: DisbursementRecord['status']; limit: number };
  return {
    manifest,
    tables,
    audit: {
      chainHeads: async () => heads(),
      // in the bundle's own line order: a moved line breaks the chain where it lands
      streamChain: (chainId, pageSize, afterChainSeq = 0n) =>
        pages(
          events().filter((event) => event.chainId === chainId && event.chainSeq > afterChainSeq),
          pageSize,
        ),
      listCheckpoints: async () =>
        rowsOf('audit_checkpoints')
          .map(checkpointFromRow)
          .sort(byBig((c) => c.id)),
      countEvents: async () => BigInt(rowsOf('audit_events').length),
    },
    ledger: {
      streamTransfersInWriteOrder: (pageSize) =>
        pages(
          [...rowsOf('ledger_transfers')]
            .sort(byBig((row) => BigInt(String(row.seq))))
            .map(transferInWriteOrderFromRow),
          pageSize,
        ),
      listAccounts: async () => rowsOf('ledger_accounts').map(accountFromRow),
    },
    programmes: {
      listProgrammeIds: async () =>
        [...new Set(versions().map((version) => version.programmeId))].sort(),
      listVersions: async (programmeId) =>
        versions()
          .filter((version) => version.programmeId === programmeId)
          .sort((a, b) => a.versionNo - b.versionNo),
      listWaivers: async (programmeId) =>
        rowsOf('programme_waivers')
          .map(waiverFromRow)
          .filter((waiver) => waiver.programmeId === programmeId)
          .sort(waiverOrder),
    },
    disbursements: {
      get: async (id) => disbursements().find((record) => record.disbursementId === id),
      list: async (programmeId: string, filter: ListFilter) =>
        disbursements()
          .filter(
            (record) =>
              record.programmeId === programmeId &&
              (!filter.status || record.status === filter.status),
          )
          .sort(byBig((record) => record.createdAtUs))
          .slice(0, filter.limit),
    },
  };
}

import type { KeyObject } from 'node:crypto';
import {
  checkpointGenesisHash,
  checkpointHash,
  checkpointSignatureValid,
  type Checkpoint,
} from '../../core/audit/checkpoint.js';
import type { ChainHead } from '../../core/audit/audit-event.js';
import { boundRowsOf, decodeAuditBody } from '../../core/audit/canonical-body.js';
import { BalanceDeriver } from '../../core/audit/derive-balances.js';
import { ChainVerifier, type AuditProblem } from '../../core/audit/verify-chain.js';
import { checkContentAddressed, RowBindingVerifier } from '../../core/audit/verify-rows.js';
import {
  TransferClaimsVerifier,
  type TransferBatchClaim,
} from '../../core/audit/verify-transfer-claims.js';
import { encodeTransferForDigest } from '../../core/ledger/transfer-content.js';
import { ledgerTransfersEventKind, TransfersDigest } from '../../core/audit/transfers-digest.js';
import type { StoredCheckpoint } from '../ports/audit-rows.js';
import { bindingOf } from '../ports/bound-tables.js';
import { accountFromRow, transferFromRow } from '../ports/ledger-rows.js';
import type { Store } from '../ports/store-port.js';
import type { AuditFactsSource } from '../ports/audit-facts-port.js';

export interface VerifyOptions {
  /** the pinned public keys (configuration or the overseer's file): never a key found beside the data */
  readonly trustedKeys: ReadonlyMap<string, KeyObject>;
  /** checkpoints published earlier and kept outside the system: the store must still hold all they cover */
  readonly published?: readonly Checkpoint[];
  /** only what was appended since the last checkpoint: its chains, the checkpoint chain, the rows bound since */
  readonly sinceCheckpoint?: boolean;
  /** the hash chains and checkpoints alone, no ledger or table checks (the bench's chain figure) */
  readonly chainsOnly?: boolean;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly incremental: boolean;
  readonly eventsChecked: bigint;
  /** all events in the store (every one must sit in a verified chain) */
  readonly eventCount: bigint;
  readonly chainsChecked: number;
  readonly checkpointsChecked: number;
  readonly publishedChecked: number;
  readonly transfersChecked: bigint;
  readonly tablesChecked: number;
  readonly rowBindingsChecked: number;
  /** the head of every chain as verified: what a checkpoint made now may sign */
  readonly verifiedHeads: readonly ChainHead[];
  /** the last stored checkpoint, if its signature and link hold */
  readonly lastCheckpoint: StoredCheckpoint | null;
  /** the earliest problem by event order: where an investigator starts */
  readonly firstProblem: AuditProblem | null;
  readonly problems: readonly AuditProblem[];
}

export const verifyPageSize = 10_000;
const outsideEventsReportedMax = 20;

/**
 * Verify everything an overseer relies on, in one consistent snapshot of the store: every chain
 * links and hashes, checkpoints are signed by pinned keys and chain together, published
 * checkpoints are still covered, every event sits in a chain, every transfer is the one its event
 * recorded, balances and resolutions re-derive from the transfers, and every row of every other
 * table is the one the audit log bound (src/app/ports/bound-tables.ts says how, table by table).
 */
export async function verifyAudit(
  store: Store,
  keysOrOptions: ReadonlyMap<string, KeyObject> | VerifyOptions,
): Promise<AuditVerification> {
  const options: VerifyOptions =
    keysOrOptions instanceof Map
      ? { trustedKeys: keysOrOptions }
      : (keysOrOptions as VerifyOptions);
  return store.readSnapshot((snapshot) => verifyAuditFacts(snapshot, options));
}

/** The same verification over any source of the facts: a store's snapshot, or an exported bundle. */
export async function verifyAuditFacts(
  s: AuditFactsSource,
  options: VerifyOptions,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const checkpoints = await s.audit.listCheckpoints();
  const heads = await s.audit.chainHeads();
  const chain = verifyCheckpointChain(checkpoints, options.trustedKeys, problems);
  const signedHeads = new Map<number, Map<bigint, string>>();
  const sign = (checkpoint: Checkpoint) => {
    for (const head of checkpoint.heads) {
      const positions = signedHeads.get(head.chainId) ?? new Map<bigint, string>();
      positions.set(head.chainSeq, head.hash);
      signedHeads.set(head.chainId, positions);
    }
  };
  checkpoints.forEach(sign);
  const storedHashes = new Set(checkpoints.map(checkpointHash));
  for (const published of options.published ?? []) {
    const publishedHash = checkpointHash(published);
    if (!checkpointSignatureValid(published, options.trustedKeys)) {
      problems.push({
        code: 'checkpoint.published_bad_signature',
        message: `published checkpoint ${publishedHash.slice(0, 16)} (at ${published.atUs}) is not signed by a trusted key (key ${published.keyId})`,
      });
      continue;
    }
    if (!storedHashes.has(publishedHash)) {
      problems.push({
        code: 'checkpoint.published_not_found',
        message: `published checkpoint ${publishedHash.slice(0, 16)} (at ${published.atUs}) is no longer in the store: checkpoints were deleted or rewritten`,
      });
    }
    sign(published);
  }

  const incremental = options.sinceCheckpoint === true && chain.last !== null;
  const start = new Map<number, ChainHead>(
    (incremental ? chain.last!.heads : []).map((head) => [head.chainId, head]),
  );
  const chainIds = [
    ...new Set<number>([...heads.map((head) => head.chainId), ...signedHeads.keys()]),
  ].sort((a, b) => a - b);
  const ledgerClaims = new Map<bigint, TransferBatchClaim>();
  const rows = new RowBindingVerifier();
  const verifiedHeads: ChainHead[] = [];
  let eventsChecked = 0n;
  let eventsInChains = 0n;
  for (const chainId of chainIds) {
    const from = start.get(chainId);
    const verifier = new ChainVerifier(chainId, from);
    const signedPositions = signedHeads.get(chainId) ?? new Map<bigint, string>();
    const problem = await verifyOneChain(
      s,
      verifier,
      signedPositions,
      ledgerClaims,
      rows,
      !incremental,
    );
    eventsChecked += verifier.eventsAccepted - (from?.chainSeq ?? 0n) + (problem ? 1n : 0n);
    eventsInChains += verifier.eventsAccepted;
    verifiedHeads.push({ chainId, chainSeq: verifier.eventsAccepted, hash: verifier.lastHash });
    if (problem) {
      problems.push(problem);
      continue;
    }
    const lastSigned = [...signedPositions.keys()].reduce(
      (max, seq) => (seq > max ? seq : max),
      0n,
    );
    if (lastSigned > verifier.eventsAccepted) {
      problems.push({
        code: 'checkpoint.head_not_found',
        message: `chain ${chainId} ends at #${verifier.eventsAccepted} but a signed checkpoint saw #${lastSigned}: events were removed from its end`,
        chainId,
        chainSeq: lastSigned,
      });
    }
    const head = heads.find((candidate) => candidate.chainId === chainId);
    if (head && head.chainSeq > verifier.eventsAccepted) {
      problems.push({
        code: 'chain.gap',
        message: `table audit_events, rows of chain_id=${chainId}: events #${verifier.eventsAccepted + 1n} to #${head.chainSeq} are missing (its head names #${head.chainSeq})`,
        chainId,
        table: 'audit_events',
        row: `chain_id=${chainId}`,
      });
    }
    if (!head || head.chainSeq !== verifier.eventsAccepted || head.hash !== verifier.lastHash) {
      problems.push({
        code: 'chain.head_mismatch',
        message: `table audit_chain_heads, row chain_id=${chainId}: recorded head does not match the chain's last event (#${verifier.eventsAccepted})`,
        chainId,
        table: 'audit_chain_heads',
        row: `chain_id=${chainId}`,
      });
    } else if (
      head.chainSeq === 0n &&
      chain.last &&
      !chain.last.heads.some((signed) => signed.chainId === chainId)
    ) {
      // checkpoints sign every head, empty ones too: an empty chain no checkpoint names was added by hand
      problems.push({
        code: 'chain.head_mismatch',
        message: `table audit_chain_heads, row chain_id=${chainId}: an empty chain that no checkpoint names`,
        chainId,
        table: 'audit_chain_heads',
        row: `chain_id=${chainId}`,
      });
    }
  }
  rows.seal();

  const eventCount = await s.audit.countEvents();
  // With (chain_id, chain_seq) unique and every chain walked from #1, an event outside the chains
  // always makes the count disagree; the query that names such events scans the whole table, so
  // it runs only then (on PostgreSQL it was half of a full verification's time).
  const outsideEvents =
    eventCount === eventsInChains
      ? []
      : await s.tables.eventsOutsideChains(outsideEventsReportedMax);
  for (const outside of outsideEvents) {
    problems.push({
      code: 'events.outside_chain',
      message: `table audit_events, row seq=${outside.seq}: at position ${outside.chainSeq} of chain ${outside.chainId}, outside every verified chain (inserted)`,
      eventSeq: outside.seq,
      table: 'audit_events',
      row: `seq=${outside.seq}`,
    });
  }
  if (eventCount !== eventsInChains) {
    problems.push({
      code: 'events.count_mismatch',
      message: `table audit_events holds ${eventCount} events, the verified chains ${eventsInChains}`,
    });
  }
  for (const published of options.published ?? []) {
    if (published.eventCount > eventsInChains)
      problems.push({
        code: 'checkpoint.head_not_found',
        message: `a published checkpoint covers ${published.eventCount} events, the store's chains hold ${eventsInChains}: history was cut`,
      });
  }

  let transfersChecked = 0n;
  if (!incremental && !options.chainsOnly) {
    try {
      transfersChecked = await verifyLedger(s, ledgerClaims, problems);
    } catch {
      await nameUnreadableRows(s, 'ledger_transfers', 'seq', transferFromRow, problems);
      await nameUnreadableRows(s, 'ledger_accounts', 'id', accountFromRow, problems);
    }
  }
  const tablesChecked = options.chainsOnly ? 0 : await verifyTables(s, rows, incremental, problems);

  const ordered = problems.sort((a, b) => compareSeq(a.eventSeq, b.eventSeq));
  return {
    ok: ordered.length === 0,
    incremental,
    eventsChecked,
    eventCount,
    chainsChecked: chainIds.length,
    checkpointsChecked: checkpoints.length,
    publishedChecked: options.published?.length ?? 0,
    transfersChecked,
    tablesChecked,
    rowBindingsChecked: rows.bindingsRead,
    verifiedHeads,
    lastCheckpoint: chain.last,
    firstProblem: ordered[0] ?? null,
    problems: ordered,
  };
}

/** The audit log's own integrity alone: chains, heads, checkpoints, event count. */
export function verifyChains(
  store: Store,
  trustedKeys: ReadonlyMap<string, KeyObject>,
): Promise<AuditVerification> {
  return verifyAudit(store, { trustedKeys, chainsOnly: true });
}

/** Each checkpoint: signed by a pinned key, linked to the one before, its count matching its heads. */
function verifyCheckpointChain(
  checkpoints: readonly StoredCheckpoint[],
  trustedKeys: ReadonlyMap<string, KeyObject>,
  problems: AuditProblem[],
): { last: StoredCheckpoint | null } {
  let previousHash = checkpointGenesisHash;
  let intact = true;
  for (const checkpoint of checkpoints) {
    const name = `checkpoint ${checkpoint.id} (at ${checkpoint.atUs})`;
    if (!checkpointSignatureValid(checkpoint, trustedKeys)) {
      problems.push({
        code: 'checkpoint.bad_signature',
        message: `${name} is not signed by a trusted key (key ${checkpoint.keyId})`,
        table: 'audit_checkpoints',
        row: `id=${checkpoint.id}`,
      });
      intact = false;
    }
    if (checkpoint.prevHash !== previousHash) {
      problems.push({
        code: 'checkpoint.chain_broken',
        message: `${name} does not sign the checkpoint before it: a checkpoint was deleted, reordered or inserted`,
        table: 'audit_checkpoints',
        row: `id=${checkpoint.id}`,
      });
      intact = false;
    }
    const covered = checkpoint.heads.reduce((sum, head) => sum + head.chainSeq, 0n);
    if (covered !== checkpoint.eventCount) {
      problems.push({
        code: 'checkpoint.chain_broken',
        message: `${name} counts ${checkpoint.eventCount} events but its heads cover ${covered}`,
        table: 'audit_checkpoints',
        row: `id=${checkpoint.id}`,
      });
      intact = false;
    }
    previousHash = checkpointHash(checkpoint);
  }
  return { last: intact ? (checkpoints.at(-1) ?? null) : null };
}

async function verifyOneChain(
  s: AuditFactsSource,
  verifier: ChainVerifier,
  signedPositions: ReadonlyMap<bigint, string>,
  ledgerClaims: Map<bigint, TransferBatchClaim>,
  rows: RowBindingVerifier,
  collectClaims: boolean,
): Promise<AuditProblem | undefined> {
  for await (const page of s.audit.streamChain(
    verifier.chainId,
    verifyPageSize,
    verifier.eventsAccepted,
  )) {
    for (const event of page) {
      const problem = verifier.accept(event);
      if (problem) return problem;
      const signedHash = signedPositions.get(event.chainSeq);
      if (signedHash !== undefined && signedHash !== event.hash) {
        return {
          code: 'checkpoint.head_mismatch',
          message: `chain ${verifier.chainId} #${event.chainSeq} differs from what a signed checkpoint recorded`,
          chainId: verifier.chainId,
          chainSeq: event.chainSeq,
          eventSeq: event.seq,
        };
      }
      if (collectClaims && event.kind === ledgerTransfersEventKind) {
        const payload = decodeAuditBody(event.body).payload as {
          transferCount: number;
          transfersSha256: string;
        };
        ledgerClaims.set(event.seq, {
          transferCount: payload.transferCount,
          transfersSha256: payload.transfersSha256,
        });
      }
      const bound = boundRowsOf(event.body);
      if (bound) rows.add(event.seq, bound);
    }
  }
  return undefined;
}

/** Transfers against their events' digests; balances and resolutions re-derived from them. */
async function verifyLedger(
  s: AuditFactsSource,
  ledgerClaims: ReadonlyMap<bigint, TransferBatchClaim>,
  problems: AuditProblem[],
): Promise<bigint> {
  const transferCheck = new TransferClaimsVerifier(ledgerClaims, () => new TransfersDigest());
  const deriver = new BalanceDeriver();
  const chainProblemsMax = 20;
  let chainProblems = 0;
  for await (const page of s.ledger.streamTransfersInWriteOrder(verifyPageSize)) {
    for (const row of page) {
      transferCheck.accept(
        row.auditEventSeq,
        row.batchPosition,
        encodeTransferForDigest(row.transfer),
      );
      const found = deriver.accept(row.transfer);
      if (found.length > 0 && chainProblems < chainProblemsMax) {
        chainProblems += found.length;
        problems.push(...found);
      }
    }
  }
  problems.push(...transferCheck.finish());
  problems.push(...deriver.checkAccounts(await s.ledger.listAccounts()));
  const resolutions: { pendingId: string; resolvedById: string }[] = [];
  for await (const page of s.tables.streamRows('ledger_pending_resolutions', verifyPageSize)) {
    for (const row of page)
      resolutions.push({
        pendingId: String(row.pending_id),
        resolvedById: String(row.resolved_by_id),
      });
  }
  problems.push(...deriver.checkResolutions(resolutions));
  return transferCheck.rowsChecked;
}

/** Every table of the live schema, each the way bound-tables.ts says; a table it does not name is unbound. */
async function verifyTables(
  s: AuditFactsSource,
  rows: RowBindingVerifier,
  incremental: boolean,
  problems: AuditProblem[],
): Promise<number> {
  const tables = await s.tables.listTables();
  for (const table of tables) {
    await unreadable(table, problems, () =>
      verifyTable(s, rows, incremental, problems, tables, table),
    );
  }
  return tables.length;
}

/** The ledger's readers refused a row: find and name each one the way its reader rejects it. */
async function nameUnreadableRows(
  s: AuditFactsSource,
  table: string,
  keyColumn: string,
  read: (row: Record<string, unknown>) => unknown,
  problems: AuditProblem[],
): Promise<void> {
  for await (const page of s.tables.streamRows(table, verifyPageSize)) {
    for (const row of page) {
      try {
        read(row);
      } catch (error) {
        const key = `${keyColumn}=${String(row[keyColumn])}`;
        problems.push({
          code: 'row.changed',
          message: `table ${table}, row ${key}: cannot be read as the application wrote it (${(error as Error).message})`,
          table,
          row: key,
        });
      }
    }
  }
}

/** A row edited into something its reader rejects is a finding, not a crash of the verifier. */
async function unreadable<T>(
  table: string,
  problems: AuditProblem[],
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    problems.push({
      code: 'row.changed',
      message: `table ${table}: a row cannot be read as the application wrote it (${(error as Error).message})`,
      table,
    });
    return undefined;
  }
}

async function verifyTable(
  s: AuditFactsSource,
  rows: RowBindingVerifier,
  incremental: boolean,
  problems: AuditProblem[],
  tables: readonly string[],
  table: string,
): Promise<void> {
  {
    const binding = bindingOf(table);
    const live = () => s.tables.streamRows(table, verifyPageSize);
    if (!binding) {
      problems.push({
        code: 'table.unbound',
        message: `table ${table} is not bound by the audit log: name it in src/app/ports/bound-tables.ts (docs/audit.md)`,
        table,
      });
    } else if (binding.kind === 'row' && s.tables.rowDigests?.(table, verifyPageSize)) {
      problems.push(
        ...(await rows.checkRowDigests(
          table,
          s.tables.rowDigests(table, verifyPageSize)!,
          incremental ? rows.boundKeys(table) : undefined,
        )),
      );
    } else if (binding.kind === 'row') {
      problems.push(
        ...(await rows.checkRowTable(
          table,
          binding.key,
          binding.derivedColumns ?? [],
          live(),
          incremental ? rows.boundKeys(table) : undefined,
        )),
      );
    } else if (incremental) {
      return;
    } else if (binding.kind === 'set') {
      problems.push(...(await rows.checkSetTable(table, binding.setBy, live())));
    } else if (binding.kind === 'contentAddressed') {
      const checked = await checkContentAddressed(table, binding, live());
      problems.push(...checked.problems);
      if (tables.includes(binding.referencedBy.table)) {
        for await (const page of s.tables.streamRows(binding.referencedBy.table, verifyPageSize)) {
          for (const row of page) {
            const key = String(row[binding.referencedBy.column]);
            if (!checked.keys.has(key))
              problems.push({
                code: 'row.missing',
                message: `table ${table}, row ${binding.key}=${key}: ${binding.referencedBy.table} refers to it, it is gone`,
                table,
                row: `${binding.key}=${key}`,
              });
          }
        }
      }
    } else if (binding.kind === 'schema') {
      const applied = (await s.tables.appliedMigrations()).map((m) => `${m.version}:${m.name}`);
      const shipped = new Set(s.tables.shippedMigrations().map((m) => `${m.version}:${m.name}`));
      const appliedSet = new Set(applied);
      const odd = [
        ...applied.filter((entry) => !shipped.has(entry)),
        ...[...shipped].filter((entry) => !appliedSet.has(entry)),
      ];
      if (odd.length > 0 || applied.length !== shipped.size) {
        problems.push({
          code: 'schema.migrations_mismatch',
          message: `table ${table}, row version=${odd[0] ?? '?'}: applied migrations differ from the ones the code ships`,
          table,
          row: `version=${odd[0] ?? ''}`,
        });
      }
    }
  }
}

function compareSeq(a: bigint | undefined, b: bigint | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

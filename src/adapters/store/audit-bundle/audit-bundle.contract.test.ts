// The audit bundle: exported from each store, verified with the store closed (only the bundle
// and the pinned public key), and refused, naming what changed, when one event is edited,
// removed or reordered, or when a control fact or a credential digest is tampered with.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpoint } from '../../../app/audit-service/create-checkpoint.js';
import { verifyFactsSource } from '../../../app/audit-service/verify-bundle.js';
import {
  generateCheckpointKeyPem,
  signerFromPrivateKeyPem,
} from '../../../core/audit/checkpoint.js';
import { trustedKeyEntry } from '../../../core/audit/trusted-keys.js';
import { fillEveryTable } from '../../../../test-support/bound-store-fixture.js';
import { openTestStore, storeDialects } from '../../../../test-support/stores.js';
import { openAuditBundle } from './read-bundle.js';
import { writeAuditBundle } from './write-bundle.js';

const { signer, publicKey } = signerFromPrivateKeyPem(generateCheckpointKeyPem());
const trustedKeys = new Map([[signer.keyId, publicKey]]);
const otherKey = signerFromPrivateKeyPem(generateCheckpointKeyPem());

const eventsFile = 'tables/audit_events.ndjson';
const readLines = (dir: string, file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
const writeLines = (dir: string, file: string, lines: string[]) =>
  writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
const chainOf = (line: string | undefined) =>
  line ? (JSON.parse(line) as Record<string, string>).chain_id : undefined;
/** an event followed by one of its own chain: of the kind asked if there is one, else any */
const inMiddleOfChain = (lines: readonly string[], kind: string): number => {
  const candidates = lines
    .map((_, index) => index)
    .filter((index) => chainOf(lines[index + 1]) === chainOf(lines[index]));
  const found = candidates.find((index) => lines[index]!.includes(kind)) ?? candidates[0];
  if (found === undefined) throw new Error('no chain holds two events');
  return found;
};
const allText = (dir: string): string =>
  [dir, join(dir, 'tables')]
    .flatMap((d) =>
      readdirSync(d, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => readFileSync(join(d, e.name), 'utf8')),
    )
    .join('\n');

describe.each(storeDialects)('audit bundle exported from %s', (dialect) => {
  const work = mkdtempSync(join(tmpdir(), 'qanat-bundle-'));
  const original = join(work, 'bundle');
  let secrets: string[] = [];
  let copies = 0;

  /** a fresh copy of the exported bundle, to tamper with */
  const copy = (): string => {
    const dir = join(work, `copy-${(copies += 1)}`);
    cpSync(original, dir, { recursive: true });
    return dir;
  };
  const verify = (dir: string) => verifyFactsSource(openAuditBundle(dir), { trustedKeys });
  const messages = (result: Awaited<ReturnType<typeof verify>>) => [
    ...result.verification.problems.map((p) => p.message),
    ...result.controlBreaks.map((b) => b.message),
    ...result.bundleProblems,
  ];

  beforeAll(async () => {
    const t = await openTestStore(dialect);
    try {
      await fillEveryTable(t.store, signer);
      await createCheckpoint(t.store, signer, 2_000_000_000_000_000n, trustedKeys, { full: true });
      await writeAuditBundle(t.store, original, {
        publicKeysPem: trustedKeyEntry(publicKey, 'test'),
        exportedAtUs: 2_000_000_000_000_001n,
      });
      const credentials = await t.rawRows(
        'SELECT password_hash, totp_secret FROM auth_credentials',
      );
      const tokens = await t.rawRows('SELECT secret_sha256 FROM auth_tokens');
      secrets = [
        ...credentials.flatMap((row) => [row.password_hash, row.totp_secret]),
        ...tokens.map((row) => row.secret_sha256),
      ].filter((value): value is string => typeof value === 'string' && value.length > 0);
    } finally {
      await t.dispose();
    }
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('verifies on its own, the store closed, with only the public key', async () => {
    const result = await verify(original);
    expect(messages(result)).toEqual([]);
    expect(result.ok).toBe(true);
    // the checkpoint signed before the export is recorded by one event after the heads it signs
    expect(result.unsignedEvents).toBe(1n);
    expect(result.verification.eventsChecked).toBeGreaterThan(20n);
    expect(result.verification.transfersChecked).toBeGreaterThan(0n);
    expect(result.verification.rowBindingsChecked).toBeGreaterThan(20);
  });

  it('carries no password hash, TOTP secret or token hash, only the digests of those rows', () => {
    expect(secrets.length).toBeGreaterThan(1);
    const text = allText(original);
    for (const secret of secrets) expect(text.includes(secret)).toBe(false);
    expect(text).not.toContain('password_hash');
    expect(readLines(original, 'tables/auth_credentials.digests.ndjson').length).toBeGreaterThan(0);
  });

  it('is refused with a key the overseer did not pin', async () => {
    const result = await verifyFactsSource(openAuditBundle(original), {
      trustedKeys: new Map([[otherKey.signer.keyId, otherKey.publicKey]]),
    });
    expect(result.ok).toBe(false);
    expect(messages(result).join('\n')).toMatch(/not signed by a trusted key/);
  });

  it('names an edited event', async () => {
    const dir = copy();
    const lines = readLines(dir, eventsFile);
    const target = lines.findIndex((line) => line.includes('disbursement.approved'));
    const row = JSON.parse(lines[target]!) as Record<string, string>;
    row.body = row.body!.replace('approver.one', 'approver.two');
    lines[target] = JSON.stringify(row);
    writeLines(dir, eventsFile, lines);
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    const problem = result.verification.problems.find((p) => p.code === 'chain.hash_mismatch');
    expect(problem?.message).toContain(`row seq=${row.seq!.slice(1)}`);
  });

  it('names a removed event', async () => {
    const dir = copy();
    const lines = readLines(dir, eventsFile);
    const target = inMiddleOfChain(lines, 'disbursement.instructed');
    const removed = JSON.parse(lines[target]!) as Record<string, string>;
    writeLines(
      dir,
      eventsFile,
      lines.filter((_, index) => index !== target),
    );
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    const gap = result.verification.problems.find((p) => p.code === 'chain.gap');
    expect(gap?.message).toContain(`expected event #${removed.chain_seq!.slice(1)}`);
  });

  it('names a reordered event', async () => {
    const dir = copy();
    const lines = readLines(dir, eventsFile);
    const target = inMiddleOfChain(lines, 'disbursement.funds_reserved');
    const [first, second] = [
      JSON.parse(lines[target]!) as Record<string, string>,
      JSON.parse(lines[target + 1]!) as Record<string, string>,
    ];
    expect(first.chain_id).toBe(second.chain_id);
    [lines[target], lines[target + 1]] = [lines[target + 1]!, lines[target]!];
    writeLines(dir, eventsFile, lines);
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    const gap = result.verification.problems.find((p) => p.code === 'chain.gap');
    expect(gap?.message).toContain(
      `expected event #${first.chain_seq!.slice(1)}, found #${second.chain_seq!.slice(1)}`,
    );
  });

  it('names a tampered control fact: a disbursement whose approvals were lowered', async () => {
    const dir = copy();
    const file = 'tables/disbursements.ndjson';
    const lines = readLines(dir, file);
    const target = lines.findIndex((line) => line.includes('PIL-2'));
    expect(lines[target]).toContain('\\"approvalsRequired\\":1');
    lines[target] = lines[target]!.replace(
      '\\"approvalsRequired\\":1',
      '\\"approvalsRequired\\":0',
    );
    writeLines(dir, file, lines);
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    const changed = result.verification.problems.find((p) => p.code === 'row.changed');
    expect(changed?.message).toContain('table disbursements, row disbursement_id=PIL-2');
    expect(result.controlBreaks.map((b) => `${b.code} ${b.disbursementId}`)).toContain(
      'control.record_altered PIL-2',
    );
  });

  it('names a tampered credential digest and a table file taken out', async () => {
    const dir = copy();
    const file = 'tables/auth_credentials.digests.ndjson';
    const lines = readLines(dir, file);
    const row = JSON.parse(lines[0]!) as { key: string; sha256: string };
    lines[0] = JSON.stringify({ ...row, sha256: '0'.repeat(64) });
    writeLines(dir, file, lines);
    writeLines(dir, 'tables/programme_waivers.ndjson', []);
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    const text = messages(result).join('\n');
    expect(text).toContain('table auth_credentials, row user_id=');
    expect(text).toMatch(
      /table programme_waivers, row programme_id=[^,]+, waiver_id=\S+: recorded by audit event \d+, missing/,
    );
  });

  it('refuses a malformed file naming its line, before verifying anything', () => {
    const dir = copy();
    const lines = readLines(dir, eventsFile);
    lines[2] = '{not json';
    writeLines(dir, eventsFile, lines);
    expect(() => openAuditBundle(dir)).toThrow(
      /tables\/audit_events\.ndjson line 3: not a JSON line/,
    );
    const other = copy();
    writeFileSync(join(other, 'manifest.json'), '{"format":"something-else"}');
    expect(() => openAuditBundle(other)).toThrow(/manifest\.json: format/);
    expect(() => openAuditBundle(join(work, 'nothing-here'))).toThrow(/not an audit bundle/);
  });
});

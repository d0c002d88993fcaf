import {
  existsSync,
  readFileSync,
  renameSync,
  writeFileSync,
  appendFileSync,
  chmodSync,
} from 'node:fs';
import type { Command } from 'commander';
import { verifyAudit } from '../../../app/audit-service/verify-audit.js';
import { createCheckpoint } from '../../../app/audit-service/create-checkpoint.js';
import { recheckRecordedControls } from '../../../app/audit-service/recheck-controls.js';
import {
  decodePublishedCheckpoint,
  encodePublishedCheckpoint,
} from '../../../core/audit/published-checkpoint.js';
import {
  generateCheckpointKeyPem,
  signerFromPrivateKeyPem,
} from '../../../core/audit/checkpoint.js';
import { publicKeyPem, trustedKeyEntry } from '../../../core/audit/trusted-keys.js';
import { loadTrustedKeys } from '../../app.js';
import { verifyFactsSource } from '../../../app/audit-service/verify-bundle.js';
import { openAuditBundle } from '../../../adapters/store/audit-bundle/read-bundle.js';
import { writeAuditBundle } from '../../../adapters/store/audit-bundle/write-bundle.js';
import { publicKeysFile } from '../../../adapters/store/audit-bundle/bundle-format.js';
import { join } from 'node:path';
import { print, withApp } from '../with-app.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description(
      'check every chain, checkpoint, transfer, balance and bound row of every table, in one snapshot; exit 1 on any problem',
    )
    .option('--trusted-keys <file>', 'pinned public keys to accept (default: QANAT_TRUSTED_KEYS)')
    .option(
      '--against <file>',
      'a published checkpoint the store must still cover (repeatable)',
      collect,
      [] as string[],
    )
    .option(
      '--since-checkpoint',
      'only what was appended since the last checkpoint (chains, checkpoints, rows bound since)',
    )
    .option(
      '--bundle <dir>',
      'verify an exported audit bundle instead of a store (no database is opened)',
    )
    .action(
      async (options: {
        trustedKeys?: string;
        against: string[];
        sinceCheckpoint?: boolean;
        bundle?: string;
      }) => {
        if (options.bundle)
          return verifyBundleCommand(options.bundle, options.trustedKeys, options.against);
        return withApp(async (app) => {
          const trustedKeys = options.trustedKeys
            ? loadTrustedKeys(options.trustedKeys)
            : app.trustedKeys;
          const published = options.against.map((file) =>
            decodePublishedCheckpoint(readFileSync(file, 'utf8')),
          );
          const startedMs = performance.now();
          const result = await verifyAudit(app.store, {
            trustedKeys,
            published,
            sinceCheckpoint: options.sinceCheckpoint === true,
          });
          // Every control replayed from the recorded facts: approvals, screening, waiver, caps, overrides.
          const controlBreaks = await recheckRecordedControls(app.store);
          const elapsedMs = performance.now() - startedMs;
          const scope = result.incremental ? 'since the last checkpoint: ' : '';
          print(
            `${scope}${result.eventsChecked} events in ${result.chainsChecked} chain(s), ${result.checkpointsChecked} signed checkpoint(s), ${result.publishedChecked} published, ${result.transfersChecked} transfers, ${result.tablesChecked} tables (${result.rowBindingsChecked} row bindings) checked in ${elapsedMs.toFixed(0)} ms`,
          );
          if (trustedKeys.size === 0)
            print(
              'no trusted keys are configured: checkpoints cannot be accepted (QANAT_TRUSTED_KEYS or --trusted-keys)',
            );
          for (const entry of controlBreaks.slice(0, 50))
            print(`CONTROL BREAK [${entry.code}] ${entry.message}`);
          if (controlBreaks.length > 0) process.exitCode = 1;
          if (result.ok && controlBreaks.length > 0) return;
          if (result.ok) {
            print('audit log intact');
            return;
          }
          app.auditBroken = true;
          print(`BROKEN: ${result.firstProblem?.message ?? 'unknown'}`);
          for (const problem of result.problems.slice(1, 20)) print(`  also: ${problem.message}`);
          if (result.problems.length > 20) print(`  … ${result.problems.length - 20} more`);
          process.exitCode = 1;
        });
      },
    );

  audit
    .command('export')
    .description(
      'sign a checkpoint over the whole (verified) store, then write the audit bundle an overseer verifies without the database',
    )
    .requiredOption('--to <dir>', 'a new or empty directory')
    .action(async (options: { to: string }) =>
      withApp(async (app) => {
        const checkpoint = await createCheckpoint(
          app.store,
          app.signer,
          app.clock.nowUs(),
          app.trustedKeys,
          { full: true },
        );
        const keys = [...app.trustedKeys.values()]
          .map((key) => trustedKeyEntry(key, 'trusted by the exporting deployment'))
          .join('');
        const exported = await writeAuditBundle(app.store, options.to, {
          publicKeysPem: keys,
          exportedAtUs: app.clock.nowUs(),
        });
        const rows = exported.tables.reduce((sum, table) => sum + table.rowCount, 0);
        print(
          `audit bundle written to ${options.to}: ${exported.eventCount} events, ${exported.tables.length} tables (${rows} rows), signed by key ${checkpoint.keyId}`,
        );
        print(
          `verify it anywhere with: qanat audit verify --bundle ${options.to} --trusted-keys YOUR_PINNED_KEYS.pem`,
        );
      }),
    );

  audit
    .command('checkpoint')
    .description(
      "verify the whole store, then sign every chain head with the deployment's key (periodic checkpoints verify what is new)",
    )
    .option(
      '--publish <file>',
      'also write the signed checkpoint to a file for the overseer to keep outside the system',
    )
    .action(async (options: { publish?: string }) =>
      withApp(async (app) => {
        const checkpoint = await createCheckpoint(
          app.store,
          app.signer,
          app.clock.nowUs(),
          app.trustedKeys,
          { full: true },
        );
        print(
          `checkpoint signed by key ${checkpoint.keyId} over ${checkpoint.heads.length} chain head(s), ${checkpoint.eventCount} events`,
        );
        if (options.publish) {
          writeFileSync(options.publish, encodePublishedCheckpoint(checkpoint), { flag: 'wx' });
          print(
            `published to ${options.publish}: keep it outside the system; verify with: qanat audit verify --against ${options.publish}`,
          );
        }
      }),
    );

  const key = audit.command('key').description('the checkpoint signing key');
  key
    .command('show')
    .description('print the signing key id and its public key, for the overseer to pin')
    .action(async () =>
      withApp(async (app) => {
        print(`key ${app.signer.keyId} (${app.config.signingKeyFile})`);
        process.stdout.write(publicKeyPem(app.signer.publicKey));
      }),
    );
  key
    .command('rotate')
    .description(
      'make a new signing key; the old public key stays trusted so old checkpoints still verify',
    )
    .action(async () =>
      withApp(async (app) => {
        const file = app.config.signingKeyFile;
        const retired = `${file}.retired-${app.signer.keyId}`;
        if (existsSync(retired)) throw new Error(`${retired} exists already`);
        const pem = generateCheckpointKeyPem();
        const { signer, publicKey } = signerFromPrivateKeyPem(pem);
        renameSync(file, retired);
        writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
        chmodSync(file, 0o600);
        appendFileSync(
          app.config.trustedKeysFile,
          trustedKeyEntry(
            publicKey,
            `rotated in ${new Date().toISOString()}, replacing ${app.signer.keyId}`,
          ),
        );
        print(
          `new signing key ${signer.keyId}; the old one (${app.signer.keyId}) is kept as ${retired} and stays in ${app.config.trustedKeysFile}`,
        );
        print('give the overseer the new public key to pin:');
        process.stdout.write(publicKeyPem(publicKey));
        // the rest of this command signs with the new key
        app.signer = signer;
        app.trustedKeys = loadTrustedKeys(app.config.trustedKeysFile);
      }),
    );
}

/** No store is opened: the bundle and the pinned keys are all there is. */
async function verifyBundleCommand(
  directory: string,
  trustedKeysFile: string | undefined,
  against: readonly string[],
): Promise<void> {
  const startedMs = performance.now();
  const source = openAuditBundle(directory);
  const trustedKeys = loadTrustedKeys(trustedKeysFile ?? join(directory, publicKeysFile));
  if (!trustedKeysFile)
    print(
      `keys taken from the bundle (${publicKeysFile}): compare them with the keys you pinned, or pass --trusted-keys`,
    );
  const published = against.map((file) => decodePublishedCheckpoint(readFileSync(file, 'utf8')));
  const result = await verifyFactsSource(source, { trustedKeys, published });
  const v = result.verification;
  print(
    `bundle ${directory} (${source.manifest.dialect}): ${v.eventsChecked} events in ${v.chainsChecked} chain(s), ${v.checkpointsChecked} signed checkpoint(s), ${v.publishedChecked} published, ${v.transfersChecked} transfers, ${v.tablesChecked} tables (${v.rowBindingsChecked} row bindings) checked in ${(performance.now() - startedMs).toFixed(0)} ms`,
  );
  if (result.unsignedEvents > 1n)
    print(
      `note: ${result.unsignedEvents} events after the last signed checkpoint (its own record is one) are covered by no signature`,
    );
  for (const entry of result.controlBreaks.slice(0, 50))
    print(`CONTROL BREAK [${entry.code}] ${entry.message}`);
  for (const problem of result.bundleProblems) print(`BROKEN: ${problem}`);
  if (result.ok) {
    print('audit bundle intact');
    return;
  }
  if (!v.ok) {
    print(`BROKEN: ${v.firstProblem?.message ?? 'unknown'}`);
    for (const problem of v.problems.slice(1, 20)) print(`  also: ${problem.message}`);
    if (v.problems.length > 20) print(`  … ${v.problems.length - 20} more`);
  }
  process.exitCode = 1;
}

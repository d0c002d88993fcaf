// `qanat lists import|status`: sanctions list snapshots in the store. Parsing every file happens
// before anything is written, so a malformed or truncated file leaves the current snapshots as
// they were. I/O only; the use case decides.
import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadListPath, parseListSpec } from '../../../adapters/lists/load-list-path.js';
import { DomainError } from '../../../core/domain-error.js';
import { connect } from '../api-client/api-client.js';
import { CliFailure, exitCodes } from '../api-client/cli-failure.js';
import { formatInstant } from '../../../core/time/instant.js';
import { print, printJson } from '../with-app.js';

const pollMs = 100;

interface ListImportJob {
  jobId: string;
  phase: 'queued' | 'parsing' | 'storing' | 'done' | 'failed';
  error?: { code: string; detail: string };
  result?: {
    imported: {
      snapshotId: string;
      entryCount: number;
      added: number;
      removed: number;
      changed: number;
      contentSha256: string;
    }[];
    unchanged: string[];
    warnings: { source: string; code: string; message: string }[];
    rescreen: {
      knownParties: number;
      probedParties: number;
      recomputedPartyIds: string[];
      recorded?: { raisedOpen: number; withdrawn: number; superseded: number };
    } | null;
  };
}

/** The files of one list spec: a directory's regular files (an OFAC CSV set), or one file. */
function listUpload(spec: string): { spec: string; format: string | null; files: string[] } {
  const { format, path } = parseListSpec(spec);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new DomainError('input.file_not_found', `cannot read ${path}`, { field: 'list' });
  }
  const files = isDirectory
    ? readdirSync(path)
        .filter((name) => /\.(csv|xml)$/i.test(name))
        .sort()
        .map((name) => join(path, name))
    : [path];
  if (files.length === 0)
    throw new DomainError('input.file_not_found', `${path}: no .csv or .xml list files`, {
      field: 'list',
    });
  return { spec, format, files };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerListCommands(program: Command): void {
  const lists = program.command('lists').description('sanctions list snapshots');

  lists
    .command('import')
    .description(
      "upload each list to the API, which stores it as a new snapshot (with its delta) and rescreens known parties; shows the job's progress",
    )
    .requiredOption(
      '--list <path>',
      'list directory or file (OFAC CSV set, UN/EU XML; or FORMAT:PATH); repeatable',
      collect,
      [],
    )
    .option('--reason <text>', 'why', 'list refresh')
    .option('--json')
    .action(async (options: { list: string[]; reason: string; json?: boolean }) => {
      const api = connect();
      // every file is read before anything is sent; the server parses each before it writes
      const uploads = options.list.map((spec) => listUpload(spec));
      // a truncated or malformed file stops the whole call here, before any list is sent
      for (const upload of uploads) await loadListPath(upload.spec);
      const results = [];
      for (const upload of uploads) {
        const form = new FormData();
        if (upload.format) form.append('format', upload.format);
        form.append('reason', options.reason);
        for (const file of upload.files)
          form.append('file', new Blob([new Uint8Array(readFileSync(file))]), basename(file));
        let job = await api.postForm<ListImportJob>('/screening/list-imports', form);
        let shown = '';
        while (job.phase !== 'done' && job.phase !== 'failed') {
          if (!options.json && process.stderr.isTTY && job.phase !== shown)
            process.stderr.write(`${upload.spec}: ${(shown = job.phase)}…\n`);
          await sleep(pollMs);
          job = await api.get<ListImportJob>(`/screening/list-imports/${job.jobId}`);
        }
        if (job.phase === 'failed')
          throw new CliFailure(
            exitCodes.refused,
            `${upload.spec}: import failed: ${job.error?.detail ?? ''} [${job.error?.code ?? ''}]`,
          );
        results.push(job);
        if (options.json) continue;
        for (const snapshot of job.result!.imported)
          print(
            `imported  ${snapshot.snapshotId.padEnd(14)} ${String(snapshot.entryCount).padStart(6)} entries  +${snapshot.added} -${snapshot.removed} ~${snapshot.changed}  sha256 ${snapshot.contentSha256.slice(0, 16)}…`,
          );
        for (const snapshotId of job.result!.unchanged)
          print(
            `unchanged ${snapshotId.padEnd(14)} (same content as the current snapshot; nothing written)`,
          );
        for (const warning of job.result!.warnings)
          print(`warning   ${warning.source}: ${warning.message} [${warning.code}]`);
        const rescreen = job.result!.rescreen;
        if (rescreen)
          print(
            `rescreen  ${rescreen.knownParties} known parties, ${rescreen.probedParties} probed against the delta, ${rescreen.recomputedPartyIds.length} recomputed; ${rescreen.recorded?.raisedOpen ?? 0} new hits to review, ${rescreen.recorded?.withdrawn ?? 0} withdrawn, ${rescreen.recorded?.superseded ?? 0} superseded`,
          );
      }
      if (options.json) printJson(results);
    });

  lists
    .command('status')
    .description('the current snapshot of every list source, through the API')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const current = await connect().all<{
        snapshotId: string;
        entryCount: number;
        publishedAt: string | null;
        importedAtUs: string;
        importedBy: string;
        contentSha256: string;
      }>('/screening/snapshots');
      if (options.json) return printJson(current);
      if (current.length === 0)
        return print('no lists imported: run `qanat lists import --list PATH`');
      for (const s of current) {
        print(
          `${s.snapshotId.padEnd(14)} ${String(s.entryCount).padStart(6)} entries  published ${s.publishedAt ?? '(not stated)'}  imported ${formatInstant(BigInt(s.importedAtUs))} by ${s.importedBy}  sha256 ${s.contentSha256}`,
        );
      }
    });
}

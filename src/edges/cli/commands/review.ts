// `qanat review screen|list|show|decide`: parties screened against the stored lists, and the
// compliance officer's queue of hits. I/O only; the use cases decide.
import type { Command } from 'commander';
import { parseScreenedParties } from '../../../core/screening-review/screened-party.js';
import type { StoredHit } from '../../../core/screening-review/screening-hit.js';
import { DomainError } from '../../../core/domain-error.js';
import { formatInstant } from '../../../core/time/instant.js';
import { readJsonFile } from '../read-json-file.js';
import { print, printJson } from '../with-app.js';
import { hitLine } from '../render-hit.js';
import { connect } from '../api-client/api-client.js';
import { reviveBigints } from '../api-client/api-helpers.js';

/** Hits listed at most per call. */
export const reviewListLimitMax = 1_000;

export function registerReviewCommands(program: Command): void {
  const review = program
    .command('review')
    .description('screening of known parties and the hit review queue');

  review
    .command('screen')
    .description(
      'register parties (with beneficial owners) from a JSON file and screen them against the current lists, through the API',
    )
    .requiredOption(
      '--parties <file>',
      'JSON array of {partyId, kind, names:[{text}], birthDate?, nationality?, identifiers?, beneficialOwners?}',
    )
    .option('--reason <text>', 'why', 'screening request')
    .option('--json')
    .action(async (options: { parties: string; reason: string; json?: boolean }) => {
      const raw = readJsonFile(options.parties);
      parseScreenedParties(raw); // every problem with its path, before anything is sent
      const result = await connect().post<{
        requestId: string;
        snapshotIds: string[];
        parties: { partyId: string; verdict: string; activeHits: StoredHit[] }[];
      }>('/screening/parties', { parties: raw, reason: options.reason });
      if (options.json) return printJson(result);
      print(`request ${result.requestId} against ${result.snapshotIds.join(', ')}`);
      for (const party of result.parties) {
        print(`${party.partyId.padEnd(24)} ${party.verdict}`);
        for (const hit of party.activeHits) print(`  ${hitLine(hit)}`);
      }
    });

  review
    .command('list')
    .description('hits waiting for a decision (or in another status), through the API')
    .option(
      '--status <status>',
      'open, true_match, false_positive, withdrawn or superseded',
      'open',
    )
    .option('--limit <n>', `at most ${reviewListLimitMax}`, '100')
    .option('--json', 'machine-readable output')
    .action(async (options: { status: string; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > reviewListLimitMax)
        throw new DomainError('input.limit_invalid', `--limit must be 1–${reviewListLimitMax}`, {
          field: 'limit',
        });
      if (
        !['open', 'true_match', 'false_positive', 'withdrawn', 'superseded'].includes(
          options.status,
        )
      )
        throw new DomainError('input.status_invalid', `unknown status "${options.status}"`, {
          field: 'status',
        });
      const hits = (
        await connect().all<StoredHit>('/screening/hits', { status: options.status }, limit)
      ).slice(0, limit);
      if (options.json) return printJson(hits);
      if (hits.length === 0) return print(`no ${options.status} hits`);
      for (const hit of hits) print(hitLine(hit));
    });

  review
    .command('show')
    .description("one hit with the engine's explanation, through the API")
    .argument('<hit>', 'hit id')
    .option('--json', 'machine-readable output')
    .action(async (hitId: string, options: { json?: boolean }) => {
      const found = await connect().get<StoredHit>(`/screening/hits/${encodeURIComponent(hitId)}`);
      if (options.json) return printJson(found);
      const hit = reviveBigints<StoredHit>(found, ['raisedAtUs', 'decidedAtUs']);
      print(hitLine(hit));
      print(`raised ${formatInstant(hit.raisedAtUs)} by request ${hit.requestId}`);
      if (hit.decidedBy !== null)
        print(
          `decided ${hit.status} by ${hit.decidedBy}${hit.decidedAtUs === null ? '' : ` at ${formatInstant(hit.decidedAtUs)}`}: ${hit.decisionReason ?? ''}`,
        );
      print(hit.explanation.text);
    });

  review
    .command('decide')
    .description(
      'record true_match or false_positive on an open hit, with a reason (not by the person who requested the screening), through the API',
    )
    .argument('<hit>', 'hit id')
    .requiredOption('--decision <decision>', 'true_match or false_positive')
    .requiredOption('--reason <text>', 'why: kept in the audit log')
    .option('--json')
    .action(
      async (hitId: string, options: { decision: string; reason: string; json?: boolean }) => {
        if (!['true_match', 'false_positive'].includes(options.decision))
          throw new DomainError(
            'screening.decision_invalid',
            `--decision: true_match or false_positive, not "${options.decision}"`,
            { field: 'decision' },
          );
        const answer = await connect().post<{
          hit: StoredHit;
          decision: { decision: string; decidedBy: string; decisionId: string };
        }>(`/screening/hits/${encodeURIComponent(hitId)}/decision`, {
          decision: options.decision,
          reason: options.reason,
        });
        if (options.json) return printJson(answer);
        const { hit, decision } = answer;
        print(
          `${hit.hitId} ${decision.decision} by ${decision.decidedBy} (remembered as ${decision.decisionId} for ${hit.partyId} and ${hit.source} ${hit.entryId} while the entry is unchanged)`,
        );
      },
    );
}

// A configuration diff for the terminal: one line per path, before → after.
import type { DiffEntry } from '../../core/programme/configuration-diff.js';
import type { ConfigurationProposalRecord } from '../../app/ports/configuration-proposal-port.js';

/** Long values (a whole party, a first programme version) are cut; `--json` shows them whole. */
export const diffValueCharsMax = 160;

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length <= diffValueCharsMax ? text : `${text.slice(0, diffValueCharsMax - 1)}…`;
}

export function diffLine(entry: DiffEntry): string {
  switch (entry.change) {
    case 'added':
      return `+ ${entry.path}: ${shown(entry.after)}`;
    case 'removed':
      return `- ${entry.path}: ${shown(entry.before)}`;
    case 'changed':
      return `~ ${entry.path}: ${shown(entry.before)} → ${shown(entry.after)}`;
    case 'reordered':
      return `↕ ${entry.path}: order ${shown(entry.after)}`;
  }
}

export function proposalLine(proposal: ConfigurationProposalRecord): string {
  const what =
    proposal.kind === 'programme_version'
      ? `programme ${proposal.programmeId} file ${proposal.subjectId}`
      : `waiver ${proposal.programmeId}/${proposal.subjectId}`;
  const decided = proposal.decision
    ? ` by ${proposal.decision.decidedBy}: ${proposal.decision.reason}`
    : '';
  const legal = proposal.touchesLegalBasis ? ' [legal basis: overseer only]' : '';
  return `${proposal.proposalId.padEnd(7)} ${proposal.status.padEnd(9)} ${what}, proposed by ${proposal.proposedBy}${legal}${decided}`;
}

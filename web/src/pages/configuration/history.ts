// Shared by the configuration pages: instants in microseconds as dates, pending proposals of a kind.
import { useQuery } from '@tanstack/react-query';
import type { IntlShape } from 'react-intl';
import { api, unwrap } from '../../api/client';
import { useWorkQueues } from '../../components/Layout';

export function dateTimeOfUs(intl: IntlShape, atUs: string | null | undefined): string {
  if (!atUs) return '';
  return intl.formatDate(Number(BigInt(atUs) / 1000n), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
}

export function isoOfUs(atUs: string): string {
  return new Date(Number(BigInt(atUs) / 1000n)).toISOString();
}

/**
 * The programme's proposals of one kind still waiting for a second person: those this person may
 * decide (from the work queues, with their difference) and the others, shown as waiting.
 */
export function usePendingProposals(programmeId: string, kind: 'programme_version' | 'waiver') {
  const queues = useWorkQueues();
  const pending = useQuery({
    queryKey: ['configuration-proposals', programmeId, 'proposed'],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/configuration-proposals', {
          params: { path: { programmeId }, query: { status: 'proposed', limit: 200 } },
        }),
      ),
  });
  const decidable = (queues.data?.configurationProposals ?? []).filter(
    (proposal) => proposal.programmeId === programmeId && proposal.kind === kind,
  );
  const decidableIds = new Set(decidable.map((proposal) => proposal.proposalId));
  const waiting = (pending.data?.items ?? []).filter(
    (proposal) => proposal.kind === kind && !decidableIds.has(proposal.proposalId),
  );
  return { decidable, waiting, error: queues.error ?? pending.error };
}

// The configuration changes of one kind that wait for a second person: the ones the reader may
// decide, with the decision form, and the ones that wait for someone else. Shared by the
// versions and waivers pages, which list the same proposals under their own heading id.
import { FormattedMessage } from 'react-intl';
import { ConfigurationDecision } from '../../components/ConfigurationDecision';
import { Code, Name } from '../../components/text';
import type { usePendingProposals } from './history';

export function PendingProposals({
  pending,
  headingId,
}: {
  pending: ReturnType<typeof usePendingProposals>;
  headingId: string;
}) {
  if (pending.decidable.length === 0 && pending.waiting.length === 0) return null;
  return (
    <section className="queue" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="history.pending" />
      </h2>
      {pending.decidable.map((proposal) => (
        <ConfigurationDecision key={proposal.proposalId} proposal={proposal} />
      ))}
      {pending.waiting.length > 0 && (
        <ul>
          {pending.waiting.map((proposal) => (
            <li key={proposal.proposalId}>
              <Code>{proposal.proposalId}</Code> · <Code>{proposal.subjectId}</Code> ·{' '}
              <FormattedMessage
                id="work.proposedBy"
                values={{ user: <Name text={proposal.proposedBy} /> }}
              />{' '}
              · <FormattedMessage id="history.waitingForOther" />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

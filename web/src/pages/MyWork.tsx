// What waits for the signed-in person, queue by queue, exactly as the server's rules allow.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useWorkQueues } from '../components/Layout';
import { ProblemAlert } from '../components/problem';
import { ConfigurationDecision } from '../components/ConfigurationDecision';
import { Amount, Code, Name } from '../components/text';

const queueNames = [
  'to_submit',
  'to_screen',
  'to_approve',
  'to_reserve',
  'to_instruct',
  'to_reconcile',
] as const;

export function MyWork() {
  const intl = useIntl();
  const queues = useWorkQueues();
  if (queues.error) return <ProblemAlert error={queues.error} />;
  if (!queues.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const data = queues.data;
  const nothing = Object.values(data.counts).every((count) => count === 0);
  return (
    <section aria-labelledby="work-title">
      <h1 id="work-title">
        <FormattedMessage id="work.title" />
      </h1>
      {nothing && (
        <p>
          <FormattedMessage id="work.empty" />
        </p>
      )}
      {queueNames
        .filter((name) => data.disbursements[name].length > 0)
        .map((name) => (
          <section key={name} className="queue" aria-labelledby={`queue-${name}`}>
            <h2 id={`queue-${name}`}>
              <FormattedMessage id={`work.queue.${name}`} />{' '}
              <span className="badge">{intl.formatNumber(data.disbursements[name].length)}</span>
            </h2>
            <ul>
              {data.disbursements[name].map((item) => (
                <li key={item.disbursementId}>
                  <Link to={`/disbursements/${encodeURIComponent(item.disbursementId)}`}>
                    <Code>{item.disbursementId}</Code>
                  </Link>
                  {' · '}
                  <Name text={item.payeePartyId} />
                  {' · '}
                  <Amount minor={item.amountMinor} currency={item.currency} />
                  {' · '}
                  <FormattedMessage id={`status.${item.status}`} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      {data.hitsToReview.length > 0 && (
        <section className="queue" aria-labelledby="queue-hits">
          <h2 id="queue-hits">
            <FormattedMessage id="work.hits" />{' '}
            <span className="badge">{intl.formatNumber(data.hitsToReview.length)}</span>
          </h2>
          <ul>
            {data.hitsToReview.map((hit) => (
              <li key={hit.hitId}>
                <Link to={`/screening/${encodeURIComponent(hit.hitId)}`}>
                  <Name text={hit.partyId} />
                </Link>{' '}
                · {intl.formatNumber(hit.score, { maximumFractionDigits: 3 })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.configurationProposals.length > 0 && (
        <section className="queue" aria-labelledby="queue-configuration">
          <h2 id="queue-configuration">
            <FormattedMessage id="work.configuration" />{' '}
            <span className="badge">{intl.formatNumber(data.configurationProposals.length)}</span>
          </h2>
          {data.configurationProposals.map((proposal) => (
            <ConfigurationDecision key={proposal.proposalId} proposal={proposal} />
          ))}
        </section>
      )}
    </section>
  );
}

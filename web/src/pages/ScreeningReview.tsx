// The review queue and one hit: the party's name beside the listed entry's, the score and the
// engine's explanation token by token, and a decision with a required reason.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { Code, Name } from '../components/text';

interface Explanation {
  matchedName?: string;
  tokens?: { query: string; listed: string; method: string; similarity: number }[];
  unmatchedQuery?: { token: string }[];
  unmatchedListed?: { token: string }[];
  penalties?: string[];
  evidence?: unknown[];
  text?: string;
}
const methodIds = [
  'exact',
  'phonetic-variant',
  'spelling-distance',
  'transliteration',
  'arabic-spelling',
  'translation',
];

function HitDetail({ hitId }: { hitId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const review = useQuery({
    queryKey: ['hit', hitId],
    queryFn: () =>
      unwrap(api.GET('/screening/hits/{hitId}/review', { params: { path: { hitId } } })),
  });
  const [decision, setDecision] = useState<'true_match' | 'false_positive' | ''>('');
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const decide = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/screening/hits/{hitId}/decision', {
          params: { path: { hitId }, header: { 'idempotency-key': key.current } },
          body: { decision: decision as 'true_match', reason },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await queryClient.invalidateQueries();
    },
  });
  if (review.error) return <ProblemAlert error={review.error} />;
  if (!review.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const data = review.data.hit as typeof review.data.hit & { explanation?: Explanation };
  const entry = review.data.entry;
  const list = (values: readonly string[] | undefined) =>
    values && values.length > 0 ? (
      values.map((value, index) => (
        <span key={index}>
          {index > 0 ? ' · ' : ''}
          <bdi dir="auto">{value}</bdi>
        </span>
      ))
    ) : (
      <FormattedMessage id="common.none" />
    );
  const explanation = data.explanation ?? {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (decide.isPending || decision === '') return;
    decide.mutate();
  };
  return (
    <article aria-labelledby="hit-title" className="hit">
      <h2 id="hit-title">
        <Code>{data.hitId}</Code>
      </h2>
      <div className="side-by-side">
        <div>
          <h3>
            <FormattedMessage id="screening.party" />
          </h3>
          <p className="big-name">
            <Name text={data.queryName ?? data.partyId} />
          </p>
          <p className="muted">
            <Code>{data.partyId}</Code>
          </p>
        </div>
        <div>
          <h3>
            <FormattedMessage id="screening.listed" />
          </h3>
          <p className="big-name">
            <Name text={data.matchedName ?? ''} />
          </p>
          <p className="muted">
            <FormattedMessage id="screening.list" />:{' '}
            <Code>{`${data.source ?? ''} ${data.entryId ?? ''}`}</Code>
          </p>
        </div>
      </div>
      <p>
        <FormattedMessage id="screening.score" />:{' '}
        <strong>{intl.formatNumber(data.score, { maximumFractionDigits: 3 })}</strong> ·{' '}
        <FormattedMessage id="screening.status" />:{' '}
        <FormattedMessage id={`hitStatus.${data.status}`} />
      </p>
      {data.requestedBy && (
        <p className="muted">
          <FormattedMessage
            id="screening.requestedBy"
            values={{ user: <Name text={data.requestedBy} /> }}
          />
        </p>
      )}
      <h3>
        <FormattedMessage id="screening.explanation" />
      </h3>
      <ul className="tokens">
        {(explanation.tokens ?? []).map((token, index) => (
          <li key={index}>
            <FormattedMessage
              id="screening.token"
              values={{
                query: <Name text={token.query} />,
                listed: <Name text={token.listed} />,
                how: `${methodIds.includes(token.method) ? token.method : token.method} ${intl.formatNumber(token.similarity, { style: 'percent' })}`,
              }}
            />
          </li>
        ))}
      </ul>
      {explanation.text && (
        <p className="explanation">
          <bdi dir="ltr">{explanation.text}</bdi>
        </p>
      )}
      {entry && (
        <section aria-labelledby="entry-title">
          <h3 id="entry-title">
            <FormattedMessage id="screening.entry" />
          </h3>
          <dl className="summary">
            <dt>
              <FormattedMessage id="screening.names" />
            </dt>
            <dd>{list(entry.names.map((name) => name.text))}</dd>
            <dt>
              <FormattedMessage id="screening.birthDates" />
            </dt>
            <dd>{list(entry.birthDates)}</dd>
            <dt>
              <FormattedMessage id="screening.nationalities" />
            </dt>
            <dd>{list(entry.nationalities)}</dd>
            <dt>
              <FormattedMessage id="screening.programmes" />
            </dt>
            <dd>{list(entry.programmes)}</dd>
            {entry.remarks && (
              <>
                <dt>
                  <FormattedMessage id="screening.remarks" />
                </dt>
                <dd>
                  <bdi dir="auto">{entry.remarks}</bdi>
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      <h3>
        <FormattedMessage id="screening.earlier" />
      </h3>
      {review.data.earlierDecisions.length === 0 ? (
        <p>
          <FormattedMessage id="screening.noEarlier" />
        </p>
      ) : (
        <ul>
          {review.data.earlierDecisions.map((decision) => (
            <li key={decision.decisionId}>
              <FormattedMessage
                id="screening.earlierItem"
                values={{
                  decision: <Code>{decision.decision}</Code>,
                  entry: <Code>{`${decision.source} ${decision.entryId}`}</Code>,
                  user: <Name text={decision.decidedBy} />,
                  reason: <bdi dir="auto">{decision.reason}</bdi>,
                }}
              />
            </li>
          ))}
        </ul>
      )}
      {data.status === 'open' && (
        <form onSubmit={submit} aria-labelledby="decide-title" className="action-form">
          <h3 id="decide-title">
            <FormattedMessage id="screening.decision" />
          </h3>
          <fieldset>
            <legend className="visually-hidden">
              <FormattedMessage id="screening.decision" />
            </legend>
            {(['false_positive', 'true_match'] as const).map((value) => (
              <label key={value} className="radio">
                <input
                  type="radio"
                  name="decision"
                  value={value}
                  required
                  checked={decision === value}
                  onChange={() => setDecision(value)}
                />{' '}
                <FormattedMessage id={`screening.${value}`} />
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="decision-reason">
              <FormattedMessage id="common.reason" />
            </label>
            <textarea
              id="decision-reason"
              dir="auto"
              required
              minLength={20}
              maxLength={2000}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby="decision-reason-help decision-reason-error"
            />
            <p id="decision-reason-help" className="help">
              <FormattedMessage id="common.reasonHelp" />
            </p>
            <FieldError id="decision-reason-error" message={fieldProblem(decide.error, 'reason')} />
          </div>
          <ProblemAlert error={decide.error} shownAtFields={['reason']} />
          <button type="submit" disabled={decide.isPending || decision === ''}>
            {intl.formatMessage({ id: 'screening.decide' })}
          </button>
        </form>
      )}
      {decide.isSuccess && (
        <p className="notice" role="status">
          <FormattedMessage id="screening.decided" />
        </p>
      )}
    </article>
  );
}

export function ScreeningReview() {
  const intl = useIntl();
  const { hitId } = useParams();
  const hits = useQuery({
    queryKey: ['hits', 'open'],
    queryFn: () =>
      unwrap(api.GET('/screening/hits', { params: { query: { status: 'open', limit: 200 } } })),
  });
  return (
    <section aria-labelledby="screening-title" className="screening">
      <h1 id="screening-title">
        <FormattedMessage id="screening.title" />
      </h1>
      <ProblemAlert error={hits.error} />
      <div className="master-detail">
        <nav aria-labelledby="screening-title">
          {hits.data && hits.data.items.length === 0 && (
            <p>
              <FormattedMessage id="screening.none" />
            </p>
          )}
          <ul>
            {(hits.data?.items ?? []).map((hit) => (
              <li key={hit.hitId} aria-current={hit.hitId === hitId ? 'page' : undefined}>
                <Link to={`/screening/${encodeURIComponent(hit.hitId)}`}>
                  <Name text={String((hit as { queryName?: string }).queryName ?? hit.partyId)} />
                </Link>{' '}
                · {intl.formatNumber(hit.score, { maximumFractionDigits: 3 })}
              </li>
            ))}
          </ul>
        </nav>
        {hitId && <HitDetail key={hitId} hitId={hitId} />}
      </div>
    </section>
  );
}

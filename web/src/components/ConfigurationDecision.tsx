// A configuration proposal waiting for a second person: the difference it would make, as JSON
// paths with before and after, and approve or reject with a reason (POST /configuration-proposals/…).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { FieldError, fieldProblem, ProblemAlert } from './problem';
import { Code, Name } from './text';

type Proposal = components['schemas']['WorkQueues']['configurationProposals'][number];

export function ConfigurationDecision({ proposal }: { proposal: Proposal }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [decided, setDecided] = useState<string>();
  const key = useRef(newIdempotencyKey());
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      unwrap(
        api.POST(
          `/configuration-proposals/{proposalId}/${decision}` as '/configuration-proposals/{proposalId}/approve',
          {
            params: {
              path: { proposalId: proposal.proposalId },
              header: { 'idempotency-key': key.current },
            },
            body: { reason },
          },
        ),
      ),
    onSuccess: async (_answer, decision) => {
      key.current = newIdempotencyKey();
      setDecided(
        intl.formatMessage({
          id: decision === 'approve' ? 'work.approveChange' : 'work.rejectChange',
        }),
      );
      await queryClient.invalidateQueries();
    },
  });
  const id = `proposal-${proposal.proposalId}`;
  const submit = (decision: 'approve' | 'reject') => (event: FormEvent) => {
    event.preventDefault();
    if (decide.isPending) return;
    decide.mutate(decision);
  };
  return (
    <article className="proposal" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <Code>{proposal.proposalId}</Code> · <Code>{proposal.kind}</Code>{' '}
        <Name text={proposal.subjectId} /> ·{' '}
        <FormattedMessage
          id="work.proposedBy"
          values={{ user: <Name text={proposal.proposedBy} /> }}
        />
      </h3>
      <p>
        <FormattedMessage id="work.proposalReason" />: <bdi dir="auto">{proposal.reason}</bdi>
      </p>
      {proposal.stale && (
        <p className="alert">
          <FormattedMessage id="work.stale" />
        </p>
      )}
      <h4>
        <FormattedMessage id="work.changes" />
      </h4>
      <ul className="diff" dir="ltr">
        {proposal.changes.map((change, index) => (
          <li key={index} className={`diff-${change.change}`}>
            <code>
              {(
                { added: '+', removed: '-', changed: '~', reordered: '↕' } as Record<string, string>
              )[change.change] ?? '?'}{' '}
              {change.path}: {change.before ?? ''}
              {change.before !== undefined && change.after !== undefined ? ' → ' : ''}
              {change.after ?? ''}
            </code>
          </li>
        ))}
      </ul>
      {decided ? (
        <p className="notice" role="status">
          <FormattedMessage id="work.decided" values={{ status: decided }} />
        </p>
      ) : (
        <form className="action-form" onSubmit={submit('approve')}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>
              <FormattedMessage id="common.reason" />
            </label>
            <textarea
              id={`${id}-reason`}
              dir="auto"
              required
              minLength={20}
              maxLength={2000}
              rows={2}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-describedby={`${id}-reason-error`}
            />
            <FieldError id={`${id}-reason-error`} message={fieldProblem(decide.error, 'reason')} />
          </div>
          <ProblemAlert error={decide.error} shownAtFields={['reason']} />
          <div className="action-buttons">
            <button
              type="submit"
              disabled={decide.isPending || proposal.stale}
              data-decision="approve"
            >
              {intl.formatMessage({ id: 'work.approveChange' })}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={decide.isPending}
              onClick={submit('reject')}
              data-decision="reject"
            >
              {intl.formatMessage({ id: 'work.rejectChange' })}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

// One disbursement: the request, every rule checked with its result, documents (download, hash,
// attach), screening hits, approvals, overrides, the audit trail, and the allowed actions.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { api, ApiProblem, newIdempotencyKey, unwrap } from '../api/client';
import { ActionPanel } from '../components/ActionPanel';
import { ProblemAlert } from '../components/problem';
import { Amount, Code, Name, PartyLabel } from '../components/text';
import { channelLabel } from '../i18n/labels';
import { problemText } from '../i18n/problem-text';

function csrf(): string {
  return decodeURIComponent(
    document.cookie
      .split('; ')
      .find((pair) => pair.startsWith('qanat_csrf='))
      ?.slice('qanat_csrf='.length) ?? '',
  );
}

function AttachForm({ disbursementId }: { disbursementId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const file = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    if (busy || !chosen) return;
    setBusy(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', chosen);
      const response = await fetch(
        `/disbursements/${encodeURIComponent(disbursementId)}/documents`,
        {
          method: 'POST',
          body: form,
          credentials: 'same-origin',
          headers: { 'x-csrf-token': csrf(), 'idempotency-key': newIdempotencyKey() },
        },
      );
      if (!response.ok) throw new ApiProblem(await response.json());
      setKind('');
      if (file.current) file.current.value = '';
      await queryClient.invalidateQueries({ queryKey: ['workspace', disbursementId] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="attach" onSubmit={submit} aria-labelledby="attach-title">
      <h3 id="attach-title">
        <FormattedMessage id="detail.attach" />
      </h3>
      <div className="field">
        <label htmlFor="attach-kind">
          <FormattedMessage id="detail.attachKind" />
        </label>
        <input
          id="attach-kind"
          dir="ltr"
          required
          value={kind}
          onChange={(event) => setKind(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="attach-file">
          <FormattedMessage id="detail.attachFile" />
        </label>
        <input id="attach-file" type="file" required ref={file} />
      </div>
      <ProblemAlert error={error} />
      <button type="submit" disabled={busy}>
        {intl.formatMessage({ id: 'detail.attachSubmit' })}
      </button>
    </form>
  );
}

export function DisbursementDetail() {
  const intl = useIntl();
  const { disbursementId = '' } = useParams();
  const workspace = useQuery({
    queryKey: ['workspace', disbursementId],
    queryFn: () =>
      unwrap(
        api.GET('/disbursements/{disbursementId}/workspace', {
          params: { path: { disbursementId } },
        }),
      ),
  });
  if (workspace.error) return <ProblemAlert error={workspace.error} />;
  if (!workspace.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const data = workspace.data;
  const record = data.disbursement;
  const state = record.state as {
    requestedBy: string;
    approvals?: { userId: string; at: string }[];
    overrides?: { findingKey: string; userId: string; reason: string }[];
    requirement?: { approvalsRequired: number; overseerNonObjectionRequired: boolean };
    overseerNonObjection?: { userId: string; reference: string };
  };
  const request = record.request as {
    payeePartyId: string;
    amountMinor: string;
    currency: string;
    valueDate?: string;
    purpose?: string;
  };
  const dateTime = (atUs: string) =>
    intl.formatDate(Number(BigInt(atUs) / 1000n), {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: data.timeZone,
    });
  // the arrow points the way the line reads
  const arrow = intl.locale.startsWith('ar') ? '←' : '→';
  const canAttach =
    ['draft', 'submitted', 'screening', 'compliance_review', 'approval'].includes(record.status) &&
    data.actions.some((option) => option.action === 'submit' || option.action === 'cancel');
  return (
    <article aria-labelledby="detail-title">
      <h1 id="detail-title">
        <FormattedMessage id="detail.title" values={{ id: <Code>{record.disbursementId}</Code> }} />
      </h1>
      <dl className="summary">
        <dt>
          <FormattedMessage id="detail.status" />
        </dt>
        <dd>
          <span
            className={`status status-${record.status}`}
            data-testid="status"
            data-status={record.status}
          >
            <FormattedMessage id={`status.${record.status}`} />
          </span>
        </dd>
        <dt>
          <FormattedMessage id="detail.payee" />
        </dt>
        <dd>
          <PartyLabel names={data.payeeNames} fallback={request.payeePartyId} />{' '}
          <span className="muted">
            (<Code>{request.payeePartyId}</Code>)
          </span>
        </dd>
        <dt>
          <FormattedMessage id="detail.channel" />
        </dt>
        <dd>
          <bdi>{channelLabel(intl, record.channelId, data.channelName)}</bdi>
        </dd>
        <dt>
          <FormattedMessage id="detail.amount" />
        </dt>
        <dd>
          <Amount minor={request.amountMinor} currency={request.currency} />
        </dd>
        {request.valueDate && (
          <>
            <dt>
              <FormattedMessage id="detail.valueDate" />
            </dt>
            <dd>
              {intl.formatDate(`${request.valueDate}T12:00:00Z`, {
                dateStyle: 'long',
                timeZone: 'UTC',
              })}
            </dd>
          </>
        )}
        {request.purpose && (
          <>
            <dt>
              <FormattedMessage id="detail.purpose" />
            </dt>
            <dd>
              <bdi dir="auto">{request.purpose}</bdi>
            </dd>
          </>
        )}
        <dt>
          <FormattedMessage id="detail.requestedBy" />
        </dt>
        <dd>
          <Name text={state.requestedBy} />
        </dd>
        <dt>
          <FormattedMessage id="detail.waiver" />
        </dt>
        <dd>
          {data.coveringWaiverId ? (
            <Code>{data.coveringWaiverId}</Code>
          ) : (
            <FormattedMessage id="dashboard.lapsed" />
          )}
        </dd>
      </dl>
      <ActionPanel disbursementId={record.disbursementId} actions={data.actions} />
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">
          <FormattedMessage id="detail.rules" />
        </h2>
        {data.findings.length === 0 ? (
          <p className="ok">
            <FormattedMessage id="detail.rulesOk" />
          </p>
        ) : (
          <ul className="findings">
            {data.findings.map((finding, index) => (
              <li
                key={`${finding.code}-${index}`}
                className={`finding finding-${finding.severity}`}
              >
                <strong>
                  <FormattedMessage
                    id={finding.severity === 'violation' ? 'detail.violation' : 'detail.warning'}
                  />
                </strong>{' '}
                <Code>{finding.code}</Code>{' '}
                {problemText({ code: finding.code, detail: finding.message }, intl)}{' '}
                <bdi dir="ltr" lang="en" className="muted">
                  {finding.message}
                </bdi>
                {finding.overrideRequired === true && (
                  <>
                    {' '}
                    — <FormattedMessage id="detail.overrideRequired" />
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">
          <FormattedMessage id="detail.documents" />
        </h2>
        {data.documents.length === 0 ? (
          <p>
            <FormattedMessage id="detail.noDocuments" />
          </p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="detail.kind" />
                </th>
                <th scope="col">
                  <FormattedMessage id="detail.sha256" />
                </th>
                <th scope="col">
                  <FormattedMessage id="detail.attachedBy" />
                </th>
                <th scope="col">
                  <span className="visually-hidden">
                    <FormattedMessage id="detail.download" />
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.documents.map((document) => (
                <tr key={document.sha256}>
                  <td>
                    <Code>{document.kind}</Code>
                  </td>
                  <td className="hash">
                    <Code>{document.sha256}</Code>
                  </td>
                  <td>
                    <Name text={document.attachedBy} />
                  </td>
                  <td>
                    <a href={`/documents/${document.sha256}`} download>
                      <FormattedMessage id="detail.download" />
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {canAttach && <AttachForm disbursementId={record.disbursementId} />}
      </section>
      <section aria-labelledby="screening-title">
        <h2 id="screening-title">
          <FormattedMessage id="detail.screening" />
        </h2>
        {data.hits.length === 0 ? (
          <p>
            <FormattedMessage id="detail.noHits" />
          </p>
        ) : (
          <ul>
            {data.hits.map((hit) => (
              <li key={hit.hitId}>
                <Name text={String(hit.queryName ?? hit.partyId)} /> ↔{' '}
                <Name text={String(hit.matchedName ?? '')} /> ·{' '}
                {intl.formatNumber(hit.score, { maximumFractionDigits: 3 })} ·{' '}
                <FormattedMessage id={`hitStatus.${hit.status}`} />{' '}
                {hit.status === 'open' && (
                  <Link to={`/screening/${encodeURIComponent(hit.hitId)}`}>
                    <FormattedMessage id="detail.review" />
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="approvals-title">
        <h2 id="approvals-title">
          <FormattedMessage id="detail.approvals" />
        </h2>
        {state.requirement && (
          <p>
            <FormattedMessage
              id="detail.approvalsCount"
              values={{
                count: state.approvals?.length ?? 0,
                required: state.requirement.approvalsRequired,
              }}
            />
          </p>
        )}
        <ul>
          {(state.approvals ?? []).map((approval) => (
            <li key={approval.userId}>
              <Name text={approval.userId} /> ·{' '}
              {intl.formatDate(approval.at, {
                dateStyle: 'medium',
                timeStyle: 'short',
                timeZone: data.timeZone,
              })}
            </li>
          ))}
        </ul>
        {state.requirement?.overseerNonObjectionRequired && !state.overseerNonObjection && (
          <p>
            <FormattedMessage id="detail.nonObjection" />
          </p>
        )}
        {state.overseerNonObjection && (
          <p>
            <FormattedMessage
              id="detail.nonObjectionDone"
              values={{
                user: <Name text={state.overseerNonObjection.userId} />,
                reference: <Code>{state.overseerNonObjection.reference}</Code>,
              }}
            />
          </p>
        )}
        {(state.overrides ?? []).length > 0 && (
          <>
            <h3>
              <FormattedMessage id="detail.overrides" />
            </h3>
            <ul>
              {state.overrides!.map((override) => (
                <li key={override.findingKey}>
                  <Code>{override.findingKey}</Code> · <Name text={override.userId} /> ·{' '}
                  <bdi dir="auto">{override.reason}</bdi>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">
          <FormattedMessage id="detail.audit" />
        </h2>
        <ol className="audit">
          {data.auditTrail.map((entry) => (
            <li key={entry.seq}>
              <time dateTime={new Date(Number(BigInt(entry.atUs) / 1000n)).toISOString()}>
                {dateTime(entry.atUs)}
              </time>{' '}
              <FormattedMessage
                id="detail.auditEntry"
                values={{ kind: <Code>{entry.kind}</Code>, actor: <Name text={entry.actor} /> }}
              />
              {entry.from && entry.to && (
                <>
                  {' '}
                  · <FormattedMessage id={`status.${entry.from}`} /> {arrow}{' '}
                  <FormattedMessage id={`status.${entry.to}`} />
                </>
              )}
              {entry.reason && (
                <>
                  {' '}
                  · <bdi dir="auto">{entry.reason}</bdi>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

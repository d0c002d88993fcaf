// The audit page: the verification of every hash chain, signature, transfer digest and balance
// (GET /audit/verification, run on opening and on request), the signed checkpoints an overseer
// keeps copies of (and a new one signed, with a reason), and the overseer report for a period as JSON, CSV or PDF in either language.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { mayCall } from '../access';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { Code } from '../components/text';
import { useSession } from '../session';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function Verification() {
  const intl = useIntl();
  const verification = useQuery({
    queryKey: ['audit-verification'],
    queryFn: () => unwrap(api.GET('/audit/verification')),
    staleTime: Infinity,
  });
  const result = verification.data;
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">
        <FormattedMessage id="audit.verification" />
      </h2>
      <ProblemAlert error={verification.error} />
      <div role="status" aria-live="polite">
        {verification.isFetching && (
          <p>
            <FormattedMessage id="audit.verifying" />
          </p>
        )}
        {result && !verification.isFetching && (
          <p
            className={result.ok ? 'notice' : 'alert'}
            data-testid="verification"
            data-ok={String(result.ok)}
          >
            <strong>
              <FormattedMessage
                id={result.ok ? 'audit.intact' : 'audit.broken'}
                values={{ count: result.problemCount }}
              />
            </strong>
          </p>
        )}
      </div>
      {result && (
        <dl className="summary">
          <dt>
            <FormattedMessage id="audit.events" />
          </dt>
          <dd>{intl.formatNumber(BigInt(result.eventsChecked))}</dd>
          <dt>
            <FormattedMessage id="audit.chains" />
          </dt>
          <dd>{intl.formatNumber(result.chainsChecked)}</dd>
          <dt>
            <FormattedMessage id="audit.checkpointsChecked" />
          </dt>
          <dd>{intl.formatNumber(result.checkpointsChecked)}</dd>
          <dt>
            <FormattedMessage id="audit.transfers" />
          </dt>
          <dd>{intl.formatNumber(BigInt(result.transfersChecked))}</dd>
          {result.firstProblem && (
            <>
              <dt>
                <FormattedMessage id="audit.firstProblem" />
              </dt>
              <dd>
                <bdi dir="ltr">
                  <code>{JSON.stringify(result.firstProblem)}</code>
                </bdi>
              </dd>
            </>
          )}
        </dl>
      )}
      <p>
        <button
          type="button"
          className="secondary"
          disabled={verification.isFetching}
          onClick={() => void verification.refetch()}
        >
          <FormattedMessage id="audit.runAgain" />
        </button>
      </p>
    </section>
  );
}

function SignCheckpoint() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const sign = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/audit/checkpoints', {
          params: { header: { 'idempotency-key': key.current } },
          body: { reason, full: false },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['audit-checkpoints'] });
      await queryClient.invalidateQueries({ queryKey: ['audit-verification'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sign.isPending) return;
    sign.mutate();
  };
  const reasonError = fieldProblem(sign.error, 'reason');
  return (
    <form className="action-form sign-checkpoint" onSubmit={submit} aria-labelledby="sign-title">
      <h3 id="sign-title">
        <FormattedMessage id="audit.sign" />
      </h3>
      <p className="help">
        <FormattedMessage id="audit.signHelp" />
      </p>
      <div className="field">
        <label htmlFor="sign-reason">
          <FormattedMessage id="common.reason" />
        </label>
        <textarea
          id="sign-reason"
          dir="auto"
          required
          minLength={20}
          maxLength={2000}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby="sign-reason-help sign-reason-error"
        />
        <p id="sign-reason-help" className="help">
          <FormattedMessage id="common.reasonHelp" />
        </p>
        <FieldError id="sign-reason-error" message={reasonError} />
      </div>
      <ProblemAlert error={sign.error} shownAtFields={['reason']} />
      <button type="submit" disabled={sign.isPending} aria-busy={sign.isPending}>
        <FormattedMessage id="audit.signSubmit" />
      </button>
      <div role="status">
        {sign.isSuccess && (
          <p className="notice">
            <FormattedMessage id="audit.signed" />
          </p>
        )}
      </div>
    </form>
  );
}

function Checkpoints({ maySign }: { maySign: boolean }) {
  const intl = useIntl();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    queryKey: ['audit-checkpoints', cursor],
    queryFn: () =>
      unwrap(
        api.GET('/audit/checkpoints', {
          params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });
  const items = list.data?.items ?? [];
  const next = list.data?.nextCursor;
  return (
    <section aria-labelledby="checkpoints-title">
      <h2 id="checkpoints-title">
        <FormattedMessage id="audit.checkpoints" />
      </h2>
      <ProblemAlert error={list.error} />
      {list.data && items.length === 0 && (
        <p>
          <FormattedMessage id="audit.noCheckpoints" />
        </p>
      )}
      {items.length > 0 && (
        <table data-testid="checkpoints">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="audit.signedAt" />
              </th>
              <th scope="col" className="number">
                <FormattedMessage id="audit.eventCount" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.key" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.hash" />
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((checkpoint) => (
              <tr key={checkpoint.hash}>
                <td>
                  {intl.formatDate(Number(BigInt(checkpoint.atUs) / 1000n), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                    timeZone: 'UTC',
                  })}
                </td>
                <td className="number">{intl.formatNumber(BigInt(checkpoint.eventCount))}</td>
                <td>
                  <Code>{checkpoint.keyId}</Code>
                </td>
                <td className="hash">
                  <Code>{checkpoint.hash}</Code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(cursors.length > 1 || next) && (
        <nav className="pager" aria-label={intl.formatMessage({ id: 'audit.checkpoints' })}>
          <button
            type="button"
            className="secondary"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            <FormattedMessage id="moneyIn.previous" />
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!next}
            onClick={() => next && setCursors([...cursors, next])}
          >
            <FormattedMessage id="moneyIn.next" />
          </button>
        </nav>
      )}
      {maySign && <SignCheckpoint />}
    </section>
  );
}

/** The report's address for a period, format and heading language (a plain GET: the cookie carries the session). */
export function reportHref(
  programmeId: string,
  from: string,
  to: string,
  format: 'json' | 'csv' | 'pdf',
  lang: 'en' | 'ar',
): string {
  const query = new URLSearchParams({ from, to, format, lang });
  return `/programmes/${encodeURIComponent(programmeId)}/reports/overseer?${query.toString()}`;
}

function Reports({ programmeId }: { programmeId: string }) {
  const intl = useIntl();
  // the period defaults to the programme's year so far, by the server's day (not the browser's)
  const dashboard = useQuery({
    queryKey: ['dashboard', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}/dashboard', { params: { path: { programmeId } } })),
  });
  const today = dashboard.data?.today ?? isoDay(new Date());
  const [pickedFrom, setFrom] = useState<string>();
  const [pickedTo, setTo] = useState<string>();
  const from = pickedFrom ?? `${today.slice(0, 4)}-01-01`;
  const to = pickedTo ?? today;
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">
        <FormattedMessage id="audit.reports" />
      </h2>
      <div className="row period">
        <div className="field">
          <label htmlFor="report-from">
            <FormattedMessage id="audit.from" />
          </label>
          <input
            id="report-from"
            type="date"
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-to">
            <FormattedMessage id="audit.to" />
          </label>
          <input
            id="report-to"
            type="date"
            required
            value={to}
            onChange={(event) => setTo(event.target.value)}
            aria-invalid={valid ? undefined : true}
            aria-describedby="report-period-error"
          />
        </div>
      </div>
      {!valid && (
        <p id="report-period-error" className="field-error" role="alert">
          <FormattedMessage id="audit.badPeriod" />
        </p>
      )}
      {valid && (
        <table className="downloads">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="audit.format" />
              </th>
              <th scope="col" colSpan={2}>
                <FormattedMessage id="audit.downloads" />
              </th>
            </tr>
          </thead>
          <tbody>
            {(['pdf', 'csv', 'json'] as const).map((format) => (
              <tr key={format}>
                <th scope="row">
                  <FormattedMessage id={`audit.format.${format}`} />
                </th>
                {/* only the PDF's headings have a language; CSV and JSON are the same in both */}
                {(format === 'pdf' ? (['en', 'ar'] as const) : (['en'] as const)).map((lang) => (
                  <td key={lang} colSpan={format === 'pdf' ? 1 : 2}>
                    <a
                      href={reportHref(programmeId, from, to, format, lang)}
                      download
                      data-format={format}
                      data-lang={lang}
                    >
                      {format === 'pdf'
                        ? intl.formatMessage(
                            { id: 'audit.download' },
                            {
                              format: 'PDF',
                              language: intl.formatMessage({ id: `audit.lang.${lang}` }),
                            },
                          )
                        : intl.formatMessage(
                            { id: 'audit.downloadPlain' },
                            { format: format.toUpperCase() },
                          )}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="help">
        <FormattedMessage id="audit.reportHelp" />
      </p>
    </section>
  );
}

export function Audit() {
  const { programmeId, roles } = useSession();
  return (
    <section aria-labelledby="audit-title" className="audit-page">
      <h1 id="audit-title">
        <FormattedMessage id="audit.title" />
      </h1>
      {mayCall(roles, 'verifyAudit') && <Verification />}
      {mayCall(roles, 'listCheckpoints') && (
        <Checkpoints maySign={mayCall(roles, 'createCheckpoint')} />
      )}
      {mayCall(roles, 'getOverseerReport') && <Reports programmeId={programmeId} />}
    </section>
  );
}

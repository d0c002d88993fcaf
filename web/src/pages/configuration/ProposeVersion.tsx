// Propose the programme's next version: the file in force as indented JSON to edit, a reason, and
// the server's validation. Each problem is listed at its field's path; choosing it puts the cursor
// on that field's line. A proposal takes effect only when a second person approves it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api, newIdempotencyKey, unwrap } from '../../api/client';
import { DiffList } from '../../components/DiffList';
import { jsonWithLines, lineOfPath, type JsonLines } from '../../components/json-lines';
import { FieldError, fieldProblem, problemOf, ProblemAlert } from '../../components/problem';
import { Code } from '../../components/text';
import { useSession } from '../../session';
import '../../history.css';

function selectLine(area: HTMLTextAreaElement, line: number): void {
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  // about one line of text per 1.45em: scroll the chosen line into the middle of the box
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 1) * lineHeight - area.clientHeight / 2);
}

export function ProposeVersion() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { programmeId } = useSession();
  const area = useRef<HTMLTextAreaElement>(null);
  const key = useRef(newIdempotencyKey());
  const [text, setText] = useState<string>();
  const [located, setLocated] = useState<JsonLines>();
  const [syntaxError, setSyntaxError] = useState<string>();
  const [reason, setReason] = useState('');
  const versions = useQuery({
    queryKey: ['programme-versions', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}/versions', { params: { path: { programmeId } } })),
  });
  const latestNo = versions.data?.items[0]?.versionNo;
  const latest = useQuery({
    queryKey: ['programme-version', programmeId, latestNo],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/versions/{versionNo}', {
          params: { path: { programmeId, versionNo: latestNo! } },
        }),
      ),
    enabled: latestNo !== undefined,
  });
  useEffect(() => {
    if (latest.data && text === undefined) setText(jsonWithLines(latest.data.programme).text);
  }, [latest.data, text]);
  const propose = useMutation({
    mutationFn: (programme: Record<string, unknown>) =>
      unwrap(
        api.POST('/configuration-proposals', {
          params: { header: { 'idempotency-key': key.current } },
          body: { programme, reason },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await queryClient.invalidateQueries();
    },
    // a refused proposal wrote nothing: the corrected one is a new intent with its own key
    onError: () => {
      key.current = newIdempotencyKey();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (propose.isPending || text === undefined) return;
    let programme: unknown;
    try {
      programme = JSON.parse(text);
    } catch (error) {
      setSyntaxError(String((error as Error).message));
      return;
    }
    setSyntaxError(undefined);
    if (programme === null || typeof programme !== 'object' || Array.isArray(programme)) {
      setSyntaxError(intl.formatMessage({ id: 'propose.notObject' }));
      return;
    }
    // the same data, re-indented, so every path the server names has a known line
    const lines = jsonWithLines(programme);
    setText(lines.text);
    setLocated(lines);
    propose.mutate(programme as Record<string, unknown>);
  };
  const problem = problemOf(propose.error);
  const issues =
    problem?.issues ??
    (problem?.field && problem.field !== 'reason' && problem.code === 'programme.invalid'
      ? [{ path: problem.field, message: problem.detail }]
      : []);
  const goTo = (path: string) => {
    const line = located ? lineOfPath(located, path) : undefined;
    if (line !== undefined && area.current) selectLine(area.current, line);
  };
  if (versions.error || latest.error)
    return <ProblemAlert error={versions.error ?? latest.error} />;
  if (text === undefined)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const answer = propose.data;
  return (
    <section aria-labelledby="propose-title" className="history-page">
      <p>
        <Link to="/versions">
          <FormattedMessage id="versions.back" />
        </Link>
      </p>
      <h1 id="propose-title">
        <FormattedMessage id="propose.title" />
      </h1>
      <p className="help">
        <FormattedMessage id="propose.help" values={{ versionNo: latestNo }} />
      </p>
      {answer && (
        <div className="notice" role="status">
          {answer.status === 'unchanged' ? (
            <FormattedMessage id="propose.unchanged" />
          ) : (
            <>
              <p>
                <FormattedMessage
                  id="propose.done"
                  values={{ proposal: <Code>{answer.proposal?.proposalId ?? ''}</Code> }}
                />
              </p>
              <DiffList entries={(answer.diff ?? []) as { path: string; change: string }[]} />
            </>
          )}
        </div>
      )}
      <form className="action-form propose-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="programme-file">
            <FormattedMessage id="propose.file" />
          </label>
          <textarea
            id="programme-file"
            ref={area}
            dir="ltr"
            spellCheck={false}
            rows={28}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={issues.length > 0 || syntaxError !== undefined}
            aria-describedby="programme-file-issues"
          />
          <div id="programme-file-issues">
            {syntaxError && (
              <p className="field-error" role="alert">
                <FormattedMessage id="propose.syntax" values={{ detail: syntaxError }} />
              </p>
            )}
            {issues.length > 0 && (
              <div className="field-error" role="alert">
                <p>
                  <FormattedMessage id="propose.issues" values={{ count: issues.length }} />
                </p>
                <ul className="issues">
                  {issues.map((issue, index) => (
                    <li key={index}>
                      <button type="button" className="link" onClick={() => goTo(issue.path)}>
                        <code dir="ltr">{issue.path}</code>
                      </button>
                      : <bdi dir="ltr">{issue.message}</bdi>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </div>
        <div className="field">
          <label htmlFor="propose-reason">
            <FormattedMessage id="common.reason" />
          </label>
          <textarea
            id="propose-reason"
            dir="auto"
            required
            minLength={20}
            maxLength={2000}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby="propose-reason-help propose-reason-error"
          />
          <p id="propose-reason-help" className="help">
            <FormattedMessage id="common.reasonHelp" />
          </p>
          <FieldError id="propose-reason-error" message={fieldProblem(propose.error, 'reason')} />
        </div>
        {issues.length === 0 && <ProblemAlert error={propose.error} shownAtFields={['reason']} />}
        <div className="action-buttons">
          <button type="submit" disabled={propose.isPending}>
            <FormattedMessage id="propose.submit" />
          </button>
        </div>
      </form>
    </section>
  );
}

// The sanctions lists as imported: every snapshot of OFAC, UN and EU with its content hash, date
// and counts, what each changed against the one before (entries added, removed, changed field by
// field), and for compliance a list upload whose import progress is followed until it ends.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { mayCall } from '../../access';
import { api, ApiProblem, newIdempotencyKey, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { DiffList } from '../../components/DiffList';
import { ProblemAlert } from '../../components/problem';
import { Code, Name } from '../../components/text';
import { useSession } from '../../session';
import { dateTimeOfUs } from './history';
import '../../history.css';

type Snapshot = components['schemas']['ListSnapshotSummary'];
const phases = ['queued', 'parsing', 'storing', 'done'] as const;

function csrf(): string {
  return decodeURIComponent(
    document.cookie
      .split('; ')
      .find((pair) => pair.startsWith('qanat_csrf='))
      ?.slice('qanat_csrf='.length) ?? '',
  );
}

function ListUpload() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const file = useRef<HTMLInputElement>(null);
  const key = useRef(newIdempotencyKey());
  const [reason, setReason] = useState('');
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const job = useQuery({
    queryKey: ['list-import', jobId],
    queryFn: () =>
      unwrap(api.GET('/screening/list-imports/{jobId}', { params: { path: { jobId: jobId! } } })),
    enabled: jobId !== undefined,
    refetchInterval: (query) =>
      query.state.data && ['done', 'failed'].includes(query.state.data.phase) ? false : 1_000,
  });
  const finished = job.data?.phase === 'done';
  useEffect(() => {
    // a finished import made new snapshots: the table above shows them
    if (finished) void queryClient.invalidateQueries({ queryKey: ['snapshot-history'] });
  }, [finished, jobId, queryClient]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = [...(file.current?.files ?? [])];
    if (busy || chosen.length === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.append('reason', reason.trim() || 'list refresh');
      for (const one of chosen) form.append('file', one);
      const response = await fetch('/screening/list-imports', {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
        headers: { 'x-csrf-token': csrf(), 'idempotency-key': key.current },
      });
      if (!response.ok) throw new ApiProblem(await response.json());
      setJobId(((await response.json()) as { jobId: string }).jobId);
    } catch (caught) {
      setError(caught);
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  };
  const phase = job.data?.phase;
  const reached = phase === 'failed' ? -1 : phases.indexOf(phase as (typeof phases)[number]);
  const result = job.data?.result as
    | {
        imported?: { snapshotId: string; added: number; removed: number; changed: number }[];
        unchanged?: string[];
      }
    | undefined;
  return (
    <form className="upload" onSubmit={submit} aria-labelledby="list-upload-title">
      <h2 id="list-upload-title">
        <FormattedMessage id="lists.upload" />
      </h2>
      <div className="row">
        <div className="field">
          <label htmlFor="list-file">
            <FormattedMessage id="lists.file" />
          </label>
          <input id="list-file" ref={file} type="file" multiple required />
        </div>
        <div className="field">
          <label htmlFor="list-reason">
            <FormattedMessage id="moneyIn.uploadReason" />
          </label>
          <input
            id="list-reason"
            dir="auto"
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </div>
      <button
        type="submit"
        disabled={busy || (jobId !== undefined && !['done', 'failed'].includes(phase ?? ''))}
      >
        {intl.formatMessage({ id: 'lists.uploadSubmit' })}
      </button>
      <ProblemAlert error={error ?? job.error} />
      {job.data && (
        <div role="status" className="progress">
          <ol className="phases">
            {phases.map((name, index) => (
              <li
                key={name}
                className={
                  index < reached || finished
                    ? 'phase-done'
                    : index === reached
                      ? 'phase-current'
                      : ''
                }
              >
                <FormattedMessage id={`lists.phase.${name}`} />
              </li>
            ))}
          </ol>
          {job.data.error && (
            <p className="alert">
              <FormattedMessage id="lists.failed" values={{ detail: job.data.error.detail }} />
            </p>
          )}
          {result?.imported?.map((snapshot) => (
            <p key={snapshot.snapshotId} className="notice">
              <FormattedMessage
                id="lists.imported"
                values={{
                  snapshot: <Code>{snapshot.snapshotId}</Code>,
                  added: snapshot.added,
                  removed: snapshot.removed,
                  changed: snapshot.changed,
                }}
              />
            </p>
          ))}
          {result?.unchanged?.map((id) => (
            <p key={id} className="muted">
              <FormattedMessage id="lists.unchanged" values={{ snapshot: <Code>{id}</Code> }} />
            </p>
          ))}
        </div>
      )}
    </form>
  );
}

type ChangeKind = 'added' | 'removed' | 'changed';
type ChangedEntry = components['schemas']['ChangedListEntry'];

const entryName = (entry: { primaryName: string; otherNames: readonly string[] }) => (
  <>
    <Name text={entry.primaryName} />
    {entry.otherNames.map((name) => (
      <span key={name}>
        {' '}
        · <Name text={name} />
      </span>
    ))}
  </>
);

/**
 * One kind of change: the preview the changes view sends (the first entries by id), and on
 * request every entry, a page of 200 at a time (a source's first snapshot adds them all).
 */
function ChangedEntries({
  snapshot,
  kind,
  preview,
  count,
}: {
  snapshot: Snapshot;
  kind: ChangeKind;
  preview: readonly ChangedEntry[];
  count: number;
}) {
  const [all, setAll] = useState(false);
  const pages = useInfiniteQuery({
    queryKey: ['snapshot-changed-entries', snapshot.snapshotId, kind],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/screening/snapshots/{source}/{version}/changes/{change}', {
          params: {
            path: { source: snapshot.source as 'un', version: snapshot.version, change: kind },
            query: { limit: 200, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: all,
  });
  // the first page is the preview again: fetch the second at once, so a click always shows more
  const { data, hasNextPage, isFetching, fetchNextPage } = pages;
  useEffect(() => {
    if (all && data?.pages.length === 1 && hasNextPage && !isFetching) void fetchNextPage();
  }, [all, data, hasNextPage, isFetching, fetchNextPage]);
  const entries = all && data ? data.pages.flatMap((page) => page.items) : preview;
  const more = count - entries.length;
  return (
    <>
      <ul>
        {entries.map((entry) => (
          <li key={entry.entryId}>
            <Code>{entry.entryId}</Code> ·{' '}
            <FormattedMessage id={`lists.kind.${entry.kind}`} defaultMessage={entry.kind} /> ·{' '}
            {entryName(entry)}
            {entry.fields && <DiffList entries={entry.fields} />}
          </li>
        ))}
      </ul>
      <ProblemAlert error={pages.error} />
      {more > 0 && (
        <p className="muted">
          <FormattedMessage id="lists.more" values={{ count: more }} />{' '}
          <button
            type="button"
            className="link"
            disabled={isFetching}
            onClick={() => (all ? fetchNextPage() : setAll(true))}
          >
            <FormattedMessage id="lists.showMore" />
          </button>
        </p>
      )}
    </>
  );
}

function Changes({ snapshot }: { snapshot: Snapshot }) {
  const intl = useIntl();
  const changes = useQuery({
    queryKey: ['snapshot-changes', snapshot.snapshotId],
    queryFn: () =>
      unwrap(
        api.GET('/screening/snapshots/{source}/{version}/changes', {
          params: { path: { source: snapshot.source as 'un', version: snapshot.version } },
        }),
      ),
  });
  if (changes.error) return <ProblemAlert error={changes.error} />;
  if (!changes.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const { counts } = changes.data;
  const group = (kind: ChangeKind) => {
    if (counts[kind] === 0) return null;
    return (
      <section key={kind} className={`changes changes-${kind}`} aria-labelledby={`changes-${kind}`}>
        <h3 id={`changes-${kind}`}>
          <FormattedMessage id={`lists.${kind}`} />{' '}
          <span className="badge">{intl.formatNumber(counts[kind])}</span>
        </h3>
        <ChangedEntries
          snapshot={snapshot}
          kind={kind}
          preview={changes.data[kind]}
          count={counts[kind]}
        />
      </section>
    );
  };
  return (
    <section aria-labelledby="snapshot-changes-title" className="snapshot-changes">
      <h2 id="snapshot-changes-title">
        <FormattedMessage
          id="lists.changesOf"
          values={{
            snapshot: <Code>{snapshot.snapshotId}</Code>,
            previous: <Code>{snapshot.previousSnapshotId ?? '—'}</Code>,
          }}
        />
      </h2>
      {snapshot.previousSnapshotId === null && (
        <p className="muted">
          <FormattedMessage id="lists.firstSnapshot" />
        </p>
      )}
      {counts.added + counts.removed + counts.changed === 0 && (
        <p className="muted">
          <FormattedMessage id="history.noDifference" />
        </p>
      )}
      {group('added')}
      {group('removed')}
      {group('changed')}
    </section>
  );
}

export function ListSnapshots() {
  const intl = useIntl();
  const { roles } = useSession();
  const { source, version } = useParams();
  const history = useQuery({
    queryKey: ['snapshot-history'],
    queryFn: () => unwrap(api.GET('/screening/snapshot-history')),
  });
  if (history.error) return <ProblemAlert error={history.error} />;
  if (!history.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const items = history.data.items;
  const sources = Array.from(new Set(items.map((snapshot) => snapshot.source)));
  const selected =
    items.find((snapshot) => snapshot.source === source && String(snapshot.version) === version) ??
    items[0];
  const number = (value: number) => intl.formatNumber(value);
  return (
    <section aria-labelledby="lists-title" className="history-page">
      <h1 id="lists-title">
        <FormattedMessage id="lists.title" />
      </h1>
      <p className="subtitle">
        <FormattedMessage id="lists.subtitle" values={{ count: items.length }} />
      </p>
      {items.length === 0 && (
        <p>
          <FormattedMessage id="lists.none" />
        </p>
      )}
      {sources.map((name) => (
        <section key={name} aria-labelledby={`source-${name}`}>
          <h2 id={`source-${name}`}>
            <FormattedMessage id={`lists.source.${name}`} defaultMessage={name} />
          </h2>
          <div className="table-scroll">
            <table className="snapshots">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="lists.snapshot" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="lists.published" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="lists.importedAt" />
                  </th>
                  <th scope="col" className="number">
                    <FormattedMessage id="lists.entries" />
                  </th>
                  <th scope="col" className="number">
                    <FormattedMessage id="lists.added" />
                  </th>
                  <th scope="col" className="number">
                    <FormattedMessage id="lists.removed" />
                  </th>
                  <th scope="col" className="number">
                    <FormattedMessage id="lists.changed" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="lists.hash" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {items
                  .filter((snapshot) => snapshot.source === name)
                  .map((snapshot, index) => (
                    <tr
                      key={snapshot.snapshotId}
                      aria-current={snapshot === selected ? 'true' : undefined}
                    >
                      <th scope="row">
                        <Link to={`/lists/${snapshot.source}/${snapshot.version}`}>
                          <Code>{snapshot.snapshotId}</Code>
                        </Link>
                        {index === 0 && (
                          <>
                            {' '}
                            <span className="badge-ok">
                              <FormattedMessage id="lists.current" />
                            </span>
                          </>
                        )}
                      </th>
                      <td>
                        {snapshot.publishedAt ? (
                          <bdi>
                            {intl.formatDate(
                              snapshot.publishedAt.length === 10
                                ? `${snapshot.publishedAt}T12:00:00Z`
                                : snapshot.publishedAt,
                              { dateStyle: 'medium', timeZone: 'UTC' },
                            )}
                          </bdi>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <bdi>{dateTimeOfUs(intl, snapshot.importedAtUs)}</bdi>
                        <br />
                        <span className="muted">
                          <Name text={snapshot.importedBy} />
                        </span>
                      </td>
                      <td className="number">{number(snapshot.entryCount)}</td>
                      <td className="number delta-added">
                        <bdi dir="ltr">
                          {snapshot.added > 0 ? `+${number(snapshot.added)}` : number(0)}
                        </bdi>
                      </td>
                      <td className="number delta-removed">
                        <bdi dir="ltr">
                          {snapshot.removed > 0 ? `−${number(snapshot.removed)}` : number(0)}
                        </bdi>
                      </td>
                      <td className="number delta-changed">{number(snapshot.changed)}</td>
                      <td className="hash">
                        <bdi dir="ltr">
                          <code title={snapshot.contentSha256}>
                            {snapshot.contentSha256.slice(0, 12)}…
                          </code>
                        </bdi>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {selected && <Changes key={selected.snapshotId} snapshot={selected} />}
      {mayCall(roles, 'importLists') && <ListUpload />}
    </section>
  );
}

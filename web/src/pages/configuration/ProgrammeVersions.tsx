// A programme's versions: who proposed and who approved each and when, one version's file, the
// difference between any two, and the proposals still waiting for a second person.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { mayCall } from '../../access';
import { api, unwrap } from '../../api/client';
import { DiffList } from '../../components/DiffList';
import { ProblemAlert } from '../../components/problem';
import { Code, Name } from '../../components/text';
import { useSession } from '../../session';
import { dateTimeOfUs, isoOfUs, usePendingProposals } from './history';
import { PendingProposals } from './PendingProposals';
import '../../history.css';

function useVersions(programmeId: string) {
  return useQuery({
    queryKey: ['programme-versions', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}/versions', { params: { path: { programmeId } } })),
  });
}

function VersionDiff({
  programmeId,
  versionNos,
}: {
  programmeId: string;
  versionNos: readonly number[];
}) {
  const intl = useIntl();
  const latest = versionNos[0] ?? 1;
  const [from, setFrom] = useState(versionNos[1] ?? 0);
  const [to, setTo] = useState(latest);
  const diff = useQuery({
    queryKey: ['programme-version-diff', programmeId, from, to],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/version-diff', {
          params: { path: { programmeId }, query: { from, to } },
        }),
      ),
  });
  const options = [...versionNos, 0];
  const label = (versionNo: number) =>
    versionNo === 0
      ? intl.formatMessage({ id: 'versions.empty' })
      : intl.formatMessage({ id: 'versions.versionNo' }, { versionNo });
  return (
    <section aria-labelledby="versions-diff-title">
      <h2 id="versions-diff-title">
        <FormattedMessage id="versions.compare" />
      </h2>
      <div className="row">
        <label>
          <FormattedMessage id="versions.from" />{' '}
          <select value={from} onChange={(event) => setFrom(Number(event.target.value))}>
            {options.map((no) => (
              <option key={no} value={no}>
                {label(no)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <FormattedMessage id="versions.to" />{' '}
          <select value={to} onChange={(event) => setTo(Number(event.target.value))}>
            {options.map((no) => (
              <option key={no} value={no}>
                {label(no)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemAlert error={diff.error} />
      {diff.data && (
        <>
          <p className="muted">
            <FormattedMessage
              id="versions.changeCount"
              values={{ count: diff.data.entries.length, from: label(from), to: label(to) }}
            />
          </p>
          <DiffList
            entries={diff.data.entries}
            label={intl.formatMessage({ id: 'versions.compare' })}
          />
        </>
      )}
    </section>
  );
}

export function ProgrammeVersions() {
  const intl = useIntl();
  const { programmeId, roles } = useSession();
  const versions = useVersions(programmeId);
  const pending = usePendingProposals(programmeId, 'programme_version');
  if (versions.error) return <ProblemAlert error={versions.error} />;
  if (!versions.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const items = versions.data.items;
  const person = (user: string | null, atUs: string | null) =>
    user ? (
      <>
        <Name text={user} />
        <br />
        <time className="muted" dateTime={atUs ? isoOfUs(atUs) : undefined}>
          {dateTimeOfUs(intl, atUs)}
        </time>
      </>
    ) : (
      <span className="muted">—</span>
    );
  return (
    <section aria-labelledby="versions-title" className="history-page">
      <h1 id="versions-title">
        <FormattedMessage id="versions.title" />
      </h1>
      <p className="subtitle">
        <FormattedMessage
          id="versions.subtitle"
          values={{ programme: <Code>{programmeId}</Code>, count: items.length }}
        />
      </p>
      {mayCall(roles, 'proposeProgrammeVersion') && (
        <p>
          <Link className="button-link" to="/versions/new">
            <FormattedMessage id="versions.propose" />
          </Link>
        </p>
      )}
      <ProblemAlert error={pending.error} />
      <PendingProposals pending={pending} headingId="versions-pending" />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">
            <FormattedMessage id="versions.title" />
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="versions.version" />
              </th>
              <th scope="col">
                <FormattedMessage id="versions.fileVersion" />
              </th>
              <th scope="col">
                <FormattedMessage id="versions.proposedBy" />
              </th>
              <th scope="col">
                <FormattedMessage id="versions.approvedBy" />
              </th>
              <th scope="col">
                <FormattedMessage id="versions.reason" />
              </th>
              <th scope="col">
                <FormattedMessage id="versions.hash" />
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((version, index) => (
              <tr key={version.versionNo}>
                <th scope="row">
                  <Link to={`/versions/${version.versionNo}`}>
                    <FormattedMessage
                      id="versions.versionNo"
                      values={{ versionNo: version.versionNo }}
                    />
                  </Link>
                  {index === 0 && (
                    <>
                      {' '}
                      <span className="badge-ok">
                        <FormattedMessage id="versions.inForce" />
                      </span>
                    </>
                  )}
                </th>
                <td>
                  <Code>{version.fileVersion}</Code>
                </td>
                <td>{person(version.proposedBy, version.proposedAtUs)}</td>
                <td>{person(version.approvedBy, version.approvedAtUs)}</td>
                <td className="reason">
                  <bdi dir="auto">{version.approvalReason ?? version.proposalReason ?? ''}</bdi>
                </td>
                <td className="hash">
                  <bdi dir="ltr">
                    <code title={version.contentSha256}>{version.contentSha256.slice(0, 12)}…</code>
                  </bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <VersionDiff
        key={items[0]?.versionNo}
        programmeId={programmeId}
        versionNos={items.map((version) => version.versionNo)}
      />
    </section>
  );
}

export function ProgrammeVersionView() {
  const intl = useIntl();
  const { programmeId } = useSession();
  const versionNo = Number(useParams().versionNo);
  const version = useQuery({
    queryKey: ['programme-version', programmeId, versionNo],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/versions/{versionNo}', {
          params: { path: { programmeId, versionNo } },
        }),
      ),
  });
  const changes = useQuery({
    queryKey: ['programme-version-diff', programmeId, versionNo - 1, versionNo],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/version-diff', {
          params: { path: { programmeId }, query: { from: versionNo - 1, to: versionNo } },
        }),
      ),
    enabled: versionNo >= 1,
  });
  if (version.error) return <ProblemAlert error={version.error} />;
  if (!version.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const summary = version.data.version;
  return (
    <section aria-labelledby="version-title" className="history-page">
      <p>
        <Link to="/versions">
          <FormattedMessage id="versions.back" />
        </Link>
      </p>
      <h1 id="version-title">
        <FormattedMessage id="versions.versionNo" values={{ versionNo: summary.versionNo }} /> ·{' '}
        <Code>{summary.fileVersion}</Code>
      </h1>
      <dl className="summary">
        <dt>
          <FormattedMessage id="versions.proposedBy" />
        </dt>
        <dd>
          {summary.proposedBy ? (
            <>
              <Name text={summary.proposedBy} /> · {dateTimeOfUs(intl, summary.proposedAtUs)}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>
          <FormattedMessage id="work.proposalReason" />
        </dt>
        <dd>
          <bdi dir="auto">{summary.proposalReason ?? '—'}</bdi>
        </dd>
        <dt>
          <FormattedMessage id="versions.approvedBy" />
        </dt>
        <dd>
          {summary.approvedBy ? (
            <>
              <Name text={summary.approvedBy} /> · {dateTimeOfUs(intl, summary.approvedAtUs)}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>
          <FormattedMessage id="versions.approvalReason" />
        </dt>
        <dd>
          <bdi dir="auto">{summary.approvalReason ?? '—'}</bdi>
        </dd>
        <dt>
          <FormattedMessage id="versions.hash" />
        </dt>
        <dd>
          <Code>{summary.contentSha256}</Code>
        </dd>
      </dl>
      <h2>
        <FormattedMessage id="versions.changedHere" />
      </h2>
      <ProblemAlert error={changes.error} />
      {changes.data && <DiffList entries={changes.data.entries} />}
      <h2>
        <FormattedMessage id="versions.file" />
      </h2>
      <pre className="json-file" dir="ltr" tabIndex={0}>
        {JSON.stringify(version.data.programme, null, 2)}
      </pre>
    </section>
  );
}

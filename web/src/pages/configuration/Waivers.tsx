// The waiver calendar: every waiver on a timeline with the days no waiver covers, the days left
// of each in force (amber, orange, red at the programme's 30/14/7 days), proposals waiting for a
// second person, and the form to propose a waiver or renewal.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { mayCall } from '../../access';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/problem';
import { Code } from '../../components/text';
import { useSession } from '../../session';
import { usePendingProposals } from './history';
import { PendingProposals } from './PendingProposals';
import { ProposeWaiver, type WaiverFile } from './ProposeWaiver';
import { dayNumber, gapsBetween, spanDays, urgencyOf } from './waiver-calendar';
import '../../history.css';

export function Waivers() {
  const intl = useIntl();
  const { programmeId, roles } = useSession();
  const dashboard = useQuery({
    queryKey: ['dashboard', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}/dashboard', { params: { path: { programmeId } } })),
  });
  const waivers = useQuery({
    queryKey: ['waivers', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/waivers', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const pending = usePendingProposals(programmeId, 'waiver');
  if (dashboard.error || waivers.error)
    return <ProblemAlert error={dashboard.error ?? waivers.error} />;
  if (!dashboard.data || !waivers.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const { today, warningDays, channels } = dashboard.data;
  const files = new Map(
    waivers.data.items.map((waiver) => [waiver.waiverId, waiver as unknown as WaiverFile]),
  );
  const spans = [...dashboard.data.waivers].sort(
    (a, b) => dayNumber(a.validFrom) - dayNumber(b.validFrom),
  );
  const gaps = gapsBetween(
    spans.map((waiver) => ({ from: waiver.validFrom, to: waiver.lastDayInForce })),
    today,
  );
  const date = (iso: string) =>
    intl.formatDate(`${iso}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  const channelName = (id: string) =>
    channels.find((channel) => channel.channelId === id)?.name ?? id;
  const start = Math.min(dayNumber(today), ...spans.map((waiver) => dayNumber(waiver.validFrom)));
  const end =
    Math.max(dayNumber(today), ...spans.map((waiver) => dayNumber(waiver.lastDayInForce))) + 1;
  const span = Math.max(1, end - start);
  const at = (iso: string) => `${((dayNumber(iso) - start) / span) * 100}%`;
  const width = (from: string, to: string) =>
    `${((dayNumber(to) + 1 - dayNumber(from)) / span) * 100}%`;
  const years = Array.from(
    new Set(spans.map((waiver) => waiver.validFrom.slice(0, 4)).concat(today.slice(0, 4))),
  ).sort();
  const daysLeft = (lastDay: string) => dayNumber(lastDay) - dayNumber(today);
  return (
    <section aria-labelledby="waivers-title" className="history-page">
      <h1 id="waivers-title">
        <FormattedMessage id="waivers.title" />
      </h1>
      <p className="subtitle">
        <FormattedMessage
          id="waivers.subtitle"
          values={{ count: spans.length, gaps: gaps.length, today: date(today) }}
        />
      </p>
      <ProblemAlert error={pending.error} />
      <PendingProposals pending={pending} headingId="waivers-pending" />
      <figure className="chart calendar">
        <figcaption>
          <FormattedMessage id="waivers.calendar" />
        </figcaption>
        <div className="calendar-years" aria-hidden="true">
          {years.map((year) => (
            <span
              key={year}
              className="calendar-year"
              style={{ insetInlineStart: at(`${year}-01-01`) }}
            >
              {intl.formatNumber(Number(year), { useGrouping: false })}
            </span>
          ))}
        </div>
        <div className="timeline" role="list">
          <div className="timeline-row coverage" role="listitem">
            <span className="timeline-label">
              <FormattedMessage id="waivers.coverage" />
            </span>
            <span className="timeline-track">
              {spans.map((waiver) => (
                <span
                  key={waiver.waiverId}
                  className="timeline-bar"
                  style={{
                    insetInlineStart: at(waiver.validFrom),
                    width: width(waiver.validFrom, waiver.lastDayInForce),
                  }}
                />
              ))}
              {gaps.map((gap) => (
                <span
                  key={gap.from}
                  className="timeline-gap"
                  style={{ insetInlineStart: at(gap.from), width: width(gap.from, gap.to) }}
                  title={`${gap.from} – ${gap.to}`}
                />
              ))}
              <span
                className="timeline-today"
                style={{ insetInlineStart: at(today) }}
                aria-hidden="true"
              />
            </span>
            <span className="timeline-dates">
              <FormattedMessage id="waivers.gapCount" values={{ count: gaps.length }} />
            </span>
          </div>
          {spans.map((waiver) => {
            const left = daysLeft(waiver.lastDayInForce);
            const inForce = dayNumber(waiver.validFrom) <= dayNumber(today) && left >= 0;
            const urgency = inForce ? urgencyOf(left, warningDays) : 'none';
            return (
              <div
                className={`timeline-row urgency-${urgency}`}
                role="listitem"
                key={waiver.waiverId}
                data-urgency={urgency}
              >
                <span className="timeline-label">
                  <Code>{waiver.waiverId}</Code>
                </span>
                <span className="timeline-track">
                  <span
                    className={`timeline-bar${inForce ? ' in-force' : ''}`}
                    style={{
                      insetInlineStart: at(waiver.validFrom),
                      width: width(waiver.validFrom, waiver.lastDayInForce),
                    }}
                    title={`${waiver.validFrom} – ${waiver.lastDayInForce}`}
                  />
                  <span
                    className="timeline-today"
                    style={{ insetInlineStart: at(today) }}
                    aria-hidden="true"
                  />
                </span>
                <span className="timeline-dates">
                  <bdi>{date(waiver.validFrom)}</bdi> – <bdi>{date(waiver.lastDayInForce)}</bdi>
                </span>
              </div>
            );
          })}
        </div>
      </figure>
      {gaps.length > 0 && (
        <section aria-labelledby="waivers-gaps">
          <h2 id="waivers-gaps">
            <FormattedMessage id="waivers.gaps" />
          </h2>
          <ul className="gaps">
            {gaps.map((gap) => (
              <li key={gap.from}>
                <bdi>{date(gap.from)}</bdi> – <bdi>{date(gap.to)}</bdi> ·{' '}
                <FormattedMessage id="waivers.days" values={{ days: spanDays(gap) }} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>
        <FormattedMessage id="waivers.list" />
      </h2>
      <div className="table-scroll">
        <table className="waiver-table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="waivers.waiver" />
              </th>
              <th scope="col">
                <FormattedMessage id="waivers.reference" />
              </th>
              <th scope="col">
                <FormattedMessage id="waivers.inForce" />
              </th>
              <th scope="col">
                <FormattedMessage id="waivers.daysLeft" />
              </th>
              <th scope="col">
                <FormattedMessage id="waivers.channels" />
              </th>
            </tr>
          </thead>
          <tbody>
            {[...spans].reverse().map((waiver) => {
              const file = files.get(waiver.waiverId);
              const left = daysLeft(waiver.lastDayInForce);
              const started = dayNumber(waiver.validFrom) <= dayNumber(today);
              const urgency = started && left >= 0 ? urgencyOf(left, warningDays) : 'none';
              return (
                <tr key={waiver.waiverId} className={`urgency-${urgency}`} data-urgency={urgency}>
                  <th scope="row">
                    <Code>{waiver.waiverId}</Code>
                    {file?.renewsWaiverId && (
                      <div className="muted">
                        <FormattedMessage
                          id="waivers.renews"
                          values={{ waiver: <Code>{file.renewsWaiverId}</Code> }}
                        />
                      </div>
                    )}
                  </th>
                  <td className="reason">
                    <bdi dir="auto">{file?.reference ?? ''}</bdi>
                    {file?.revokedFrom && (
                      <div className="alert-inline">
                        <FormattedMessage
                          id="waivers.revoked"
                          values={{ date: date(file.revokedFrom) }}
                        />
                      </div>
                    )}
                  </td>
                  <td>
                    <bdi>{date(waiver.validFrom)}</bdi> – <bdi>{date(waiver.lastDayInForce)}</bdi>
                  </td>
                  <td>
                    {!started ? (
                      <FormattedMessage id="waivers.notYet" />
                    ) : left < 0 ? (
                      <FormattedMessage id="waivers.ended" />
                    ) : (
                      <strong>
                        <FormattedMessage id="waivers.days" values={{ days: left }} />
                      </strong>
                    )}
                  </td>
                  <td className="channels">
                    {waiver.channelIds.map((id) => (
                      <span key={id} className="chip">
                        <bdi>{channelName(id)}</bdi>
                      </span>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {mayCall(roles, 'recordWaiver') && (
        <ProposeWaiver
          programmeId={programmeId}
          channels={channels}
          latest={spans.length > 0 ? files.get(spans[spans.length - 1]!.waiverId) : undefined}
        />
      )}
    </section>
  );
}

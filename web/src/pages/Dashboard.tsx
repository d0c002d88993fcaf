// Where the money stands, what is owed, what this month paid, and the waivers' days left, with
// warning colours at the programme's thresholds (30/14/7 days), and charts to look at.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { Amount, Code } from '../components/text';
import { useLocale } from '../i18n/locale';
import { minorToChartNumber } from '../money';
import { useSession } from '../session';
import { channelLabel } from '../i18n/labels';
import { mayCall } from '../access';
import { ForecastPanel } from './ForecastPanel';

const channelColours = [
  '#1f5f8b',
  '#b35c00',
  '#2e7d32',
  '#6a1b9a',
  '#00838f',
  '#ad1457',
  '#5d4037',
  '#455a64',
];

export function urgencyClass(urgency: string): string {
  return urgency === 'lapsed'
    ? 'urgency-lapsed'
    : urgency.startsWith('within-')
      ? `urgency-${urgency}`
      : 'urgency-none';
}

export function Dashboard() {
  const intl = useIntl();
  const { locale } = useLocale();
  const { programmeId, roles } = useSession();
  const dashboard = useQuery({
    queryKey: ['dashboard', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}/dashboard', { params: { path: { programmeId } } })),
  });
  if (dashboard.error) return <ProblemAlert error={dashboard.error} />;
  if (!dashboard.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const data = dashboard.data;
  const currency = data.currency;
  const channelName = (id: string) =>
    channelLabel(intl, id, data.channels.find((channel) => channel.channelId === id)?.name);
  const monthLabel = (month: string) =>
    intl.formatDate(`${month}-15T12:00:00Z`, { year: '2-digit', month: 'short', timeZone: 'UTC' });
  const series = data.months.map((month) => ({
    month: monthLabel(month.month),
    escrow: minorToChartNumber(month.escrowBalanceMinor, currency),
    arrears: minorToChartNumber(month.arrearsMinor, currency),
    notCovered: minorToChartNumber(month.arrearsNotCoveredByEscrowMinor, currency),
    ...Object.fromEntries(
      Object.entries(month.disbursedByChannelMinor).map(([channelId, minor]) => [
        channelId,
        minorToChartNumber(minor, currency),
      ]),
    ),
  }));
  const compact = (value: number) =>
    intl.formatNumber(value, { notation: 'compact', maximumFractionDigits: 1 });
  const tooltipAmount = (value: unknown) =>
    intl.formatNumber(Number(value), { style: 'currency', currency, maximumFractionDigits: 0 });
  const rtl = locale === 'ar';
  // in right-to-left SVG text "start" is the right edge: the right-hand axis anchors its labels' end
  const figures: [string, string][] = [
    ['dashboard.escrow', data.closing.escrowBalanceMinor],
    ['dashboard.available', data.closing.availableMinor],
    ['dashboard.reserved', data.closing.reservedMinor],
    ['dashboard.owed', data.closing.owedMinor],
    ['dashboard.arrears', data.closing.arrearsMinor],
    ['dashboard.arrearsNotCovered', data.closing.arrearsNotCoveredByEscrowMinor],
  ];
  // the waiver timeline: each waiver a bar from its first to its last day, on a day axis
  const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const timelineStart = Math.min(
    ...data.waivers.map((waiver) => dayNumber(waiver.validFrom)),
    dayNumber(data.today),
  );
  const timelineEnd =
    Math.max(
      ...data.waivers.map((waiver) => dayNumber(waiver.lastDayInForce)),
      dayNumber(data.today),
    ) + 1;
  const span = Math.max(1, timelineEnd - timelineStart);
  const position = (day: number) => `${((day - timelineStart) / span) * 100}%`;
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">
        <FormattedMessage id="dashboard.title" />
      </h1>
      <p className="subtitle">
        <FormattedMessage
          id="dashboard.asOf"
          values={{
            programme: <bdi>{data.programmeName}</bdi>,
            date: intl.formatDate(`${data.today}T12:00:00Z`, {
              dateStyle: 'long',
              timeZone: 'UTC',
            }),
          }}
        />
      </p>
      <div className="cards">
        {figures.map(([id, minor]) => (
          <div className="card" key={id}>
            <h2>
              <FormattedMessage id={id} />
            </h2>
            <p className="figure">
              <Amount minor={minor} currency={currency} />
            </p>
          </div>
        ))}
      </div>
      <h2>
        <FormattedMessage id="dashboard.waivers" />
      </h2>
      <ul className="waivers">
        {data.channels.map((channel) => (
          <li
            key={channel.channelId}
            className={urgencyClass(channel.urgency)}
            data-urgency={channel.urgency}
          >
            <strong>
              <bdi>{channelLabel(intl, channel.channelId, channel.name)}</bdi>
            </strong>{' '}
            {channel.covered && channel.daysRemaining !== undefined ? (
              <>
                <Code>{channel.waiverId ?? ''}</Code>{' '}
                <FormattedMessage
                  id="dashboard.daysLeft"
                  values={{
                    days: channel.daysRemaining,
                    until: intl.formatDate(`${channel.lastDayInForce}T12:00:00Z`, {
                      dateStyle: 'medium',
                      timeZone: 'UTC',
                    }),
                  }}
                />
                {channel.urgency.startsWith('within-') && (
                  <span className="urgency-tag">
                    {' '}
                    ·{' '}
                    <FormattedMessage
                      id="dashboard.urgency"
                      values={{ days: Number(channel.urgency.slice('within-'.length)) }}
                    />
                  </span>
                )}
              </>
            ) : (
              <FormattedMessage id="dashboard.lapsed" />
            )}
          </li>
        ))}
      </ul>
      <div className="two-columns">
        <div>
          <h2>
            <FormattedMessage id="dashboard.owedByCreditor" />
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="dashboard.creditor" />
                </th>
                <th scope="col">
                  <FormattedMessage id="dashboard.amount" />
                </th>
              </tr>
            </thead>
            <tbody>
              {data.owedByCreditor.map((row) => (
                <tr key={row.partyId}>
                  <td>
                    <bdi>{row.partyId}</bdi>
                  </td>
                  <td className="number">
                    <Amount minor={row.outstandingMinor} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>
            <FormattedMessage id="dashboard.disbursedThisMonth" />
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="dashboard.channel" />
                </th>
                <th scope="col">
                  <FormattedMessage id="dashboard.amount" />
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(data.disbursedThisMonthByChannelMinor).map(([channelId, minor]) => (
                <tr key={channelId}>
                  <td>
                    <bdi>{channelName(channelId)}</bdi>
                  </td>
                  <td className="number">
                    <Amount minor={minor} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <figure className="chart">
        <figcaption>
          <FormattedMessage id="dashboard.chartArrears" />
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={series} margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" reversed={rtl} />
            <YAxis
              tickFormatter={compact}
              orientation={rtl ? 'right' : 'left'}
              width={80}
              textAnchor={rtl ? 'end' : undefined}
            />
            <Tooltip formatter={tooltipAmount} />
            <Legend />
            <Line
              type="linear"
              dataKey="escrow"
              name={intl.formatMessage({ id: 'dashboard.seriesEscrow' })}
              stroke="#1f5f8b"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="arrears"
              name={intl.formatMessage({ id: 'dashboard.seriesArrears' })}
              stroke="#b35c00"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="notCovered"
              name={intl.formatMessage({ id: 'dashboard.seriesNotCovered' })}
              stroke="#b00020"
              strokeDasharray="4 2"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart">
        <figcaption>
          <FormattedMessage id="dashboard.chartChannels" />
        </figcaption>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={series} margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" reversed={rtl} />
            <YAxis
              tickFormatter={compact}
              orientation={rtl ? 'right' : 'left'}
              width={80}
              textAnchor={rtl ? 'end' : undefined}
            />
            <Tooltip formatter={tooltipAmount} />
            <Legend />
            {data.channels.map((channel, index) => (
              <Bar
                key={channel.channelId}
                dataKey={channel.channelId}
                name={channelLabel(intl, channel.channelId, channel.name)}
                stackId="channels"
                fill={channelColours[index % channelColours.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      {mayCall(roles, 'getForecast') && <ForecastPanel programmeId={programmeId} rtl={rtl} />}
      <figure className="chart">
        <figcaption>
          <FormattedMessage id="dashboard.chartWaivers" />
        </figcaption>
        <div className="timeline" role="list">
          {data.waivers.map((waiver) => (
            <div className="timeline-row" role="listitem" key={waiver.waiverId}>
              <span className="timeline-label">
                <Code>{waiver.waiverId}</Code>
              </span>
              <span className="timeline-track">
                <span
                  className="timeline-bar"
                  style={{
                    insetInlineStart: position(dayNumber(waiver.validFrom)),
                    width: `${((dayNumber(waiver.lastDayInForce) + 1 - dayNumber(waiver.validFrom)) / span) * 100}%`,
                  }}
                  title={`${waiver.validFrom} – ${waiver.lastDayInForce}`}
                />
                <span
                  className="timeline-today"
                  style={{ insetInlineStart: position(dayNumber(data.today)) }}
                  aria-hidden="true"
                />
              </span>
              <span className="timeline-dates">
                <bdi>
                  {intl.formatDate(`${waiver.validFrom}T12:00:00Z`, {
                    dateStyle: 'medium',
                    timeZone: 'UTC',
                  })}
                </bdi>{' '}
                –{' '}
                <bdi>
                  {intl.formatDate(`${waiver.lastDayInForce}T12:00:00Z`, {
                    dateStyle: 'medium',
                    timeZone: 'UTC',
                  })}
                </bdi>
              </span>
            </div>
          ))}
        </div>
      </figure>
    </section>
  );
}

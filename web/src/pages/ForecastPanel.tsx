// The arrears and supply-cut forecast on the dashboard (docs/forecast.md): month by month what each
// creditor is owed and what the escrow holds, under assumptions the reader changes (deposit rate,
// waiver renewals, months ahead), and the first month a creditor passes its supply cut-off.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
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
import type { components } from '../api/schema';
import { ProblemAlert } from '../components/problem';
import { Code } from '../components/text';
import { minorToChartNumber } from '../money';

interface Assumptions {
  readonly months: number;
  readonly depositRatePercent: string;
  readonly renewalDays: string;
  readonly renewalGapDays: string;
}

const lineColours = ['#b35c00', '#6a1b9a', '#ad1457', '#00838f'];

function queryOf(assumptions: Assumptions) {
  const rate = assumptions.depositRatePercent.trim();
  const renewal = assumptions.renewalDays.trim();
  return {
    months: assumptions.months,
    ...(rate === '' ? {} : { depositRateBp: Math.round(Number(rate) * 100) }),
    ...(renewal === ''
      ? {}
      : {
          renewalDays: Number(renewal),
          renewalGapDays: Number(assumptions.renewalGapDays || '0'),
        }),
  };
}

export function ForecastPanel({ programmeId, rtl }: { programmeId: string; rtl: boolean }) {
  const intl = useIntl();
  const [draft, setDraft] = useState<Assumptions>({
    months: 12,
    depositRatePercent: '',
    renewalDays: '',
    renewalGapDays: '0',
  });
  const [applied, setApplied] = useState<Assumptions>(draft);
  const forecast = useQuery({
    queryKey: ['forecast', programmeId, applied],
    queryFn: async (): Promise<components['schemas']['Forecast']> =>
      unwrap(
        api.GET('/programmes/{programmeId}/forecast', {
          params: { path: { programmeId }, query: queryOf(applied) },
        }),
      ),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  const data = forecast.data;
  const creditorIds = data
    ? [
        ...new Set(
          data.forecast.months.flatMap((month) =>
            month.creditors.map((creditor) => creditor.creditorPartyId),
          ),
        ),
      ]
    : [];
  const series = data
    ? data.forecast.months.map((month) => ({
        month: intl.formatDate(`${month.month}-15T12:00:00Z`, {
          year: '2-digit',
          month: 'short',
          timeZone: 'UTC',
        }),
        escrow: minorToChartNumber(month.escrowMinor, data.currency),
        ...Object.fromEntries(
          month.creditors.map((creditor) => [
            creditor.creditorPartyId,
            minorToChartNumber(creditor.arrearsMinor, data.currency),
          ]),
        ),
      }))
    : [];
  const compact = (value: number) =>
    intl.formatNumber(value, { notation: 'compact', maximumFractionDigits: 1 });
  const monthName = (month: string) =>
    intl.formatDate(`${month}-15T12:00:00Z`, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  return (
    <figure className="chart forecast">
      <figcaption>
        <FormattedMessage id="forecast.title" />
      </figcaption>
      <form
        className="forecast-form"
        onSubmit={submit}
        aria-label={intl.formatMessage({ id: 'forecast.assumptions' })}
      >
        <label>
          <FormattedMessage id="forecast.months" />
          <select
            value={draft.months}
            onChange={(event) => setDraft({ ...draft, months: Number(event.target.value) })}
          >
            {[12, 24, 36].map((months) => (
              <option key={months} value={months}>
                {intl.formatNumber(months)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <FormattedMessage id="forecast.depositRate" />
          <input
            type="number"
            min={0}
            max={100}
            step={0.01}
            inputMode="decimal"
            value={draft.depositRatePercent}
            placeholder={data ? intl.formatNumber(data.assumptions.depositRateBp / 100) : ''}
            onChange={(event) => setDraft({ ...draft, depositRatePercent: event.target.value })}
          />
        </label>
        <label>
          <FormattedMessage id="forecast.renewalDays" />
          <input
            type="number"
            min={1}
            max={366}
            step={1}
            value={draft.renewalDays}
            onChange={(event) => setDraft({ ...draft, renewalDays: event.target.value })}
          />
        </label>
        <label>
          <FormattedMessage id="forecast.renewalGapDays" />
          <input
            type="number"
            min={0}
            max={366}
            step={1}
            value={draft.renewalGapDays}
            onChange={(event) => setDraft({ ...draft, renewalGapDays: event.target.value })}
          />
        </label>
        <button type="submit">
          <FormattedMessage id="forecast.apply" />
        </button>
      </form>
      <p className="muted">
        <FormattedMessage id="forecast.explain" />
      </p>
      <ProblemAlert error={forecast.error} />
      {data && (
        <>
          <ul className="forecast-cutoffs">
            {creditorIds.map((creditorId) => {
              const month = data.forecast.firstCutOffMonth[creditorId] ?? null;
              return (
                <li
                  key={creditorId}
                  className={month ? 'urgency-within-7' : undefined}
                  data-creditor={creditorId}
                >
                  <Code>{creditorId}</Code>{' '}
                  {month ? (
                    <FormattedMessage
                      id="forecast.cutOffIn"
                      values={{ month: <bdi>{monthName(month)}</bdi> }}
                    />
                  ) : (
                    <FormattedMessage id="forecast.noCutOff" values={{ months: applied.months }} />
                  )}
                </li>
              );
            })}
          </ul>
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
              <Tooltip
                formatter={(value: unknown) =>
                  intl.formatNumber(Number(value), {
                    style: 'currency',
                    currency: data.currency,
                    maximumFractionDigits: 0,
                  })
                }
              />
              <Legend />
              <Line
                type="monotone"
                dataKey="escrow"
                name={intl.formatMessage({ id: 'forecast.escrow' })}
                stroke="#1f5f8b"
                dot={false}
                isAnimationActive={false}
              />
              {creditorIds.map((creditorId, index) => (
                <Line
                  key={creditorId}
                  type="monotone"
                  dataKey={creditorId}
                  name={intl.formatMessage({ id: 'forecast.arrearsOf' }, { creditor: creditorId })}
                  stroke={lineColours[index % lineColours.length]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </>
      )}
    </figure>
  );
}

// The programme's disbursements with a status filter (the API's) and a text filter, kept in the URL.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { Amount, Code, Name, PartyLabel, type PartyName } from '../components/text';
import { useSession } from '../session';
import { channelLabel } from '../i18n/labels';

export const statuses = [
  'draft',
  'submitted',
  'screening',
  'compliance_review',
  'approval',
  'funds_reserved',
  'instructed',
  'executed',
  'returned',
  'rejected',
  'cancelled',
  'expired',
] as const;
type Status = (typeof statuses)[number];

export function DisbursementList() {
  const intl = useIntl();
  const { programmeId } = useSession();
  const [params, setParams] = useSearchParams();
  const status = (statuses as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as Status)
    : undefined;
  const text = params.get('q') ?? '';
  const list = useQuery({
    queryKey: ['disbursements', programmeId, status],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/disbursements', {
          params: { path: { programmeId }, query: { limit: 200, ...(status ? { status } : {}) } },
        }),
      ),
  });
  // names, not ids: the programme's channels and parties (the same cache as the request form)
  const programme = useQuery({
    queryKey: ['programme', programmeId],
    queryFn: () =>
      unwrap(api.GET('/programmes/{programmeId}', { params: { path: { programmeId } } })),
  });
  const parties = useQuery({
    queryKey: ['parties', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/parties', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const channelName = (id: string) =>
    channelLabel(
      intl,
      id,
      (
        (
          programme.data?.programme as
            { channels?: { channelId: string; name: string }[] } | undefined
        )?.channels ?? []
      ).find((channel) => channel.channelId === id)?.name,
    );
  const namesOf = (id: string) =>
    ((parties.data?.items ?? []) as unknown as { partyId: string; names: PartyName[] }[]).find(
      (party) => party.partyId === id,
    )?.names;
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const needle = text.trim().toLowerCase();
  const items = (list.data?.items ?? []).filter(
    (item) =>
      needle === '' ||
      item.disbursementId.toLowerCase().includes(needle) ||
      item.request.payeePartyId.toLowerCase().includes(needle),
  );
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">
        <FormattedMessage id="list.title" />
      </h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-status">
            <FormattedMessage id="list.status" />
          </label>
          <select
            id="filter-status"
            value={status ?? ''}
            onChange={(event) => update('status', event.target.value)}
          >
            <option value="">{intl.formatMessage({ id: 'list.all' })}</option>
            {statuses.map((value) => (
              <option key={value} value={value}>
                {intl.formatMessage({ id: `status.${value}` })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-text">
            <FormattedMessage id="list.search" />
          </label>
          <input
            id="filter-text"
            type="search"
            value={text}
            onChange={(event) => update('q', event.target.value)}
          />
        </div>
      </form>
      <ProblemAlert error={list.error} />
      {list.data && (
        <p role="status">
          <FormattedMessage id="list.count" values={{ count: items.length }} />
        </p>
      )}
      {list.data && items.length === 0 && (
        <p>
          <FormattedMessage id="list.empty" />
        </p>
      )}
      {items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="col.id" />
              </th>
              <th scope="col">
                <FormattedMessage id="col.payee" />
              </th>
              <th scope="col">
                <FormattedMessage id="col.channel" />
              </th>
              <th scope="col">
                <FormattedMessage id="col.amount" />
              </th>
              <th scope="col">
                <FormattedMessage id="col.valueDate" />
              </th>
              <th scope="col">
                <FormattedMessage id="col.status" />
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.disbursementId}>
                <td>
                  <Link to={`/disbursements/${encodeURIComponent(item.disbursementId)}`}>
                    <Code>{item.disbursementId}</Code>
                  </Link>
                </td>
                <td>
                  <PartyLabel
                    names={namesOf(item.request.payeePartyId)}
                    fallback={item.request.payeePartyId}
                  />
                </td>
                <td>
                  <Name text={channelName(item.channelId)} />
                </td>
                <td className="number">
                  <Amount minor={item.request.amountMinor} currency={item.request.currency} />
                </td>
                <td>
                  {typeof item.request.valueDate === 'string'
                    ? intl.formatDate(`${item.request.valueDate}T12:00:00Z`, {
                        dateStyle: 'medium',
                        timeZone: 'UTC',
                      })
                    : ''}
                </td>
                <td>
                  <span className={`status status-${item.status}`}>
                    <FormattedMessage id={`status.${item.status}`} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

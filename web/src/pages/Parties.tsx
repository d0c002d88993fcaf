// The programme's parties: names in their own scripts, kind, roles, country, accounts, beneficial
// owners, and where each stands with screening (the party, its owners and banks, as a
// disbursement screens them); each links to its detail page.
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { Code, PartyLabel, pickName } from '../components/text';
import { useSession } from '../session';
import { AllNames, Country, Share, Standing, type PartyRecord } from './party-view';

export function Parties() {
  const intl = useIntl();
  const { programmeId } = useSession();
  const parties = useQuery({
    queryKey: ['parties', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/parties', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const screening = useQuery({
    queryKey: ['party-screening', programmeId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/party-screening', {
          params: { path: { programmeId }, query: { limit: 200 } },
        }),
      ),
  });
  const items = (parties.data?.items ?? []) as unknown as PartyRecord[];
  const standingOf = (partyId: string) =>
    screening.data?.items.find((item) => item.partyId === partyId);
  return (
    <section aria-labelledby="parties-title" className="parties-page">
      <h1 id="parties-title">
        <FormattedMessage id="parties.title" />
      </h1>
      <p className="help">
        <FormattedMessage id="parties.help" />
      </p>
      <ProblemAlert error={parties.error ?? screening.error} />
      {parties.data && (
        <p role="status">
          <FormattedMessage id="parties.count" values={{ count: items.length }} />
        </p>
      )}
      {items.length > 0 && (
        <table data-testid="parties">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="parties.name" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.kind" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.roles" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.country" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.accounts" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.owners" />
              </th>
              <th scope="col">
                <FormattedMessage id="parties.screening" />
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((party) => {
              const standing = standingOf(party.partyId);
              return (
                <tr key={party.partyId} data-party={party.partyId}>
                  <th scope="row">
                    <Link to={`/parties/${encodeURIComponent(party.partyId)}`}>
                      <PartyLabel names={party.names} fallback={party.partyId} />
                    </Link>
                    <AllNames
                      names={party.names.filter(
                        (name) => name !== pickName(party.names, intl.locale),
                      )}
                    />
                  </th>
                  <td>{intl.formatMessage({ id: `partyKind.${party.kind}` })}</td>
                  <td>
                    {party.roles
                      .map((role) => intl.formatMessage({ id: `partyRole.${role}` }))
                      .join(intl.formatMessage({ id: 'tokens.scopeSeparator' }))}
                  </td>
                  <td>
                    <Country code={party.jurisdiction} />
                  </td>
                  <td>
                    {party.bankAccounts.length === 0 ? (
                      <FormattedMessage id="common.none" />
                    ) : (
                      party.bankAccounts.map((account) => (
                        <div key={account.iban}>
                          <Code>{account.iban}</Code>
                        </div>
                      ))
                    )}
                  </td>
                  <td>
                    {party.beneficialOwners.length === 0 ? (
                      <FormattedMessage id="common.none" />
                    ) : (
                      <ul className="owners">
                        {party.beneficialOwners.map((owner, index) => (
                          <li key={index}>
                            <PartyLabel names={owner.names} fallback="?" /> ·{' '}
                            <Country code={owner.nationality} /> ·{' '}
                            <Share share={owner.sharePercent} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {standing ? (
                      <Standing status={standing.status} />
                    ) : (
                      <FormattedMessage id="common.loading" />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

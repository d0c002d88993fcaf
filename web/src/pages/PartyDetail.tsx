// One party: every name in its own script, kind, roles, country, identifiers, accounts, notes; its
// beneficial owners; and each subject a disbursement screens (the party, each owner, each bank)
// with its standing, when it was last screened and its hits (linked for compliance).
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { mayCall } from '../access';
import { api, unwrap } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { Code, PartyLabel } from '../components/text';
import { useSession } from '../session';
import { AllNames, Country, Share, Standing, type PartyRecord } from './party-view';

export function PartyDetail() {
  const intl = useIntl();
  const { partyId = '' } = useParams();
  const { programmeId, roles } = useSession();
  const detail = useQuery({
    queryKey: ['party', programmeId, partyId],
    queryFn: () =>
      unwrap(
        api.GET('/programmes/{programmeId}/parties/{partyId}', {
          params: { path: { programmeId, partyId } },
        }),
      ),
  });
  const party = detail.data?.party as unknown as PartyRecord | undefined;
  const screening = detail.data?.screening;
  const mayReview = mayCall(roles, 'getHitReview');
  return (
    <section aria-labelledby="party-title" className="party-page">
      <p>
        <Link to="/parties">
          <FormattedMessage id="parties.back" />
        </Link>
      </p>
      <ProblemAlert error={detail.error} />
      {!party && !detail.error && (
        <p className="loading">
          <FormattedMessage id="common.loading" />
        </p>
      )}
      {party && screening && (
        <>
          <h1 id="party-title" className="big-name">
            <PartyLabel names={party.names} fallback={party.partyId} />
          </h1>
          <p>
            <Standing status={screening.status} />
          </p>
          <dl className="summary">
            <dt>
              <FormattedMessage id="parties.id" />
            </dt>
            <dd>
              <Code>{party.partyId}</Code>
            </dd>
            <dt>
              <FormattedMessage id="parties.names" />
            </dt>
            <dd>
              <AllNames names={party.names} />
            </dd>
            <dt>
              <FormattedMessage id="parties.kind" />
            </dt>
            <dd>{intl.formatMessage({ id: `partyKind.${party.kind}` })}</dd>
            <dt>
              <FormattedMessage id="parties.roles" />
            </dt>
            <dd>
              {party.roles
                .map((role) => intl.formatMessage({ id: `partyRole.${role}` }))
                .join(intl.formatMessage({ id: 'tokens.scopeSeparator' }))}
            </dd>
            <dt>
              <FormattedMessage id="parties.country" />
            </dt>
            <dd>
              <Country code={party.jurisdiction} />
            </dd>
            {party.identifiers.length > 0 && (
              <>
                <dt>
                  <FormattedMessage id="parties.identifiers" />
                </dt>
                <dd>
                  <ul className="names">
                    {party.identifiers.map((identifier) => (
                      <li key={identifier.value}>
                        {intl.formatMessage({ id: `identifier.${identifier.type}` })}:{' '}
                        <Code>{identifier.value}</Code>
                        {identifier.issuer && (
                          <>
                            {' '}
                            · <bdi dir="auto">{identifier.issuer}</bdi>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
            <dt>
              <FormattedMessage id="parties.accounts" />
            </dt>
            <dd>
              {party.bankAccounts.length === 0 ? (
                <FormattedMessage id="common.none" />
              ) : (
                <ul className="names">
                  {party.bankAccounts.map((account) => (
                    <li key={account.iban}>
                      <Code>{account.iban}</Code> · <Code>{account.bic}</Code>
                      {account.currency && (
                        <>
                          {' '}
                          · <Code>{account.currency}</Code>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            {party.notes && (
              <>
                <dt>
                  <FormattedMessage id="parties.notes" />
                </dt>
                <dd>
                  <bdi dir="auto" lang="en">
                    {party.notes}
                  </bdi>
                </dd>
              </>
            )}
          </dl>

          <h2>
            <FormattedMessage id="parties.owners" />
          </h2>
          {party.beneficialOwners.length === 0 ? (
            <p>
              <FormattedMessage id="parties.noOwners" />
            </p>
          ) : (
            <table data-testid="owners">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="parties.name" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="parties.nationality" />
                  </th>
                  <th scope="col" className="number">
                    <FormattedMessage id="parties.share" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {party.beneficialOwners.map((owner, index) => (
                  <tr key={index}>
                    <th scope="row">
                      <AllNames names={owner.names} />
                    </th>
                    <td>
                      <Country code={owner.nationality} />
                    </td>
                    <td className="number">
                      <Share share={owner.sharePercent} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>
            <FormattedMessage id="parties.screeningTitle" />
          </h2>
          <p className="help">
            <FormattedMessage id="parties.screeningHelp" />
          </p>
          <table data-testid="subjects">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="parties.subject" />
                </th>
                <th scope="col">
                  <FormattedMessage id="parties.name" />
                </th>
                <th scope="col">
                  <FormattedMessage id="parties.screening" />
                </th>
                <th scope="col">
                  <FormattedMessage id="parties.lastScreened" />
                </th>
                <th scope="col">
                  <FormattedMessage id="parties.hits" />
                </th>
              </tr>
            </thead>
            <tbody>
              {screening.subjects.map((subject) => (
                <tr key={subject.screenedPartyId} data-subject={subject.role}>
                  <td>{intl.formatMessage({ id: `subjectRole.${subject.role}` })}</td>
                  <th scope="row">
                    <AllNames names={subject.names as never} />
                  </th>
                  <td>
                    <Standing status={subject.status} />
                  </td>
                  <td>
                    {subject.screenedAtUs ? (
                      intl.formatDate(Number(BigInt(subject.screenedAtUs) / 1000n), {
                        year: 'numeric',
                        month: 'short',
                        day: 'numeric',
                        hour: 'numeric',
                        minute: '2-digit',
                        timeZone: 'UTC',
                        timeZoneName: 'short',
                      })
                    ) : (
                      <FormattedMessage id="standing.not_screened" />
                    )}
                  </td>
                  <td>
                    {subject.hitIds.length === 0 ? (
                      <FormattedMessage id="common.none" />
                    ) : (
                      subject.hitIds.map((hitId) => (
                        <div key={hitId}>
                          {mayReview ? (
                            <Link to={`/screening/${encodeURIComponent(hitId)}`}>
                              <Code>{hitId}</Code>
                            </Link>
                          ) : (
                            <Code>{hitId}</Code>
                          )}
                        </div>
                      ))
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

// The frame of every page: skip link, navigation with the work counts, programme, language switch.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLink, useLocation } from 'react-router';
import { mayCall } from '../access';
import { api, unwrap } from '../api/client';
import { locales, useLocale, type Locale } from '../i18n/locale';
import { useSession } from '../session';
import { Name } from './text';
import { useUnreadNotifications } from '../pages/Notifications';

export function useWorkQueues() {
  return useQuery({
    queryKey: ['work-queues'],
    queryFn: () => unwrap(api.GET('/work-queues')),
    refetchInterval: 30_000,
  });
}

function Count({ count }: { count: number | undefined }) {
  const intl = useIntl();
  if (!count) return null;
  return (
    <span className="badge" aria-label={intl.formatMessage({ id: 'nav.count' }, { count })}>
      {intl.formatNumber(count)}
    </span>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { locale, setLocale, arabicDigits, setArabicDigits } = useLocale();
  const { me, programmeId, programmeIds, setProgrammeId, roles } = useSession();
  const queues = useWorkQueues();
  const unread = useUnreadNotifications().data?.unread;
  const queryClient = useQueryClient();
  const counts = queues.data?.counts ?? {};
  const work = Object.entries(counts)
    .filter(([name]) => name !== 'hits')
    .reduce((sum, [, count]) => sum + count, 0);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // after a navigation, focus moves to the new page (a screen reader announces it); not on load
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  const logout = async () => {
    await api.POST('/auth/logout');
    queryClient.clear();
    window.location.assign('/app/');
  };
  return (
    <>
      <a className="skip" href="#main">
        <FormattedMessage id="nav.skip" />
      </a>
      <header className="top">
        <span className="brand">
          <FormattedMessage id="app.name" />
        </span>
        <nav aria-label={intl.formatMessage({ id: 'nav.main' })}>
          <NavLink to="/" end>
            <FormattedMessage id="nav.dashboard" />
          </NavLink>
          <NavLink to="/work">
            <FormattedMessage id="nav.work" /> <Count count={work} />
          </NavLink>
          <NavLink to="/notifications">
            <FormattedMessage id="nav.notifications" />{' '}
            {unread ? (
              <span
                className="badge"
                aria-label={intl.formatMessage({ id: 'nav.unread' }, { count: unread })}
              >
                {intl.formatNumber(unread)}
              </span>
            ) : null}
          </NavLink>
          <NavLink to="/disbursements" end>
            <FormattedMessage id="nav.disbursements" />
          </NavLink>
          {(roles.has('compliance_officer') || roles.has('overseer')) && (
            <NavLink to="/screening">
              <FormattedMessage id="nav.screening" /> <Count count={counts.hits} />
            </NavLink>
          )}
          {mayCall(roles, 'listDeposits') && (
            <NavLink to="/money-in">
              <FormattedMessage id="nav.moneyIn" />
            </NavLink>
          )}
          {(mayCall(roles, 'verifyAudit') || mayCall(roles, 'getOverseerReport')) && (
            <NavLink to="/audit">
              <FormattedMessage id="nav.audit" />
            </NavLink>
          )}
          {roles.has('operator') && (
            <NavLink to="/disbursements/new">
              <FormattedMessage id="nav.newRequest" />
            </NavLink>
          )}
          {mayCall(roles, 'listProgrammeVersions') && (
            <NavLink to="/versions">
              <FormattedMessage id="nav.versions" />
            </NavLink>
          )}
          {mayCall(roles, 'listWaivers') && (
            <NavLink to="/waivers">
              <FormattedMessage id="nav.waivers" />
            </NavLink>
          )}
          {mayCall(roles, 'listSnapshotHistory') && (
            <NavLink to="/lists">
              <FormattedMessage id="nav.lists" />
            </NavLink>
          )}
          {mayCall(roles, 'listParties') && (
            <NavLink to="/parties">
              <FormattedMessage id="nav.parties" />
            </NavLink>
          )}
          {mayCall(roles, 'listUsers') && (
            <NavLink to="/users">
              <FormattedMessage id="nav.users" />
            </NavLink>
          )}
          {mayCall(roles, 'listTokens') && (
            <NavLink to="/tokens">
              <FormattedMessage id="nav.tokens" />
            </NavLink>
          )}
        </nav>
        <div className="tools">
          {programmeIds.length > 1 && (
            <label>
              <FormattedMessage id="nav.programme" />{' '}
              <select value={programmeId} onChange={(event) => setProgrammeId(event.target.value)}>
                {programmeIds.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            <span className="visually-hidden">
              <FormattedMessage id="nav.language" />
            </span>
            <select
              id="language-select"
              value={locale}
              onChange={(event) => setLocale(event.target.value as Locale)}
              aria-label={intl.formatMessage({ id: 'nav.language' })}
            >
              {locales.map((code) => (
                <option key={code} value={code} lang={code}>
                  {intl.formatMessage({ id: `lang.${code}` })}
                </option>
              ))}
            </select>
          </label>
          {locale === 'ar' && (
            <label className="digits">
              <input
                type="checkbox"
                checked={arabicDigits}
                onChange={(event) => setArabicDigits(event.target.checked)}
              />{' '}
              <FormattedMessage id="nav.digits" />
            </label>
          )}
          <span className="user">
            <FormattedMessage id="nav.signedInAs" values={{ user: <Name text={me.userId} /> }} />
          </span>
          <button type="button" className="link" onClick={logout}>
            <FormattedMessage id="nav.logout" />
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </>
  );
}

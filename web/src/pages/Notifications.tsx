// What changed and what waits for the signed-in person (GET /notifications): newest first, unread
// marked, each marked read on its own or all shown at once; where to e-mail them and in which
// language; and, for an administrator, the e-mail outbox (pending when no relay is configured).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { mayCall } from '../access';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import { NoticeText } from '../components/NoticeText';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { Code, Name } from '../components/text';
import { useSession } from '../session';

export function useUnreadNotifications() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => unwrap(api.GET('/notifications/unread-count')),
    refetchInterval: 30_000,
  });
}

const atOf = (atUs: string) => new Date(Number(BigInt(atUs) / 1000n));

function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationIds: string[]) =>
      unwrap(
        api.POST('/notifications/read', {
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
          body: { notificationIds },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

function NoticeList() {
  const intl = useIntl();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/notifications', {
          params: {
            query: {
              limit: 50,
              ...(unreadOnly ? { unread: 'true' as const } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const markRead = useMarkRead();
  if (pages.error) return <ProblemAlert error={pages.error} />;
  if (!pages.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  const notices = pages.data.pages.flatMap((page) => page.items);
  const unreadShown = notices
    .filter((notice) => notice.readAtUs === null)
    .map((notice) => notice.notificationId);
  return (
    <>
      <div className="toolbar">
        <label>
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => setUnreadOnly(event.target.checked)}
          />{' '}
          <FormattedMessage id="notifications.unreadOnly" />
        </label>
        <button
          type="button"
          className="secondary"
          disabled={unreadShown.length === 0 || markRead.isPending}
          onClick={() => markRead.mutate(unreadShown.slice(0, 200))}
        >
          <FormattedMessage id="notifications.markAllRead" />
        </button>
      </div>
      <ProblemAlert error={markRead.error} />
      {notices.length === 0 ? (
        <p>
          <FormattedMessage id="notifications.empty" />
        </p>
      ) : (
        <ul className="notices">
          {notices.map((notice) => (
            <li
              key={notice.notificationId}
              className={notice.readAtUs === null ? 'notice-unread' : 'notice-read'}
              data-kind={notice.kind}
            >
              {notice.readAtUs === null && (
                <span className="badge">
                  <FormattedMessage id="notifications.new" />
                </span>
              )}{' '}
              <NoticeText notice={notice} />{' '}
              <time dateTime={atOf(notice.createdAtUs).toISOString()}>
                {intl.formatDate(atOf(notice.createdAtUs), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </time>{' '}
              {notice.readAtUs === null && (
                <button
                  type="button"
                  className="link"
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate([notice.notificationId])}
                >
                  <FormattedMessage id="notifications.markRead" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <button
          type="button"
          className="secondary"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          <FormattedMessage id="notifications.more" />
        </button>
      )}
    </>
  );
}

function ContactForm() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const contact = useQuery({
    queryKey: ['notifications', 'contact'],
    queryFn: () => unwrap(api.GET('/notifications/contact')),
  });
  const [emailAddress, setEmailAddress] = useState('');
  const [language, setLanguage] = useState<'en' | 'ar'>('en');
  const [saved, setSaved] = useState(false);
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (!contact.data) return;
    setEmailAddress(contact.data.emailAddress ?? '');
    setLanguage(contact.data.language);
  }, [contact.data]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/notifications/contact', {
          params: { header: { 'idempotency-key': key.current } },
          body: { emailAddress: emailAddress.trim() === '' ? null : emailAddress.trim(), language },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['notifications', 'contact'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    key.current = newIdempotencyKey();
    save.mutate();
  };
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby="contact-title">
      <h2 id="contact-title">
        <FormattedMessage id="notifications.contact.title" />
      </h2>
      <p>
        <FormattedMessage id="notifications.contact.help" />
      </p>
      <div className="field">
        <label htmlFor="contact-email">
          <FormattedMessage id="notifications.contact.email" />
        </label>
        <input
          id="contact-email"
          type="email"
          dir="ltr"
          maxLength={254}
          value={emailAddress}
          onChange={(event) => setEmailAddress(event.target.value)}
          aria-describedby="contact-email-error"
        />
        <FieldError id="contact-email-error" message={fieldProblem(save.error, 'emailAddress')} />
      </div>
      <div className="field">
        <label htmlFor="contact-language">
          <FormattedMessage id="notifications.contact.language" />
        </label>
        <select
          id="contact-language"
          value={language}
          onChange={(event) => setLanguage(event.target.value as 'en' | 'ar')}
        >
          {(['en', 'ar'] as const).map((code) => (
            <option key={code} value={code} lang={code}>
              {intl.formatMessage({ id: `lang.${code}` })}
            </option>
          ))}
        </select>
      </div>
      <ProblemAlert error={save.error} shownAtFields={['emailAddress']} />
      <div className="action-buttons">
        <button type="submit" disabled={save.isPending}>
          <FormattedMessage id="notifications.contact.save" />
        </button>
      </div>
      {saved && (
        <p className="notice" role="status">
          <FormattedMessage id="notifications.contact.saved" />
        </p>
      )}
    </form>
  );
}

function Outbox() {
  const intl = useIntl();
  const outbox = useQuery({
    queryKey: ['notifications', 'outbox'],
    queryFn: () => unwrap(api.GET('/notifications/outbox', { params: { query: { limit: 50 } } })),
  });
  if (outbox.error) return <ProblemAlert error={outbox.error} />;
  if (!outbox.data)
    return (
      <p>
        <FormattedMessage id="common.loading" />
      </p>
    );
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">
        <FormattedMessage id="notifications.outbox.title" />
      </h2>
      <p>
        <FormattedMessage id="notifications.outbox.help" />
      </p>
      {outbox.data.items.length === 0 ? (
        <p>
          <FormattedMessage id="notifications.outbox.empty" />
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="notifications.outbox.to" />
              </th>
              <th scope="col">
                <FormattedMessage id="notifications.outbox.subject" />
              </th>
              <th scope="col">
                <FormattedMessage id="notifications.outbox.status" />
              </th>
              <th scope="col">
                <FormattedMessage id="notifications.outbox.attempts" />
              </th>
            </tr>
          </thead>
          <tbody>
            {outbox.data.items.map((message) => (
              <tr key={message.messageId}>
                <td>
                  <Name text={message.userId} /> <Code>{message.toAddress}</Code>
                </td>
                <td>
                  <bdi dir="auto" lang={message.language}>
                    {message.subject}
                  </bdi>
                </td>
                <td>
                  <FormattedMessage id={`notifications.outbox.status.${message.status}`} />
                  {message.lastError ? (
                    <>
                      {' '}
                      · <bdi dir="auto">{message.lastError}</bdi>
                    </>
                  ) : null}
                </td>
                <td>{intl.formatNumber(message.attempts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Notifications() {
  const { roles } = useSession();
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">
        <FormattedMessage id="notifications.title" />
      </h1>
      <NoticeList />
      <ContactForm />
      {mayCall(roles, 'listMailOutbox') && <Outbox />}
    </section>
  );
}

// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../i18n/messages/en.json';
import ar from '../i18n/messages/ar.json';
import { NoticeText, noticeLink, type Notice } from './NoticeText';

afterEach(cleanup);

// as GET /notifications answers them
const base = {
  programmeId: 'iraq-iran-energy',
  createdAtUs: '1620626400000000',
  readAtUs: null,
} as const;
const notices: Notice[] = [
  {
    ...base,
    notificationId: 'ntf-0000000000000001',
    kind: 'work_waiting',
    subject: 'disbursement:PIL-1',
    params: {
      disbursementId: 'PIL-1',
      queue: 'to_approve',
      amount: '400000.00',
      amountMinor: '40000000',
      currency: 'USD',
    },
  },
  {
    ...base,
    notificationId: 'ntf-0000000000000002',
    kind: 'request_closed',
    subject: 'disbursement:PIL-2',
    params: { disbursementId: 'PIL-2', status: 'rejected', reason: 'the invoice does not match' },
  },
  {
    ...base,
    notificationId: 'ntf-0000000000000003',
    kind: 'hit_raised',
    subject: 'hit:hit-abc',
    programmeId: null,
    params: { hitId: 'hit-abc', partyId: 'p-tariq', score: 0.9312 },
  },
  {
    ...base,
    notificationId: 'ntf-0000000000000005',
    kind: 'configuration_waiting',
    subject: 'proposal:CP-7',
    params: {
      proposalId: 'CP-7',
      kind: 'waiver',
      subjectId: 'w-2021-07',
      programmeId: 'iraq-iran-energy',
      proposedBy: 'config.admin',
    },
  },
  {
    ...base,
    notificationId: 'ntf-0000000000000006',
    kind: 'role_change_waiting',
    subject: 'role-change:rc-0a1b2c3d4e5f',
    programmeId: null,
    params: {
      proposalId: 'rc-0a1b2c3d4e5f',
      userId: 'op2',
      grants: 'operator@iraq-iran-energy',
      proposedBy: 'admin1',
    },
  },
  {
    ...base,
    notificationId: 'ntf-0000000000000004',
    kind: 'waiver_expiring',
    subject: 'waiver:iraq-iran-energy/w-2021-03',
    params: {
      programmeId: 'iraq-iran-energy',
      waiverId: 'w-2021-03',
      thresholdDays: 7,
      daysRemaining: 7,
      lastDayInForce: '2021-07-23',
      channelIds: 'pilgrims, medicines',
    },
  },
];

const renderNotice = (notice: Notice, locale: 'en' | 'ar') =>
  render(
    <MemoryRouter>
      <IntlProvider locale={locale} messages={locale === 'en' ? en : ar}>
        <p>
          <NoticeText notice={notice} />
        </p>
      </IntlProvider>
    </MemoryRouter>,
  );

describe('a notice in words', () => {
  it('reads each kind in English with its facts and links to what it is about', () => {
    const texts = notices.map((notice) => renderNotice(notice, 'en').container.textContent);
    expect(texts).toEqual([
      'PIL-1 ($400,000.00) waits for you: To approve.',
      'Your request PIL-2 is now Rejected: the invoice does not match',
      'New screening hit hit-abc on p-tariq (score 0.931) waits for your decision.',
      'Configuration change CP-7 (waiver w-2021-07 on iraq-iran-energy, proposed by config.admin) waits for a second person: you.',
      'admin1 proposed the roles operator@iraq-iran-energy for op2; a second administrator approves it: qanat user approve rc-0a1b2c3d4e5f.',
      'Waiver w-2021-03 ends in 7 days (last day in force 2021-07-23); channels losing cover: pilgrims, medicines.',
    ]);
    expect(notices.map(noticeLink)).toEqual([
      '/disbursements/PIL-1',
      '/disbursements/PIL-2',
      '/screening/hit-abc',
      '/work',
      '/notifications',
      '/',
    ]);
  });

  it('reads each kind in Arabic, never falling back to the message id', () => {
    for (const notice of notices) {
      const text = renderNotice(notice, 'ar').container.textContent ?? '';
      expect(text).toMatch(/[\u0600-\u06FF]/);
      expect(text).not.toContain('notifications.');
      cleanup();
    }
    expect(renderNotice(notices[5]!, 'ar').container.textContent).toContain('7 أيام');
  });

  it('has every notifications string in both languages', () => {
    const keys = (messages: Record<string, string>) =>
      Object.keys(messages)
        .filter(
          (key) =>
            key.startsWith('notifications.') || key.startsWith('nav.notif') || key === 'nav.unread',
        )
        .sort();
    expect(keys(ar)).toEqual(keys(en));
    expect(keys(en).length).toBeGreaterThan(20);
  });
});

// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../i18n/messages/en.json';
import ar from '../i18n/messages/ar.json';
import { ActionPanel, splitActions, type ActionOption } from './ActionPanel';

afterEach(cleanup);

// what GET /disbursements/:id/workspace says for an approver on a request awaiting approval
const approverView: ActionOption[] = [
  {
    action: 'submit',
    allowed: false,
    refusal: {
      code: 'workflow.illegal_transition',
      message: 'cannot submit a disbursement in status approval',
    },
  },
  { action: 'approve', allowed: true },
  {
    action: 'reserve',
    allowed: false,
    refusal: {
      code: 'workflow.role_missing',
      message: 'approver.one needs the treasury role to reserve funds',
    },
  },
  { action: 'reject', allowed: true },
  { action: 'cancel', allowed: true },
  {
    action: 'non-objection',
    allowed: false,
    refusal: {
      code: 'workflow.role_missing',
      message: 'approver.one needs the overseer role to record a non-objection',
    },
  },
];

const renderPanel = (actions: ActionOption[], locale: 'en' | 'ar' = 'en') =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <IntlProvider locale={locale} messages={locale === 'en' ? en : ar}>
        <ActionPanel disbursementId="D-1" actions={actions} />
      </IntlProvider>
    </QueryClientProvider>,
  );

describe('the action list', () => {
  it('offers exactly the allowed actions and explains the others that a role or duty closes', () => {
    const { container } = renderPanel(approverView);
    expect(
      [...container.querySelectorAll('.action-buttons button')].map((button) => button.textContent),
    ).toEqual(['Approve', 'Reject', 'Cancel the request']);
    const closed = [...container.querySelectorAll('details li')].map((item) => item.textContent);
    expect(closed).toEqual([
      'Reserve funds: approver.one needs the treasury role to reserve funds',
      'Record non-objection: approver.one needs the overseer role to record a non-objection',
    ]);
  });

  it('offers nothing, and says so, when nothing is allowed (a duty conflict, a closed request)', () => {
    const conflicted: ActionOption[] = [
      {
        action: 'approve',
        allowed: false,
        refusal: {
          code: 'duty.conflict',
          message: 'compliance would be both compliance_decider and approver on this disbursement',
        },
      },
    ];
    const { container } = renderPanel(conflicted, 'ar');
    expect(container.querySelectorAll('.action-buttons button')).toHaveLength(0);
    expect(container.textContent).toContain('لا إجراء مطلوب منك على هذا الطلب الآن.');
    expect(container.querySelector('details li')?.textContent).toBe(
      'موافقة: compliance would be both compliance_decider and approver on this disbursement',
    );
  });

  it('splits without inventing: states the request cannot reach are not listed as closed', () => {
    const { offered, closed } = splitActions(approverView);
    expect(offered.map((option) => option.action)).toEqual(['approve', 'reject', 'cancel']);
    expect(closed.map((option) => option.action)).toEqual(['reserve', 'non-objection']);
  });
});

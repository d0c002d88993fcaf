// One notice in words, from its kind and facts (GET /notifications), with a link to what it is
// about: the disbursement, the hit to review, or the dashboard for a waiver.
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { components } from '../api/schema';
import { Amount, Code, Name } from './text';

export type Notice = components['schemas']['Notification'];

const text = (params: Notice['params'], key: string): string => String(params[key] ?? '');

export function noticeLink(notice: Notice): string {
  const [kind, id = ''] = notice.subject.split(/:(.*)/s);
  if (kind === 'disbursement') return `/disbursements/${encodeURIComponent(id)}`;
  if (kind === 'hit') return `/screening/${encodeURIComponent(id)}`;
  if (kind === 'proposal') return '/work';
  if (kind === 'role-change') return '/notifications';
  return '/';
}

export function NoticeText({ notice }: { notice: Notice }) {
  const intl = useIntl();
  const p = notice.params;
  const id = (
    <Link to={noticeLink(notice)}>
      <Code>
        {text(p, 'disbursementId') ||
          text(p, 'hitId') ||
          text(p, 'proposalId') ||
          text(p, 'waiverId')}
      </Code>
    </Link>
  );
  switch (notice.kind) {
    case 'hit_raised':
      return (
        <FormattedMessage
          id="notifications.kind.hit_raised"
          values={{
            hit: id,
            party: <Name text={text(p, 'partyId')} />,
            score: intl.formatNumber(Number(p.score), { maximumFractionDigits: 3 }),
          }}
        />
      );
    case 'waiver_expiring':
      return (
        <FormattedMessage
          id="notifications.kind.waiver_expiring"
          values={{
            waiver: id,
            days: Number(p.daysRemaining),
            lastDay: <bdi dir="ltr">{text(p, 'lastDayInForce')}</bdi>,
            channels: <Name text={text(p, 'channelIds')} />,
          }}
        />
      );
    case 'request_closed':
      return (
        <FormattedMessage
          id="notifications.kind.request_closed"
          values={{
            request: id,
            status: intl.formatMessage({ id: `status.${text(p, 'status')}` }),
            reason: <bdi dir="auto">{text(p, 'reason')}</bdi>,
          }}
        />
      );
    case 'configuration_waiting':
      return (
        <FormattedMessage
          id="notifications.kind.configuration_waiting"
          values={{
            proposal: id,
            user: <Name text={text(p, 'proposedBy')} />,
            change: <Code>{`${text(p, 'kind')} ${text(p, 'subjectId')}`}</Code>,
            programme: <Name text={text(p, 'programmeId')} />,
          }}
        />
      );
    case 'role_change_waiting':
      return (
        <FormattedMessage
          id="notifications.kind.role_change_waiting"
          values={{
            user: <Name text={text(p, 'userId')} />,
            grants: <Code>{text(p, 'grants')}</Code>,
            proposer: <Name text={text(p, 'proposedBy')} />,
            command: <Code>{`qanat user approve ${text(p, 'proposalId')}`}</Code>,
          }}
        />
      );
    case 'work_waiting':
      return (
        <FormattedMessage
          id="notifications.kind.work_waiting"
          values={{
            request: id,
            amount: <Amount minor={text(p, 'amountMinor')} currency={text(p, 'currency')} />,
            queue: intl.formatMessage({ id: `work.queue.${text(p, 'queue')}` }),
          }}
        />
      );
  }
}

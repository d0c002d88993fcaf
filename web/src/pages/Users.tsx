// Users, roles and their four-eyes changes (administrator): who holds which role where, with
// their login state; a new user (the one-time password shown once, never again); a change of
// grants, which becomes a proposal; the proposals waiting for a second administrator, whom the
// page lets approve (never the proposer, never one's own roles); and lifting a lockout.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { GrantsEditor, type Grant } from '../components/GrantsEditor';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { ReasonForm } from '../components/ReasonForm';
import { Code, Name } from '../components/text';
import './admin.css';
import { grantLabel } from '../i18n/labels';
import { useSession } from '../session';

type User = components['schemas']['User'];
type Proposal = components['schemas']['RoleChangeProposal'];

const whenUs = (intl: ReturnType<typeof useIntl>, us: string) =>
  intl.formatDate(Number(BigInt(us) / 1000n), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });

function Grants({ grants }: { grants: readonly { role: string; programmeId: string }[] }) {
  const intl = useIntl();
  if (grants.length === 0) return <FormattedMessage id="users.noGrants" />;
  return (
    <ul className="grant-list">
      {grants.map((grant) => (
        <li key={`${grant.role}@${grant.programmeId}`}>{grantLabel(intl, grant)}</li>
      ))}
    </ul>
  );
}

function CreateUser({ programmeIds }: { programmeIds: readonly string[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState('');
  const [grants, setGrants] = useState<Grant[]>([
    { role: 'operator', programmeId: programmeIds[0] ?? '*' },
  ]);
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const busy = useRef(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/users', {
          params: { header: { 'idempotency-key': key.current } },
          body: { userId: userId.trim(), grants, reason },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setUserId('');
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      await queryClient.invalidateQueries({ queryKey: ['role-changes'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // a ref, not isPending: a double click's second event comes before React re-renders
    if (busy.current) return;
    busy.current = true;
    create.mutate(undefined, {
      onSettled: () => {
        busy.current = false;
      },
    });
  };
  const userError = fieldProblem(create.error, 'userId');
  const reasonError = fieldProblem(create.error, 'reason');
  const created = create.data;
  return (
    <section aria-labelledby="create-user-title">
      <h2 id="create-user-title">
        <FormattedMessage id="users.create" />
      </h2>
      {created && (
        <div className="notice once" role="status" data-testid="one-time-password">
          <p>
            <FormattedMessage
              id="users.created"
              values={{ user: <Name text={created.userId} /> }}
            />
          </p>
          <p>
            <FormattedMessage id="users.oneTimePassword" />{' '}
            <bdi dir="ltr">
              <code data-testid="one-time-password-value">{created.oneTimePassword}</code>
            </bdi>
          </p>
          <p className="help">
            <FormattedMessage id="users.shownOnce" />
          </p>
          {created.roleChangeProposalId && (
            <p>
              <FormattedMessage
                id="users.grantsProposed"
                values={{ proposal: <Code>{created.roleChangeProposalId}</Code> }}
              />
            </p>
          )}
        </div>
      )}
      <form className="action-form create-user" onSubmit={submit}>
        <div className="field">
          <label htmlFor="new-user-id">
            <FormattedMessage id="users.userId" />
          </label>
          <input
            id="new-user-id"
            dir="ltr"
            required
            pattern="[a-z0-9][a-z0-9._\-]{0,63}"
            autoComplete="off"
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
            aria-invalid={userError ? true : undefined}
            aria-describedby="new-user-id-help new-user-id-error"
          />
          <p id="new-user-id-help" className="help">
            <FormattedMessage id="users.userIdHelp" />
          </p>
          <FieldError id="new-user-id-error" message={userError} />
        </div>
        <GrantsEditor
          id="new-user"
          grants={grants}
          programmeIds={programmeIds}
          onChange={setGrants}
        />
        <div className="field">
          <label htmlFor="new-user-reason">
            <FormattedMessage id="common.reason" />
          </label>
          <textarea
            id="new-user-reason"
            dir="auto"
            required
            minLength={20}
            maxLength={2000}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby="new-user-reason-help new-user-reason-error"
          />
          <p id="new-user-reason-help" className="help">
            <FormattedMessage id="common.reasonHelp" />
          </p>
          <FieldError id="new-user-reason-error" message={reasonError} />
        </div>
        <ProblemAlert error={create.error} shownAtFields={['userId', 'reason']} />
        <button type="submit" disabled={create.isPending} aria-busy={create.isPending}>
          {intl.formatMessage({ id: 'users.createSubmit' })}
        </button>
      </form>
    </section>
  );
}

function UserRow({ user, programmeIds }: { user: User; programmeIds: readonly string[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const [open, setOpen] = useState<'grants' | 'unlock' | undefined>();
  const [grants, setGrants] = useState<Grant[]>(
    user.grants.length > 0 ? (user.grants as Grant[]) : [{ role: 'operator', programmeId: '*' }],
  );
  const [notice, setNotice] = useState<string>();
  const locked = user.locked;
  const own = user.userId === me.userId;
  const formId = `user-${user.userId.replace(/[^a-z0-9]/g, '-')}`;
  return (
    <>
      <tr data-user={user.userId}>
        <th scope="row">
          <Name text={user.userId} />
        </th>
        <td>
          <Grants grants={user.grants} />
        </td>
        <td>{intl.formatMessage({ id: user.totpEnabled ? 'common.yes' : 'common.no' })}</td>
        <td>
          {intl.formatMessage({
            id: user.mustChangePassword ? 'users.mustChange' : 'users.passwordSet',
          })}
        </td>
        <td>
          {locked ? (
            <span className="status status-rejected">
              <FormattedMessage
                id="users.lockedUntil"
                values={{ when: whenUs(intl, user.lockedUntilUs!) }}
              />
            </span>
          ) : (
            <FormattedMessage id="users.active" />
          )}
        </td>
        <td>
          <div className="row-actions">
            {!own && (
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'grants'}
                onClick={() => setOpen(open === 'grants' ? undefined : 'grants')}
              >
                <FormattedMessage id="users.changeGrants" />
              </button>
            )}
            {locked && (
              <button
                type="button"
                className="secondary"
                aria-expanded={open === 'unlock'}
                onClick={() => setOpen(open === 'unlock' ? undefined : 'unlock')}
              >
                <FormattedMessage id="users.unlock" />
              </button>
            )}
          </div>
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
        </td>
      </tr>
      {open && (
        <tr className="row-form">
          <td colSpan={6}>
            {open === 'grants' ? (
              <ReasonForm
                id={`${formId}-grants`}
                title={intl.formatMessage({ id: 'users.changeGrantsOf' }, { user: user.userId })}
                submitLabel={intl.formatMessage({ id: 'users.proposeGrants' })}
                act={(reason, idempotencyKey) =>
                  unwrap(
                    api.POST('/users/{userId}/grants', {
                      params: {
                        path: { userId: user.userId },
                        header: { 'idempotency-key': idempotencyKey },
                      },
                      body: { grants, reason },
                    }),
                  )
                }
                onDone={async (result) => {
                  setOpen(undefined);
                  setNotice(
                    intl.formatMessage({ id: 'users.proposed' }, { proposal: result.proposalId }),
                  );
                  await queryClient.invalidateQueries({ queryKey: ['role-changes'] });
                }}
              >
                <GrantsEditor
                  id={`${formId}-edit`}
                  grants={grants}
                  programmeIds={programmeIds}
                  onChange={setGrants}
                />
              </ReasonForm>
            ) : (
              <ReasonForm
                id={`${formId}-unlock`}
                title={intl.formatMessage({ id: 'users.unlockOf' }, { user: user.userId })}
                submitLabel={intl.formatMessage({ id: 'users.unlock' })}
                act={(reason, idempotencyKey) =>
                  unwrap(
                    api.POST('/users/{userId}/unlock', {
                      params: {
                        path: { userId: user.userId },
                        header: { 'idempotency-key': idempotencyKey },
                      },
                      body: { reason },
                    }),
                  )
                }
                onDone={async () => {
                  setOpen(undefined);
                  setNotice(intl.formatMessage({ id: 'users.unlocked' }));
                  await queryClient.invalidateQueries({ queryKey: ['users'] });
                }}
              />
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function UserList({ programmeIds }: { programmeIds: readonly string[] }) {
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => unwrap(api.GET('/users', { params: { query: { limit: 200 } } })),
  });
  const items = users.data?.items ?? [];
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">
        <FormattedMessage id="users.list" />
      </h2>
      <ProblemAlert error={users.error} />
      {items.length > 0 && (
        <table data-testid="users">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="users.userId" />
              </th>
              <th scope="col">
                <FormattedMessage id="users.grants" />
              </th>
              <th scope="col">
                <FormattedMessage id="users.secondFactor" />
              </th>
              <th scope="col">
                <FormattedMessage id="users.password" />
              </th>
              <th scope="col">
                <FormattedMessage id="users.state" />
              </th>
              <th scope="col">
                <FormattedMessage id="users.actions" />
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((user) => (
              <UserRow key={user.userId} user={user} programmeIds={programmeIds} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProposalItem({ proposal }: { proposal: Proposal }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  // the server refuses these too; the page does not offer what it would refuse
  const why =
    proposal.proposedBy === me.userId
      ? 'users.ownProposal'
      : proposal.userId === me.userId
        ? 'users.ownRoles'
        : undefined;
  return (
    <li className="proposal" data-proposal={proposal.proposalId}>
      <p>
        <FormattedMessage
          id="users.proposalLine"
          values={{
            proposal: <Code>{proposal.proposalId}</Code>,
            user: <Name text={proposal.userId} />,
            by: <Name text={proposal.proposedBy} />,
            when: whenUs(intl, proposal.proposedAtUs),
          }}
        />
      </p>
      <Grants grants={proposal.grants} />
      <p className="muted">
        <FormattedMessage
          id="users.proposalReason"
          values={{ reason: <bdi dir="auto">{proposal.reason}</bdi> }}
        />
      </p>
      {why ? (
        <p className="help">
          <FormattedMessage id={why} />
        </p>
      ) : (
        <>
          <button
            type="button"
            className="secondary"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            <FormattedMessage id="users.approve" />
          </button>
          {open && (
            <ReasonForm
              id={`approve-${proposal.proposalId}`}
              title={intl.formatMessage(
                { id: 'users.approveTitle' },
                { proposal: proposal.proposalId },
              )}
              submitLabel={intl.formatMessage({ id: 'users.approve' })}
              act={(reason, idempotencyKey) =>
                unwrap(
                  api.POST('/role-changes/{proposalId}/approve', {
                    params: {
                      path: { proposalId: proposal.proposalId },
                      header: { 'idempotency-key': idempotencyKey },
                    },
                    body: { reason },
                  }),
                )
              }
              onDone={async () => {
                await queryClient.invalidateQueries({ queryKey: ['role-changes'] });
                await queryClient.invalidateQueries({ queryKey: ['users'] });
              }}
            />
          )}
        </>
      )}
    </li>
  );
}

function PendingRoleChanges() {
  const pending = useQuery({
    queryKey: ['role-changes'],
    queryFn: () =>
      unwrap(api.GET('/role-changes', { params: { query: { limit: 200, status: 'pending' } } })),
  });
  const items = pending.data?.items ?? [];
  return (
    <section aria-labelledby="role-changes-title">
      <h2 id="role-changes-title">
        <FormattedMessage id="users.pending" />
      </h2>
      <p className="help">
        <FormattedMessage id="users.pendingHelp" />
      </p>
      <ProblemAlert error={pending.error} />
      {pending.data && items.length === 0 && (
        <p>
          <FormattedMessage id="users.noPending" />
        </p>
      )}
      {items.length > 0 && (
        <ul className="proposals" data-testid="role-changes">
          {items.map((proposal) => (
            <ProposalItem key={proposal.proposalId} proposal={proposal} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function Users() {
  const programmes = useQuery({
    queryKey: ['programmes'],
    queryFn: () => unwrap(api.GET('/programmes', { params: { query: { limit: 200 } } })),
  });
  const programmeIds = (programmes.data?.items ?? []).map((item) => item.programmeId);
  return (
    <div className="users-page">
      <h1>
        <FormattedMessage id="users.title" />
      </h1>
      <PendingRoleChanges />
      <UserList programmeIds={programmeIds} />
      {programmes.data && <CreateUser programmeIds={programmeIds} />}
    </div>
  );
}

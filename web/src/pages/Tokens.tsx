// API tokens for machines acting as the signed-in person: created with scopes and a lifetime (the
// secret shown once, never again: the server keeps only its hash), listed, revoked at once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, newIdempotencyKey, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { FieldError, fieldProblem, ProblemAlert } from '../components/problem';
import { ReasonForm } from '../components/ReasonForm';
import { Code, Name } from '../components/text';
import './admin.css';
import { scopeLabel, tokenScopes } from '../i18n/labels';

type Token = components['schemas']['ApiToken'];

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

function CreateToken() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [lifetimeDays, setLifetimeDays] = useState('30');
  const key = useRef(newIdempotencyKey());
  const busy = useRef(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/tokens', {
          params: { header: { 'idempotency-key': key.current } },
          body: {
            label: label.trim(),
            scopes: scopes as never,
            lifetimeDays: Number(lifetimeDays),
          },
        }),
      ),
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      setLabel('');
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
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
  const toggle = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((entry) => entry !== scope)));
  const lifetimeError = fieldProblem(create.error, 'lifetimeDays');
  const scopesError = fieldProblem(create.error, 'scopes');
  const created = create.data;
  return (
    <section aria-labelledby="create-token-title">
      <h2 id="create-token-title">
        <FormattedMessage id="tokens.create" />
      </h2>
      {created && (
        <div className="notice once" role="status" data-testid="token-secret">
          <p>
            <FormattedMessage
              id="tokens.created"
              values={{
                token: <Code>{created.tokenId}</Code>,
                when: whenUs(intl, created.expiresAtUs),
              }}
            />
          </p>
          <p>
            <bdi dir="ltr">
              <code data-testid="token-secret-value">{created.token}</code>
            </bdi>
          </p>
          <p className="help">
            <FormattedMessage id="tokens.shownOnce" />
          </p>
        </div>
      )}
      <form className="action-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="token-label">
            <FormattedMessage id="tokens.label" />
          </label>
          <input
            id="token-label"
            dir="auto"
            required
            maxLength={100}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          />
        </div>
        <fieldset aria-describedby="token-scopes-error">
          <legend>
            <FormattedMessage id="tokens.scopes" />
          </legend>
          {tokenScopes.map((scope) => (
            <label key={scope} className="radio">
              <input
                type="checkbox"
                name="scope"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
              />{' '}
              {scopeLabel(intl, scope)} <Code>{scope}</Code>
            </label>
          ))}
          <FieldError id="token-scopes-error" message={scopesError} />
        </fieldset>
        <div className="field">
          <label htmlFor="token-lifetime">
            <FormattedMessage id="tokens.lifetime" />
          </label>
          <input
            id="token-lifetime"
            type="number"
            min={1}
            max={365}
            required
            value={lifetimeDays}
            onChange={(event) => setLifetimeDays(event.target.value)}
            aria-invalid={lifetimeError ? true : undefined}
            aria-describedby="token-lifetime-error"
          />
          <FieldError id="token-lifetime-error" message={lifetimeError} />
        </div>
        <ProblemAlert error={create.error} shownAtFields={['lifetimeDays', 'scopes']} />
        <button
          type="submit"
          disabled={create.isPending || scopes.length === 0}
          aria-busy={create.isPending}
        >
          <FormattedMessage id="tokens.createSubmit" />
        </button>
      </form>
    </section>
  );
}

function TokenRow({ token }: { token: Token }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  // by the server's clock: the browser's may differ
  const state = token.state;
  return (
    <>
      <tr data-token={token.tokenId}>
        <th scope="row">
          <Name text={token.label} />
        </th>
        <td>
          <Code>{token.tokenId}</Code>
        </td>
        <td>
          {token.scopes
            .map((scope) => scopeLabel(intl, scope))
            .join(intl.formatMessage({ id: 'tokens.scopeSeparator' }))}
        </td>
        <td>{whenUs(intl, token.createdAtUs)}</td>
        <td>{whenUs(intl, token.expiresAtUs)}</td>
        <td>
          <span className={`status status-token-${state}`}>
            <FormattedMessage id={`tokens.state.${state}`} />
          </span>
        </td>
        <td>
          {state === 'active' && (
            <button
              type="button"
              className="secondary"
              aria-expanded={open}
              onClick={() => setOpen(!open)}
            >
              <FormattedMessage id="tokens.revoke" />
            </button>
          )}
        </td>
      </tr>
      {open && state === 'active' && (
        <tr className="row-form">
          <td colSpan={7}>
            <ReasonForm
              id={`revoke-${token.tokenId}`}
              title={intl.formatMessage({ id: 'tokens.revokeTitle' }, { label: token.label })}
              submitLabel={intl.formatMessage({ id: 'tokens.revoke' })}
              act={(reason, idempotencyKey) =>
                unwrap(
                  api.POST('/tokens/{tokenId}/revoke', {
                    params: {
                      path: { tokenId: token.tokenId },
                      header: { 'idempotency-key': idempotencyKey },
                    },
                    body: { reason },
                  }),
                )
              }
              onDone={async () => {
                setOpen(false);
                await queryClient.invalidateQueries({ queryKey: ['tokens'] });
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function Tokens() {
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => unwrap(api.GET('/tokens', { params: { query: { limit: 200 } } })),
  });
  const items = tokens.data?.items ?? [];
  return (
    <div className="tokens-page">
      <h1>
        <FormattedMessage id="tokens.title" />
      </h1>
      <p className="help">
        <FormattedMessage id="tokens.help" />
      </p>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">
          <FormattedMessage id="tokens.list" />
        </h2>
        <ProblemAlert error={tokens.error} />
        {tokens.data && items.length === 0 && (
          <p>
            <FormattedMessage id="tokens.none" />
          </p>
        )}
        {items.length > 0 && (
          <table data-testid="tokens">
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="tokens.label" />
                </th>
                <th scope="col">
                  <FormattedMessage id="tokens.id" />
                </th>
                <th scope="col">
                  <FormattedMessage id="tokens.scopes" />
                </th>
                <th scope="col">
                  <FormattedMessage id="tokens.createdAt" />
                </th>
                <th scope="col">
                  <FormattedMessage id="tokens.expiresAt" />
                </th>
                <th scope="col">
                  <FormattedMessage id="tokens.stateTitle" />
                </th>
                <th scope="col">
                  <FormattedMessage id="users.actions" />
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((token) => (
                <TokenRow key={token.tokenId} token={token} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CreateToken />
    </div>
  );
}

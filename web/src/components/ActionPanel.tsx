// The actions the server says this person may take now (GET /disbursements/:id/workspace), each
// behind a small form with its required reason. One Idempotency-Key per intent: a double click,
// a second Enter or a network retry reaches the server as the same request, which it answers
// once. An action another person made impossible meanwhile comes back as a problem: the page
// refreshes and says why.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { problemText } from '../i18n/problem-text';
import { api, ApiProblem, newIdempotencyKey, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { FieldError, fieldProblem } from './problem';

export type ActionOption = components['schemas']['ActionOption'];
type ActionName = ActionOption['action'];

/** Extra fields an action's body needs beside its reason. */
export const extraFieldOf: Readonly<
  Partial<Record<ActionName, 'finding' | 'reference' | 'bankReference'>>
> = {
  override: 'finding',
  'non-objection': 'reference',
  execute: 'bankReference',
};
const extraLabel = {
  finding: 'action.finding',
  reference: 'action.reference',
  bankReference: 'action.bankReference',
} as const;

/** Only what is allowed is offered; the rest is listed with the server's reason. */
export function splitActions(actions: readonly ActionOption[]): {
  offered: ActionOption[];
  closed: ActionOption[];
} {
  return {
    offered: actions.filter((option) => option.allowed),
    closed: actions.filter(
      (option) =>
        !option.allowed &&
        option.refusal?.code !== 'workflow.illegal_transition' &&
        option.refusal?.code !== 'workflow.closed',
    ),
  };
}

function ActionForm({
  disbursementId,
  option,
  onDone,
}: {
  disbursementId: string;
  option: ActionOption;
  onDone: (message: string, stale?: ApiProblem) => void;
}) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [extra, setExtra] = useState(option.findingKeys?.[0] ?? '');
  const key = useRef(newIdempotencyKey());
  const queryClient = useQueryClient();
  const extraField = extraFieldOf[option.action];
  const label = intl.formatMessage({ id: `action.${option.action}` });
  const mutation = useMutation({
    mutationFn: async () => {
      const body = { reason, ...(extraField ? { [extraField]: extra } : {}) };
      const path =
        `/disbursements/{disbursementId}/${option.action}` as '/disbursements/{disbursementId}/approve';
      return unwrap(
        api.POST(path, {
          params: { path: { disbursementId }, header: { 'idempotency-key': key.current } },
          body: body as { reason: string },
        }),
      );
    },
    onSuccess: async () => {
      key.current = newIdempotencyKey();
      await queryClient.invalidateQueries();
      onDone(intl.formatMessage({ id: 'action.done' }, { action: label }));
    },
    onError: async (error) => {
      // a refusal about the state (someone else acted) is shown with the fresh state
      if (
        error instanceof ApiProblem &&
        (error.problem.status === 409 || error.problem.status === 422) &&
        !error.problem.field?.match(/^(reason|finding|reference|bankReference)$/)
      ) {
        key.current = newIdempotencyKey();
        await queryClient.invalidateQueries();
        onDone('', error);
      }
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.mutate();
  };
  const id = `action-${option.action}`;
  const reasonError = fieldProblem(mutation.error, 'reason');
  const extraError = extraField
    ? fieldProblem(mutation.error, extraField, 'findingKey')
    : undefined;
  const otherError =
    mutation.error &&
    !reasonError &&
    !extraError &&
    !(
      mutation.error instanceof ApiProblem &&
      (mutation.error.problem.status === 409 || mutation.error.problem.status === 422)
    )
      ? mutation.error instanceof ApiProblem
        ? problemText(mutation.error.problem, intl)
        : mutation.error.message
      : undefined;
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{label}</h3>
      {extraField && (
        <div className="field">
          <label htmlFor={`${id}-extra`}>
            <FormattedMessage id={extraLabel[extraField]} />
          </label>
          {extraField === 'finding' ? (
            <select
              id={`${id}-extra`}
              value={extra}
              onChange={(event) => setExtra(event.target.value)}
            >
              {(option.findingKeys ?? []).map((findingKey) => (
                <option key={findingKey} value={findingKey}>
                  {findingKey}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-extra`}
              dir="ltr"
              required
              maxLength={200}
              value={extra}
              onChange={(event) => setExtra(event.target.value)}
              aria-invalid={extraError ? true : undefined}
              aria-describedby={`${id}-extra-error`}
            />
          )}
          <FieldError id={`${id}-extra-error`} message={extraError} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          <FormattedMessage id="common.reason" />
        </label>
        <textarea
          id={`${id}-reason`}
          dir="auto"
          required
          minLength={20}
          maxLength={2000}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={`${id}-reason-help ${id}-reason-error`}
        />
        <p id={`${id}-reason-help`} className="help">
          <FormattedMessage id="common.reasonHelp" />
        </p>
        <FieldError id={`${id}-reason-error`} message={reasonError} />
      </div>
      {otherError && (
        <p className="field-error" role="alert">
          {otherError}
        </p>
      )}
      <button
        type="submit"
        disabled={mutation.isPending}
        aria-busy={mutation.isPending}
        data-action={option.action}
      >
        {mutation.isPending
          ? intl.formatMessage({ id: 'action.working' })
          : intl.formatMessage({ id: 'action.confirm' }, { action: label })}
      </button>
    </form>
  );
}

export function ActionPanel({
  disbursementId,
  actions,
}: {
  disbursementId: string;
  actions: readonly ActionOption[];
}) {
  const intl = useIntl();
  const [open, setOpen] = useState<ActionName>();
  const [message, setMessage] = useState<string>();
  const [stale, setStale] = useState<ApiProblem>();
  const { offered, closed } = splitActions(actions);
  const done = (text: string, problem?: ApiProblem) => {
    setOpen(undefined);
    setMessage(text || undefined);
    setStale(problem);
  };
  return (
    <section className="actions" aria-labelledby="actions-title">
      <h2 id="actions-title">
        <FormattedMessage id="detail.actions" />
      </h2>
      <div role="status">{message && <p className="notice">{message}</p>}</div>
      {stale && (
        <p className="alert" role="alert">
          <FormattedMessage
            id="common.stale"
            values={{ detail: problemText(stale.problem, intl) }}
          />
        </p>
      )}
      {offered.length === 0 && (
        <p>
          <FormattedMessage id="detail.noActions" />
        </p>
      )}
      <div className="action-buttons">
        {offered.map((option) => (
          <button
            key={option.action}
            type="button"
            className={option.action === 'reject' || option.action === 'cancel' ? 'secondary' : ''}
            aria-expanded={open === option.action}
            onClick={() => {
              setOpen(open === option.action ? undefined : option.action);
              setMessage(undefined);
              setStale(undefined);
            }}
          >
            {intl.formatMessage({ id: `action.${option.action}` })}
          </button>
        ))}
      </div>
      {open && offered.find((option) => option.action === open) && (
        <ActionForm
          key={open}
          disbursementId={disbursementId}
          option={offered.find((option) => option.action === open)!}
          onDone={done}
        />
      )}
      {closed.length > 0 && (
        <details>
          <summary>
            <FormattedMessage id="detail.closed" />
          </summary>
          <ul>
            {closed.map((option) => (
              <li key={option.action}>
                <strong>
                  <FormattedMessage id={`action.${option.action}`} />
                </strong>
                : <bdi dir="ltr">{option.refusal?.message}</bdi>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

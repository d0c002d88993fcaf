// A step that needs a recorded reason: the reason field (as the API validates it), one
// Idempotency-Key per intent so a double click or a retry acts once, the refusal at its field.
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { newIdempotencyKey } from '../api/client';
import { FieldError, fieldProblem, ProblemAlert } from './problem';

export function ReasonForm<T>({
  id,
  title,
  submitLabel,
  children,
  act,
  onDone,
}: {
  id: string;
  title: string;
  submitLabel: string;
  children?: ReactNode;
  act: (reason: string, idempotencyKey: string) => Promise<T>;
  onDone: (result: T) => void | Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const key = useRef(newIdempotencyKey());
  const busy = useRef(false);
  const mutation = useMutation({
    mutationFn: () => act(reason, key.current),
    onSuccess: async (result) => {
      key.current = newIdempotencyKey();
      setReason('');
      await onDone(result);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // a ref, not isPending: a double click's second event comes before React re-renders
    if (busy.current) return;
    busy.current = true;
    mutation.mutate(undefined, {
      onSettled: () => {
        busy.current = false;
      },
    });
  };
  const reasonError = fieldProblem(mutation.error, 'reason');
  return (
    <form className="action-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
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
      <ProblemAlert error={mutation.error} shownAtFields={['reason']} />
      <button
        type="submit"
        data-submit={id}
        disabled={mutation.isPending}
        aria-busy={mutation.isPending}
      >
        {submitLabel}
      </button>
    </form>
  );
}

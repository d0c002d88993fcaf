// API errors (problem+json) where the person is looking: at the field the problem names, or as a
// message above the form. role="alert" so a screen reader announces it.
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem } from '../api/client';
import { problemText } from '../i18n/problem-text';

export function problemOf(error: unknown): ApiProblem['problem'] | undefined {
  return error instanceof ApiProblem ? error.problem : undefined;
}

/** The problem's message if it is about `field` (or a sub-path of it, e.g. request.amount). */
export function fieldProblem(error: unknown, ...fields: string[]): string | undefined {
  const problem = problemOf(error);
  if (!problem?.field) return undefined;
  const at = problem.field.replace(/^request\./, '');
  return fields.some(
    (field) => at === field || at.startsWith(`${field}.`) || at.startsWith(`${field}[`),
  )
    ? problemText(problem)
    : undefined;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  );
}

export function ProblemAlert({
  error,
  shownAtFields = [],
}: {
  error: unknown;
  shownAtFields?: string[];
}) {
  const intl = useIntl();
  if (!error) return null;
  const problem = problemOf(error);
  if (problem?.field && shownAtFields.length > 0 && fieldProblem(error, ...shownAtFields))
    return null;
  const detail = problem
    ? `${problemText(problem, intl)}${problem.field ? ` (${problem.field})` : ''}`
    : String(error);
  return (
    <p className="alert" role="alert">
      <FormattedMessage id="common.error" values={{ detail }} />
    </p>
  );
}

// A refusal in the reader's language: the API's problem+json carries a stable code per domain
// error, and each code has an ICU message `error.<code>` (errors.en.json, errors.ar.json). The
// server's own English text is shown only for a code the web app does not know yet.
import type { IntlShape } from 'react-intl';
import type { Problem } from '../api/client';

export const errorMessageId = (code: string): string => `error.${code}`;

let current: IntlShape | undefined;
/** The locale provider keeps this in step, so plain functions (fieldProblem) translate too. */
export function setProblemIntl(intl: IntlShape): void {
  current = intl;
}

export function problemText(
  problem: Pick<Problem, 'code' | 'detail' | 'field'>,
  intl: IntlShape | undefined = current,
): string {
  const id = errorMessageId(problem.code);
  if (!intl || !Object.hasOwn(intl.messages, id)) return problem.detail;
  return intl.formatMessage({ id }, { field: problem.field ?? '' });
}

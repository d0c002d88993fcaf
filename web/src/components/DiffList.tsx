// A structured difference as the API gives it (JSON paths with before and after), one line each,
// coloured by the kind of change. Paths and values are code: they read left to right.
import { FormattedMessage } from 'react-intl';

export interface DiffLine {
  readonly path: string;
  readonly change: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const marks: Record<string, string> = { added: '+', removed: '-', changed: '~', reordered: '↕' };
const shown = (value: unknown) =>
  value === undefined
    ? ''
    : typeof value === 'string'
      ? JSON.stringify(value)
      : JSON.stringify(value);

export function DiffList({ entries, label }: { entries: readonly DiffLine[]; label?: string }) {
  if (entries.length === 0)
    return (
      <p className="muted">
        <FormattedMessage id="history.noDifference" />
      </p>
    );
  return (
    <ul className="diff" dir="ltr" aria-label={label}>
      {entries.map((entry, index) => (
        <li key={index} className={`diff-${entry.change}`}>
          <code>
            {marks[entry.change] ?? '?'} {entry.path}: {shown(entry.before)}
            {entry.before !== undefined && entry.after !== undefined ? ' → ' : ''}
            {shown(entry.after)}
          </code>
        </li>
      ))}
    </ul>
  );
}

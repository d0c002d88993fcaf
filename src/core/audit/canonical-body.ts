import canonicalize from 'canonicalize';
import type { AuditEventDraft, AuditPayloadValue, RowBindings } from './audit-event.js';

function withBigintsAsStrings(value: AuditPayloadValue): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(withBigintsAsStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, withBigintsAsStrings(inner)]),
    );
  }
  return value;
}

/** RFC 8785 (JSON Canonicalization Scheme): the same event always hashes to the same bytes. */
export function encodeAuditBody(draft: AuditEventDraft, bound?: RowBindings): string {
  if (/[\n\r]/.test(draft.kind) || /[\n\r]/.test(draft.subject))
    throw new Error('audit kind and subject must be single-line');
  const fields = {
    actor: draft.actor,
    reason: draft.reason,
    payload: withBigintsAsStrings(draft.payload),
  };
  const encoded = canonicalize(bound ? { ...fields, bound } : fields);
  if (encoded === undefined) throw new Error('audit body could not be canonicalised');
  return encoded;
}

export interface DecodedAuditBody {
  actor: string;
  reason: string;
  payload: Record<string, unknown>;
  bound?: RowBindings;
}

/** The row bindings an event carries, if any; cheap for the many events that carry none. */
export function boundRowsOf(body: string): RowBindings | undefined {
  if (!body.includes('"bound":{')) return undefined;
  return decodeAuditBody(body).bound;
}

export function decodeAuditBody(body: string): DecodedAuditBody {
  return JSON.parse(body) as DecodedAuditBody;
}

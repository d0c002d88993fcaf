// The one table from DomainError codes to HTTP statuses. Exact codes first, then the code's last
// segment; anything else a use case refuses is a well-formed request the rules reject (422).
const exactStatus: ReadonlyMap<string, number> = new Map([
  ['user.unknown', 403],
  ['programme.unknown', 404],
  ['configuration.proposal_unknown', 404],
  ['programme.version_not_found', 404],
  ['screening.snapshot_not_found', 404],
  ['party.unknown', 422],
  ['channel.unknown', 422],
  ['currency.unknown', 422],
  ['screening.lists_changing', 409],
  ['input.malformed_json', 400],
  ['input.invalid', 400],
  ['input.unknown_field', 400],
  ['input.invalid_cursor', 400],
  ['http.unsupported_media_type', 415],
  ['http.payload_too_large', 413],
  ['http.not_found', 404],
  ['auth.unauthenticated', 401],
  ['auth.session_invalid', 401],
  ['auth.token_invalid', 401],
  ['auth.login_failed', 401],
  ['auth.locked_out', 423],
  ['auth.throttled', 429],
  ['auth.csrf_failed', 403],
  ['auth.forbidden', 403],
  ['auth.scope_missing', 403],
  ['auth.second_factor_required', 403],
  ['auth.password_change_required', 403],
  ['idempotency.key_reused', 409],
  ['idempotency.in_progress', 409],
  ['idempotency.key_required', 400],
]);

const suffixStatus: readonly (readonly [RegExp, number])[] = [
  [/\.(not_found|hit_not_found|version_not_found|snapshot_not_found)$/, 404],
  [
    /\.(id_conflict|party_conflict|duplicate|already_[a-z_]+|illegal_transition|concurrent_update|hit_not_current|hit_already_decided)$/,
    409,
  ],
  [/\.(role_missing|own_request|forbidden)$/, 403],
  [/\.too_large$/, 413],
];

export function httpStatusOf(code: string): number {
  const exact = exactStatus.get(code);
  if (exact !== undefined) return exact;
  for (const [pattern, status] of suffixStatus) if (pattern.test(code)) return status;
  return 422;
}

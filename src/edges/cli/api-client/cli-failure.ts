// Exit codes that mean something to a script (README "Exit codes"), and the one error type the
// CLI's entry point turns into a message and a code.
export const exitCodes = {
  ok: 0,
  /** the rules refused: a domain error (409, 422, 404 …) */
  refused: 1,
  /** the command was wrong: unknown option, bad argument, bad input (400, 413, 415) */
  usage: 2,
  /** not logged in, session expired, second factor owed, or not allowed (401, 403) */
  auth: 3,
  /** the server did not answer, or failed (5xx) */
  unreachable: 4,
} as const;

export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

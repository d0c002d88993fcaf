/**
 * Two writers can collide on a unique key (the same new transfer id through different accounts)
 * or be picked as a deadlock victim; the transaction rolled back whole, so running it again is
 * safe, and the second run sees the first one's result (a replay or an explicit conflict).
 */
const retryableSqlStates = new Set(['23505', '40001', '40P01']);
export const writeAttemptsMax = 5;

export async function withWriteRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const sqlState = (error as { code?: unknown }).code;
      const retryable = typeof sqlState === 'string' && retryableSqlStates.has(sqlState);
      if (!retryable || attempt >= writeAttemptsMax) throw error;
    }
  }
}

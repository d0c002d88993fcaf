// A job that must never run twice at once, even across server processes: the store's adapter
// grants a named lease (PostgreSQL: a session advisory lock, released if the process dies; SQLite:
// one process owns the file, so a lock in memory).
export type LeaseOutcome<T> = { readonly ran: true; readonly result: T } | { readonly ran: false };

export interface JobLeasePort {
  /** Run `work` if no other holder has the lease on `jobName` now; otherwise return at once. */
  tryRun<T>(jobName: string, work: () => Promise<T>): Promise<LeaseOutcome<T>>;
}

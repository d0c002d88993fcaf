// Serialised answers of a few heavy reads (programme, statement, dashboard, disbursement pages),
// kept per store version: an unchanged store answers a repeated read from memory instead of
// recomputing it (a statement was about 20 queries; the dashboard one statement per month).
//
// Why this is safe, also with several server processes on one database: the version is the text
// of the audit chain heads, read with the caller in the access hook, before any of the route's
// own reads (CallerRecord.storeVersion). Every committed write appends an audit event (rows of
// bound tables are sealed into one), so an entry computed after reading version V reflects V or
// later, and a request that reads V again knows no write has committed since V. A write in
// another process changes the heads in the database, so every process sees it on its next
// request. Authentication and grants are never cached (the hook reads them on every request).
// The one thing the version cannot see is a row changed outside Qanat (manual SQL, a restore
// over a running server): entries also expire after maxAgeMs, which bounds that staleness.
import type { FastifyReply } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

export interface ReadCacheOptions {
  /** entries kept, least recently used dropped first */
  readonly entriesMax?: number;
  /** an entry older than this is recomputed even at an unchanged version */
  readonly maxAgeMs?: number;
  /** milliseconds now; injected by tests */
  readonly nowMs?: () => number;
}

interface Entry {
  readonly version: string;
  readonly computedAtMs: number;
  readonly value: Promise<unknown>;
}

// 10 s: each expiry recomputes at an unchanged version (a dashboard is ~24 statements), so a
// short age costs a steady share of a core per hot entry per process; 1 s was measurable.
export const readCacheDefaults = { entriesMax: 512, maxAgeMs: 10_000 } as const;

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly entriesMax: number;
  private readonly maxAgeMs: number;
  private readonly nowMs: () => number;
  /** recomputations (misses), for tests and diagnostics */
  computed = 0;

  constructor(options: ReadCacheOptions = {}) {
    this.entriesMax = options.entriesMax ?? readCacheDefaults.entriesMax;
    this.maxAgeMs = options.maxAgeMs ?? readCacheDefaults.maxAgeMs;
    this.nowMs = options.nowMs ?? Date.now;
  }

  /**
   * The value for `key` at `version`, computed at most once per version while fresh. Concurrent
   * callers at the same version share one computation; a failed one is not kept. Without a
   * version (a caller the hook did not read one for) nothing is cached.
   */
  async value<T>(key: string, version: string | undefined, compute: () => Promise<T>): Promise<T> {
    if (version === undefined) return compute();
    const nowMs = this.nowMs();
    const entry = this.entries.get(key);
    const fresh = entry !== undefined && nowMs - entry.computedAtMs < this.maxAgeMs;
    if (entry !== undefined && fresh && entry.version === version) {
      // least recently used goes first: re-inserting moves the key to the end
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value as Promise<T>;
    }
    this.computed += 1;
    const value = compute();
    const computed: Entry = { version, computedAtMs: nowMs, value };
    this.entries.delete(key);
    this.entries.set(key, computed);
    while (this.entries.size > this.entriesMax) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    value.catch(() => {
      if (this.entries.get(key) === computed) this.entries.delete(key);
    });
    return value;
  }

  /**
   * A JSON answer, serialised by the route's response schema (exactly as Fastify's serializer
   * would) once per version, and sent as the stored text: no recomputation, conversion or
   * validation on a repeated read.
   */
  async send(
    reply: FastifyReply,
    key: string,
    version: string | undefined,
    schema: z.ZodType,
    compute: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    const text = await this.value(`json:${key}`, version, async () => {
      const { method, url } = reply.request;
      const serialize = serializerCompiler({ schema, method, url });
      return serialize(await compute());
    });
    return reply.type('application/json; charset=utf-8').send(text);
  }

  get size(): number {
    return this.entries.size;
  }
}

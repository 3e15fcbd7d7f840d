import type { DiskCache } from './disk-cache';

// One rule for every registry answer: network off → the cache as it is, marked stale (nothing can be
// confirmed); fresh cache → use it, no request; otherwise ask once (concurrent askers share the
// request), store the answer, and on failure fall back to the cached answer marked stale. So there is
// one request per key per TTL, and a failing registry never makes known results disappear.

export type Lookup<T> =
  | { ok: true; value: T; stale: boolean; storedAt: number; error?: string }
  | { ok: false; error: string; offline?: boolean };

export interface Fetched<T> {
  value: T;
  etag?: string;
}

export interface LookupPolicy {
  network: boolean;
  ttlMs: number;
  now: () => number;
}

export class CachedLookup {
  private readonly inFlight = new Map<string, Promise<Lookup<unknown>>>();

  constructor(
    private readonly cache: DiskCache,
    private readonly policy: LookupPolicy,
  ) {}

  get<T>(key: string, fetch: (etag?: string) => Promise<Fetched<T> | 'not-modified'>): Promise<Lookup<T>> {
    const entry = this.cache.get<T>(key);
    const now = this.policy.now();
    // With the network off, nothing can be confirmed: every cached answer is shown as possibly stale.
    if (!this.policy.network) {
      return Promise.resolve(entry ? { ok: true, value: entry.value, stale: true, storedAt: entry.storedAt } : { ok: false, error: 'not in the cache and network use is off', offline: true });
    }
    if (entry && now - entry.storedAt < this.policy.ttlMs) return Promise.resolve({ ok: true, value: entry.value, stale: false, storedAt: entry.storedAt });
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<Lookup<T>>;
    const request = (async (): Promise<Lookup<T>> => {
      try {
        const got = await fetch(entry?.etag);
        const storedAt = this.policy.now();
        if (got === 'not-modified' && entry) {
          this.cache.set(key, entry.value, storedAt, entry.etag);
          return { ok: true, value: entry.value, stale: false, storedAt };
        }
        if (got === 'not-modified') throw new Error('the registry answered 304 Not Modified to a request without a cached copy');
        this.cache.set(key, got.value, storedAt, got.etag);
        return { ok: true, value: got.value, stale: false, storedAt };
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        return entry ? { ok: true, value: entry.value, stale: true, storedAt: entry.storedAt, error } : { ok: false, error };
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, request);
    return request;
  }

  /** Entries for many keys at once: the fresh ones from the cache, the rest fetched together by `fetchMany`. */
  async getMany<T>(keys: string[], fetchMany: (missing: string[]) => Promise<Map<string, T>>): Promise<{ values: Map<string, Lookup<T>>; error?: string }> {
    const values = new Map<string, Lookup<T>>();
    const missing: string[] = [];
    const now = this.policy.now();
    for (const key of new Set(keys)) {
      const entry = this.cache.get<T>(key);
      if (this.policy.network && entry && now - entry.storedAt < this.policy.ttlMs) values.set(key, { ok: true, value: entry.value, stale: false, storedAt: entry.storedAt });
      else missing.push(key);
    }
    if (!missing.length) return { values };
    const fallback = (error: string, offline?: boolean) => {
      for (const key of missing) {
        const entry = this.cache.get<T>(key);
        values.set(key, entry ? { ok: true, value: entry.value, stale: true, storedAt: entry.storedAt, error } : { ok: false, error, offline });
      }
    };
    if (!this.policy.network) {
      fallback('not in the cache and network use is off', true);
      return { values };
    }
    try {
      const fetched = await fetchMany(missing);
      const storedAt = this.policy.now();
      for (const key of missing) {
        const value = fetched.get(key);
        if (value === undefined) continue;
        this.cache.set(key, value, storedAt);
        values.set(key, { ok: true, value, stale: false, storedAt });
      }
      return { values };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      fallback(error);
      return { values, error };
    }
  }
}

import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

// A persistent key → JSON cache: one file per key, written to a temporary name and renamed into place,
// so a crash or a concurrent writer leaves either the old entry or the new one, never half of one.
// A file that does not parse is treated as absent (and replaced on the next write). Without a folder
// it is a memory-only cache. Entries keep their time of storing; freshness is the caller's TTL.

export interface CacheEntry<T> {
  key: string;
  storedAt: number;
  value: T;
  etag?: string;
}

const FORMAT = 'v1';

export class DiskCache {
  private readonly memory = new Map<string, CacheEntry<unknown>>();
  private readonly dir: string | undefined;
  /** Problems writing (disk full, read-only folder): reported once by the caller, never thrown. */
  readonly writeErrors: string[] = [];

  constructor(dir: string | undefined) {
    this.dir = dir && path.join(dir, 'deps', FORMAT);
  }

  private file(key: string): string {
    return path.join(this.dir as string, `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.json`);
  }

  get<T>(key: string): CacheEntry<T> | undefined {
    const known = this.memory.get(key);
    if (known || !this.dir) return known as CacheEntry<T> | undefined;
    try {
      const entry = JSON.parse(fs.readFileSync(this.file(key), 'utf8')) as CacheEntry<T>;
      // The key is stored too: a hash collision or a foreign file is not taken for this entry.
      if (entry?.key !== key || typeof entry.storedAt !== 'number') return undefined;
      this.memory.set(key, entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  set<T>(key: string, value: T, storedAt: number, etag?: string): CacheEntry<T> {
    const entry: CacheEntry<T> = { key, storedAt, value, ...(etag ? { etag } : {}) };
    this.memory.set(key, entry);
    if (!this.dir) return entry;
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(entry));
      fs.renameSync(tmp, file);
    } catch (e) {
      this.writeErrors.push(`cannot write the cache in ${this.dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing more to do
      }
    }
    return entry;
  }
}

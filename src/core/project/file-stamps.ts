import * as fs from 'fs';

// Facts read from files are cached until one of those files changes. A FileTracker reads files and
// remembers what it saw of each (mtime and size, or "missing"); the cache asks `unchanged` before reusing
// an answer. Missing files are remembered too, so creating one (npm install) also invalidates the answer.

export interface Stamp {
  file: string;
  /** undefined: the file did not exist (or was not a file). */
  mtimeMs: number | undefined;
  size: number | undefined;
}

export function stampOf(file: string): Stamp {
  try {
    const stat = fs.statSync(file);
    if (stat.isFile()) return { file, mtimeMs: stat.mtimeMs, size: stat.size };
  } catch {
    // missing or unreadable: stamped as missing
  }
  return { file, mtimeMs: undefined, size: undefined };
}

/** True when every file is as it was stamped (same mtime and size, or still missing). */
export function unchanged(stamps: readonly Stamp[]): boolean {
  return stamps.every((s) => {
    const now = stampOf(s.file);
    return now.mtimeMs === s.mtimeMs && now.size === s.size;
  });
}

export class FileTracker {
  readonly stamps: Stamp[] = [];

  /** Whether the file exists, remembered for invalidation. */
  exists(file: string): boolean {
    return this.stamp(file).mtimeMs !== undefined;
  }

  /** The file's text, or undefined when it is missing or unreadable. Stat comes before read, so a write in
   *  between leaves an older stamp and the next lookup recomputes. */
  read(file: string): string | undefined {
    if (this.stamp(file).mtimeMs === undefined) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The file parsed as a JSON object, or undefined when it is missing, unreadable or not a JSON object. */
  readJsonObject(file: string): Record<string, unknown> | undefined {
    const text = this.read(file);
    return text === undefined ? undefined : parseJsonObject(text);
  }

  private stamp(file: string): Stamp {
    const known = this.stamps.find((s) => s.file === file);
    if (known) return known;
    const stamp = stampOf(file);
    this.stamps.push(stamp);
    return stamp;
  }
}

/** JSON.parse that never throws: anything but a JSON object (after an optional BOM) is undefined. */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

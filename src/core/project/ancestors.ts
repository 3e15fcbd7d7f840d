import * as path from 'path';

/**
 * `dir` and its parents, nearest first, ending at `stopAt` (inclusive) when `stopAt` is `dir` or one of its
 * parents, else at the file-system root. `stopAt` is the workspace folder: facts about a project never come
 * from above it.
 */
export function ancestors(dir: string, stopAt?: string): string[] {
  const start = path.resolve(dir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  const bounded = stop !== undefined && isInside(start, stop);
  const out: string[] = [];
  for (let current = start; ; current = path.dirname(current)) {
    out.push(current);
    if ((bounded && samePath(current, stop)) || path.dirname(current) === current) return out;
  }
}

/** True when `inner` is `outer` or inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(fold(outer), fold(inner));
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

function samePath(a: string, b: string): boolean {
  return fold(path.resolve(a)) === fold(path.resolve(b));
}

/** Windows and macOS paths are compared case-insensitively (their default file systems are). */
function fold(p: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

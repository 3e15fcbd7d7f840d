import * as fs from 'fs';
import * as path from 'path';

// Whether a path is tracked by git, read from `.git/index` directly (no git process): the index lists every
// tracked path. Formats 2 and 3 are read; format 4 compresses paths and answers undefined ("cannot tell").

const MAX_INDEX_BYTES = 16 * 1024 * 1024;

/** Tracked paths (relative to the repository root, with `/`) that `wanted` accepts; undefined when unknown. */
export function trackedPaths(repoRoot: string, wanted: (file: string) => boolean): string[] | undefined {
  const file = path.join(repoRoot, '.git', 'index');
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_INDEX_BYTES) return undefined;
    return parseIndex(fs.readFileSync(file), wanted);
  } catch {
    return undefined; // no index yet (nothing staged), a worktree's .git file, or unreadable
  }
}

export function parseIndex(index: Buffer, wanted: (path: string) => boolean): string[] | undefined {
  if (index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = index.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = index.readUInt32BE(8);
  const out: string[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > index.length) return undefined;
    const flags = index.readUInt16BE(at + 60);
    const extended = version === 3 && (flags & 0x4000) !== 0;
    const nameStart = at + 62 + (extended ? 2 : 0);
    const nameEnd = index.indexOf(0, nameStart);
    if (nameEnd < 0) return undefined;
    const name = index.toString('utf8', nameStart, nameEnd);
    if (wanted(name)) out.push(name);
    // Entries are NUL-padded to a multiple of 8 bytes, with at least one NUL.
    const length = nameEnd - at;
    at += length + (8 - (length % 8));
  }
  return out;
}

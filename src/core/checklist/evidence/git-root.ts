import * as fs from 'fs';
import * as path from 'path';

/** The folder holding `.git` (a folder, or the file of a worktree or submodule) at or above `dir`. */
export function gitRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

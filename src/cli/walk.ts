import * as fs from 'fs';
import * as path from 'path';
import { languageForFile } from '../core/parsing/languages';
import { IgnoreFile, IgnoreStack } from './gitignore';
import { SKIP_DIRS } from '../core/skip-dirs';
import { UsageError } from './args';

export { SKIP_DIRS };

export interface Skipped {
  /** Absolute path. */
  file: string;
  reason: string;
}

export interface WalkResult {
  /** Absolute paths of the files to analyse, sorted, without duplicates. */
  files: string[];
  skipped: Skipped[];
}

/**
 * Expands the paths given on the command line into the files to analyse. Paths named explicitly are
 * always taken (a file in node_modules or one .gitignore lists is analysed when you name it); inside a
 * folder, SKIP_DIRS, every .gitignore from the repository root down, .git/info/exclude and the
 * languages the engine knows decide. A path that does not exist is a usage error.
 */
export function collectFiles(paths: readonly string[], cwd: string): WalkResult {
  const files = new Set<string>();
  const skipped: Skipped[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
    if (stat.isDirectory()) {
      const root = gitRoot(abs) ?? abs;
      walkDir(abs, toPosix(path.relative(root, abs)), ancestorIgnores(root, abs), files, skipped);
    } else if (stat.isFile()) {
      files.add(abs);
    } else {
      skipped.push({ file: abs, reason: 'not a regular file' });
    }
  }
  return { files: [...files].sort(), skipped };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The folder holding `.git` (a folder, or a file in worktrees and submodules) at or above `dir`. */
function gitRoot(dir: string): string | undefined {
  for (let d = dir; ; ) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

function readIgnoreFile(file: string, base: string): IgnoreFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return new IgnoreFile(base, text);
}

/** .git/info/exclude and the .gitignore files from `root` down to the parent of `dir`. */
function ancestorIgnores(root: string, dir: string): IgnoreStack {
  let stack = new IgnoreStack().with(readIgnoreFile(path.join(root, '.git', 'info', 'exclude'), ''));
  const rel = path.relative(root, dir);
  if (!rel) return stack;
  const parts = rel.split(path.sep);
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    stack = stack.with(readIgnoreFile(path.join(root, ...parts.slice(0, i), '.gitignore'), base));
  }
  return stack;
}

function walkDir(dir: string, rel: string, inherited: IgnoreStack, files: Set<string>, skipped: Skipped[]): void {
  const stack = inherited.with(readIgnoreFile(path.join(dir, '.gitignore'), rel));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    skipped.push({ file: dir, reason: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const childRel = rel ? `${rel}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Linked files are analysed; linked folders are not followed (they may loop or leave the project).
      try {
        const target = fs.statSync(full);
        isDir = false;
        isFile = target.isFile();
        if (target.isDirectory()) continue;
      } catch {
        if (languageForFile(entry.name) && !stack.ignores(childRel, false)) skipped.push({ file: full, reason: 'broken symbolic link' });
        continue;
      }
    }
    if (isDir) {
      if (SKIP_DIRS.has(entry.name) || stack.ignores(childRel, true)) continue;
      walkDir(full, childRel, stack, files, skipped);
    } else if (isFile) {
      if (!languageForFile(entry.name) || stack.ignores(childRel, false)) continue;
      files.add(full);
    }
  }
}

import * as fs from 'fs';
import * as path from 'path';
import { SKIP_DIRS } from '../../skip-dirs';

// A cheap, bounded view of a workspace for the evidence detectors: the file list (breadth first, so the
// files near the root are seen first when the cap is hit), and small files read once on demand. It never
// follows symbolic links and never enters dependency, VCS, build or virtual-environment folders.

/** Folders whose contents say nothing about the learner's own project, and can be huge. */
const SKIPPED_DIRS = new Set([
  ...SKIP_DIRS, // what every walk skips, and what a project's own evidence never lives in:
  '.nuxt',
  '.cache',
  'env',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
  'bower_components',
  'vendor',
])

export const DEFAULT_MAX_FILES = 5000;
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024;

export interface WorkspaceOptions {
  maxFiles?: number;
  maxFileBytes?: number;
}

export class Workspace {
  /** Relative paths with `/`, in walk order (breadth first, names sorted). */
  readonly files: string[] = [];
  /** The file cap was hit: what the detectors did not find may exist further down. */
  truncated = false;
  private readonly fileSet = new Set<string>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly maxFileBytes: number;

  private constructor(
    readonly root: string,
    options: WorkspaceOptions,
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  static read(root: string, options: WorkspaceOptions = {}): Workspace {
    const ws = new Workspace(path.resolve(root), options);
    ws.walk(options.maxFiles ?? DEFAULT_MAX_FILES);
    return ws;
  }

  private walk(maxFiles: number): void {
    const queue = [''];
    while (queue.length) {
      const rel = queue.shift() as string;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(this.root, rel), { withFileTypes: true });
      } catch {
        continue; // unreadable folder: it simply holds no evidence
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const child = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) queue.push(child);
        } else if (e.isFile()) {
          if (this.files.length >= maxFiles) {
            this.truncated = true;
            return;
          }
          this.files.push(child);
          this.fileSet.add(child);
        }
      }
    }
  }

  /** Files whose relative path matches. */
  filter(test: RegExp | ((rel: string) => boolean)): string[] {
    return this.files.filter(typeof test === 'function' ? test : (f) => test.test(f));
  }

  /** The file's text, or undefined when it is not listed, larger than the cap, or unreadable. Read once. */
  read(rel: string): string | undefined {
    if (this.texts.has(rel)) return this.texts.get(rel);
    let text: string | undefined;
    if (this.fileSet.has(rel)) text = readSmall(path.join(this.root, rel), this.maxFileBytes);
    this.texts.set(rel, text);
    return text;
  }
}

function readSmall(file: string, maxBytes: number): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

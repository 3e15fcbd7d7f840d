import * as fs from 'fs';
import * as path from 'path';
import type { Detector } from './detector';
import { trackedPaths } from './git-index';
import { gitRoot } from './git-root';
import { ignoreDecision } from './ignore-rules';

// Secrets stay out of the repository: git ignores the workspace's `.env` (a rule in .git/info/exclude or a
// .gitignore from the repository root down to the workspace), and no `.env` in the workspace is tracked
// anyway (an ignore rule does not untrack a file that was committed before it).

export const envIgnored: Detector = {
  id: 'env-ignored',
  title: '.env ignored by git',
  looksFor: 'a .gitignore rule that matches .env, and no .env file tracked in the git index',
  detect({ ws }) {
    const repo = gitRoot(ws.root);
    const envFile = path.join(ws.root, '.env');
    // Lowest precedence first: the last file with a matching pattern decides, as in git.
    const sources: { label: string; file: string; base: string }[] = [];
    if (repo) sources.push({ label: '.git/info/exclude', file: path.join(repo, '.git', 'info', 'exclude'), base: repo });
    for (const dir of foldersFrom(repo ?? ws.root, ws.root)) sources.push({ label: posix(path.relative(ws.root, path.join(dir, '.gitignore'))), file: path.join(dir, '.gitignore'), base: dir });

    let rule: string | undefined;
    let anyGitignore = false;
    for (const source of sources) {
      const text = readSmall(source.file);
      if (text === undefined) continue;
      if (source.label.endsWith('.gitignore')) anyGitignore = true;
      const decision = ignoreDecision(text, posix(path.relative(source.base, envFile)));
      if (decision) rule = decision.ignored ? `${source.label} ignores .env (\`${decision.pattern}\`)` : undefined;
    }

    const inside = repo ? posix(path.relative(repo, ws.root)) : '';
    const tracked = repo && trackedPaths(repo, (f) => (f === '.env' || f.endsWith('/.env')) && (!inside || f.startsWith(`${inside}/`)));
    if (tracked && tracked.length) {
      const shown = tracked.map((f) => (inside ? f.slice(inside.length + 1) : f));
      return { detector: this.id, found: false, detail: `${shown.join(', ')} is committed to git${rule ? ` although ${rule}` : ''}: remove it from the index (git rm --cached) and rotate its secrets` };
    }
    if (!rule) return { detector: this.id, found: false, detail: anyGitignore ? 'no .gitignore rule matches .env' : 'no .gitignore' };
    return { detector: this.id, found: true, detail: tracked ? `${rule}; no .env tracked` : rule };
  },
};

/** `from` and each folder below it down to `to` (inclusive), outermost first. */
function foldersFrom(from: string, to: string): string[] {
  const out = [to];
  for (let d = to; d !== from && path.dirname(d) !== d; ) {
    d = path.dirname(d);
    out.unshift(d);
  }
  return out;
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

function readSmall(file: string): string | undefined {
  try {
    return fs.statSync(file).size < 1024 * 1024 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

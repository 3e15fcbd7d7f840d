// Does one gitignore file ignore one file? That narrow question needs only part of gitignore(5):
// negation (`!`), last match wins, escapes (`\#`, `\!`), folder-only patterns (a trailing `/`, which never
// match a file), patterns without a slash matching the name at any depth, patterns with one anchored to the
// gitignore's folder, and the globs `*`, `?`, `[...]` and `**`. (A folder pattern that ignores a parent
// folder of the file is not considered: the walker of a workspace does not ignore the workspace itself.)

export interface IgnoreDecision {
  /** false: the last matching pattern is a negation that re-includes the file. */
  ignored: boolean;
  pattern: string;
}

/**
 * What this gitignore says about `relPath` (the file's path relative to the gitignore's folder, with `/`):
 * the last matching pattern, or undefined when none matches.
 */
export function ignoreDecision(gitignore: string, relPath: string): IgnoreDecision | undefined {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  let decision: IgnoreDecision | undefined;
  for (const raw of gitignore.split(/\r?\n/)) {
    let pattern = raw.replace(/(?<!\\)\s+$/, '');
    if (!pattern || pattern.startsWith('#')) continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    if (pattern.endsWith('/')) continue; // folders only
    pattern = pattern.replace(/^\\(?=[#!])/, '');
    const anchored = pattern.slice(0, -1).includes('/');
    const matches = anchored ? globToRegExp(pattern.replace(/^\//, '')).test(relPath) : globToRegExp(pattern).test(name);
    if (matches) decision = { ignored: !negated, pattern: raw.trim() };
  }
  return decision;
}

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('**/', i) && (i === 0 || glob[i - 1] === '/')) {
      out += '(?:.*/)?'; // any number of folders
      i += 2;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '/.*'; // everything inside
      i += 2;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]);
    else out += escape(c);
  }
  return new RegExp(`^${out}$`);
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

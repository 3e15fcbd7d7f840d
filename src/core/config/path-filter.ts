// `exclude` globs, gitignore-style: `generated/**`, `*.min.js`, `legacy/`, `src/**/fixtures/*.py`.
// A pattern without a slash (other than a trailing one) matches at any depth; one with a slash is anchored
// at the folder of the configuration. `**` spans folders, `*` and `?` stay within one, `{a,b}` picks one.

function globToRegex(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/');
  const dirOnly = g.endsWith('/');
  if (dirOnly) g = g.slice(0, -1);
  const anchored = g.includes('/');
  if (g.startsWith('/')) g = g.slice(1);
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const ch = g[i];
    if (ch === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const close = g.indexOf('}', i);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      out += '(?:' + g.slice(i + 1, close).split(',').map(escape).join('|') + ')';
      i = close;
    } else out += escape(ch);
  }
  // a match on a folder covers everything inside it
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out}(?:/.*)?$`.replace('(?:/.*)?$', dirOnly ? '/.*$' : '(?:/.*)?$'));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A predicate over paths relative to the configuration's folder, with `/` separators. */
export function excludeFilter(globs: readonly string[]): (relativePath: string) => boolean {
  const regexes = globs.filter((g) => g.trim() && !g.trim().startsWith('#')).map(globToRegex);
  if (!regexes.length) return () => false;
  return (rel) => {
    const p = rel.replace(/\\/g, '/').replace(/^\.\//, '');
    return regexes.some((r) => r.test(p));
  };
}

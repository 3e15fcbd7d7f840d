// A small .gitignore matcher, following gitignore(5):
// - blank lines and lines starting with `#` are ignored; `\#` and `\!` start a literal `#` or `!`;
// - trailing spaces are dropped unless escaped with a backslash;
// - `!pattern` re-includes what an earlier pattern excluded (the last matching pattern wins; a file
//   inside an excluded folder cannot be re-included, because the walker never enters that folder);
// - a trailing `/` matches folders only;
// - a pattern with a `/` at its start or middle is anchored to the .gitignore's folder; one without
//   matches a name at any depth below it;
// - `*` and `?` never match `/`; `[a-z]`, `[!a-z]` are character classes; a leading `**/`, a trailing
//   `/**` and a middle `/**/` match any number of folders; any other `**` acts like `*`.

interface Pattern {
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
  source: string;
}

export class IgnoreFile {
  readonly patterns: Pattern[];

  /** `base` is the folder the file lives in, relative to the walk's root, with `/` (`''` for the root). */
  constructor(
    readonly base: string,
    text: string,
  ) {
    this.patterns = [];
    for (const raw of text.split(/\r?\n/)) {
      const p = parsePattern(raw);
      if (p) this.patterns.push(p);
    }
  }

  /**
   * true: ignored, false: re-included by a negation, undefined: no pattern here says anything.
   * `relPath` is relative to the walk's root, with `/`.
   */
  decide(relPath: string, isDir: boolean): boolean | undefined {
    let rel = relPath;
    if (this.base) {
      if (!relPath.startsWith(this.base + '/')) return undefined;
      rel = relPath.slice(this.base.length + 1);
    }
    for (let i = this.patterns.length - 1; i >= 0; i--) {
      const p = this.patterns[i];
      if (p.dirOnly && !isDir) continue;
      if (p.regex.test(rel)) return !p.negated;
    }
    return undefined;
  }
}

/** The .gitignore files in force for a folder, outermost first. */
export class IgnoreStack {
  constructor(private readonly files: readonly IgnoreFile[] = []) {}

  with(file: IgnoreFile | undefined): IgnoreStack {
    return file && file.patterns.length ? new IgnoreStack([...this.files, file]) : this;
  }

  /** Deeper files override shallower ones, as git does. */
  ignores(relPath: string, isDir: boolean): boolean {
    for (let i = this.files.length - 1; i >= 0; i--) {
      const d = this.files[i].decide(relPath, isDir);
      if (d !== undefined) return d;
    }
    return false;
  }
}

function parsePattern(raw: string): Pattern | undefined {
  let line = raw;
  if (line === '' || line.startsWith('#')) return undefined;
  // Trailing spaces are dropped unless the last one is escaped.
  line = line.replace(/(?<!\\) +$/, '');
  if (line.endsWith('\\ ')) line = line.slice(0, -2) + ' ';
  if (line === '') return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  }
  let dirOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    dirOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = translate(line);
  if (body === undefined) return undefined;
  const regex = new RegExp('^' + (anchored ? '' : '(?:.*/)?') + body + '$');
  return { regex, negated, dirOnly, source: raw };
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

function escapeChar(c: string): string {
  return c.replace(REGEX_SPECIAL, '\\$&');
}

/** A glob (already stripped of `!`, leading and trailing `/`) as a regular expression body. */
function translate(glob: string): string | undefined {
  let re = '';
  let i = 0;
  const n = glob.length;
  while (i < n) {
    // `**` as a whole segment: any number of folders (none included) before a `/`, anything at the end.
    if ((i === 0 || glob[i - 1] === '/') && glob.startsWith('**', i) && (i + 2 === n || glob[i + 2] === '/')) {
      if (i + 2 === n) {
        re += '.*';
        i += 2;
      } else {
        re += '(?:.*/)?';
        i += 3;
      }
      continue;
    }
    const c = glob[i];
    if (c === '\\') {
      if (i + 1 < n) re += escapeChar(glob[i + 1]);
      i += 2;
      continue;
    }
    if (c === '*') {
      while (glob[i] === '*') i++;
      re += '[^/]*';
      continue;
    }
    if (c === '?') {
      re += '[^/]';
      i++;
      continue;
    }
    if (c === '[') {
      const cls = characterClass(glob, i);
      if (cls) {
        re += cls.regex;
        i = cls.end;
        continue;
      }
      re += '\\[';
      i++;
      continue;
    }
    re += escapeChar(c);
    i++;
  }
  return re;
}

/** `[...]` starting at `start`: its regex and the index after `]`, or undefined when it never closes. */
function characterClass(glob: string, start: number): { regex: string; end: number } | undefined {
  let i = start + 1;
  let negate = false;
  if (glob[i] === '!' || glob[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < glob.length) {
    const c = glob[i];
    if (c === ']' && !first) {
      if (body === '') return undefined;
      // Classes never match `/`, as with fnmatch(FNM_PATHNAME).
      return { regex: negate ? `[^/${body}]` : `(?!/)[${body}]`, end: i + 1 };
    }
    first = false;
    if (c === '\\' && i + 1 < glob.length) {
      body += '\\' + glob[i + 1];
      i += 2;
      continue;
    }
    if (c === '[' && glob[i + 1] === ':') {
      const close = glob.indexOf(':]', i + 2);
      if (close > 0) {
        const named = POSIX_CLASSES[glob.slice(i + 2, close)];
        if (named) {
          body += named;
          i = close + 2;
          continue;
        }
      }
    }
    body += c === '-' ? '-' : c === ']' || c === '^' || c === '\\' || c === '[' ? '\\' + c : c;
    i++;
  }
  return undefined;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: ' \\t\\n\\r\\f\\v',
  xdigit: '0-9a-fA-F',
  punct: '!-\\/:-@\\[-`{-~',
  blank: ' \\t',
};

// Dot-path globs used by rule patterns: `**.query`, `{req,request}.{body,query}`, `$queryRaw*`.

const cache = new Map<string, RegExp[][]>();
/** Stands for `**` in a compiled pattern; compared by identity on the hot path. */
const DOUBLE_STAR = /\*\*/;

function segmentRegex(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '{') {
      const close = segment.indexOf('}', i);
      if (close < 0) throw new Error(`unclosed '{' in "${segment}"`);
      const options = segment.slice(i + 1, close).split(',');
      out += '(?:' + options.map(escapeRegex).join('|') + ')';
      i = close;
    } else out += escapeRegex(ch);
  }
  return new RegExp('^' + out + '$');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits on dots that are not inside `{...}`. */
function splitPath(pattern: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of pattern) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === '.' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Alternatives whose members contain dots (`{a.b,c}`) expand into separate patterns first. */
function compile(pattern: string): RegExp[][] {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = expandDottedAlternatives(pattern).map((p) =>
      p === '' ? [] : splitPath(p).map((seg) => (seg === '**' ? DOUBLE_STAR : segmentRegex(seg))),
    );
    cache.set(pattern, compiled);
  }
  return compiled;
}

function expandDottedAlternatives(pattern: string): string[] {
  const match = /\{([^{}]*\.[^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const head = pattern.slice(0, match.index);
  const tail = pattern.slice(match.index + match[0].length);
  return match[1].split(',').flatMap((option) => expandDottedAlternatives(head + option + tail));
}

function matchFrom(pattern: RegExp[], pi: number, segments: readonly string[], si: number, prefix: boolean): boolean {
  if (pi === pattern.length) return prefix || si === segments.length;
  const re = pattern[pi];
  if (re === DOUBLE_STAR) {
    for (let k = si; k <= segments.length; k++) if (matchFrom(pattern, pi + 1, segments, k, prefix)) return true;
    return false;
  }
  if (si >= segments.length || !re.test(segments[si])) return false;
  return matchFrom(pattern, pi + 1, segments, si + 1, prefix);
}

/** Whole-path match: `**.query` matches ["pool", "query"]. */
export function matchPath(pattern: string, segments: readonly string[]): boolean {
  return compile(pattern).some((p) => matchFrom(p, 0, segments, 0, false));
}

/** Prefix match: `req.body` matches ["req", "body", "name"]; returns how many segments the prefix took. */
export function matchPathPrefix(pattern: string, segments: readonly string[]): number {
  for (const p of compile(pattern)) {
    if (p.includes(DOUBLE_STAR)) continue; // prefixes are plain member chains
    if (p.length <= segments.length && matchFrom(p, 0, segments.slice(0, p.length), 0, false)) return p.length;
  }
  return 0;
}

/** Throws with a readable message when a pattern cannot compile; the rule loader reports it. */
export function checkPattern(pattern: string): void {
  compile(pattern);
}

import type { Distance } from './model';

// Python versions and specifiers (PEP 440), as much as dependency checks need: parse, compare, match
// `==`, `!=`, `>=`, `<=`, `>`, `<`, `~=`, `===`, `==X.*`, plus Poetry's `^` and `~` constraints.

export interface Pep440Version {
  epoch: number;
  release: number[];
  pre?: [string, number];
  post?: number;
  dev?: number;
  text: string;
}

const VERSION = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;
const PRE_NAMES: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

export function parsePep440(text: string): Pep440Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return {
    epoch: m[1] ? Number(m[1]) : 0,
    release: m[2].split('.').map(Number),
    pre: m[3] ? [PRE_NAMES[m[3].toLowerCase()], Number(m[4] || 0)] : undefined,
    post: m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[6] || 0) : undefined,
    dev: m[7] !== undefined ? Number(m[7] || 0) : undefined,
    text: text.trim(),
  };
}

export function isPrerelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** PEP 440 ordering: dev < pre < final < post, each compared by its number. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  const r = compareRelease(a.release, b.release);
  if (r) return r;
  // A key per phase: a dev release of a final sorts before its pre-releases.
  const phase = (v: Pep440Version): number[] => {
    if (v.pre) return [1, PRE_ORDER[v.pre[0]], v.pre[1], v.post ?? -1, v.dev ?? Infinity];
    if (v.post === undefined && v.dev !== undefined) return [0, 0, 0, -1, v.dev];
    return [2, 0, 0, v.post ?? -1, v.dev ?? Infinity];
  };
  const pa = phase(a);
  const pb = phase(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}

interface Clause {
  op: string;
  version: string;
}

/** Splits `>=1.2, <2` (and Poetry's `^1.2`, `~1.2`, `1.2.3`, `*`) into clauses; undefined if unreadable. */
export function parseSpecifier(spec: string): Clause[] | undefined {
  const out: Clause[] = [];
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part === '*') continue;
    const m = /^(===|==|!=|~=|>=|<=|>|<|\^|~)?\s*([A-Za-z0-9_.!+*-]+)$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? '==';
    const version = m[2];
    if (op === '^' || op === '~') {
      const v = parsePep440(version);
      if (!v) return undefined;
      const r = v.release;
      // Poetry: ^1.2.3 → <2.0.0, ^0.2.3 → <0.3.0, ^0.0.3 → <0.0.4; ~1.2.3 → <1.3.0, ~1 → <2.
      let upper: number[];
      if (op === '^') {
        const first = r.findIndex((n) => n !== 0);
        const i = first < 0 ? r.length - 1 : first;
        upper = [...r.slice(0, i), r[i] + 1];
      } else upper = r.length === 1 ? [r[0] + 1] : [r[0], r[1] + 1];
      out.push({ op: '>=', version }, { op: '<', version: upper.join('.') });
      continue;
    }
    out.push({ op, version });
  }
  return out;
}

function matchesClause(v: Pep440Version, c: Clause): boolean {
  if (c.op === '===') return v.text === c.version;
  if ((c.op === '==' || c.op === '!=') && c.version.endsWith('.*')) {
    const prefix = parsePep440(c.version.slice(0, -2));
    if (!prefix) return false;
    const same = v.epoch === prefix.epoch && prefix.release.every((n, i) => (v.release[i] ?? 0) === n);
    return c.op === '==' ? same : !same;
  }
  const target = parsePep440(c.version);
  if (!target) return false;
  const cmp = comparePep440(v, target);
  switch (c.op) {
    case '==':
      return cmp === 0;
    case '!=':
      return cmp !== 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '~=': {
      // ~=1.4.5 means >=1.4.5, ==1.4.*
      const prefix = target.release.slice(0, Math.max(1, target.release.length - 1));
      return cmp >= 0 && prefix.every((n, i) => (v.release[i] ?? 0) === n);
    }
    default:
      return false;
  }
}

export function satisfiesPep440(version: string, spec: string): boolean {
  const v = parsePep440(version);
  const clauses = parseSpecifier(spec);
  return Boolean(v && clauses && clauses.every((c) => matchesClause(v, c)));
}

/** The version pinned by a specifier (`==1.2.3`, Poetry's bare `1.2.3`), if it pins one exactly. */
export function pinnedVersion(spec: string): string | undefined {
  const clauses = parseSpecifier(spec);
  if (clauses?.length !== 1) return undefined;
  const [c] = clauses;
  return (c.op === '==' || c.op === '===') && !c.version.includes('*') ? c.version : undefined;
}

/** The highest of `versions` allowed by `spec`, pre-releases only when nothing else matches. */
export function maxSatisfyingPep440(versions: readonly string[], spec: string): string | undefined {
  let best: Pep440Version | undefined;
  let bestPre: Pep440Version | undefined;
  for (const text of versions) {
    const v = parsePep440(text);
    if (!v || !satisfiesPep440(text, spec)) continue;
    if (isPrerelease(v)) {
      if (!bestPre || comparePep440(v, bestPre) > 0) bestPre = v;
    } else if (!best || comparePep440(v, best) > 0) best = v;
  }
  return (best ?? bestPre)?.text;
}

export function distancePep440(from: string, to: string): Distance | undefined {
  const a = parsePep440(from);
  const b = parsePep440(to);
  if (!a || !b || comparePep440(a, b) >= 0) return undefined;
  const [a0 = 0, a1 = 0, a2 = 0] = a.release;
  const [b0 = 0, b1 = 0, b2 = 0] = b.release;
  if (a.epoch !== b.epoch || a0 !== b0) return 'major';
  if (a1 !== b1) return 'minor';
  if (a2 !== b2) return 'patch';
  return 'prerelease';
}

import * as semver from 'semver';
import type { Distance } from './model';

// npm's choice of version, as npm-pick-manifest makes it (so "wanted" and "latest" agree with
// `npm outdated`): a dist-tag names its version; for a range, the `latest` tag wins when it satisfies
// the range and is neither deprecated nor refused by its `engines.node`; otherwise the highest
// satisfying version, preferring ones that are not deprecated and whose engines accept this Node.

export interface VersionInfo {
  deprecated?: string;
  engines?: { node?: string };
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, VersionInfo>;
  time?: Record<string, string>;
  homepage?: string;
  repository?: string;
}

const LOOSE = { loose: true };

function engineOk(info: VersionInfo | undefined, nodeVersion: string): boolean {
  const node = info?.engines?.node;
  if (!node || typeof node !== 'string') return true;
  try {
    return semver.satisfies(nodeVersion, node, { includePrerelease: true });
  } catch {
    return true;
  }
}

/** The version npm installs for `spec` (`*` gives what npm outdated calls "latest"), or undefined. */
export function pickVersion(doc: Packument, spec: string, nodeVersion = process.version): string | undefined {
  const tags = doc['dist-tags'] ?? {};
  const versions = doc.versions ?? {};
  const range = spec.trim() || '*';
  if (semver.validRange(range, LOOSE) === null) {
    const tagged = tags[range];
    return tagged && versions[tagged] ? tagged : undefined;
  }
  const exact = semver.valid(range, LOOSE);
  if (exact) return versions[exact] ? exact : undefined;
  // One parsed Range for every version tested: semver.satisfies would parse the range each time.
  const parsed = new semver.Range(range, LOOSE);
  const latest = tags.latest;
  if (latest && versions[latest] && (range === '*' || parsed.test(latest))) {
    const info = versions[latest];
    if (!info.deprecated && engineOk(info, nodeVersion)) return latest;
  }
  // Newest first, so the scan stops at the first version npm would rank best (not deprecated, engine
  // ok); sorting on numbers read by a regular expression is much cheaper than parsing every version.
  let best: { version: string; score: number } | undefined;
  for (const version of newestFirst(Object.keys(versions))) {
    if (!parsed.test(version)) continue;
    const info = versions[version];
    const ok = engineOk(info, nodeVersion);
    const fresh = !info?.deprecated;
    // Same order of preference as npm: not deprecated and engine-ok, then engine-ok, then not deprecated.
    const score = (fresh && ok ? 4 : 0) + (ok ? 2 : 0) + (fresh ? 1 : 0);
    if (!best || score > best.score) best = { version, score };
    if (score === 7) break;
  }
  return best?.version;
}

const NUMBERS = /^v?(\d+)\.(\d+)\.(\d+)(-[^+]*)?(?:\+.*)?$/;

/** Versions sorted newest first (semver order); ones that are not semver versions are left out. */
function newestFirst(versions: string[]): string[] {
  const keyed: { text: string; n: number[]; pre: boolean }[] = [];
  for (const text of versions) {
    const m = NUMBERS.exec(text);
    if (m) keyed.push({ text, n: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] !== undefined });
    else {
      const v = semver.parse(text, LOOSE);
      if (v) keyed.push({ text, n: [v.major, v.minor, v.patch], pre: v.prerelease.length > 0 });
    }
  }
  keyed.sort((a, b) => b.n[0] - a.n[0] || b.n[1] - a.n[1] || b.n[2] - a.n[2] || (a.pre === b.pre ? (a.pre ? semver.compare(b.text, a.text, LOOSE) : 0) : a.pre ? 1 : -1));
  return keyed.map((k) => k.text);
}

/** How far `from` is behind `to`, or undefined when it is not behind. */
export function distance(from: string, to: string): Distance | undefined {
  const a = semver.parse(from, LOOSE);
  const b = semver.parse(to, LOOSE);
  if (!a || !b || semver.compare(a, b) >= 0) return undefined;
  if (a.major !== b.major) return 'major';
  // Below 1.0.0 a minor step is breaking, as npm's caret range treats it.
  if (a.minor !== b.minor) return a.major === 0 ? 'major' : 'minor';
  if (a.patch !== b.patch) return a.major === 0 && a.minor === 0 ? 'major' : 'patch';
  return 'prerelease';
}

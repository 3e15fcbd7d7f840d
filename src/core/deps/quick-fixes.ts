import * as semver from 'semver';
import type { TextEdit } from '../types';
import type { DependencyReport, Ecosystem, ManifestReport, QuickFix } from './model';
import { distance } from './npm-versions';
import { comparePep440, distancePep440, parsePep440 } from './pep440';

// Quick fixes rewrite the version string in the manifest text and nothing else: the operator the user
// wrote stays (`^`, `~`, `>=`, `==`, `~=`), quotes, spacing and key order are untouched. Specs with more
// than one clause (`>=1 <3`, `>=2,<3`), tags and wildcards get no fix: rewriting them would change
// what the user meant.

const NPM_SIMPLE = /^(\^|~|>=|=|v)?(\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?)$/;
const PEP_SIMPLE = /^(===|==|>=|~=|\^|~)?(\s*)([0-9][0-9A-Za-z.!+-]*)$/;

/** The range rewritten to name `version`, keeping its operator; undefined when it is not a simple one. */
export function rewriteRange(ecosystem: Ecosystem, range: string, version: string): string | undefined {
  if (ecosystem === 'npm') {
    const m = NPM_SIMPLE.exec(range.trim());
    return m ? `${m[1] ?? ''}${version}` : undefined;
  }
  const m = PEP_SIMPLE.exec(range.trim());
  if (!m) return undefined;
  let target = version;
  // `~=1.4` allows 1.x; keep as many release parts as the user wrote, so `~=` keeps its width.
  if (m[1] === '~=') target = version.split('.').slice(0, Math.max(2, m[3].split('.').length)).join('.');
  return `${m[1] ?? ''}${m[2]}${target}`;
}

/** The version a simple range starts at, padded to three parts (`^4.17` → 4.17.0). */
function baseVersion(ecosystem: Ecosystem, range: string): string | undefined {
  const m = (ecosystem === 'npm' ? NPM_SIMPLE : PEP_SIMPLE).exec(range.trim());
  if (!m) return undefined;
  return ecosystem === 'npm' ? (semver.coerce(m[2], { includePrerelease: true })?.version ?? undefined) : m[3];
}

function isNewer(ecosystem: Ecosystem, a: string, b: string): boolean {
  if (ecosystem === 'npm') return Boolean(semver.valid(a) && semver.valid(b) && semver.gt(a, b));
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  return Boolean(pa && pb && comparePep440(pa, pb) > 0);
}

function edit(d: DependencyReport, version: string): TextEdit | undefined {
  const text = rewriteRange(d.ecosystem, d.range, version);
  return text === undefined || text === d.range ? undefined : { start: d.start, end: d.end, text };
}

function distanceOf(d: DependencyReport, to: string) {
  return d.current ? (d.ecosystem === 'npm' ? distance(d.current, to) : distancePep440(d.current, to)) : undefined;
}

/** "Update to X (within range)" and "Update to latest X (...)" for one dependency. */
export function dependencyQuickFixes(d: DependencyReport): QuickFix[] {
  if (d.skipped || !d.current) return [];
  const base = baseVersion(d.ecosystem, d.range);
  if (!base) return [];
  const fixes: QuickFix[] = [];
  if (d.wanted && isNewer(d.ecosystem, d.wanted, base)) {
    const e = edit(d, d.wanted);
    if (e) fixes.push({ title: `Update ${d.name} to ${d.wanted} (within range)`, kind: 'within-range', edits: [e] });
  }
  if (d.latest && d.latest !== d.wanted && isNewer(d.ecosystem, d.latest, base)) {
    const step = distanceOf(d, d.latest);
    const e = edit(d, d.latest);
    if (e) fixes.push({ title: `Update ${d.name} to latest ${d.latest}${step === 'major' ? ' (major: breaking)' : step ? ` (${step})` : ''}`, kind: 'latest', edits: [e] });
  }
  return fixes;
}

/**
 * "Update all patch/minor": every dependency moved to its latest version when that is not a breaking
 * step, else to the newest version its range already allows. One fix for the whole manifest.
 */
export function updateAllPatchMinor(report: ManifestReport): QuickFix | undefined {
  const edits: TextEdit[] = [];
  for (const d of report.dependencies) {
    if (d.skipped || !d.current) continue;
    const base = baseVersion(d.ecosystem, d.range);
    if (!base) continue;
    const step = d.latest ? distanceOf(d, d.latest) : undefined;
    const target = d.latest && (step === 'patch' || step === 'minor') ? d.latest : d.wanted;
    if (!target || !isNewer(d.ecosystem, target, base)) continue;
    const e = edit(d, target);
    if (e) edits.push(e);
  }
  if (!edits.length) return undefined;
  return { title: `Update all patch/minor (${edits.length} dependenc${edits.length === 1 ? 'y' : 'ies'})`, kind: 'all-patch-minor', edits };
}

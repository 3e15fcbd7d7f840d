import type { Severity } from '../types';
import type { AdvisorySeverity, DependencyFinding, DependencyReport, Distance, ManifestReport } from './model';
import { LineIndex } from '../line-index';

// A report → the problems to show on manifest lines. Severity grows with how far behind a dependency
// is; a deprecated version is a warning; a vulnerable one takes the severity of its worst advisory.

export const OUTDATED_SEVERITY: Record<Distance, Severity> = { prerelease: 'hint', patch: 'hint', minor: 'info', major: 'warning' };

export const ADVISORY_SEVERITY: Record<AdvisorySeverity, Severity> = { critical: 'error', high: 'error', moderate: 'warning', low: 'info', info: 'info', unknown: 'warning' };

const ADVISORY_RANK: Record<AdvisorySeverity, number> = { critical: 5, high: 4, moderate: 3, unknown: 2, low: 1, info: 0 };

export function worstAdvisory(d: DependencyReport): AdvisorySeverity | undefined {
  return d.advisories.map((a) => a.severity).sort((a, b) => ADVISORY_RANK[b] - ADVISORY_RANK[a])[0];
}

export function dependencyFindings(report: ManifestReport, text: string): DependencyFinding[] {
  const positions = new LineIndex(text);
  const out: DependencyFinding[] = [];
  for (const d of report.dependencies) {
    if (d.skipped || !d.current) continue;
    const range = positions.range(d.start, d.end);
    const who = `${d.name} ${d.current}`;
    const stale = d.stale ? ' (cached result, may be out of date)' : '';
    const worst = worstAdvisory(d);
    if (worst) {
      const fixes = d.advisories.map((a) => a.firstFixed).filter((v): v is string => Boolean(v));
      const fixedIn = fixes.length ? ` Fixed in ${highest(fixes)}.` : ' No fixed version is known.';
      const list = d.advisories.map((a) => `${a.title || a.id} (${a.id}, ${a.severity})`).join('; ');
      const count = d.advisories.length === 1 ? 'a known vulnerability' : `${d.advisories.length} known vulnerabilities`;
      out.push({ id: 'dependency-vulnerable', severity: ADVISORY_SEVERITY[worst], range, dependency: d, message: `${who} has ${count}: ${list}.${fixedIn}${stale}` });
    }
    if (d.deprecated) {
      out.push({ id: 'dependency-deprecated', severity: 'warning', range, dependency: d, message: `${who} is deprecated: ${d.deprecated}${stale}` });
    }
    if (d.distance && d.latest) {
      const wanted = d.wanted && d.wanted !== d.current && d.wanted !== d.latest ? `; ${d.wanted} is allowed by "${d.range}"` : '';
      const notes = d.distance === 'major' && d.releaseNotes ? ` Breaking changes: ${d.releaseNotes}` : '';
      const installed = d.installed ? `installed ${d.installed}` : `resolves to ${d.current}`;
      out.push({
        id: 'dependency-outdated',
        severity: OUTDATED_SEVERITY[d.distance],
        range,
        dependency: d,
        message: `${d.name}: ${installed}, latest ${d.latest} (${d.distance} update${d.distance === 'major' ? ', breaking' : ''})${wanted}.${notes}${stale}`,
      });
    }
  }
  return out;
}

/** The highest of several version strings by numeric parts (enough to pick "fixed in" among advisories). */
function highest(versions: string[]): string {
  const parts = (v: string) => v.split(/[.+-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [...versions].sort((a, b) => {
    const pa = parts(a);
    const pb = parts(b);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
    return 0;
  })[0];
}

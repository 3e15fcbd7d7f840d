import type { ProjectReport } from '../../core/deps/check';
import type { DependencyReport } from '../../core/deps/model';
import { LineIndex } from '../../core/line-index';
import type { CheckedManifest } from '../deps';
import { oneBased, type JsonRange } from './json';

// The JSON report of `deps`, version 1: per manifest, every dependency with what was found for it, and
// the problems as a flat list like `scan --format json`'s findings. Lines and columns are 1-based.

export interface DepsJsonDependency {
  name: string;
  /** The registry package, when an `npm:` alias names another one. */
  package?: string;
  section: string;
  spec: string;
  range: JsonRange | null;
  offsets: { start: number; end: number };
  installed: string | null;
  wanted: string | null;
  latest: string | null;
  distance: string | null;
  deprecated: string | null;
  advisories: DependencyReport['advisories'];
  published: DependencyReport['published'];
  homepage: string | null;
  releaseNotes: string | null;
  skipped: string | null;
  unavailable: string | null;
  stale: boolean;
}

export function formatDepsJson(manifests: CheckedManifest[], project: ProjectReport): string {
  const problems = manifests.flatMap((m) => m.findings.map((f) => ({ ruleId: f.id, severity: f.severity, message: f.message, file: m.display, dependency: f.dependency.name, range: oneBased(f.range) })));
  const count = (id: string) => problems.filter((p) => p.ruleId === id).length;
  const report = {
    version: 1,
    tool: { name: 'backend-coach', command: 'deps' },
    network: project.network,
    stale: project.stale,
    notices: project.notices,
    manifests: manifests.map((m) => {
      const positions = m.text === undefined ? undefined : new LineIndex(m.text);
      return {
        file: m.display,
        kind: m.report.kind,
        ecosystem: m.report.ecosystem,
        lockfile: m.report.lockfile ?? null,
        error: m.report.error ?? null,
        dependencies: m.report.dependencies.map((d) => dependency(d, positions)),
      };
    }),
    problems,
    summary: {
      manifests: manifests.length,
      dependencies: manifests.reduce((n, m) => n + m.report.dependencies.length, 0),
      skipped: manifests.reduce((n, m) => n + m.report.dependencies.filter((d) => d.skipped).length, 0),
      outdated: count('dependency-outdated'),
      deprecated: count('dependency-deprecated'),
      vulnerable: count('dependency-vulnerable'),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function dependency(d: DependencyReport, positions: LineIndex | undefined): DepsJsonDependency {
  return {
    name: d.name,
    ...(d.registryName !== d.name && d.ecosystem === 'npm' ? { package: d.registryName } : {}),
    section: d.section,
    spec: d.spec,
    range: positions ? oneBased(positions.range(d.start, d.end)) : null,
    offsets: { start: d.start, end: d.end },
    installed: d.installed ?? null,
    wanted: d.wanted ?? null,
    latest: d.latest ?? null,
    distance: d.distance ?? null,
    deprecated: d.deprecated ?? null,
    advisories: d.advisories,
    published: d.published,
    homepage: d.homepage ?? null,
    releaseNotes: d.releaseNotes ?? null,
    skipped: d.skipped ?? null,
    unavailable: d.unavailable ?? null,
    stale: Boolean(d.stale),
  };
}

import { pathToFileURL } from 'url';
import * as path from 'path';
import type { DependencyFindingId } from '../../core/deps/model';
import type { Severity } from '../../core/types';
import type { CheckedManifest } from '../deps';
import { INFORMATION_URI, SARIF_SCHEMA_URI, SECURITY_SEVERITY } from './sarif';

// `deps --format sarif`: SARIF 2.1.0 with one rule per kind of problem, results on the version string
// in the manifest, as `scan --format sarif` places its results on code.

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const DOCS = 'https://github.com/backend-coach/backend-coach/blob/main/docs/dependencies.md';

const RULES: Record<DependencyFindingId, { name: string; text: string; security: boolean; cwe?: string }> = {
  'dependency-vulnerable': { name: 'DependencyVulnerable', text: 'A dependency version with known vulnerabilities', security: true, cwe: 'CWE-1395' },
  'dependency-deprecated': { name: 'DependencyDeprecated', text: 'A deprecated (npm) or yanked (PyPI) dependency version', security: false },
  'dependency-outdated': { name: 'DependencyOutdated', text: 'A dependency behind its latest version', security: false, cwe: 'CWE-1104' },
};

export function formatDepsSarif(manifests: CheckedManifest[], options: { cwd: string }): string {
  const ids = Object.keys(RULES) as DependencyFindingId[];
  const rules = ids.map((id) => ({
    id,
    name: RULES[id].name,
    shortDescription: { text: RULES[id].text },
    helpUri: DOCS,
    properties: { tags: [RULES[id].security ? 'security' : 'maintenance', 'dependencies', ...(RULES[id].cwe ? [`external/cwe/${RULES[id].cwe?.toLowerCase()}`] : [])] },
  }));
  const results = manifests.flatMap((m) =>
    m.findings.map((f) => {
      const rel = path.relative(options.cwd, m.report.file);
      const inside = rel && !rel.startsWith('..') && !path.isAbsolute(rel);
      return {
        ruleId: f.id,
        ruleIndex: ids.indexOf(f.id),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: inside ? { uri: rel.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(m.report.file).href },
              region: { startLine: f.range.start.line + 1, startColumn: f.range.start.column + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.column + 1 },
            },
          },
        ],
        partialFingerprints: { 'backendCoach/dependency/v1': `${f.id}:${m.display}:${f.dependency.name}` },
        properties: {
          dependency: f.dependency.name,
          current: f.dependency.current,
          latest: f.dependency.latest,
          ...(f.id === 'dependency-vulnerable' ? { 'security-severity': SECURITY_SEVERITY[f.severity], advisories: f.dependency.advisories.map((a) => a.id) } : {}),
        },
      };
    }),
  );
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Backend Coach', informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd + path.sep).href } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

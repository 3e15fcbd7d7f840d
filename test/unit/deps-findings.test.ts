import * as assert from 'assert';
import { releasesPage } from '../../src/core/deps/check';
import { dependencyFindings } from '../../src/core/deps/findings';
import { dependencyHoverMarkdown } from '../../src/core/deps/hover';
import type { DependencyReport, ManifestReport } from '../../src/core/deps/model';
import { parsePackageJson } from '../../src/core/deps/npm-manifest';

// From a report to what the editor shows: problems with their severity and place, and the hover.

const text = '{\n  "dependencies": {\n    "a": "^1.0.0",\n    "b": "~2.0.0",\n    "c": "3.0.0",\n    "d": "^1.0.0",\n    "e": "file:../e"\n  }\n}\n';
const facts: Record<string, Partial<DependencyReport>> = {
  a: { current: '1.0.0', wanted: '1.0.5', latest: '1.0.5', distance: 'patch' },
  b: { current: '2.0.0', wanted: '2.0.0', latest: '2.3.0', distance: 'minor' },
  c: {
    current: '3.0.0',
    installed: '3.0.0',
    wanted: '3.0.0',
    latest: '5.0.0',
    distance: 'major',
    releaseNotes: 'https://github.com/o/c/releases',
    deprecated: 'use c@5',
    advisories: [
      { id: 'GHSA-aaaa-bbbb-cccc', severity: 'moderate', title: 'ReDoS', firstFixed: '3.0.2', url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc' },
      { id: 'GHSA-dddd-eeee-ffff', severity: 'critical', title: 'RCE', firstFixed: '4.1.0' },
    ],
    published: { current: '2019-02-03T00:00:00Z', latest: '2024-05-06T00:00:00Z' },
    stale: true,
    staleReason: 'offline',
  },
  d: { current: '1.2.0', wanted: '1.2.0', latest: '1.2.0' },
};
const report: ManifestReport = {
  file: 'package.json',
  kind: 'package.json',
  ecosystem: 'npm',
  dependencies: parsePackageJson(text).map((d) => ({ ...d, advisories: [], published: {}, ...facts[d.name] }) as DependencyReport),
};

describe('deps: findings and hover', () => {
  const findings = dependencyFindings(report, text);

  it('grows severity with the distance; deprecated is a warning; a vulnerability takes its worst advisory', () => {
    assert.deepStrictEqual(
      findings.map((f) => [f.dependency.name, f.id, f.severity, `${f.range.start.line}:${f.range.start.column}-${f.range.end.column}`]),
      [
        ['a', 'dependency-outdated', 'hint', '2:10-16'],
        ['b', 'dependency-outdated', 'info', '3:10-16'],
        ['c', 'dependency-vulnerable', 'error', '4:10-15'],
        ['c', 'dependency-deprecated', 'warning', '4:10-15'],
        ['c', 'dependency-outdated', 'warning', '4:10-15'],
      ],
    );
  });

  it('says what is wrong, how far, and where to read about a major step', () => {
    const c = findings.filter((f) => f.dependency.name === 'c').map((f) => f.message);
    assert.deepStrictEqual(c, [
      'c 3.0.0 has 2 known vulnerabilities: ReDoS (GHSA-aaaa-bbbb-cccc, moderate); RCE (GHSA-dddd-eeee-ffff, critical). Fixed in 4.1.0. (cached result, may be out of date)',
      'c 3.0.0 is deprecated: use c@5 (cached result, may be out of date)',
      'c: installed 3.0.0, latest 5.0.0 (major update, breaking). Breaking changes: https://github.com/o/c/releases (cached result, may be out of date)',
    ]);
    assert.strictEqual(findings[1].message, 'b: resolves to 2.0.0, latest 2.3.0 (minor update).');
  });

  it('builds a hover with versions, dates, deprecation, advisories and links, escaping registry text', () => {
    const c = report.dependencies.find((d) => d.name === 'c') as DependencyReport;
    assert.strictEqual(
      dependencyHoverMarkdown({ ...c, deprecated: 'use *c@5*' }),
      [
        '**c** `3.0.0`',
        '',
        '| | version | published |',
        '|---|---|---|',
        '| Installed | 3.0.0 | 2019-02-03 |',
        '| Wanted (newest the range allows) | 3.0.0 |  |',
        '| Latest | 5.0.0 | 2024-05-06 |',
        '',
        '**Major update (breaking)** is available: [release notes](https://github.com/o/c/releases).',
        '',
        '⚠️ **Deprecated** (2019-02-03): use \\*c@5\\*',
        '',
        '**2 known vulnerabilities**',
        '- moderate: ReDoS ([GHSA-aaaa-bbbb-cccc](https://github.com/advisories/GHSA-aaaa-bbbb-cccc)), fixed in 3.0.2',
        '- critical: RCE (GHSA-dddd-eeee-ffff), fixed in 4.1.0',
        '',
        '_From the cache; may be out of date._',
      ].join('\n'),
    );
    const e = report.dependencies.find((d) => d.name === 'e') as DependencyReport;
    assert.strictEqual(dependencyHoverMarkdown(e), '**e** `file:../e`\n\nNot checked: file: dependency \\(a local folder or tarball\\).');
  });

  it('links a major step to the GitHub releases page, from any form of repository field', () => {
    for (const repo of ['git+https://github.com/expressjs/express.git', 'https://github.com/expressjs/express', 'git@github.com:expressjs/express.git', 'github:expressjs/express', 'expressjs/express'])
      assert.strictEqual(releasesPage(repo), 'https://github.com/expressjs/express/releases', repo);
    assert.strictEqual(releasesPage('https://gitlab.com/a/b.git'), undefined);
  });
});

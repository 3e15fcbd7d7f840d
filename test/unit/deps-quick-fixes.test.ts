import * as assert from 'assert';
import { applyEdits } from '../../src/core/edits';
import type { DependencyReport, ManifestReport } from '../../src/core/deps/model';
import { parsePackageJson } from '../../src/core/deps/npm-manifest';
import { parseRequirementsTxt } from '../../src/core/deps/requirements-txt';
import { dependencyQuickFixes, updateAllPatchMinor } from '../../src/core/deps/quick-fixes';

// Quick fixes edit the version string only; everything else in the file stays byte for byte.

const versions: Record<string, Partial<DependencyReport>> = {
  lodash: { installed: '4.17.11', current: '4.17.11', wanted: '4.17.21', latest: '4.17.21' },
  express: { installed: '4.16.0', current: '4.16.0', wanted: '4.16.4', latest: '5.1.0' },
  chalk: { current: '2.4.2', wanted: '2.4.2', latest: '2.4.3' },
  mocha: { current: '10.0.0', wanted: '10.0.0', latest: '10.8.2' },
  react: { current: '18.2.0', wanted: '18.2.0', latest: '19.0.0' },
};

function report(text: string): ManifestReport {
  const dependencies = parsePackageJson(text).map((d) => ({ ...d, advisories: [], published: {}, ...versions[d.name] }) as DependencyReport);
  return { file: 'package.json', kind: 'package.json', ecosystem: 'npm', dependencies };
}

describe('deps: quick fixes', () => {
  const text = '{\n  "dependencies" : {\n    "lodash":   "^4.17.11",\n\t"express": "~4.16.0" ,\n    "chalk": "2.4.2"\n  },\n  "devDependencies": { "mocha": ">=10.0.0", "react": ">=16 <19" }\n}\n';
  const r = report(text);
  const dep = (name: string) => r.dependencies.find((d) => d.name === name) as DependencyReport;

  it('"within range" raises the range to the wanted version, keeping the operator and the formatting', () => {
    const fixes = dependencyQuickFixes(dep('lodash'));
    assert.deepStrictEqual(fixes.map((f) => f.title), ['Update lodash to 4.17.21 (within range)']);
    assert.strictEqual(applyEdits(text, fixes[0].edits), text.replace('"^4.17.11"', '"^4.17.21"'));
  });

  it('offers the latest version as a separate, labelled fix when it is a major step', () => {
    const fixes = dependencyQuickFixes(dep('express'));
    assert.deepStrictEqual(fixes.map((f) => [f.title, f.kind]), [
      ['Update express to 4.16.4 (within range)', 'within-range'],
      ['Update express to latest 5.1.0 (major: breaking)', 'latest'],
    ]);
    assert.strictEqual(applyEdits(text, fixes[1].edits), '{\n  "dependencies" : {\n    "lodash":   "^4.17.11",\n\t"express": "~5.1.0" ,\n    "chalk": "2.4.2"\n  },\n  "devDependencies": { "mocha": ">=10.0.0", "react": ">=16 <19" }\n}\n');
  });

  it('updates an exact pin to the latest (no within-range fix: the pin is what it allows)', () => {
    const fixes = dependencyQuickFixes(dep('chalk'));
    assert.deepStrictEqual(fixes.map((f) => f.title), ['Update chalk to latest 2.4.3 (patch)']);
    assert.strictEqual(applyEdits(text, fixes[0].edits), text.replace('"chalk": "2.4.2"', '"chalk": "2.4.3"'));
  });

  it('offers nothing for a range of two clauses: rewriting it would change its meaning', () => {
    assert.deepStrictEqual(dependencyQuickFixes(dep('react')), []);
  });

  it('"Update all patch/minor" moves each dependency as far as a non-breaking step goes, in one edit set', () => {
    const fix = updateAllPatchMinor(r);
    assert.ok(fix);
    assert.strictEqual(fix.title, 'Update all patch/minor (4 dependencies)');
    assert.strictEqual(
      applyEdits(text, fix.edits),
      '{\n  "dependencies" : {\n    "lodash":   "^4.17.21",\n\t"express": "~4.16.4" ,\n    "chalk": "2.4.3"\n  },\n  "devDependencies": { "mocha": ">=10.8.2", "react": ">=16 <19" }\n}\n',
    );
  });

  it('edits Python specifiers the same way, keeping ~= as wide as it was', () => {
    const req = 'requests==2.25.1  # pinned\nDjango ~= 3.2\nflask>=2.0,<3\n';
    const deps = parseRequirementsTxt(req).dependencies.map(
      (d) =>
        ({
          ...d,
          advisories: [],
          published: {},
          ...{ requests: { current: '2.25.1', wanted: '2.25.1', latest: '2.31.0' }, Django: { current: '3.2.25', wanted: '3.2.25', latest: '5.0.1' }, flask: { current: '2.3.3', wanted: '2.3.3', latest: '3.0.0' } }[d.name],
        }) as DependencyReport,
    );
    const [requests, django, flask] = deps;
    const latest = (d: DependencyReport) => dependencyQuickFixes(d).find((f) => f.kind === 'latest');
    assert.strictEqual(latest(requests)?.title, 'Update requests to latest 2.31.0 (minor)');
    assert.strictEqual(applyEdits(req, latest(requests)?.edits ?? []), 'requests==2.31.0  # pinned\nDjango ~= 3.2\nflask>=2.0,<3\n');
    assert.strictEqual(applyEdits(req, latest(django)?.edits ?? []), 'requests==2.25.1  # pinned\nDjango ~= 5.0\nflask>=2.0,<3\n');
    assert.strictEqual(latest(flask), undefined);
  });
});

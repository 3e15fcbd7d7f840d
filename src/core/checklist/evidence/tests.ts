import type { Detector } from './detector';
import { packageJsons, pythonManifests } from './manifests';
import { isTestFile } from './source-files';

// Tests exist and can be run: test files or a test folder, and a way to run them (a `test` script that is
// not npm's placeholder, a pytest configuration, or pytest among the Python dependencies).

const NPM_PLACEHOLDER = /no test specified/;
const PYTEST_FILES = /(^|\/)(pytest\.ini|conftest\.py)$/;
const PYTEST_SECTIONS: [RegExp, RegExp][] = [
  [/(^|\/)pyproject\.toml$/, /^\[tool\.pytest\.ini_options\]/m],
  [/(^|\/)setup\.cfg$/, /^\[tool:pytest\]/m],
  [/(^|\/)tox\.ini$/, /^\[pytest\]/m],
];

export const tests: Detector = {
  id: 'tests',
  title: 'Tests and a way to run them',
  looksFor: 'test files or a test folder, plus a `test` script in package.json, a pytest configuration or pytest as a dependency',
  detect({ ws }) {
    const testFiles = ws.filter((f) => isTestFile(f) && /\.([cm]?[jt]sx?|py)$/.test(f));
    const folders = [...new Set(testFiles.map((f) => /^(.*?(?:^|\/)(?:test|tests|__tests__|spec|e2e))\//.exec(f)?.[1]).filter((d): d is string => !!d))];
    const runners: string[] = [];
    for (const pkg of packageJsons(ws)) {
      const script = pkg.scripts.test;
      if (script && !NPM_PLACEHOLDER.test(script)) runners.push(`"test" script in ${pkg.rel}`);
    }
    runners.push(...ws.filter(PYTEST_FILES).slice(0, 1));
    for (const [file, section] of PYTEST_SECTIONS) for (const rel of ws.filter(file)) if (section.test(ws.read(rel) ?? '')) runners.push(`pytest settings in ${rel}`);
    for (const m of pythonManifests(ws)) if (/^\s*["']?pytest\b/m.test(m.text)) runners.push(`pytest in ${m.rel}`);
    const what = folders.length ? folders.map((d) => `${d}/`) : testFiles.slice(0, 2);
    if (testFiles.length && runners.length) return { detector: this.id, found: true, detail: [...what.slice(0, 2), ...runners.slice(0, 2)].join(', ') };
    if (testFiles.length) return { detector: this.id, found: false, detail: `${what.slice(0, 2).join(', ')}, but no \`test\` script or pytest configuration to run them` };
    if (runners.length) return { detector: this.id, found: false, detail: `${runners[0]}, but no test files` };
    return { detector: this.id, found: false, detail: 'no test files and no test script' };
  },
};

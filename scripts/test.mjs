// `npm test`: every suite, one plain closing line "N passed, N failed" for CI, non-zero exit on failure.
// Suites run as separate processes so a crash in one is reported, not swallowed.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const suites = [{ name: 'unit and integration (mocha)', args: ['node_modules/mocha/bin/mocha.js', '--reporter', './test/support/summary-reporter.cjs'] }];
// The end-to-end suite in the real VS Code host (scripts/setup-vscode-host.sh installs the host; .ci/run does).
if (fs.existsSync(path.join(root, 'test/e2e/run.mjs'))) suites.push({ name: 'end-to-end (real VS Code)', args: ['test/e2e/run.mjs'] });

let passed = 0;
let failed = 0;
// The end-to-end suite needs its host; the setup script installs it once and is a no-op afterwards.
const setup = path.join(root, 'scripts/setup-vscode-host.sh');
if (suites.length > 1 && fs.existsSync(setup)) {
  const run = spawnSync('bash', [setup], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) console.error('setup-vscode-host.sh failed: the end-to-end suite will fail too');
}
for (const suite of suites) {
  const summary = path.join(os.tmpdir(), `backend-coach-summary-${process.pid}-${passed + failed}.json`);
  console.log(`\n=== ${suite.name}`);
  const run = spawnSync(process.execPath, suite.args, { cwd: root, stdio: 'inherit', env: { ...process.env, BACKEND_COACH_SUMMARY_FILE: summary } });
  if (fs.existsSync(summary)) {
    const s = JSON.parse(fs.readFileSync(summary, 'utf8'));
    passed += s.passes;
    failed += s.failures;
    fs.rmSync(summary);
    if (run.status !== 0 && s.failures === 0) failed++; // crashed after its tests: still a failure
  } else {
    console.error(`${suite.name}: exited ${run.status} without a result`);
    failed++;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

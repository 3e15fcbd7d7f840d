import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { run } from './cli-helpers';

// The oracle: for a project with deliberately old dependencies (test/fixtures/deps-oracle), the
// "wanted" and "latest" that `backend-coach deps --format json` reports must equal `npm outdated --json`'s
// for every package, against the real npm registry. Skipped, with the reason shown, only when the
// registry cannot be reached at all.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'deps-oracle');
const REGISTRY = 'https://registry.npmjs.org/';

function reachable(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = https.get(`${REGISTRY}-/ping`, { timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode && res.statusCode < 500 ? undefined : `${REGISTRY} answered HTTP ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (e) => resolve(`${REGISTRY} is unreachable: ${e.message}`));
  });
}

function npm(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, maxBuffer: 20_000_000, timeout: 240_000, env: { ...process.env, npm_config_registry: REGISTRY, npm_config_fund: 'false', npm_config_audit: 'false' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('deps: oracle against npm outdated (real registry)', function () {
  this.timeout(300_000);
  let dir = '';

  before(async function () {
    const unreachable = await reachable();
    if (unreachable) {
      console.log(`      skipped: ${unreachable}`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-oracle-'));
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the same wanted and latest as npm outdated for every dependency', async () => {
    // npm outdated reads the installed tree (dev dependencies missing from disk are left out), so install first.
    const ci = await npm(['ci', '--ignore-scripts'], dir);
    assert.strictEqual(ci.code, 0, `npm ci failed: ${ci.stderr}`);
    const outdated = await npm(['outdated', '--json', '--all=false'], dir);
    const npmSays = JSON.parse(outdated.stdout || '{}') as Record<string, { current: string; wanted: string; latest: string }>;
    assert.ok(Object.keys(npmSays).length >= 6, `npm outdated listed only ${Object.keys(npmSays).join(', ')}: ${outdated.stderr}`);

    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-oracle-cache-'));
    try {
      const r = await run(['deps', dir, '--format', 'json', '--cache-dir', cache, '--fail-on', 'never'], { cwd: dir, env: { ...process.env, npm_config_registry: REGISTRY } });
      assert.strictEqual(r.code, 0, r.stderr);
      const ours = JSON.parse(r.stdout) as { manifests: { dependencies: { name: string; installed: string | null; wanted: string | null; latest: string | null; unavailable: string | null }[] }[] };
      const deps = ours.manifests[0].dependencies;
      assert.strictEqual(deps.length, 8);
      const rows: string[] = [];
      for (const d of deps) {
        assert.strictEqual(d.unavailable, null, `${d.name}: ${d.unavailable}`);
        const theirs = npmSays[d.name];
        rows.push(`${d.name}: ours ${d.installed}/${d.wanted}/${d.latest}, npm ${theirs ? `${theirs.current}/${theirs.wanted}/${theirs.latest}` : 'up to date'}`);
        if (theirs) {
          assert.strictEqual(d.wanted, theirs.wanted, `${d.name} wanted`);
          assert.strictEqual(d.latest, theirs.latest, `${d.name} latest`);
          assert.strictEqual(d.installed, theirs.current, `${d.name} installed`);
        } else {
          // npm lists what is behind; a package it leaves out must be current on every count for us too.
          assert.ok(d.installed === d.wanted && d.wanted === d.latest, `${d.name}: npm says up to date, we say ${d.installed}/${d.wanted}/${d.latest}`);
        }
      }
      console.log(rows.map((row) => `      ${row}`).join('\n'));
    } finally {
      fs.rmSync(cache, { recursive: true, force: true });
    }
  });
});

import * as assert from 'assert';
import { sarifValidator } from './sarif-validator';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanup, project, run } from './cli-helpers';
import { FixtureServer, packument, pypiProject } from './deps-fixtures';

// `backend-coach deps` end to end, in-process, against a local registry: formats, exit codes, --offline.

describe('deps: the CLI', function () {
  this.timeout(20_000);
  let server: FixtureServer;
  let cacheDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    server = await new FixtureServer().start();
    server.json('/lodash', packument('lodash', ['4.17.11', '4.17.12', '4.17.21']));
    server.json('/express', packument('express', ['4.16.0', '4.16.4', '5.1.0']));
    server.json('POST /-/npm/v1/security/advisories/bulk', {
      lodash: [{ id: 1, url: 'https://github.com/advisories/GHSA-jf85-cpcp-j695', title: 'Prototype Pollution in lodash', severity: 'high', vulnerable_versions: '<4.17.12' }],
    });
    server.json('/pypi/requests/json', pypiProject('requests', '2.31.0', { '2.25.1': undefined, '2.31.0': undefined }));
    server.json('POST /v1/querybatch', { results: [{}] });
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-cli-cache-'));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-cli-home-'));
    env = { HOME: home, npm_config_globalconfig: path.join(home, 'none'), BACKEND_COACH_PYPI_URL: server.url, BACKEND_COACH_OSV_URL: server.url };
  });
  afterEach(async () => {
    await server.stop();
    cleanup();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  const manifest = '{\n  "dependencies": {\n    "lodash": "^4.17.11",\n    "express": "~4.16.0",\n    "mine": "file:../mine"\n  }\n}\n';
  const lock = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/lodash': { version: '4.17.11' }, 'node_modules/express': { version: '4.16.0' } } });
  const npmProject = () => project({ 'package.json': manifest, 'package-lock.json': lock, '.npmrc': `registry=${server.url}\n`, 'requirements.txt': 'requests==2.25.1\n' });

  it('prints a table and the problems with line:column; exits 1 on a high-severity vulnerability', async () => {
    const dir = npmProject();
    const r = await run(['deps', '.', '--cache-dir', cacheDir], { cwd: dir, env });
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /^package\.json$/m);
    assert.match(r.stdout, /^ {2}lodash {3}4\.17\.11 {2}4\.17\.21 {2}4\.17\.21 {2}1 vulnerability \(high\), patch$/m);
    assert.match(r.stdout, /^ {2}mine .* skipped: file: dependency/m);
    assert.match(r.stdout, /^ {2}3:16 {2}error {4}lodash 4\.17\.11 has a known vulnerability: Prototype Pollution in lodash \(GHSA-jf85-cpcp-j695, high\)\. Fixed in 4\.17\.12\. {2}dependency-vulnerable$/m);
    assert.match(r.stdout, /^ {2}4:17 {2}warning {2}express: installed 4\.16\.0, latest 5\.1\.0 \(major update, breaking\); 4\.16\.4 is allowed by "~4\.16\.0"\. {2}dependency-outdated$/m);
    assert.match(r.stdout, /^requirements\.txt$/m);
    assert.match(r.stdout, /3 dependencies checked in 2 manifests: 3 outdated, 0 deprecated, 1 vulnerable\./);
    assert.strictEqual(r.stderr, '');
  });

  it('honours --fail-on: never → 0, warning → 1 without vulnerabilities', async () => {
    const dir = npmProject();
    assert.strictEqual((await run(['deps', '--cache-dir', cacheDir, '--fail-on', 'never'], { cwd: dir, env })).code, 0);
    server.json('POST /-/npm/v1/security/advisories/bulk', {});
    const clean = project({ 'package.json': '{"dependencies": {"express": "~4.16.0"}}', '.npmrc': `registry=${server.url}\n` });
    assert.strictEqual((await run(['deps', '--cache-dir', cacheDir], { cwd: clean, env })).code, 0);
    assert.strictEqual((await run(['deps', '--cache-dir', cacheDir, '--fail-on', 'warning'], { cwd: clean, env })).code, 1);
  });

  it('writes JSON with every dependency and 1-based ranges, to --output', async () => {
    const dir = npmProject();
    const r = await run(['deps', dir, '--format', 'json', '--output', 'report.json', '--cache-dir', cacheDir, '--fail-on', 'never'], { cwd: dir, env });
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stdout, '');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    const lodash = report.manifests[0].dependencies[0];
    assert.deepStrictEqual(
      { name: lodash.name, spec: lodash.spec, range: lodash.range, installed: lodash.installed, wanted: lodash.wanted, latest: lodash.latest, distance: lodash.distance, advisories: lodash.advisories.map((a: { id: string; firstFixed: string }) => `${a.id}>${a.firstFixed}`) },
      { name: 'lodash', spec: '^4.17.11', range: { start: { line: 3, column: 16 }, end: { line: 3, column: 24 } }, installed: '4.17.11', wanted: '4.17.21', latest: '4.17.21', distance: 'patch', advisories: ['GHSA-jf85-cpcp-j695>4.17.12'] },
    );
    assert.strictEqual(report.manifests[0].dependencies[2].skipped, 'file: dependency (a local folder or tarball)');
    assert.deepStrictEqual(report.summary, { manifests: 2, dependencies: 4, skipped: 1, outdated: 3, deprecated: 0, vulnerable: 1 });
  });

  it('writes SARIF 2.1.0 with the three rules and results on the version strings', async () => {
    const r = await run(['deps', '-f', 'sarif', `--cache-dir=${cacheDir}`, '--', '.'], { cwd: npmProject(), env });
    const sarif = JSON.parse(r.stdout);
    assert.strictEqual(sarif.version, '2.1.0');
    const validate = sarifValidator();
    const valid: boolean = validate(sarif);
    assert.ok(valid, `valid SARIF 2.1.0 (official schema): ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    assert.deepStrictEqual(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id), ['dependency-vulnerable', 'dependency-deprecated', 'dependency-outdated']);
    const vuln = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'dependency-vulnerable');
    assert.deepStrictEqual(vuln.locations[0].physicalLocation, { artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 16, endLine: 3, endColumn: 24 } });
    assert.strictEqual(vuln.level, 'error');
    assert.strictEqual(vuln.properties['security-severity'], '8.8');
  });

  it('--offline answers from the cache without a request, and says the results may be out of date', async () => {
    const dir = npmProject();
    await run(['deps', '--cache-dir', cacheDir], { cwd: dir, env });
    const before = server.seen.length;
    const r = await run(['deps', '--offline', '--format', 'json', '--cache-dir', cacheDir, '--fail-on', 'never'], { cwd: dir, env });
    assert.strictEqual(server.seen.length, before);
    const report = JSON.parse(r.stdout);
    assert.strictEqual(report.network, false);
    assert.strictEqual(report.manifests[0].dependencies[0].latest, '4.17.21');
    assert.strictEqual(report.manifests[0].dependencies[0].stale, true);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-cli-empty-'));
    const cold = await run(['deps', '--offline', '--cache-dir', empty], { cwd: dir, env });
    fs.rmSync(empty, { recursive: true, force: true });
    assert.strictEqual(cold.code, 0);
    assert.match(cold.stderr, /network use is off: 2 dependencies are shown from the cache/);
    assert.match(cold.stdout, /unknown: not in the cache, and network use is off/);
  });

  it('exits 2 with a clear message on bad input, and still reports the other manifests', async () => {
    const broken = project({ 'package.json': '{"dependencies": {"lodash": "^4"}', 'requirements.txt': 'requests==2.25.1\n' });
    const r = await run(['deps', '--cache-dir', cacheDir, '--format', 'json'], { cwd: broken, env });
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /package\.json: package\.json is not valid JSON: CloseBraceExpected at line 1, column 34/);
    assert.strictEqual(JSON.parse(r.stdout).manifests[1].dependencies[0].latest, '2.31.0');
    const cases: [string[], RegExp][] = [
      [['deps', 'nope'], /nope: no such folder or file/],
      [['deps', '--format', 'xml'], /--format must be one of text, json, sarif/],
      [['deps', '--bogus'], /unknown option "--bogus" for deps/],
      [['deps', 'a', 'b'], /deps takes one folder or manifest/],
      [['deps', '--offline=yes'], /option --offline takes no value/],
      [['deps', '--cache-dir'], /option --cache-dir needs a value/],
      [['deps', '--fail-on=sometimes'], /--fail-on must be one of error, warning, info, never/],
    ];
    for (const [argv, message] of cases) {
      const x = await run(argv, { cwd: broken, env });
      assert.strictEqual(x.code, 2, argv.join(' '));
      assert.match(x.stderr, message);
    }
    const none = await run(['deps', '--cache-dir', cacheDir], { cwd: project({ 'README.md': 'x' }), env });
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /no package\.json, requirements\*\.txt or pyproject\.toml in \./);
  });

  it('prints its help', async () => {
    const r = await run(['deps', '--help'], { cwd: os.tmpdir(), env });
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^Usage: backend-coach deps \[dir \| manifest\] \[options\]/);
  });
});

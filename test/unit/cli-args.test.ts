import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { cleanup, PG_SAFE, project, run } from './cli-helpers';

const version = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;

/** A usage error: exit 2, nothing on stdout, exactly one line on stderr that says why. */
function assertUsageError(r: { code: number; stdout: string; stderr: string }, reason: RegExp): void {
  assert.strictEqual(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.strictEqual(r.stdout, '');
  assert.match(r.stderr, /^backend-coach: [^\n]+\n$/, `one line on stderr, got ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, reason);
}

describe('cli: arguments', () => {
  after(cleanup);

  it('--help prints the usage and exits 0', async () => {
    const dir = project({});
    for (const argv of [['--help'], ['scan', '--help'], ['-h']]) {
      const r = await run(argv, { cwd: dir });
      assert.strictEqual(r.code, 0);
      assert.match(r.stdout, /^Usage: backend-coach scan \[options\] \[paths\.\.\.\]/);
      for (const option of ['--format', '--output', '--fail-on', '--rules', '--fix', '--fix-dry-run', '--no-color', '--list-suppressed', '--version']) {
        assert.ok(r.stdout.includes(option), `help mentions ${option}`);
      }
      assert.strictEqual(r.stderr, '');
    }
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await run(['--version'], { cwd: project({}) });
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stdout, `${version}\n`);
  });

  it('an unknown option exits 2 with a one-line reason', async () => {
    const r = await run(['scan', '--frobnicate', '.'], { cwd: project({ 'a.js': PG_SAFE }) });
    assertUsageError(r, /unknown option "--frobnicate"/);
  });

  it('a bad --format or --fail-on value exits 2', async () => {
    const dir = project({ 'a.js': PG_SAFE });
    assertUsageError(await run(['scan', '--format', 'xml'], { cwd: dir }), /--format must be one of text, json, sarif/);
    assertUsageError(await run(['scan', '--format=yaml'], { cwd: dir }), /--format must be one of/);
    assertUsageError(await run(['scan', '--fail-on', 'critical'], { cwd: dir }), /--fail-on must be one of error, warning, info, never/);
  });

  it('an option without its value exits 2', async () => {
    const dir = project({});
    assertUsageError(await run(['scan', '--format'], { cwd: dir }), /--format needs a value/);
    assertUsageError(await run(['scan', '--rules', '--fix'], { cwd: dir }), /--rules needs a value/);
  });

  it('a path that does not exist exits 2', async () => {
    const r = await run(['scan', 'no/such/place'], { cwd: project({ 'a.js': PG_SAFE }) });
    assertUsageError(r, /path not found: no\/such\/place/);
  });

  it('a missing or unknown command exits 2', async () => {
    const dir = project({});
    assertUsageError(await run([], { cwd: dir }), /missing command/);
    assertUsageError(await run(['lint', '.'], { cwd: dir }), /unknown command "lint"/);
  });

  it('--fix with --fix-dry-run exits 2', async () => {
    assertUsageError(await run(['scan', '--fix', '--fix-dry-run'], { cwd: project({}) }), /cannot be used together/);
  });

  it('a --rules folder that does not exist exits 2', async () => {
    assertUsageError(await run(['scan', '--rules', 'missing-rules'], { cwd: project({ 'a.js': PG_SAFE }) }), /--rules missing-rules: no such folder/);
  });

  it('an --output file in a folder that does not exist exits 2 before scanning', async () => {
    assertUsageError(await run(['scan', '--output', 'nowhere/report.json'], { cwd: project({ 'a.js': PG_SAFE }) }), /cannot write --output nowhere\/report\.json/);
  });

  describe('parseArgs', () => {
    it('takes options before or after paths, --opt=value, short forms and --', () => {
      const parsed = parseArgs(['scan', 'src', '-f', 'json', '--output=out.json', 'lib', '--rules', 'r1', '--rules=r2', '--fail-on', 'warning', '--', '--weird-name.js']);
      assert.deepStrictEqual(parsed, {
        command: 'scan',
        paths: ['src', 'lib', '--weird-name.js'],
        format: 'json',
        output: 'out.json',
        failOn: 'warning',
        rules: ['r1', 'r2'],
        fix: false,
        fixDryRun: false,
        color: true,
        listSuppressed: false,
        noConfig: false,
        reviewer: false,
      });
    });

    it('defaults: text, --fail-on error, paths ["."]', () => {
      const parsed = parseArgs(['scan']);
      assert.ok(parsed.command === 'scan');
      assert.deepStrictEqual([parsed.format, parsed.failOn, parsed.paths], ['text', 'error', ['.']]);
    });

    it('flags take no value', () => {
      assert.throws(() => parseArgs(['scan', '--fix=yes']), UsageError);
    });
  });
});

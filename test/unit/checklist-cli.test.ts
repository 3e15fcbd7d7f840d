import * as assert from 'assert';
import { parseChecklistArgs } from '../../src/cli/checklist-args';
import { cleanup, PG_SAFE, project, run } from './cli-helpers';

// `backend-coach checklist`: the evidence-based view of the checklist in the terminal.

describe('CLI: backend-coach checklist', function () {
  this.timeout(30_000);
  after(cleanup);

  const WORKSPACE = {
    Dockerfile: 'FROM node:22\n',
    '.github/workflows/ci.yml': 'on: push\n',
    '.gitignore': 'node_modules/\n.env\n',
    'db.js': PG_SAFE,
  };

  it('prints each section with what was seen, in text by default', async () => {
    const dir = project(WORKSPACE);
    const { code, stdout, stderr } = await run(['checklist', dir], { cwd: dir });
    assert.strictEqual(code, 0, stderr);
    assert.match(stdout, /^Backend Coach checklist: evidence in /);
    assert.match(stdout, /\n {2}\[x\] Docker\n {6}seen container: Dockerfile\n/);
    assert.match(stdout, /\n {2}\[x\] CI\/CD\n {6}seen ci: \.github\/workflows\/ci\.yml\n/);
    assert.match(stdout, /\n {2}\[x\] Parameterised queries\n {6}seen parameterised-queries: no unparameterised query in 1 file with queries \(db\.js\)\n/);
    assert.match(stdout, /\n {2}\[ \] Migrations\n {6}not seen migrations: no migration files\n/);
    assert.match(stdout, /\n {3}· {2}Proper authentication\n/);
    assert.match(stdout, /\nTooling \(2 of 3 checkable items detected\)\n/);
    assert.match(stdout, /\n4 of \d+ items detected; 4 of 15 detectors found their evidence \(\d+\.\d s\)\.\n/);
    assert.ok(!stdout.includes('\u001b['), 'no colours when not a terminal');
  });

  it('uses colours on a terminal unless --no-color', async () => {
    const dir = project(WORKSPACE);
    assert.ok((await run(['checklist', '.'], { cwd: dir, tty: true })).stdout.includes('\u001b[32m[x]\u001b[39m'));
    assert.ok(!(await run(['checklist', '.', '--no-color'], { cwd: dir, tty: true })).stdout.includes('\u001b['));
  });

  it('prints JSON with every detector and every item', async () => {
    const dir = project(WORKSPACE);
    const { code, stdout } = await run(['checklist', '--format', 'json'], { cwd: dir });
    assert.strictEqual(code, 0);
    const report = JSON.parse(stdout);
    assert.strictEqual(report.tool.name, 'backend-coach');
    assert.strictEqual(report.folder, dir);
    assert.strictEqual(report.detectors.length, 15);
    assert.deepStrictEqual(
      report.detectors.filter((d: { found: boolean }) => d.found).map((d: { id: string }) => d.id),
      ['ci', 'container', 'env-ignored', 'parameterised-queries'],
    );
    const tooling = report.sections.find((s: { id: string }) => s.id === 'tooling');
    const docker = tooling.items.find((i: { id: string }) => i.id === 'tooling.docker');
    assert.deepStrictEqual(docker, { id: 'tooling.docker', title: 'Docker', detected: true, evidence: [{ detector: 'container', found: true, detail: 'Dockerfile' }] });
    assert.strictEqual(report.total, report.sections.reduce((n: number, s: { items: unknown[] }) => n + s.items.length, 0));
  });

  it('prints the shareable Markdown report', async () => {
    const dir = project({ Dockerfile: 'FROM node:22\n' });
    const { code, stdout } = await run(['checklist', '--format=markdown', dir], { cwd: '/' });
    assert.strictEqual(code, 0);
    assert.match(stdout, /^# Backend Coach learning checklist\n/);
    assert.ok(stdout.includes('- [x] **Docker** (`tooling.docker`): done (detected)'));
    assert.ok(stdout.includes('  - seen (container): Dockerfile'));
    assert.ok(stdout.includes(`evidence from \`${dir}\``));
  });

  it('exits 2 with a clear message on a bad folder or option', async () => {
    const dir = project({});
    const missing = await run(['checklist', 'nope'], { cwd: dir });
    assert.deepStrictEqual([missing.code, missing.stderr], [2, 'backend-coach: checklist: no such folder: nope\n']);
    const format = await run(['checklist', '--format', 'sarif'], { cwd: dir });
    assert.deepStrictEqual([format.code, format.stderr], [2, 'backend-coach: --format must be one of text, json, markdown, not "sarif"\n']);
    const two = await run(['checklist', 'a', 'b'], { cwd: dir });
    assert.strictEqual(two.code, 2);
    assert.match(two.stderr, /checklist takes one folder, not 2/);
  });

  it('prints its help', async () => {
    const { code, stdout } = await run(['checklist', '--help'], { cwd: '/' });
    assert.strictEqual(code, 0);
    assert.match(stdout, /^Usage: backend-coach checklist \[dir\] \[options\]/);
  });

  it('parses its arguments', () => {
    assert.deepStrictEqual(parseChecklistArgs([]), { command: 'checklist', dir: '.', format: 'text', color: true, help: false });
    assert.deepStrictEqual(parseChecklistArgs(['-f', 'markdown', '--no-color', 'api']), { command: 'checklist', dir: 'api', format: 'markdown', color: false, help: false });
    assert.throws(() => parseChecklistArgs(['--fix']), /unknown option "--fix" for checklist/);
    assert.throws(() => parseChecklistArgs(['--format']), /option --format needs a value/);
    assert.throws(() => parseChecklistArgs(['--help=yes']), /takes no value/);
  });
});

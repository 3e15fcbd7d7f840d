import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { unifiedDiff } from '../../src/cli/diff';
import { scanFiles } from '../../src/cli/scan';
import { Engine, type AnalysisResult } from '../../src/core/engine';
import type { Finding } from '../../src/core/types';
import { cleanup, PG_SAFE, PG_VULNERABLE, PG_WARNING, project, read, run, write } from './cli-helpers';

const TWO_PROBLEMS = [
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  "app.get('/u', async (req, res) => {",
  "  const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${req.query.email}'`);",
  '  res.json(rows);',
  '});',
  'function byName(name) {',
  `  return pool.query("SELECT * FROM users WHERE name = '" + name + "'");`,
  '}',
  '',
].join('\n');

describe('cli: --fix and --fix-dry-run', () => {
  after(cleanup);

  it('--fix rewrites the file so that a re-scan is clean', async () => {
    const dir = project({ 'src/app.js': PG_VULNERABLE });
    const r = await run(['scan', '--fix'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.strictEqual(read(dir, 'src/app.js'), PG_SAFE);
    assert.strictEqual(r.stderr, 'Fixed 1 problem in 1 file.\n');
    assert.strictEqual(r.stdout, 'No problems found (1 file scanned)\n', 'the report is of what remains after fixing');
    const again = await run(['scan'], { cwd: dir });
    assert.strictEqual(again.code, 0);
    assert.strictEqual(again.stdout, 'No problems found (1 file scanned)\n');
  });

  it('--fix fixes every fixable finding of a file, errors and warnings, keeping the rest of the file', async () => {
    const dir = project({ 'app.js': TWO_PROBLEMS });
    const r = await run(['scan', '--fix', '--format', 'json'], { cwd: dir });
    assert.strictEqual(r.code, 0, r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepStrictEqual(report.findings, []);
    assert.strictEqual(report.summary.fixesApplied, 2);
    const fixed = read(dir, 'app.js').split('\n');
    assert.match(fixed[3], /pool\.query\(`SELECT \* FROM users WHERE email = \$1`, \[req\.query\.email\]\)/);
    assert.match(fixed[7], /pool\.query\("SELECT \* FROM users WHERE name = \$1", \[name\]\)/);
    assert.deepStrictEqual([fixed[0], fixed[4], fixed[8]], ["const { Pool } = require('pg');", '  res.json(rows);', '}']);
  });

  it('--fix keeps CRLF line endings', async () => {
    const dir = project({ 'app.js': TWO_PROBLEMS.replace(/\n/g, '\r\n') });
    assert.strictEqual((await run(['scan', '--fix'], { cwd: dir })).code, 0);
    const text = read(dir, 'app.js');
    assert.strictEqual(text.split('\r\n').length, TWO_PROBLEMS.split('\n').length);
    assert.ok(!/[^\r]\n/.test(text));
  });

  it('--fix leaves what it cannot fix, and suppressed findings, and the exit code says so', async () => {
    const code = [
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      "app.get('/t', (req, res) => pool.query('SELECT * FROM ' + req.query.table));",
      '// coach-ignore-next-line unparameterised-query-pg -- reviewed',
      "app.get('/s', (req, res) => pool.query('SELECT * FROM t WHERE id = ' + req.query.id));",
      '',
    ].join('\n');
    const dir = project({ 'app.js': code });
    const r = await run(['scan', '--fix', '--format', 'json'], { cwd: dir });
    assert.strictEqual(r.code, 1, 'a table name cannot be a parameter: the finding stays');
    assert.strictEqual(r.stderr, 'No fixes available.\n');
    assert.strictEqual(read(dir, 'app.js'), code);
    const report = JSON.parse(r.stdout);
    assert.strictEqual(report.findings.length, 1);
    assert.strictEqual(report.findings[0].range.start.line, 3);
    assert.strictEqual(report.findings[0].fix, null);
    assert.strictEqual(report.summary.suppressed, 1);
  });

  it('--fix-dry-run prints a diff that git can apply, and changes nothing', async () => {
    const dir = project({ 'src/app.js': PG_VULNERABLE, 'src/byname.js': PG_WARNING, 'src/clean.js': PG_SAFE });
    const r = await run(['scan', '--fix-dry-run'], { cwd: dir });
    assert.strictEqual(read(dir, 'src/app.js'), PG_VULNERABLE, 'unchanged');
    assert.strictEqual(read(dir, 'src/byname.js'), PG_WARNING, 'unchanged');
    assert.strictEqual(r.code, 0, 'nothing would remain after the fixes');
    assert.strictEqual(r.stderr, '--fix-dry-run: 2 fixes would change 2 files; 0 problems would remain.\n');
    assert.strictEqual(
      r.stdout.split('\n').slice(0, 5).join('\n'),
      [
        '--- a/src/app.js',
        '+++ b/src/app.js',
        '@@ -1,1 +1,1 @@',
        '-' + PG_VULNERABLE.trimEnd(),
        '+' + PG_SAFE.trimEnd(),
      ].join('\n'),
    );
    assert.ok(r.stdout.includes('--- a/src/byname.js\n+++ b/src/byname.js\n@@ -1,5 +1,5 @@\n'), r.stdout);
    assert.ok(!r.stdout.includes('clean.js'));

    // The patch applies and gives exactly what --fix writes.
    execFileSync('git', ['apply', '-'], { cwd: dir, input: r.stdout });
    const patched = { app: read(dir, 'src/app.js'), byName: read(dir, 'src/byname.js') };
    write(dir, 'src/app.js', PG_VULNERABLE);
    write(dir, 'src/byname.js', PG_WARNING);
    assert.strictEqual((await run(['scan', '--fix'], { cwd: dir })).code, 0);
    assert.deepStrictEqual(patched, { app: read(dir, 'src/app.js'), byName: read(dir, 'src/byname.js') });
  });

  it('--fix-dry-run with --output writes the report of what would remain', async () => {
    const code = PG_VULNERABLE + "app.get('/t', (req, res) => pool.query('SELECT * FROM ' + req.query.table));\n";
    const dir = project({ 'app.js': code });
    const r = await run(['scan', '--fix-dry-run', '--format', 'json', '--output', 'remaining.json'], { cwd: dir });
    assert.strictEqual(r.code, 1);
    assert.strictEqual(read(dir, 'app.js'), code);
    assert.match(r.stdout, /^--- a\/app\.js\n\+\+\+ b\/app\.js\n@@ -1,2 \+1,2 @@\n/);
    const report = JSON.parse(read(dir, 'remaining.json'));
    assert.deepStrictEqual(
      report.findings.map((f: { range: { start: { line: number } } }) => f.range.start.line),
      [2],
    );
    assert.strictEqual(r.stderr, '--fix-dry-run: 1 fix would change 1 file; 1 problem would remain.\n');
  });

  it('--fix-dry-run with nothing to fix prints no diff', async () => {
    const r = await run(['scan', '--fix-dry-run'], { cwd: project({ 'a.js': PG_SAFE }) });
    assert.strictEqual(r.code, 0);
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(r.stderr, '--fix-dry-run: no fixes available; 0 problems found.\n');
  });

  describe('fix passes', () => {
    /** An engine stand-in whose findings come from the text, so fixes can be made to overlap or break the code. */
    function fakeEngine(findingsFor: (text: string) => Finding[]): Engine {
      const parser = Engine.fromRules([]);
      return {
        analyze: async (file: string, text: string): Promise<AnalysisResult> => {
          const result = await parser.analyze(file, text);
          return { ...result, findings: findingsFor(text) };
        },
      } as unknown as Engine;
    }
    const finding = (text: string, needle: string, replacement: string): Finding[] => {
      const at = text.indexOf(needle);
      if (at < 0) return [];
      const range = { start: { line: 0, column: at }, end: { line: 0, column: at + needle.length } };
      return [{ ruleId: 'fake', severity: 'error', message: needle, range, cwe: [], trace: [], fix: { title: 'fix', edits: [{ start: at, end: at + needle.length, text: replacement }] } }];
    };

    it('applies fixes that touch each other in successive passes', async () => {
      const dir = project({ 'a.js': 'aaa(bbb);\n' });
      const engine = fakeEngine((t) => [...finding(t, 'aaa', 'AAA'), ...finding(t, '(bbb', '(BBB')]);
      const result = await scanFiles(engine, [path.join(dir, 'a.js')], { cwd: dir, fix: 'fix' });
      assert.strictEqual(read(dir, 'a.js'), 'AAA(BBB);\n');
      assert.strictEqual(result.fixesApplied, 2);
      assert.deepStrictEqual(result.warnings, []);
    });

    it('refuses a fix that would leave a syntax error', async () => {
      const dir = project({ 'a.js': 'call(x);\n' });
      const engine = fakeEngine((t) => finding(t, 'call(x)', 'call(x'));
      const result = await scanFiles(engine, [path.join(dir, 'a.js')], { cwd: dir, fix: 'fix' });
      assert.strictEqual(read(dir, 'a.js'), 'call(x);\n');
      assert.strictEqual(result.fixesApplied, 0);
      assert.deepStrictEqual(result.warnings, ['a.js: a fix would leave the file with a syntax error; fix not applied']);
      assert.strictEqual(result.files[0].findings.length, 1, 'the finding is still reported');
    });
  });
});

describe('cli: unified diff', () => {
  it('prints nothing for equal texts', () => {
    assert.strictEqual(unifiedDiff('a\n', 'a\n', 'a/x', 'b/x'), '');
  });

  it('keeps three lines of context and splits distant changes into hunks', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const changed = old.replace('line 2\n', 'line two\n').replace('line 18\n', 'line eighteen\n');
    assert.strictEqual(
      unifiedDiff(old, changed, 'a/f.js', 'b/f.js'),
      [
        '--- a/f.js',
        '+++ b/f.js',
        '@@ -1,5 +1,5 @@',
        ' line 1',
        '-line 2',
        '+line two',
        ' line 3',
        ' line 4',
        ' line 5',
        '@@ -15,6 +15,6 @@',
        ' line 15',
        ' line 16',
        ' line 17',
        '-line 18',
        '+line eighteen',
        ' line 19',
        ' line 20',
        '',
      ].join('\n'),
    );
  });

  it('marks a missing newline at the end of the file', () => {
    assert.strictEqual(unifiedDiff('a\nb', 'a\nc', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.strictEqual(unifiedDiff('a', 'a\n', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });

  it('handles insertions and deletions of whole lines', () => {
    assert.strictEqual(unifiedDiff('a\nb\n', 'a\nx\ny\nb\n', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -1,2 +1,4 @@\n a\n+x\n+y\n b\n');
    assert.strictEqual(unifiedDiff('a\nb\nc\n', 'a\nc\n', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n a\n-b\n c\n');
    assert.strictEqual(unifiedDiff('', 'new\n', 'a/f', 'b/f'), '--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+new\n');
  });
});

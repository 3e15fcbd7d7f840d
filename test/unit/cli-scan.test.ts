import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cleanup, PG_SAFE, PG_VULNERABLE, PG_WARNING, project, read, run, TEST_RULE, TEST_SINK_CODE, write } from './cli-helpers';

const ESC = '\u001b[';

interface JsonPos {
  line: number;
  column: number;
}
interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  range: { start: JsonPos; end: JsonPos };
  cwe: string[];
  checklist: string | null;
  trace: { range: { start: JsonPos; end: JsonPos }; note: string }[];
  fix: { title: string; edits: { start: number; end: number; range: { start: JsonPos; end: JsonPos }; text: string }[] } | null;
  suppressed?: { reason: string; range: { start: JsonPos; end: JsonPos } };
}

describe('cli: scan', () => {
  after(cleanup);

  describe('exit codes and --fail-on', () => {
    it('exits 1 on the issue example (request data in a pg query) and 0 once it is parameterised', async () => {
      const dir = project({ 'src/app.js': PG_VULNERABLE });
      const bad = await run(['scan'], { cwd: dir });
      assert.strictEqual(bad.code, 1, bad.stdout + bad.stderr);
      write(dir, 'src/app.js', PG_SAFE);
      const good = await run(['scan'], { cwd: dir });
      assert.strictEqual(good.code, 0, good.stdout + good.stderr);
      assert.strictEqual(good.stderr, '');
    });

    it('--fail-on never exits 0 even with errors', async () => {
      const r = await run(['scan', '--fail-on', 'never'], { cwd: project({ 'app.js': PG_VULNERABLE }) });
      assert.strictEqual(r.code, 0);
      assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
    });

    it('--fail-on compares each finding with the threshold', async () => {
      const dir = project({ 'byname.js': PG_WARNING });
      const json = JSON.parse((await run(['scan', '--format', 'json', '--fail-on', 'never'], { cwd: dir })).stdout);
      assert.deepStrictEqual(
        json.findings.map((f: JsonFinding) => f.severity),
        ['warning'],
        'the fixture has exactly one warning (a query built from a parameter)',
      );
      assert.strictEqual((await run(['scan'], { cwd: dir })).code, 0, 'default --fail-on error: a warning passes');
      assert.strictEqual((await run(['scan', '--fail-on', 'error'], { cwd: dir })).code, 0);
      assert.strictEqual((await run(['scan', '--fail-on', 'warning'], { cwd: dir })).code, 1);
      assert.strictEqual((await run(['scan', '--fail-on', 'info'], { cwd: dir })).code, 1);
      assert.strictEqual((await run(['scan', '--fail-on', 'never'], { cwd: dir })).code, 0);
    });

    it('suppressed findings never fail the run', async () => {
      const code = [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "app.get('/u', (req, res) => {",
        '  // coach-ignore-next-line unparameterised-query-pg -- id is validated by the router',
        "  pool.query('SELECT * FROM users WHERE id = ' + req.params.id);",
        '});',
        '',
      ].join('\n');
      const r = await run(['scan'], { cwd: project({ 'app.js': code }) });
      assert.strictEqual(r.code, 0, r.stdout);
      assert.match(r.stdout, /^No problems found \(1 file scanned\), 1 suppressed$/m);
    });
  });

  describe('text output', () => {
    it('groups findings by file as line:column severity message rule-id, then a summary', async () => {
      const dir = project({ 'src/app.js': PG_VULNERABLE, 'src/byname.js': PG_WARNING, 'src/clean.js': PG_SAFE });
      const r = await run(['scan'], { cwd: dir });
      assert.strictEqual(r.code, 1);
      const lines = r.stdout.split('\n');
      const appAt = lines.indexOf('src/app.js');
      const byNameAt = lines.indexOf('src/byname.js');
      assert.ok(appAt >= 0 && byNameAt > appAt, r.stdout);
      assert.match(lines[appAt + 1], /^ {2}1:91 {2}error {2}.*req\.query\.id.* {2}unparameterised-query-pg$/);
      assert.match(lines[byNameAt + 1], /^ {2}4:15 {2}warning {2}.+ {2}unparameterised-query-pg$/);
      assert.ok(!r.stdout.includes('src/clean.js'), 'clean files are not listed');
      assert.match(r.stdout, /^✖ 2 problems \(1 error, 1 warning\)$/m);
      assert.match(r.stdout, /2 problems can be fixed with the `--fix` option/);
      assert.ok(!r.stdout.includes(ESC), 'no colours when stdout is not a terminal');
    });

    it('says so when there is nothing to report', async () => {
      const r = await run(['scan', '.'], { cwd: project({ 'a.js': PG_SAFE, 'b.py': 'print(1)\n', 'c.md': '# not code' }) });
      assert.strictEqual(r.code, 0);
      assert.strictEqual(r.stdout, 'No problems found (2 files scanned)\n');
    });

    it('colours only a terminal, and not with --no-color or NO_COLOR', async () => {
      const dir = project({ 'app.js': PG_VULNERABLE });
      const tty = await run(['scan'], { cwd: dir, tty: true });
      assert.ok(tty.stdout.includes(`${ESC}31merror`), 'errors in red');
      assert.ok(tty.stdout.includes(`${ESC}4mapp.js`), 'file names underlined');
      assert.ok(!(await run(['scan', '--no-color'], { cwd: dir, tty: true })).stdout.includes(ESC));
      assert.ok(!(await run(['scan'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout.includes(ESC));
      assert.ok((await run(['scan'], { cwd: dir, tty: true, env: { NO_COLOR: '' } })).stdout.includes(ESC), 'an empty NO_COLOR does not count');
      assert.ok(!(await run(['scan', '--format', 'json'], { cwd: dir, tty: true })).stdout.includes(ESC));
    });

    it('--list-suppressed shows suppressed findings, marked with their reason', async () => {
      const code = [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "app.get('/u', (req, res) => {",
        "  pool.query('SELECT * FROM users WHERE id = ' + req.params.id); // coach-ignore-line unparameterised-query-pg -- checked upstream",
        '});',
        '',
      ].join('\n');
      const dir = project({ 'app.js': code });
      const plain = await run(['scan'], { cwd: dir });
      assert.ok(!plain.stdout.includes('4:'), plain.stdout);
      const listed = await run(['scan', '--list-suppressed'], { cwd: dir });
      assert.strictEqual(listed.code, 0);
      assert.match(listed.stdout, /^ {2}4:\d+ +error +.+ {2}unparameterised-query-pg {2}\(suppressed: checked upstream\)$/m);
      assert.match(listed.stdout, /No problems found \(1 file scanned\), 1 suppressed/);
    });
  });

  describe('JSON output', () => {
    it('has version, findings with 1-based positions, suppressed, skipped and a summary', async () => {
      const code = [
        "const { Pool } = require('pg');",
        'const pool = new Pool();',
        "app.get('/u', (req, res) => {",
        "  return pool.query('SELECT * FROM users WHERE id = ' + req.query.id);",
        '});',
        '// coach-ignore-next-line unparameterised-query-pg -- constant in tests',
        "pool.query('SELECT ' + req.body.col);",
        '',
      ].join('\n');
      const dir = project({ 'src/api/users.js': code, 'bin.js': Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]) });
      const r = await run(['scan', '--format', 'json', '--list-suppressed'], { cwd: dir });
      assert.strictEqual(r.code, 1, r.stderr);
      const report = JSON.parse(r.stdout);
      assert.strictEqual(report.version, 1);
      assert.deepStrictEqual(Object.keys(report).sort(), ['findings', 'skipped', 'summary', 'suppressed', 'tool', 'version']);

      assert.strictEqual(report.findings.length, 1);
      const f: JsonFinding = report.findings[0];
      assert.strictEqual(f.ruleId, 'unparameterised-query-pg');
      assert.strictEqual(f.severity, 'error');
      assert.strictEqual(f.file, 'src/api/users.js');
      assert.deepStrictEqual(f.cwe, ['CWE-89']);
      assert.strictEqual(typeof f.checklist, 'string');
      assert.match(f.message, /req\.query\.id/);
      // 1-based: line 4; `query` of `pool.query(` starts at character 14 (0-based 13).
      const line4 = code.split('\n')[3];
      assert.deepStrictEqual(f.range.start, { line: 4, column: line4.indexOf('query(') + 1 });
      // Ends are exclusive: the column just after the call's closing parenthesis.
      assert.deepStrictEqual(f.range.end, { line: 4, column: line4.lastIndexOf(')') + 2 });
      // The trace starts at the source: req.query on line 4.
      assert.ok(f.trace.length >= 2);
      assert.deepStrictEqual(f.trace[0].range.start, { line: 4, column: line4.indexOf('req.query') + 1 });
      assert.ok(f.fix && f.fix.edits.length > 0, 'the finding carries its fix');
      for (const e of f.fix.edits) {
        assert.strictEqual(e.range.start.line, 4);
        assert.strictEqual(code.split('\n').slice(0, 3).join('\n').length + 1 + (e.range.start.column - 1), e.start, 'offsets and 1-based range agree');
      }

      assert.strictEqual(report.suppressed.length, 1);
      assert.deepStrictEqual(report.suppressed[0].suppressed.reason, 'constant in tests');
      assert.strictEqual(report.suppressed[0].range.start.line, 7);
      assert.strictEqual(report.suppressed[0].suppressed.range.start.line, 6);

      assert.deepStrictEqual(report.skipped, [{ file: 'bin.js', reason: 'binary file' }]);
      assert.deepStrictEqual(report.summary, {
        filesScanned: 1,
        filesSkipped: 1,
        problems: 1,
        errors: 1,
        warnings: 0,
        info: 0,
        hints: 0,
        suppressed: 1,
        fixable: 1,
        fixesApplied: 0,
        filesFixed: 0,
      });
    });

    it('lists suppressed findings only with --list-suppressed, but always counts them', async () => {
      const code = "const { Pool } = require('pg'); const pool = new Pool();\n// coach-ignore-next-line unparameterised-query-pg -- ok\npool.query('SELECT ' + req.body.col);\n";
      const report = JSON.parse((await run(['scan', '--format', 'json'], { cwd: project({ 'a.js': code }) })).stdout);
      assert.deepStrictEqual(report.suppressed, []);
      assert.strictEqual(report.summary.suppressed, 1);
    });

    it('--output writes the report to a file and nothing to stdout', async () => {
      const dir = project({ 'app.js': PG_VULNERABLE });
      const r = await run(['scan', '--format', 'json', '--output', 'report.json'], { cwd: dir });
      assert.strictEqual(r.code, 1);
      assert.strictEqual(r.stdout, '');
      assert.strictEqual(JSON.parse(read(dir, 'report.json')).findings.length, 1);
      const text = await run(['scan', '-o', 'report.txt'], { cwd: dir, tty: true });
      assert.ok(!read(dir, 'report.txt').includes(ESC), 'no colours in a file');
      assert.strictEqual(text.stdout, '');
    });
  });

  describe('files that cannot be analysed', () => {
    it('reports binary, oversized, minified and unreadable files as skipped, never crashing', async () => {
      const minifiedLine = 'var a=1;'.repeat(2_000);
      const dir = project({
        'ok.js': PG_SAFE,
        'binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00]),
        'huge.js': '// filler\n'.repeat(250_000),
        'bundle.js': (minifiedLine + '\n').repeat(60),
        'named.txt': 'not code',
      });
      fs.symlinkSync(path.join(dir, 'missing.js'), path.join(dir, 'dangling.js'));
      const r = await run(['scan', '--format', 'json', '.', 'named.txt'], { cwd: dir });
      assert.strictEqual(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      const reasons = Object.fromEntries(report.skipped.map((s: { file: string; reason: string }) => [s.file, s.reason]));
      assert.deepStrictEqual(reasons, {
        'binary.js': 'binary file',
        'bundle.js': 'minified or generated code',
        'dangling.js': 'broken symbolic link',
        'huge.js': 'larger than 2 MB',
        'named.txt': 'not a supported language',
      });
      assert.strictEqual(report.summary.filesScanned, 1);

      const text = await run(['scan', '.'], { cwd: dir });
      assert.strictEqual(text.code, 0);
      assert.match(text.stdout, /^Skipped 4 files:$/m);
      assert.match(text.stdout, /^ {2}huge\.js +larger than 2 MB$/m);
    });
  });

  describe('--rules', () => {
    it('runs the rules of an extra folder alongside the built-in ones', async () => {
      const dir = project({ 'rules/test-sink.yaml': TEST_RULE, 'src/handler.js': TEST_SINK_CODE, 'src/app.js': PG_VULNERABLE });
      const r = await run(['scan', '--rules', 'rules', '--format', 'json', 'src'], { cwd: dir });
      assert.strictEqual(r.stderr, '');
      const report = JSON.parse(r.stdout);
      const byRule = report.findings.map((f: JsonFinding) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`).sort();
      assert.deepStrictEqual(byRule, ['src/app.js:1:91 unparameterised-query-pg', 'src/handler.js:3:3 test-sink']);
    });

    it('reports a broken rule file as file:line:column: message and still runs the others', async () => {
      const broken = TEST_RULE.replace('id: test-sink', 'id: broken-rule').replace('severity: warning\ncategory', 'severity: fatal\ncategory');
      const dir = project({
        'rules/a-broken.yaml': broken,
        'rules/b-syntax.yaml': 'id: [unclosed\n',
        'rules/test-sink.yaml': TEST_RULE,
        'handler.js': TEST_SINK_CODE,
      });
      const r = await run(['scan', '--rules', 'rules', 'handler.js'], { cwd: dir });
      assert.strictEqual(r.code, 0, 'the finding is a warning; a rule error alone is not a failure');
      const errors = r.stderr.trimEnd().split('\n').sort();
      assert.strictEqual(errors.length, 2, r.stderr);
      assert.match(errors[0], /^rules\/a-broken\.yaml:3:11: severity: must be one of error, warning, info, hint$/);
      assert.match(errors[1], /^rules\/b-syntax\.yaml:\d+:\d+: YAML syntax: /);
      assert.match(r.stdout, /^ {2}3:3 {2}warning {2}Request data \(req\.query\.name\) reaches coachTestSink\(\)\. {2}test-sink$/m);
      assert.strictEqual((await run(['scan', '--rules', 'rules', '--fail-on', 'warning', 'handler.js'], { cwd: dir })).code, 1);
    });

    it('exits 2 when no rule of a --rules folder loads', async () => {
      const dir = project({ 'rules/only.yaml': 'id: only\n', 'a.js': PG_SAFE });
      const r = await run(['scan', '--rules', 'rules'], { cwd: dir });
      assert.strictEqual(r.code, 2);
      assert.strictEqual(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.match(lines[0], /^rules\/only\.yaml:1:1: /);
      assert.strictEqual(lines[lines.length - 1], 'backend-coach: --rules rules: no rule could be loaded (1 error above)');
    });
  });
});

import * as assert from 'assert';
import { Engine, MAX_FILE_CHARS } from '../../src/core/engine';
import { findSuppressions } from '../../src/core/suppressions';
import { parse } from '../../src/core/parsing/parser';

const engine = Engine.create();

const ROUTE = `const { Pool } = require('pg');
const pool = new Pool();
app.get('/u', (req, res) => {
  pool.query('SELECT * FROM users WHERE id = ' + req.query.id);
});
`;

describe('engine', () => {
  it('finds, explains and traces an injected query', async () => {
    const { findings } = await engine.analyze('routes.js', ROUTE);
    assert.strictEqual(findings.length, 1);
    const f = findings[0];
    assert.strictEqual(f.ruleId, 'unparameterised-query-pg');
    assert.strictEqual(f.severity, 'error');
    assert.deepStrictEqual(f.range.start, { line: 3, column: 7 }); // at the method name
    assert.match(f.message, /req\.query\.id, line 4/);
    assert.deepStrictEqual(f.cwe, ['CWE-89']);
    assert.strictEqual(f.checklist, 'security.parameterised-queries');
    assert.ok(f.trace.length >= 2);
    assert.ok(f.fix);
  });

  it('counts suppressed findings instead of dropping them', async () => {
    const text = ROUTE.replace("  pool.query", "  // coach-ignore-next-line unparameterised-query-pg -- ids are validated upstream\n  pool.query");
    const result = await engine.analyze('routes.js', text);
    assert.strictEqual(result.findings.length, 0);
    assert.strictEqual(result.suppressed.length, 1);
    assert.strictEqual(result.suppressed[0].suppressed?.reason, 'ids are validated upstream');
  });

  it('honours the same-line form and Python comments, and needs the right rule id', async () => {
    const sameLine = ROUTE.replace("req.query.id);", "req.query.id); // coach-ignore-line unparameterised-query-pg -- demo");
    assert.strictEqual((await engine.analyze('r.js', sameLine)).suppressed.length, 1);
    const wrongId = ROUTE.replace("  pool.query", "  // coach-ignore-next-line some-other-rule -- nope\n  pool.query");
    assert.strictEqual((await engine.analyze('r.js', wrongId)).findings.length, 1);
    const py = 'import sqlite3\nc = sqlite3.connect("x")\ndef f(n):\n    c.execute("DELETE FROM t WHERE n = " + n)  # coach-ignore-line unparameterised-query-dbapi -- admin tool\n';
    const r = await engine.analyze('a.py', py);
    assert.deepStrictEqual([r.findings.length, r.suppressed.length], [0, 1]);
  });

  it('parses suppression comments with several ids', () => {
    const s = findSuppressions('x\n// coach-ignore-next-line a-rule, b-rule -- why not\ny');
    assert.deepStrictEqual(s[0].ruleIds, ['a-rule', 'b-rule']);
    assert.strictEqual(s[0].appliesTo, 2);
    assert.strictEqual(s[0].reason, 'why not');
  });

  it('survives broken syntax and still reports what it can', async () => {
    const broken = ROUTE + '\nfunction (( {\n  const x = ;\n';
    const { findings } = await engine.analyze('broken.js', broken);
    assert.strictEqual(findings.length, 1);
  });

  it('skips binary, oversized and minified files with a reason', async () => {
    assert.match((await engine.analyze('a.js', 'abc\u0000def')).skipped ?? '', /binary/);
    assert.match((await engine.analyze('a.js', 'x'.repeat(MAX_FILE_CHARS + 1))).skipped ?? '', /larger/);
    const minified = 'var a=1;'.repeat(40_000);
    assert.match((await engine.analyze('a.min.js', minified)).skipped ?? '', /minified/);
  });

  it('returns nothing for files it does not analyse', async () => {
    assert.strictEqual((await engine.analyze('notes.txt', 'SELECT 1')).skipped, 'not a supported language');
    assert.strictEqual((await engine.analyze('types.d.ts', 'declare const x: string;')).skipped, 'not a supported language');
  });

  it('re-parses incrementally from an edited tree with the same result as a fresh parse', async () => {
    const first = await engine.analyze('routes.js', ROUTE, { keepTree: true });
    const tree = first.tree!;
    const at = ROUTE.indexOf("' + req.query.id");
    const edited = ROUTE.slice(0, at) + ' AND 1=1' + ROUTE.slice(at);
    const row = ROUTE.slice(0, at).split('\n').length - 1;
    const column = at - ROUTE.lastIndexOf('\n', at - 1) - 1;
    tree.edit({
      startIndex: at,
      oldEndIndex: at,
      newEndIndex: at + 8,
      startPosition: { row, column },
      oldEndPosition: { row, column },
      newEndPosition: { row, column: column + 8 },
    });
    const incremental = await engine.analyze('routes.js', edited, { oldTree: tree, keepTree: true });
    const fresh = await engine.analyze('routes.js', edited);
    assert.strictEqual(incremental.tree?.rootNode.toString(), (await parse('javascript', edited)).rootNode.toString());
    assert.deepStrictEqual(incremental.findings.map((f) => f.range), fresh.findings.map((f) => f.range));
  });

  it('applies severity overrides and rule filters', async () => {
    const r = await engine.analyze('routes.js', ROUTE, { severity: () => 'info' });
    assert.strictEqual(r.findings[0].severity, 'info');
    const none = await engine.analyze('routes.js', ROUTE, { ruleFilter: (rule) => rule.id !== 'unparameterised-query-pg' });
    assert.strictEqual(none.findings.length, 0);
  });
});

import * as assert from 'assert';
import { Engine } from '../../src/core/engine';
import { applyEdits } from '../../src/core/edits';
import { findSuppressions } from '../../src/core/suppressions';
import type { Finding } from '../../src/core/types';
import { DEFAULT_REASON, fixEdits, insertionText, suppressionInsertion, type SuppressionInsertion } from '../../src/vscode/code-action-edits';
import { FindingStore, findingFor } from '../../src/vscode/finding-store';

// The text side of the VS Code quick fixes (src/vscode/code-action-edits.ts, finding-store.ts), without
// VS Code. `Doc` models what the provider uses of vscode.TextDocument: positionAt/offsetAt as VS Code
// computes them (lines end at \r\n, \r or \n; columns in UTF-16 code units), and edits between positions.

interface Pos {
  line: number;
  character: number;
}

class Doc {
  private readonly starts: number[] = [0];
  private readonly ends: number[] = []; // offset of each line's end, before its line break

  constructor(readonly text: string) {
    const re = /\r\n|\r|\n/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.ends.push(m.index);
      this.starts.push(m.index + m[0].length);
    }
    this.ends.push(text.length);
  }

  positionAt(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let line = 0;
    while (line + 1 < this.starts.length && this.starts[line + 1] <= o) line++;
    return { line, character: Math.min(o, this.ends[line]) - this.starts[line] };
  }

  offsetAt(p: Pos): number {
    return this.starts[p.line] + p.character;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** Applies edits between positions, as a WorkspaceEdit would. */
  apply(edits: { start: Pos; end: Pos; text: string }[]): string {
    return applyEdits(this.text, edits.map((e) => ({ start: this.offsetAt(e.start), end: this.offsetAt(e.end), text: e.text })));
  }

  insert(s: SuppressionInsertion): string {
    const at = { line: s.line, character: s.column };
    return this.apply([{ start: at, end: at, text: insertionText(s) }]);
  }
}

const engine = Engine.create();

const ROUTE = `const { Pool } = require('pg');
const pool = new Pool();
app.get('/u', (req, res) => {
  pool.query('SELECT * FROM users WHERE id = ' + req.query.id);
});
`;
const PARAMETERISED = "  pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]);";

async function findingsOf(filename: string, text: string): Promise<Finding[]> {
  return (await engine.analyze(filename, text)).findings;
}

describe('VS Code quick fixes: the rule fix as positions', () => {
  it('turns the finding offsets into positions that rewrite the query as the CLI fix does', async () => {
    const [f] = await findingsOf('routes.js', ROUTE);
    assert.ok(f.fix);
    assert.strictEqual(f.fix.title, 'Parameterise this query');
    const doc = new Doc(ROUTE);
    const edits = fixEdits(f.fix, ROUTE.length, (o) => doc.positionAt(o));
    assert.ok(edits);
    for (const e of edits) assert.strictEqual(e.start.line, 3, 'every edit is on the query line');
    const fixed = doc.apply(edits);
    assert.strictEqual(fixed, applyEdits(ROUTE, f.fix.edits));
    assert.strictEqual(fixed.split('\n')[3], PARAMETERISED);
    assert.deepStrictEqual(await findingsOf('routes.js', fixed), [], 'the fixed text has no finding');
  });

  it('stays exact with CRLF line breaks and non-ASCII text before the query', async () => {
    const text = ROUTE.replace("app.get('/u'", "// Ünïcödé, 日本語 and an emoji 🚀 before the handler\napp.get('/ü'").replace(/\n/g, '\r\n');
    const [f] = await findingsOf('routes.js', text);
    assert.ok(f?.fix, 'the CRLF file has its fix');
    const doc = new Doc(text);
    const edits = fixEdits(f.fix, text.length, (o) => doc.positionAt(o));
    assert.ok(edits);
    for (const e of edits) assert.strictEqual(e.start.line, 4);
    const fixed = doc.apply(edits);
    assert.strictEqual(fixed, applyEdits(text, f.fix.edits));
    assert.strictEqual(fixed.split('\r\n')[4], PARAMETERISED);
  });

  it('gives the edits in document order, whatever order the fix lists them in', () => {
    const doc = new Doc('abcdef\nghij\n');
    const edits = fixEdits({ title: 't', edits: [{ start: 8, end: 9, text: 'X' }, { start: 1, end: 2, text: 'Y' }, { start: 2, end: 2, text: 'Z' }] }, doc.text.length, (o) => doc.positionAt(o));
    assert.deepStrictEqual(edits?.map((e) => [e.start, e.text]), [
      [{ line: 0, character: 1 }, 'Y'],
      [{ line: 0, character: 2 }, 'Z'],
      [{ line: 1, character: 1 }, 'X'],
    ]);
    assert.strictEqual(doc.apply(edits ?? []), 'aYZcdef\ngXij\n');
  });

  it('refuses a fix it cannot apply as given: no edits, out of range, overlapping', () => {
    const at = (o: number) => o;
    assert.strictEqual(fixEdits({ title: 't', edits: [] }, 10, at), undefined);
    assert.strictEqual(fixEdits({ title: 't', edits: [{ start: 2, end: 11, text: '' }] }, 10, at), undefined);
    assert.strictEqual(fixEdits({ title: 't', edits: [{ start: -1, end: 1, text: '' }] }, 10, at), undefined);
    assert.strictEqual(fixEdits({ title: 't', edits: [{ start: 5, end: 3, text: '' }] }, 10, at), undefined);
    assert.strictEqual(fixEdits({ title: 't', edits: [{ start: 1, end: 5, text: '' }, { start: 4, end: 6, text: '' }] }, 10, at), undefined);
    assert.ok(fixEdits({ title: 't', edits: [{ start: 1, end: 4, text: '' }, { start: 4, end: 6, text: '' }] }, 10, at), 'touching edits are fine');
  });
});

describe('VS Code quick fixes: the suppression comment', () => {
  it('inserts `// coach-ignore-next-line <rule> -- why this is safe` above the line, indented like it, and the finding is suppressed', async () => {
    const [f] = await findingsOf('routes.js', ROUTE);
    const doc = new Doc(ROUTE);
    const s = suppressionInsertion((l) => doc.lineText(l), f.range.start.line, '//', f.ruleId);
    assert.ok(s);
    assert.deepStrictEqual([s.line, s.column], [3, 0]);
    assert.strictEqual(s.before, '  // coach-ignore-next-line unparameterised-query-pg -- ');
    assert.strictEqual(s.reason, DEFAULT_REASON);
    assert.strictEqual(s.reason, 'why this is safe');
    assert.strictEqual(s.after, '\n');
    const text = doc.insert(s);
    assert.strictEqual(text.split('\n')[3], '  // coach-ignore-next-line unparameterised-query-pg -- why this is safe');
    const result = await engine.analyze('routes.js', text);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(result.suppressed.length, 1);
    assert.strictEqual(result.suppressed[0].suppressed?.reason, 'why this is safe');
  });

  it('uses # in Python and keeps tab indentation', async () => {
    const py = 'import sqlite3\nconn = sqlite3.connect("x")\ndef find(name):\n\tif name:\n\t\tconn.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n';
    const [f] = await findingsOf('app.py', py);
    assert.ok(f, 'the Python example has a finding');
    const doc = new Doc(py);
    const s = suppressionInsertion((l) => doc.lineText(l), f.range.start.line, '#', f.ruleId);
    assert.ok(s);
    assert.strictEqual(s.before, `\t\t# coach-ignore-next-line ${f.ruleId} -- `);
    const text = doc.insert(s);
    const result = await engine.analyze('app.py', text);
    assert.deepStrictEqual([result.findings.length, result.suppressed.length], [0, 1]);
  });

  it('ends the comment with the document line break (CRLF)', () => {
    const doc = new Doc('a\r\n    b()\r\n');
    const s = suppressionInsertion((l) => doc.lineText(l), 1, '//', 'some-rule', '\r\n');
    assert.ok(s);
    assert.strictEqual(doc.insert(s), 'a\r\n    // coach-ignore-next-line some-rule -- why this is safe\r\n    b()\r\n');
  });

  it('on the first line, inserts at the top of the file', () => {
    const doc = new Doc('run(x)\n');
    const s = suppressionInsertion((l) => doc.lineText(l), 0, '//', 'r');
    assert.ok(s);
    assert.strictEqual(doc.insert(s), '// coach-ignore-next-line r -- why this is safe\nrun(x)\n');
  });

  it('adds the rule to a coach-ignore-next-line comment already above the line, since a second comment would only cover the first', () => {
    const doc = new Doc('f()\n    // coach-ignore-next-line other-rule -- checked by the router\n    run(x)\n');
    const s = suppressionInsertion((l) => doc.lineText(l), 2, '//', 'my-rule');
    assert.ok(s);
    assert.deepStrictEqual([s.line, s.before, s.reason, s.after], [1, ', my-rule', '', '']);
    const text = doc.insert(s);
    assert.strictEqual(text.split('\n')[1], '    // coach-ignore-next-line other-rule, my-rule -- checked by the router');
    const [parsed] = findSuppressions(text);
    assert.deepStrictEqual([parsed.ruleIds, parsed.appliesTo, parsed.reason], [['other-rule', 'my-rule'], 2, 'checked by the router']);
  });

  it('offers nothing when the comment above already names the rule, and ignores a coach-ignore-line comment above', () => {
    const named = new Doc('# coach-ignore-next-line my-rule -- ok\nrun(x)\n');
    assert.strictEqual(suppressionInsertion((l) => named.lineText(l), 1, '#', 'my-rule'), undefined);
    const sameLine = new Doc('y() // coach-ignore-line my-rule -- ok\nrun(x)\n');
    const s = suppressionInsertion((l) => sameLine.lineText(l), 1, '//', 'my-rule');
    assert.deepStrictEqual([s?.line, s?.column, s?.reason], [1, 0, DEFAULT_REASON]);
  });
});

describe('VS Code quick fixes: the finding store', () => {
  it('gives the findings of a document only for the version they were computed for', async () => {
    const findings = await findingsOf('routes.js', ROUTE);
    const store = new FindingStore();
    store.set('file:///w/routes.js', 3, findings);
    assert.strictEqual(store.get('file:///w/routes.js', 3), findings);
    assert.strictEqual(store.get('file:///w/routes.js', 4), undefined, 'a newer version: the offsets no longer apply');
    assert.strictEqual(store.get('file:///w/other.js', 3), undefined);
    assert.ok(store.has('file:///w/routes.js'));
    store.delete('file:///w/routes.js');
    assert.ok(!store.has('file:///w/routes.js'));
  });

  it('finds the finding behind a diagnostic by rule, range and message', async () => {
    const text = ROUTE + "app.get('/v', (req, res) => pool.query('DELETE FROM t WHERE id = ' + req.body.id));\n";
    const findings = await findingsOf('routes.js', text);
    assert.strictEqual(findings.length, 2);
    const second = findings[1];
    assert.strictEqual(findingFor(findings, { ruleId: second.ruleId, message: second.message, range: second.range }), second);
    assert.strictEqual(findingFor(findings, { ruleId: 'another-rule', message: second.message, range: second.range }), undefined);
    assert.strictEqual(findingFor(findings, { ruleId: second.ruleId, message: second.message, range: { ...second.range, start: { line: 0, column: 0 } } }), undefined);
  });
});

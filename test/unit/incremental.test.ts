import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../../src/core/engine';
import { AnalysisCache } from '../../src/core/incremental';
import type { Tree } from '../../src/core/parsing/parser';
import type { Finding } from '../../src/core/types';

// Re-analysis that reuses unchanged statements must give exactly what a fresh analysis gives.

const engine = Engine.create();
const corpus = path.join(__dirname, '..', 'corpus');
const FILES = ['set-a/js/express-pg-users.routes.js', 'set-a/ts/typeorm-products.repository.ts', 'set-a/py/flask_library_app.py', 'set-b/js/knex-inventory-routes.js'];

function comparable(findings: Finding[]) {
  return findings.map((f) => ({ id: f.ruleId, sev: f.severity, msg: f.message, range: f.range, trace: f.trace, fix: f.fix }));
}

function lcg(seed: number) {
  let x = seed;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Edits a tree the way an editor reports a change: offsets and row/column positions. */
function editTree(tree: Tree, text: string, start: number, removed: number, inserted: string): void {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const row = before.split('\n').length - 1;
    return { row, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  const after = text.slice(0, start) + inserted;
  const endRow = after.split('\n').length - 1;
  tree.edit({
    startIndex: start,
    oldEndIndex: start + removed,
    newEndIndex: start + inserted.length,
    startPosition: pos(start),
    oldEndPosition: pos(start + removed),
    newEndPosition: { row: endRow, column: after.length - (after.lastIndexOf('\n') + 1) },
  });
}

describe('incremental re-analysis', () => {
  for (const file of FILES) {
    it(`matches a fresh analysis after 40 edits of ${file}`, async function () {
      this.timeout(60_000);
      let text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const cache = new AnalysisCache();
      let tree = (await engine.analyze(file, text, { cache, keepTree: true })).tree as Tree;
      const random = lcg(file.length * 7919);
      const inserts = ['x', ' ', '\n', "'", '(', ')', '+ id', '{', '}', '#', '//'];
      for (let i = 0; i < 40; i++) {
        const at = Math.floor(random() * text.length);
        const removed = random() < 0.3 ? Math.min(3, text.length - at) : 0;
        const inserted = removed && random() < 0.5 ? '' : inserts[Math.floor(random() * inserts.length)];
        editTree(tree, text, at, removed, inserted);
        text = text.slice(0, at) + inserted + text.slice(at + removed);
        const incremental = await engine.analyze(file, text, { cache, oldTree: tree, keepTree: true });
        tree.delete();
        tree = incremental.tree as Tree;
        const fresh = await engine.analyze(file, text);
        assert.deepStrictEqual(comparable(incremental.findings), comparable(fresh.findings), `after edit ${i + 1} at ${at}`);
      }
      tree.delete();
    });
  }

  it('reuses the statements an edit did not touch', async () => {
    const text = fs.readFileSync(path.join(corpus, FILES[0]), 'utf8');
    const cache = new AnalysisCache();
    await engine.analyze(FILES[0], text, { cache });
    const entries = [...cache.groups.values()][0];
    const before = new Set(entries.keys());
    // Edit inside the last statement only: every other statement keeps its key.
    const at = text.lastIndexOf(')');
    await engine.analyze(FILES[0], text.slice(0, at) + ' ' + text.slice(at), { cache });
    const after = [...[...cache.groups.values()][0].keys()];
    const kept = after.filter((k) => before.has(k)).length;
    assert.ok(kept >= after.length - 2, `kept ${kept} of ${after.length}`);
  });
});

import * as assert from 'assert';
import {
  emptyProgress,
  exportProgress,
  importProgress,
  manualState,
  mergeProgress,
  parseProgress,
  resetAll,
  resetItem,
  resetSection,
  setItemState,
  UNKNOWN_TIME,
  type Curriculum,
  type ProgressFile,
} from '../../src/core/checklist';

// Progress is the learner's work: every shape it may be stored in is read back, repaired entry by entry,
// and nothing readable is lost.

const T1 = new Date('2026-01-01T10:00:00.000Z');
const T2 = new Date('2026-02-01T10:00:00.000Z');

function v1(items: ProgressFile['items']): ProgressFile {
  return { format: 'backend-coach-progress', version: 1, items };
}

describe('checklist progress: reading what was stored', () => {
  it('reads the current format unchanged and reports nothing', () => {
    const stored = v1({ 'security.secrets': { state: 'done', updated: T1.toISOString(), note: 'rotated keys' }, 'tooling.docker': { state: 'learning', updated: T2.toISOString() } });
    const { progress, recovered } = parseProgress(stored);
    assert.deepStrictEqual(progress, stored);
    assert.deepStrictEqual(recovered, []);
  });

  it('starts empty, silently, when nothing was stored', () => {
    for (const nothing of [undefined, null]) assert.deepStrictEqual(parseProgress(nothing), { progress: emptyProgress(), recovered: [] });
  });

  it('migrates v0 (lists of ids per state) to v1, saying so', () => {
    const { progress, recovered } = parseProgress({ done: ['skills.git', 'tooling.docker'], skipped: ['skills.nosql-databases'] });
    assert.deepStrictEqual(progress.items, {
      'skills.git': { state: 'done', updated: UNKNOWN_TIME },
      'tooling.docker': { state: 'done', updated: UNKNOWN_TIME },
      'skills.nosql-databases': { state: 'skipped', updated: UNKNOWN_TIME },
    });
    assert.strictEqual(progress.version, 1);
    assert.ok(recovered.some((r) => /migrated from the v0 format/.test(r)));
  });

  it('moves renamed ids to their new id, following a chain, in both formats', () => {
    const renamed = { 'tooling.containers': 'tooling.docker', 'tooling.docker-old': 'tooling.containers' };
    const fromV0 = parseProgress({ done: ['tooling.docker-old'] }, renamed);
    assert.deepStrictEqual(Object.keys(fromV0.progress.items), ['tooling.docker']);
    const fromV1 = parseProgress(v1({ 'tooling.containers': { state: 'learning', updated: T1.toISOString() } }), renamed);
    assert.strictEqual(fromV1.progress.items['tooling.docker'].state, 'learning');
    assert.ok(fromV1.recovered.some((r) => r.includes('"tooling.containers" was renamed to "tooling.docker"')));
  });

  it('survives a rename cycle in a hand-edited map', () => {
    const { progress } = parseProgress({ done: ['a.x'] }, { 'a.x': 'a.y', 'a.y': 'a.x' });
    assert.strictEqual(Object.keys(progress.items).length, 1);
  });

  it('keeps the newer entry when an old and a new id both have one', () => {
    const { progress, recovered } = parseProgress(
      v1({ 'tooling.containers': { state: 'done', updated: T2.toISOString() }, 'tooling.docker': { state: 'learning', updated: T1.toISOString() } }),
      { 'tooling.containers': 'tooling.docker' },
    );
    assert.deepStrictEqual(progress.items['tooling.docker'], { state: 'done', updated: T2.toISOString() });
    assert.ok(recovered.some((r) => /appears twice/.test(r)));
  });

  it('keeps ids this curriculum does not know (a newer curriculum may)', () => {
    const { progress, recovered } = parseProgress(v1({ 'future.quantum-databases': { state: 'learning', updated: T1.toISOString() } }));
    assert.strictEqual(manualState(progress, 'future.quantum-databases'), 'learning');
    assert.deepStrictEqual(recovered, []);
  });

  it('reads a JSON text, and recovers from corrupt JSON without throwing', () => {
    assert.strictEqual(parseProgress(JSON.stringify({ done: ['skills.git'] })).progress.items['skills.git'].state, 'done');
    const { progress, recovered } = parseProgress('{"format":"backend-coach-progress","items":{"skills.git":');
    assert.deepStrictEqual(progress, emptyProgress());
    assert.match(recovered[0], /not valid JSON/);
  });

  it('reports values of the wrong type instead of throwing', () => {
    for (const [value, why] of [
      [42, /a number, not an object/],
      [['skills.git'], /a list, not an object/],
      [true, /a boolean/],
      [{ items: 'everything' }, /"items" is a string/],
      [{ colour: 'blue' }, /none of the known keys \(colour\)/],
      [{ done: 'skills.git' }, /v0 "done" is a string, not a list/],
    ] as const) {
      const { progress, recovered } = parseProgress(value);
      assert.deepStrictEqual(progress.items, {}, JSON.stringify(value));
      assert.ok(recovered.some((r) => why.test(r)), `${JSON.stringify(value)}: ${recovered.join(' | ')}`);
    }
  });

  it('drops bad entries one by one, keeps the good ones, and says what it did to each', () => {
    const { progress, recovered } = parseProgress({
      format: 'backend-coach-progress',
      version: 1,
      items: {
        'skills.git': { state: 'done', updated: T1.toISOString() },
        'skills.sql': { state: 'finished', updated: T1.toISOString() },
        'skills.linux': 7,
        'not an id': { state: 'done', updated: T1.toISOString() },
        'tooling.ci-cd': { state: 'learning', updated: 'yesterday' },
        'tooling.docker': 'skipped',
        'debt.code-review': { state: 'done', updated: T2.toISOString(), note: 12 },
        'debt.clean-code': { state: 'todo', updated: T1.toISOString() },
      },
    });
    assert.deepStrictEqual(progress.items, {
      'skills.git': { state: 'done', updated: T1.toISOString() },
      'tooling.ci-cd': { state: 'learning', updated: UNKNOWN_TIME },
      'tooling.docker': { state: 'skipped', updated: UNKNOWN_TIME },
      'debt.code-review': { state: 'done', updated: T2.toISOString() },
    });
    const said = recovered.join('\n');
    assert.match(said, /"skills\.sql": state "finished" is not one of todo, learning, done, skipped; dropped/);
    assert.match(said, /"skills\.linux": a number is not an entry; dropped/);
    assert.match(said, /"not an id": not an item id/);
    assert.match(said, /"tooling\.ci-cd": no valid "updated" time; kept the state/);
    assert.match(said, /"debt\.code-review": note is a number, not text; dropped the note/);
  });

  it('reads a future version as far as it can, and says so', () => {
    const { progress, recovered } = parseProgress({ format: 'backend-coach-progress', version: 2, items: { 'skills.git': { state: 'done', updated: T1.toISOString() } } });
    assert.strictEqual(manualState(progress, 'skills.git'), 'done');
    assert.ok(recovered.some((r) => /version was 2/.test(r)));
  });

  it('never changes the value it was given', () => {
    const stored = { done: ['skills.git'] };
    const copy = JSON.parse(JSON.stringify(stored));
    parseProgress(stored, { 'skills.git': 'skills.version-control' });
    assert.deepStrictEqual(stored, copy);
  });
});

describe('checklist progress: changing it', () => {
  const curriculum = {
    version: 1,
    renamed: {},
    sections: [
      { id: 'skills', title: 'Skills', summary: '', items: [{ id: 'skills.git' }, { id: 'skills.sql' }] },
      { id: 'tooling', title: 'Tooling', summary: '', items: [{ id: 'tooling.docker' }] },
    ],
  } as unknown as Curriculum;

  it('sets a state with its time, without touching the input', () => {
    const before = emptyProgress();
    const after = setItemState(before, 'skills.git', 'learning', T1);
    assert.deepStrictEqual(before.items, {});
    assert.deepStrictEqual(after.items['skills.git'], { state: 'learning', updated: T1.toISOString() });
    assert.strictEqual(manualState(after, 'skills.sql'), 'todo');
  });

  it('keeps a note across a change of state; todo removes the entry', () => {
    const noted = v1({ 'skills.git': { state: 'learning', updated: T1.toISOString(), note: 'branching next' } });
    assert.strictEqual(setItemState(noted, 'skills.git', 'done', T2).items['skills.git'].note, 'branching next');
    assert.deepStrictEqual(setItemState(noted, 'skills.git', 'todo', T2).items, {});
  });

  it('resets one item, one section (with its unknown ids), or everything', () => {
    let p = emptyProgress();
    for (const id of ['skills.git', 'skills.sql', 'skills.from-the-future', 'tooling.docker']) p = setItemState(p, id, 'done', T1);
    assert.deepStrictEqual(Object.keys(resetItem(p, 'skills.git').items), ['skills.sql', 'skills.from-the-future', 'tooling.docker']);
    assert.strictEqual(resetItem(p, 'skills.nothing'), p);
    assert.deepStrictEqual(Object.keys(resetSection(p, curriculum, 'skills').items), ['tooling.docker']);
    assert.throws(() => resetSection(p, curriculum, 'nope'), /no section "nope"/);
    assert.deepStrictEqual(resetAll(), emptyProgress());
    assert.strictEqual(Object.keys(p.items).length, 4, 'the input is unchanged');
  });
});

describe('checklist progress: export, import, merge', () => {
  it('exports sorted, pretty JSON that reads back to the same progress', () => {
    const p = v1({ 'tooling.docker': { state: 'done', updated: T2.toISOString() }, 'skills.git': { state: 'learning', updated: T1.toISOString(), note: 'n' } });
    const text = exportProgress(p);
    assert.ok(text.indexOf('skills.git') < text.indexOf('tooling.docker'));
    assert.ok(text.endsWith('}\n') && text.includes('\n  "items"'));
    assert.deepStrictEqual(parseProgress(text), { progress: p, recovered: [] });
  });

  it('merges per item: the newer entry wins, a tie keeps the current one, one-sided items stay', () => {
    const current = v1({
      'skills.git': { state: 'done', updated: T2.toISOString() },
      'skills.sql': { state: 'learning', updated: T1.toISOString() },
      'tooling.docker': { state: 'done', updated: T1.toISOString() },
    });
    const incoming = v1({
      'skills.git': { state: 'learning', updated: T1.toISOString() },
      'skills.sql': { state: 'done', updated: T2.toISOString() },
      'tooling.docker': { state: 'skipped', updated: T1.toISOString() },
      'debt.code-review': { state: 'skipped', updated: T1.toISOString() },
    });
    const merged = mergeProgress(current, incoming);
    assert.strictEqual(merged.items['skills.git'].state, 'done');
    assert.strictEqual(merged.items['skills.sql'].state, 'done');
    assert.strictEqual(merged.items['tooling.docker'].state, 'done');
    assert.strictEqual(merged.items['debt.code-review'].state, 'skipped');
    assert.strictEqual(current.items['skills.sql'].state, 'learning', 'inputs unchanged');
  });

  it('imports an old-format backup without losing newer work, and lists what changed', () => {
    const current = v1({ 'skills.git': { state: 'done', updated: T2.toISOString() } });
    const { progress, recovered, changed } = importProgress(current, JSON.stringify({ done: ['tooling.containers'], learning: ['skills.git'] }), { 'tooling.containers': 'tooling.docker' });
    assert.strictEqual(progress.items['skills.git'].state, 'done', 'a v0 entry has no time, so it never beats a real one');
    assert.strictEqual(progress.items['tooling.docker'].state, 'done');
    assert.deepStrictEqual(changed, ['tooling.docker']);
    assert.ok(recovered.some((r) => /v0/.test(r)));
  });

  it('imports a corrupt file as nothing, keeping the current progress', () => {
    const current = v1({ 'skills.git': { state: 'done', updated: T2.toISOString() } });
    const { progress, recovered, changed } = importProgress(current, 'not json at all');
    assert.deepStrictEqual(progress, current);
    assert.deepStrictEqual(changed, []);
    assert.match(recovered[0], /not valid JSON/);
  });
});

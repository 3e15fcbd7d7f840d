import * as assert from 'assert';
import { emptyProgress, markdownReport, setItemState, statusOf, summarize, type ChecklistItem, type Curriculum, type Evidence } from '../../src/core/checklist';

// How the learner's ticks and the workspace's evidence combine, and the report built from the result.

function item(id: string, evidence: string[] = []): ChecklistItem {
  return { id, title: `Title ${id}`, summary: 's', why: 'w', links: [], rules: [], snippets: [], evidence };
}

const CURRICULUM: Curriculum = {
  version: 3,
  renamed: {},
  sections: [
    { id: 'tooling', title: 'Tooling | infra', summary: '', items: [item('tooling.docker', ['container']), item('tooling.ci-cd', ['ci']), item('tooling.debugging')] },
    { id: 'security', title: 'Security', summary: '', items: [item('security.http-hardening', ['security-headers', 'rate-limiting']), item('security.secrets', ['env-ignored'])] },
  ],
};

const T = new Date('2026-03-01T00:00:00Z');

function evidence(found: Record<string, boolean>): Map<string, Evidence> {
  return new Map(Object.entries(found).map(([detector, f]) => [detector, { detector, found: f, detail: f ? `saw ${detector}` : `no ${detector}` }]));
}

function status(progressIds: Record<string, 'learning' | 'done' | 'skipped'>, found: Record<string, boolean>) {
  let p = emptyProgress();
  for (const [id, state] of Object.entries(progressIds)) p = setItemState(p, id, state, T);
  return new Map(statusOf(CURRICULUM, p, evidence(found)).map((s) => [s.item.id, s]));
}

describe('checklist status: manual state and evidence', () => {
  it('detected evidence makes an untouched or learning item done, with detected set', () => {
    const s = status({ 'tooling.ci-cd': 'learning' }, { container: true, ci: true });
    assert.deepStrictEqual([s.get('tooling.docker')?.effective, s.get('tooling.docker')?.detected, s.get('tooling.docker')?.manual], ['done', true, 'todo']);
    assert.deepStrictEqual([s.get('tooling.ci-cd')?.effective, s.get('tooling.ci-cd')?.manual], ['done', 'learning']);
  });

  it('missing evidence never un-ticks a manual tick; skipped stays skipped even when detected', () => {
    const s = status({ 'tooling.docker': 'done', 'tooling.ci-cd': 'skipped' }, { container: false, ci: true });
    assert.deepStrictEqual([s.get('tooling.docker')?.effective, s.get('tooling.docker')?.detected], ['done', false]);
    assert.deepStrictEqual([s.get('tooling.ci-cd')?.effective, s.get('tooling.ci-cd')?.detected], ['skipped', true]);
  });

  it('an item with several detectors needs all of them; one without detectors is never detected', () => {
    const half = status({}, { 'security-headers': true, 'rate-limiting': false });
    assert.strictEqual(half.get('security.http-hardening')?.effective, 'todo');
    const both = status({}, { 'security-headers': true, 'rate-limiting': true });
    assert.strictEqual(both.get('security.http-hardening')?.effective, 'done');
    assert.strictEqual(both.get('tooling.debugging')?.detected, false);
  });

  it('a detector that did not run counts as not found and says so', () => {
    const s = status({}, {});
    assert.deepStrictEqual(s.get('security.secrets')?.evidence, [{ detector: 'env-ignored', found: false, detail: 'not checked' }]);
    assert.strictEqual(s.get('security.secrets')?.effective, 'todo');
  });

  it('summarises effective states overall and per section, counting detected ticks apart', () => {
    let p = emptyProgress();
    p = setItemState(p, 'tooling.debugging', 'learning', T);
    p = setItemState(p, 'security.secrets', 'skipped', T);
    p = setItemState(p, 'tooling.ci-cd', 'done', T);
    const summary = summarize(CURRICULUM, statusOf(CURRICULUM, p, evidence({ container: true, ci: true })));
    assert.deepStrictEqual(summary.overall, { total: 5, todo: 1, learning: 1, done: 2, skipped: 1, detected: 1 });
    assert.deepStrictEqual(
      summary.sections.map((s) => [s.section.id, s.done, s.total]),
      [
        ['tooling', 2, 3],
        ['security', 0, 2],
      ],
    );
  });
});

describe('checklist report: Markdown to share', () => {
  it('has the overall and per-section progress, and every item with its state and evidence', () => {
    let p = emptyProgress();
    p = setItemState(p, 'tooling.debugging', 'learning', T);
    p = setItemState(p, 'security.secrets', 'skipped', T);
    const md = markdownReport(CURRICULUM, statusOf(CURRICULUM, p, evidence({ container: true, ci: false })), { date: T, workspace: 'shop-api' });
    const lines = md.split('\n');
    assert.strictEqual(lines[0], '# Backend Coach learning checklist');
    assert.ok(md.includes('2026-03-01 · curriculum version 3 · evidence from `shop-api`'));
    assert.ok(md.includes('**Overall: 1 of 5 done (20%), 1 of them detected, 1 learning, 1 skipped**'));
    assert.ok(lines.includes('| Tooling \\| infra | 1/3 | 1 | 0 | 1 |'), 'a pipe in a title is escaped in the table');
    assert.ok(lines.includes('| Security | 0/2 | 0 | 1 | 1 |'));
    assert.ok(lines.includes('- [x] **Title tooling.docker** (`tooling.docker`): done (detected)'));
    assert.ok(lines.includes('  - seen (container): saw container'));
    assert.ok(lines.includes('- [ ] **Title tooling.ci-cd** (`tooling.ci-cd`): to do'));
    assert.ok(lines.includes('  - not seen (ci): no ci'));
    assert.ok(lines.includes('- [~] **Title tooling.debugging** (`tooling.debugging`): learning'));
    assert.ok(lines.includes('- [-] **Title security.secrets** (`security.secrets`): skipped'));
    assert.ok(md.indexOf('## Tooling | infra') < md.indexOf('## Security'));
  });

  it('says when a ticked item is also detected', () => {
    const p = setItemState(emptyProgress(), 'tooling.docker', 'done', T);
    const md = markdownReport(CURRICULUM, statusOf(CURRICULUM, p, evidence({ container: true })), { date: T });
    assert.ok(md.includes('(`tooling.docker`): done (ticked, and detected)'));
    assert.ok(md.includes('**Overall: 1 of 5 done (20%)**'));
  });
});

import * as assert from 'assert';
import { emptyProgress, setItemState } from '../../src/core/checklist/progress';
import { evidenceFromJson, evidenceToJson, mergeFolderEvidence } from '../../src/vscode/checklist/evidence-merge';
import { inlineRuns, markdownParagraphs } from '../../src/vscode/checklist/inline-markdown';
import { readStoredProgress } from '../../src/vscode/checklist/stored-progress';
import { evidenceText, percentDone, toChecklistView } from '../../src/vscode/checklist/view-model';
import { CURRICULUM, status } from './checklist-view-fixture';

// The checklist view model (what the webview is sent), its Markdown runs, the stored-progress adapter
// and the merging of evidence over workspace folders: the parts of the sidebar that need no VS Code.

const DOCKER = { detector: 'container', found: true, detail: 'Dockerfile, compose.yaml' };
const NO_CI = { detector: 'ci', found: false, detail: 'no CI configuration (.github/workflows, .gitlab-ci.yml...)' };

describe('checklist view: the view model', () => {
  const statuses = [
    status('security.parameterised-queries', 'learning'),
    status('security.validate-input', 'skipped'),
    status('tooling.docker', 'todo', [DOCKER]),
    status('tooling.ci', 'todo', [NO_CI]),
    status('tooling.debugging', 'done'),
  ];
  const view = toChecklistView(CURRICULUM, statuses, 'ready');

  it('has every section and item of the curriculum, in order', () => {
    assert.deepStrictEqual(view.sections.map((s) => s.id), ['security', 'tooling']);
    assert.deepStrictEqual(view.sections[1].items.map((i) => i.id), ['tooling.docker', 'tooling.ci', 'tooling.debugging']);
  });

  it('counts effective states per section and overall; a skipped item leaves the percentage', () => {
    assert.deepStrictEqual(view.counts, { total: 5, todo: 1, learning: 1, done: 2, skipped: 1, detected: 1 });
    assert.strictEqual(view.percent, 50); // 2 done of the 4 not skipped
    assert.deepStrictEqual(view.sections.map((s) => [s.counts.done, s.counts.total, s.percent]), [[0, 2, 0], [2, 3, 67]]);
  });

  it('shows a detected item as done, with what was seen, while the learner state stays todo', () => {
    const docker = view.sections[1].items[0];
    assert.strictEqual(docker.manual, 'todo');
    assert.strictEqual(docker.effective, 'done');
    assert.strictEqual(docker.detected, true);
    assert.strictEqual(docker.evidence, 'done — detected: Dockerfile, compose.yaml');
    assert.strictEqual(view.sections[1].items[1].evidence, 'not detected yet: no CI configuration (.github/workflows, .gitlab-ci.yml...)');
    assert.strictEqual(view.sections[1].items[2].evidence, '', 'an item without detectors says nothing');
  });

  it('gives an item the engine did not list its default status', () => {
    const partial = toChecklistView(CURRICULUM, [], 'ready');
    assert.ok(partial.sections.flatMap((s) => s.items).every((i) => i.manual === 'todo' && i.effective === 'todo'));
    assert.strictEqual(partial.percent, 0);
  });

  it('keeps only https links and makes a lower-case search text of ids, titles, rules and snippets', () => {
    const item = view.sections[0].items[0];
    assert.deepStrictEqual(item.links, [{ title: 'Official docs', url: 'https://docs.example.com/security.parameterised-queries' }]);
    assert.ok(item.search.includes('unparameterised-query-pg') && item.search.includes('ex-query-pg') && item.search.includes('title of security.parameterised-queries'));
    assert.strictEqual(item.search, item.search.toLowerCase());
  });

  it('says what evidence is doing before there is any', () => {
    const s = status('tooling.docker', 'todo');
    assert.strictEqual(evidenceText(s, true, 'no-workspace'), 'open a folder to detect this automatically');
    assert.strictEqual(evidenceText(s, true, 'collecting'), 'checking the workspace…');
    assert.strictEqual(evidenceText(status('tooling.docker', 'skipped', [DOCKER]), true, 'ready'), 'detected: Dockerfile, compose.yaml', 'skipped stays skipped, but what was seen is said');
    assert.strictEqual(toChecklistView(CURRICULUM, [], 'no-workspace', 'a notice').notice, 'a notice');
  });

  it('computes percentages: none done, all done, everything skipped, no items', () => {
    const c = (done: number, skipped: number, total: number) => ({ total, done, skipped, todo: total - done - skipped, learning: 0, detected: 0 });
    assert.deepStrictEqual([percentDone(c(0, 0, 4)), percentDone(c(4, 0, 4)), percentDone(c(0, 4, 4)), percentDone(c(0, 0, 0)), percentDone(c(1, 0, 3))], [0, 100, 100, 0, 33]);
  });

  it('is plain JSON (it is posted to the webview)', () => {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(view)), view);
  });
});

describe('checklist view: Markdown as text runs', () => {
  it('splits code, strong, emphasis and https links, and leaves everything else as text', () => {
    assert.deepStrictEqual(inlineRuns('Use `pool.query(text, [values])`, **never** *concatenate*; see [the docs](https://node-postgres.com/).'), [
      { kind: 'text', text: 'Use ' },
      { kind: 'code', text: 'pool.query(text, [values])' },
      { kind: 'text', text: ', ' },
      { kind: 'strong', text: 'never' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'concatenate' },
      { kind: 'text', text: '; see ' },
      { kind: 'link', text: 'the docs', url: 'https://node-postgres.com/' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('turns a link that is not https into its text, and keeps HTML as text', () => {
    // The link's URL ends at the first ")": what is left of it stays text, like the markup.
    assert.deepStrictEqual(inlineRuns('[click](javascript:alert(1)) <img src=x onerror=alert(1)>'), [{ kind: 'text', text: 'click) <img src=x onerror=alert(1)>' }]);
    const runs = inlineRuns('[click](http://example.com) and <b>bold</b>');
    assert.deepStrictEqual(runs, [{ kind: 'text', text: 'click and <b>bold</b>' }]);
    assert.ok(inlineRuns('[x](javascript:alert(1))').every((r) => r.kind !== 'link'));
  });

  it('keeps snake_case and stars inside code literal', () => {
    assert.deepStrictEqual(inlineRuns('set max_pool_size and `a * b * c`'), [
      { kind: 'text', text: 'set max_pool_size and ' },
      { kind: 'code', text: 'a * b * c' },
    ]);
  });

  it('makes paragraphs at blank lines and joins the lines of a paragraph', () => {
    assert.deepStrictEqual(markdownParagraphs('First line\nsame paragraph.\n\n  Second.  \n'), [[{ kind: 'text', text: 'First line same paragraph.' }], [{ kind: 'text', text: 'Second.' }]]);
    assert.deepStrictEqual(markdownParagraphs('  \n\n'), []);
  });
});

describe('checklist view: the stored progress', () => {
  const renamed = CURRICULUM.renamed;

  it('reads the current format as it is, with nothing to back up', () => {
    const stored = setItemState(emptyProgress(), 'tooling.ci', 'done', new Date('2026-01-02T03:04:05Z'));
    const r = readStoredProgress(stored, undefined, renamed);
    assert.deepStrictEqual(r.progress, stored);
    assert.deepStrictEqual(r.recovered, []);
    assert.strictEqual(r.backup, undefined);
  });

  it('reads nothing stored as empty progress, with nothing to back up', () => {
    const r = readStoredProgress(undefined, undefined, renamed);
    assert.deepStrictEqual(r.progress.items, {});
    assert.strictEqual(r.backup, undefined);
  });

  it('keeps a value that needed repair as the backup, unless it already is the backup', () => {
    const broken = { format: 'backend-coach-progress', version: 1, items: { 'tooling.ci': { state: 'done', updated: '2026-01-01T00:00:00.000Z' }, 'tooling.docker': { state: 'finished' } } };
    const r = readStoredProgress(broken, undefined, renamed);
    assert.deepStrictEqual(Object.keys(r.progress.items), ['tooling.ci'], 'the readable entry is kept');
    assert.ok(r.recovered.some((l) => l.includes('tooling.docker')));
    assert.strictEqual(r.backup, broken);
    assert.strictEqual(readStoredProgress(broken, JSON.parse(JSON.stringify(broken)), renamed).backup, undefined);
  });

  it('backs up text that is not JSON, and an old id follows its rename', () => {
    assert.strictEqual(readStoredProgress('{not json', undefined, renamed).backup, '{not json');
    const r = readStoredProgress({ done: ['tooling.containers'] }, undefined, renamed);
    assert.strictEqual(r.progress.items['tooling.docker']?.state, 'done');
    assert.deepStrictEqual(r.backup, { done: ['tooling.containers'] });
  });
});

describe('checklist view: evidence over workspace folders', () => {
  const api = { name: 'api', evidence: new Map([['container', DOCKER], ['ci', NO_CI]]) };
  const web = { name: 'web', evidence: new Map([['container', { detector: 'container', found: false, detail: 'no Dockerfile' }], ['ci', { detector: 'ci', found: true, detail: '.github/workflows/ci.yml' }]]) };

  it('takes one folder as it is', () => {
    assert.deepStrictEqual(mergeFolderEvidence([api]), api.evidence);
  });

  it('counts a detector found in any folder, naming the folders; otherwise the first folder says why not', () => {
    const merged = mergeFolderEvidence([api, web]);
    assert.deepStrictEqual(merged.get('container'), { detector: 'container', found: true, detail: 'api: Dockerfile, compose.yaml' });
    assert.deepStrictEqual(merged.get('ci'), { detector: 'ci', found: true, detail: 'web: .github/workflows/ci.yml' });
    const none = mergeFolderEvidence([{ name: 'a', evidence: new Map([['ci', NO_CI]]) }, { name: 'b', evidence: new Map([['ci', { ...NO_CI, detail: 'other' }]]) }]);
    assert.deepStrictEqual(none.get('ci'), NO_CI);
  });

  it('round-trips through workspaceState JSON and drops what it cannot read', () => {
    assert.deepStrictEqual(evidenceFromJson(JSON.parse(JSON.stringify(evidenceToJson(api.evidence)))), api.evidence);
    assert.deepStrictEqual([...(evidenceFromJson([DOCKER, { detector: 'x' }, null, 'y']) ?? new Map()).keys()], ['container']);
    assert.strictEqual(evidenceFromJson({}), undefined);
  });
});

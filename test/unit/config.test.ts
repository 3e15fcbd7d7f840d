import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { excludeFilter } from '../../src/core/config/path-filter';
import { findProjectConfig, parseProjectConfig } from '../../src/core/config/project-config';
import { isRuleOn, mergeSettings, severityFor } from '../../src/core/config/settings';
import { Engine } from '../../src/core/engine';
import { cleanup, PG_VULNERABLE, project, run } from './cli-helpers';

const LOOP_QUERY = [
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  'async function load(ids) {',
  '  for (const id of ids) {',
  "    await pool.query('SELECT * FROM t WHERE id = $1', [id]);",
  '  }',
  '}',
  '',
].join('\n');

describe('settings: which rules run and how loud', () => {
  const engine = Engine.create();
  const rule = (id: string) => engine.rule(id) ?? assert.fail(`no rule ${id}`);
  const pg = rule('unparameterised-query-pg');
  const loop = rule('query-in-loop');

  it('hint-level rules are off by default and reviewer mode turns them on', () => {
    assert.equal(isRuleOn(loop, mergeSettings()), false);
    assert.equal(isRuleOn(loop, mergeSettings({ reviewerMode: true })), true);
    assert.equal(isRuleOn(pg, mergeSettings()), true);
  });

  it('a rule setting beats its category, and a category turns off every rule in it', () => {
    const s = mergeSettings({ categories: { security: false } });
    assert.equal(isRuleOn(pg, s), false);
    assert.equal(isRuleOn(rule('unparameterised-query-mysql'), s), false);
    assert.equal(isRuleOn(pg, mergeSettings(s, { rules: { 'unparameterised-query-pg': 'warning' } })), true);
    assert.equal(isRuleOn(loop, mergeSettings({ rules: { 'query-in-loop': 'on' } })), true);
    assert.equal(isRuleOn(loop, mergeSettings({ reviewerMode: true, rules: { 'query-in-loop': 'off' } })), false);
  });

  it('later layers win key by key; lists add up without duplicates', () => {
    const s = mergeSettings({ rules: { a: 'off', b: 'error' }, exclude: ['x/**'] }, { rules: { a: 'warning' }, exclude: ['x/**', 'y'] });
    assert.deepEqual(s.rules, { a: 'warning', b: 'error' });
    assert.deepEqual(s.exclude, ['x/**', 'y']);
  });

  it('severity overrides apply to findings; "on" keeps the rule\'s own', async () => {
    assert.equal(severityFor(pg, 'error', mergeSettings({ rules: { [pg.id]: 'info' } })), 'info');
    assert.equal(severityFor(pg, 'error', mergeSettings({ rules: { [pg.id]: 'on' } })), 'error');
    const quiet = engine.withSettings(mergeSettings({ rules: { [pg.id]: 'info' } }));
    const { findings } = await quiet.analyze('a.js', PG_VULNERABLE);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [[pg.id, 'info']]);
    const off = engine.withSettings(mergeSettings({ rules: { [pg.id]: 'off' } }));
    assert.deepEqual((await off.analyze('a.js', PG_VULNERABLE)).findings, []);
  });

  it('reviewer mode makes the engine report hint rules', async () => {
    assert.deepEqual((await engine.analyze('a.js', LOOP_QUERY)).findings, []);
    const reviewer = engine.withSettings(mergeSettings({ reviewerMode: true }));
    const { findings } = await reviewer.analyze('a.js', LOOP_QUERY);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['query-in-loop', 'hint', 4]]);
  });
});

/** `file ruleId:severity` for each finding of a JSON report. */
function files(json: string): string[] {
  return (JSON.parse(json).findings as { file: string; ruleId: string; severity: string }[]).map((f) => `${f.file} ${f.ruleId}:${f.severity}`);
}

describe('.backend-coach.yaml', () => {
  after(cleanup);

  it('reads every setting', () => {
    const c = parseProjectConfig(
      ['reviewerMode: true', 'rules:', '  unparameterised-query-pg: warning', '  query-in-loop: off', 'categories:', '  performance: false', 'exclude: ["generated/**", "*.min.js"]', 'rulesFolders: [team-rules]', ''].join('\n'),
      '/p/.backend-coach.yaml',
    );
    assert.deepEqual(c.problems, []);
    assert.deepEqual(c.settings, {
      reviewerMode: true,
      rules: { 'unparameterised-query-pg': 'warning', 'query-in-loop': 'off' },
      categories: { performance: false },
      exclude: ['generated/**', '*.min.js'],
      rulesFolders: [path.join('/p', 'team-rules')],
    });
  });

  it('reports each mistake with its line and column and keeps the good entries', () => {
    const c = parseProjectConfig(['reviewerMode: yes please', 'rules:', '  a: loud', '  b: error', 'colour: blue', 'exclude: 3', ''].join('\n'), 'f.yaml');
    assert.deepEqual(
      c.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '1:15 reviewerMode must be true or false',
        '3:6 rules.a must be one of off, on, error, warning, info, hint',
        '5:1 unknown setting "colour" (known: reviewerMode, rules, categories, exclude, rulesFolders)',
        '6:10 exclude must be a list of non-empty strings',
      ],
    );
    assert.deepEqual(c.settings.rules, { b: 'error' });
  });

  it('a file that is not YAML gives one clear problem and no settings; an empty file is fine', () => {
    const broken = parseProjectConfig('rules: [unclosed\n', 'f.yaml');
    assert.equal(broken.problems.length >= 1, true);
    assert.match(broken.problems[0].message, /flow|collection|end/i);
    assert.deepEqual(broken.settings, {});
    assert.deepEqual(parseProjectConfig('', 'f.yaml'), { file: 'f.yaml', settings: {}, problems: [] });
    assert.equal(parseProjectConfig('- a\n- b\n', 'f.yaml').problems[0].message.startsWith('.backend-coach.yaml must be a mapping'), true);
  });

  it('is found in the folder or above it, but not above the repository root', () => {
    const dir = project({ '.backend-coach.yaml': 'reviewerMode: true\n', 'repo/.git/HEAD': 'ref: x\n', 'repo/src/a.js': '', 'other/src/b.js': '' });
    assert.equal(findProjectConfig(path.join(dir, 'other/src'))?.file, path.join(dir, '.backend-coach.yaml'));
    assert.equal(findProjectConfig(path.join(dir, 'repo/src')), undefined);
  });

  it('excludes by gitignore-style globs', () => {
    const ex = excludeFilter(['generated/**', '*.min.js', 'legacy/', 'src/**/fixtures/*.py', '{a,b}.js']);
    for (const p of ['generated/x.js', 'generated/deep/y.js', 'web/app.min.js', 'app.min.js', 'legacy/old.js', 'x/legacy/old.js', 'src/fixtures/f.py', 'src/a/b/fixtures/f.py', 'a.js', 'lib/b.js']) assert.equal(ex(p), true, p);
    for (const p of ['src/generated.js', 'app.js', 'legacy.js', 'src/fixtures/f.js', 'fixtures/f.py', 'c.js']) assert.equal(ex(p), false, p);
  });

  describe('in the CLI', () => {
    it('applies severity overrides, exclusions and reviewer mode from the file', async () => {
      const dir = project({ 'src/app.js': PG_VULNERABLE, 'generated/gen.js': PG_VULNERABLE, 'src/loop.js': LOOP_QUERY });
      const before = await run(['scan', '--format', 'json'], { cwd: dir });
      assert.equal(before.code, 1);
      assert.deepEqual(files(before.stdout), ['generated/gen.js unparameterised-query-pg:error', 'src/app.js unparameterised-query-pg:error']);

      fs.writeFileSync(path.join(dir, '.backend-coach.yaml'), 'reviewerMode: true\nrules:\n  unparameterised-query-pg: warning\nexclude: [generated/]\n');
      const after = await run(['scan', '--format', 'json'], { cwd: dir });
      assert.equal(after.code, 0, after.stderr); // the error is a warning now: under --fail-on error
      assert.deepEqual(files(after.stdout), ['src/app.js unparameterised-query-pg:warning', 'src/loop.js query-in-loop:hint']);
      const ignored = await run(['scan', '--format', 'json', '--no-config'], { cwd: dir });
      assert.equal(ignored.code, 1);
    });

    it('--reviewer turns hint rules on; --config names another file; problems are printed with positions', async () => {
      const dir = project({ 'loop.js': LOOP_QUERY, 'team.yaml': 'rules:\n  query-in-loop: error\n  no-such-rule: off\n', 'bad.yaml': 'rules: [\n' });
      assert.equal((await run(['scan'], { cwd: dir })).code, 0);
      const reviewer = await run(['scan', '--reviewer', '--fail-on', 'info'], { cwd: dir });
      assert.equal(reviewer.code, 0); // a hint is below info
      assert.match(reviewer.stdout, /query-in-loop/);
      const team = await run(['scan', '--config', 'team.yaml'], { cwd: dir });
      assert.equal(team.code, 1);
      assert.match(team.stderr, /settings name an unknown rule "no-such-rule"/);
      const bad = await run(['scan', '--config', 'bad.yaml'], { cwd: dir });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^bad\.yaml:\d+:\d+: /m);
      assert.equal((await run(['scan', '--config', 'missing.yaml'], { cwd: dir })).code, 2);
    });
  });
});

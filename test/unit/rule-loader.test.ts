import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../../src/core/engine';
import { loadRules } from '../../src/core/rules/loader';
import { builtinRulesDir, packageRoot } from '../../src/core/paths';
import type { Rule } from '../../src/core/rules/model';

function tempRules(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-rules-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const GOOD_RULE = `id: no-raw-sql-in-tests
title: Example user rule
severity: warning
category: security
languages: [javascript]
cwe: [CWE-89]
references: [https://example.com]
checklist: security.parameterised-queries
message: "{{sink}} gets SQL from {{source}}"
docs: |
  ## Why it matters
  x
  ## How to fix
  y
  ## Before
  a
  ## After
  b
match:
  taint:
    sources: [{ use: js-request-data }]
    sinks:
      - call: { name: "db.run" }
        argument: 0
    tiers:
      - { label: request, severity: warning }
tests:
  valid: [{ code: "db.run('x')" }]
  invalid: [{ code: "db.run(req.body.sql)", lines: [1] }]
`;

describe('rule loading', () => {
  it('loads a user rule folder next to the built-in rules, sharing built-in definitions', async () => {
    const dir = tempRules({ 'mine.yaml': GOOD_RULE });
    const engine = Engine.create({ ruleDirs: [dir] });
    assert.deepStrictEqual(engine.errors, []);
    const rule = engine.rule('no-raw-sql-in-tests');
    assert.ok(rule);
    assert.strictEqual(rule.source.builtin, false);
    const result = await engine.analyze('a.js', 'app.post("/", (req) => db.run(req.body.sql));');
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['no-raw-sql-in-tests']);
    assert.match(result.findings[0].message, /db\.run gets SQL from req\.body\.sql/);
  });

  it('reports a YAML syntax error with file, line and column, and still loads the other rules', () => {
    const dir = tempRules({ 'broken.yaml': 'id: x\ntitle: [unclosed\n', 'mine.yaml': GOOD_RULE });
    const { rules, errors } = loadRules([{ dir: builtinRulesDir(), builtin: true }, { dir, builtin: false }]);
    assert.ok(rules.some((r) => r.id === 'no-raw-sql-in-tests'));
    assert.strictEqual(errors.length, 1);
    assert.strictEqual(path.basename(errors[0].file), 'broken.yaml');
    assert.ok(errors[0].line >= 2, `line ${errors[0].line}`);
    assert.match(errors[0].message, /YAML syntax/);
  });

  it('points a schema error at the offending key', () => {
    const bad = GOOD_RULE.replace('severity: warning\n', 'severity: critical\n');
    const dir = tempRules({ 'bad.yaml': bad });
    const { errors } = loadRules([{ dir, builtin: false }, { dir: builtinRulesDir(), builtin: true }]);
    const e = errors.find((x) => x.file.endsWith('bad.yaml'));
    assert.ok(e);
    assert.strictEqual(e.line, 3);
    assert.match(e.message, /severity: must be one of error, warning, info, hint/);
  });

  it('reports an unknown key, an unknown definition and a bad regular expression', () => {
    const dir = tempRules({
      'a.yaml': GOOD_RULE.replace('id: no-raw-sql-in-tests', 'id: a').replace('title:', 'titel: x\ntitle:'),
      'b.yaml': GOOD_RULE.replace('id: no-raw-sql-in-tests', 'id: b').replace('use: js-request-data', 'use: nowhere'),
      'c.yaml': GOOD_RULE.replace('id: no-raw-sql-in-tests', 'id: c').replace('argument: 0', 'argument: 0\n        text: "(unclosed"'),
    });
    const { errors } = loadRules([{ dir: builtinRulesDir(), builtin: true }, { dir, builtin: false }]);
    const byFile = Object.fromEntries(errors.map((e) => [path.basename(e.file), e]));
    assert.match(byFile['a.yaml'].message, /unknown key "titel"/);
    assert.match(byFile['b.yaml'].message, /unknown definition "nowhere"/);
    assert.match(byFile['c.yaml'].message, /bad regular expression/);
    assert.ok(byFile['c.yaml'].line > 20);
  });

  it('refuses a second rule with an id already in use', () => {
    const dir = tempRules({ 'dup.yaml': GOOD_RULE.replace('id: no-raw-sql-in-tests', 'id: unparameterised-query-pg') });
    const { rules, errors } = loadRules([{ dir: builtinRulesDir(), builtin: true }, { dir, builtin: false }]);
    assert.strictEqual(rules.filter((r) => r.id === 'unparameterised-query-pg').length, 1);
    assert.match(errors[0].message, /already used/);
  });

  it('reports a missing rule folder instead of failing', () => {
    const { errors } = loadRules([{ dir: '/nonexistent/rules', builtin: false }]);
    assert.match(errors[0].message, /does not exist/);
  });
});

describe('structural (tree-sitter query) rules', () => {
  const QUERY_RULE = GOOD_RULE.replace('id: no-raw-sql-in-tests', 'id: no-powered-by').replace(
    /match:[\s\S]*?tests:/,
    `match:
  query: |
    (call_expression
      function: (member_expression property: (property_identifier) @m (#eq? @m "disable"))
      arguments: (arguments (string (string_fragment) @h (#eq? @h "x-powered-by")))) @finding
tests:`,
  );

  it('reports the @finding capture', async () => {
    const dir = tempRules({ 'q.yaml': QUERY_RULE });
    const engine = Engine.create({ ruleDirs: [dir], builtin: false });
    assert.deepStrictEqual(engine.errors, []);
    assert.deepStrictEqual(await engine.checkQueries(), []);
    const { findings } = await engine.analyze('app.js', "const app = express();\napp.disable('x-powered-by');\napp.disable('etag');\n");
    assert.deepStrictEqual(findings.map((f) => [f.ruleId, f.range.start.line]), [['no-powered-by', 1]]);
  });

  it('compiles every built-in query rule for each of its languages', async () => {
    const engine = Engine.create();
    assert.ok(engine.rules.some((r) => r.match.kind === 'query' && r.source.builtin), 'there are built-in query rules');
    assert.deepStrictEqual(await engine.checkQueries({ builtin: true }), []);
  });

  it('reports a query that does not compile', async () => {
    const dir = tempRules({ 'q.yaml': QUERY_RULE.replace('(call_expression', '(no_such_node') });
    const engine = Engine.create({ ruleDirs: [dir], builtin: false });
    const problems = await engine.checkQueries();
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /does not compile for javascript/);
  });
});

describe('rule loader: the build snapshot of the built-in rules', () => {
  it('gives exactly the rules that parsing the YAML gives', () => {
    const rulesDir = path.join(packageRoot(), 'rules');
    assert.ok(fs.existsSync(path.join(packageRoot(), 'dist/builtin-rules.json')), 'npm run build writes dist/builtin-rules.json');
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-rules-'));
    fs.cpSync(rulesDir, copy, { recursive: true });
    try {
      const strip = (rules: Rule[], dir: string) => rules.map((r) => ({ ...r, source: { ...r.source, file: path.relative(dir, r.source.file) } }));
      const fromSnapshot = loadRules([{ dir: rulesDir, builtin: true }]);
      const parsed = loadRules([{ dir: copy, builtin: true }]); // another folder: always parsed
      assert.deepEqual(fromSnapshot.errors, []);
      assert.deepEqual(strip(fromSnapshot.rules, rulesDir), strip(parsed.rules, copy));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sarifValidator } from './sarif-validator';
import { cleanup, PG_SAFE, PG_VULNERABLE, project, read, run, TEST_RULE, TEST_SINK_CODE, write } from './cli-helpers';

function assertValidSarif(log: unknown): void {
  const validate = sarifValidator();
  if (!validate(log)) assert.fail(`SARIF does not match the 2.1.0 schema:\n${JSON.stringify(validate.errors?.slice(0, 10), null, 2)}`);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF logs are read as plain JSON here */
async function sarif(dir: string, args: string[] = []): Promise<{ code: number; log: any; stderr: string }> {
  const r = await run(['scan', '--format', 'sarif', ...args], { cwd: dir });
  return { code: r.code, log: JSON.parse(r.stdout), stderr: r.stderr };
}

/** Applies SARIF replacements (1-based line/column regions) to a text. */
function applyReplacements(text: string, replacements: any[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const edits = replacements.map((r) => ({
    start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
    end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
    text: r.insertedContent?.text ?? '',
  }));
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

const SUPPRESSED_CODE = [
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  "app.post('/orders', (req, res) => {",
  '  // coach-ignore-next-line unparameterised-query-pg -- orders are admin-only',
  "  pool.query('DELETE FROM orders WHERE id = ' + req.body.id);",
  '});',
  '',
].join('\n');

describe('cli: SARIF output', () => {
  after(cleanup);

  it('validates against the SARIF 2.1.0 schema, with fixes, code flows, suppressions and notifications', async () => {
    const dir = project({
      'src/app.js': PG_VULNERABLE,
      'src/orders.js': SUPPRESSED_CODE,
      'src/clean.js': PG_SAFE,
      'src/with space.js': PG_VULNERABLE,
      'src/blob.js': Buffer.from([0x00, 0x01]),
      'rules/test-sink.yaml': TEST_RULE,
      'rules/broken.yaml': 'id: broken\n',
      'src/handler.js': TEST_SINK_CODE,
    });
    const { code, log, stderr } = await sarif(dir, ['--list-suppressed', '--rules', 'rules', 'src']);
    assert.strictEqual(code, 1);
    assert.match(stderr, /^rules\/broken\.yaml:1:1: /);
    assertValidSarif(log);

    const results = log.runs[0].results;
    assert.ok(results.some((r: any) => r.fixes), 'a result with fixes');
    assert.ok(results.some((r: any) => r.codeFlows), 'a result with a code flow');
    assert.ok(results.some((r: any) => r.suppressions), 'a suppressed result');
    assert.ok(log.runs[0].invocations[0].toolConfigurationNotifications.length === 1, 'the broken rule');
    assert.ok(log.runs[0].invocations[0].toolExecutionNotifications.length === 1, 'the skipped binary file');
    assert.ok(results.some((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/with%20space.js'), 'URIs are encoded');
  });

  it('describes the tool and every rule as GitHub code scanning expects', async () => {
    const { log } = await sarif(project({ 'app.js': PG_VULNERABLE }));
    assert.strictEqual(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const driver = log.runs[0].tool.driver;
    assert.strictEqual(driver.name, 'Backend Coach');
    assert.strictEqual(driver.version, JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
    assert.strictEqual(driver.informationUri, 'https://github.com/backend-coach/backend-coach');
    assert.strictEqual(log.runs[0].invocations[0].executionSuccessful, true);

    const rule = driver.rules.find((r: any) => r.id === 'unparameterised-query-pg');
    assert.ok(rule, 'the pg rule is described');
    assert.strictEqual(rule.name, 'UnparameterisedQueryPg');
    assert.match(rule.shortDescription.text, /Unparameterised query/);
    assert.ok(rule.fullDescription.text.length > 20);
    assert.ok(!rule.fullDescription.text.startsWith('#'), 'a sentence, not a heading');
    assert.match(rule.help.markdown, /## How to fix/);
    assert.strictEqual(typeof rule.help.text, 'string');
    assert.strictEqual(rule.helpUri, 'https://github.com/backend-coach/backend-coach/blob/main/docs/rules/unparameterised-query-pg.md');
    assert.deepStrictEqual(rule.defaultConfiguration, { level: 'error' });
    assert.ok(rule.properties.tags.includes('security'));
    assert.ok(rule.properties.tags.includes('external/cwe/cwe-89'));
    assert.strictEqual(rule.properties['security-severity'], '8.8');
    assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties.precision));
    const ids = driver.rules.map((r: any) => r.id);
    assert.deepStrictEqual(ids, [...ids].sort(), 'rules in a stable order');
  });

  it('reports results with 1-based regions relative to %SRCROOT%', async () => {
    const dir = project({ 'src/api/app.js': PG_VULNERABLE });
    const { log } = await sarif(dir);
    const results = log.runs[0].results;
    assert.strictEqual(results.length, 1);
    const r = results[0];
    assert.strictEqual(r.ruleId, 'unparameterised-query-pg');
    assert.strictEqual(log.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
    assert.strictEqual(r.level, 'error');
    assert.match(r.message.text, /req\.query\.id/);
    const loc = r.locations[0].physicalLocation;
    assert.deepStrictEqual(loc.artifactLocation, { uri: 'src/api/app.js', uriBaseId: '%SRCROOT%' });
    assert.deepStrictEqual(loc.region, {
      startLine: 1,
      startColumn: PG_VULNERABLE.indexOf('query(') + 1,
      endLine: 1,
      endColumn: PG_VULNERABLE.lastIndexOf(')') + 1,
    });
    assert.match(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    // The trace (source, then sink) becomes a code flow.
    const steps = r.codeFlows[0].threadFlows[0].locations;
    assert.ok(steps.length >= 2);
    assert.strictEqual(steps[0].location.physicalLocation.region.startColumn, PG_VULNERABLE.indexOf('req.query.id') + 1);
    assert.strictEqual(typeof steps[0].location.message.text, 'string');
  });

  it('gives each result a partial fingerprint that survives moving the code', async () => {
    const dir = project({ 'app.js': PG_VULNERABLE, 'other.js': PG_VULNERABLE });
    const first = (await sarif(dir)).log.runs[0].results;
    const again = (await sarif(dir)).log.runs[0].results;
    const print = (r: any) => r.partialFingerprints['backendCoach/v1'];
    assert.deepStrictEqual(first.map(print), again.map(print), 'stable across runs');
    assert.notStrictEqual(print(first[0]), print(first[1]), 'the file is part of the fingerprint');
    assert.match(print(first[0]), /^[0-9a-f]{32}:1$/);

    write(dir, 'app.js', '// a comment\n\n' + PG_VULNERABLE);
    const moved = (await sarif(dir)).log.runs[0].results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'app.js');
    assert.strictEqual(moved.locations[0].physicalLocation.region.startLine, 3);
    assert.strictEqual(print(moved), print(first[0]), 'same rule, file and line text: same fingerprint');
  });

  it('marks suppressed results only with --list-suppressed', async () => {
    const dir = project({ 'orders.js': SUPPRESSED_CODE });
    const without = await sarif(dir);
    assert.strictEqual(without.code, 0);
    assert.deepStrictEqual(without.log.runs[0].results, []);

    const listed = await sarif(dir, ['--list-suppressed']);
    assert.strictEqual(listed.code, 0);
    assertValidSarif(listed.log);
    const [r] = listed.log.runs[0].results;
    assert.strictEqual(r.locations[0].physicalLocation.region.startLine, 5);
    assert.strictEqual(r.suppressions.length, 1);
    assert.strictEqual(r.suppressions[0].kind, 'inSource');
    assert.strictEqual(r.suppressions[0].justification, 'orders are admin-only');
    assert.strictEqual(r.suppressions[0].location.physicalLocation.region.startLine, 4);
  });

  it('carries fixes whose replacements produce the same text as --fix', async () => {
    const dir = project({ 'app.js': PG_VULNERABLE });
    const { log } = await sarif(dir);
    const [r] = log.runs[0].results;
    assert.strictEqual(r.fixes.length, 1);
    const change = r.fixes[0].artifactChanges[0];
    assert.deepStrictEqual(change.artifactLocation, { uri: 'app.js', uriBaseId: '%SRCROOT%' });
    assert.strictEqual(typeof r.fixes[0].description.text, 'string');
    const viaSarif = applyReplacements(PG_VULNERABLE, change.replacements);
    assert.strictEqual((await run(['scan', '--fix'], { cwd: dir })).code, 0);
    assert.strictEqual(viaSarif, read(dir, 'app.js'));
    assert.strictEqual(viaSarif, PG_SAFE);
  });

  it('describes rules from --rules folders without a docs link or a security severity unless they are security rules', async () => {
    const dir = project({ 'rules/test-sink.yaml': TEST_RULE, 'handler.js': TEST_SINK_CODE });
    const { log } = await sarif(dir, ['--rules', 'rules']);
    assertValidSarif(log);
    const rule = log.runs[0].tool.driver.rules.find((r: any) => r.id === 'test-sink');
    assert.strictEqual(rule.helpUri, undefined);
    assert.deepStrictEqual(rule.properties.tags, ['correctness']);
    assert.strictEqual(rule.properties['security-severity'], undefined);
    assert.deepStrictEqual(rule.defaultConfiguration, { level: 'warning' });
    const [result] = log.runs[0].results;
    assert.strictEqual(result.level, 'warning');
    assert.deepStrictEqual(result.locations[0].physicalLocation.region, { startLine: 3, startColumn: 3, endLine: 3, endColumn: 32 });
  });
});

import * as assert from 'assert';
import { Engine } from '../../src/core/engine';
import { applyEdits } from '../../src/core/edits';
import type { Rule } from '../../src/core/rules/model';
import type { RuleTestCase } from '../../src/core/types';

// One tester runs every rule's own examples, the way ESLint's RuleTester runs a rule's valid/invalid table.

const DEFAULT_FILE: Record<string, string> = { javascript: 'example.js', typescript: 'example.ts', tsx: 'example.tsx', python: 'example.py' };

function filenameFor(rule: Rule, c: RuleTestCase): string {
  return c.filename ?? DEFAULT_FILE[rule.languages[0]] ?? 'example.js';
}

async function findingsOf(engine: Engine, rule: Rule, filename: string, code: string) {
  const result = await engine.analyze(filename, code, { ruleFilter: (r) => r.id === rule.id });
  return result.findings;
}

export function defineRuleTests(engine: Engine, rule: Rule): void {
  describe(rule.id, () => {
    rule.tests.valid.forEach((c, i) => {
      it(`valid #${i + 1} has no finding`, async () => {
        const findings = await findingsOf(engine, rule, filenameFor(rule, c), c.code);
        assert.deepStrictEqual(
          findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
          [],
          `unexpected finding in:\n${c.code}`,
        );
      });
    });
    rule.tests.invalid.forEach((c, i) => {
      it(`invalid #${i + 1} is flagged${c.lines ? ` on line ${c.lines.join(', ')}` : ''}${c.output !== undefined ? ' and fixed' : ''}`, async () => {
        const filename = filenameFor(rule, c);
        const findings = await findingsOf(engine, rule, filename, c.code);
        assert.ok(findings.length > 0, `expected a finding in:\n${c.code}`);
        if (c.lines) assert.deepStrictEqual([...new Set(findings.map((f) => f.range.start.line + 1))].sort((a, b) => a - b), c.lines);
        if (c.severity) for (const f of findings) assert.strictEqual(f.severity, c.severity, f.message);
        if (c.output !== undefined) {
          const edits = findings.flatMap((f) => f.fix?.edits ?? []);
          assert.ok(edits.length > 0, 'expected a fix');
          const fixed = applyEdits(c.code, edits);
          assert.strictEqual(fixed, c.output);
          const after = await findingsOf(engine, rule, filename, fixed);
          assert.deepStrictEqual(after.map((f) => f.message), [], 'the fixed code must pass the rule');
        }
      });
    });
  });
}

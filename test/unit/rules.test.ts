import * as assert from 'assert';
import { Engine } from '../../src/core/engine';
import { defineRuleTests } from '../support/rule-tester';

const engine = Engine.create();

describe('built-in rules', () => {
  it('all load without errors', () => {
    assert.deepStrictEqual(engine.errors, []);
    assert.ok(engine.rules.length > 0);
  });

  for (const rule of engine.rules) {
    describe(`${rule.id} metadata`, () => {
      it('teaches: docs with why, how to fix, before/after; a CWE, a reference and a checklist link', () => {
        assert.match(rule.docs, /## Why it matters/);
        assert.match(rule.docs, /## How to fix/);
        assert.match(rule.docs, /## Before[\s\S]*## After/);
        assert.ok(rule.cwe.length > 0);
        assert.ok(rule.references.length > 0);
        assert.ok(rule.checklist);
      });
      it('has valid and invalid examples', () => {
        assert.ok(rule.tests.valid.length >= 2, 'at least two valid examples');
        assert.ok(rule.tests.invalid.length >= 2, 'at least two invalid examples');
      });
    });
  }
});

describe('rule examples', () => {
  for (const rule of engine.rules) defineRuleTests(engine, rule);
});

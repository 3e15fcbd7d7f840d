import * as assert from 'assert';
import { knownChecklist, validateWebviewMessage } from '../../src/vscode/checklist/messages';
import { CURRICULUM } from './checklist-view-fixture';

// Every message the checklist webview sends is checked before the extension acts on it: the shape (a
// table of accepted and rejected values), then that what it names belongs to the loaded curriculum.

const known = knownChecklist(CURRICULUM);
const ITEM = 'security.parameterised-queries';

const VALID: [string, unknown][] = [
  ['ready', { type: 'ready' }],
  ['tick', { type: 'setState', itemId: ITEM, state: 'done' }],
  ['learning', { type: 'setState', itemId: ITEM, state: 'learning' }],
  ['untick', { type: 'setState', itemId: ITEM, state: 'todo' }],
  ['skip', { type: 'setState', itemId: 'tooling.debugging', state: 'skipped' }],
  ['snippet of the item', { type: 'insertSnippet', itemId: ITEM, prefix: 'ex-query-pg' }],
  ['findings of an item with rules', { type: 'showFindings', itemId: ITEM }],
  ['a rule of the item', { type: 'showRuleDocs', itemId: ITEM, ruleId: 'unparameterised-query-dbapi' }],
  ['a link of the item', { type: 'openLink', itemId: ITEM, url: `https://docs.example.com/${ITEM}` }],
  ['a link inside its summary', { type: 'openLink', itemId: ITEM, url: 'https://node-postgres.com/features/queries' }],
  ['reset all', { type: 'reset', scope: 'all' }],
  ['reset a section', { type: 'reset', scope: 'section', id: 'tooling' }],
  ['reset an item', { type: 'reset', scope: 'item', id: 'tooling.ci' }],
];

const INVALID: [string, unknown, RegExp][] = [
  ['null', null, /not an object/],
  ['a string', 'ready', /not an object/],
  ['an array', [{ type: 'ready' }], /not an object/],
  ['no type', { itemId: ITEM }, /unknown type/],
  ['an unknown type', { type: 'eval', code: '1' }, /unknown type "eval"/],
  ['a type from the prototype', { type: 'toString' }, /unknown type/],
  ['an extra field', { type: 'ready', extra: 1 }, /unexpected field "extra"/],
  ['__proto__ as a field', JSON.parse('{"type":"ready","__proto__":{"x":1}}'), /unexpected field "__proto__"/],
  ['a type that was never part of the protocol', { type: 'refreshEvidence' }, /unknown type/],
  ['a missing field', { type: 'setState', itemId: ITEM }, /missing "state"/],
  ['a state that does not exist', { type: 'setState', itemId: ITEM, state: 'finished' }, /"state" is not an item state/],
  ['a number for an id', { type: 'setState', itemId: 7, state: 'done' }, /"itemId" is not a string/],
  ['an id with markup', { type: 'showFindings', itemId: '<img src=x>' }, /"itemId" is not an id/],
  ['a very long id', { type: 'showFindings', itemId: 'a'.repeat(201) }, /"itemId" is not an id/],
  ['an unknown item', { type: 'setState', itemId: 'security.nope', state: 'done' }, /unknown item "security.nope"/],
  ['findings of an item without rules', { type: 'showFindings', itemId: 'tooling.ci' }, /has no rules/],
  ['a snippet of another item', { type: 'insertSnippet', itemId: ITEM, prefix: 'ex-route-zod' }, /not a snippet of/],
  ['a rule of no item', { type: 'showRuleDocs', itemId: ITEM, ruleId: 'some-other-rule' }, /not a rule of/],
  ['an http link', { type: 'openLink', itemId: ITEM, url: 'http://docs.example.com/x' }, /not an https URL/],
  ['a javascript: link', { type: 'openLink', itemId: ITEM, url: 'javascript:alert(1)' }, /not an https URL/],
  ['a command: link', { type: 'openLink', itemId: ITEM, url: 'command:workbench.action.terminal.new' }, /not an https URL/],
  ['a file: link', { type: 'openLink', itemId: ITEM, url: 'file:///etc/passwd' }, /not an https URL/],
  ['a link with credentials', { type: 'openLink', itemId: ITEM, url: 'https://user:pw@docs.example.com/x' }, /not an https URL/],
  ['an https link the item does not have', { type: 'openLink', itemId: ITEM, url: 'https://evil.example.com/' }, /not a link of/],
  ['a reset scope that does not exist', { type: 'reset', scope: 'everything' }, /not a reset scope/],
  ['reset all with an id', { type: 'reset', scope: 'all', id: 'tooling' }, /takes no id/],
  ['reset a section without an id', { type: 'reset', scope: 'section' }, /needs an id/],
  ['reset an unknown section', { type: 'reset', scope: 'section', id: 'cooking' }, /unknown section "cooking"/],
  ['reset a section as an item', { type: 'reset', scope: 'item', id: 'tooling' }, /unknown item "tooling"/],
];

describe('checklist view: messages from the webview', () => {
  for (const [name, message] of VALID) {
    it(`accepts ${name}`, () => {
      const result = validateWebviewMessage(message, known);
      assert.ok(result.ok, result.ok ? '' : result.reason);
      assert.deepStrictEqual(result.message, message);
    });
  }

  for (const [name, message, reason] of INVALID) {
    it(`rejects ${name}`, () => {
      const result = validateWebviewMessage(message, known);
      assert.strictEqual(result.ok, false);
      assert.match(result.ok ? '' : result.reason, reason);
    });
  }

  it('returns a fresh object, not the one the page sent', () => {
    const sent = { type: 'setState', itemId: ITEM, state: 'done' };
    const result = validateWebviewMessage(sent, known);
    assert.ok(result.ok);
    assert.notStrictEqual(result.message, sent);
  });

  it('knows the items and sections of the curriculum and nothing else', () => {
    assert.strictEqual(known.item('tooling.docker')?.title, 'Title of tooling.docker');
    assert.strictEqual(known.item('tooling.containers'), undefined, 'an old id is not an item');
    assert.ok(known.hasSection('security') && !known.hasSection('security.validate-input'));
  });
});

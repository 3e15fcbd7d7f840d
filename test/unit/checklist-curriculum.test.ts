import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allItems, builtinCurriculumFile, DETECTOR_IDS, findItem, loadCurriculum, parseCurriculum, type Curriculum } from '../../src/core/checklist';
import { builtinRulesDir, packageRoot } from '../../src/core/paths';
import { isSnippetFileName, parseSnippetFile } from '../../src/core/project/snippet-catalog';
import { loadRules } from '../../src/core/rules/loader';

// The shipped curriculum is data other parts point into (rules' `checklist:`, the view's snippet and
// findings buttons), so its references are checked against the real rules and snippets.

function shipped(): Curriculum {
  const { curriculum, errors } = loadCurriculum();
  assert.deepStrictEqual(errors, []);
  assert.ok(curriculum);
  return curriculum;
}

describe('checklist curriculum: the shipped file', () => {
  const rules = loadRules([{ dir: builtinRulesDir(), builtin: true }]);

  it('loads from checklist/curriculum.yaml at the package root and validates', () => {
    assert.strictEqual(builtinCurriculumFile(), path.join(packageRoot(), 'checklist', 'curriculum.yaml'));
    const c = shipped();
    assert.ok(c.version >= 1);
    assert.deepStrictEqual(
      c.sections.map((s) => s.id),
      ['core', 'skills', 'architecture', 'steps', 'security', 'performance', 'tooling', 'debt'],
    );
    for (const s of c.sections) assert.ok(s.items.length >= 4, `${s.id} has ${s.items.length} items`);
  });

  it('has the eight steps, in order', () => {
    const steps = shipped().sections.find((s) => s.id === 'steps');
    assert.deepStrictEqual(
      steps?.items.map((i) => i.title.split('.')[0]),
      ['1', '2', '3', '4', '5', '6', '7', '8'],
    );
  });

  it('gives every item a unique, stable-shaped id under its section, text, and 1-3 https links', () => {
    const c = shipped();
    const seen = new Set<string>();
    for (const section of c.sections) {
      for (const item of section.items) {
        assert.match(item.id, /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(item.id.startsWith(`${section.id}.`), item.id);
        assert.ok(!seen.has(item.id), `duplicate ${item.id}`);
        seen.add(item.id);
        assert.ok(item.summary.length >= 30 && item.why.length >= 30, `${item.id}: summary and why are substantive`);
        assert.ok(item.links.length >= 1 && item.links.length <= 3, item.id);
        for (const link of item.links) assert.match(link.url, /^https:\/\/[^\s]+$/, `${item.id}: ${link.url}`);
      }
    }
  });

  it('links only to official documentation sites (add a site here deliberately, not by accident)', () => {
    const official = new Set([
      'developer.mozilla.org', 'nodejs.org', 'docs.python.org', 'peps.python.org', 'packaging.python.org', 'dev.java',
      'www.postgresql.org', 'www.mongodb.com', 'owasp.org', 'cheatsheetseries.owasp.org', 'docs.docker.com', 'git-scm.com',
      'expressjs.com', 'fastify.dev', 'node-postgres.com', 'knexjs.org', 'alembic.sqlalchemy.org', 'docs.djangoproject.com',
      'docs.npmjs.com', 'docs.pytest.org', 'eslint.org', 'graphql.org', 'spec.openapis.org', 'semver.org', 'www.rfc-editor.org',
      'learn.microsoft.com', 'docs.aws.amazon.com', 'kubernetes.io', 'nginx.org', 'ubuntu.com', 'docs.github.com',
      'docs.gitlab.com', 'code.visualstudio.com', 'everything.curl.dev', '12factor.net', 'adr.github.io', 'google.github.io',
    ]);
    for (const item of allItems(shipped())) for (const link of item.links) assert.ok(official.has(new URL(link.url).host), `${item.id}: ${link.url}`);
  });

  it('references only rules that exist, and security.parameterised-queries lists every unparameterised-query rule', () => {
    const c = shipped();
    const ruleIds = new Set(rules.rules.map((r) => r.id));
    for (const item of allItems(c)) for (const id of item.rules) assert.ok(ruleIds.has(id), `${item.id} names unknown rule ${id}`);
    const sqlRules = [...ruleIds].filter((id) => id.startsWith('unparameterised-query-')).sort();
    assert.strictEqual(sqlRules.length, 14);
    assert.deepStrictEqual([...(findItem(c, 'security.parameterised-queries')?.rules ?? [])].sort(), sqlRules);
  });

  it("resolves every rule's checklist id to an item", () => {
    const c = shipped();
    const withChecklist = rules.rules.filter((r) => r.checklist);
    assert.ok(withChecklist.length >= 14);
    for (const rule of withChecklist) assert.ok(findItem(c, rule.checklist as string), `${rule.id}: checklist "${rule.checklist}" is not an item`);
    for (const rule of withChecklist) assert.ok(findItem(c, rule.checklist as string)?.rules.includes(rule.id), `${rule.checklist} does not list ${rule.id}`);
  });

  it('names only snippet prefixes that ship', () => {
    const dir = path.join(packageRoot(), 'snippets');
    const prefixes = new Set(
      fs
        .readdirSync(dir)
        .filter(isSnippetFileName)
        .flatMap((f) => parseSnippetFile(f, fs.readFileSync(path.join(dir, f), 'utf8')).map((s) => s.prefix)),
    );
    assert.ok(prefixes.size > 20);
    const used = allItems(shipped()).flatMap((i) => i.snippets.map((p) => [i.id, p]));
    assert.ok(used.length > 10);
    for (const [id, prefix] of used) assert.ok(prefixes.has(prefix), `${id} names unknown snippet prefix ${prefix}`);
  });

  it('uses only known detectors, and every detector ticks at least one item', () => {
    const used = new Set(allItems(shipped()).flatMap((i) => i.evidence));
    for (const id of used) assert.ok(DETECTOR_IDS.includes(id), id);
    for (const id of DETECTOR_IDS) assert.ok(used.has(id), `detector ${id} ticks no item`);
  });
});

describe('checklist curriculum: a broken file', () => {
  const GOOD = `version: 1
renamed: {}
sections:
  - id: basics
    title: Basics
    summary: The first things to learn.
    items:
      - id: basics.git
        title: Use git
        summary: Keep the code in a repository.
        why: So that a mistake can be undone.
        links:
          - { title: Pro Git, url: "https://git-scm.com/book/en/v2" }
        evidence: [git-repository]
`;

  function errorOf(text: string) {
    const { curriculum, errors } = parseCurriculum(text, 'curriculum.yaml');
    assert.strictEqual(curriculum, undefined, 'a broken file gives no curriculum');
    assert.ok(errors.length >= 1);
    return errors[0];
  }

  it('a good file parses, with defaults for the optional lists', () => {
    const { curriculum, errors } = parseCurriculum(GOOD, 'curriculum.yaml');
    assert.deepStrictEqual(errors, []);
    assert.deepStrictEqual(curriculum?.sections[0].items[0].rules, []);
    assert.deepStrictEqual(curriculum?.sections[0].items[0].evidence, ['git-repository']);
  });

  it('reports a YAML syntax error with its line', () => {
    const e = errorOf(GOOD.replace('title: Use git', 'title: [Use git'));
    assert.match(e.message, /^YAML syntax/);
    assert.ok(e.line >= 9, `line ${e.line}`);
    assert.strictEqual(e.file, 'curriculum.yaml');
  });

  it('reports a missing field at the item it belongs to', () => {
    const e = errorOf(GOOD.replace('        why: So that a mistake can be undone.\n', ''));
    assert.match(e.message, /missing "why"/);
    assert.strictEqual(e.line, 8);
  });

  it('reports an unknown key by name and line', () => {
    const e = errorOf(GOOD.replace('        why:', '        wyh: typo here\n        why:'));
    assert.match(e.message, /unknown key "wyh"/);
    assert.strictEqual(e.line, 8);
  });

  it('reports a badly shaped id with the value', () => {
    const e = errorOf(GOOD.replace('id: basics.git', 'id: Basics Git'));
    assert.match(e.message, /"Basics Git" does not have the expected shape/);
    assert.strictEqual(e.line, 8);
  });

  it('reports an item outside its section, a duplicate id, an unknown detector, a dangling rename', () => {
    assert.match(errorOf(GOOD.replace('id: basics.git', 'id: other.git')).message, /must start with its section's id "basics\."/);
    const twice = GOOD + GOOD.split('    items:\n')[1];
    const dup = errorOf(twice);
    assert.match(dup.message, /"basics\.git" is used twice/);
    assert.strictEqual(dup.line, 15);
    const unknown = errorOf(GOOD.replace('[git-repository]', '[git-repo]'));
    assert.match(unknown.message, /unknown evidence detector "git-repo"/);
    assert.strictEqual(unknown.line, 14);
    assert.match(errorOf(GOOD.replace('renamed: {}', 'renamed: { basics.vcs: basics.gone }')).message, /renamed to "basics\.gone", which is not an item/);
  });

  it('a missing file is an error, not an exception', () => {
    const { curriculum, errors } = loadCurriculum('/nonexistent/curriculum.yaml');
    assert.strictEqual(curriculum, undefined);
    assert.match(errors[0].message, /cannot read the curriculum: ENOENT/);
  });

  it('findItem follows renames', () => {
    const { curriculum } = parseCurriculum(GOOD.replace('renamed: {}', 'renamed: { basics.vcs: basics.git }'), 'c.yaml');
    assert.strictEqual(findItem(curriculum as Curriculum, 'basics.vcs')?.id, 'basics.git');
    assert.strictEqual(findItem(curriculum as Curriculum, 'basics.nothing'), undefined);
  });
});

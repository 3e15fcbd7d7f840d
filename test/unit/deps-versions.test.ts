import * as assert from 'assert';
import { distance, pickVersion, type Packument } from '../../src/core/deps/npm-versions';
import { distancePep440, maxSatisfyingPep440, pinnedVersion, satisfiesPep440 } from '../../src/core/deps/pep440';
import { classifyNpmSpec } from '../../src/core/deps/npm-spec';

// Version semantics: npm's choice of "wanted" and "latest" (as npm-pick-manifest makes it) and PEP 440.

const doc = (versions: Record<string, { deprecated?: string; engines?: { node?: string } }>, tags: Record<string, string>): Packument => ({ name: 'p', 'dist-tags': tags, versions });

describe('deps: npm versions', () => {
  const p = doc({ '1.0.0': {}, '1.2.0': {}, '1.3.0': { deprecated: 'broken' }, '2.0.0': {}, '2.1.0-beta.1': {}, '3.0.0': { engines: { node: '>=99' } } }, { latest: '2.0.0', next: '2.1.0-beta.1' });

  it('picks the latest tag when the range allows it, else the highest match avoiding deprecated versions', () => {
    assert.strictEqual(pickVersion(p, '*', 'v20.0.0'), '2.0.0');
    assert.strictEqual(pickVersion(p, '^1.0.0', 'v20.0.0'), '1.2.0');
    assert.strictEqual(pickVersion(p, '>=1.3.0 <2', 'v20.0.0'), '1.3.0', 'a deprecated version when nothing else matches');
    assert.strictEqual(pickVersion(p, '1.0.0', 'v20.0.0'), '1.0.0');
    assert.strictEqual(pickVersion(p, 'next', 'v20.0.0'), '2.1.0-beta.1');
    assert.strictEqual(pickVersion(p, 'nope', 'v20.0.0'), undefined);
    assert.strictEqual(pickVersion(p, '^9.0.0', 'v20.0.0'), undefined);
  });

  it('prefers versions whose engines.node accept this Node, like npm', () => {
    assert.strictEqual(pickVersion(p, '>=2', 'v20.0.0'), '2.0.0');
    const q = doc({ '1.0.0': {}, '2.0.0': { engines: { node: '>=99' } } }, { latest: '2.0.0' });
    assert.strictEqual(pickVersion(q, '*', 'v20.0.0'), '1.0.0');
    assert.strictEqual(pickVersion(q, '*', 'v100.0.0'), '2.0.0');
  });

  it('orders versions as semver does, pre-releases included, whatever the packument order', () => {
    const q = doc({ '1.0.0-beta.10': {}, '0.9.0': {}, '1.0.0-beta.2': {}, '1.0.0-alpha': {}, '0.10.0': {}, '0.9.10': {} }, { latest: '0.10.0' });
    assert.strictEqual(pickVersion(q, '>=1.0.0-alpha <1.0.0', 'v20.0.0'), '1.0.0-beta.10');
    assert.strictEqual(pickVersion(q, '<0.10.0', 'v20.0.0'), '0.9.10');
    assert.strictEqual(pickVersion(q, '^0.10.0', 'v20.0.0'), '0.10.0');
  });

  it('measures the distance by the first part that differs (below 1.0, a minor step breaks)', () => {
    assert.strictEqual(distance('4.17.11', '4.17.21'), 'patch');
    assert.strictEqual(distance('4.16.0', '4.17.21'), 'minor');
    assert.strictEqual(distance('3.0.0', '4.0.0'), 'major');
    assert.strictEqual(distance('0.2.0', '0.3.0'), 'major');
    assert.strictEqual(distance('1.0.0-rc.1', '1.0.0'), 'prerelease');
    assert.strictEqual(distance('2.0.0', '1.0.0'), undefined);
    assert.strictEqual(distance('1.0.0', '1.0.0'), undefined);
  });

  it('classifies specs: ranges, tags, aliases, and what to skip', () => {
    assert.deepStrictEqual(classifyNpmSpec('a', '^1.0.0'), { type: 'range', registryName: 'a', range: '^1.0.0', rangeOffset: 0 });
    assert.deepStrictEqual(classifyNpmSpec('a', ''), { type: 'range', registryName: 'a', range: '*', rangeOffset: 0 });
    assert.deepStrictEqual(classifyNpmSpec('a', 'beta'), { type: 'tag', registryName: 'a', range: 'beta', rangeOffset: 0 });
    assert.deepStrictEqual(classifyNpmSpec('a', 'npm:@s/b@~2.1'), { type: 'range', registryName: '@s/b', range: '~2.1', rangeOffset: 9 });
    for (const spec of ['workspace:*', 'file:x', 'link:x', 'git://h/r.git', 'git+ssh://git@h:r.git', 'github:u/r', 'u/r', 'https://h/x.tgz', './x', '../x.tgz'])
      assert.strictEqual(classifyNpmSpec('a', spec).type, 'skip', spec);
  });
});

describe('deps: PEP 440', () => {
  it('matches the specifier operators', () => {
    const cases: [string, string, boolean][] = [
      ['2.25.1', '==2.25.1', true],
      ['2.25.1', '==2.25.*', true],
      ['2.26.0', '==2.25.*', false],
      ['3.2.5', '>=3.2,<4', true],
      ['4.0', '>=3.2,<4', false],
      ['0.20.5', '~=0.20.0', true],
      ['0.21.0', '~=0.20.0', false],
      ['1.9', '~=1.4', true],
      ['2.0', '~=1.4', false],
      ['1.0', '!=1.0', false],
      ['1.0.0', '==1.0', true],
      ['1.0rc1', '<1.0', true],
      ['1.0.post1', '>1.0', true],
      ['0.96.2', '^0.95.0', false],
      ['0.95.9', '^0.95.0', true],
      ['1.10.5', '^1.2', true],
      ['4.0.9', '~4.0', true],
      ['4.1.0', '~4.0', false],
      ['1.10.2', '1.10.2', true],
    ];
    for (const [v, spec, expected] of cases) assert.strictEqual(satisfiesPep440(v, spec), expected, `${v} ${spec}`);
  });

  it('picks the highest matching final release, a pre-release only when nothing else matches', () => {
    assert.strictEqual(maxSatisfyingPep440(['1.0', '1.1', '2.0b1', '1.10'], '>=1.0'), '1.10');
    assert.strictEqual(maxSatisfyingPep440(['1.0', '2.0b1'], '>=2.0b1'), '2.0b1');
    assert.strictEqual(maxSatisfyingPep440(['1.0'], '>=2'), undefined);
  });

  it('knows a pin and the distance', () => {
    assert.strictEqual(pinnedVersion('==2.25.1'), '2.25.1');
    assert.strictEqual(pinnedVersion('1.10.2'), '1.10.2');
    assert.strictEqual(pinnedVersion('==2.*'), undefined);
    assert.strictEqual(pinnedVersion('>=1'), undefined);
    assert.strictEqual(distancePep440('2.25.1', '2.31.0'), 'minor');
    assert.strictEqual(distancePep440('3.2', '4.0'), 'major');
    assert.strictEqual(distancePep440('1.0', '1.0.1'), 'patch');
  });
});

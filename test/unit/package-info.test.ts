import { strict as assert } from 'assert';
import * as fs from 'fs';
import { majorOfRange } from '../../src/core/project/installed-version';
import { moduleSystemOf } from '../../src/core/project/module-system';
import { findPackageInfo, findPackageJson, readPackageInfo, type PackageInfo } from '../../src/core/project/package-info';
import { lockfile, project, removeFixtures, type Fixture } from './package-info-fixture';

/** Facts for a file of the fixture, searching no higher than the fixture's root (the "workspace folder"). */
function infoFor(fx: Fixture, rel: string): PackageInfo | undefined {
  return findPackageInfo(fx.at(rel), { stopAt: fx.root });
}

function moduleOf(fx: Fixture, rel: string) {
  return moduleSystemOf(fx.at(rel), infoFor(fx, rel));
}

describe('project: package-info', () => {
  afterEach(removeFixtures);

  describe('module system', () => {
    it('reads "type": "module" as ESM for .js files', () => {
      const fx = project({ 'package.json': { name: 'esm', type: 'module' } });
      const info = infoFor(fx, 'src/server.js');
      assert.equal(info?.file, fx.at('package.json'));
      assert.equal(info?.moduleType, 'module');
      assert.deepEqual(moduleOf(fx, 'src/server.js'), { system: 'esm', reason: 'package-type', extension: '.js' });
    });

    it('reads no "type", or "type": "commonjs", as CommonJS', () => {
      const none = project({ 'package.json': { name: 'cjs' } });
      assert.equal(infoFor(none, 'index.js')?.moduleType, 'commonjs');
      assert.equal(infoFor(none, 'index.js')?.typeField, undefined);
      assert.deepEqual(moduleOf(none, 'index.js'), { system: 'cjs', reason: 'package-type', extension: '.js' });

      const explicit = project({ 'package.json': { name: 'cjs', type: 'commonjs' } });
      assert.equal(infoFor(explicit, 'index.js')?.moduleType, 'commonjs');
      assert.equal(infoFor(explicit, 'index.js')?.typeField, 'commonjs');
    });

    it('lets .mjs/.mts and .cjs/.cts override "type"', () => {
      const esm = project({ 'package.json': { type: 'module' } });
      assert.deepEqual(moduleOf(esm, 'lib/legacy.cjs'), { system: 'cjs', reason: 'extension', extension: '.cjs' });
      assert.deepEqual(moduleOf(esm, 'lib/legacy.cts'), { system: 'cjs', reason: 'extension', extension: '.cts' });
      assert.deepEqual(moduleOf(esm, 'lib/server.mjs'), { system: 'esm', reason: 'extension', extension: '.mjs' });

      const cjs = project({ 'package.json': { name: 'cjs' } });
      assert.deepEqual(moduleOf(cjs, 'lib/server.mjs'), { system: 'esm', reason: 'extension', extension: '.mjs' });
      assert.deepEqual(moduleOf(cjs, 'lib/server.mts'), { system: 'esm', reason: 'extension', extension: '.mts' });
      assert.deepEqual(moduleOf(cjs, 'lib/server.ts'), { system: 'cjs', reason: 'package-type', extension: '.ts' });
    });

    it('gives .mjs/.cjs their module system even without a package.json', () => {
      const fx = project({ 'src/a.txt': '' });
      assert.equal(infoFor(fx, 'src/a.mjs'), undefined);
      assert.deepEqual(moduleOf(fx, 'src/a.mjs'), { system: 'esm', reason: 'extension', extension: '.mjs' });
      assert.deepEqual(moduleOf(fx, 'src/a.cjs'), { system: 'cjs', reason: 'extension', extension: '.cjs' });
      assert.deepEqual(moduleOf(fx, 'src/a.js'), { reason: 'no-package-json', extension: '.js' });
      assert.deepEqual(moduleSystemOf(undefined, undefined), { reason: 'no-package-json' });
    });
  });

  describe('finding the nearest package.json', () => {
    it('walks up from the file to the nearest package.json', () => {
      const fx = project({ 'package.json': { name: 'root' }, 'src/routes/users.js': '' });
      assert.equal(findPackageJson(fx.at('src/routes/users.js'), { stopAt: fx.root }), fx.at('package.json'));
    });

    it('finds nothing when there is no package.json up to the workspace folder', () => {
      const fx = project({ 'package.json': { name: 'outside', type: 'module' }, 'workspace/src/app.js': '' });
      const workspace = fx.at('workspace');
      assert.equal(findPackageJson(fx.at('workspace/src/app.js'), { stopAt: workspace }), undefined);
      assert.equal(findPackageInfo(fx.at('workspace/src/app.js'), { stopAt: workspace }), undefined);
      // Without the workspace bound, the walk goes on and finds the outer package.json.
      assert.equal(findPackageJson(fx.at('workspace/src/app.js')), fx.at('package.json'));
      // A workspace folder that does not contain the file does not bound the walk.
      assert.equal(findPackageJson(fx.at('workspace/src/app.js'), { stopAt: fx.at('elsewhere') }), fx.at('package.json'));
    });

    it('uses the package.json at the workspace folder itself', () => {
      const fx = project({ 'package.json': { type: 'module' } });
      assert.equal(findPackageInfo(fx.at('app.js'), { stopAt: fx.root })?.moduleType, 'module');
    });

    it('uses each monorepo package’s own package.json, not the root’s', () => {
      const fx = project({
        'package.json': { name: 'monorepo', private: true, type: 'module', workspaces: ['packages/*'], devDependencies: { typescript: '^5.9.0' } },
        'packages/api/package.json': { name: 'api', dependencies: { express: '^5.1.0' } },
        'packages/web/package.json': { name: 'web', type: 'module', dependencies: { fastify: '^5.6.0' } },
        'scripts/release.js': '',
      });
      const api = infoFor(fx, 'packages/api/src/app.js');
      assert.equal(api?.file, fx.at('packages/api/package.json'));
      assert.equal(api?.moduleType, 'commonjs', 'the nested package has no "type", so it is CommonJS even though the root is ESM');
      assert.equal(api?.typescript, undefined, 'TypeScript at the root does not make the nested package a TypeScript project');
      assert.equal(api?.express?.major, 5);
      assert.equal(api?.fastify, undefined);

      const web = infoFor(fx, 'packages/web/src/server.js');
      assert.equal(web?.moduleType, 'module');
      assert.equal(web?.fastify?.major, 5);
      assert.equal(web?.express, undefined);

      const root = infoFor(fx, 'scripts/release.js');
      assert.equal(root?.file, fx.at('package.json'));
      assert.equal(root?.typescript, 'dependency');
    });
  });

  describe('malformed package.json', () => {
    it('yields unknown facts instead of throwing', () => {
      const fx = project({ 'package.json': '{ "type": "module", "dependencies": { "express": "^5.1.0" }, }' });
      const info = infoFor(fx, 'src/app.js');
      assert.ok(info);
      assert.equal(info.readable, false);
      assert.equal(info.moduleType, 'unknown');
      assert.equal(info.express, undefined);
      assert.deepEqual(moduleSystemOf(fx.at('src/app.js'), info), { reason: 'unreadable-package-json', extension: '.js' });
      assert.deepEqual(moduleSystemOf(fx.at('src/app.mjs'), info), { system: 'esm', reason: 'extension', extension: '.mjs' });
    });

    it('treats an empty file, a JSON array or null as unreadable, and still sees tsconfig.json', () => {
      for (const text of ['', '[]', 'null', '"module"']) {
        const fx = project({ 'package.json': text, 'tsconfig.json': '{}' });
        const info = infoFor(fx, 'index.ts');
        assert.equal(info?.readable, false, JSON.stringify(text));
        assert.equal(info?.moduleType, 'unknown');
        assert.equal(info?.typescript, 'tsconfig');
      }
    });

    it('does not fall through to a parent package.json: the nearest one decides, as in Node', () => {
      const fx = project({ 'package.json': { type: 'module' }, 'sub/package.json': '{ broken' });
      const info = infoFor(fx, 'sub/a.js');
      assert.equal(info?.file, fx.at('sub/package.json'));
      assert.equal(info?.moduleType, 'unknown');
    });

    it('reads a package.json that starts with a byte-order mark', () => {
      const fx = project({ 'package.json': '\uFEFF{ "type": "module" }' });
      assert.equal(infoFor(fx, 'a.js')?.moduleType, 'module');
    });
  });

  describe('TypeScript', () => {
    it('is present through a typescript dependency', () => {
      assert.equal(infoFor(project({ 'package.json': { devDependencies: { typescript: '^5.9.3' } } }), 'a.ts')?.typescript, 'dependency');
      assert.equal(infoFor(project({ 'package.json': { dependencies: { typescript: '5.9.3' } } }), 'a.ts')?.typescript, 'dependency');
    });

    it('is present through a tsconfig.json beside package.json', () => {
      const fx = project({ 'package.json': { name: 'x' }, 'tsconfig.json': { compilerOptions: { strict: true } } });
      assert.equal(infoFor(fx, 'src/a.ts')?.typescript, 'tsconfig');
    });

    it('is absent with neither, and a tsconfig.json elsewhere does not count', () => {
      const fx = project({ 'package.json': { devDependencies: { '@types/node': '^20' } }, 'src/tsconfig.json': '{}' });
      assert.equal(infoFor(fx, 'src/a.js')?.typescript, undefined);
    });
  });

  describe('Express and Fastify versions', () => {
    it('reads the major from the range when nothing is installed: Express 4 vs 5', () => {
      const four = infoFor(project({ 'package.json': { dependencies: { express: '^4.18.2' } } }), 'a.js');
      assert.deepEqual(four?.express, { name: 'express', range: '^4.18.2', major: 4, source: 'range' });
      const five = infoFor(project({ 'package.json': { dependencies: { express: '^5.1.0' } } }), 'a.js');
      assert.deepEqual(five?.express, { name: 'express', range: '^5.1.0', major: 5, source: 'range' });
    });

    it('prefers the version installed in node_modules over the range', () => {
      const fx = project({
        'package.json': { dependencies: { express: '^4.18.2' } },
        'node_modules/express/package.json': { name: 'express', version: '5.1.0' },
      });
      assert.deepEqual(infoFor(fx, 'a.js')?.express, { name: 'express', range: '^4.18.2', installed: '5.1.0', major: 5, source: 'node_modules' });
    });

    it('reads the installed version from a lock file v3 (and v2) when node_modules is absent', () => {
      for (const version of [3, 2]) {
        const fx = project({
          'package.json': { dependencies: { express: '*' } },
          'package-lock.json': lockfile({ 'node_modules/express': '4.21.2', 'node_modules/express/node_modules/debug': '2.6.9' }, version),
        });
        assert.deepEqual(infoFor(fx, 'a.js')?.express, { name: 'express', range: '*', installed: '4.21.2', major: 4, source: 'lockfile' }, `v${version}`);
      }
    });

    it('reads a lock file v1 for the root package', () => {
      const fx = project({
        'package.json': { dependencies: { express: '>=4' } },
        'package-lock.json': { lockfileVersion: 1, dependencies: { express: { version: '4.17.1' } } },
      });
      assert.equal(infoFor(fx, 'a.js')?.express?.installed, '4.17.1');
    });

    it('prefers node_modules over the lock file, and npm-shrinkwrap.json over package-lock.json', () => {
      const fx = project({
        'package.json': { dependencies: { express: '^4.0.0' } },
        'package-lock.json': lockfile({ 'node_modules/express': '4.21.2' }),
        'node_modules/express/package.json': { version: '4.19.0' },
      });
      assert.equal(infoFor(fx, 'a.js')?.express?.installed, '4.19.0');

      const shrink = project({
        'package.json': { dependencies: { express: '^4.0.0' } },
        'package-lock.json': lockfile({ 'node_modules/express': '4.21.2' }),
        'npm-shrinkwrap.json': lockfile({ 'node_modules/express': '4.18.3' }),
      });
      assert.equal(infoFor(shrink, 'a.js')?.express?.installed, '4.18.3');
    });

    it('falls back to the range when node_modules has an unreadable package.json and there is no lock file', () => {
      const fx = project({ 'package.json': { dependencies: { express: '~5.1.0' } }, 'node_modules/express/package.json': '{' });
      assert.deepEqual(infoFor(fx, 'a.js')?.express, { name: 'express', range: '~5.1.0', major: 5, source: 'range' });
    });

    it('resolves a monorepo package’s dependency the way Node does: its own node_modules, then hoisted ones', () => {
      const fx = project({
        'package.json': { private: true, workspaces: ['packages/*'] },
        'packages/api/package.json': { dependencies: { express: '^5.0.0' } },
        'packages/legacy/package.json': { dependencies: { express: '^4.17.0' } },
        'package-lock.json': lockfile({ 'node_modules/express': '5.1.0', 'packages/legacy/node_modules/express': '4.21.2' }),
      });
      assert.deepEqual(infoFor(fx, 'packages/api/index.js')?.express, { name: 'express', range: '^5.0.0', installed: '5.1.0', major: 5, source: 'lockfile' });
      assert.deepEqual(infoFor(fx, 'packages/legacy/index.js')?.express, { name: 'express', range: '^4.17.0', installed: '4.21.2', major: 4, source: 'lockfile' });

      fx.write('node_modules/express/package.json', { version: '5.0.1' });
      assert.equal(infoFor(fx, 'packages/api/index.js')?.express?.source, 'node_modules', 'a hoisted install is found by walking up');
      assert.equal(infoFor(fx, 'packages/api/index.js')?.express?.installed, '5.0.1');
    });

    it('does not look above the workspace folder for node_modules or lock files', () => {
      const fx = project({
        'node_modules/express/package.json': { version: '4.21.2' },
        'package-lock.json': lockfile({ 'app/node_modules/express': '4.21.2' }),
        'app/package.json': { dependencies: { express: '^5.1.0' } },
      });
      const info = findPackageInfo(fx.at('app/a.js'), { stopAt: fx.at('app') });
      assert.deepEqual(info?.express, { name: 'express', range: '^5.1.0', major: 5, source: 'range' });
    });

    it('reports a framework only when package.json declares it, in any dependency field', () => {
      const fx = project({
        'package.json': { devDependencies: { fastify: '^5.6.1' }, peerDependencies: {} },
        'node_modules/express/package.json': { version: '4.21.2' }, // a transitive dependency, not the project's framework
        'node_modules/fastify/package.json': { version: '5.6.1' },
      });
      const info = infoFor(fx, 'a.js');
      assert.equal(info?.express, undefined);
      assert.deepEqual(info?.fastify, { name: 'fastify', range: '^5.6.1', installed: '5.6.1', major: 5, source: 'node_modules' });
      const peer = infoFor(project({ 'package.json': { peerDependencies: { fastify: '4.x' } } }), 'a.js');
      assert.equal(peer?.fastify?.major, 4);
    });

    it('keeps a dependency whose range is not a string as declared with an unknown major', () => {
      const fx = project({ 'package.json': { dependencies: { express: 5 } } });
      assert.deepEqual(infoFor(fx, 'a.js')?.express, { name: 'express', range: '' });
    });
  });

  describe('majorOfRange', () => {
    const cases: Array<[string, number | undefined]> = [
      ['^4.18.2', 4],
      ['~4.17.1', 4],
      ['4.x', 4],
      ['4', 4],
      ['>=4.0.0 <5.0.0', 4],
      ['^5.1.0', 5],
      ['5.0.0-beta.3', 5],
      ['^5.0.0-beta.1', 5],
      ['npm:express@^5.1.0', 5],
      ['  ^5  ', 5],
      ['*', undefined],
      ['', undefined],
      ['>=4', undefined],
      ['^4.18.0 || ^5.0.0', undefined],
      ['latest', undefined],
      ['next', undefined],
      ['github:expressjs/express', undefined],
      ['git+https://github.com/expressjs/express.git#v5.1.0', undefined],
      ['workspace:*', undefined],
      ['file:../express', undefined],
      ['npm:express', undefined],
    ];
    for (const [range, major] of cases) {
      it(`${JSON.stringify(range)} → ${major}`, () => assert.equal(majorOfRange(range), major));
    }
  });

  describe('cache', () => {
    it('answers from the cache while no file changes', () => {
      const fx = project({ 'package.json': { type: 'module' } });
      const first = readPackageInfo(fx.at('package.json'), { stopAt: fx.root });
      assert.equal(readPackageInfo(fx.at('package.json'), { stopAt: fx.root }), first, 'the same object: no re-read');
    });

    it('re-reads package.json when it changes', () => {
      const fx = project({ 'package.json': { type: 'module' } });
      assert.equal(infoFor(fx, 'a.js')?.moduleType, 'module');
      fx.write('package.json', { type: 'commonjs', dependencies: { express: '^4.21.0' } });
      bumpMtime(fx.at('package.json'));
      const after = infoFor(fx, 'a.js');
      assert.equal(after?.moduleType, 'commonjs');
      assert.equal(after?.express?.major, 4);
    });

    it('re-reads when a package is installed, a lock file appears or a tsconfig.json is added', () => {
      const fx = project({ 'package.json': { dependencies: { express: '*' } } });
      assert.equal(infoFor(fx, 'a.js')?.express?.major, undefined);
      fx.write('package-lock.json', lockfile({ 'node_modules/express': '4.21.2' }));
      assert.equal(infoFor(fx, 'a.js')?.express?.major, 4);
      fx.write('node_modules/express/package.json', { version: '5.1.0' });
      assert.equal(infoFor(fx, 'a.js')?.express?.major, 5);
      fx.write('node_modules/express/package.json', { version: '4.21.2' });
      bumpMtime(fx.at('node_modules/express/package.json'));
      assert.equal(infoFor(fx, 'a.js')?.express?.major, 4);
      assert.equal(infoFor(fx, 'a.js')?.typescript, undefined);
      fx.write('tsconfig.json', '{}');
      assert.equal(infoFor(fx, 'a.js')?.typescript, 'tsconfig');
    });

    it('finds a package.json created after a first lookup', () => {
      const fx = project({ 'package.json': { type: 'module' } });
      assert.equal(infoFor(fx, 'pkg/a.js')?.moduleType, 'module');
      fx.write('pkg/package.json', { name: 'pkg' });
      assert.equal(infoFor(fx, 'pkg/a.js')?.moduleType, 'commonjs');
    });
  });
});

/** Moves a file's mtime forward, so that a rewrite of the same size within one clock tick is still seen. */
function bumpMtime(file: string): void {
  const later = new Date(fs.statSync(file).mtimeMs + 5000);
  fs.utimesSync(file, later, later);
}

import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { moduleSystemOf } from '../../src/core/project/module-system';
import { findPackageInfo } from '../../src/core/project/package-info';
import { isSnippetFileName, parseSnippetFile, type CatalogSnippet } from '../../src/core/project/snippet-catalog';
import { rankSnippets, type RankedSnippet } from '../../src/core/project/snippet-ranking';
import { lockfile, project, removeFixtures, type Fixture, type Tree } from './package-info-fixture';

// The real packs, read the way the extension reads them (every snippets/<pack>.<language>.json).
const SNIPPETS_DIR = path.resolve(__dirname, '..', '..', 'snippets');
const CATALOG: CatalogSnippet[] = fs
  .readdirSync(SNIPPETS_DIR)
  .filter(isSnippetFileName)
  .sort()
  .flatMap((name) => parseSnippetFile(name, fs.readFileSync(path.join(SNIPPETS_DIR, name), 'utf8')));

/** The snippets offered for the file `rel` of a fixture project, best first. */
function rankedFor(fx: Fixture, rel: string): RankedSnippet[] {
  const file = fx.at(rel);
  const pkg = findPackageInfo(file, { stopAt: fx.root });
  const language = /\.[cm]?ts$/.test(rel) ? 'typescript' : 'javascript';
  return rankSnippets(CATALOG, { language, module: moduleSystemOf(file, pkg) }, pkg);
}

function rankedIn(tree: Tree, rel: string): RankedSnippet[] {
  return rankedFor(project(tree), rel);
}

/** The prefixes the user sees, in order, after typing `typed`. */
function order(list: RankedSnippet[], typed: string): string[] {
  return list.filter((r) => r.snippet.prefix.startsWith(typed)).map((r) => r.snippet.prefix);
}

function entry(list: RankedSnippet[], prefix: string): RankedSnippet {
  const found = list.find((r) => r.snippet.prefix === prefix);
  assert.ok(found, `${prefix} is offered`);
  return found;
}

const EXPRESS_BASES = ['auth-csrf', 'auth-middleware', 'auth-oauth-pkce', 'auth-refresh', 'auth-role', 'auth-routes', 'auth-session', 'ex-app', 'ex-async', 'ex-logger', 'ex-middleware', 'ex-route-zod', 'ex-router', 'ex-static'];
const FASTIFY_BASES = ['auth-fy-routes', 'fy-app', 'fy-autoload', 'fy-decorate', 'fy-error', 'fy-hook', 'fy-jwt', 'fy-jwt-route', 'fy-plugin', 'fy-route', 'fy-route-typebox'];
const NEUTRAL_BASES = ['auth-hash', 'auth-hash-bcrypt', 'auth-jwt', 'auth-jwt-jose', 'ex-query-mysql', 'ex-query-pg', 'ex-query-sqlite'];

describe('project: snippet catalog (the real packs)', () => {
  const js = CATALOG.filter((s) => s.language === 'javascript');
  const ts = CATALOG.filter((s) => s.language === 'typescript');
  const basesOf = (list: CatalogSnippet[]) => [...new Set(list.map((s) => s.base))].sort();

  it('reads every pack file: 63 JavaScript and 32 TypeScript snippets', () => {
    assert.deepEqual(fs.readdirSync(SNIPPETS_DIR).filter(isSnippetFileName).sort(), [
      'auth.javascript.json', 'auth.typescript.json', 'express.javascript.json', 'express.typescript.json', 'fastify.javascript.json', 'fastify.typescript.json',
    ]);
    assert.equal(js.length, 63);
    assert.equal(ts.length, 32);
    assert.deepEqual(basesOf(js), basesOf(ts), 'every snippet exists in JavaScript and TypeScript');
  });

  it('tells the module style from the pack conventions, in agreement with the names', () => {
    for (const s of js) {
      if (s.style === 'esm') assert.match(s.name, /ES modules\)$/, s.prefix);
      else if (s.style === 'cjs') assert.match(s.name, /CommonJS\)$/, s.prefix);
      else assert.equal(s.style, 'either', s.prefix);
      assert.equal(s.prefix, s.style === 'cjs' ? `${s.base}-cjs` : s.base);
    }
    assert.deepEqual(js.filter((s) => s.style === 'either').map((s) => s.prefix), ['ex-async'], 'the only fragment');
    assert.equal(js.filter((s) => s.style === 'esm').length, 31);
    assert.equal(js.filter((s) => s.style === 'cjs').length, 31);
    assert.ok(ts.every((s) => s.style === 'ts' && s.prefix === s.base));
  });

  it('knows which framework, and which major, each snippet is written for', () => {
    const bases = (framework: string | undefined) => basesOf(CATALOG.filter((s) => s.framework === framework));
    assert.deepEqual(bases('express'), EXPRESS_BASES);
    assert.deepEqual(bases('fastify'), FASTIFY_BASES);
    assert.deepEqual(bases(undefined), NEUTRAL_BASES);
    for (const s of CATALOG) assert.equal(s.frameworkMajor, s.framework ? 5 : undefined, s.prefix);
  });

  it('keeps bodies and descriptions as VS Code would insert them', () => {
    const app = CATALOG.find((s) => s.prefix === 'ex-app-cjs');
    assert.ok(app);
    assert.ok(app.body.startsWith("'use strict';\n\nconst express = require('express');\n"), 'body lines joined with \\n');
    assert.ok(!app.body.includes('import '), 'the CommonJS body has no import');
    assert.match(app.description, /^Express 5 app/);
  });

  it('rejects files that are not pack files, and skips entries without a prefix or body', () => {
    assert.throws(() => parseSnippetFile('express.json', '{}'), /not a snippet pack file name/);
    assert.throws(() => parseSnippetFile('x.javascript.json', '[1, 2]'), /not a JSON object/);
    assert.throws(() => parseSnippetFile('x.javascript.json', '{ nope'), /not a JSON object/);
    const parsed = parseSnippetFile(
      'x.javascript.json',
      JSON.stringify({ 'No prefix': { body: 'x' }, 'No body': { prefix: 'x-a' }, 'String body': { prefix: 'x-b', body: 'one line', description: 'd' } }),
    );
    assert.deepEqual(parsed, [{ pack: 'x', language: 'javascript', name: 'String body', prefix: 'x-b', base: 'x-b', style: 'either', description: 'd', body: 'one line' }]);
  });
});

describe('project: snippet ranking (the real packs in fixture projects)', () => {
  afterEach(removeFixtures);

  it('ESM project with Express 5: ESM variants first, Express snippets before neutral ones, CommonJS last', () => {
    const list = rankedIn({ 'package.json': { type: 'module', dependencies: { express: '^5.1.0' } } }, 'src/app.js');
    assert.deepEqual(order(list, 'ex-'), [
      'ex-app', 'ex-async', 'ex-logger', 'ex-middleware', 'ex-route-zod', 'ex-router', 'ex-static',
      'ex-query-mysql', 'ex-query-pg', 'ex-query-sqlite',
      'ex-app-cjs', 'ex-logger-cjs', 'ex-middleware-cjs', 'ex-route-zod-cjs', 'ex-router-cjs', 'ex-static-cjs',
      'ex-query-mysql-cjs', 'ex-query-pg-cjs', 'ex-query-sqlite-cjs',
    ]);
    assert.deepEqual(order(list, 'ex-app'), ['ex-app', 'ex-app-cjs']);
    assert.equal(entry(list, 'ex-app').detail, 'ESM · matches your package.json · Express 5 in package.json');
    assert.equal(entry(list, 'ex-app').warning, undefined);
    assert.equal(entry(list, 'ex-app-cjs').detail, 'CommonJS — your project is ESM ("type": "module") · Express 5 in package.json');
    assert.equal(entry(list, 'ex-app-cjs').warning, 'This is the CommonJS variant, but your project is ESM ("type": "module"): use `ex-app` instead.');
    assert.equal(entry(list, 'ex-query-pg').detail, 'ESM · matches your package.json');
    assert.equal(entry(list, 'ex-async').detail, 'ESM or CommonJS · goes inside an existing file · Express 5 in package.json');
    assert.equal(list.length, 63, 'JavaScript files get the JavaScript variants only');
  });

  it('CommonJS project with Express 5 installed: CommonJS variants first', () => {
    const list = rankedIn(
      { 'package.json': { name: 'api', dependencies: { express: '^5.0.0' } }, 'node_modules/express/package.json': { version: '5.1.0' } },
      'routes/users.js',
    );
    assert.deepEqual(order(list, 'ex-app'), ['ex-app-cjs', 'ex-app']);
    assert.deepEqual(order(list, 'ex-route'), ['ex-route-zod-cjs', 'ex-router-cjs', 'ex-route-zod', 'ex-router']);
    assert.deepEqual(order(list, 'auth-hash'), ['auth-hash-cjs', 'auth-hash-bcrypt-cjs', 'auth-hash', 'auth-hash-bcrypt']);
    assert.equal(entry(list, 'ex-app-cjs').detail, 'CommonJS · matches your package.json · Express 5 installed');
    assert.equal(entry(list, 'ex-app').detail, 'ESM — your project is CommonJS (no "type": "module") · Express 5 installed');
    assert.equal(entry(list, 'ex-app').warning, 'This is the ESM variant, but your project is CommonJS (no "type": "module"): use `ex-app-cjs` instead.');
  });

  it('says so when "type": "commonjs" is explicit', () => {
    const list = rankedIn({ 'package.json': { type: 'commonjs' } }, 'index.js');
    assert.equal(entry(list, 'auth-jwt').detail, 'ESM — your project is CommonJS ("type": "commonjs")');
  });

  it('.cjs files get CommonJS first in an ESM project, .mjs files ESM first in a CommonJS project', () => {
    const esm = rankedIn({ 'package.json': { type: 'module' } }, 'legacy/config.cjs');
    assert.deepEqual(order(esm, 'auth-jwt'), ['auth-jwt-cjs', 'auth-jwt-jose-cjs', 'auth-jwt', 'auth-jwt-jose']);
    assert.equal(entry(esm, 'auth-jwt-cjs').detail, 'CommonJS · .cjs file');
    assert.equal(entry(esm, 'auth-jwt').detail, 'ESM — .cjs files are CommonJS');

    const cjs = rankedIn({ 'package.json': { name: 'cjs' } }, 'scripts/seed.mjs');
    assert.deepEqual(order(cjs, 'ex-query-pg'), ['ex-query-pg', 'ex-query-pg-cjs']);
    assert.equal(entry(cjs, 'ex-query-pg').detail, 'ESM · .mjs file');
    assert.equal(entry(cjs, 'ex-query-pg-cjs').detail, 'CommonJS — .mjs files are ESM');
  });

  it('TypeScript files get the TypeScript variants, Fastify snippets first in a Fastify project', () => {
    const list = rankedIn(
      {
        'package.json': { type: 'module', dependencies: { fastify: '^5.6.1' } },
        'tsconfig.json': { compilerOptions: { module: 'NodeNext' } },
        'node_modules/fastify/package.json': { version: '5.6.1' },
      },
      'src/routes/auth.ts',
    );
    assert.equal(list.length, 32);
    assert.ok(list.every((r) => r.snippet.style === 'ts'));
    assert.deepEqual(order(list, 'auth-'), [
      'auth-fy-routes',
      'auth-hash', 'auth-hash-bcrypt', 'auth-jwt', 'auth-jwt-jose',
      'auth-csrf', 'auth-middleware', 'auth-oauth-pkce', 'auth-refresh', 'auth-role', 'auth-routes', 'auth-session',
    ]);
    assert.equal(entry(list, 'auth-fy-routes').detail, 'TypeScript · tsconfig.json found · Fastify 5 installed');
    assert.equal(entry(list, 'auth-routes').detail, 'TypeScript · tsconfig.json found — for Express; your project uses Fastify');
    assert.equal(entry(list, 'auth-routes').warning, 'Written for Express; your package.json declares Fastify, not Express.');
  });

  it('TypeScript through a dependency, in a .cts file of a CommonJS Express project', () => {
    const list = rankedIn({ 'package.json': { dependencies: { express: '^5.1.0' }, devDependencies: { typescript: '^5.9.3' } } }, 'src/server.cts');
    assert.deepEqual(order(list, 'ex-app'), ['ex-app']);
    assert.equal(entry(list, 'ex-app').detail, 'TypeScript · typescript in package.json · Express 5 in package.json');
    assert.deepEqual(order(list, 'fy-app'), ['fy-app']);
    assert.equal(entry(list, 'fy-app').rank, 3);
  });

  it('Express 4 (from the lock file): Express 5 snippets go below neutral ones and warn, ESM still before CommonJS', () => {
    const list = rankedIn(
      { 'package.json': { type: 'module', dependencies: { express: '^4.18.2' } }, 'package-lock.json': lockfile({ 'node_modules/express': '4.21.2' }) },
      'src/app.js',
    );
    assert.deepEqual(order(list, 'ex-'), [
      'ex-query-mysql', 'ex-query-pg', 'ex-query-sqlite',
      'ex-app', 'ex-async', 'ex-logger', 'ex-middleware', 'ex-route-zod', 'ex-router', 'ex-static',
      'ex-query-mysql-cjs', 'ex-query-pg-cjs', 'ex-query-sqlite-cjs',
      'ex-app-cjs', 'ex-logger-cjs', 'ex-middleware-cjs', 'ex-route-zod-cjs', 'ex-router-cjs', 'ex-static-cjs',
    ]);
    assert.deepEqual(order(list, 'ex-app'), ['ex-app', 'ex-app-cjs']);
    const async = entry(list, 'ex-async');
    assert.equal(async.detail, 'ESM or CommonJS · goes inside an existing file — written for Express 5, you have 4.21.2');
    assert.match(async.warning ?? '', /^Written for Express 5; your project has Express 4\.21\.2\. Express 4 does not pass a rejected promise/);
  });

  it('Express 4 from the range alone names the range', () => {
    const list = rankedIn({ 'package.json': { dependencies: { express: '~4.17.1' } } }, 'app.js');
    assert.equal(entry(list, 'ex-router-cjs').detail, 'CommonJS · matches your package.json — written for Express 5, you have ~4.17.1');
    assert.deepEqual(order(list, 'ex-router'), ['ex-router-cjs', 'ex-router']);
  });

  it('no package.json: ESM and CommonJS tie, each ESM variant above its twin, and the detail says why', () => {
    const list = rankedIn({ 'notes.txt': '' }, 'scratch/app.js');
    assert.deepEqual(order(list, 'ex-app'), ['ex-app', 'ex-app-cjs']);
    assert.equal(entry(list, 'ex-app').rank, entry(list, 'ex-app-cjs').rank);
    assert.equal(entry(list, 'ex-app').detail, 'ESM · no package.json found');
    assert.equal(entry(list, 'ex-app-cjs').detail, 'CommonJS · no package.json found');
    // With nothing to go on, each ESM variant sits right above its CommonJS twin.
    assert.deepEqual(order(list, 'auth-h'), ['auth-hash', 'auth-hash-cjs', 'auth-hash-bcrypt', 'auth-hash-bcrypt-cjs']);
    assert.deepEqual(order(list, 'fy-r'), ['fy-route', 'fy-route-cjs', 'fy-route-typebox', 'fy-route-typebox-cjs']);
  });

  it('malformed package.json: module system unknown, nothing demoted, no throw', () => {
    const list = rankedIn({ 'package.json': '{ "type": "module", }' }, 'src/app.js');
    assert.deepEqual(order(list, 'fy-app'), ['fy-app', 'fy-app-cjs']);
    assert.equal(entry(list, 'fy-app').detail, 'ESM · package.json is not valid JSON');
    assert.equal(entry(list, 'fy-app').rank, entry(list, 'fy-app-cjs').rank);
    const mjs = rankedIn({ 'package.json': '{ "type": "module", }' }, 'src/app.cjs');
    assert.deepEqual(order(mjs, 'fy-app'), ['fy-app-cjs', 'fy-app'], 'the extension still decides');
  });

  it('monorepo: each package gets its own order', () => {
    const fx = project({
      'package.json': { private: true, type: 'module', workspaces: ['packages/*'] },
      'packages/api/package.json': { name: 'api', dependencies: { express: '^5.0.0' } },
      'packages/web/package.json': { name: 'web', type: 'module', dependencies: { fastify: '^5.6.0' } },
      'package-lock.json': lockfile({ 'node_modules/express': '5.1.0', 'node_modules/fastify': '5.6.1' }),
    });
    const api = rankedFor(fx, 'packages/api/src/auth.js');
    const web = rankedFor(fx, 'packages/web/src/auth.js');
    assert.deepEqual(order(api, 'auth-r'), ['auth-refresh-cjs', 'auth-role-cjs', 'auth-routes-cjs', 'auth-refresh', 'auth-role', 'auth-routes']);
    assert.deepEqual(order(web, 'auth-r'), ['auth-refresh', 'auth-role', 'auth-routes', 'auth-refresh-cjs', 'auth-role-cjs', 'auth-routes-cjs']);
    assert.equal(order(api, 'auth-')[0], 'auth-csrf-cjs');
    assert.equal(order(web, 'auth-')[0], 'auth-fy-routes');
    assert.equal(entry(api, 'auth-routes-cjs').detail, 'CommonJS · matches your package.json · Express 5 installed');
    assert.equal(entry(web, 'auth-fy-routes').detail, 'ESM · matches your package.json · Fastify 5 installed');
  });

  it('a project with both frameworks demotes neither', () => {
    const list = rankedIn({ 'package.json': { type: 'module', dependencies: { express: '^5.1.0', fastify: '^5.6.0' } } }, 'a.js');
    assert.equal(entry(list, 'auth-routes').rank, 0);
    assert.equal(entry(list, 'auth-fy-routes').rank, 0);
    assert.equal(entry(list, 'auth-hash').rank, 1);
  });

  it('gives twins filterTexts of one shape, so the typed prefix scores them alike and sortText decides', () => {
    const list = rankedIn({ 'package.json': { type: 'module' } }, 'a.js');
    assert.equal(entry(list, 'ex-app').filterText, 'ex-app-esm');
    assert.equal(entry(list, 'ex-app-cjs').filterText, 'ex-app-cjs');
    assert.equal(entry(list, 'ex-async').filterText, 'ex-async-js');
    const tsList = rankedIn({ 'package.json': { type: 'module' } }, 'a.ts');
    assert.equal(entry(tsList, 'auth-hash').filterText, 'auth-hash-ts');
    // The editor scores a word that is exactly the filterText differently from one it merely starts: no
    // filterText may equal a prefix that another snippet's prefix extends.
    for (const all of [list, tsList]) {
      const prefixes = all.map((r) => r.snippet.prefix);
      for (const r of all) {
        assert.ok(r.filterText.startsWith(r.snippet.prefix), r.snippet.prefix);
        if (prefixes.some((p) => p !== r.snippet.prefix && p.startsWith(r.snippet.prefix))) assert.notEqual(r.filterText, r.snippet.prefix);
      }
    }
  });

  it('sorts by sortText, which is unique', () => {
    const list = rankedIn({ 'package.json': { dependencies: { fastify: '^4.28.0' } } }, 'server.js');
    const sortTexts = list.map((r) => r.sortText);
    assert.deepEqual(sortTexts, [...sortTexts].sort());
    assert.equal(new Set(sortTexts).size, sortTexts.length);
    assert.equal(entry(list, 'fy-app-cjs').detail, 'CommonJS · matches your package.json — written for Fastify 5, you have ^4.28.0');
    assert.equal(entry(list, 'fy-app-cjs').warning, 'Written for Fastify 5; your project has Fastify ^4.28.0. Check the snippet against Fastify 4 or upgrade.');
  });
});

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence, type CollectEvidenceOptions, type Evidence } from '../../src/core/checklist';
import { parseIndex } from '../../src/core/checklist/evidence/git-index';
import { ignoreDecision } from '../../src/core/checklist/evidence/ignore-rules';
import { importBindings, importedModules, isUsed } from '../../src/core/checklist/evidence/imports';
import { Workspace } from '../../src/core/checklist/evidence/workspace';
import type { Finding } from '../../src/core/types';
import { cleanup, PG_SAFE, PG_VULNERABLE, project } from './cli-helpers';

// Each detector on small workspaces written to a temporary folder: what counts as evidence, and the
// near misses that must not (a dependency listed but never used, a commented-out line, a test file).

async function detect(detector: string, files: Record<string, string>, options: CollectEvidenceOptions = {}): Promise<Evidence> {
  return detectIn(detector, project(files), options);
}

async function detectIn(detector: string, dir: string, options: CollectEvidenceOptions = {}): Promise<Evidence> {
  const evidence = (await collectEvidence(dir, { ...options, detectors: [detector] })).get(detector);
  assert.ok(evidence, `${detector} ran`);
  assert.strictEqual(evidence.detector, detector);
  return evidence;
}

/** The git tests need the git program; without it they are skipped (and say so), never passed. */
function needGit(ctx: Mocha.Context): void {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
  } catch {
    ctx.skip();
  }
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

const PKG = (deps: Record<string, string> = {}, scripts: Record<string, string> = {}) => JSON.stringify({ name: 'app', dependencies: deps, scripts });

describe('checklist evidence', function () {
  this.timeout(30_000);
  after(cleanup);

  describe('git-repository', () => {
    it('finds .git in the folder, or in a folder above it', async () => {
      const dir = project({ 'src/app.js': '' });
      fs.mkdirSync(path.join(dir, '.git'));
      assert.deepStrictEqual(await detectIn('git-repository', dir), { detector: 'git-repository', found: true, detail: '.git' });
      const nested = await detectIn('git-repository', path.join(dir, 'src'));
      assert.ok(nested.found);
      assert.match(nested.detail, /inside that repository/);
    });

    it('says how to start one when there is none', async () => {
      const e = await detect('git-repository', { 'app.js': '' });
      assert.deepStrictEqual([e.found, e.detail], [false, 'no .git folder here or above: run `git init`']);
    });
  });

  describe('tests', () => {
    it('needs test files and a real test script', async () => {
      const e = await detect('tests', { 'test/app.test.js': 'test()', 'package.json': PKG({}, { test: 'node --test' }) });
      assert.deepStrictEqual([e.found, e.detail], [true, 'test/, "test" script in package.json']);
    });

    it("does not count npm's placeholder script", async () => {
      const e = await detect('tests', { 'src/app.spec.ts': 'it()', 'package.json': PKG({}, { test: 'echo "Error: no test specified" && exit 1' }) });
      assert.strictEqual(e.found, false);
      assert.match(e.detail, /src\/app\.spec\.ts, but no `test` script or pytest configuration/);
    });

    it('accepts pytest configuration for Python tests', async () => {
      const e = await detect('tests', { 'tests/test_orders.py': 'def test_x(): pass', 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n' });
      assert.deepStrictEqual([e.found, e.detail], [true, 'tests/, pytest settings in pyproject.toml']);
    });

    it('accepts pytest as a Python dependency, not a mere mention of it', async () => {
      const listed = await detect('tests', { 'tests/test_orders.py': '', 'requirements-dev.txt': 'black\npytest==8.3.0\n' });
      assert.deepStrictEqual([listed.found, listed.detail], [true, 'tests/, pytest in requirements-dev.txt']);
      const mentioned = await detect('tests', { 'tests/test_orders.py': '', 'requirements.txt': 'flask  # tests use pytest-free unittest\n' });
      assert.strictEqual(mentioned.found, false);
    });

    it('a script without any test file is not enough', async () => {
      const e = await detect('tests', { 'package.json': PKG({}, { test: 'vitest' }), 'src/app.js': '' });
      assert.deepStrictEqual([e.found, e.detail], [false, '"test" script in package.json, but no test files']);
    });
  });

  describe('ci', () => {
    it('finds GitHub Actions, GitLab CI and Jenkins', async () => {
      const e = await detect('ci', { '.github/workflows/ci.yml': 'on: push', '.gitlab-ci.yml': 'test:', Jenkinsfile: 'pipeline {}' });
      assert.deepStrictEqual([e.found, e.detail], [true, '.gitlab-ci.yml, Jenkinsfile, .github/workflows/ci.yml']);
    });

    it('does not take other files under .github for CI', async () => {
      const e = await detect('ci', { '.github/dependabot.yml': 'version: 2', '.github/workflows/README.md': '' });
      assert.strictEqual(e.found, false);
    });
  });

  describe('container', () => {
    it('finds a Dockerfile and a Compose file, also in sub-folders', async () => {
      const e = await detect('container', { Dockerfile: 'FROM node:22', 'compose.yaml': 'services: {}', 'services/api/Dockerfile.dev': 'FROM node' });
      assert.deepStrictEqual([e.found, e.detail], [true, 'Dockerfile, compose.yaml, services/api/Dockerfile.dev']);
    });

    it('ignores look-alikes and what is inside node_modules', async () => {
      const e = await detect('container', { 'docs/dockerfile-notes.md': '', 'node_modules/pkg/Dockerfile': 'FROM x' });
      assert.deepStrictEqual([e.found, e.detail], [false, 'no Dockerfile or Compose file']);
    });
  });

  describe('migrations', () => {
    it('finds Prisma, Alembic, Django and Flyway migrations', async () => {
      for (const [file, tool] of [
        ['prisma/migrations/20240101_init/migration.sql', 'Prisma'],
        ['alembic/versions/1a2b_create_users.py', 'Alembic'],
        ['shop/migrations/0001_initial.py', 'Django'],
        ['db/migration/V1__create_users.sql', 'Flyway'],
      ]) {
        const e = await detect('migrations', { [file]: 'x' });
        assert.ok(e.found, file);
        assert.ok(e.detail.includes(`(${tool}, 1 file)`), e.detail);
      }
    });

    it('finds Knex migrations when knex is a dependency, not a bare migrations folder', async () => {
      const files = { 'knexfile.js': 'module.exports = {}', 'migrations/20240101_users.js': 'exports.up = () => {}' };
      const knex = await detect('migrations', { ...files, 'package.json': PKG({ knex: '^3' }) });
      assert.deepStrictEqual([knex.found, knex.detail], [true, 'migrations/ (Knex, 1 file)']);
      const bare = await detect('migrations', { 'migrations/20240101_users.js': 'x', 'package.json': PKG() });
      assert.strictEqual(bare.found, false);
    });

    it('finds Sequelize migrations when sequelize-cli is a dependency', async () => {
      const e = await detect('migrations', { '.sequelizerc': '', 'db/migrations/20240101-create-user.js': 'module.exports = {}', 'package.json': PKG({ 'sequelize-cli': '^6' }) });
      assert.deepStrictEqual([e.found, e.detail], [true, 'db/migrations/ (Sequelize, 1 file)']);
    });

    it('configuration without migration files is reported, not counted', async () => {
      const e = await detect('migrations', { 'knexfile.js': 'module.exports = {}', 'package.json': PKG({ knex: '^3' }) });
      assert.deepStrictEqual([e.found, e.detail], [false, 'knexfile.js (Knex) but no migration files yet']);
    });
  });

  describe('lockfile', () => {
    it('finds npm and Python lockfiles', async () => {
      const e = await detect('lockfile', { 'package-lock.json': '{}', 'api/poetry.lock': '' });
      assert.deepStrictEqual([e.found, e.detail], [true, 'package-lock.json, api/poetry.lock']);
    });

    it('a manifest alone is not a lockfile', async () => {
      const e = await detect('lockfile', { 'package.json': PKG(), 'requirements.txt': 'flask' });
      assert.strictEqual(e.found, false);
    });
  });

  describe('env-ignored', () => {
    it('finds a .gitignore rule that matches .env', async () => {
      for (const rule of ['.env', '/.env', '.env*', '*.env', '**/.env', '.env # secrets']) {
        const e = await detect('env-ignored', { '.gitignore': `node_modules/\n${rule}\n` });
        if (rule.includes('#')) assert.strictEqual(e.found, false, 'a # after a pattern is part of the pattern');
        else assert.deepStrictEqual([e.found, e.detail], [true, `.gitignore ignores .env (\`${rule}\`)`], rule);
      }
    });

    it('rules that do not match .env itself do not count', async () => {
      for (const text of ['.env.local\n', '.env/\n', 'config/.env\n', '.env\n!.env\n', '# .env\n']) {
        const e = await detect('env-ignored', { '.gitignore': text });
        assert.deepStrictEqual([e.found, e.detail], [false, 'no .gitignore rule matches .env'], JSON.stringify(text));
      }
      assert.strictEqual((await detect('env-ignored', { 'app.js': '' })).detail, 'no .gitignore');
    });

    it('reads the .gitignore files from the repository root down to a workspace in a sub-folder', async function () {
      needGit(this);
      const dir = project({ '.gitignore': '.env\n', 'api/app.js': '', 'web/.gitignore': '!.env\n', 'web/app.js': '' });
      git(dir, 'init', '-q');
      const api = await detectIn('env-ignored', path.join(dir, 'api'));
      assert.deepStrictEqual([api.found, api.detail], [true, '../.gitignore ignores .env (`.env`)']);
      const web = await detectIn('env-ignored', path.join(dir, 'web'));
      assert.deepStrictEqual([web.found, web.detail], [false, 'no .gitignore rule matches .env'], 'web/.gitignore re-includes it');
      fs.writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'web/.env\n');
      assert.strictEqual((await detectIn('env-ignored', path.join(dir, 'web'))).found, false, 'exclude has the lowest precedence');
    });

    it('an ignore rule does not help a .env that is already committed', async function () {
      needGit(this);
      const dir = project({ '.gitignore': '.env\n', '.env': 'SECRET=1\n', 'config/.env': 'X=1\n' });
      git(dir, 'init', '-q');
      git(dir, 'add', '-f', '.env', 'config/.env', '.gitignore');
      const e = await detectIn('env-ignored', dir);
      assert.strictEqual(e.found, false);
      assert.match(e.detail, /^\.env, config\/\.env is committed to git although \.gitignore ignores \.env/);
      git(dir, 'rm', '-q', '--cached', '.env', 'config/.env');
      const fixed = await detectIn('env-ignored', dir);
      assert.deepStrictEqual([fixed.found, fixed.detail], [true, '.gitignore ignores .env (`.env`); no .env tracked']);
    });
  });

  describe('validation-library', () => {
    it('finds a library imported by the source (JavaScript and Python)', async () => {
      const js = await detect('validation-library', { 'src/routes/users.ts': "import { z } from 'zod';\nexport const User = z.object({});\n" });
      assert.deepStrictEqual([js.found, js.detail], [true, 'zod (src/routes/users.ts)']);
      const py = await detect('validation-library', { 'app/models.py': 'from pydantic import BaseModel\n' });
      assert.deepStrictEqual([py.found, py.detail], [true, 'pydantic (app/models.py)']);
      const cjs = await detect('validation-library', { 'app.js': "const Joi = require('joi');\n" });
      assert.deepStrictEqual([cjs.found, cjs.detail], [true, 'joi (app.js)']);
    });

    it('finds Fastify route schemas', async () => {
      const e = await detect('validation-library', { 'routes.mjs': "import Fastify from 'fastify';\napp.post('/u', { schema: { body: {} } }, h);\n" });
      assert.deepStrictEqual([e.found, e.detail], [true, 'Fastify route schema (routes.mjs)']);
    });

    it('a dependency never imported, a commented-out import or a test-only import is not use', async () => {
      const e = await detect('validation-library', {
        'package.json': PKG({ zod: '^4' }),
        'src/app.js': "// import { z } from 'zod';\n/* const Joi = require('joi') */\n",
        'test/fixtures.test.js': "import { z } from 'zod';\n",
      });
      assert.strictEqual(e.found, false);
    });
  });

  describe('security-headers', () => {
    it('finds helmet imported and used, in each common form', async () => {
      const cases: Record<string, string> = {
        'app.mjs': "import helmet from 'helmet';\napp.use(helmet());\n",
        'app.cjs': "const helmet = require('helmet');\napp.use(helmet({ contentSecurityPolicy: false }));\n",
        'inline.js': "app.use(require('helmet')());\n",
        'server.ts': "import fastifyHelmet from '@fastify/helmet';\nawait app.register(fastifyHelmet);\n",
        'server2.mjs': "await app.register(import('@fastify/helmet'));\n",
      };
      for (const [file, code] of Object.entries(cases)) {
        const e = await detect('security-headers', { [file]: code });
        assert.ok(e.found, `${file}: ${e.detail}`);
      }
      const django = await detect('security-headers', { 'shop/settings.py': "MIDDLEWARE = [\n  'django.middleware.security.SecurityMiddleware',\n]\n" });
      assert.deepStrictEqual([django.found, django.detail], [true, 'SecurityMiddleware (shop/settings.py)']);
    });

    it('helmet in package.json but never used is not found; imported but unused says so', async () => {
      const listed = await detect('security-headers', { 'package.json': PKG({ helmet: '^8' }), 'app.js': "const express = require('express');\n" });
      assert.deepStrictEqual([listed.found, listed.detail], [false, 'no helmet (or equivalent) wired in']);
      const unused = await detect('security-headers', { 'app.js': "import helmet from 'helmet';\n// app.use(helmet());\n" });
      assert.deepStrictEqual([unused.found, unused.detail], [false, 'helmet (app.js) imported but never used']);
    });
  });

  describe('rate-limiting', () => {
    it('finds a limiter created or registered', async () => {
      const express = await detect('rate-limiting', { 'app.js': "import { rateLimit } from 'express-rate-limit';\nconst limiter = rateLimit({ limit: 100 });\n" });
      assert.deepStrictEqual([express.found, express.detail], [true, 'express-rate-limit (app.js)']);
      const fastify = await detect('rate-limiting', { 'app.js': "const rl = require('@fastify/rate-limit');\nfastify.register(rl, { max: 100 });\n" });
      assert.ok(fastify.found, fastify.detail);
      const flask = await detect('rate-limiting', { 'app.py': 'from flask_limiter import Limiter\nlimiter = Limiter(app)\n' });
      assert.ok(flask.found, flask.detail);
    });

    it('imported but never used is not found', async () => {
      const e = await detect('rate-limiting', { 'app.js': "import rateLimit from 'express-rate-limit';\napp.use(express.json());\n" });
      assert.deepStrictEqual([e.found, e.detail], [false, 'express-rate-limit (app.js) imported but never used']);
    });
  });

  describe('logging-library', () => {
    it('finds a logging library, the Fastify logger, or Python logging configured', async () => {
      assert.strictEqual((await detect('logging-library', { 'log.js': "import pino from 'pino';\n" })).detail, 'pino (log.js)');
      assert.strictEqual((await detect('logging-library', { 'server.js': "const app = Fastify({ logger: true });\n" })).detail, 'Fastify logger (server.js)');
      assert.strictEqual((await detect('logging-library', { 'main.py': 'import logging\nlogging.basicConfig(level=logging.INFO)\n' })).detail, 'logging configuration (main.py)');
    });

    it('console.log and a bare `import logging` are not a logging set-up', async () => {
      const e = await detect('logging-library', { 'app.js': "console.log('hi');\n", 'main.py': 'import logging\nlog = logging.getLogger(__name__)\n' });
      assert.strictEqual(e.found, false);
    });
  });

  describe('health-endpoint', () => {
    it('finds health routes in Express, Fastify, FastAPI and Django', async () => {
      const cases: Record<string, string> = {
        'app.js': "app.get('/healthz', (req, res) => res.json({ ok: true }));\n",
        'server.mjs': "fastify.route({ method: 'GET', url: '/api/health', handler });\n",
        'main.py': '@app.get("/readyz")\ndef ready():\n    return {}\n',
        'urls.py': "urlpatterns = [path('health/', views.health)]\n",
      };
      for (const [file, code] of Object.entries(cases)) {
        const e = await detect('health-endpoint', { [file]: code });
        assert.ok(e.found, `${file}: ${e.detail}`);
      }
    });

    it('a similar path or a client call is not a health route', async () => {
      const e = await detect('health-endpoint', { 'app.js': "app.get('/healthcare/patients', h);\nawait fetch('/health');\nconst v = cache.get('health');\n" });
      assert.strictEqual(e.found, false);
    });
  });

  describe('openapi', () => {
    it('finds a document or a generator in use', async () => {
      assert.strictEqual((await detect('openapi', { 'docs/openapi.yaml': 'openapi: 3.1.0' })).detail, 'docs/openapi.yaml');
      assert.strictEqual((await detect('openapi', { 'main.py': 'from fastapi import FastAPI\n' })).detail, 'fastapi (main.py)');
      assert.ok((await detect('openapi', { 'app.js': "import swagger from '@fastify/swagger';\n" })).found);
    });

    it('finds nothing in a project without either', async () => {
      assert.strictEqual((await detect('openapi', { 'app.js': "import express from 'express';\n", 'api.md': '# API' })).found, false);
    });
  });

  describe('parameterised-queries', () => {
    it('is found when the engine finds no unparameterised query among real queries', async () => {
      const e = await detect('parameterised-queries', { 'db.js': PG_SAFE });
      assert.deepStrictEqual([e.found, e.detail], [true, 'no unparameterised query in 1 file with queries (db.js)']);
    });

    it('names the files of unparameterised queries', async () => {
      const e = await detect('parameterised-queries', { 'db.js': PG_VULNERABLE, 'ok.js': PG_SAFE });
      assert.deepStrictEqual([e.found, e.detail], [false, '1 unparameterised query: db.js']);
    });

    it('says "not enough evidence" when there is no query at all', async () => {
      const e = await detect('parameterised-queries', { 'app.js': "import express from 'express';\n", 'test/db.test.js': PG_VULNERABLE });
      assert.deepStrictEqual([e.found, e.detail], [false, 'not enough evidence: no database query found']);
    });

    it('uses findings passed in instead of analysing, ignoring suppressed ones and other rules', async () => {
      const finding = (ruleId: string, suppressed = false): Finding => ({
        ruleId,
        severity: 'error',
        message: 'm',
        range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } },
        cwe: [],
        trace: [],
        ...(suppressed ? { suppressed: { reason: 'r', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } } } } : {}),
      });
      // The file is vulnerable, but the findings passed in are what counts: proof that no analysis ran.
      const clean = await detect('parameterised-queries', { 'db.js': PG_VULNERABLE }, { findings: [finding('query-in-loop'), finding('unparameterised-query-pg', true)] });
      assert.strictEqual(clean.found, true);
      const dirty = await detect('parameterised-queries', { 'db.js': PG_SAFE }, { findings: [finding('unparameterised-query-pg')] });
      assert.deepStrictEqual([dirty.found, dirty.detail], [false, '1 unparameterised query']);
    });

    it('cannot tick without analysis, or when files were left unanalysed', async () => {
      const off = await detect('parameterised-queries', { 'db.js': PG_SAFE }, { analyze: false });
      assert.deepStrictEqual([off.found, off.detail], [false, '1 file with queries; not analysed (analysis is off)']);
      const capped = await detect('parameterised-queries', { 'a.js': PG_SAFE, 'b.js': PG_SAFE }, { maxAnalyzedFiles: 1 });
      assert.deepStrictEqual([capped.found, capped.detail], [false, 'no unparameterised query in the 1 file analysed, but 1 more could not be']);
      const minified = await detect('parameterised-queries', { 'db.js': PG_SAFE.trimEnd() + ' '.repeat(6000) + ';\n'.repeat(1) + 'x'.repeat(120_000) + '\n' }, { maxFileBytes: 1_000_000 });
      assert.deepStrictEqual([minified.found, minified.detail], [false, 'no unparameterised query in the 0 files analysed, but 1 more could not be']);
    });
  });

  describe('dependencies-current', () => {
    it('reports what dependency health passed in, or that it did not run', async () => {
      assert.deepStrictEqual(await detect('dependencies-current', {}), { detector: 'dependencies-current', found: false, detail: 'dependency check not run' });
      assert.strictEqual((await detect('dependencies-current', {}, { dependencyHealth: { outdatedMajors: 0 } })).found, true);
      const behind = await detect('dependencies-current', {}, { dependencyHealth: { outdatedMajors: 2 } });
      assert.deepStrictEqual([behind.found, behind.detail], [false, '2 dependencies are a major version behind']);
    });
  });

  describe('the workspace reader', () => {
    it('stops at the file cap, and detectors then say they did not see everything', async () => {
      const files: Record<string, string> = { 'a/1.js': '', 'a/2.js': '', 'a/3.js': '', 'z/deep/Dockerfile': 'FROM x' };
      const e = await detect('container', files, { maxFiles: 3 });
      assert.strictEqual(e.found, false);
      assert.match(e.detail, /\(only the first 3 files were looked at\)$/);
      assert.ok((await detect('container', files)).found, 'without the cap it is found');
    });

    it('lists breadth first, skips dependency and build folders, and does not read large files', () => {
      const dir = project({ 'src/deep/x.js': '', 'README.md': '', 'node_modules/a/index.js': '', 'dist/out.js': '', '.venv/lib/x.py': '', 'big.js': 'x'.repeat(2000) });
      const ws = Workspace.read(dir, { maxFileBytes: 1000 });
      assert.deepStrictEqual(ws.files, ['README.md', 'big.js', 'src/deep/x.js']);
      assert.strictEqual(ws.read('big.js'), undefined);
      assert.strictEqual(ws.read('README.md'), '');
      assert.strictEqual(ws.read('node_modules/a/index.js'), undefined, 'a file that is not listed is not read');
    });

    it('runs every detector by default, and only the ones asked for otherwise', async () => {
      const dir = project({ Dockerfile: 'FROM x' });
      const all = await collectEvidence(dir, { analyze: false });
      assert.strictEqual(all.size, 15);
      assert.strictEqual(all.get('container')?.found, true);
      assert.deepStrictEqual([...(await collectEvidence(dir, { detectors: ['ci', 'lockfile'] })).keys()], ['ci', 'lockfile']);
    });
  });

  describe('helpers', () => {
    it('ignoreDecision follows gitignore negation, anchoring, escapes, character classes and **', () => {
      const ignoredBy = (text: string, rel = '.env') => {
        const d = ignoreDecision(text, rel);
        return d?.ignored ? d.pattern : undefined;
      };
      assert.strictEqual(ignoredBy('.en[vw]\n'), '.en[vw]');
      assert.strictEqual(ignoredBy('.e?v\n'), '.e?v');
      assert.strictEqual(ignoredBy('*\n!.env\n'), undefined);
      assert.deepStrictEqual(ignoreDecision('*\n!.env\n', '.env'), { ignored: false, pattern: '!.env' });
      assert.strictEqual(ignoredBy('!.env\n.env\n'), '.env');
      assert.strictEqual(ignoredBy('\\#.env\n'), undefined);
      assert.strictEqual(ignoredBy('.ENV\n'), undefined, 'case matters, as in git by default');
      assert.strictEqual(ignoredBy('.env\n', 'api/.env'), '.env', 'a name without a slash matches at any depth');
      assert.strictEqual(ignoredBy('api/.env\n', 'api/.env'), 'api/.env');
      assert.strictEqual(ignoredBy('/api/.env\n', 'api/.env'), '/api/.env');
      assert.strictEqual(ignoredBy('web/.env\n', 'api/.env'), undefined);
      assert.strictEqual(ignoredBy('**/.env\n', 'services/api/.env'), '**/.env');
      assert.strictEqual(ignoredBy('services/**/.env\n', 'services/api/.env'), 'services/**/.env');
      assert.strictEqual(ignoredBy('services/*.env\n', 'services/api/.env'), undefined, '* does not cross a slash');
    });

    it('parseIndex reads the paths of a real git index and rejects what is not one', function () {
      needGit(this);
      const dir = project({ 'a.txt': 'a', 'sub/dir/b.txt': 'b', 'a-much-longer-name-to-cross-the-padding.txt': 'c' });
      git(dir, 'init', '-q');
      git(dir, 'add', '.');
      const index = fs.readFileSync(path.join(dir, '.git', 'index'));
      assert.deepStrictEqual(parseIndex(index, () => true), ['a-much-longer-name-to-cross-the-padding.txt', 'a.txt', 'sub/dir/b.txt']);
      assert.deepStrictEqual(parseIndex(index, (f) => f.endsWith('b.txt')), ['sub/dir/b.txt']);
      assert.strictEqual(parseIndex(Buffer.from('not an index'), () => true), undefined);
      assert.strictEqual(parseIndex(index.subarray(0, 40), () => true), undefined, 'a truncated index is "cannot tell"');
    });

    it('reads import bindings and uses without confusing member calls', () => {
      const code = "import def, { a as b, type T } from 'lib';\nconst { c } = require('lib/sub');\nfoo.def();\n";
      assert.deepStrictEqual(importBindings(code, 'lib', false).sort(), ['b', 'c', 'def']);
      assert.strictEqual(isUsed(code, ['def']), false, 'foo.def() is another object\'s method');
      assert.strictEqual(isUsed(code + 'b(1);\n', ['b']), true);
      assert.deepStrictEqual(importedModules("import x from './zod-helpers';\nimport y from 'zod/v4';\n", ['zod'], false), ['zod']);
      assert.deepStrictEqual(importedModules('import pydantic_extra\nfrom pydantic.fields import Field\n', ['pydantic'], true), ['pydantic']);
      assert.deepStrictEqual(importedModules('import pydantic_extra\n', ['pydantic'], true), []);
      assert.deepStrictEqual(importBindings('from flask_limiter import (\n    Limiter,\n    util as u,\n)\nlimiter = Limiter(app)\n', 'flask_limiter', true), ['Limiter', 'u']);
      assert.deepStrictEqual(importBindings('from flask_limiter import Limiter\nlimiter = Limiter(app)\n', 'flask_limiter', true), ['Limiter']);
    });
  });
});

// Test-only harness for the snippet pack: loads snippets/*.json, expands every snippet (every choice option)
// and lays the expansions out as three small projects (ES modules, CommonJS, TypeScript) in which they
// compose into one runnable Express app and one runnable Fastify app. The few files that are not snippets
// (an in-memory user store, the Express route table, a route that throws) are written here, in TypeScript,
// and transpiled for the JavaScript projects.
//
// Layout of each project (<ext> is .js or .ts):
//   express/app                    ex-app           listens on PORT, mounts routes/index at /api
//   express/routes/index           harness          mounts the route snippets below
//   express/routes/{items,users,async}              ex-router, ex-route-zod, ex-async (wrapped)
//   express/{static,logger}, express/middleware/request-id, express/db/{pg,mysql,sqlite}
//   express/auth/{password,tokens,middleware,role,routes,refresh,session,csrf,oauth}   auth-*
//   express/auth/users             harness          in-memory user store
//   fastify/server                 fy-app           registers app at /api
//   fastify/app                    fy-autoload      loads plugins/ and routes/
//   fastify/plugins/{db,decorators,hooks,auth}      fy-plugin, fy-decorate, fy-hook, fy-jwt
//   fastify/routes/{users,items,me,auth}/index      fy-route, fy-route-typebox, fy-jwt-route, auth-fy-routes
//   fastify/routes/test/index      harness          a route that throws, decorator probes
//   fastify/lib/{password,users}   auth-hash(-bcrypt), harness
// Alternatives that the running app does not use (the other hash or JWT library, non-default choices)
// sit next to the used file as <name>.alt<ext> or <name>.choice-<n><ext>, so they type-check and parse
// in the same context.

import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { expandEveryChoice } from './expand';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SNIPPETS_DIR = path.join(REPO_ROOT, 'snippets');
export const SCRATCH_PROJECT = path.join(__dirname, 'project');

export type Style = 'esm' | 'cjs' | 'ts';
export const STYLES: Style[] = ['esm', 'cjs', 'ts'];

export interface PackSnippet {
  pack: string;
  file: string;
  language: 'javascript' | 'typescript';
  key: string;
  prefix: string;
  /** The prefix without the -cjs suffix: the same snippet in every style shares it. */
  basePrefix: string;
  /** Module style of the body; 'fragment' bodies go into either kind of JavaScript file. */
  kind: 'esm' | 'cjs' | 'ts' | 'fragment';
  description: string;
  body: string[];
}

export const PACKS = ['express', 'fastify', 'auth'] as const;

/** Every snippet of every pack file, as VS Code would load it. */
export function loadPack(): PackSnippet[] {
  const out: PackSnippet[] = [];
  for (const pack of PACKS) {
    for (const language of ['javascript', 'typescript'] as const) {
      const file = `${pack}.${language}.json`;
      const json = JSON.parse(readFileSync(path.join(SNIPPETS_DIR, file), 'utf8')) as Record<
        string,
        { prefix: string; description: string; body: string[] | string }
      >;
      for (const [key, snippet] of Object.entries(json)) {
        const body = Array.isArray(snippet.body) ? snippet.body : [snippet.body];
        const cjs = snippet.prefix.endsWith('-cjs');
        const kind: PackSnippet['kind'] =
          language === 'typescript' ? 'ts' : cjs ? 'cjs' : key.includes('ES modules') ? 'esm' : 'fragment';
        out.push({
          pack,
          file,
          language,
          key,
          prefix: snippet.prefix,
          basePrefix: cjs ? snippet.prefix.slice(0, -'-cjs'.length) : snippet.prefix,
          kind,
          description: snippet.description,
          body,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Where each snippet goes (path without extension, relative to a style's project)

/** Which alternative each project runs, so that every alternative runs somewhere. */
export const RUNTIME_ALTERNATIVES: Record<Style, { hash: string; jwt: string }> = {
  esm: { hash: 'auth-hash', jwt: 'auth-jwt' },
  cjs: { hash: 'auth-hash-bcrypt', jwt: 'auth-jwt-jose' },
  ts: { hash: 'auth-hash', jwt: 'auth-jwt-jose' },
};

function placementsFor(style: Style): Record<string, string[]> {
  const alt = RUNTIME_ALTERNATIVES[style];
  const hashPath = (prefix: string): string[] =>
    prefix === alt.hash ? ['express/auth/password', 'fastify/lib/password'] : ['express/auth/password.alt'];
  const jwtPath = (prefix: string): string[] => [prefix === alt.jwt ? 'express/auth/tokens' : 'express/auth/tokens.alt'];
  return {
    'ex-app': ['express/app'],
    'ex-router': ['express/routes/items'],
    'ex-route-zod': ['express/routes/users'],
    'ex-async': ['express/routes/async'],
    'ex-query-pg': ['express/db/pg'],
    'ex-query-mysql': ['express/db/mysql'],
    'ex-query-sqlite': ['express/db/sqlite'],
    'ex-middleware': ['express/middleware/request-id'],
    'ex-static': ['express/static'],
    'ex-logger': ['express/logger'],
    'fy-app': ['fastify/server'],
    'fy-autoload': ['fastify/app'],
    'fy-route': ['fastify/routes/users/index'],
    'fy-route-typebox': ['fastify/routes/items/index'],
    'fy-plugin': ['fastify/plugins/db'],
    'fy-decorate': ['fastify/plugins/decorators'],
    'fy-hook': ['fastify/plugins/hooks'],
    // The TypeScript app runs with this error handler; the JavaScript apps with fy-app's own.
    'fy-error': [style === 'ts' ? 'fastify/plugins/errors' : 'fastify/extra/errors'],
    'fy-jwt': ['fastify/plugins/auth'],
    'fy-jwt-route': ['fastify/routes/me/index'],
    'auth-hash': hashPath('auth-hash'),
    'auth-hash-bcrypt': hashPath('auth-hash-bcrypt'),
    'auth-jwt': jwtPath('auth-jwt'),
    'auth-jwt-jose': jwtPath('auth-jwt-jose'),
    'auth-middleware': ['express/auth/middleware'],
    'auth-role': ['express/auth/role'],
    'auth-routes': ['express/auth/routes'],
    'auth-fy-routes': ['fastify/routes/auth/index'],
    'auth-refresh': ['express/auth/refresh'],
    'auth-session': ['express/auth/session'],
    'auth-csrf': ['express/auth/csrf'],
    'auth-oauth-pkce': ['express/auth/oauth'],
  };
}

/** The base prefixes the harness knows where to put; a test checks that the pack has exactly these. */
export const PLACED_PREFIXES = Object.keys(placementsFor('esm')).sort();

// ---------------------------------------------------------------------------------------------------------
// Harness sources (TypeScript; transpiled for the JavaScript projects)

/** Put into errors that must never reach a client. */
export const SECRET_MARKER = 'db-password=hunter2-c0ffee';

const FRAGMENT_PRELUDE: Record<string, string> = {
  'ex-async': `import { Router } from 'express';

const router = Router();
export { router };

async function findItem(id: string): Promise<{ id: string; name: string } | null> {
  if (id === 'explode') throw new Error('${SECRET_MARKER}');
  return id === 'known' ? { id, name: 'Known item' } : null;
}
`,
};

const USERS = `import { randomUUID } from 'node:crypto';

export interface User {
  id: string;
  email: string;
  passwordHash: string;
  role: string;
}

const users = new Map<string, User>();

export async function findUserByEmail(email: string): Promise<User | undefined> {
  for (const user of users.values()) if (user.email === email) return user;
  return undefined;
}

export async function findUserById(id: string): Promise<User | undefined> {
  return users.get(id);
}

export async function createUser(input: { email: string; passwordHash: string; role: string }): Promise<User> {
  // Test hook: the address in TEST_ADMIN_EMAIL registers as an admin.
  const role = input.email === process.env.TEST_ADMIN_EMAIL ? 'admin' : input.role;
  const user = { id: randomUUID(), ...input, role };
  users.set(user.id, user);
  return user;
}
`;

const EXPRESS_ROUTES = `import { Router } from 'express';
import { itemsRouter } from './items.js';
import { usersRouter } from './users.js';
import { router as asyncRouter } from './async.js';
import { requestId } from '../middleware/request-id.js';
import { staticFiles } from '../static.js';
import { httpLogger } from '../logger.js';
import { authRouter } from '../auth/routes.js';
import { requireAuth } from '../auth/middleware.js';
import { requireRole } from '../auth/role.js';
import { issueRefreshToken, refreshRouter } from '../auth/refresh.js';

export const router = Router();
router.use(httpLogger);
router.use(requestId());
router.use('/static', staticFiles);
router.use('/items', itemsRouter);
router.use('/users', usersRouter);
router.use('/async', asyncRouter);
router.use('/auth', authRouter);
router.use('/auth', refreshRouter);
router.get('/me', requireAuth, (req, res) => {
  res.json({ user: req.user });
});
router.get('/admin', requireAuth, requireRole('admin'), (req, res) => {
  res.json({ admin: true });
});
// Test hook: start a refresh-token family for the authenticated user (a real app does this at login).
router.post('/auth/refresh-login', requireAuth, (req, res) => {
  issueRefreshToken(res, req.user?.id ?? '');
  res.status(204).end();
});
router.get('/boom', () => {
  throw new Error('${SECRET_MARKER}');
});
`;

const FASTIFY_TEST_ROUTES = `import type { FastifyInstance } from 'fastify';

export default async function testRoutes(fastify: FastifyInstance): Promise<void> {
  fastify.get('/boom', async () => {
    throw new Error('${SECRET_MARKER}');
  });
  fastify.get('/decorated', async (request) => ({
    app: fastify.appInfo.name,
    receivedAt: typeof request.receivedAt,
    db: typeof fastify.db.query,
  }));
  fastify.get('/problem', async (request, reply) => reply.problem(418, 'Teapot'));
}
`;

const HARNESS_FILES: Record<string, string> = {
  'express/routes/index': EXPRESS_ROUTES,
  'express/auth/users': USERS,
  'fastify/lib/users': USERS,
  'fastify/routes/test/index': FASTIFY_TEST_ROUTES,
};

const DATA_FILES: Record<string, string> = {
  'express/public/hello.txt': 'hello from the static folder\n',
  'express/public/.env': `SECRET=${SECRET_MARKER}\n`,
};

/** TypeScript source as the given style's project needs it. */
export function transpile(source: string, style: Style, fileName = 'harness.ts'): string {
  if (style === 'ts') return source;
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: style === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      esModuleInterop: true,
    },
  }).outputText;
}

// ---------------------------------------------------------------------------------------------------------
// Building the projects

export interface ExpandedFile {
  style: Style;
  prefix: string;
  /** Choice options taken ('' without choices). */
  label: string;
  /** The snippet's expansion alone, as inserted into an empty file. */
  text: string;
  /** Where it sits in the project (relative to the workspace root), with the wrapping a fragment needs. */
  projectFile: string;
}

export interface Workspace {
  root: string;
  files: ExpandedFile[];
  /** Project directory of each style. */
  projects: Record<Style, string>;
  /** Raw expansions only (no harness), one folder per style, for Backend Coach to scan. */
  scanDir: string;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
  },
  include: ['**/*.ts'],
};

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Expands the whole pack into `root` (which must be empty or absent) and links the scratch node_modules. */
export function buildWorkspace(root: string, snippets: PackSnippet[] = loadPack()): Workspace {
  mkdirSync(root, { recursive: true });
  symlinkSync(path.join(SCRATCH_PROJECT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const projects = {} as Record<Style, string>;
  const files: ExpandedFile[] = [];
  const scanDir = path.join(root, 'scan');

  for (const style of STYLES) {
    const project = path.join(root, style);
    projects[style] = project;
    const ext = style === 'ts' ? '.ts' : '.js';
    write(path.join(project, 'package.json'), `${JSON.stringify({ type: style === 'cjs' ? 'commonjs' : 'module' }, null, 2)}\n`);
    if (style === 'ts') write(path.join(project, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);

    const placements = placementsFor(style);
    const mine = snippets.filter((s) =>
      style === 'ts' ? s.kind === 'ts' : style === 'esm' ? s.kind === 'esm' || s.kind === 'fragment' : s.kind === 'cjs' || s.kind === 'fragment',
    );
    for (const snippet of mine) {
      const targets = placements[snippet.basePrefix];
      if (!targets) throw new Error(`the harness has no place for ${snippet.prefix} (${snippet.file})`);
      const expansions = expandEveryChoice(snippet.body);
      expansions.forEach(({ label, expansion }, i) => {
        const text = `${expansion.text.replace(/\t/g, '  ')}\n`;
        const scanName = `${snippet.prefix}${label ? `.${label.replace(/[^\w.-]+/g, '_')}` : ''}${ext}`;
        write(path.join(scanDir, style, scanName), text);
        const prelude = FRAGMENT_PRELUDE[snippet.basePrefix];
        if (snippet.kind === 'fragment' && !prelude) throw new Error(`fragment ${snippet.prefix} has no prelude`);
        const content = prelude ? `${transpile(prelude, style)}\n${text}` : text;
        for (const target of targets) {
          const projectFile = path.join(style, `${target}${i === 0 ? '' : `.choice-${i}`}${ext}`);
          write(path.join(root, projectFile), content);
          files.push({ style, prefix: snippet.prefix, label, text, projectFile });
        }
      });
    }
    for (const [target, source] of Object.entries(HARNESS_FILES)) {
      write(path.join(project, `${target}${ext}`), transpile(source, style, `${target}.ts`));
    }
    for (const [target, text] of Object.entries(DATA_FILES)) write(path.join(project, target), text);
  }
  return { root, files, projects, scanDir };
}

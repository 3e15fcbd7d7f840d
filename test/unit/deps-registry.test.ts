import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { DependencyChecker, type DependencyCheckOptions } from '../../src/core/deps/check';
import type { ProjectReport } from '../../src/core/deps/check';
import type { DependencyReport } from '../../src/core/deps/model';
import { FixtureServer, packument, pypiProject } from './deps-fixtures';

// The dependency checker against a real HTTP server on 127.0.0.1 that answers like the registries and
// misbehaves on purpose. Nothing may crash, nothing known may be lost, the cache must stay consistent.

const made: string[] = [];
function tmp(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'coach-deps-')));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const NO_NPMRC = '/nonexistent/backend-coach-test/npmrc';

function checker(server: FixtureServer, cacheDir: string, options: Partial<DependencyCheckOptions> = {}): DependencyChecker {
  return new DependencyChecker({
    network: true,
    cacheDir,
    env: {},
    userNpmrc: NO_NPMRC,
    globalNpmrc: NO_NPMRC,
    pypiUrl: server.url,
    osvUrl: server.url,
    nodeVersion: 'v20.0.0',
    http: { timeoutMs: 400, backoffMs: 5, attempts: 3, maxBytes: 2_000_000, maxRetryAfterMs: 3_000 },
    ...options,
  });
}

function npmProject(server: FixtureServer, dependencies: Record<string, string>, installed: Record<string, string> = {}, extra: Record<string, string> = {}): string {
  return tmp({
    'package.json': JSON.stringify({ name: 'fixture', dependencies }, null, 2),
    'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: Object.fromEntries(Object.entries(installed).map(([n, v]) => [`node_modules/${n}`, { version: v }])) }),
    '.npmrc': `registry=${server.url}\n`,
    ...extra,
  });
}

const dep = (report: ProjectReport, name: string) => report.manifests.flatMap((m) => m.dependencies).find((d) => d.name === name) as DependencyReport;

describe('deps: registry client against a local server', function () {
  this.timeout(20_000);
  let server: FixtureServer;

  beforeEach(async () => {
    server = await new FixtureServer().start();
    server.json('/lodash', packument('lodash', ['4.17.11', '4.17.12', '4.17.21'], { repository: 'git+https://github.com/lodash/lodash.git' }));
    server.json('/express', packument('express', ['4.16.0', '4.16.4', '5.0.0', '5.1.0'], { repository: 'https://github.com/expressjs/express' }));
    server.json('/request', packument('request', ['2.88.0', '2.88.2'], { deprecated: { '2.88.0': 'request has been deprecated', '2.88.2': 'request has been deprecated' } }));
    server.json('POST /-/npm/v1/security/advisories/bulk', {
      lodash: [{ id: 1065, url: 'https://github.com/advisories/GHSA-jf85-cpcp-j695', title: 'Prototype Pollution in lodash', severity: 'high', vulnerable_versions: '<4.17.12' }],
    });
  });
  afterEach(async () => {
    await server.stop();
    for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reports installed, wanted, latest, distance, deprecation, advisories and dates from abbreviated metadata', async () => {
    const dir = npmProject(server, { lodash: '^4.17.11', express: '~4.16.0', request: '^2.88.0' }, { lodash: '4.17.11', express: '4.16.0', request: '2.88.0' });
    const report = await checker(server, tmp()).checkProject(dir);
    const lodash = dep(report, 'lodash');
    assert.deepStrictEqual([lodash.installed, lodash.wanted, lodash.latest, lodash.distance], ['4.17.11', '4.17.21', '4.17.21', 'patch']);
    assert.deepStrictEqual(lodash.advisories, [
      { id: 'GHSA-jf85-cpcp-j695', severity: 'high', title: 'Prototype Pollution in lodash', url: 'https://github.com/advisories/GHSA-jf85-cpcp-j695', vulnerableVersions: '<4.17.12', firstFixed: '4.17.12' },
    ]);
    assert.match(lodash.published.current ?? '', /^2016-/);
    const express = dep(report, 'express');
    assert.deepStrictEqual([express.wanted, express.latest, express.distance, express.releaseNotes], ['4.16.4', '5.1.0', 'major', 'https://github.com/expressjs/express/releases']);
    assert.strictEqual(dep(report, 'request').deprecated, 'request has been deprecated');
    assert.deepStrictEqual(report.notices, []);
    assert.strictEqual(report.stale, false);
    for (const r of server.requestsTo('/lodash')) assert.match(String(r.headers.accept), /^application\/vnd\.npm\.install-v1\+json/);
    const bulk = server.requestsTo('/-/npm/v1/security/advisories/bulk');
    assert.strictEqual(bulk.length, 1);
    assert.deepStrictEqual(JSON.parse(bulk[0].body), { lodash: ['4.17.11'], express: ['4.16.0'], request: ['2.88.0'] });
  });

  it('asks once per package per TTL: within a run, across runs, across processes (disk), and again after the TTL', async () => {
    const dir = tmp({
      'package.json': JSON.stringify({ dependencies: { lodash: '^4.17.0' }, devDependencies: { lodash: '^4.17.0' }, peerDependencies: { lodash: '4' } }),
      '.npmrc': `registry=${server.url}\n`,
    });
    const cacheDir = tmp();
    let now = 1_000_000;
    const c = checker(server, cacheDir, { now: () => now, ttlMs: 60_000 });
    await c.checkProject(dir);
    await c.checkProject(dir);
    assert.strictEqual(server.requestsTo('/lodash').length, 1);
    await checker(server, cacheDir, { now: () => now, ttlMs: 60_000 }).checkProject(dir);
    assert.strictEqual(server.requestsTo('/lodash').length, 1, 'a new checker reads the disk cache');
    assert.strictEqual(server.requestsTo('/-/npm').length, 1, 'advisories are cached too');
    now += 61_000;
    const after = await checker(server, cacheDir, { now: () => now, ttlMs: 60_000 }).checkProject(dir);
    assert.strictEqual(server.requestsTo('/lodash').length, 2);
    assert.strictEqual(dep(after, 'lodash').stale, undefined);
  });

  it('revalidates with the ETag after the TTL and keeps the cached document on 304', async () => {
    let hits = 0;
    server.routes.set('/lodash', (req, res) => {
      hits++;
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { etag: '"v1"', 'content-type': 'application/json' });
      res.end(JSON.stringify(packument('lodash', ['4.17.11', '4.17.21'])));
    });
    const dir = npmProject(server, { lodash: '^4.17.11' });
    let now = 0;
    const cacheDir = tmp();
    await checker(server, cacheDir, { now: () => now, ttlMs: 10 }).checkProject(dir);
    now = 100;
    const report = await checker(server, cacheDir, { now: () => now, ttlMs: 10 }).checkProject(dir);
    assert.strictEqual(hits, 2);
    assert.strictEqual(server.requestsTo('/lodash')[1].headers['if-none-match'], '"v1"');
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
    assert.strictEqual(dep(report, 'lodash').stale, undefined);
  });

  it('with network off opens no socket: cached results come back marked stale, the rest unavailable, said once', async () => {
    const dir = npmProject(server, { lodash: '^4.17.11', express: '~4.16.0' }, { lodash: '4.17.11' });
    const cacheDir = tmp();
    const lodashOnly = npmProject(server, { lodash: '^4.17.11' });
    await checker(server, cacheDir).checkProject(lodashOnly);
    const before = server.seen.length;
    let transportCalls = 0;
    const offline = checker(server, cacheDir, {
      network: false,
      transport: () => {
        transportCalls++;
        return Promise.reject(new Error('must not be called'));
      },
    });
    const report = await offline.checkProject(dir);
    assert.strictEqual(server.seen.length, before);
    assert.strictEqual(transportCalls, 0);
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
    assert.strictEqual(dep(report, 'lodash').stale, true);
    assert.strictEqual(dep(report, 'lodash').staleReason, 'offline');
    assert.strictEqual(dep(report, 'express').unavailable, 'not in the cache, and network use is off');
    const offlineNotices = report.notices.filter((n) => /network use is off/.test(n.message));
    assert.strictEqual(offlineNotices.length, 1);
    assert.match(offlineNotices[0].message, /2 dependencies/);
    assert.strictEqual(report.stale, true);
  });

  it('survives 404, 500, malformed JSON and a hung socket per package; keeps cached answers and says why', async () => {
    const cacheDir = tmp();
    let now = 0;
    const dir = npmProject(server, { lodash: '^4.17.11', express: '~4.16.0', request: '^2.88.0', missing: '^1.0.0' });
    await checker(server, cacheDir, { now: () => now, ttlMs: 10 }).checkProject(dir);
    const cached = (name: string) => fs.readdirSync(path.join(cacheDir, 'deps', 'v1')).map((f) => fs.readFileSync(path.join(cacheDir, 'deps', 'v1', f), 'utf8')).find((t) => t.includes(`"npm:${server.url}:${name}"`));
    const lodashBefore = cached('lodash');
    assert.ok(lodashBefore);

    // Now the registry breaks in a different way for each package.
    server.json('/lodash', '{"name": "lodash", "versions": {', 200);
    server.json('/express', { error: 'boom' }, 500);
    server.routes.set('/request', () => undefined); // never answers
    now = 100;
    const started = Date.now();
    const report = await checker(server, cacheDir, { now: () => now, ttlMs: 10 }).checkProject(dir);
    assert.ok(Date.now() - started < 5_000, 'a hung socket is cut at the timeout');

    for (const name of ['lodash', 'express', 'request']) {
      const d = dep(report, name);
      assert.strictEqual(d.stale, true, name);
      assert.ok(d.latest, `${name} keeps its cached latest`);
      assert.strictEqual(d.unavailable, undefined);
    }
    assert.match(dep(report, 'lodash').staleReason ?? '', /malformed JSON/);
    assert.match(dep(report, 'express').staleReason ?? '', /HTTP 500/);
    assert.match(dep(report, 'request').staleReason ?? '', /no complete answer .* within 400 ms/);
    assert.match(dep(report, 'missing').unavailable ?? '', /not in the registry \(404\)/);
    assert.strictEqual(server.requestsTo('/express').length, 1 + 3, 'a 500 is retried (3 attempts in all)');
    assert.strictEqual(server.requestsTo('/request').length, 1 + 1, 'a timeout is not retried');
    assert.strictEqual(cached('lodash'), lodashBefore, 'a bad answer does not overwrite the cache');
    assert.ok(report.notices.some((n) => /malformed JSON/.test(n.message)));
    assert.ok(report.notices.some((n) => /HTTP 500/.test(n.message)));
  });

  it('retries a 500 and succeeds when the server recovers', async () => {
    let calls = 0;
    server.routes.set('/lodash', (_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(calls < 3 ? 'busy' : JSON.stringify(packument('lodash', ['4.17.11', '4.17.21'])));
    });
    const report = await checker(server, tmp()).checkProject(npmProject(server, { lodash: '^4.17.11' }));
    assert.strictEqual(calls, 3);
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
    assert.strictEqual(dep(report, 'lodash').stale, undefined);
  });

  it('waits as long as a 429 Retry-After asks, then gets the answer', async () => {
    const times: number[] = [];
    server.routes.set('/lodash', (_req, res) => {
      times.push(Date.now());
      if (times.length === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('slow down');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(packument('lodash', ['4.17.21'])));
    });
    const report = await checker(server, tmp()).checkProject(npmProject(server, { lodash: '^4.17.11' }));
    assert.strictEqual(times.length, 2);
    assert.ok(times[1] - times[0] >= 950, `waited ${times[1] - times[0]} ms`);
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
  });

  it('refuses a 50 MB body at the size cap, declared or streamed, without buffering it', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const big = (declare: boolean) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(declare ? { 'content-length': String(50 * chunk.length) } : {}) });
      let sent = 0;
      const pump = () => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    };
    server.routes.set('/lodash', big(true));
    server.routes.set('/express', big(false));
    const started = Date.now();
    const report = await checker(server, tmp(), { http: { timeoutMs: 10_000, maxBytes: 2_000_000, attempts: 3, backoffMs: 5 } }).checkProject(npmProject(server, { lodash: '^4.17.11', express: '^4.0.0' }));
    for (const name of ['lodash', 'express']) assert.match(dep(report, name).unavailable ?? '', /larger than 2 MB; refused/, `${name}: ${dep(report, name).unavailable}`);
    assert.strictEqual(server.requestsTo('/lodash').length, 1, 'a body over the cap is not asked for again');
    assert.ok(Date.now() - started < 5_000);
  });

  it('degrades only advisories when their endpoint answers 405: one message, outdated checks go on, not asked again', async () => {
    server.json('POST /-/npm/v1/security/advisories/bulk', { error: 'Method Not Allowed' }, 405);
    const dir = npmProject(server, { lodash: '^4.17.11', express: '~4.16.0' }, { lodash: '4.17.11' });
    const c = checker(server, tmp());
    const report = await c.checkProject(dir);
    assert.deepStrictEqual(report.notices.map((n) => n.feature), ['advisories']);
    assert.match(report.notices[0].message, /advisory endpoint of http:\/\/127\.0\.0\.1:\d+\/ refused the request \(HTTP 405\).*outdated and deprecated checks go on/);
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
    assert.deepStrictEqual(dep(report, 'lodash').advisories, []);
    const again = await c.checkProject(dir);
    assert.strictEqual(server.requestsTo('/-/npm/v1/security').length, 1);
    assert.strictEqual(again.notices.length, 1);
  });

  it('sends scoped packages to their .npmrc registry with its ${ENV} token, and the token nowhere else', async () => {
    const scoped = await new FixtureServer().start();
    try {
      scoped.json('/@acme%2fwidgets', packument('@acme/widgets', ['1.0.0', '1.1.0']));
      const host = new URL(scoped.url).host;
      const dir = npmProject(server, { '@acme/widgets': '^1.0.0', lodash: '^4.17.11' }, {}, {
        '.npmrc': `registry=${server.url}\n@acme:registry=${scoped.url}\n//${host}/:_authToken=\${ACME_TOKEN}\n; a comment\n`,
      });
      const report = await checker(server, tmp(), { env: { ACME_TOKEN: 's3cret-token' } }).checkProject(dir);
      assert.strictEqual(dep(report, '@acme/widgets').latest, '1.1.0');
      const seen = scoped.requestsTo('/@acme%2fwidgets');
      assert.strictEqual(seen.length, 1);
      assert.strictEqual(seen[0].headers.authorization, 'Bearer s3cret-token');
      assert.strictEqual(server.requestsTo('/@acme').length, 0);
      for (const r of server.seen) assert.strictEqual(r.headers.authorization, undefined, `no token sent to ${r.url}`);
    } finally {
      await scoped.stop();
    }
  });

  it('reads the user .npmrc too, and an unset ${VAR} sends no token and says so once', async () => {
    const userrc = path.join(tmp(), 'user.npmrc');
    const host = new URL(server.url).host;
    fs.writeFileSync(userrc, `//${host}/:_authToken=\${MISSING_TOKEN}\n`);
    const dir = npmProject(server, { lodash: '^4.17.11' });
    const report = await checker(server, tmp(), { userNpmrc: userrc }).checkProject(dir);
    assert.strictEqual(server.requestsTo('/lodash')[0].headers.authorization, undefined);
    assert.deepStrictEqual(report.notices.map((n) => n.message), [`.npmrc: ${userrc}: //${host}/:_authToken uses \${MISSING_TOKEN}, which is not set`]);
    fs.writeFileSync(userrc, `//${host}/:_authToken=\${TOKEN_FROM_ENV}\n`);
    await checker(server, tmp(), { userNpmrc: userrc, env: { TOKEN_FROM_ENV: 'abc' } }).checkProject(dir);
    assert.strictEqual(server.requestsTo('/lodash')[1].headers.authorization, 'Bearer abc');
  });

  it('goes through the proxy that HTTP_PROXY names (and not for NO_PROXY hosts); HTTPS asks for a CONNECT tunnel', async () => {
    const proxied: string[] = [];
    const proxy = http.createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      const target = new URL(req.url as string);
      const upstream = http.request({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req, socket: net.Socket) => {
      proxied.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      const dir = npmProject(server, { lodash: '^4.17.11' });
      const report = await checker(server, tmp(), { env: { HTTP_PROXY: proxyUrl } }).checkProject(dir);
      assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
      assert.ok(proxied.includes(`GET ${server.url}lodash`), proxied.join(', '));
      assert.strictEqual(server.requestsTo('/lodash').length, 1);

      proxied.length = 0;
      await checker(server, tmp(), { env: { http_proxy: proxyUrl, NO_PROXY: 'localhost,127.0.0.1' } }).checkProject(dir);
      assert.deepStrictEqual(proxied, []);

      const https = npmProject(server, { lodash: '^4.17.11' }, {}, { '.npmrc': 'registry=https://registry.example.invalid/\n' });
      const viaTunnel = await checker(server, tmp(), { env: { HTTPS_PROXY: proxyUrl }, advisories: false }).checkProject(https);
      assert.deepStrictEqual(proxied, ['CONNECT registry.example.invalid:443']);
      assert.match(dep(viaTunnel, 'lodash').unavailable ?? '', /refused the tunnel to registry\.example\.invalid: HTTP 403/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('speaks TLS through the CONNECT tunnel to an HTTPS registry, trusting the .npmrc cafile, verifying certificates', async () => {
    const tlsDir = path.join(__dirname, '..', 'fixtures', 'deps-tls');
    const seen: http.IncomingHttpHeaders[] = [];
    const registry = https.createServer({ cert: fs.readFileSync(path.join(tlsDir, 'cert.pem')), key: fs.readFileSync(path.join(tlsDir, 'key.pem')) }, (req, res) => {
      seen.push(req.headers);
      res.writeHead(req.url === '/lodash' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/lodash' ? packument('lodash', ['4.17.11', '4.17.21']) : {}));
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const port = (registry.address() as net.AddressInfo).port;
    const tunnels: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, client: net.Socket) => {
      tunnels.push(String(req.url));
      const [host, p] = String(req.url).split(':');
      const upstream = net.connect(Number(p), host === 'localhost' ? '127.0.0.1' : host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    try {
      const npmrc = `registry=https://localhost:${port}/\ncafile=${path.join(tlsDir, 'cert.pem')}\n//localhost:${port}/:_authToken=tls-token\n`;
      const dir = npmProject(server, { lodash: '^4.17.11' }, {}, { '.npmrc': npmrc });
      const report = await checker(server, tmp(), { env: { HTTPS_PROXY: proxyUrl }, configDir: dir, advisories: false }).checkProject(dir);
      assert.strictEqual(dep(report, 'lodash').latest, '4.17.21', dep(report, 'lodash').unavailable);
      assert.deepStrictEqual(tunnels, [`localhost:${port}`]);
      assert.strictEqual(seen[0].authorization, 'Bearer tls-token');

      // Without the cafile the self-signed certificate is refused: TLS is verified, not just encrypted.
      const untrusted = npmProject(server, { lodash: '^4.17.11' }, {}, { '.npmrc': `registry=https://localhost:${port}/\n` });
      const refused = await checker(server, tmp(), { env: { HTTPS_PROXY: proxyUrl }, configDir: untrusted, advisories: false }).checkProject(untrusted);
      assert.match(dep(refused, 'lodash').unavailable ?? '', /self[- ]signed certificate/);
      assert.strictEqual(seen.length, 1);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
      await new Promise((resolve) => registry.close(resolve));
    }
  });

  it('fetches publication dates from the full packument on demand when the abbreviated one has none, once per TTL', async () => {
    const full = packument('lodash', ['4.17.11', '4.17.21']) as { time: Record<string, string> };
    server.routes.set('/lodash', (req, res) => {
      const abbreviated = String(req.headers.accept).startsWith('application/vnd.npm.install-v1+json');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(abbreviated ? { ...full, time: undefined } : full));
    });
    const dir = npmProject(server, { lodash: '^4.17.11' }, { lodash: '4.17.11' });
    const c = checker(server, tmp());
    const report = await c.checkProject(dir);
    const lodash = dep(report, 'lodash');
    assert.deepStrictEqual(lodash.published, { current: undefined, wanted: undefined, latest: undefined });
    const dates = await c.publishedDates(path.join(dir, 'package.json'), lodash);
    assert.deepStrictEqual(dates, { current: full.time['4.17.11'], wanted: full.time['4.17.21'], latest: full.time['4.17.21'] });
    await c.publishedDates(path.join(dir, 'package.json'), lodash);
    const asked = server.requestsTo('/lodash').map((r) => String(r.headers.accept).split(';')[0]);
    assert.deepStrictEqual(asked, ['application/vnd.npm.install-v1+json', 'application/json']);
  });

  it('treats a corrupt cache file as absent and rewrites it; concurrent checkers leave only whole entries', async () => {
    const cacheDir = tmp();
    const dir = npmProject(server, { lodash: '^4.17.11', express: '~4.16.0', request: '^2.88.0' });
    await checker(server, cacheDir).checkProject(dir);
    const folder = path.join(cacheDir, 'deps', 'v1');
    for (const f of fs.readdirSync(folder)) fs.writeFileSync(path.join(folder, f), '{"key": "trunc');
    const report = await checker(server, cacheDir).checkProject(dir);
    assert.strictEqual(dep(report, 'lodash').latest, '4.17.21');
    await Promise.all([1, 2, 3, 4].map(() => checker(server, cacheDir, { ttlMs: 0 }).checkProject(dir)));
    const files = fs.readdirSync(folder);
    assert.ok(files.length >= 4 && files.every((f) => f.endsWith('.json')), files.join(', '));
    for (const f of files) JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8'));
  });

  it('checks requirements.txt and pyproject.toml against PyPI, vulnerabilities from OSV', async () => {
    server.json('/pypi/requests/json', pypiProject('requests', '2.31.0', { '2.25.1': undefined, '2.26.0': undefined, '2.31.0': undefined }));
    server.json('/pypi/django/json', pypiProject('Django', '5.0.1', { '3.2.0': undefined, '3.2.25': undefined, '4.2.0': 'security issue', '5.0.1': undefined }));
    server.json('/pypi/fastapi/json', pypiProject('fastapi', '0.110.0', { '0.95.0': undefined, '0.95.2': undefined, '0.110.0': undefined }));
    server.routes.set('POST /v1/querybatch', (_req, res, body) => {
      const queries = JSON.parse(body).queries as { package: { name: string } }[];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results: queries.map((q) => (q.package.name === 'requests' ? { vulns: [{ id: 'GHSA-j8r2-6x86-q33q', modified: '2023-05-26T00:00:00Z' }] } : {})) }));
    });
    server.json('/v1/vulns/GHSA-j8r2-6x86-q33q', {
      id: 'GHSA-j8r2-6x86-q33q',
      summary: 'Unintended leak of Proxy-Authorization header in requests',
      database_specific: { severity: 'MODERATE' },
      affected: [{ package: { name: 'requests', ecosystem: 'PyPI' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }] }],
    });
    const dir = tmp({
      'requirements.txt': 'requests==2.25.1\nDjango>=3.2,<4  # LTS\n',
      'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\nfastapi = "^0.95.0"\n',
    });
    const report = await checker(server, tmp()).checkProject(dir);
    const requests = dep(report, 'requests');
    assert.deepStrictEqual([requests.installed, requests.wanted, requests.latest, requests.distance], ['2.25.1', '2.25.1', '2.31.0', 'minor']);
    assert.deepStrictEqual(requests.advisories, [
      { id: 'GHSA-j8r2-6x86-q33q', severity: 'moderate', title: 'Unintended leak of Proxy-Authorization header in requests', url: 'https://osv.dev/vulnerability/GHSA-j8r2-6x86-q33q', firstFixed: '2.31.0' },
    ]);
    const django = dep(report, 'Django');
    assert.deepStrictEqual([django.wanted, django.latest, django.distance], ['3.2.25', '5.0.1', 'major']);
    assert.deepStrictEqual([dep(report, 'fastapi').wanted, dep(report, 'fastapi').latest], ['0.95.2', '0.110.0']);
    const batch = server.requestsTo('/v1/querybatch');
    assert.strictEqual(batch.length, 2, 'one querybatch per manifest');
    assert.deepStrictEqual(JSON.parse(batch[1].body).queries, [
      { package: { name: 'requests', ecosystem: 'PyPI' }, version: '2.25.1' },
      { package: { name: 'django', ecosystem: 'PyPI' }, version: '3.2.25' },
    ]);
    assert.deepStrictEqual(report.notices, []);
  });

  it('reports a yanked pinned release as deprecated, and an OSV failure as one advisories notice', async () => {
    server.json('/pypi/django/json', pypiProject('Django', '5.0.1', { '4.2.0': 'security issue', '5.0.1': undefined }));
    server.json('POST /v1/querybatch', 'oops', 500);
    const report = await checker(server, tmp()).checkProject(tmp({ 'requirements.txt': 'django==4.2.0\n' }));
    assert.strictEqual(dep(report, 'django').deprecated, 'yanked from PyPI: security issue');
    assert.strictEqual(dep(report, 'django').latest, '5.0.1');
    assert.strictEqual(report.notices.length, 1);
    assert.match(report.notices[0].message, /^OSV .*HTTP 500.*outdated checks go on/);
  });

  it('reports a malformed manifest as an error of that manifest; the others are still checked', async () => {
    server.json('/pypi/requests/json', pypiProject('requests', '2.31.0', { '2.31.0': undefined }));
    server.json('POST /v1/querybatch', { results: [{}] });
    const dir = tmp({ 'package.json': '{ "dependencies": { "lodash": "^4" ', 'requirements.txt': 'requests\n' });
    const report = await checker(server, tmp()).checkProject(dir);
    assert.match(report.manifests.find((m) => m.kind === 'package.json')?.error ?? '', /package.json is not valid JSON/);
    assert.strictEqual(dep(report, 'requests').latest, '2.31.0');
  });
});

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../../src/core/engine';
import { formatSarif } from '../../src/cli/format/sarif';
import { toolVersion } from '../../src/cli/main';
import { collectFiles } from '../../src/cli/walk';
import { ScanWorkerClient } from '../../src/vscode/scan-client';
import { commonRoot, ScanAccumulator, scanExcludeGlob, scanIncludeGlob, type FromWorker, type ToWorker } from '../../src/vscode/scan-protocol';
import { ScanWorkerHandler } from '../../src/vscode/scan-worker';
import { cleanup, PG_SAFE, PG_VULNERABLE, PG_WARNING, project, run } from './cli-helpers';

// Scan Workspace's worker protocol (src/vscode/scan-worker.ts, scan-protocol.ts, scan-client.ts): the
// handler driven in-process, then the client with the handler in a real worker thread, and the SARIF
// export going through the CLI's own formatter.

const PY_VULNERABLE = 'import sqlite3\nfrom flask import request\nconn = sqlite3.connect("x")\n\ndef users():\n    return conn.execute("SELECT * FROM u WHERE n = \'" + request.args.get("n") + "\'")\n';

const engine = Engine.create();

/** A handler whose messages are collected; `onPost` may react to each (e.g. cancel mid-scan). */
function harness(onPost?: (m: FromWorker, h: ScanWorkerHandler) => void, createEngine: () => Engine = () => engine) {
  const messages: FromWorker[] = [];
  const handler: ScanWorkerHandler = new ScanWorkerHandler(createEngine, (m) => {
    messages.push(m);
    onPost?.(m, handler);
  });
  return { handler, messages };
}

function shop(): string {
  return project({
    'src/routes.js': PG_VULNERABLE,
    'src/safe.js': PG_SAFE,
    'src/users.js': PG_WARNING,
    'app.py': PY_VULNERABLE,
    'blob.js': Buffer.from([0x63, 0x6f, 0x6e, 0x00, 0x01, 0x02]),
  });
}

describe('VS Code Scan Workspace: the worker protocol', () => {
  after(cleanup);

  it('sends one message per file, in order, then done; text only with findings; paths relative to cwd', async () => {
    const dir = shop();
    const files = ['app.py', 'blob.js', 'src/routes.js', 'src/safe.js', 'src/users.js', 'missing.js'].map((f) => path.join(dir, f));
    const { handler, messages } = harness();
    await handler.handle({ type: 'scan', scanId: 7, files, cwd: dir });
    assert.deepStrictEqual(
      messages.map((m) => [m.type, m.scanId, m.type === 'file' ? m.result.path : m.type === 'skipped' ? m.skipped.path : '']),
      [
        ['file', 7, 'app.py'],
        ['skipped', 7, 'blob.js'],
        ['file', 7, 'src/routes.js'],
        ['file', 7, 'src/safe.js'],
        ['file', 7, 'src/users.js'],
        ['skipped', 7, 'missing.js'],
        ['done', 7, ''],
      ],
    );
    const byPath = new Map(messages.flatMap((m) => (m.type === 'file' ? [[m.result.path, m.result] as const] : [])));
    assert.deepStrictEqual(byPath.get('src/routes.js')?.findings.map((f) => [f.ruleId, f.severity]), [['unparameterised-query-pg', 'error']]);
    assert.strictEqual(byPath.get('src/routes.js')?.text, PG_VULNERABLE, 'the text goes along with findings (SARIF fingerprints and fixes need it)');
    assert.deepStrictEqual(byPath.get('src/safe.js')?.findings, []);
    assert.strictEqual(byPath.get('src/safe.js')?.text, undefined);
    assert.deepStrictEqual(byPath.get('src/users.js')?.findings.map((f) => f.severity), ['warning']);
    assert.deepStrictEqual(byPath.get('app.py')?.findings.map((f) => f.ruleId), ['unparameterised-query-dbapi']);
    const skipped = messages.flatMap((m) => (m.type === 'skipped' ? [m.skipped.reason] : []));
    assert.deepStrictEqual(skipped, ['binary file', 'cannot read: ENOENT']);
    assert.deepStrictEqual(messages.at(-1), { type: 'done', scanId: 7, cancelled: false });
    // What crosses the thread boundary must survive structured cloning unchanged.
    assert.deepStrictEqual(structuredClone(messages), messages);
  });

  it('stops after the file in progress when cancelled, and says so', async () => {
    const dir = project(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`f${i}.js`, PG_VULNERABLE])));
    const files = Array.from({ length: 6 }, (_, i) => path.join(dir, `f${i}.js`));
    const { handler, messages } = harness((m, h) => {
      if (m.type === 'file' && m.result.path === 'f1.js') void h.handle({ type: 'cancel', scanId: 1 });
    });
    await handler.handle({ type: 'scan', scanId: 1, files, cwd: dir });
    assert.deepStrictEqual(
      messages.map((m) => m.type),
      ['file', 'file', 'done'],
    );
    assert.deepStrictEqual(messages.at(-1), { type: 'done', scanId: 1, cancelled: true });
  });

  it('runs scans one after the other; a queued scan that is cancelled analyses nothing; a late cancel is ignored', async () => {
    const dir = project({ 'a.js': PG_VULNERABLE, 'b.js': PG_SAFE });
    const files = [path.join(dir, 'a.js'), path.join(dir, 'b.js')];
    const { handler, messages } = harness();
    const first = handler.handle({ type: 'scan', scanId: 1, files, cwd: dir });
    const second = handler.handle({ type: 'scan', scanId: 2, files, cwd: dir });
    const third = handler.handle({ type: 'scan', scanId: 3, files, cwd: dir });
    await handler.handle({ type: 'cancel', scanId: 2 });
    await Promise.all([first, second, third]);
    assert.deepStrictEqual(
      messages.map((m) => `${m.type}:${m.scanId}`),
      ['file:1', 'file:1', 'done:1', 'done:2', 'file:3', 'file:3', 'done:3'],
    );
    assert.deepStrictEqual(messages[3], { type: 'done', scanId: 2, cancelled: true });

    // A cancel for a scan that has finished must not cancel a later scan that reuses nothing of it.
    await handler.handle({ type: 'cancel', scanId: 1 });
    messages.length = 0;
    await handler.handle({ type: 'scan', scanId: 1, files, cwd: dir });
    assert.deepStrictEqual(messages.at(-1), { type: 'done', scanId: 1, cancelled: false });
  });

  it('reports a scan that cannot run as an error message, and keeps serving', async () => {
    let attempts = 0;
    const { handler, messages } = harness(undefined, () => {
      if (attempts++ === 0) throw new Error('rules folder unreadable');
      return engine;
    });
    const dir = project({ 'a.js': PG_VULNERABLE });
    await handler.handle({ type: 'scan', scanId: 4, files: [path.join(dir, 'a.js')], cwd: dir });
    await handler.handle({ type: 'scan', scanId: 5, files: [path.join(dir, 'a.js')], cwd: dir });
    await handler.handle({ type: 'bogus', scanId: 6 } as unknown as ToWorker);
    assert.deepStrictEqual(
      messages.map((m) => `${m.type}:${m.scanId}`),
      ['error:4', 'file:5', 'done:5', 'error:6'],
    );
    assert.deepStrictEqual(messages[0], { type: 'error', scanId: 4, message: 'rules folder unreadable' });
  });
});

describe('VS Code Scan Workspace: results and SARIF', () => {
  after(cleanup);

  it('accumulates streamed messages into the CLI ScanResult, sorted by path, a later message for a file replacing an earlier one', () => {
    const acc = new ScanAccumulator();
    const file = (p: string, n: number): FromWorker => ({
      type: 'file',
      scanId: 1,
      result: { file: `/w/${p}`, path: p, findings: Array.from({ length: n }, () => ({ ruleId: 'r', severity: 'error', message: 'm', range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } }, cwe: [], trace: [] })), suppressed: [], fixesApplied: 0 },
    });
    acc.add(file('b.js', 1));
    acc.add(file('a.js', 2));
    acc.add({ type: 'skipped', scanId: 1, skipped: { file: '/w/c.js', path: 'c.js', reason: 'binary file' } });
    acc.add(file('c.js', 1)); // rescanned: now analysed
    acc.add({ type: 'done', scanId: 1, cancelled: false });
    assert.strictEqual(acc.findingCount, 4);
    const r = acc.result();
    assert.deepStrictEqual(r.files.map((f) => f.path), ['a.js', 'b.js', 'c.js']);
    assert.deepStrictEqual(r.skipped, []);
    assert.strictEqual(r.filesScanned, 3);
    assert.deepStrictEqual([r.fixesApplied, r.filesFixed, r.diff, r.warnings], [0, 0, '', []]);
  });

  it('exports, through the CLI formatter, the same SARIF as `backend-coach scan --format sarif` for the same files', async () => {
    const dir = shop();
    const files = collectFiles([dir], dir);
    const { handler, messages } = harness();
    await handler.handle({ type: 'scan', scanId: 1, files: files.files, cwd: dir });
    const acc = new ScanAccumulator();
    for (const m of messages) acc.add(m);
    const fromWorker = JSON.parse(formatSarif(acc.result(), { cwd: dir, toolVersion: toolVersion(), rules: engine.rules, ruleErrors: [], listSuppressed: false }));
    const cli = await run(['scan', '--format', 'sarif', '--fail-on', 'never', '.'], { cwd: dir });
    assert.strictEqual(cli.code, 0, cli.stderr);
    assert.deepStrictEqual(fromWorker, JSON.parse(cli.stdout));
    assert.deepStrictEqual(
      fromWorker.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]),
      [
        ['unparameterised-query-dbapi', 'app.py'],
        ['unparameterised-query-pg', 'src/routes.js'],
        ['unparameterised-query-pg', 'src/users.js'],
      ],
    );
    assert.ok(fromWorker.runs[0].results[1].fixes, 'the fix travels into SARIF');
  });

  it('finds the files the engine has a language for, skipping dependencies and build output, with paths relative to the common root', () => {
    assert.strictEqual(scanIncludeGlob(), '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,py,pyw}');
    const exclude = scanExcludeGlob();
    for (const dir of ['node_modules', 'dist', 'build', 'out', '.git', '.venv', '__pycache__']) assert.ok(exclude.includes(dir), dir);
    assert.match(exclude, /^\*\*\/\{.*\}\/\*\*$/);
    assert.strictEqual(commonRoot(['/home/me/shop']), '/home/me/shop');
    assert.strictEqual(commonRoot(['/home/me/shop/api', '/home/me/shop/worker', '/home/me/shop/api/v2']), '/home/me/shop');
    assert.strictEqual(commonRoot(['/srv/a', '/home/b']), '/');
    assert.strictEqual(commonRoot(['C:\\code\\api', 'C:\\code\\web'], '\\'), 'C:\\code');
    assert.strictEqual(commonRoot(['C:\\api', 'D:\\web'], '\\'), 'C:\\api');
    assert.strictEqual(commonRoot([]), undefined);
  });
});

describe('VS Code Scan Workspace: the client and a real worker thread', function () {
  this.timeout(60_000);
  let bootstrap: string;
  let client: ScanWorkerClient | undefined;

  before(() => {
    // The worker module from source: a thread that loads tsx, then src/vscode/scan-worker.ts.
    bootstrap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'coach-worker-')), 'bootstrap.js');
    fs.writeFileSync(bootstrap, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(path.resolve(__dirname, '../../src/vscode/scan-worker.ts'))});\n`);
  });
  afterEach(() => client?.dispose());
  after(() => {
    fs.rmSync(path.dirname(bootstrap), { recursive: true, force: true });
    cleanup();
  });

  it('streams each file and resolves when the worker is done', async () => {
    const dir = shop();
    client = new ScanWorkerClient(bootstrap, () => ({ ruleDirs: [] }));
    const seen: FromWorker[] = [];
    const outcome = await client.scan([path.join(dir, 'src/routes.js'), path.join(dir, 'app.py')], dir, (m) => seen.push(m));
    assert.deepStrictEqual(outcome, { cancelled: false });
    assert.deepStrictEqual(
      seen.map((m) => (m.type === 'file' ? `${m.result.path}:${m.result.findings.length}` : m.type)),
      ['src/routes.js:1', 'app.py:1', 'done'],
    );
  });

  it('cancels through the token, and the worker serves the next scan', async () => {
    const dir = project(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.js`, PG_VULNERABLE])));
    const files = Array.from({ length: 40 }, (_, i) => path.join(dir, `f${i}.js`));
    client = new ScanWorkerClient(bootstrap, () => ({ ruleDirs: [] }));
    const listeners: (() => unknown)[] = [];
    const token = { isCancellationRequested: false, onCancellationRequested: (l: () => unknown) => (listeners.push(l), { dispose: () => {} }) };
    let analysed = 0;
    const outcome = await client.scan(files, dir, (m) => {
      if (m.type === 'file' && ++analysed === 2) {
        token.isCancellationRequested = true;
        for (const l of listeners) l();
      }
    }, token);
    assert.deepStrictEqual(outcome, { cancelled: true });
    assert.ok(analysed >= 2 && analysed < 40, `analysed ${analysed} of 40 files before stopping`);
    const again = await client.scan(files.slice(0, 1), dir, () => {});
    assert.deepStrictEqual(again, { cancelled: false });
  });

  it('rejects a running scan when reset (the rules changed), then starts a fresh worker', async () => {
    const dir = project(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.js`, PG_VULNERABLE])));
    const files = Array.from({ length: 40 }, (_, i) => path.join(dir, `f${i}.js`));
    client = new ScanWorkerClient(bootstrap, () => ({ ruleDirs: [] }));
    const c = client;
    const running = c.scan(files, dir, (m) => {
      if (m.type === 'file') c.reset();
    });
    await assert.rejects(running, /rules changed/);
    const fresh = await c.scan(files.slice(0, 1), dir, () => {});
    assert.deepStrictEqual(fresh, { cancelled: false });
  });

  it('rejects the scan when the worker thread crashes, and reports it', async () => {
    const broken = path.join(path.dirname(bootstrap), 'broken.js');
    fs.writeFileSync(broken, "throw new Error('worker failed to start');\n");
    const log: string[] = [];
    client = new ScanWorkerClient(broken, () => ({ ruleDirs: [] }), (line) => log.push(line));
    await assert.rejects(client.scan(['/x.js'], '/', () => {}), /worker failed to start/);
    assert.match(log.join('\n'), /Scan worker failed: .*worker failed to start/);
  });

  it('treats a rules folder that does not exist as a load error in the worker, not a failed scan', async () => {
    client = new ScanWorkerClient(bootstrap, () => ({ ruleDirs: ['/nonexistent/rules-folder'] }));
    const dir = project({ 'a.js': PG_VULNERABLE });
    const seen: FromWorker[] = [];
    const outcome = await client.scan([path.join(dir, 'a.js')], dir, (m) => seen.push(m));
    assert.deepStrictEqual(outcome, { cancelled: false });
    assert.strictEqual(seen.filter((m) => m.type === 'file').length, 1);
  });
});

// Dependency health bench: `node bench/deps.mjs` (after `npm run build`; `npm run bench` runs it too).
// 200 npm dependencies checked against a local registry that adds 50 ms of latency to every request:
// once cold (empty cache), then warm (a new checker reading the disk cache, as a new CLI run or editor
// session would). Measures in-process (the core, bundled from src/core/deps) and, for scale, whole
// `node dist/cli.js deps` runs. Prints the numbers and writes them as a section of bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { BENCH_DIR, CACHE_DIR, ROOT, fmt, machineInfo } from './lib/common.mjs';

const DEPENDENCIES = 200;
const LATENCY_MS = 50;
const WARM_RUNS = 21;
const CLI = path.join(ROOT, 'dist', 'cli.js');

// ------------------------------------------------------------------ the core, bundled for plain node
const bundle = path.join(CACHE_DIR, 'deps-core.cjs');
{
  const esbuild = await import('esbuild');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  await esbuild.build({
    stdin: { contents: "export { DependencyChecker } from './src/core/deps/check';", resolveDir: ROOT, sourcefile: 'bench-deps-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'warning',
  });
}
const { DependencyChecker } = await import(bundle);

// ------------------------------------------------------------------ a registry with 50 ms latency
const names = Array.from({ length: DEPENDENCIES }, (_, i) => `bench-pkg-${String(i).padStart(3, '0')}`);
function packument(name) {
  const versions = {};
  const time = {};
  for (let major = 1; major <= 3; major++)
    for (let minor = 0; minor < 5; minor++)
      for (let patch = 0; patch < 3; patch++) {
        const v = `${major}.${minor}.${patch}`;
        versions[v] = { name, version: v, dist: { tarball: `https://example.invalid/${name}-${v}.tgz`, integrity: 'sha512-x' } };
        time[v] = new Date(Date.UTC(2018, major * 6 + minor, patch + 1)).toISOString();
      }
  return JSON.stringify({ name, 'dist-tags': { latest: '3.4.2' }, versions, time });
}
const docs = new Map(names.map((n) => [`/${n}`, packument(n)]));
let requests = 0;
const server = http.createServer((req, res) => {
  requests++;
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () =>
    setTimeout(() => {
      if (req.method === 'POST' && req.url === '/-/npm/v1/security/advisories/bulk') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ [names[0]]: [{ id: 1, url: 'https://github.com/advisories/GHSA-0000-0000-0000', title: 'Bench advisory', severity: 'high', vulnerable_versions: '<1.0.2' }] }));
        return;
      }
      const doc = docs.get(req.url);
      res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
      res.end(doc ?? '{}');
    }, LATENCY_MS),
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const registry = `http://127.0.0.1:${server.address().port}/`;

// ------------------------------------------------------------------ the project: 200 deps, a lockfile
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-bench-deps-'));
const project = path.join(tmp, 'project');
fs.mkdirSync(project);
fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'bench', dependencies: Object.fromEntries(names.map((n, i) => [n, ['^1.0.0', '~2.1.0', '3.0.1', '>=1.2.0 <3'][i % 4]])) }, null, 2));
fs.writeFileSync(path.join(project, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: Object.fromEntries(names.map((n) => [`node_modules/${n}`, { version: '1.0.1' }])) }));
fs.writeFileSync(path.join(project, '.npmrc'), `registry=${registry}\n`);
const none = path.join(tmp, 'no-npmrc');
const env = { HOME: tmp };

async function inProcess(cacheDir) {
  const checker = new DependencyChecker({ network: true, cacheDir, env, userNpmrc: none, globalNpmrc: none });
  const before = requests;
  const t0 = performance.now();
  const report = await checker.checkProject(project);
  const ms = performance.now() - t0;
  const deps = report.manifests[0].dependencies;
  const known = deps.filter((d) => d.latest && !d.unavailable).length;
  return { ms, requests: requests - before, known, vulnerable: deps.filter((d) => d.advisories.length).length };
}

const loadAtStart = os.loadavg();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const problems = [];

const coldCache = path.join(tmp, 'cache-in-process');
const cold = await inProcess(coldCache);
const warm = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await inProcess(coldCache));
if (cold.known !== DEPENDENCIES) problems.push(`cold run resolved ${cold.known} of ${DEPENDENCIES} dependencies`);
if (warm.some((w) => w.known !== DEPENDENCIES || w.requests !== 0)) problems.push('a warm run made requests or lost dependencies');

// Whole CLI processes (node start-up and module load included), for scale.
function cliRun(cacheDir) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'deps', project, '--format', 'json', '--cache-dir', cacheDir, '--fail-on', 'never'], { env: { ...process.env, ...env, npm_config_globalconfig: none, npm_config_userconfig: none }, encoding: 'utf8', maxBuffer: 50_000_000 });
  const ms = performance.now() - t0;
  if (r.status !== 0) problems.push(`CLI exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  return ms;
}
let cliCold;
let cliWarm;
// The CLI runs synchronously here, so the server must answer from another process: serve from a child.
if (fs.existsSync(CLI)) {
  server.close();
  const child = spawnSync(process.execPath, ['-e', '0']); // warm the node binary's page cache
  void child;
  const serverScript = path.join(tmp, 'server.cjs');
  fs.writeFileSync(
    serverScript,
    `const http=require('http');const docs=new Map(Object.entries(${JSON.stringify(Object.fromEntries(docs))}));` +
      `http.createServer((q,s)=>{q.resume();q.on('end',()=>setTimeout(()=>{if(q.method==='POST'){s.writeHead(200,{'content-type':'application/json'});s.end('{}');return}const d=docs.get(q.url);s.writeHead(d?200:404,{'content-type':'application/json'});s.end(d||'{}')},${LATENCY_MS}))}).listen(${new URL(registry).port},'127.0.0.1',()=>process.send&&process.send('up'));`,
  );
  const { fork } = await import('node:child_process');
  const proc = fork(serverScript, { stdio: 'ignore' });
  await new Promise((resolve) => proc.once('message', resolve));
  const cliCache = path.join(tmp, 'cache-cli');
  cliCold = cliRun(cliCache);
  cliWarm = median(Array.from({ length: 5 }, () => cliRun(cliCache)));
  proc.kill();
} else {
  problems.push(`${path.relative(ROOT, CLI)} not found: run npm run build first (CLI rows skipped)`);
  server.close();
}
fs.rmSync(tmp, { recursive: true, force: true });

// ------------------------------------------------------------------ report
const m = machineInfo();
const warmMedian = median(warm.map((w) => w.ms));
const lines = [
  '## Dependency health (bench/deps.mjs)',
  '',
  `Generated ${new Date().toISOString()} by \`node bench/deps.mjs\` on ${m.cpu}, ${m.cores} cores, Node ${m.node}, commit ${m.git}. ${DEPENDENCIES} npm dependencies (package.json + package-lock.json), a local registry on 127.0.0.1 adding ${LATENCY_MS} ms to every request (packuments of 45 versions, the bulk advisory endpoint), default settings (16 requests at a time).`,
  '',
  '| | time | requests | goal |',
  '| --- | ---: | ---: | --- |',
  `| **Cold** (empty cache), in-process \`checkProject\` | **${fmt(cold.ms, 0)} ms** | ${cold.requests} | < 2 s |`,
  `| **Warm** (disk cache, new checker), in-process, median of ${WARM_RUNS} | **${fmt(warmMedian, 1)} ms** | ${warm[0].requests} | < 50 ms |`,
  `| Warm, best run (least disturbed by other load) | ${fmt(Math.min(...warm.map((w) => w.ms)), 1)} ms | | |`,
  `| Warm runs (all, in order) | ${warm.map((w) => fmt(w.ms, 0)).join(', ')} ms | | |`,
  ...(cliCold !== undefined ? [`| Whole \`node dist/cli.js deps --format json\` process, cold | ${fmt(cliCold, 0)} ms | | |`, `| Whole CLI process, warm (median of 5) | ${fmt(cliWarm, 0)} ms | | |`] : []),
  '',
  `Load average (1, 5, 15 min) at the start: ${loadAtStart.map((x) => fmt(x, 2)).join(', ')}; at the end: ${os.loadavg().map((x) => fmt(x, 2)).join(', ')} (on ${m.cores} cores: above ${m.cores}, other processes shared the CPU and the times are inflated).`,
  '',
  `Every dependency resolved: ${cold.known === DEPENDENCIES ? 'yes' : `no (${cold.known})`}; vulnerable found: ${cold.vulnerable}.${problems.length ? ` Problems: ${problems.join('; ')}.` : ''}`,
  '',
];
const section = lines.join('\n');
console.log(section);
const resultsFile = path.join(BENCH_DIR, 'RESULTS.md');
const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '# Backend Coach benchmark results\n';
// Replace this bench's own section if present (bench/run.mjs rewrites the rest of the file).
const start = previous.indexOf('## Dependency health (bench/deps.mjs)');
const rest = start < 0 ? previous : previous.slice(0, start) + previous.slice(start).replace(/^## Dependency health \(bench\/deps\.mjs\)[\s\S]*?(?=^## |(?![\s\S]))/m, '');
fs.writeFileSync(resultsFile, `${rest.trimEnd()}\n\n${section}`);

// Backend Coach benchmark: `npm run bench` (builds, then runs `node bench/run.mjs`).
// Writes bench/RESULTS.md and prints it. Measures; asserts nothing. See bench/README.md.
//
//   node bench/run.mjs            the full run (a few minutes on 2 cores)
//   node bench/run.mjs --quick    fewer repetitions, for trying the bench itself (numbers are rougher)
//   node bench/run.mjs --profile  also writes V8 CPU profiles of the engine's runs to node_modules/.cache/backend-coach-bench/profiles
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BENCH_DIR,
  CACHE_DIR,
  ESLINT_CONFIG,
  MANIFEST,
  MAX_FILE_BYTES,
  MAX_LINE_CHARS,
  MB,
  ROOT,
  TOTAL_CAP_BYTES,
  buildEngineBundle,
  fmt,
  machineInfo,
  median,
  selectFiles,
} from './lib/common.mjs';
import { generateSmallBackend } from './lib/generate-backend.mjs';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const PROFILE = argv.includes('--profile');
const unknownArgs = argv.filter((a) => !['--quick', '--profile'].includes(a));
if (unknownArgs.length) {
  console.error(`bench: unknown argument(s) ${unknownArgs.join(' ')} (use --quick, --profile)`);
  process.exit(2);
}
// Throughput: one process per tool, each makes a cold pass, then `warmPasses` warm passes each,
// interleaved (engine, ESLint, engine, ...) so both tools see the same background load.
// The re-analysis loop stops after `editBudget` seconds even if edits remain (reported when it happens).
const SETTINGS = QUICK
  ? { warmPasses: 1, edits: 40, editBudget: 30, fullRuns: 3, cliRuns: 5, eslintCliRuns: 3 }
  : { warmPasses: 5, edits: 200, editBudget: 100, fullRuns: 10, cliRuns: 15, eslintCliRuns: 5 };
// The CLI under test: the bundle `npm run build` writes, unless BENCH_CLI names another build of it.
const CLI = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(ROOT, 'dist', 'cli.js');
const ESLINT_BIN = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const PROBE = path.join(BENCH_DIR, 'lib', 'rss-probe.cjs');
const PROFILE_DIR = path.join(CACHE_DIR, 'profiles');
const started = performance.now();
const loadAtStart = os.loadavg();
const problems = []; // sections that could not run, tool failures: listed in RESULTS.md, never hidden

const log = (msg) => console.error(`[bench] ${msg}`);
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/**
 * Runs a command; resolves { code, signal, stdout, stderr, ms } (never rejects on a non-zero exit). A
 * process still running after `timeoutMs` (a hang) is killed, and says so in its stderr.
 */
function run(cmd, args, options = {}) {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve) => {
    const t = performance.now();
    const child = spawn(cmd, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const timer = setTimeout(() => {
      err.push(Buffer.from(`\n[bench] killed after ${timeoutMs / 1000} s\n`));
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout: '', stderr: String(e), ms: performance.now() - t });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: performance.now() - t });
    });
  });
}

/** Runs one bench/lib child that writes a JSON report; returns the report or undefined (and records why). */
async function child(name, script, args, nodeFlags = []) {
  const out = path.join(CACHE_DIR, `${name}.json`);
  fs.rmSync(out, { force: true });
  const r = await run(process.execPath, [...nodeFlags, path.join(BENCH_DIR, 'lib', script), ...args, out], { timeoutMs: 300_000 });
  if (r.code !== 0 || !fs.existsSync(out)) {
    problems.push(`${name}: the child process failed (exit ${r.code}${r.signal ? `, ${r.signal}` : ''}): ${tail(r.stderr)}`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

function tail(text, lines = 6) {
  return text.trim().split('\n').slice(-lines).join(' / ') || '(no output)';
}

function profileFlags(name) {
  return PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR, '--cpu-prof-name', `${name}.cpuprofile`] : [];
}

/** Counts what a `--format json` report holds, whatever its exact shape. */
function describeJsonReport(stdout) {
  let data;
  try {
    data = JSON.parse(stdout);
  } catch {
    return { parsed: false };
  }
  const findings = Array.isArray(data)
    ? data.reduce(
        (n, f) =>
          n +
          (Array.isArray(f?.messages) // ESLint's format: count the compared rules' messages, as in section 1
            ? f.messages.filter((x) => /^(security|sonarjs)\//.test(x.ruleId ?? '')).length
            : Array.isArray(f?.findings)
              ? f.findings.length
              : 1),
        0,
      )
    : Array.isArray(data?.findings)
      ? data.findings.length
      : Array.isArray(data?.files)
        ? data.files.reduce((n, f) => n + (f.findings?.length ?? 0), 0)
        : undefined;
  const filesScanned = Array.isArray(data) ? data.length : (data?.summary?.filesScanned ?? undefined);
  return { parsed: true, findings, filesScanned };
}

// ------------------------------------------------------------------------------------------ setup

fs.mkdirSync(CACHE_DIR, { recursive: true });
if (PROFILE) fs.mkdirSync(PROFILE_DIR, { recursive: true });
log('bundling src/core with esbuild');
await buildEngineBundle();

const set = selectFiles();
fs.writeFileSync(MANIFEST, JSON.stringify(set));
log(`file set: ${set.files.length} files, ${fmt(set.totalBytes / MB, 2)} MB`);

// ------------------------------------------------------------------------------------------ 1. throughput

/**
 * Forks a throughput child (bench/lib/throughput.mjs) with an IPC channel. `next()` resolves its next
 * message; `ask(cmd)` sends a command and waits for the answer; `finish()` collects its JSON report.
 * A child that dies or hangs (more than `timeoutMs` for one answer) rejects, with the end of its stderr.
 */
function startWorker(name, tool, execArgv, timeoutMs = 300_000) {
  const out = path.join(CACHE_DIR, `${name}.json`);
  fs.rmSync(out, { force: true });
  const proc = fork(path.join(BENCH_DIR, 'lib', 'throughput.mjs'), [tool, '0', out], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const stderr = [];
  proc.stderr.on('data', (d) => stderr.push(d));
  const queue = [];
  const waiting = [];
  let exit;
  const died = () => new Error(`the ${tool} process ended (${exit.code ?? exit.signal}): ${tail(Buffer.concat(stderr).toString())}`);
  proc.on('message', (m) => (waiting.length ? waiting.shift().resolve(m) : queue.push(m)));
  proc.on('exit', (code, signal) => {
    exit = { code, signal };
    for (const w of waiting.splice(0)) w.reject(died());
  });
  const next = () =>
    new Promise((resolve, reject) => {
      if (queue.length) return resolve(queue.shift());
      if (exit) return reject(died());
      const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
      waiting.push({
        resolve: (m) => (clearTimeout(timer), resolve(m)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  return {
    next,
    ask: (cmd) => (proc.send({ cmd }), next()),
    finish: async () => {
      proc.send({ cmd: 'finish' });
      if (!exit) await new Promise((resolve) => proc.once('exit', resolve));
      if (!fs.existsSync(out)) throw died();
      return JSON.parse(fs.readFileSync(out, 'utf8'));
    },
    kill: () => exit || proc.kill('SIGKILL'),
  };
}

const tools = [
  { label: 'Backend Coach engine', tool: 'engine', execArgv: ['--expose-gc', ...profileFlags('throughput-engine')] },
  { label: 'ESLint', tool: 'eslint', execArgv: ['--expose-gc', '--no-warnings'] },
];
const attempt = async (t, step) => {
  if (t.failed) return;
  try {
    await step();
  } catch (e) {
    t.failed = e;
  }
};
for (const t of tools) {
  log(`throughput: ${t.label}: load, create, cold pass`);
  t.worker = startWorker(`throughput-${t.tool}`, t.tool, t.execArgv);
  await attempt(t, () => t.worker.next());
}
for (let i = 1; i <= SETTINGS.warmPasses; i++) {
  log(`throughput: warm pass ${i}/${SETTINGS.warmPasses} of each tool`);
  for (const t of tools) await attempt(t, () => t.worker.ask('pass'));
}
for (let i = 0; i < SETTINGS.warmPasses; i++) await attempt(tools[0], () => tools[0].worker.ask('parse'));
for (const t of tools) {
  await attempt(t, async () => (t.report = await t.worker.finish()));
  if (t.failed) {
    t.worker.kill();
    problems.push(`throughput, ${t.label}: ${t.failed.message}`);
  }
}
const [engineTp, eslintTp] = tools.map((t) => t.report);

// ------------------------------------------------------------------------------------------ 2. incremental

log(`re-analysis: 5,000-line file, ${SETTINGS.edits} single-character edits`);
const incr = await child('incremental', 'incremental.mjs', [String(SETTINGS.edits), String(SETTINGS.fullRuns), String(SETTINGS.editBudget)], profileFlags('incremental'));
if (incr && incr.incremental.n < incr.editsPlanned)
  problems.push(`re-analysis: only ${incr.incremental.n} of ${incr.editsPlanned} edits ran within the ${incr.budgetSeconds} s budget`);

// ------------------------------------------------------------------------------------------ 3 + 4. CLI

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-coach-bench-'));
let cliOne;
let eslintOne;
let cliScan;
let eslintScan;
const smallFile = path.join(tmp, 'server.js');
fs.writeFileSync(smallFile, generateSmallBackend());
const smallText = fs.readFileSync(smallFile, 'utf8');
// The set is copied flat (mocha/lib/runner.js → files/mocha__lib__runner.js): a CLI walking a folder
// rightly skips node_modules, dist, out, build..., which would hide much of the set.
const flatName = (f) => `files/${f.rel.split('/').join('__')}`;
const esmEnv = { BENCH_ESLINT_ESM: JSON.stringify(set.files.filter((f) => f.sourceType === 'module').map(flatName)) };
const eslintArgs = (target) => [ESLINT_BIN, '--config', ESLINT_CONFIG, '--format', 'json', '--no-ignore', '--no-warn-ignored', target];

/** `runs` timed runs after one untimed warm-up (which fills the OS file cache). */
async function timeCommand(label, cmd, args, runs, cwd) {
  const first = await run(cmd, args, { cwd });
  const report = describeJsonReport(first.stdout);
  if (!report.parsed) {
    problems.push(`${label}: no JSON report on stdout (exit ${first.code}): ${tail(first.stderr)}`);
    return undefined;
  }
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const r = await run(cmd, args, { cwd });
    if (r.code !== first.code) problems.push(`${label}: run ${i + 1} exited ${r.code}, the warm-up ${first.code}: ${tail(r.stderr)}`);
    ms.push(r.ms);
  }
  return { medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), runs, exitCode: first.code, findings: report.findings };
}

/** One run with the RSS probe preloaded; peak RSS of the main process (and of any child processes). */
async function measureScan(label, cmd, args, cwd, env = {}) {
  const rssFile = path.join(tmp, `${label.replace(/\W+/g, '-')}.rss.jsonl`);
  const r = await run(cmd, args, { cwd, env: { ...env, BENCH_RSS_OUT: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PROBE)}`.trim() } });
  const report = describeJsonReport(r.stdout);
  if (!report.parsed) problems.push(`${label}: no JSON report on stdout (exit ${r.code}): ${tail(r.stderr)}`);
  else if (report.filesScanned !== undefined && report.filesScanned !== set.files.length)
    problems.push(`${label}: reported ${report.filesScanned} files scanned of the ${set.files.length} given`);
  const samples = fs.existsSync(rssFile)
    ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  if (!samples.length) {
    problems.push(`${label}: the RSS probe reported nothing (exit ${r.code})`);
    return undefined;
  }
  const main = samples.find((s) => s.script === args[0]) ?? samples.reduce((a, b) => (b.maxRssKB > a.maxRssKB ? b : a));
  return {
    peakRssMB: main.maxRssKB / 1024,
    processes: samples.length,
    allProcessesMB: samples.reduce((n, s) => n + s.maxRssKB, 0) / 1024,
    wallMs: r.ms,
    exitCode: r.code,
    findings: report.findings,
    filesScanned: report.filesScanned,
  };
}

try {
  if (!fs.existsSync(CLI)) {
    problems.push(`CLI sections (3, 4) not run: ${rel(CLI)} does not exist (run \`npm run build\` first, or use \`npm run bench\`)`);
  } else {
    log(`CLI on one file: ${SETTINGS.cliRuns} runs`);
    cliOne = await timeCommand('Backend Coach CLI, one file', process.execPath, [CLI, 'scan', 'server.js', '--format', 'json'], SETTINGS.cliRuns, tmp);
  }
  log(`ESLint CLI on one file: ${SETTINGS.eslintCliRuns} runs`);
  eslintOne = await timeCommand('ESLint CLI, one file', process.execPath, eslintArgs('server.js'), SETTINGS.eslintCliRuns, tmp);

  log('copying the file set for the whole-set scans');
  fs.mkdirSync(path.join(tmp, 'files'));
  for (const f of set.files) fs.copyFileSync(f.abs, path.join(tmp, flatName(f)));
  if (fs.existsSync(CLI)) {
    log('peak RSS: Backend Coach CLI over the file set');
    cliScan = await measureScan('Backend Coach CLI scan', process.execPath, [CLI, 'scan', 'files', '--format', 'json'], tmp);
  }
  log('peak RSS: ESLint CLI over the file set');
  eslintScan = await measureScan('ESLint CLI scan', process.execPath, eslintArgs('files'), tmp, esmEnv);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------------------ report

const totalSeconds = (performance.now() - started) / 1000;
const loadAtEnd = os.loadavg();
const m = machineInfo();
const command = `${process.env.npm_lifecycle_event === 'bench' ? 'npm run bench  →  ' : ''}node bench/run.mjs${argv.length ? ` ${argv.join(' ')}` : ''}`;
const lines = [];
const p = (s = '') => lines.push(s);
const ms = (x) => (Number.isFinite(x) ? `${fmt(x, x < 10 ? 2 : 1)} ms` : 'n/a');
const files = set.files.length;
const mbTotal = set.totalBytes / MB;
const rate = (r) => (r ? { filesPerS: files / (r.medianPassMs / 1000), mbPerS: mbTotal / (r.medianPassMs / 1000) } : undefined);
const eRate = rate(engineTp);
const lRate = rate(eslintTp);
const best = (r) => (r ? rate({ medianPassMs: Math.min(...r.passMs) }) : undefined);
const eBest = best(engineTp);
const lBest = best(eslintTp);

p('# Backend Coach benchmark results');
p();
p(`Generated ${new Date().toISOString()} by \`${command}\`${QUICK ? ' (**quick mode: fewer repetitions, rougher numbers**)' : ''}; the whole bench took ${fmt(totalSeconds, 0)} s.`);
p('Numbers, not pass/fail: see bench/README.md for what each one measures. Overwritten by every run.');
p();
p('## Machine');
p();
p('| CPU | Cores | Memory | Node | OS | Commit |');
p('| --- | --- | --- | --- | --- | --- |');
p(`| ${m.cpu} | ${m.cores} | ${fmt(m.memoryGB, 1)} GB | ${m.node} | ${m.os} | ${m.git} |`);
p();
p(`Load average (1, 5, 15 min) at the start: ${loadAtStart.map((x) => fmt(x, 2)).join(', ')}; at the end: ${loadAtEnd.map((x) => fmt(x, 2)).join(', ')}. The bench itself keeps about one core busy; a higher load means other processes shared the CPU and the times are inflated.`);
p();
if (problems.length) {
  p('## Problems in this run');
  p();
  for (const x of problems) p(`- ${x}`);
  p();
}
if (engineTp) {
  p(`Rules: ${engineTp.rules.length} built-in rules loaded (${engineTp.rules.join(', ') || 'none'}); ${engineTp.ruleErrors.length} rule load errors.`);
  for (const e of engineTp.ruleErrors.slice(0, 5)) p(`- rule load error: ${e}`);
  if (engineTp.rules.length === 0) p('**No rules loaded: the engine only parsed. These numbers do not describe a real analysis.**');
  p();
}

p('## 1. Throughput on real code (in-process)');
p();
p(`File set: **${files} files, ${fmt(mbTotal, 2)} MB** (1 MB = 10^6 bytes), ${set.totalLines.toLocaleString('en-US')} lines, from installed packages: the .js/.cjs/.mjs files under each folder below, in this order, sorted, until ${fmt(TOTAL_CAP_BYTES / MB, 1)} MB; files over ${MAX_FILE_BYTES / 1000} KB, with a line over ${MAX_LINE_CHARS} characters (minified) or in test folders left out (${set.excluded.tooLarge} too large, ${set.excluded.longLines} minified).`);
p();
p('| Folder | Package version | Files | KB |');
p('| --- | --- | ---: | ---: |');
for (const pk of set.packages) p(pk.missing ? `| node_modules/${pk.root} | missing | 0 | 0 |` : `| node_modules/${pk.root} | ${pk.name}@${pk.version} | ${pk.files} | ${fmt(pk.bytes / 1000, 0)} |`);
p();
p(`Each tool runs in its own Node process, on files already read into memory (no disk time), one file after another on one thread. The engine is created once (\`Engine.create()\`, built-in rules) and \`analyze\`s each file; ESLint is the \`ESLint\` class (v${eslintTp?.version ?? '?'}, \`lintText\`, no cache, \`ignore: false\`) with eslint-plugin-security's recommended rules and eslint-plugin-sonarjs's \`sql-queries\` (bench/eslint.bench.config.mjs). Each process makes one cold pass (the first after creation), then ${SETTINGS.warmPasses} warm passes, interleaved with the other tool's (engine, ESLint, engine, ...) so both see the same background load. Throughput is the median of the warm passes.`);
p();
const cell = (r, f) => (r ? f(r) : 'failed');
p('| | Backend Coach engine | ESLint + security + sonarjs/sql-queries |');
p('| --- | ---: | ---: |');
p(`| Module load | ${cell(engineTp, (r) => ms(r.loadMs))} | ${cell(eslintTp, (r) => ms(r.loadMs))} |`);
p(`| Create (rules loaded, config resolved) | ${cell(engineTp, (r) => ms(r.createMs))} | ${cell(eslintTp, (r) => ms(r.createMs))} |`);
p(`| First (cold) pass over the set | ${cell(engineTp, (r) => `${fmt(r.firstPassMs / 1000, 2)} s`)} | ${cell(eslintTp, (r) => `${fmt(r.firstPassMs / 1000, 2)} s`)} |`);
p(`| Warm pass, median of ${SETTINGS.warmPasses} | ${cell(engineTp, (r) => `${fmt(r.medianPassMs / 1000, 2)} s`)} | ${cell(eslintTp, (r) => `${fmt(r.medianPassMs / 1000, 2)} s`)} |`);
p(`| Warm passes (all) | ${cell(engineTp, (r) => r.passMs.map((x) => fmt(x / 1000, 2)).join(', ') + ' s')} | ${cell(eslintTp, (r) => r.passMs.map((x) => fmt(x / 1000, 2)).join(', ') + ' s')} |`);
p(`| **Files/s** (warm median) | **${eRate ? fmt(eRate.filesPerS, 0) : 'n/a'}** | **${lRate ? fmt(lRate.filesPerS, 0) : 'n/a'}** |`);
p(`| Files/s, best warm pass (least disturbed by other load) | ${eBest ? fmt(eBest.filesPerS, 0) : 'n/a'} | ${lBest ? fmt(lBest.filesPerS, 0) : 'n/a'} |`);
p(`| **MB/s** (warm median) | **${eRate ? fmt(eRate.mbPerS, 2) : 'n/a'}** | **${lRate ? fmt(lRate.mbPerS, 2) : 'n/a'}** |`);
p(`| Tree-sitter parse alone, median pass (the floor under the engine) | ${cell(engineTp, (r) => `${fmt(median(r.parsePassMs) / 1000, 2)} s = ${fmt(mbTotal / (median(r.parsePassMs) / 1000), 2)} MB/s`)} | |`);
p(`| Results (findings / rule messages) | ${cell(engineTp, (r) => r.results)} | ${cell(eslintTp, (r) => r.results)} |`);
p(`| Files the tool threw on (errors) | ${cell(engineTp, (r) => r.errors.length)} | ${cell(eslintTp, (r) => r.errors.length)} |`);
p(`| Files with a parse error (fatal) | n/a (tree-sitter recovers) | ${cell(eslintTp, (r) => r.fatal.length)} |`);
p(`| Files skipped by the tool | ${cell(engineTp, (r) => r.skipped)} | 0 |`);
p(`| Peak RSS of the process | ${cell(engineTp, (r) => `${fmt(r.peakRssMB, 0)} MB`)} | ${cell(eslintTp, (r) => `${fmt(r.peakRssMB, 0)} MB`)} |`);
p();
if (eRate && lRate) {
  const coldE = engineTp.loadMs + engineTp.createMs + engineTp.firstPassMs;
  const coldL = eslintTp.loadMs + eslintTp.createMs + eslintTp.firstPassMs;
  p(`**Throughput ratio, Backend Coach / ESLint: ${fmt(eRate.filesPerS / lRate.filesPerS, 2)}×** (warm medians; the project's goal is ≥ 3×; from the best warm pass of each: ${fmt(eBest.filesPerS / lBest.filesPerS, 2)}×). Cold, counting module load + create + the first pass: ${fmt(coldE / 1000, 2)} s vs ${fmt(coldL / 1000, 2)} s, ${fmt(coldL / coldE, 2)}×.`);
  p();
  const order = engineTp.perFileMedianMs.map((t, i) => [t, i]).sort((a, b) => b[0] - a[0]).slice(0, 8);
  p('Slowest files for the engine (warm median per file):');
  p();
  p('| File | KB | Backend Coach | ESLint |');
  p('| --- | ---: | ---: | ---: |');
  for (const [t, i] of order) p(`| ${set.files[i].rel} | ${fmt(set.files[i].bytes / 1000, 0)} | ${ms(t)} | ${ms(eslintTp.perFileMedianMs[i])} |`);
  p();
}
for (const [name, r] of [['Backend Coach', engineTp], ['ESLint', eslintTp]]) {
  if (!r) continue;
  if (r.errors.length) {
    p(`${name} threw on ${r.errors.length} file(s) (first ${Math.min(5, r.errors.length)}):`);
    for (const e of r.errors.slice(0, 5)) p(`- \`${e.file}\`: ${e.message}`);
    p();
  }
  if (r.fatal?.length) {
    p(`${name} could not parse ${r.fatal.length} file(s) (first ${Math.min(5, r.fatal.length)}):`);
    for (const e of r.fatal.slice(0, 5)) p(`- \`${e.file}\`: ${e.message}`);
    p();
  }
  if (!r.resultsStable) p(`${name}: the number of results changed between passes.\n`);
}

p('## 2. Re-analysis after one edit, 5,000-line file');
p();
if (incr) {
  p(`File: a generated Express backend (\`${incr.file}\`, bench/lib/generate-backend.mjs), ${incr.lines} lines, ${fmt(incr.chars / 1000, 0)} KB; ${incr.baseFindings} findings (${Object.entries(incr.findingsByRule).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none'}).`);
  p(`${incr.incremental.n} single-character edits, applied one after another (a fixed pseudo-random sequence: letters typed into identifiers, strings and comments, characters deleted, and a stray \`(\` that breaks the syntax until the next edit removes it). Each is timed as the extension runs it: \`tree.copy()\` + \`edit()\` + \`engine.analyze(file, text, { oldTree, keepTree: true })\`.`);
  p();
  p('| | p50 | p95 | max |');
  p('| --- | ---: | ---: | ---: |');
  p(`| **Re-analysis after an edit** (goal p95 < 20 ms) | **${ms(incr.incremental.p50)}** | **${ms(incr.incremental.p95)}** | **${ms(incr.incremental.max)}** |`);
  p(`| of which: incremental parse alone (same edits, \`parse\` only) | ${ms(incr.incrementalParse.p50)} | ${ms(incr.incrementalParse.p95)} | ${ms(incr.incrementalParse.max)} |`);
  p();
  p(`For comparison, a full (non-incremental) analysis of the same file: **${ms(incr.fullMedianMs)}** (median of ${incr.fullRuns}; the very first one in the process, grammar load and JIT included: ${ms(incr.fullFirstMs)}); a full parse alone: ${ms(incr.fullParseMedianMs)}.`);
  p();
  p('| Edit kind | Edits | p50 | p95 | max | Findings after (min–max) |');
  p('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const [k, s] of Object.entries(incr.byKind)) p(`| ${k} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${s.findings[0]}–${s.findings[1]} |`);
  p();
  p(`Check: after the last edit, the incremental result ${incr.sameAsFull ? 'is identical to' : '**differs from**'} a full analysis of the same text (${incr.finalFindings.incremental} vs ${incr.finalFindings.full} findings).${incr.errors.length ? ` The engine threw on ${incr.errors.length} re-analyses: ${incr.errors.slice(0, 3).join('; ')}` : ' The engine threw on none of the re-analyses.'}`);
} else p('Not run (see Problems).');
p();

p('## 3. CLI on one file (whole process)');
p();
p(`File: a generated ${smallText.split('\n').length}-line Express file (${fmt(smallText.length / 1000, 1)} KB). Wall time from spawn to exit, median of ${SETTINGS.cliRuns} runs (ESLint, for scale: ${SETTINGS.eslintCliRuns}) after one untimed warm-up each.`);
p();
p('| Command | Median | Min | Max | Exit code | Findings |');
p('| --- | ---: | ---: | ---: | ---: | ---: |');
p(`| \`node ${rel(CLI)} scan server.js --format json\` | ${cliOne ? `**${ms(cliOne.medianMs)}** | ${ms(cliOne.minMs)} | ${ms(cliOne.maxMs)} | ${cliOne.exitCode} | ${cliOne.findings ?? '?'}` : 'not run | | | |'} |`);
p(`| \`eslint --config bench/eslint.bench.config.mjs --format json server.js\` | ${eslintOne ? `${ms(eslintOne.medianMs)} | ${ms(eslintOne.minMs)} | ${ms(eslintOne.maxMs)} | ${eslintOne.exitCode} | ${eslintOne.findings ?? '?'}` : 'not run | | | |'} |`);
p();

p('## 4. Peak memory of a large scan');
p();
p(`The file set of section 1 (${files} files, ${fmt(mbTotal, 2)} MB), copied into one temporary folder (flat, so no folder name makes a CLI skip them), scanned by one CLI process (its wall time is a cold, whole-process throughput figure too). Peak RSS is the process's own high-water mark (getrusage \`ru_maxrss\`, read at exit by bench/lib/rss-probe.cjs preloaded with \`--require\`).`);
p();
p('| Command | Peak RSS | Wall time | Files reported | Exit code | Findings |');
p('| --- | ---: | ---: | ---: | ---: | ---: |');
const scanRow = (r) =>
  r
    ? `**${fmt(r.peakRssMB, 0)} MB**${r.processes > 1 ? ` (${r.processes} processes, ${fmt(r.allProcessesMB, 0)} MB summed)` : ''} | ${fmt(r.wallMs / 1000, 2)} s | ${r.filesScanned ?? '?'} | ${r.exitCode} | ${r.findings ?? '?'}`
    : 'not run | | | | |';
p(`| \`node ${rel(CLI)} scan files --format json\` | ${scanRow(cliScan)} |`);
p(`| \`eslint --config bench/eslint.bench.config.mjs --format json files\` | ${scanRow(eslintScan)} |`);
p();

const markdown = `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
fs.writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), markdown);
console.log(markdown);
log(`wrote ${rel(path.join(BENCH_DIR, 'RESULTS.md'))} in ${fmt(totalSeconds, 0)} s`);
// The dependency-health bench appends its own section to RESULTS.md (see bench/deps.mjs).
(await import('node:child_process')).spawnSync(process.execPath, [path.join(BENCH_DIR, 'deps.mjs')], { stdio: 'inherit' });

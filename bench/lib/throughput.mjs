// Child process of bench/run.mjs: times one tool over the file set, in-process, and writes a JSON report.
//   node --expose-gc bench/lib/throughput.mjs <engine|eslint> <warm passes> <out.json>
// (by hand; bench/run.mjs forks it with an IPC channel and asks for each warm pass, see below)
// For the engine, the warm passes are followed by as many passes of tree-sitter parsing alone.
// Each tool runs in its own fresh process so neither inherits the other's heap, JIT state or loaded
// modules. Files are read into memory before any timing: the numbers are analysis time, not disk time.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGINE_BUNDLE, ESLINT_CONFIG, MANIFEST, ROOT, median } from './common.mjs';

const [tool, passesArg, outFile] = process.argv.slice(2);
const warmPasses = Number(passesArg);
const require = createRequire(path.join(ROOT, 'package.json'));

const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
const files = manifest.files.map((f) => ({ ...f, text: fs.readFileSync(f.abs, 'utf8') }));
const gc = globalThis.gc ?? (() => {});

/** Sets up the tool; returns `lint(file)` → { count, fatal?, skipped? } (throws on an internal error). */
async function setUp() {
  if (tool === 'engine') {
    let t = performance.now();
    const { Engine, parse, skipReason } = require(ENGINE_BUNDLE);
    const loadMs = performance.now() - t;
    t = performance.now();
    const engine = Engine.create();
    const createMs = performance.now() - t;
    const info = { loadMs, createMs, rules: engine.rules.map((r) => r.id), ruleErrors: engine.errors.map((e) => `${path.relative(ROOT, e.file)}:${e.line}: ${e.message}`) };
    const lint = async (f) => {
      const r = await engine.analyze(f.abs, f.text);
      r.tree?.delete(); // no tree unless asked for (keepTree); if one comes back, free it as a scan would
      return { count: r.findings.length + r.suppressed.length, skipped: r.skipped };
    };
    // The floor under the engine's time: tree-sitter parsing alone (what analysis would cost if it were free).
    const parseOnly = async (f) => {
      const lang = engine.languageFor(f.abs);
      if (!lang || skipReason(f.text)) return { count: 0 };
      (await parse(lang.id, f.text)).delete();
      return { count: 0 };
    };
    return { info, lint, parseOnly };
  }
  if (tool === 'eslint') {
    let t = performance.now();
    const { ESLint } = require('eslint');
    const { createConfig } = await import(pathToFileURL(ESLINT_CONFIG).href);
    const loadMs = performance.now() - t;
    t = performance.now();
    // ESLint always skips paths under node_modules, so each text is linted under a virtual path (nothing is
    // read from it); ESM files are listed by the same virtual paths, relative to the cwd.
    const virtual = (f) => path.join(ROOT, 'bench-files', f.rel);
    const esm = files.filter((f) => f.sourceType === 'module').map((f) => path.relative(ROOT, virtual(f)).split(path.sep).join('/'));
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: createConfig(esm), ignore: false, cache: false });
    const createMs = performance.now() - t;
    const info = { loadMs, createMs, version: ESLint.version };
    const lint = async (f) => {
      const [r] = await eslint.lintText(f.text, { filePath: virtual(f) });
      if (!r) throw new Error('ESLint returned no result');
      const ignored = r.messages.find((m) => /ignored/i.test(m.message) && !m.ruleId);
      if (ignored) throw new Error(`ESLint did not lint the file: ${ignored.message}`);
      const fatal = r.messages.find((m) => m.fatal);
      // Only the compared rules' reports count (an `eslint-disable` naming an unknown rule reports too).
      return { count: r.messages.filter((m) => /^(security|sonarjs)\//.test(m.ruleId ?? '')).length, fatal: fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : undefined };
    };
    return { info, lint };
  }
  throw new Error(`unknown tool ${tool}`);
}

async function pass(lint, perFile, errors) {
  let count = 0;
  let skipped = 0;
  const fatal = [];
  const start = performance.now();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const t = performance.now();
    try {
      const r = await lint(f);
      count += r.count;
      if (r.skipped) skipped++;
      if (r.fatal) fatal.push({ file: f.rel, message: r.fatal });
    } catch (e) {
      errors.set(f.rel, String(e?.stack ?? e).split('\n').slice(0, 3).join(' | '));
    }
    perFile[i].push(performance.now() - t);
  }
  return { ms: performance.now() - start, count, skipped, fatal };
}

// Driven by the parent over IPC, so it can interleave the two tools' warm passes (engine, ESLint, engine,
// ...): on a shared machine both then see the same background load.
//   → { type: 'ready', cold }           after set-up and the cold pass
//   ← { cmd: 'pass' }    → { type: 'pass', ms }      one warm pass
//   ← { cmd: 'parse' }   → { type: 'parse', ms }     one parse-only pass (engine only)
//   ← { cmd: 'finish' }  → writes the JSON report to <out.json> and exits
const { info, lint, parseOnly } = await setUp();
const perFile = files.map(() => []);
const errors = new Map();
const first = await pass(lint, perFile, errors);
for (const times of perFile) times.length = 0; // per-file times are from warm passes only
const passes = [];
const parsePasses = [];
const scratch = files.map(() => []);

function report() {
  return {
    tool,
    ...info,
    firstPassMs: first.ms,
    passMs: passes.map((p) => p.ms),
    medianPassMs: median(passes.map((p) => p.ms)),
    parsePassMs: parsePasses,
    results: first.count,
    resultsStable: passes.every((p) => p.count === first.count),
    skipped: first.skipped,
    fatal: first.fatal,
    errors: [...errors].map(([file, message]) => ({ file, message })),
    perFileMedianMs: perFile.map((t) => median(t)),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

if (!process.send) {
  // Run by hand: the warm passes in a row.
  for (let i = 0; i < warmPasses; i++) {
    gc();
    passes.push(await pass(lint, perFile, errors));
  }
  if (parseOnly) for (let i = 0; i < warmPasses; i++) parsePasses.push((await pass(parseOnly, scratch, errors)).ms);
  fs.writeFileSync(outFile, JSON.stringify(report()));
} else {
  process.on('message', async (msg) => {
    if (msg.cmd === 'pass') {
      gc();
      const p = await pass(lint, perFile, errors);
      passes.push(p);
      process.send({ type: 'pass', ms: p.ms });
    } else if (msg.cmd === 'parse') {
      gc();
      const ms = parseOnly ? (await pass(parseOnly, scratch, errors)).ms : NaN;
      if (parseOnly) parsePasses.push(ms);
      process.send({ type: 'parse', ms });
    } else if (msg.cmd === 'finish') {
      fs.writeFileSync(outFile, JSON.stringify(report()));
      process.disconnect();
    }
  });
  process.send({ type: 'ready', cold: first.ms });
}

// Shared pieces of the benchmark: the fixed file set, the engine bundle, machine facts and statistics.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.dirname(BENCH_DIR);
/**
 * Scratch space: the engine bundle, the file manifest, child reports, generated inputs, profiles. Under
 * node_modules/.cache so git, ESLint and tsc leave it alone, and still inside the package, so the bundled
 * engine finds rules/ and the grammars by walking up to package.json as it does from dist/.
 */
export const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'backend-coach-bench');
export const ENGINE_BUNDLE = path.join(CACHE_DIR, 'engine.cjs');
export const MANIFEST = path.join(CACHE_DIR, 'files.json');
export const ESLINT_CONFIG = path.join(BENCH_DIR, 'eslint.bench.config.mjs');

// ------------------------------------------------------------------------------------------ file set

/**
 * The real-world code both tools are timed on: the .js/.cjs/.mjs files under these folders of installed
 * packages, in this order, each folder's files sorted by path, until TOTAL_CAP_BYTES is reached (the
 * file that crosses the cap is the last one taken). Versions are read from each package.json and
 * written to RESULTS.md, so a change of the set shows up there.
 */
export const FILE_SET_ROOTS = [
  'mocha/lib',
  'yaml/dist',
  'ajv/dist',
  'semver',
  'qs/lib',
  'js-yaml/lib',
  'commander/lib',
  'jsonwebtoken',
  'form-data/lib',
  'chokidar',
  'cheerio/dist/commonjs',
  'fast-glob/out',
  'minimatch/dist/commonjs',
  'eslint/lib/rules', // last: it fills the set up to the cap
];
export const TOTAL_CAP_BYTES = 3_000_000;
export const MAX_FILE_BYTES = 200_000;
/** A line this long means minified or generated code: such files are left out of the set. */
export const MAX_LINE_CHARS = 1_000;

function listJs(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name === 'test' || e.name === 'tests') continue;
      out.push(...listJs(full));
    } else if (e.isFile() && /\.(c|m)?js$/.test(e.name) && !/\.min\.(c|m)?js$/.test(e.name)) out.push(full);
  }
  return out;
}

function packageOf(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const json = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      return { dir, json };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Node's own rule: .mjs and .cjs say it; a .js file follows the nearest package.json "type". */
function moduleKind(file) {
  if (file.endsWith('.mjs')) return 'module';
  if (file.endsWith('.cjs')) return 'commonjs';
  return packageOf(file)?.json.type === 'module' ? 'module' : 'commonjs';
}

function packageName(root) {
  return root.startsWith('@') ? root.split('/').slice(0, 2).join('/') : root.split('/')[0];
}

/** Selects the file set and describes it. Deterministic for a given node_modules. */
export function selectFiles() {
  const nm = path.join(ROOT, 'node_modules');
  const files = [];
  const packages = [];
  const excluded = { tooLarge: 0, longLines: 0 };
  let total = 0;
  for (const root of FILE_SET_ROOTS) {
    const dir = path.join(nm, root);
    if (!fs.existsSync(dir)) {
      packages.push({ root, missing: true });
      continue;
    }
    const pkg = packageName(root);
    const version = JSON.parse(fs.readFileSync(path.join(nm, pkg, 'package.json'), 'utf8')).version;
    let count = 0;
    let bytes = 0;
    for (const abs of listJs(dir).sort()) {
      if (total >= TOTAL_CAP_BYTES) break;
      const size = fs.statSync(abs).size;
      if (size > MAX_FILE_BYTES) {
        excluded.tooLarge++;
        continue;
      }
      const text = fs.readFileSync(abs, 'utf8');
      if (text.split('\n').some((l) => l.length > MAX_LINE_CHARS)) {
        excluded.longLines++;
        continue;
      }
      const rel = path.relative(nm, abs).split(path.sep).join('/');
      files.push({ rel, abs, bytes: size, lines: text.split('\n').length, sourceType: moduleKind(abs) });
      count++;
      bytes += size;
      total += size;
    }
    packages.push({ root, name: pkg, version, files: count, bytes });
  }
  return { files, packages, excluded, totalBytes: total, totalLines: files.reduce((n, f) => n + f.lines, 0) };
}

// ------------------------------------------------------------------------------------------ engine

/**
 * Bundles src/core with esbuild into <CACHE_DIR>/engine.cjs, as the CLI and extension bundles are
 * built, so the bench times the same kind of code that ships (and needs no TypeScript loader).
 * The bundle lives under the package root, so the engine finds rules/ and the grammars as usual.
 */
export async function buildEngineBundle() {
  const esbuild = await import('esbuild');
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: [
        "export { Engine, skipReason } from './src/core/engine';",
        "export { parse, parserFor } from './src/core/parsing/parser';",
        "export { AnalysisCache } from './src/core/incremental';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-engine-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: ENGINE_BUNDLE,
    sourcemap: 'linked', // so --cpu-prof profiles point at src/core
    logLevel: 'warning',
  });
  return ENGINE_BUNDLE;
}

// ------------------------------------------------------------------------------------------ machine

export function machineInfo() {
  const cpus = os.cpus();
  let git;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
    git = `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    git = 'no commit yet';
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    git,
  };
}

// ------------------------------------------------------------------------------------------ statistics

export function median(xs) {
  return quantile(xs, 0.5);
}

/** Quantile by linear interpolation between closest ranks (p in [0, 1]). */
export function quantile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** A small deterministic PRNG (mulberry32), so generated files and edit sequences are the same each run. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  return next;
}

export const MB = 1_000_000;
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

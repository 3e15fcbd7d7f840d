// Summarises a V8 CPU profile written by `node bench/run.mjs --profile` (node_modules/.cache/backend-coach-bench/profiles/*.cpuprofile):
// self time per function, mapped back to src/ through the engine bundle's source map.
//   node bench/lib/profile-summary.mjs node_modules/.cache/backend-coach-bench/profiles/incremental.cpuprofile [top=25]
//   BENCH_MAP=path/to/bundle.js.map node bench/lib/profile-summary.mjs <profile>   (another bundle)
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { ENGINE_BUNDLE, ROOT } from './common.mjs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/lib/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
// The engine bundle's map by default; BENCH_MAP=<bundle>.js.map for another bundle (an unminified CLI build).
const mapFile = process.env.BENCH_MAP ? path.resolve(process.env.BENCH_MAP) : `${ENGINE_BUNDLE}.map`;
const bundle = mapFile.replace(/\.map$/, '');
const map = fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : undefined;

// Sample counts → self time per node.
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);

function where(cf) {
  const url = cf.url.replace(/^file:\/\//, '');
  if (map && url === bundle) {
    const e = map.findEntry(cf.lineNumber, cf.columnNumber);
    if (e?.originalSource) return `${path.relative(ROOT, e.originalSource.replace(/^file:\/\//, '').replace(/^(\.\.\/)+/, ''))}:${e.originalLine + 1}`;
  }
  if (!url) return '(native)';
  return `${path.relative(ROOT, url)}:${cf.lineNumber + 1}`;
}

const self = new Map();
const byFile = new Map();
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  if (!t) continue;
  const cf = node.callFrame;
  const loc = where(cf);
  const key = `${cf.functionName || '(anonymous)'}  ${loc}`;
  self.set(key, (self.get(key) ?? 0) + t);
  const f = loc.replace(/:\d+$/, '');
  byFile.set(f, (byFile.get(f) ?? 0) + t);
}

const show = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled\n\nSelf time by function:\n${show(self, top)}\n\nSelf time by file:\n${show(byFile, 15)}`);

// Child process of bench/run.mjs: re-analysis of a 5,000-line file after single-character edits.
//   node bench/lib/incremental.mjs <edits> <full runs> <budget seconds> <out.json>
// The edit loop stops early (and says so) once it has used the budget, so a slow engine cannot make the
// bench run for ever.
// The file is generated (bench/lib/generate-backend.mjs); the edits are a fixed pseudo-random sequence
// of what typing does: a letter typed into an identifier, a string or a comment, a character deleted, and
// now and then a stray "(" that breaks the syntax until the next edit removes it. Edits accumulate, as in
// an editor. Each re-analysis is what the extension does on a change: copy the last tree, `edit` the copy,
// and `engine.analyze(..., { oldTree, keepTree: true, cache })` with the document's AnalysisCache.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { CACHE_DIR, ENGINE_BUNDLE, ROOT, median, quantile, rng } from './common.mjs';
import { generateBackend } from './generate-backend.mjs';

const [editsArg, fullArg, budgetArg, outFile] = process.argv.slice(2);
const BUDGET_MS = Number(budgetArg) * 1000;
const EDITS = Number(editsArg);
const FULL_RUNS = Number(fullArg);
const LINES = 5000;
const require = createRequire(path.join(ROOT, 'package.json'));
const { Engine, parse, AnalysisCache } = require(ENGINE_BUNDLE);

const FILE = path.join(CACHE_DIR, 'backend-5000.js');
const base = generateBackend(LINES);
fs.mkdirSync(CACHE_DIR, { recursive: true });
fs.writeFileSync(FILE, base); // for looking at, and for profiling by hand

const KEYWORDS = new Set(
  'async await break case catch class const continue default delete do else export extends false finally for function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while yield require module'.split(' '),
);

/** Tree-sitter point of a UTF-16 index (the generated file is ASCII, so columns are also bytes). */
function pointAt(text, index) {
  const before = text.lastIndexOf('\n', index - 1);
  let row = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) row++;
  return { row, column: index - (before + 1) };
}

/** The fixed edit sequence: [{ kind, index, deleted, inserted }], applied in order. */
function planEdits(text, count) {
  const r = rng(7);
  const edits = [];
  let repair;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const apply = (e) => {
    text = text.slice(0, e.index) + e.inserted + text.slice(e.index + e.deleted);
    const delta = e.inserted.length - e.deleted;
    for (let l = 0; l < lineStarts.length; l++) if (lineStarts[l] > e.index) lineStarts[l] += delta;
    edits.push(e);
  };
  const letter = () => 'abcdefghijklmnopqrstuvwxyz'[r.int(26)];
  const isComment = (l) => /^\s*(\/\/|\/\*|\*)/.test(l);
  // Each kind of edit picks random lines until one has a place for it.
  const kinds = [
    // type a letter inside an identifier (not a keyword: `consxt` would be a different edit)
    [0.35, (l) => {
      const ids = [...l.matchAll(/[A-Za-z_$][\w$]+/g)].filter((m) => !KEYWORDS.has(m[0]));
      if (isComment(l) || !ids.length) return undefined;
      const m = r.pick(ids);
      return { kind: 'identifier', at: m.index + 1 + r.int(m[0].length - 1), deleted: 0, inserted: letter() };
    }],
    // type a letter inside a string literal
    [0.25, (l) => {
      const strs = [...l.matchAll(/'([^'\\\n]+)'|"([^"\\\n]+)"/g)];
      if (isComment(l) || !strs.length) return undefined;
      const m = r.pick(strs);
      return { kind: 'string', at: m.index + 1 + r.int(m[0].length - 2), deleted: 0, inserted: letter() };
    }],
    // delete a character from the middle of a longer identifier
    [0.2, (l) => {
      const ids = [...l.matchAll(/[A-Za-z_$][\w$]{4,}/g)].filter((m) => !KEYWORDS.has(m[0]));
      if (isComment(l) || !ids.length) return undefined;
      const m = r.pick(ids);
      return { kind: 'delete', at: m.index + 1 + r.int(m[0].length - 2), deleted: 1, inserted: '' };
    }],
    // type at the end of a comment line
    [0.1, (l) => (isComment(l) ? { kind: 'comment', at: l.length, deleted: 0, inserted: letter() } : undefined)],
    // a stray "(" at the end of a code line: a syntax error until the next edit takes it out
    [0.1, (l) => (l.trim() && !isComment(l) ? { kind: 'syntax-error', at: l.length, deleted: 0, inserted: '(' } : undefined)],
  ];
  while (edits.length < count) {
    if (repair) {
      apply(repair);
      repair = undefined;
      continue;
    }
    let roll = r();
    const make = kinds.find(([weight]) => (roll -= weight) < 0)?.[1] ?? kinds[0][1];
    for (;;) {
      const line = r.int(lineStarts.length - 1);
      const start = lineStarts[line];
      const e = make(text.slice(start, lineStarts[line + 1] - 1));
      if (!e) continue;
      const edit = { kind: e.kind, index: start + e.at, deleted: e.deleted, inserted: e.inserted };
      apply(edit);
      if (e.kind === 'syntax-error') repair = { kind: 'repair', index: edit.index, deleted: 1, inserted: '' };
      break;
    }
  }
  return edits;
}

/** Applies `e` to `text` and describes it as tree-sitter's `Tree.edit` wants. */
function step(text, e) {
  const next = text.slice(0, e.index) + e.inserted + text.slice(e.index + e.deleted);
  const delta = {
    startIndex: e.index,
    oldEndIndex: e.index + e.deleted,
    newEndIndex: e.index + e.inserted.length,
    startPosition: pointAt(text, e.index),
    oldEndPosition: pointAt(text, e.index + e.deleted),
    newEndPosition: pointAt(next, e.index + e.inserted.length),
  };
  return { next, delta };
}

const engine = Engine.create();
const name = FILE;

// Full (non-incremental) analysis and parse of the base file: the first run, then warm runs.
let t = performance.now();
const first = await engine.analyze(name, base);
const fullFirstMs = performance.now() - t;
const baseFindings = first.findings.length;
const findingsByRule = {};
for (const f of first.findings) findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
first.tree?.delete();
const fullMs = [];
const fullParseMs = [];
for (let i = 0; i < FULL_RUNS; i++) {
  t = performance.now();
  const r = await engine.analyze(name, base);
  fullMs.push(performance.now() - t);
  r.tree?.delete();
  t = performance.now();
  const tree = await parse('javascript', base);
  fullParseMs.push(performance.now() - t);
  tree.delete();
}

const edits = planEdits(base, EDITS);

// Incremental re-analysis after each edit.
const errors = [];
const incrementalMs = [];
const byKind = {};
const findingsByKind = {};
let last;
const findingCounts = [];
let text = base;
// keepTree: the caller owns the returned tree (older engines always returned it); a missing tree is an
// API break the bench reports rather than hides.
// One cache per document, as the extension keeps one (statements an edit did not touch are reused).
const cache = AnalysisCache ? new AnalysisCache() : undefined;
let tree = (await engine.analyze(name, base, { keepTree: true, cache })).tree;
if (!tree) throw new Error('engine.analyze(..., { keepTree: true }) returned no tree: cannot re-analyse incrementally');
const loopStart = performance.now();
const done = [];
for (const e of edits) {
  if (performance.now() - loopStart > BUDGET_MS) break;
  done.push(e);
  const { next, delta } = step(text, e);
  t = performance.now();
  const old = tree.copy();
  old.edit(delta);
  let result;
  try {
    result = await engine.analyze(name, next, { oldTree: old, keepTree: true, cache });
  } catch (err) {
    errors.push(`${e.kind} at ${e.index}: ${String(err?.message ?? err)}`);
  }
  const ms = performance.now() - t;
  old.delete();
  incrementalMs.push(ms);
  (byKind[e.kind] ??= []).push(ms);
  if (result) (findingsByKind[e.kind] ??= []).push(result.findings.length);
  if (result) last = result;
  if (result?.tree) {
    tree.delete();
    tree = result.tree;
    findingCounts.push(result.findings.length);
  } else {
    // the engine threw: start the next edit from a fresh tree of the current text
    tree.delete();
    tree = await parse('javascript', next);
  }
  text = next;
}
tree.delete();

// Incremental parsing must not change what is found: the last re-analysis against a fresh full analysis
// of the final text.
const key = (r) => JSON.stringify(r.findings.map((f) => [f.ruleId, f.range, f.message]));
const fresh = await engine.analyze(name, text);
fresh.tree?.delete();
const sameAsFull = last ? key(last) === key(fresh) : false;

// The same edits, parse only: how much of a re-analysis is tree-sitter's incremental parse.
const incrementalParseMs = [];
text = base;
tree = await parse('javascript', base);
for (const e of done) {
  const { next, delta } = step(text, e);
  t = performance.now();
  const old = tree.copy();
  old.edit(delta);
  const nextTree = await parse('javascript', next, old);
  incrementalParseMs.push(performance.now() - t);
  old.delete();
  tree.delete();
  tree = nextTree;
  text = next;
}
tree.delete();

const summary = (xs) => ({ n: xs.length, p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });
fs.writeFileSync(
  outFile,
  JSON.stringify({
    lines: base.split('\n').length,
    chars: base.length,
    file: path.relative(ROOT, FILE),
    baseFindings,
    findingsByRule,
    fullFirstMs,
    fullMedianMs: median(fullMs),
    fullParseMedianMs: median(fullParseMs),
    fullRuns: FULL_RUNS,
    editsPlanned: edits.length,
    budgetSeconds: BUDGET_MS / 1000,
    incremental: summary(incrementalMs),
    incrementalParse: summary(incrementalParseMs),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, { ...summary(xs), findings: findingsByKind[k] ? [Math.min(...findingsByKind[k]), Math.max(...findingsByKind[k])] : ['?', '?'] }])),
    findingRange: [Math.min(...findingCounts), Math.max(...findingCounts)],
    sameAsFull,
    finalFindings: { incremental: last?.findings.length, full: fresh.findings.length },
    errors,
  }),
);

import type { SyntaxNode } from './parsing/parser';
import { declaresSomething } from './flow/analyzer';
import type { Finding, Range } from './types';

/**
 * Re-analysis after an edit reuses the results of every top-level statement whose text, and the text of
 * everything it depends on, did not change. A statement depends on the file's declarations (imports,
 * constants, assignments) and on the functions and classes of the file it mentions by name, transitively.
 * Results are kept with the table of statement positions they were computed against, and moved to the
 * statements' new positions when reused; a result that points anywhere that cannot be followed is not
 * reused. The caller keeps one cache per document.
 */
export class AnalysisCache {
  /** Per rule group: results by statement key; only those used or made by the last analysis are kept. */
  readonly groups = new Map<string, Map<string, CachedUnit>>();
}

interface CachedUnit {
  findings: Finding[];
  table: UnitTable;
}

/** Where each top-level statement was when results were computed. */
interface UnitTable {
  starts: number[];
  ends: number[];
  rows: number[];
  columns: number[];
  hashes: string[];
}

export interface Unit {
  index: number;
  start: number;
  end: number;
  row: number;
  column: number;
  hash: string;
}

export interface UnitPlan {
  units: Unit[];
  keys: string[];
  table: UnitTable;
  /** Units whose results come from the cache. */
  reused: Map<number, Finding[]>;
}

/** FNV-1a, 52 bits: enough to tell statements apart, cheap enough to run on every keystroke. */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  return h1.toString(36) + (h2 & 0xfffff).toString(36) + ':' + text.length;
}

const FUNCTION_LIKE = /^(function_declaration|generator_function_declaration|function_definition|decorated_definition|class_declaration|abstract_class_declaration|class_definition)$/;

/** Names a top-level statement declares as a function or class (`function f`, `const f = () =>`, `class C`). */
function declaredNames(node: SyntaxNode): string[] {
  const decl = node.type === 'export_statement' ? node.childForFieldName('declaration') : node;
  if (!decl) return [];
  if (FUNCTION_LIKE.test(decl.type)) {
    const def = decl.type === 'decorated_definition' ? decl.childForFieldName('definition') : decl;
    const name = def?.childForFieldName('name')?.text;
    return name ? [name] : [];
  }
  if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration') {
    return decl.namedChildren
      .filter((d) => d?.type === 'variable_declarator' && /^(arrow_function|function_expression|function|class)$/.test(d.childForFieldName('value')?.type ?? ''))
      .map((d) => d?.childForFieldName('name')?.text ?? '')
      .filter(Boolean);
  }
  return [];
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/** Works out which top-level statements can reuse cached results, and the key of each. */
export function planUnits(
  root: SyntaxNode,
  text: string,
  groupKey: string,
  cache: AnalysisCache,
  /** Messages name lines ("line 12"): render a moved finding's message again from its new trace. */
  rerender: (before: Finding, moved: Finding) => string,
): UnitPlan {
  const nodes = root.namedChildren.filter((n): n is SyntaxNode => !!n);
  const units: Unit[] = nodes.map((n, index) => ({
    index,
    start: n.startIndex,
    end: n.endIndex,
    row: n.startPosition.row,
    column: n.startPosition.column,
    hash: hashText(text.slice(n.startIndex, n.endIndex)),
  }));
  const names = nodes.map(declaredNames);
  const owner = new Map<string, number>();
  names.forEach((list, i) => list.forEach((n) => owner.set(n, i)));
  // Declarations everyone sees: everything that declares something but is not a function or class.
  const context = hashText(units.filter((u, i) => declaresSomething(nodes[i]) && names[i].length === 0).map((u) => u.hash).join(','));
  // Which of those names each statement mentions: one pass over its identifiers.
  const direct = units.map((u) => {
    const refs = new Set<number>();
    if (owner.size) {
      IDENTIFIER.lastIndex = u.start;
      for (let m = IDENTIFIER.exec(text); m && m.index < u.end; m = IDENTIFIER.exec(text)) {
        const i = owner.get(m[0]);
        if (i !== undefined && i !== u.index) refs.add(i);
      }
    }
    return refs;
  });
  const closure = (i: number): number[] => {
    const seen = new Set<number>([i]);
    const stack = [i];
    while (stack.length) {
      for (const r of direct[stack.pop() as number]) {
        if (seen.has(r)) continue;
        seen.add(r);
        stack.push(r);
      }
    }
    return [...seen].sort((a, b) => a - b);
  };
  const keys = units.map((u) => `${context}|${closure(u.index).map((i) => units[i].hash).join(',')}`);
  const table: UnitTable = {
    starts: units.map((u) => u.start),
    ends: units.map((u) => u.end),
    rows: units.map((u) => u.row),
    columns: units.map((u) => u.column),
    hashes: units.map((u) => u.hash),
  };
  const byHash = new Map<string, Unit | null>();
  for (const u of units) byHash.set(u.hash, byHash.has(u.hash) ? null : u); // a repeated statement is ambiguous
  const reused = new Map<number, Finding[]>();
  const entries = cache.groups.get(groupKey);
  keys.forEach((key, i) => {
    const entry = entries?.get(key);
    if (!entry) return;
    const moved = entry.findings.map((f) => moveFinding(f, entry.table, byHash));
    if (moved.every((f): f is Finding => !!f)) reused.set(i, moved.map((m, k) => ({ ...m, message: rerender(entry.findings[k], m) })));
  });
  return { units, keys, table, reused };
}

/** Keeps exactly the results of this analysis for the next one. */
export function storeUnits(cache: AnalysisCache, groupKey: string, plan: UnitPlan, fresh: Map<number, Finding[]>): void {
  const previous = cache.groups.get(groupKey);
  const next = new Map<string, CachedUnit>();
  for (const u of plan.units) {
    const key = plan.keys[u.index];
    const reused = plan.reused.has(u.index) ? previous?.get(key) : undefined;
    if (reused) next.set(key, reused);
    else next.set(key, { findings: fresh.get(u.index) ?? [], table: plan.table });
  }
  cache.groups.set(groupKey, next);
}

// ---------------------------------------------------------------- moving results

function containing(table: UnitTable, offset: number): number {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < table.starts[mid]) hi = mid - 1;
    else if (offset > table.ends[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

type Mover = { offset: (o: number) => number; position: (line: number, column: number) => { line: number; column: number } };

function moverFor(table: UnitTable, offset: number, byHash: Map<string, Unit | null>): Mover | undefined {
  const i = containing(table, offset);
  if (i < 0) return undefined;
  const target = byHash.get(table.hashes[i]);
  if (!target) return undefined;
  const shift = target.start - table.starts[i];
  const rowShift = target.row - table.rows[i];
  const firstRow = table.rows[i];
  const colShift = target.column - table.columns[i];
  return {
    offset: (o) => o + shift,
    position: (line, column) => ({ line: line + rowShift, column: line === firstRow ? column + colShift : column }),
  };
}

function moveFinding(f: Finding, table: UnitTable, byHash: Map<string, Unit | null>): Finding | undefined {
  const moveRange = (r: Range, anchor: number): Range | undefined => {
    const m = moverFor(table, anchor, byHash);
    if (!m) return undefined;
    return { start: m.position(r.start.line, r.start.column), end: m.position(r.end.line, r.end.column) };
  };
  const anchorOf = (r: Range) => offsetOf(table, r.start.line, r.start.column);
  const range = moveRange(f.range, anchorOf(f.range));
  if (!range) return undefined;
  const trace = [];
  for (const step of f.trace) {
    const moved = moveRange(step.range, anchorOf(step.range));
    if (!moved) return undefined;
    trace.push({ ...step, range: moved });
  }
  let fix = f.fix;
  if (fix) {
    const edits = [];
    for (const e of fix.edits) {
      const m = moverFor(table, e.start, byHash);
      if (!m || containing(table, e.end) !== containing(table, e.start)) return undefined;
      edits.push({ ...e, start: m.offset(e.start), end: m.offset(e.end) });
    }
    fix = { ...fix, edits };
  }
  return { ...f, range, trace, fix };
}

/**
 * A statement's offset from a line and column: only lines inside statements are ever asked for, and a
 * statement's text is unchanged, so its first row and column anchor it.
 */
function offsetOf(table: UnitTable, line: number, column: number): number {
  // The last statement starting at or before this position.
  let lo = 0;
  let hi = table.rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (table.rows[mid] < line || (table.rows[mid] === line && table.columns[mid] <= column)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return -1;
  // Inside that statement the exact offset does not matter, only which statement it is.
  return table.starts[found];
}

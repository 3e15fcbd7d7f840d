import type { TraceStep } from '../types';

/** Marks an unknown part inside the constant text of a built string. */
export const HOLE = '\u0000';

/** Engine-defined label for values whose content is not known: parameters, unknown calls, globals. */
export const DYNAMIC = 'dynamic';

/** Where a value comes from: a package import (`module` set) or a syntactic root (`segments[0]`). */
export interface Origin {
  module?: string;
  segments: string[];
  /** The syntactic path as written where the value was made (`Person.objects`), also for imports. */
  local?: string[];
}

export function localPath(o: Origin): string[] {
  return o.local ?? o.segments;
}

export interface Taint {
  label: string;
  /** The source expression as written, for messages ("req.query.id"). */
  source: string;
  trace: TraceStep[];
}

/** A function the analysis can step into: its syntax node and the scope it closes over. */
export interface FunctionRef {
  node: unknown;
  closure: unknown;
  /** For methods: the class they belong to, so `this.x` resolves to its fields. */
  classInfo?: unknown;
}

/**
 * The abstract value of an expression. A value with no taints is constant as far as the rules care.
 * `text` keeps the constant parts of a string with HOLE where unknown parts go, so rules can ask
 * "does this look like SQL?" even when the string was assembled over several statements.
 */
export interface Value {
  taints: Taint[];
  text: string;
  /** Assembled from parts (concatenation, template, format, join) with at least one non-constant part. */
  built: boolean;
  origin?: Origin;
  /** Object literal members, for sinks that take `{ text, values }`. */
  props?: Map<string, Value>;
  /** An array, set or object literal made only of constants: an allow-list. */
  constCollection?: boolean;
  /** Array/list literal members, so `[...].join(' ')` keeps its text. */
  elements?: Value[];
  fn?: FunctionRef;
  /** A class of this file: its fields and methods, inherited by subclasses. */
  classInfo?: unknown;
}

export function constant(text = ''): Value {
  return { taints: [], text, built: false };
}

export function unknown(label: string, source: string, trace: TraceStep[], origin?: Origin): Value {
  return { taints: [{ label, source, trace }], text: HOLE, built: false, origin };
}

export function isConstant(v: Value): boolean {
  return v.taints.length === 0;
}

export function mergeTaints(...lists: Taint[][]): Taint[] {
  const out: Taint[] = [];
  for (const list of lists) for (const t of list) if (!out.some((o) => o.label === t.label)) out.push(t);
  return out;
}

/** String concatenation: texts append, taints unite, and a non-constant part makes the result "built". */
export function concat(parts: Value[]): Value {
  const taints = mergeTaints(...parts.map((p) => p.taints));
  const text = parts.map((p) => (isConstant(p) ? p.text : p.text.includes(HOLE) ? p.text : HOLE)).join('');
  const built = parts.length > 1 && taints.length > 0 ? true : parts.some((p) => p.built);
  return { taints, text, built };
}

/** Control-flow merge: either value may arrive. */
export function join(a: Value | undefined, b: Value | undefined): Value {
  if (!a) return b ?? constant();
  if (!b || a === b) return a;
  return {
    taints: mergeTaints(a.taints, b.taints),
    text: a.text === b.text ? a.text : `${a.text}\n${b.text}`,
    built: a.built || b.built,
    origin: a.origin ?? b.origin,
    constCollection: a.constCollection && b.constCollection,
    fn: a.fn ?? b.fn,
    props: a.props ?? b.props,
  };
}

/** A value that keeps an object's identity (origin) and taints but is not a string we know. */
export function derived(from: Value, origin: Origin | undefined): Value {
  return { taints: from.taints, text: HOLE, built: from.built, origin };
}

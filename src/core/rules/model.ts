import type { RuleSource, RuleTests, Severity } from '../types';

// The shape of a rule once loaded and validated (schemas/rule.schema.json describes the YAML side).

/**
 * Names a call, a value or a decorator by what it IS, not what it is called locally.
 * - `module` + `path`: the value is imported from `module` (require/import/from-import) and reached by the
 *   member path `path` from the import (calls and `new` are transparent: `new Pool().query` is `Pool.query`).
 * - `name`: the value could not be tied to an import (or `module` is absent); `name` is matched against its
 *   syntactic path (`this.db.query`, `cursor.execute`).
 * Paths are dot-separated globs: `*` one segment, `**` any number, `{a,b}` alternatives, `?`/`*` inside a
 * segment as in file globs.
 */
export interface ValuePattern {
  module?: string[];
  path?: string;
  name?: string;
  /** false: only values NOT tied to a package import; true: only values that are. */
  resolved?: boolean;
  /** Not when the path from the import also matches this (`**.prepare.**`: a prepared statement's own calls). */
  exceptPath?: string;
  /** Not values of these packages (a catch-all rule leaves them to the rules written for them). */
  exceptModule?: string[];
}

export interface SourceSpec {
  label: string;
  /** A member chain seen in the code, e.g. `{req,request}.{body,query}`; matches it and anything under it. */
  member?: string;
  /** An imported value, e.g. Flask's `request.args`. */
  value?: ValuePattern;
  /** Every parameter of a function decorated by (Python) or passed as a callback to (JS) this call. */
  parameterOf?: ValuePattern;
  /** Parameter names to leave out when `parameterOf` applies (e.g. `db`, `session`). */
  exceptParameters?: string[];
}

export interface SanitizerSpec {
  call?: ValuePattern;
  /** The call sanitises only when its first argument's constant text matches (pg-format's `%L`, not `%s`). */
  whenText?: string;
  /** Tagged templates whose tag parameterises what it embeds (`sql\`...\``). */
  tag?: ValuePattern;
  /** Parameters whose declared type makes injection impossible (`id: number`, `id: int`). */
  type?: string;
  /** The call sanitises only with this keyword argument (Flask's `request.args.get('n', type=int)`). */
  keyword?: { name: string; value: string };
  /** The call cleans its arguments, but its result is only as safe as its receiver (`SQL(x).format(y)`). */
  argumentsOnly?: boolean;
}

export type ValueStyle =
  | 'array-argument'
  | 'tuple-argument'
  | 'list-argument'
  | 'replacements-option'
  | 'named-object-argument'
  | 'bindparams'
  | 'input-chain'
  | 'tagged-template';

export interface FixSpec {
  strategy: 'parameterise';
  /** `$n` → $1, $2; `?`; `%s`; `@name` / `:name` → named from the value's expression. */
  placeholder: string;
  values: ValueStyle;
  /** For `tagged-template`: the method or function the call becomes (`$queryRaw`, `Prisma.sql`). */
  rename?: string;
  title?: string;
}

export interface SinkSpec {
  call: ValuePattern;
  /** Which argument carries the SQL text: an index, a keyword (Python), or `0.text` for a property of it. */
  argument: string;
  /** The constant text of the argument must match this regular expression (case-insensitive). */
  text?: string;
  /** The argument is a SQL fragment (ORDER BY, literal): any non-constant value counts, even passed through. */
  fragment?: boolean;
  fix?: FixSpec;
}

export interface TierSpec {
  label: string;
  severity: Severity;
  /** `built`: only when the string was assembled from parts (a pass-through parameter is not evidence). */
  when?: 'built';
  message?: string;
}

export interface TaintMatch {
  kind: 'taint';
  sources: SourceSpec[];
  sanitizers: SanitizerSpec[];
  sinks: SinkSpec[];
  tiers: TierSpec[];
}

/** A structural match: a raw tree-sitter query; the capture named `@finding` is reported. */
export interface QueryMatch {
  kind: 'query';
  query: string;
  /** Captures whose text must match a regular expression (`method: "^(query|execute)$"`), kept out of the query. */
  where?: Record<string, string>;
  /** The finding must sit in the body of one of these node types (a loop), without a function in between. */
  inside?: string[];
}

export type MatchSpec = TaintMatch | QueryMatch;

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  languages: string[];
  cwe: string[];
  owasp: string[];
  references: string[];
  checklist?: string;
  message: string;
  docs: string;
  match: MatchSpec;
  fix?: FixSpec;
  tests: RuleTests;
  source: RuleSource;
  /** Hint-level rules are off unless reviewer mode is on. */
  enabled: boolean;
}

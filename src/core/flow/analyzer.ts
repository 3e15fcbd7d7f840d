import type { SyntaxNode } from '../parsing/parser';
import type { SanitizerSpec, SinkSpec, SourceSpec, TierSpec } from '../rules/model';
import type { Range, TraceStep } from '../types';
import { matchesValue, memberPrefix } from './match-value';
import { Scope } from './scope';
import {
  concat,
  constant,
  derived,
  DYNAMIC,
  HOLE,
  isConstant,
  join,
  localPath,
  mergeTaints,
  unknown,
  type FunctionRef,
  type Origin,
  type Taint,
  type Value,
} from './value';
import { pyStringValue, jsStringValue, pyFormatText, braceFormatText } from './strings';

/** `^...$` with no `.`-style wildcard: the value is confined to the characters the pattern names. */
function isAnchoredRegex(pattern: string): boolean {
  return /^\^/.test(pattern) && /\$$/.test(pattern) && !/(^|[^\\])\.[*+]/.test(pattern);
}

export type Family = 'js' | 'python';

/** What one analysis pass looks for: the rules sharing these sources and sanitizers share the pass. */
export interface FlowConfig {
  sources: SourceSpec[];
  sanitizers: SanitizerSpec[];
  sinks: { ruleId: string; sink: SinkSpec; tiers: TierSpec[] }[];
}

export interface SinkHit {
  ruleId: string;
  sink: SinkSpec;
  tier: TierSpec;
  taint: Taint;
  value: Value;
  call: SyntaxNode;
  argument: SyntaxNode;
  calleeText: string;
  /** Call sites the data went through to get here (outermost first). */
  via: TraceStep[];
}

interface ClassInfo {
  fields: Map<string, Value>;
  methods: Map<string, SyntaxNode>;
}

interface Frame {
  returns?: Value;
  classInfo?: ClassInfo;
  selfName?: string; // Python: the first parameter of a method
  via: TraceStep[];
  depth: number;
}

const MAX_CALL_DEPTH = 3;

// Methods of strings and arrays that only rearrange what they are given: their result is as constant as
// their inputs. Anything else called on unknown data yields unknown data.
const PURE_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase',
  'slice', 'substring', 'substr', 'replace', 'replaceAll', 'padStart', 'padEnd', 'concat', 'join', 'split',
  'toString', 'normalize', 'repeat', 'at', 'charAt', 'map', 'filter', 'flat', 'reverse', 'sort', 'valueOf',
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'capitalize', 'casefold', 'format', 'encode', 'decode',
]);
const NUMERIC_MEMBERS = new Set(['length', 'size', 'byteLength']);
const NUMERIC_METHODS = new Set(['indexOf', 'lastIndexOf', 'includes', 'has', 'startsWith', 'endsWith', 'test', 'count', 'find_index']);
const NEVER_RETURNS = new Set(['abort', 'flask.abort', 'sys.exit', 'exit', 'os._exit', 'process.exit', 'raise_http_error']);
const CONSTANT_GLOBALS = new Set(['undefined', 'NaN', 'Infinity', 'None', 'True', 'False', 'null']);

/** Runs one flow configuration over one file's tree and returns what reached the sinks. */
export class FlowAnalyzer {
  /** Hits by the top-level statement whose analysis produced them, so each statement's results can be cached. */
  private readonly hits = new Map<number, Map<string, SinkHit>>();
  /** The top-level statement being analysed (its index among the root's children). */
  private unit = -1;
  private skip: ReadonlySet<number> = new Set();
  private readonly pending: PendingFunction[] = [];
  private readonly pendingByNode = new Map<number, PendingFunction>();
  private readonly analysedStandalone = new Set<number>();
  private readonly callStack = new Set<number>();
  private readonly memo = new Map<string, Value>();

  constructor(
    private readonly root: SyntaxNode,
    private readonly family: Family,
    private readonly config: FlowConfig,
  ) {
    // Sinks indexed by the method name they end in, so a call is only tested against its candidates.
    for (const entry of config.sinks) {
      const names = new Set<string>();
      let wildcard = false;
      for (const pattern of [entry.sink.call.module ? (entry.sink.call.path ?? '') : undefined, entry.sink.call.name]) {
        if (pattern === undefined) continue;
        const last = lastSegmentNames(pattern);
        if (last) last.forEach((n) => names.add(n));
        else wildcard = true;
      }
      if (wildcard) this.anyNameSinks.push(entry);
      for (const n of names) this.sinksByName.set(n, [...(this.sinksByName.get(n) ?? []), entry]);
    }
  }

  private readonly sinksByName = new Map<string, FlowConfig['sinks']>();
  private readonly anyNameSinks: FlowConfig['sinks'] = [];

  private candidateSinks(origin: Origin | undefined): FlowConfig['sinks'] {
    if (!origin) return [];
    const a = origin.segments[origin.segments.length - 1];
    const local = localPath(origin);
    const b = local[local.length - 1];
    const out = [...this.anyNameSinks];
    for (const n of a === b ? [a] : [a, b]) if (n !== undefined) out.push(...(this.sinksByName.get(n) ?? []));
    return out;
  }

  /**
   * Analyses the file. `skip` names top-level statements whose results the caller already has (their
   * text and everything they depend on is unchanged): declarations among them still run, to build the
   * module scope others see, but nothing they would report is recorded, and plain statements are not run.
   */
  run(skip: ReadonlySet<number> = new Set()): UnitHits[] {
    this.skip = skip;
    const scope = new Scope();
    const frame: Frame = { via: [], depth: 0 };
    this.hoist(this.root, scope, frame);
    this.root.namedChildren.forEach((stmt, i) => {
      if (!stmt) return;
      this.unit = i;
      if (skip.has(i) && !declaresSomething(stmt)) return;
      this.exec(stmt, scope, frame);
    });
    // Every function is also analysed on its own, with unknown parameters: a helper that pastes its
    // parameter into SQL is not parameterised whoever calls it.
    for (let i = 0; i < this.pending.length; i++) {
      const { fn, sourceParams, paramOrigin, unit } = this.pending[i];
      const node = fn.node as SyntaxNode;
      if (this.analysedStandalone.has(node.id)) continue;
      this.analysedStandalone.add(node.id);
      if (skip.has(unit)) continue;
      this.unit = unit;
      this.analyseStandalone(fn, sourceParams, paramOrigin);
    }
    return [...this.hits].map(([unit, hits]) => ({ unit, hits: [...hits.values()] }));
  }

  // ---------------------------------------------------------------- functions

  private queue(fn: FunctionRef, sourceParams?: ParamSource, paramOrigin?: Origin): void {
    // A function expression is queued when it is evaluated, then again by the call it is passed to,
    // which knows more about its parameters: the later, better-informed entry wins.
    const node = fn.node as SyntaxNode;
    const earlier = this.pendingByNode.get(node.id);
    if (earlier && !this.analysedStandalone.has(node.id)) {
      // What it reports then depends on the statement that passed it (`app.get('/', handler)`): it belongs there.
      if (sourceParams || paramOrigin)
        Object.assign(earlier, { sourceParams: sourceParams ?? earlier.sourceParams, paramOrigin: paramOrigin ?? earlier.paramOrigin, unit: this.unit });
      return;
    }
    const entry: PendingFunction = { fn, sourceParams, paramOrigin, unit: this.unit };
    this.pendingByNode.set(node.id, entry);
    this.pending.push(entry);
  }

  /**
   * Analyses a function on its own. Its parameters are unknown data, request data when it is a route
   * handler (`sourceParams`), or objects of a library when it is that library's callback (`paramOrigin`:
   * `new Brackets((qb) => qb.where(...))`, `pool.connect((err, client) => ...)`).
   */
  private analyseStandalone(fn: FunctionRef, sourceParams?: ParamSource, paramOrigin?: Origin): void {
    const node = fn.node as SyntaxNode;
    const scope = new Scope(fn.closure as Scope);
    const classInfo = fn.classInfo as ClassInfo | undefined;
    const frame: Frame = { via: [], depth: 0, classInfo };
    const params = this.parameters(node);
    if (this.family === 'python' && classInfo && params.length > 0) frame.selfName = params[0].name;
    params.forEach((p, i) => {
      if (!p.name) return;
      if (frame.selfName && i === 0) return;
      let value: Value;
      const typed = p.type ? this.typeValue(p.type, fn.closure as Scope, [p.name]) : undefined;
      if (p.type && this.typeSanitises(p.type)) value = constant();
      else if (sourceParams && !sourceParams.except.includes(p.name))
        value = unknown(sourceParams.label, p.name, [this.step(p.node, `${p.name}: ${sourceParams.source}`)], { segments: [p.name] });
      else {
        const origin = typed ?? (paramOrigin ? { module: paramOrigin.module, segments: paramOrigin.segments, local: [p.name] } : { segments: [p.name] });
        value = unknown(DYNAMIC, p.name, [this.step(p.node, `parameter ${p.name}`)], origin);
      }
      if (typed) value = { ...value, origin: typed };
      this.bindPattern(p.node, value, scope, frame);
    });
    this.execFunctionBody(node, scope, frame);
  }

  private execFunctionBody(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const body = node.childForFieldName('body');
    if (!body) return constant();
    if (body.type === 'statement_block' || body.type === 'block') {
      this.hoist(body, scope, frame);
      this.execBlock(body, scope, frame);
    } else {
      frame.returns = join(frame.returns, this.eval(body, scope, frame)); // arrow with expression body
    }
    return frame.returns ?? constant();
  }

  /** Steps into a function defined in this file with the caller's argument values. */
  private callFunction(fn: FunctionRef, args: Value[], callNode: SyntaxNode, frame: Frame): Value {
    const node = fn.node as SyntaxNode;
    if (frame.depth >= MAX_CALL_DEPTH || this.callStack.has(node.id)) return unknownCall(args, callNode);
    // Per statement too: each top-level statement's results must stand on their own (see run's `skip`).
    const key = `${this.unit}|${node.id}|${args.map(signature).join(',')}`;
    const cached = this.memo.get(key);
    if (cached) return cached;
    this.memo.set(key, unknownCall(args, callNode)); // recursion through another path sees "unknown"
    this.callStack.add(node.id);
    const scope = new Scope(fn.closure as Scope);
    const classInfo = fn.classInfo as ClassInfo | undefined;
    const inner: Frame = {
      via: [...frame.via, this.step(callNode, `through ${functionName(node, this.family) ?? 'a function'}() called here`)],
      depth: frame.depth + 1,
      classInfo,
    };
    const params = this.parameters(node);
    let offset = 0;
    if (this.family === 'python' && classInfo && params.length > 0) {
      inner.selfName = params[0].name;
      offset = 1;
    }
    params.slice(offset).forEach((p, i) => {
      if (p.rest) {
        this.bindPattern(p.node, joinAll(args.slice(i)), scope, inner);
        return;
      }
      let v = args[i];
      if (!v && p.defaultValue) v = this.eval(p.defaultValue, scope, inner);
      if (p.type && this.typeSanitises(p.type)) v = constant();
      this.bindPattern(p.node, v ?? constant(), scope, inner);
    });
    const result = this.execFunctionBody(node, scope, inner);
    this.callStack.delete(node.id);
    this.memo.set(key, result);
    return result;
  }

  private parameters(fnNode: SyntaxNode): Param[] {
    const list = fnNode.childForFieldName('parameters') ?? fnNode.childForFieldName('parameter');
    if (!list) return [];
    if (list.type === 'identifier') return [{ node: list, name: list.text }];
    return list.namedChildren.filter(isNode).flatMap((p): Param[] => describeParam(p));
  }

  private typeSanitises(type: SyntaxNode): boolean {
    const text = type.text.replace(/^:\s*/, '').trim();
    return this.config.sanitizers.some((s) => s.type !== undefined && new RegExp(`^(?:${s.type})$`).test(text));
  }

  /** A parameter typed with an imported class (`repo: Repository<User>`) is an instance of it. */
  private typeValue(type: SyntaxNode, scope: Scope | undefined, local: string[]): Origin | undefined {
    const text = type.text.replace(/^:\s*/, '').trim();
    const name = /^([A-Za-z_$][\w$]*)/.exec(text)?.[1];
    if (!name || !scope) return undefined;
    const v = scope.lookup(name);
    return v?.origin?.module ? { ...v.origin, local } : undefined;
  }

  // ---------------------------------------------------------------- statements

  /** Function declarations are visible before their line, as in both languages at call time. */
  private hoist(block: SyntaxNode, scope: Scope, frame: Frame): void {
    for (const child of block.namedChildren) {
      if (!child) continue;
      const decl = unwrapDeclaration(child);
      if (!decl) continue;
      if (decl.type === 'function_declaration' || decl.type === 'generator_function_declaration' || decl.type === 'function_definition') {
        const name = decl.childForFieldName('name')?.text;
        const fn: FunctionRef = { node: decl, closure: scope, classInfo: frame.classInfo };
        if (name) scope.declare(name, { ...constant(), text: HOLE, fn, origin: { segments: [name] } });
      }
    }
  }

  private execBlock(block: SyntaxNode, scope: Scope, frame: Frame): boolean {
    for (const stmt of block.namedChildren) {
      if (!stmt) continue;
      if (this.exec(stmt, scope, frame)) return true;
    }
    return false;
  }

  /** Executes one statement; returns true when control cannot fall through it (return/throw/...). */
  private exec(stmt: SyntaxNode, scope: Scope, frame: Frame): boolean {
    switch (stmt.type) {
      case 'comment':
      case 'empty_statement':
      case 'pass_statement':
      case 'debugger_statement':
        return false;
      case 'expression_statement':
        for (const c of stmt.namedChildren) if (c) this.eval(c, scope, frame);
        return this.neverReturns(stmt);
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of stmt.namedChildren) {
          if (d?.type !== 'variable_declarator') continue;
          const nameNode = d.childForFieldName('name');
          const init = d.childForFieldName('value');
          if (!nameNode) continue;
          const v = init ? this.eval(init, scope, frame) : constant();
          this.bindPattern(nameNode, v, scope, frame, true);
        }
        return false;
      case 'return_statement': {
        const e = stmt.namedChildren.find((c) => c && c.type !== 'comment');
        frame.returns = join(frame.returns, e ? this.eval(e, scope, frame) : constant());
        return true;
      }
      case 'throw_statement':
      case 'raise_statement':
        for (const c of stmt.namedChildren) if (c) this.eval(c, scope, frame);
        return true;
      case 'break_statement':
      case 'continue_statement':
        return true;
      case 'if_statement':
        return this.execIf(stmt, scope, frame);
      case 'statement_block':
      case 'block':
        return this.execBlock(stmt, scope, frame);
      case 'for_statement':
      case 'for_in_statement':
      case 'while_statement':
      case 'do_statement':
        this.execLoop(stmt, scope, frame);
        return false;
      case 'try_statement':
        return this.execTry(stmt, scope, frame);
      case 'switch_statement':
        this.execSwitch(stmt, scope, frame);
        return false;
      case 'with_statement':
        this.execWith(stmt, scope, frame);
        return false;
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'function_definition': {
        const name = stmt.childForFieldName('name')?.text;
        const fn: FunctionRef = { node: stmt, closure: scope, classInfo: frame.classInfo };
        if (name && !scope.vars.get(name)?.fn) scope.declare(name, { ...constant(), text: HOLE, fn, origin: { segments: [name] } });
        this.queue(fn);
        return false;
      }
      case 'decorated_definition':
        return this.execDecorated(stmt, scope, frame);
      case 'class_declaration':
      case 'class_definition':
      case 'abstract_class_declaration':
        this.execClass(stmt, scope, frame);
        return false;
      case 'export_statement': {
        const decl = stmt.childForFieldName('declaration');
        if (decl) return this.exec(decl, scope, frame);
        const value = stmt.childForFieldName('value');
        if (value) this.eval(value, scope, frame);
        return false;
      }
      case 'import_statement':
      case 'import_from_statement':
        this.execImport(stmt, scope);
        return false;
      case 'labeled_statement': {
        const body = stmt.childForFieldName('body');
        return body ? this.exec(body, scope, frame) : false;
      }
      default:
        // Unknown statement kinds: still evaluate what is inside, so no call goes unseen.
        for (const c of stmt.namedChildren) {
          if (!c) continue;
          if (isStatementLike(c)) this.exec(c, scope, frame);
          else this.eval(c, scope, frame);
        }
        return false;
    }
  }

  /** `abort(404)`, `sys.exit(1)`, `process.exit(1)`: a call statement after which control does not go on. */
  private neverReturns(stmt: SyntaxNode): boolean {
    const call = stmt.namedChildren[0];
    if (!call || (call.type !== 'call' && call.type !== 'call_expression')) return false;
    const fn = call.childForFieldName('function')?.text ?? '';
    return NEVER_RETURNS.has(fn);
  }

  private execIf(stmt: SyntaxNode, scope: Scope, frame: Frame): boolean {
    const condition = stmt.childForFieldName('condition');
    if (condition) this.eval(condition, scope, frame);
    const consequence = stmt.childForFieldName('consequence');
    const alternatives = stmt.childrenForFieldName('alternative').filter(isNode);
    const thenScope = scope.fork();
    if (condition) this.refine(condition, true, thenScope);
    const thenExits = consequence ? this.exec(consequence, thenScope, frame) : false;
    const elseScope = scope.fork();
    if (condition) this.refine(condition, false, elseScope);
    let elseExits = false;
    for (const alt of alternatives) {
      // else_clause / elif_clause: run their bodies (an elif is an if nested in the else)
      if (alt.type === 'elif_clause') {
        elseExits = this.execIf(alt, elseScope, frame);
      } else {
        const body = alt.childForFieldName('body') ?? alt.namedChildren.find((c) => c && c.type !== 'comment');
        if (body) elseExits = this.exec(body, elseScope, frame);
      }
    }
    const survivors = [thenExits ? undefined : thenScope, elseExits ? undefined : elseScope].filter(
      (s): s is Scope => !!s,
    );
    scope.mergeBranches(survivors.length ? survivors : [thenScope, elseScope]);
    return thenExits && elseExits;
  }

  /**
   * Allow-list guards: `if (!ALLOWED.includes(x)) throw ...` leaves `x` constant after it, and so does
   * `x if x in ALLOWED else ...`. Only collections written as literals of constants count.
   */
  private refine(condition: SyntaxNode, truth: boolean, scope: Scope): void {
    let cond = condition;
    while (cond.type === 'parenthesized_expression' && cond.namedChildren[0]) cond = cond.namedChildren[0];
    if ((cond.type === 'unary_expression' && cond.child(0)?.type === '!') || cond.type === 'not_operator') {
      const inner = cond.childForFieldName('argument') ?? cond.namedChildren[0];
      if (inner) this.refine(inner, !truth, scope);
      return;
    }
    const checked = this.membershipCheck(cond, scope);
    if (checked && checked.positive === truth) {
      if (checked.name.includes('.')) scope.declare(checked.name, constant(HOLE));
      else scope.assign(checked.name, constant(HOLE));
    }
  }

  /**
   * `ALLOWED.includes(x)`, `SET.has(x)`, `x in ALLOWED`, `/^[a-z_]+$/.test(x)`, `re.fullmatch(...)`: checks
   * that confine `x` to known values. The collection must not itself come from the request.
   */
  private membershipCheck(cond: SyntaxNode, scope: Scope): { name: string; positive: boolean } | undefined {
    const target = (n: SyntaxNode | null | undefined) => (n && /^(identifier|member_expression|attribute)$/.test(n.type) && /^[\w$.]+$/.test(n.text) ? n.text : undefined);
    const trusted = (n: SyntaxNode | null | undefined) => {
      while (n && /^(parenthesized_expression|as_expression|satisfies_expression|non_null_expression)$/.test(n.type)) n = n.namedChildren[0];
      if (!n) return false;
      const v = this.peek(n, scope);
      return !v || v.constCollection || !v.taints.some((t) => t.label !== DYNAMIC);
    };
    if (cond.type === 'call_expression' || cond.type === 'call') {
      const fn = cond.childForFieldName('function');
      const args = cond.childForFieldName('arguments')?.namedChildren.filter(isNode) ?? [];
      if (fn?.type === 'member_expression') {
        const method = fn.childForFieldName('property')?.text ?? '';
        const obj = fn.childForFieldName('object');
        const name = target(args[0]);
        if (name && /^(includes|has)$/.test(method) && trusted(obj)) return { name, positive: true };
        if (name && method === 'test' && obj?.type === 'regex' && isAnchoredRegex(obj.childForFieldName('pattern')?.text ?? '')) return { name, positive: true };
      }
      if (fn?.type === 'attribute' && /^re\.(fullmatch|match)$/.test(fn.text) && args.length >= 2) {
        const pattern = args[0].type === 'string' ? pyStringValue(args[0]).text : '';
        const name = target(args[1]);
        if (name && (fn.text === 're.fullmatch' || isAnchoredRegex(pattern))) return { name, positive: true };
      }
    }
    if (cond.type === 'comparison_operator' && cond.namedChildren.length === 2) {
      const [left, right] = cond.namedChildren as SyntaxNode[];
      const op = cond.children.filter(isNode).filter((c) => !c.isNamed).map((c) => c.text).join(' ');
      const name = target(left);
      if (name && (op === 'in' || op === 'not in') && trusted(right)) return { name, positive: op === 'in' };
    }
    return undefined;
  }

  /** `k => ALLOWED.includes(k)`: a filter that keeps only allow-listed elements. */
  private isMembershipPredicate(fn: FunctionRef, scope: Scope): boolean {
    const node = fn.node as SyntaxNode;
    const body = node.childForFieldName('body');
    const param = this.parameters(node)[0]?.name;
    if (!body || !param || body.type === 'statement_block') return false;
    const check = this.membershipCheck(body, scope);
    return check?.name === param && check.positive;
  }

  /** Looks at a value without recording anything (used by guards). */
  private peek(node: SyntaxNode, scope: Scope): Value | undefined {
    if (node.type === 'identifier' || node.type === 'member_expression' || node.type === 'attribute') return scope.lookup(node.text);
    if (node.type === 'array' || node.type === 'list' || node.type === 'set' || node.type === 'tuple') return this.literalCollection(node, scope);
    return undefined;
  }

  private execLoop(stmt: SyntaxNode, scope: Scope, frame: Frame): void {
    // Loop headers: bind the loop variable to what it iterates over.
    if (stmt.type === 'for_in_statement' || (this.family === 'python' && stmt.type === 'for_statement')) {
      const left = stmt.childForFieldName('left');
      const right = stmt.childForFieldName('right');
      if (left && right) {
        const coll = this.eval(right, scope, frame);
        const element = coll.constCollection ? constant(HOLE) : derived(coll, coll.origin);
        this.bindPattern(left, element, scope, frame, true);
      }
    } else {
      for (const field of ['initializer', 'condition', 'increment']) {
        const n = stmt.childForFieldName(field);
        if (!n) continue;
        if (isStatementLike(n)) this.exec(n, scope, frame);
        else this.eval(n, scope, frame);
      }
      const cond = stmt.type === 'while_statement' || stmt.type === 'do_statement' ? stmt.childForFieldName('condition') : undefined;
      if (cond) this.eval(cond, scope, frame);
    }
    const body = stmt.childForFieldName('body');
    if (!body) return;
    // Twice, so a value built in one iteration is seen by the next (`sql += ...` in a loop).
    for (let i = 0; i < 2; i++) {
      const iteration = scope.fork();
      this.exec(body, iteration, frame);
      scope.mergeBranches([scope.fork(), iteration]);
    }
  }

  private execTry(stmt: SyntaxNode, scope: Scope, frame: Frame): boolean {
    const body = stmt.childForFieldName('body');
    const branches: Scope[] = [];
    const tryScope = scope.fork();
    const tryExits = body ? this.exec(body, tryScope, frame) : false;
    if (!tryExits) branches.push(tryScope);
    let allExit = tryExits;
    for (const child of stmt.namedChildren) {
      if (!child) continue;
      if (child.type === 'catch_clause' || child.type === 'except_clause' || child.type === 'else_clause') {
        const s = scope.fork();
        s.mergeBranches([s, tryScope]);
        const b = child.childForFieldName('body') ?? child.namedChildren.filter(isNode).find((c) => c.type === 'block' || c.type === 'statement_block');
        const exits = b ? this.exec(b, s, frame) : false;
        if (child.type !== 'else_clause') allExit = allExit && exits;
        if (!exits) branches.push(s);
      }
    }
    scope.mergeBranches(branches.length ? branches : [tryScope]);
    const fin = stmt.childForFieldName('finalizer') ?? stmt.namedChildren.find((c) => c?.type === 'finally_clause');
    if (fin) {
      const b = fin.childForFieldName('body') ?? fin.namedChildren.find((c) => c?.type === 'block' || c?.type === 'statement_block');
      if (b && this.exec(b, scope, frame)) return true;
    }
    return allExit;
  }

  private execSwitch(stmt: SyntaxNode, scope: Scope, frame: Frame): void {
    const value = stmt.childForFieldName('value');
    if (value) this.eval(value, scope, frame);
    const body = stmt.childForFieldName('body');
    if (!body) return;
    const branches: Scope[] = [];
    let hasDefault = false;
    for (const c of body.namedChildren) {
      if (!c) continue;
      if (c.type === 'switch_default') hasDefault = true;
      const s = scope.fork();
      let exits = false;
      for (const st of c.namedChildren) {
        if (!st || st === c.childForFieldName('value')) continue;
        if (st.type === 'break_statement') break;
        if (this.exec(st, s, frame)) {
          exits = true;
          break;
        }
      }
      if (!exits || c.namedChildren.some((st) => st?.type === 'break_statement')) branches.push(s);
    }
    if (!hasDefault) branches.push(scope.fork());
    scope.mergeBranches(branches);
  }

  private execWith(stmt: SyntaxNode, scope: Scope, frame: Frame): void {
    for (const clause of stmt.namedChildren) {
      if (clause?.type !== 'with_clause') continue;
      for (const item of clause.namedChildren) {
        const v = item?.childForFieldName('value');
        if (!v) continue;
        if (v.type === 'as_pattern') {
          const value = this.eval(v.namedChildren[0] as SyntaxNode, scope, frame);
          const target = v.childForFieldName('alias')?.namedChildren[0];
          if (target) this.bindPattern(target, value, scope, frame, true);
        } else this.eval(v, scope, frame);
      }
    }
    const body = stmt.childForFieldName('body');
    if (body) this.exec(body, scope, frame);
  }

  private execDecorated(stmt: SyntaxNode, scope: Scope, frame: Frame): boolean {
    const def = stmt.childForFieldName('definition');
    if (!def) return false;
    if (def.type !== 'function_definition') return this.exec(def, scope, frame);
    const fn: FunctionRef = { node: def, closure: scope, classInfo: frame.classInfo };
    const name = def.childForFieldName('name')?.text;
    if (name) scope.declare(name, { ...constant(), text: HOLE, fn, origin: { segments: [name] } });
    for (const dec of stmt.namedChildren) {
      if (dec?.type !== 'decorator') continue;
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      const callee = expr.type === 'call' ? expr.childForFieldName('function') : expr;
      if (expr.type === 'call') this.eval(expr.childForFieldName('arguments') as SyntaxNode, scope, frame);
      const origin = callee ? this.eval(callee, scope, frame).origin : undefined;
      const src = this.parameterSource(origin);
      if (src) {
        this.queue(fn, src);
        return false;
      }
    }
    this.queue(fn);
    return false;
  }

  private parameterSource(origin: Origin | undefined): ParamSource | undefined {
    for (const s of this.config.sources) {
      if (s.parameterOf && matchesValue(s.parameterOf, origin))
        return { label: s.label, source: 'request parameter', except: s.exceptParameters ?? [] };
    }
    return undefined;
  }

  private execClass(stmt: SyntaxNode, scope: Scope, frame: Frame): void {
    const info: ClassInfo = { fields: new Map(), methods: new Map() };
    // A subclass of a class of this file starts with what its parent knows (`this.knex` from the base).
    const heritage = stmt.namedChildren.find((c) => c?.type === 'class_heritage') ?? stmt.childForFieldName('superclasses');
    const parentName = heritage ? /(?:extends\s+|\(\s*)([A-Za-z_$][\w$.]*)/.exec(heritage.text)?.[1] : undefined;
    const parent = parentName ? (scope.lookup(parentName)?.classInfo as ClassInfo | undefined) : undefined;
    if (parent) {
      for (const [k, v] of parent.fields) info.fields.set(k, v);
      for (const [k, v] of parent.methods) info.methods.set(k, v);
    }
    const name = stmt.childForFieldName('name')?.text;
    if (name) scope.declare(name, { ...constant(HOLE), origin: { segments: [name] }, classInfo: info });
    const body = stmt.childForFieldName('body');
    if (!body) return;
    const members = body.namedChildren.filter(isNode).map((m) => (m.type === 'decorated_definition' ? (m.childForFieldName('definition') ?? m) : m));
    const methods: SyntaxNode[] = [];
    for (const m of members) {
      if (m.type === 'public_field_definition' || m.type === 'field_definition') {
        const fname = m.childForFieldName('name')?.text ?? m.childForFieldName('property')?.text;
        const type = m.childForFieldName('type');
        const value = m.childForFieldName('value');
        if (!fname) continue;
        const typed = type ? this.typeValue(type, scope, ['this', fname]) : undefined;
        const v = value ? this.eval(value, scope, frame) : unknown(DYNAMIC, `this.${fname}`, [this.step(m, `field ${fname}`)], typed ?? { segments: ['this', fname] });
        info.fields.set(fname, typed ? { ...v, origin: typed } : v);
      } else if (m.type === 'method_definition' || m.type === 'function_definition') {
        const mname = m.childForFieldName('name')?.text;
        if (mname) info.methods.set(mname, m);
        methods.push(m);
      }
    }
    // Constructor parameter properties (`private readonly repo: Repository<User>`) become fields.
    const ctor = methods.find((m) => /^(constructor|__init__)$/.test(m.childForFieldName('name')?.text ?? ''));
    if (ctor) {
      for (const p of this.parameters(ctor)) {
        if (p.isProperty && p.name) {
          const typed = p.type ? this.typeValue(p.type, scope, ['this', p.name]) : undefined;
          info.fields.set(p.name, unknown(DYNAMIC, `this.${p.name}`, [this.step(p.node, `field ${p.name}`)], typed ?? { segments: ['this', p.name] }));
        }
      }
    }
    // The constructor runs first so the fields it assigns are known to the other methods.
    const ordered = ctor ? [ctor, ...methods.filter((m) => m !== ctor)] : methods;
    for (const m of ordered) {
      const fn: FunctionRef = { node: m, closure: scope, classInfo: info };
      if (m === ctor) {
        this.analysedStandalone.add(m.id);
        this.analyseStandalone(fn);
      } else this.queue(fn);
    }
  }

  private execImport(stmt: SyntaxNode, scope: Scope): void {
    if (this.family === 'js') {
      const source = stmt.childForFieldName('source');
      if (!source) return;
      const module = jsStringValue(source).text;
      const clause = stmt.namedChildren.find((c) => c?.type === 'import_clause');
      if (!clause) return;
      for (const part of clause.namedChildren) {
        if (!part) continue;
        if (part.type === 'identifier') scope.declare(part.text, this.moduleValue(module, [], part.text));
        else if (part.type === 'namespace_import') {
          const id = part.namedChildren[0];
          if (id) scope.declare(id.text, this.moduleValue(module, [], id.text));
        } else if (part.type === 'named_imports') {
          for (const spec of part.namedChildren) {
            if (spec?.type !== 'import_specifier') continue;
            const imported = spec.childForFieldName('name')?.text;
            const local = spec.childForFieldName('alias')?.text ?? imported;
            if (imported && local) scope.declare(local, this.moduleValue(module, [imported], local));
          }
        }
      }
      return;
    }
    // Python
    if (stmt.type === 'import_statement') {
      for (const n of stmt.childrenForFieldName('name').filter(isNode)) {
        if (n.type === 'aliased_import') {
          const mod = n.childForFieldName('name')?.text ?? '';
          const alias = n.childForFieldName('alias')?.text;
          if (alias) scope.declare(alias, this.moduleValue(mod, [], alias));
        } else {
          const top = n.text.split('.')[0];
          scope.declare(top, this.moduleValue(top, [], top));
        }
      }
    } else {
      const mod = stmt.childForFieldName('module_name')?.text ?? '';
      for (const n of stmt.childrenForFieldName('name').filter(isNode)) {
        const imported = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
        const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
        if (imported && local) scope.declare(local, this.moduleValue(mod, imported.split('.'), local));
      }
    }
  }

  /** Relative imports are our own code: treated like unknown values named by their local binding. */
  private moduleValue(module: string, segments: string[], local: string): Value {
    if (/^(\.|\/|@\/|~\/|#)/.test(module)) return { ...constant(HOLE), taints: [], origin: { segments: [local] } };
    return { ...constant(HOLE), origin: { module, segments, local: local ? [local] : undefined } };
  }

  // ---------------------------------------------------------------- bindings

  private bindPattern(pattern: SyntaxNode, value: Value, scope: Scope, frame: Frame, declare = false): void {
    const set = (name: string, v: Value) => {
      const bound = v.origin || v.fn ? v : { ...v, origin: { segments: [name] } };
      if (declare) scope.declare(name, bound);
      else scope.assign(name, bound);
    };
    switch (pattern.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        set(pattern.text, value);
        return;
      case 'required_parameter':
      case 'optional_parameter': {
        const inner = pattern.childForFieldName('pattern');
        if (inner) this.bindPattern(inner, value, scope, frame, true);
        return;
      }
      case 'typed_parameter':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
      case 'rest_pattern': {
        const inner = pattern.namedChildren.find((c) => c?.type === 'identifier' || c?.type?.endsWith('pattern'));
        if (inner) this.bindPattern(inner, value, scope, frame, true);
        return;
      }
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = pattern.childForFieldName('name');
        if (name) this.bindPattern(name, value, scope, frame, true);
        return;
      }
      case 'assignment_pattern':
      case 'object_assignment_pattern': {
        const left = pattern.childForFieldName('left');
        const right = pattern.childForFieldName('right');
        const v = right ? join(value, this.eval(right, scope, frame)) : value;
        if (left) this.bindPattern(left, v, scope, frame, declare);
        return;
      }
      case 'object_pattern':
        for (const prop of pattern.namedChildren) {
          if (!prop) continue;
          if (prop.type === 'shorthand_property_identifier_pattern') set(prop.text, this.member(value, prop.text, prop));
          else if (prop.type === 'pair_pattern') {
            const key = prop.childForFieldName('key');
            const target = prop.childForFieldName('value');
            if (key && target) this.bindPattern(target, this.member(value, propertyName(key), key), scope, frame, declare);
          } else if (prop.type === 'object_assignment_pattern') {
            const left = prop.childForFieldName('left');
            const right = prop.childForFieldName('right');
            if (left) {
              const v = this.member(value, left.text, left);
              set(left.text, right ? join(v, this.eval(right, scope, frame)) : v);
            }
          } else if (prop.type === 'rest_pattern') {
            const id = prop.namedChildren[0];
            if (id) set(id.text, value);
          }
        }
        return;
      case 'array_pattern':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'pattern_list': {
        // `where, params = build()` with a returned tuple: element by element when the shapes agree.
        const targets = pattern.namedChildren.filter(isNode);
        const exact = value.elements && value.elements.length === targets.length ? value.elements : undefined;
        targets.forEach((el, i) => this.bindPattern(el, exact ? exact[i] : derived(value, value.origin), scope, frame, declare));
        return;
      }
      case 'member_expression':
      case 'attribute': {
        // this.x = ... / self.x = ...: remember on the class
        const obj = pattern.childForFieldName('object');
        const prop = pattern.childForFieldName('property') ?? pattern.childForFieldName('attribute');
        if (obj && prop && frame.classInfo && (obj.type === 'this' || obj.text === frame.selfName))
          frame.classInfo.fields.set(prop.text, value.origin ? value : { ...value, origin: { segments: ['this', prop.text] } });
        return;
      }
      default:
        return;
    }
  }

  // ---------------------------------------------------------------- expressions

  private eval(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    switch (node.type) {
      case 'string':
        if (this.family === 'python') return this.pyString(node, scope, frame);
        return jsStringValue(node);
      case 'template_string':
        return this.template(node, scope, frame);
      case 'concatenated_string':
        return concat(node.namedChildren.filter(isNode).map((c) => this.eval(c, scope, frame)));
      case 'number':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'none':
      case 'regex':
        return constant(node.type === 'number' || node.type === 'integer' || node.type === 'float' ? node.text : '');
      case 'identifier':
        return this.identifier(node, scope, frame);
      case 'this':
        return { ...constant(HOLE), origin: { segments: ['this'] } };
      case 'parenthesized_expression':
      case 'await_expression':
      case 'await':
      case 'non_null_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'type_assertion':
      case 'spread_element':
      case 'list_splat':
      case 'expression_list':
      case 'type_cast_expression': {
        const inner = node.namedChildren.filter(isNode).find((c) => !c.type.endsWith('type') && c.type !== 'type_annotation' && c.type !== 'comment');
        if (node.type === 'expression_list') return this.literalCollection(node, scope, frame); // `return a, b` is a tuple
        return inner ? this.eval(inner, scope, frame) : constant();
      }
      case 'binary_expression':
      case 'binary_operator':
        return this.binary(node, scope, frame);
      case 'boolean_operator': {
        const l = node.childForFieldName('left');
        const r = node.childForFieldName('right');
        return join(l ? this.eval(l, scope, frame) : undefined, r ? this.eval(r, scope, frame) : undefined);
      }
      case 'unary_expression':
      case 'unary_operator':
      case 'not_operator':
      case 'comparison_operator':
      case 'update_expression':
        for (const c of node.namedChildren) if (c) this.eval(c, scope, frame);
        return constant(HOLE); // numbers and booleans cannot carry SQL
      case 'ternary_expression':
        return this.ternary(node, scope, frame);
      case 'conditional_expression':
        return this.pyConditional(node, scope, frame);
      case 'assignment_expression':
      case 'assignment':
        return this.assignment(node, scope, frame);
      case 'augmented_assignment_expression':
      case 'augmented_assignment':
        return this.augmented(node, scope, frame);
      case 'member_expression':
      case 'attribute':
        return this.memberExpression(node, scope, frame);
      case 'subscript_expression':
      case 'subscript':
        return this.subscript(node, scope, frame);
      case 'call_expression':
      case 'call':
      case 'new_expression':
        return this.call(node, scope, frame);
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
      case 'lambda': {
        const fn: FunctionRef = { node, closure: scope, classInfo: frame.classInfo };
        this.queue(fn);
        return { ...constant(HOLE), fn };
      }
      case 'object':
      case 'dictionary':
        return this.objectLiteral(node, scope, frame);
      case 'array':
      case 'list':
      case 'tuple':
      case 'set':
        return this.literalCollection(node, scope, frame);
      case 'list_comprehension':
      case 'generator_expression':
      case 'set_comprehension':
        return this.comprehension(node, scope, frame);
      case 'yield':
      case 'yield_expression': {
        // A generator's yielded values are what its caller receives (@contextmanager, iterators).
        const e = node.namedChildren.find((c) => c && c.type !== 'comment');
        if (e) frame.returns = join(frame.returns, this.eval(e, scope, frame));
        return constant(HOLE);
      }
      case 'sequence_expression': {
        let last = constant();
        for (const c of node.namedChildren) if (c) last = this.eval(c, scope, frame);
        return last;
      }
      case 'class':
        this.execClass(node, scope, frame);
        return constant(HOLE);
      default: {
        let v: Value | undefined;
        for (const c of node.namedChildren) if (c && c.type !== 'comment') v = join(v, this.eval(c, scope, frame));
        return v ? derived(v, undefined) : constant(HOLE);
      }
    }
  }

  private identifier(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const name = node.text;
    const v = scope.lookup(name);
    if (v) return v;
    if (CONSTANT_GLOBALS.has(name)) return constant();
    if (frame.selfName && name === frame.selfName) return { ...constant(HOLE), origin: { segments: ['this'] } };
    const origin: Origin = { segments: [name] };
    const src = this.sourceFor(origin, node);
    if (src) return { ...unknown(src.label, name, [this.step(node, name)], origin) };
    return unknown(DYNAMIC, name, [this.step(node, name)], origin);
  }

  private pyString(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const interpolations = node.namedChildren.filter((c) => c?.type === 'interpolation');
    if (interpolations.length === 0) return pyStringValue(node);
    const parts: Value[] = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') parts.push(constant(c.text));
      else if (c.type === 'interpolation') {
        const e = c.childForFieldName('expression') ?? c.namedChildren[0];
        parts.push(e ? this.eval(e, scope, frame) : constant());
      }
    }
    return concat(parts.length > 1 ? parts : [...parts, constant()]);
  }

  private template(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const parts: Value[] = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_fragment' || c.type === 'escape_sequence') parts.push(constant(c.text));
      else if (c.type === 'template_substitution') {
        const e = c.namedChildren[0];
        parts.push(e ? this.eval(e, scope, frame) : constant());
      }
    }
    if (parts.length === 0) return constant();
    return concat(parts.length > 1 ? parts : [...parts, constant()]);
  }

  private binary(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const l = node.childForFieldName('left');
    const r = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
    const lv = l ? this.eval(l, scope, frame) : constant();
    const rv = r ? this.eval(r, scope, frame) : constant();
    if (op === '+') {
      if (isNumeric(lv) && isNumeric(rv)) return constant(HOLE);
      return concat([lv, rv]);
    }
    if (op === '%' && this.family === 'python' && lv.text && !isNumeric(lv)) {
      // "%d" and friends can only render numbers: the values cannot carry SQL.
      if (isConstant(lv) && /%/.test(lv.text) && !/%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sra]/.test(lv.text.replace(/%%/g, ''))) return { ...lv, text: pyFormatText(lv.text) };
      const v = concat([lv, rv]);
      return { ...v, text: pyFormatText(lv.text), built: v.built || !isConstant(rv) };
    }
    if (op === '||' || op === '??' || op === '&&') return join(lv, rv);
    return constant(HOLE); // arithmetic, comparison, bitwise: not a string
  }

  private ternary(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const cond = node.childForFieldName('condition');
    const a = node.childForFieldName('consequence');
    const b = node.childForFieldName('alternative');
    if (cond) this.eval(cond, scope, frame);
    const thenScope = scope.fork();
    if (cond) this.refine(cond, true, thenScope);
    const elseScope = scope.fork();
    if (cond) this.refine(cond, false, elseScope);
    return join(a ? this.eval(a, thenScope, frame) : undefined, b ? this.eval(b, elseScope, frame) : undefined);
  }

  private pyConditional(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const [a, cond, b] = node.namedChildren.filter(isNode);
    if (!a || !cond) return constant(HOLE);
    this.eval(cond, scope, frame);
    const thenScope = scope.fork();
    this.refine(cond, true, thenScope);
    const elseScope = scope.fork();
    this.refine(cond, false, elseScope);
    return join(this.eval(a, thenScope, frame), b ? this.eval(b, elseScope, frame) : undefined);
  }

  private assignment(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const v = right ? this.eval(right, scope, frame) : constant();
    if (left) {
      if (left.type === 'member_expression' || left.type === 'attribute' || left.type === 'subscript_expression' || left.type === 'subscript') {
        this.bindPattern(left, v, scope, frame);
        // obj.prop = tainted: the object now carries the taint too (conservative for objects we don't model)
        const obj = left.childForFieldName('object') ?? left.childForFieldName('value');
        if (obj?.type === 'identifier') {
          const prev = scope.lookup(obj.text);
          if (prev) {
            const props = new Map(prev.props ?? []);
            const key = left.childForFieldName('property') ?? left.childForFieldName('attribute');
            if (key) props.set(key.text, v);
            scope.assign(obj.text, { ...prev, props, taints: mergeTaints(prev.taints, v.taints), constCollection: prev.constCollection && isConstant(v) });
          }
        }
      } else this.bindPattern(left, v, scope, frame, this.family === 'python');
    }
    return v;
  }

  private augmented(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
    if (!left || !right) return constant();
    const lv = this.eval(left, scope, frame);
    const rv = this.eval(right, scope, frame);
    let result: Value;
    if (op === '+=') result = isNumeric(lv) && isNumeric(rv) ? constant(HOLE) : concat([lv, rv]);
    else if (op === '||=' || op === '??=') result = join(lv, rv);
    else result = constant(HOLE);
    if (left.type === 'identifier') scope.assign(left.text, { ...result, origin: lv.origin });
    return result;
  }

  private memberExpression(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    return this.memberWithReceiver(node, scope, frame).value;
  }

  /** Evaluates `obj.prop` once and returns both, so a method call never evaluates its receiver twice. */
  private memberWithReceiver(node: SyntaxNode, scope: Scope, frame: Frame): { value: Value; receiver?: Value } {
    const objNode = node.childForFieldName('object');
    const propNode = node.childForFieldName('property') ?? node.childForFieldName('attribute');
    if (!objNode || !propNode) return { value: constant(HOLE) };
    const prop = propNode.text;
    // A path narrowed by a guard (`if (!ALLOWED.includes(req.query.sort)) return`) holds its narrowed value.
    if (node.endIndex - node.startIndex < 80) {
      const narrowed = scope.lookup(node.text);
      if (narrowed) return { value: narrowed };
    }
    // this.x inside a class: the field's value
    if ((objNode.type === 'this' || objNode.text === frame.selfName) && frame.classInfo) {
      const self: Value = { ...constant(HOLE), origin: { segments: ['this'] } };
      const field = frame.classInfo.fields.get(prop);
      if (field) return { value: field, receiver: self };
      const method = frame.classInfo.methods.get(prop);
      if (method) return { value: { ...constant(HOLE), fn: { node: method, closure: scope, classInfo: frame.classInfo }, origin: { segments: ['this', prop] } }, receiver: self };
    }
    const obj = this.eval(objNode, scope, frame);
    return { value: this.member(obj, prop, node), receiver: obj };
  }

  /** `obj.prop`: keeps the object's identity path and taints, and notices sources. */
  private member(obj: Value, prop: string, node: SyntaxNode): Value {
    if (obj.props?.has(prop)) return obj.props.get(prop) as Value;
    if (NUMERIC_MEMBERS.has(prop)) return constant(HOLE);
    const origin: Origin | undefined = obj.origin
      ? { module: obj.origin.module, segments: [...obj.origin.segments, prop], local: obj.origin.module ? [...localPath(obj.origin), prop] : undefined }
      : undefined;
    const src = this.sourceFor(origin, node);
    const extra = src && !obj.taints.some((t) => t.label === src.label) ? [src] : [];
    // Name the source by its fullest path: "req.query.id" rather than "req.query".
    const objPath = obj.origin && localPath(obj.origin).join('.');
    const inherited = obj.fn
      ? []
      : obj.taints.map((t) => (origin && t.label !== DYNAMIC && t.source === objPath ? { ...t, source: localPath(origin).join('.') } : t));
    // An attribute of a package (sys.argv, os.environ) is data we do not know.
    const fromPackage = obj.origin?.module && !obj.fn && obj.taints.length === 0 && origin
      ? [{ label: DYNAMIC, source: localPath(origin).join('.'), trace: [this.step(node, localPath(origin).join('.'))] }]
      : [];
    const taints = mergeTaints(extra, inherited, fromPackage);
    return { taints, text: HOLE, built: false, origin };
  }

  private subscript(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const objNode = node.childForFieldName('object') ?? node.childForFieldName('value');
    const indexNode = node.childForFieldName('index') ?? node.childForFieldName('subscript');
    const obj = objNode ? this.eval(objNode, scope, frame) : constant();
    const index = indexNode ? this.eval(indexNode, scope, frame) : constant();
    // Looking a key up in a literal allow-list gives one of its constants, whatever the key.
    if (obj.constCollection) return constant(HOLE);
    const key = isConstant(index) && index.text !== HOLE ? index.text : '*';
    const v = this.member(obj, key, node);
    return { ...v, taints: mergeTaints(v.taints, obj.taints) };
  }

  /** `[f(x) for x in xs if x in ALLOWED]`: the element expression, with the loop variable bound and narrowed. */
  private comprehension(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const inner = scope.fork();
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'for_in_clause') {
        const left = c.childForFieldName('left');
        const right = c.childForFieldName('right');
        if (left && right) {
          const coll = this.eval(right, inner, frame);
          this.bindPattern(left, coll.constCollection ? constant(HOLE) : derived(coll, undefined), inner, frame, true);
        }
      } else if (c.type === 'if_clause' && c.namedChildren[0]) this.refine(c.namedChildren[0], true, inner);
    }
    const body = node.childForFieldName('body') ?? node.namedChildren[0];
    const element = body ? this.eval(body, inner, frame) : constant();
    return { ...element, constCollection: isConstant(element), elements: [element], origin: undefined };
  }

  private objectLiteral(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const props = new Map<string, Value>();
    let taints: Taint[] = [];
    let allConst = true;
    for (const p of node.namedChildren) {
      if (!p) continue;
      if (p.type === 'pair') {
        const key = p.childForFieldName('key');
        const valueNode = p.childForFieldName('value');
        const v = valueNode ? this.eval(valueNode, scope, frame) : constant();
        if (key) props.set(key.type === 'string' ? (this.family === 'python' ? pyStringValue(key).text : jsStringValue(key).text) : key.text, v);
        taints = mergeTaints(taints, v.taints);
        if (!isConstant(v) || v.fn) allConst = false;
      } else if (p.type === 'shorthand_property_identifier') {
        const v = this.identifier(p, scope, frame);
        props.set(p.text, v);
        taints = mergeTaints(taints, v.taints);
        allConst = allConst && isConstant(v);
      } else if (p.type === 'method_definition') {
        this.queue({ node: p, closure: scope, classInfo: frame.classInfo });
      } else {
        const v = this.eval(p, scope, frame);
        taints = mergeTaints(taints, v.taints);
        allConst = false;
      }
    }
    return { taints, text: HOLE, built: false, props, constCollection: allConst };
  }

  private literalCollection(node: SyntaxNode, scope: Scope, frame?: Frame): Value {
    const items = node.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[];
    const values = items.map((c) => (frame ? this.eval(c, scope, frame) : c.type === 'string' || c.type === 'number' || c.type === 'integer' ? constant(c.text) : constant(HOLE)));
    const allConst = values.every((v) => isConstant(v) && !v.fn) && (frame !== undefined || items.every((c) => /^(string|number|integer|float)$/.test(c.type)));
    const taints = mergeTaints(...values.map((v) => v.taints));
    return { taints, text: values.map((v) => v.text).join(HOLE), built: values.some((v) => v.built), constCollection: allConst, elements: values };
  }

  // ---------------------------------------------------------------- calls

  private call(node: SyntaxNode, scope: Scope, frame: Frame): Value {
    const calleeNode = node.childForFieldName('function') ?? node.childForFieldName('constructor');
    const argsNode = node.childForFieldName('arguments');
    if (!calleeNode) return constant(HOLE);

    // require('pg') and its member forms
    if (this.family === 'js' && calleeNode.type === 'identifier' && calleeNode.text === 'require' && !scope.lookup('require')) {
      const first = argsNode?.namedChildren[0];
      if (first?.type === 'string') return this.moduleValue(jsStringValue(first).text, [], '');
    }
    // dynamic import('pg')
    if (calleeNode.type === 'import') return constant(HOLE);

    const isMethod = calleeNode.type === 'member_expression' || calleeNode.type === 'attribute';
    const evaluated = isMethod ? this.memberWithReceiver(calleeNode, scope, frame) : { value: this.eval(calleeNode, scope, frame), receiver: undefined };
    const callee = evaluated.value;

    // Tagged template: sql`... ${x}` parameterises when the tag is a known parameterising tag.
    if (argsNode?.type === 'template_string') {
      if (this.config.sanitizers.some((s) => s.tag && matchesValue(s.tag, callee.origin))) {
        this.template(argsNode, scope, frame); // still look inside for nested calls
        return { ...constant(HOLE), origin: callee.origin };
      }
      const t = this.template(argsNode, scope, frame);
      return { ...t, origin: callee.origin };
    }

    // f(x for x in xs): Python passes a lone generator without an argument list.
    const argNodes = !argsNode ? [] : argsNode.type === 'generator_expression' ? [argsNode] : (argsNode.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[]);
    const positional = argNodes.filter((a) => a.type !== 'keyword_argument');
    const args = positional.map((a) => this.eval(a, scope, frame));
    const keywords = new Map<string, Value>();
    for (const a of argNodes) {
      if (a.type !== 'keyword_argument') continue;
      const v = a.childForFieldName('value');
      const n = a.childForFieldName('name');
      if (v && n) keywords.set(n.text, this.eval(v, scope, frame));
    }

    // Callbacks: a function passed to a call that matches a `parameterOf` source gets request parameters.
    const paramSource = this.parameterSource(callee.origin);
    args.forEach((a) => {
      if (a.fn && paramSource) this.queue(a.fn, paramSource);
      else if (a.fn && callee.origin?.module) this.queue(a.fn, undefined, callee.origin);
    });

    this.checkSinks(node, calleeNode, callee, positional, args, argNodes, keywords, frame);

    const keywordText = (name: string) =>
      argNodes.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value')?.text;
    const sanitizer = this.config.sanitizers.find(
      (s) => s.call && matchesValue(s.call, callee.origin) && (!s.keyword || new RegExp(`^(?:${s.keyword.value})$`).test(keywordText(s.keyword.name) ?? '')),
    );
    if (sanitizer) {
      const receiver = evaluated.receiver;
      // It quotes plain values, but raw SQL built elsewhere (`SQL(condition)`) goes in as it is.
      if (sanitizer.argumentsOnly) {
        const raw = args.filter((a) => a.built);
        return { ...constant(HOLE), taints: mergeTaints(receiver?.taints ?? [], ...raw.map((a) => a.taints)), built: !!receiver?.built || raw.length > 0, origin: callee.origin };
      }
      // Sanitised: constant from here on, but still the same kind of object (psycopg's SQL(...).format).
      if (!sanitizer.whenText || new RegExp(sanitizer.whenText).test(args[0]?.text ?? '')) return { ...constant(HOLE), origin: callee.origin };
      // A SQL-composing call given text it cannot vouch for (`sql.SQL(condition)`): raw SQL built here.
      const raw = unknownCall(args, node);
      return { ...raw, built: raw.taints.length > 0, origin: callee.origin };
    }

    // new Map([...]), new Set([...]), Object.freeze({...}), frozenset(...): still an allow-list.
    const ctorName = callee.origin && !callee.origin.module ? callee.origin.segments.join('.') : '';
    if (/^(Map|Set|Object\.freeze|frozenset|set|tuple|dict|Object\.keys|Object\.values)$/.test(ctorName) && args[0]?.constCollection)
      return { ...constant(HOLE), constCollection: true, elements: args[0].elements };

    // Functions of this file: step in.
    if (callee.fn && node.type !== 'new_expression') {
      return this.callFunction(callee.fn, args, node, frame);
    }

    const method = isMethod ? (calleeNode.childForFieldName('property') ?? calleeNode.childForFieldName('attribute'))?.text : undefined;
    const receiverNode = calleeNode.childForFieldName('object');
    const receiver = evaluated.receiver;
    const allArgs = [...args, ...keywords.values()];

    if (method && receiver) {
      if (/^(push|append|unshift|add|extend)$/.test(method) && receiverNode?.type === 'identifier' && !receiver.origin?.module) {
        // parts.push('a = ' + x) / parts.append(...): the array now holds that element too.
        const added = method === 'extend' && args[0]?.elements ? args[0].elements : args;
        const updated = {
          ...join(receiver, joinAll(added)),
          text: receiver.text + HOLE + added.map((a) => a.text).join(HOLE),
          origin: receiver.origin,
          elements: [...(receiver.elements ?? []), ...added],
          constCollection: !!receiver.constCollection && added.every((a) => isConstant(a)),
        };
        scope.assign(receiverNode.text, updated);
        return constant(HOLE);
      }
      // A number or boolean carries no SQL, but the call may be a builder step (knex's .count()): keep its origin.
      if (NUMERIC_METHODS.has(method)) return { ...constant(HOLE), origin: callee.origin };
      if (receiver.constCollection && /^(get|at|find|pop|shift)$/.test(method)) return constant(HOLE);
      const callback = args.find((a) => a.fn)?.fn;
      if (callback && /^(map|flatMap)$/.test(method)) {
        // The result is made of what the callback returns for each element.
        const element = receiver.elements ? joinAll(receiver.elements) : derived(receiver, undefined);
        const mapped = this.callFunction(callback, [element, constant(HOLE)], node, frame);
        return { ...mapped, constCollection: isConstant(mapped), elements: [mapped], origin: undefined };
      }
      // xs.map(Number), xs.map(int): every element goes through a sanitizer.
      if (!callback && /^(map|flatMap)$/.test(method) && args[0] && this.config.sanitizers.some((s) => s.call && !s.whenText && !s.argumentsOnly && matchesValue(s.call, args[0].origin)))
        return { ...constant(HOLE), constCollection: true, elements: [constant(HOLE)] };
      // Keeping or reordering elements leaves them as they were; the predicate adds nothing.
      if (/^(filter|sort|reverse|slice|flat|toSorted|toReversed)$/.test(method) && !(callback && method === 'filter' && this.isMembershipPredicate(callback, scope)))
        return { ...receiver, origin: undefined };
      if (callback && method === 'filter' && this.isMembershipPredicate(callback, scope)) {
        return { ...constant(HOLE), constCollection: true, elements: [constant(HOLE)] };
      }
      if (method === 'join' && receiver.elements) {
        const elements = receiver.elements;
        const sep = args[0]?.text ?? ',';
        const v = concat(elements.flatMap((e, i) => (i === 0 ? [e] : [constant(sep), e])));
        return elements.length === 1 ? { ...v, built: v.built || !isConstant(v) } : v;
      }
      if (method === 'join' && this.family === 'python' && args[0]) {
        const v = concat([args[0], receiver]);
        return { ...v, text: args[0].text, built: !isConstant(args[0]) || args[0].built };
      }
      if (method === 'format' && this.family === 'python' && isConstant(receiver)) {
        const v = concat([receiver, ...allArgs]);
        return { ...v, text: braceFormatText(receiver.text), built: allArgs.some((a) => !isConstant(a)) };
      }
      if (PURE_METHODS.has(method) && (isConstant(receiver) || (!receiver.origin?.module && (receiver.text !== HOLE || receiver.taints.every((t) => t.label !== DYNAMIC) || receiver.built)))) {
        const v = concat([receiver, ...allArgs]);
        return { ...v, text: receiver.text + allArgs.filter((a) => !isConstant(a)).map(() => HOLE).join(''), built: receiver.built || (allArgs.some((a) => !isConstant(a)) && receiver.text !== HOLE) };
      }
    }
    // String(x), str(x), JSON.stringify(x), util.format(...): the result is made of the arguments.
    const calleeName = callee.origin?.segments.join('.') ?? '';
    if (/^(String|str|JSON\.stringify|repr)$/.test(calleeName) && !callee.origin?.module) return args[0] ?? constant();
    if (callee.origin?.module === 'util' && /^format$/.test(callee.origin.segments.join('.'))) {
      const v = concat(args);
      return { ...v, text: (args[0]?.text ?? '').replace(/%[sdifjoO]/g, HOLE), built: args.slice(1).some((a) => !isConstant(a)) };
    }

    // Anything else: an object we track by identity, carrying whatever flowed in.
    // Template("... $x").substitute(x=v): the receiver's text with values put in is a built string too.
    const result = unknownCall(receiver && isConstant(receiver) && receiver.text && receiver.text !== HOLE ? [receiver, ...allArgs] : allArgs, node, receiver);
    const origin = callee.origin;
    return { ...result, origin, taints: mergeTaints(result.taints, callee.taints.filter((t) => t.label !== DYNAMIC)) };
  }

  private checkSinks(
    node: SyntaxNode,
    calleeNode: SyntaxNode,
    callee: Value,
    argNodes: SyntaxNode[],
    args: Value[],
    allArgNodes: SyntaxNode[],
    keywords: Map<string, Value>,
    frame: Frame,
  ): void {
    for (const { ruleId, sink, tiers } of this.candidateSinks(callee.origin)) {
      if (!matchesValue(sink.call, callee.origin)) continue;
      const [indexText, property] = sink.argument.split('.');
      const isKeyword = !/^\d+$/.test(indexText);
      const index = Number(indexText);
      let value = isKeyword ? keywords.get(indexText) : args[index];
      const argNode = isKeyword
        ? allArgNodes.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === indexText)
        : argNodes[index];
      if (!value || !argNode) continue;
      if (property) {
        const p = value.props?.get(property);
        if (!p) continue;
        value = p;
      } else if (value.props && !sink.fragment) continue; // an options object: its own sink entry names the property
      if (argNode.type === 'call_expression' && argNode.childForFieldName('arguments')?.type === 'template_string' && isConstant(value)) continue;
      if (sink.text && !new RegExp(sink.text, 'is').test(value.text.split(HOLE).join(' ? '))) continue;
      for (const tier of tiers) {
        const taint = value.taints.find((t) => t.label === tier.label);
        if (!taint) continue;
        if (tier.when === 'built' && !value.built && !sink.fragment) continue;
        if (this.skip.has(this.unit)) return;
        let unitHits = this.hits.get(this.unit);
        if (!unitHits) this.hits.set(this.unit, (unitHits = new Map()));
        const key = `${ruleId}@${node.startIndex}`;
        const previous = unitHits.get(key);
        const rank = tiers.indexOf(tier);
        if (previous && tiers.indexOf(previous.tier) <= rank) break;
        unitHits.set(key, { ruleId, sink, tier, taint, value, call: node, argument: argNode, calleeText: calleeNode.text, via: frame.via });
        break;
      }
    }
  }

  private sourceFor(origin: Origin | undefined, node: SyntaxNode): Taint | undefined {
    if (!origin) return undefined;
    for (const s of this.config.sources) {
      if (s.member) {
        const path = localPath(origin);
        const n = memberPrefix(s.member, origin);
        if (n > 0 && n === path.length) return { label: s.label, source: path.join('.'), trace: [this.step(node, path.join('.'))] };
      }
      if (s.value && matchesValue(s.value, origin)) return { label: s.label, source: node.text.length < 80 ? node.text : origin.segments.join('.'), trace: [this.step(node, node.text.slice(0, 80))] };
    }
    return undefined;
  }

  private step(node: SyntaxNode, note: string): TraceStep {
    return { range: nodeRange(node), note };
  }
}

// ---------------------------------------------------------------- helpers

/** The names a path pattern's last segment can take (`**.{query,execute}` → query, execute); undefined for a wildcard. */
function lastSegmentNames(pattern: string): string[] | undefined {
  if (pattern === '') return undefined;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}') depth--;
    else if (pattern[i] === '.' && depth === 0) start = i + 1;
  }
  const last = pattern.slice(start);
  if (/[*?]/.test(last)) return undefined;
  if (last.startsWith('{') && last.endsWith('}')) {
    const options = last.slice(1, -1).split(',');
    return options.some((o) => /[*?.{}]/.test(o)) ? undefined : options;
  }
  return /[{}]/.test(last) ? undefined : [last];
}

interface PendingFunction {
  fn: FunctionRef;
  sourceParams?: ParamSource;
  paramOrigin?: Origin;
  /** The top-level statement its results belong to. */
  unit: number;
}

export interface UnitHits {
  unit: number;
  hits: SinkHit[];
}

/**
 * Whether running a top-level statement can change what other statements see: imports, declarations,
 * assignments. A plain call statement (`app.get('/', ...)`) cannot, so a cached one need not run at all.
 */
export function declaresSomething(stmt: SyntaxNode): boolean {
  if (stmt.type !== 'expression_statement') return stmt.type !== 'comment';
  const e = stmt.namedChildren[0];
  return !!e && !/^(call_expression|call|await_expression|await|string|template_string)$/.test(e.type);
}

interface ParamSource {
  label: string;
  source: string;
  except: string[];
}

interface Param {
  node: SyntaxNode;
  name?: string;
  type?: SyntaxNode;
  defaultValue?: SyntaxNode;
  rest?: boolean;
  isProperty?: boolean;
}

function describeParam(p: SyntaxNode): Param[] {
  switch (p.type) {
    case 'identifier':
      return [{ node: p, name: p.text }];
    case 'required_parameter':
    case 'optional_parameter': {
      const pattern = p.childForFieldName('pattern');
      const isProperty = p.namedChildren.some((c) => c?.type === 'accessibility_modifier' || c?.type === 'override_modifier') || /\breadonly\b/.test(p.text.split(':')[0]);
      const inner = pattern?.type === 'rest_pattern' ? pattern.namedChildren[0] : pattern;
      return [{ node: p, name: inner?.type === 'identifier' ? inner.text : undefined, type: p.childForFieldName('type') ?? undefined, defaultValue: p.childForFieldName('value') ?? undefined, rest: pattern?.type === 'rest_pattern', isProperty }];
    }
    case 'assignment_pattern': {
      const left = p.childForFieldName('left');
      return [{ node: p, name: left?.type === 'identifier' ? left.text : undefined, defaultValue: p.childForFieldName('right') ?? undefined }];
    }
    case 'rest_pattern':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return [{ node: p, name: p.namedChildren[0]?.text, rest: true }];
    case 'object_pattern':
    case 'array_pattern':
      return [{ node: p }];
    case 'typed_parameter': {
      const id = p.namedChildren.find((c) => c?.type === 'identifier');
      return [{ node: p, name: id?.text, type: p.childForFieldName('type') ?? undefined }];
    }
    case 'default_parameter':
      return [{ node: p, name: p.childForFieldName('name')?.text, defaultValue: p.childForFieldName('value') ?? undefined }];
    case 'typed_default_parameter':
      return [{ node: p, name: p.childForFieldName('name')?.text, type: p.childForFieldName('type') ?? undefined, defaultValue: p.childForFieldName('value') ?? undefined }];
    default:
      return [];
  }
}

function isNode(n: SyntaxNode | null | undefined): n is SyntaxNode {
  return !!n;
}

function isNumeric(v: Value): boolean {
  return isConstant(v) && v.text !== '' && v.text !== HOLE && !Number.isNaN(Number(v.text));
}

function joinAll(values: Value[]): Value {
  let out: Value | undefined;
  for (const v of values) out = join(out, v);
  return out ?? constant();
}

function signature(v: Value): string {
  return v.taints.map((t) => t.label).sort().join('+') + (v.built ? '!' : '') + (v.constCollection ? 'c' : '');
}

/** The result of a call we cannot see into: unknown content, tainted by what went in. */
function unknownCall(args: Value[], node: SyntaxNode, receiver?: Value): Value {
  const taints = mergeTaints(...args.map((a) => (a.fn ? [] : a.taints)), receiver?.taints ?? []);
  const withDynamic = taints.some((t) => t.label === DYNAMIC)
    ? taints
    : [...taints, { label: DYNAMIC, source: `${node.text.slice(0, 60)}`, trace: [{ range: nodeRange(node), note: 'result of a call' }] }];
  // format('... %s', x) and friends: constant text combined with unknown values is a built string.
  const built = args.some((a) => a.built) || (args.some((a) => isConstant(a) && a.text !== '' && a.text !== HOLE) && args.some((a) => !isConstant(a) && !a.fn));
  return { taints: withDynamic, text: HOLE, built };
}

export function nodeRange(node: SyntaxNode): Range {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}

function propertyName(key: SyntaxNode): string {
  if (key.type === 'string') return jsStringValue(key).text;
  return key.text;
}

function unwrapDeclaration(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'export_statement') return node.childForFieldName('declaration') ?? undefined;
  return node;
}

function functionName(node: SyntaxNode, family: Family): string | undefined {
  const name = node.childForFieldName('name');
  if (name) return name.text;
  // const f = () => ...
  const parent = node.parent;
  if (parent?.type === 'variable_declarator') return parent.childForFieldName('name')?.text;
  if (family === 'python' && parent?.type === 'assignment') return parent.childForFieldName('left')?.text;
  return undefined;
}

function isStatementLike(n: SyntaxNode): boolean {
  return /statement|declaration|definition|block|clause/.test(n.type);
}

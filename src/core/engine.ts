import { Query } from '@vscode/tree-sitter-wasm';
import { FlowAnalyzer, nodeRange, type FlowConfig, type SinkHit } from './flow/analyzer';
import { parameteriseFix } from './fix/parameterise';
import { languageById, languageForFile, ruleAppliesTo, type LanguageInfo } from './parsing/languages';
import { parse, parserFor, type SyntaxNode, type Tree } from './parsing/parser';
import { builtinRulesDir } from './paths';
import { loadRules } from './rules/loader';
import type { Rule, TaintMatch } from './rules/model';
import { findSuppressions, suppressionFor } from './suppressions';
import { SEVERITY_RANK, type Finding, type LanguageId, type RuleLoadError, type Severity } from './types';
import { planUnits, storeUnits, type AnalysisCache } from './incremental';
import { DEFAULT_SETTINGS, isRuleOn, severityFor, type CoachSettings } from './config/settings';

export interface EngineOptions {
  /** Extra rule folders (users' own rules). */
  ruleDirs?: string[];
  /** Load the rules that ship with Backend Coach (default true). */
  builtin?: boolean;
  /** Which rules are on and their severities (settings, .backend-coach.yaml); default: each rule's own. */
  settings?: CoachSettings;
}

export interface AnalyzeOptions {
  language?: LanguageId;
  /** A previous tree of this file, already `edit`ed to match `text`, for incremental parsing. */
  oldTree?: Tree | null;
  /** Which rules run (default: the engine's settings decide). */
  ruleFilter?: (rule: Rule) => boolean;
  /** Per-rule severity overrides (default: the engine's settings decide). */
  severity?: (rule: Rule, severity: Severity) => Severity;
  /**
   * Return the syntax tree for the next incremental parse. The caller then owns it and must `delete()` it
   * (it lives in WebAssembly memory); by default the engine frees it itself.
   */
  keepTree?: boolean;
  /** Results of the previous analysis of this document, reused for unchanged statements (see incremental.ts). */
  cache?: AnalysisCache;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Findings a suppression comment covers: counted and listable, never shown as problems. */
  suppressed: Finding[];
  tree?: Tree;
  /** The file has syntax errors (tree-sitter recovered; findings are still reported where it could). */
  syntaxError?: boolean;
  /** Set when the file was not analysed, with the reason (binary, too large, minified). */
  skipped?: string;
}

/** Files larger than this are skipped with a reason rather than parsed (a minified bundle, a dump). */
export const MAX_FILE_CHARS = 2_000_000;
const MINIFIED_LINE = 5_000;

export function skipReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'binary file';
  if (text.length > MAX_FILE_CHARS) return `larger than ${MAX_FILE_CHARS / 1_000_000} MB`;
  if (text.length > 100_000) {
    let longest = 0;
    let start = 0;
    for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
      const end = i < 0 ? text.length : i;
      longest = Math.max(longest, end - start);
      if (i < 0) break;
      start = i + 1;
    }
    if (longest > MINIFIED_LINE && text.length / (text.split('\n').length || 1) > 1_000) return 'minified or generated code';
  }
  return undefined;
}

/**
 * The engine: rules in, findings out. It knows nothing of editors; the VS Code adapter and the CLI are
 * two clients of this class.
 */
export class Engine {
  private constructor(
    readonly rules: Rule[],
    readonly errors: RuleLoadError[],
    readonly settings: CoachSettings = DEFAULT_SETTINGS,
  ) {}

  static create(options: EngineOptions = {}): Engine {
    const dirs = [];
    if (options.builtin !== false) dirs.push({ dir: builtinRulesDir(), builtin: true });
    for (const dir of options.ruleDirs ?? []) dirs.push({ dir, builtin: false });
    const { rules, errors } = loadRules(dirs);
    return new Engine(rules, errors, options.settings);
  }

  static fromRules(rules: Rule[], settings?: CoachSettings): Engine {
    return new Engine(rules, [], settings);
  }

  /** The same rules under other settings: a settings change needs no reload of the rule files. */
  withSettings(settings: CoachSettings): Engine {
    return new Engine(this.rules, this.errors, settings);
  }

  /** Is the rule on under this engine's settings? */
  isOn(rule: Rule): boolean {
    return isRuleOn(rule, this.settings);
  }

  /** Grouping is the same for every file of a language and rule selection: computed once per selection. */
  private readonly groups = new Map<string, ReturnType<typeof groupTaintRules>>();

  private groupsFor(rules: Rule[]): ReturnType<typeof groupTaintRules> {
    const key = rules.map((r) => r.id).join('|');
    let groups = this.groups.get(key);
    if (!groups) this.groups.set(key, (groups = groupTaintRules(rules)));
    return groups;
  }

  languageFor(filename: string): LanguageInfo | undefined {
    return languageForFile(filename);
  }

  rule(id: string): Rule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  async analyze(filename: string, text: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
    const lang = options.language ? languageById(options.language) : languageForFile(filename);
    if (!lang) return { findings: [], suppressed: [], skipped: 'not a supported language' };
    const skipped = skipReason(text);
    if (skipped) return { findings: [], suppressed: [], skipped };
    const rules = this.rules.filter((r) => ruleAppliesTo(r.languages, lang.id) && (options.ruleFilter ? options.ruleFilter(r) : this.isOn(r)));
    const tree = await parse(lang.id, text, options.oldTree);
    try {
      const result = { ...(await this.analyzeTree(tree, rules, lang, text, options)), syntaxError: tree.rootNode.hasError };
      return options.keepTree ? { ...result, tree } : result;
    } finally {
      if (!options.keepTree) tree.delete();
    }
  }

  private async analyzeTree(tree: Tree, rules: Rule[], lang: LanguageInfo, text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
    if (rules.length === 0) return { findings: [], suppressed: [] };
    const raw: Finding[] = [];
    const groups = this.groupsFor(rules);
    groups.forEach((group, gi) => {
      const groupKey = `${lang.id}#${gi}#${[...group.byId.keys()].join(',')}`;
      const plan = options.cache ? planUnits(tree.rootNode, text, groupKey, options.cache, (before, moved) => this.rerender(before, moved)) : undefined;
      const fresh = new Map<number, Finding[]>();
      for (const { unit, hits } of new FlowAnalyzer(tree.rootNode, lang.family, group.config).run(new Set(plan?.reused.keys()))) {
        fresh.set(unit, hits.map((hit) => this.findingFromHit(hit, group.byId.get(hit.ruleId) as Rule, lang, text)));
      }
      if (plan && options.cache) storeUnits(options.cache, groupKey, plan, fresh);
      for (const list of [...fresh.values(), ...(plan?.reused.values() ?? [])]) raw.push(...list);
    });
    for (const rule of rules) if (rule.match.kind === 'query') raw.push(...(await this.queryFindings(rule, lang, tree.rootNode)));

    const suppressions = findSuppressions(text);
    const findings: Finding[] = [];
    const suppressed: Finding[] = [];
    for (const found of strongestPerSink(raw).sort(byPosition)) {
      const rule = this.rule(found.ruleId);
      const severity = rule && (options.severity ? options.severity(rule, found.severity) : severityFor(rule, found.severity, this.settings));
      const f = severity && severity !== found.severity ? { ...found, severity } : found;
      const s = suppressionFor(suppressions, f.ruleId, f.range.start.line);
      if (s) suppressed.push({ ...f, suppressed: { reason: s.reason, range: s.range } });
      else findings.push(f);
    }
    return { findings, suppressed };
  }

  private findingFromHit(hit: SinkHit, rule: Rule, lang: LanguageInfo, text: string): Finding {
    const callee = hit.call.childForFieldName('function') ?? hit.call.childForFieldName('constructor');
    const nameNode = callee?.childForFieldName('property') ?? callee?.childForFieldName('attribute') ?? callee;
    const start = nameNode ?? hit.call;
    const range = { start: nodeRange(start).start, end: nodeRange(hit.call).end };
    const sourceStep = hit.taint.trace[0];
    const sourceLine = sourceStep ? sourceStep.range.start.line + 1 : undefined;
    const parts = { template: hit.tier.message ?? rule.message, sink: hit.calleeText.length > 60 ? `${hit.calleeText.slice(0, 57)}...` : hit.calleeText, source: hit.taint.source };
    const message = renderMessage(parts, sourceLine);
    const spec = hit.sink.fix ?? rule.fix;
    const fix = spec ? parameteriseFix(hit.call, hit.argument, spec, lang.family, text) : undefined;
    const finding: Finding = {
      ruleId: rule.id,
      severity: hit.tier.severity,
      message,
      range,
      cwe: rule.cwe,
      checklist: rule.checklist,
      trace: [...hit.taint.trace, ...hit.via, { range: nodeRange(hit.argument), note: `reaches ${hit.calleeText}()` }],
      fix,
    };
    this.messageParts.set(finding, parts);
    return finding;
  }

  /** How each finding's message was made, so a reused finding can name its source's new line. */
  private readonly messageParts = new WeakMap<Finding, MessageParts>();

  private rerender(before: Finding, moved: Finding): string {
    const parts = this.messageParts.get(before);
    if (!parts) return moved.message;
    this.messageParts.set(moved, parts);
    return renderMessage(parts, moved.trace[0] ? moved.trace[0].range.start.line + 1 : undefined);
  }

  private async queryFindings(rule: Rule, lang: LanguageInfo, root: SyntaxNode): Promise<Finding[]> {
    if (rule.match.kind !== 'query') return [];
    const compiled = await compiledQuery(rule, lang);
    if (!compiled) return [];
    const { inside } = rule.match;
    const found: Finding[] = [];
    for (const m of compiled.query.matches(root)) {
      if (!compiled.where.every((t) => m.captures.some((c) => c.name === t.name && t.regex.test(c.node.text)))) continue;
      for (const c of m.captures) {
        if (c.name !== 'finding' || (inside && !inBodyOf(c.node, inside))) continue;
        found.push({ ruleId: rule.id, severity: rule.severity, message: rule.message, range: nodeRange(c.node), cwe: rule.cwe, checklist: rule.checklist, trace: [] });
      }
    }
    return found;
  }


  /**
   * Compiles the query rules against their grammars, so a broken query is reported at load time. Only the
   * users' rules by default: the built-in ones are checked by the tests, and compiling them would load
   * every grammar at start-up.
   */
  async checkQueries(options: { builtin?: boolean } = {}): Promise<RuleLoadError[]> {
    const problems: RuleLoadError[] = [];
    for (const rule of this.rules) {
      if (rule.match.kind !== 'query' || (rule.source.builtin && !options.builtin)) continue;
      for (const id of rule.languages as LanguageId[]) {
        const parser = await parserFor(id);
        try {
          new Query(parser.language as NonNullable<typeof parser.language>, rule.match.query).delete();
        } catch (e) {
          problems.push({ file: rule.source.file, line: 1, column: 1, message: `query does not compile for ${id}: ${(e as Error).message}` });
        }
      }
    }
    return problems;
  }
}

interface MessageParts {
  template: string;
  sink: string;
  source: string;
}

function renderMessage(parts: MessageParts, sourceLine: number | undefined): string {
  return parts.template
    .replace(/\{\{sink\}\}/g, parts.sink)
    .replace(/\{\{source\}\}/g, parts.source)
    .replace(/\{\{sourceLine\}\}/g, String(sourceLine ?? '?'));
}

/** The same sink reached from several places (a helper and its callers): one finding, the most severe. */
function strongestPerSink(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.ruleId}@${f.range.start.line}:${f.range.start.column}`;
    const seen = best.get(key);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity]) best.set(key, f);
  }
  return [...best.values()];
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.ruleId.localeCompare(b.ruleId);
}

/** Rules with the same sources and sanitizers share one pass over the file. */
function groupTaintRules(rules: Rule[]): { config: FlowConfig; byId: Map<string, Rule> }[] {
  const groups = new Map<string, { config: FlowConfig; byId: Map<string, Rule> }>();
  for (const rule of rules) {
    if (rule.match.kind !== 'taint') continue;
    const m = rule.match as TaintMatch;
    const key = JSON.stringify([m.sources, m.sanitizers]);
    let g = groups.get(key);
    if (!g) {
      g = { config: { sources: m.sources, sanitizers: m.sanitizers, sinks: [] }, byId: new Map() };
      groups.set(key, g);
    }
    g.byId.set(rule.id, rule);
    for (const sink of m.sinks) g.config.sinks.push({ ruleId: rule.id, sink, tiers: m.tiers });
  }
  return [...groups.values()];
}

/** Function-like nodes: a loop outside one does not repeat what is inside it (the function may never run there). */
const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function_definition', 'lambda']);

/** Is `node` inside the `body` of an ancestor of one of `types`, with no function boundary in between? */
function inBodyOf(node: SyntaxNode, types: readonly string[]): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (FUNCTION_TYPES.has(p.type)) return false;
    if (types.includes(p.type)) {
      const body = p.childForFieldName('body');
      if (body && body.startIndex <= child.startIndex && child.endIndex <= body.endIndex) return true;
    }
  }
  return false;
}

interface CompiledQuery {
  query: Query;
  where: { name: string; regex: RegExp }[];
}

/**
 * Query rules compiled once per rule and language, not on every analysis (every keystroke in the editor).
 * Keyed by the rule object: an engine under other settings shares its rules and so its queries. A query
 * that does not compile is remembered as null (checkQueries reports it). Compiled queries live in
 * WebAssembly memory and are kept for the life of the process: a few kilobytes per query rule.
 */
const compiledQueries = new WeakMap<Rule, Map<string, CompiledQuery | null>>();

async function compiledQuery(rule: Rule, lang: LanguageInfo): Promise<CompiledQuery | null> {
  if (rule.match.kind !== 'query') return null;
  let perLanguage = compiledQueries.get(rule);
  if (!perLanguage) compiledQueries.set(rule, (perLanguage = new Map()));
  const known = perLanguage.get(lang.id);
  if (known !== undefined) return known;
  const parser = await parserFor(lang.id);
  let compiled: CompiledQuery | null = null;
  if (parser.language) {
    try {
      const where = Object.entries(rule.match.where ?? {}).map(([name, regex]) => ({ name, regex: new RegExp(regex) }));
      compiled = { query: new Query(parser.language, rule.match.query), where };
    } catch {
      compiled = null; // reported when rules are checked (see checkQueries)
    }
  }
  perLanguage.set(lang.id, compiled);
  return compiled;
}

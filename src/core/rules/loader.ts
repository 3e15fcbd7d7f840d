import * as fs from 'fs';
import { createHash } from 'crypto';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { bestSchemaError, describeSchemaError, errorPlace, pathOf, positionOf } from '../yaml-errors';
import ruleSchema from '../../../schemas/rule.schema.json';
import definitionsSchema from '../../../schemas/definitions.schema.json';
import type { RuleLoadError } from '../types';
import { packageRoot } from '../paths';
import { checkPattern } from '../flow/glob';
import type { FixSpec, MatchSpec, Rule, SanitizerSpec, SinkSpec, SourceSpec, TierSpec, ValuePattern } from './model';

export interface RuleDir {
  dir: string;
  builtin: boolean;
}

export interface LoadedRules {
  rules: Rule[];
  errors: RuleLoadError[];
}

let validators: Validators | undefined;

interface Validators {
  rule: ValidateFunction;
  definitions: ValidateFunction;
}

/**
 * The schema validators. A build ships them precompiled (dist/rule-validators.js, made by ajv's
 * standalone code generation in scripts/build.mjs), which saves compiling the schema at start-up; from
 * a source checkout they are compiled here.
 */
function getValidators(): Validators {
  if (validators) return validators;
  const precompiled = path.join(packageRoot(), 'dist', 'rule-validators.js');
  const fresh = (file: string) => fs.existsSync(file) && ['rule', 'definitions'].every((n) => fs.statSync(path.join(packageRoot(), 'schemas', `${n}.schema.json`)).mtimeMs <= fs.statSync(file).mtimeMs);
  if (fresh(precompiled)) {
    try {
      // A runtime require on purpose: the file is generated next to the bundle, not bundled into it.
      const mod = module.require(precompiled) as Partial<Validators>;
      if (mod.rule && mod.definitions) return (validators = { rule: mod.rule, definitions: mod.definitions });
    } catch {
      // fall back to compiling
    }
  }
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return (validators = { rule: ajv.compile(ruleSchema), definitions: ajv.compile(definitionsSchema) });
}

interface ParsedFile {
  file: string;
  builtin: boolean;
  /** The YAML document with positions; parsed on demand for a file read from the snapshot (see below). */
  doc?: Document;
  lines?: LineCounter;
  text: string;
  data: unknown;
}

/**
 * The built-in rule files as data, written by the build (dist/builtin-rules.json) so that start-up does not
 * parse their YAML (most of the time of loading the rules). Each entry holds a hash of the file's text: a
 * file that changed since the build is parsed as usual.
 */
interface Snapshot {
  files: Record<string, { sha1: string; data: unknown }>;
}

let snapshot: Snapshot | null | undefined;

function builtinSnapshot(): Snapshot | null {
  if (snapshot !== undefined) return snapshot;
  try {
    snapshot = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'dist', 'builtin-rules.json'), 'utf8')) as Snapshot;
  } catch {
    snapshot = null; // no build output (tests run from source): parse the files
  }
  return snapshot;
}

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** The YAML document of a file (for positions in error messages), parsing it if the snapshot supplied the data. */
function documentOf(parsed: ParsedFile): { doc: Document; lines: LineCounter } {
  if (!parsed.doc || !parsed.lines) {
    parsed.lines = new LineCounter();
    parsed.doc = parseDocument(parsed.text, { lineCounter: parsed.lines, prettyErrors: false, uniqueKeys: true });
  }
  return { doc: parsed.doc, lines: parsed.lines };
}

function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYamlFiles(full));
    else if (/\.ya?ml$/i.test(e.name)) out.push(full);
  }
  return out;
}

/** Position of a YAML node (by its path in the document), 1-based, for error messages. */
function positionIn(parsed: ParsedFile, jsonPath: (string | number)[]): { line: number; column: number } {
  const { doc, lines } = documentOf(parsed);
  return positionOf(doc, lines, jsonPath);
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'enum') return `${errorPlace(e, 'the rule')}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return describeSchemaError(e, 'the rule');
}

function parseFile(file: string, builtin: boolean, errors: RuleLoadError[], fromSnapshot?: (file: string, text: string) => unknown): ParsedFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    errors.push({ file, line: 1, column: 1, message: `cannot read: ${(e as Error).message}` });
    return undefined;
  }
  const data = fromSnapshot?.(file, text);
  if (data !== undefined) return { file, builtin, text, data };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const { line, col } = lines.linePos(err.pos[0]);
    errors.push({ file, line, column: col, message: `YAML syntax: ${err.message.split('\n')[0]}` });
    return undefined;
  }
  return { file, builtin, doc, lines, text, data: doc.toJS() };
}

/**
 * Loads every rule under the given folders. A broken file is reported (file, line, column, what is
 * wrong) and skipped; every other rule still loads. Shared definitions are loaded first so rules in any
 * folder can `use` them.
 */
export function loadRules(dirs: RuleDir[]): LoadedRules {
  const errors: RuleLoadError[] = [];
  const files: ParsedFile[] = [];
  for (const { dir, builtin } of dirs) {
    if (!fs.existsSync(dir)) {
      errors.push({ file: dir, line: 1, column: 1, message: 'rule folder does not exist' });
      continue;
    }
    const snap = builtin && path.resolve(dir) === path.resolve(packageRoot(), 'rules') ? builtinSnapshot() : null;
    const fromSnapshot = snap
      ? (file: string, text: string) => {
          const entry = snap.files[path.relative(dir, file).split(path.sep).join('/')];
          return entry && entry.sha1 === textHash(text) ? entry.data : undefined;
        }
      : undefined;
    for (const file of listYamlFiles(dir)) {
      const parsed = parseFile(file, builtin, errors, fromSnapshot);
      if (parsed) files.push(parsed);
    }
  }

  const { rule: validateRule, definitions: validateDefinitions } = getValidators();
  const definitions = new Map<string, unknown[]>();
  for (const f of files) {
    if (!isDefinitionsFile(f.data)) continue;
    if (!validateDefinitions(f.data)) {
      const e = bestSchemaError(validateDefinitions.errors ?? []);
      errors.push({ file: f.file, ...positionIn(f, pathOf(e.instancePath)), message: describe(e) });
      continue;
    }
    for (const [name, list] of Object.entries((f.data as { definitions: Record<string, unknown[]> }).definitions)) {
      if (definitions.has(name)) {
        errors.push({ file: f.file, ...positionIn(f, ['definitions', name]), message: `definition "${name}" is defined twice` });
        continue;
      }
      definitions.set(name, list);
    }
  }

  const rules: Rule[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    if (isDefinitionsFile(f.data)) continue;
    if (!validateRule(f.data)) {
      const e = bestSchemaError(validateRule.errors ?? []);
      errors.push({ file: f.file, ...positionIn(f, pathOf(e.instancePath)), message: describe(e) });
      continue;
    }
    const raw = f.data as RawRule;
    if (ids.has(raw.id)) {
      errors.push({ file: f.file, ...positionIn(f, ['id']), message: `rule id "${raw.id}" is already used by ${ids.get(raw.id)}` });
      continue;
    }
    try {
      const rule = buildRule(raw, f, definitions);
      ids.set(rule.id, f.file);
      rules.push(rule);
    } catch (e) {
      const problem = e as RuleProblem;
      errors.push({ file: f.file, ...positionIn(f, problem.path ?? []), message: problem.message });
    }
  }
  return { rules, errors };
}

function isDefinitionsFile(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'definitions' in data && !('id' in data);
}

class RuleProblem extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

interface RawRule {
  id: string;
  title: string;
  severity: Rule['severity'];
  category: string;
  languages: string[];
  cwe: string[];
  owasp?: string[];
  references?: string[];
  checklist?: string;
  message: string;
  docs: string;
  enabled?: boolean;
  match: { taint?: Record<string, unknown[]>; query?: string; where?: Record<string, string>; inside?: string[] };
  fix?: FixSpec;
  tests: Rule['tests'];
}

function expandUses<T>(list: unknown[] | undefined, definitions: Map<string, unknown[]>, at: (string | number)[]): T[] {
  const out: T[] = [];
  (list ?? []).forEach((item, i) => {
    if (item && typeof item === 'object' && 'use' in item) {
      const name = (item as { use: string }).use;
      const found = definitions.get(name);
      if (!found) throw new RuleProblem(`unknown definition "${name}"`, [...at, i, 'use']);
      out.push(...expandUses<T>(found, definitions, at));
    } else out.push(item as T);
  });
  return out;
}

function checkValuePattern(p: ValuePattern | undefined, at: (string | number)[]): void {
  if (!p) return;
  if (!p.module && !p.name) throw new RuleProblem('a value pattern needs "module" or "name"', at);
  try {
    if (p.path) checkPattern(p.path);
    if (p.name) checkPattern(p.name);
    if (p.exceptPath) checkPattern(p.exceptPath);
  } catch (e) {
    throw new RuleProblem(`bad pattern: ${(e as Error).message}`, at);
  }
}

function checkRegex(source: string | undefined, at: (string | number)[]): void {
  if (source === undefined) return;
  try {
    new RegExp(source);
  } catch (e) {
    throw new RuleProblem(`bad regular expression: ${(e as Error).message}`, at);
  }
}

function buildRule(raw: RawRule, f: ParsedFile, definitions: Map<string, unknown[]>): Rule {
  let match: MatchSpec;
  if (raw.match.taint) {
    const t = raw.match.taint;
    const sources = expandUses<SourceSpec>(t.sources, definitions, ['match', 'taint', 'sources']);
    const sanitizers = expandUses<SanitizerSpec>(t.sanitizers, definitions, ['match', 'taint', 'sanitizers']);
    const sinks = expandUses<SinkSpec>(t.sinks, definitions, ['match', 'taint', 'sinks']).map((s) => ({ ...s, argument: String(s.argument) }));
    const tiers = expandUses<TierSpec>(t.tiers, definitions, ['match', 'taint', 'tiers']);
    sources.forEach((s, i) => {
      const at = ['match', 'taint', 'sources', i];
      if (!s.member && !s.value && !s.parameterOf) throw new RuleProblem('a source needs "member", "value" or "parameterOf"', at);
      if (s.member) {
        try {
          checkPattern(s.member);
        } catch (e) {
          throw new RuleProblem(`bad pattern: ${(e as Error).message}`, at);
        }
      }
      checkValuePattern(s.value, at);
      checkValuePattern(s.parameterOf, at);
    });
    sanitizers.forEach((s, i) => {
      const at = ['match', 'taint', 'sanitizers', i];
      checkValuePattern(s.call, at);
      checkValuePattern(s.tag, at);
      checkRegex(s.type, at);
      checkRegex(s.whenText, at);
      checkRegex(s.keyword?.value, at);
    });
    sinks.forEach((s, i) => {
      const at = ['match', 'taint', 'sinks', i];
      checkValuePattern(s.call, at);
      checkRegex(s.text, at);
      if (!/^(\d+(\.[\w$]+)?|[A-Za-z_]\w*)$/.test(s.argument)) throw new RuleProblem(`argument "${s.argument}" must be an index, index.property or a keyword name`, at);
    });
    match = { kind: 'taint', sources, sanitizers, sinks, tiers };
  } else {
    for (const [capture, regex] of Object.entries(raw.match.where ?? {})) checkRegex(regex, ['match', 'where', capture]);
    match = { kind: 'query', query: raw.match.query ?? '', where: raw.match.where, inside: raw.match.inside };
  }
  return {
    id: raw.id,
    title: raw.title,
    severity: raw.severity,
    category: raw.category,
    languages: raw.languages,
    cwe: raw.cwe,
    owasp: raw.owasp ?? [],
    references: raw.references ?? [],
    checklist: raw.checklist,
    message: raw.message,
    docs: raw.docs,
    match,
    fix: raw.fix,
    tests: raw.tests,
    source: { file: f.file, builtin: f.builtin },
    enabled: raw.enabled ?? raw.severity !== 'hint',
  };
}

// A small, dependency-free expander for VS Code snippet bodies, used by the snippet-pack tests to turn
// every snippet into the text an editor would insert when the user accepts all the defaults.
//
// It follows VS Code's grammar and parser (src/vs/editor/contrib/snippet/browser/snippetParser.ts):
//   tabstops      $1, ${1}           placeholders  ${1:default with ${2:nested} parts}
//   choices       ${1|one,two,three|}
//   variables     $NAME, ${NAME}, ${NAME:default}
//   transforms    ${1/regex/format/flags}, ${NAME/regex/format/flags}
//                 with $1 ${1} ${1:/upcase|downcase|capitalize|camelcase|pascalcase} ${1:+if} ${1:-else}
//                 ${1:?if:else} ${1:else} in the format
//   escapes       \$ \} \\ in text and defaults; \, \| \\ in choices; \/ in regex and format
// Whatever does not parse as one of these is literal text, as in VS Code (so `}` in code needs no escape
// outside a placeholder, and `${` followed by something else is kept as written).
//
// Semantics copied from VS Code:
//   - tabstops with the same index mirror one value; the first occurrence that has a default supplies it;
//   - a choice's value is its chosen option (the first unless told otherwise);
//   - a known variable resolves to its value (then its transform, if any); a variable the resolver does not
//     know keeps its default, or, without one, becomes its own name;
//   - `\t` at line starts and `\n` are kept as written (the caller decides how to indent).

export type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[]; choice?: string[]; transform?: Transform }
  | { kind: 'variable'; name: string; children: Node[]; transform?: Transform };

export interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

export type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; shorthand?: string; ifValue?: string; elseValue?: string };

// ---------------------------------------------------------------------------------------------------------
// Scanner

const enum T {
  Dollar,
  Colon,
  Comma,
  CurlyOpen,
  CurlyClose,
  Backslash,
  Forwardslash,
  Pipe,
  Int,
  VariableName,
  Format,
  Plus,
  Dash,
  QuestionMark,
  EOF,
}

interface Token {
  type: T;
  pos: number;
  len: number;
}

const SINGLE: Record<string, T> = {
  $: T.Dollar,
  ':': T.Colon,
  ',': T.Comma,
  '{': T.CurlyOpen,
  '}': T.CurlyClose,
  '\\': T.Backslash,
  '/': T.Forwardslash,
  '|': T.Pipe,
  '+': T.Plus,
  '-': T.Dash,
  '?': T.QuestionMark,
};

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isVarChar = (ch: string): boolean => ch === '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');

class Scanner {
  pos = 0;
  constructor(readonly value: string) {}

  tokenText(token: Token): string {
    return this.value.substr(token.pos, token.len);
  }

  next(): Token {
    const { value } = this;
    if (this.pos >= value.length) return { type: T.EOF, pos: this.pos, len: 0 };
    const pos = this.pos;
    const ch = value[pos];
    const single = SINGLE[ch];
    if (single !== undefined) {
      this.pos += 1;
      return { type: single, pos, len: 1 };
    }
    let len = 0;
    if (isDigit(ch)) {
      while (pos + len < value.length && isDigit(value[pos + len])) len += 1;
      this.pos += len;
      return { type: T.Int, pos, len };
    }
    if (isVarChar(ch)) {
      while (pos + len < value.length && (isVarChar(value[pos + len]) || isDigit(value[pos + len]))) len += 1;
      this.pos += len;
      return { type: T.VariableName, pos, len };
    }
    while (pos + len < value.length) {
      const c = value[pos + len];
      if (SINGLE[c] !== undefined || isDigit(c) || isVarChar(c)) break;
      len += 1;
    }
    this.pos += len;
    return { type: T.Format, pos, len };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Parser (a transcription of VS Code's recursive-descent parser, on plain objects)

type Parent = { children: Node[] };

class Parser {
  private scanner!: Scanner;
  private token!: Token;

  parse(value: string): Node[] {
    this.scanner = new Scanner(value);
    this.token = this.scanner.next();
    const root: Parent = { children: [] };
    while (this.parseAny(root)) {
      /* keep going */
    }
    return mergeText(root.children);
  }

  private accept(type: T | undefined): boolean {
    if (type === undefined || this.token.type === type) {
      this.token = this.scanner.next();
      return true;
    }
    return false;
  }

  /** Like accept, but returns the accepted token's text ('' when it did not match). */
  private acceptText(type: T | undefined): string {
    const token = this.token;
    if (type !== undefined && token.type !== type) return '';
    if (token.type === T.EOF) return '';
    this.token = this.scanner.next();
    return this.scanner.tokenText(token);
  }

  private backTo(token: Token): false {
    this.scanner.pos = token.pos + token.len;
    this.token = token;
    return false;
  }

  /** Text up to the given token type (escapes of $ } \ resolved), or false at EOF / a bad escape. */
  private until(type: T): string | false {
    const start = this.token;
    while (this.token.type !== type) {
      if (this.token.type === T.EOF) return false;
      if (this.token.type === T.Backslash) {
        const next = this.scanner.next();
        if (next.type !== T.Dollar && next.type !== T.CurlyClose && next.type !== T.Backslash) return false;
      }
      this.token = this.scanner.next();
    }
    const value = this.scanner.value.substring(start.pos, this.token.pos).replace(/\\(\$|}|\\)/g, '$1');
    this.token = this.scanner.next();
    return value;
  }

  private parseAny(parent: Parent): boolean {
    return (
      this.parseEscaped(parent) ||
      this.parseTabstopOrVariableName(parent) ||
      this.parseComplexPlaceholder(parent) ||
      this.parseComplexVariable(parent) ||
      this.parseAnything(parent)
    );
  }

  private parseEscaped(parent: Parent): boolean {
    const backslash = this.acceptText(T.Backslash);
    if (!backslash) return false;
    const escaped = this.acceptText(T.Dollar) || this.acceptText(T.CurlyClose) || this.acceptText(T.Backslash);
    parent.children.push({ kind: 'text', value: escaped || backslash });
    return true;
  }

  private parseTabstopOrVariableName(parent: Parent): boolean {
    const token = this.token;
    if (!this.accept(T.Dollar)) return this.backTo(token);
    const value = this.acceptText(T.VariableName) || this.acceptText(T.Int);
    if (!value) return this.backTo(token);
    if (/^\d+$/.test(value)) parent.children.push({ kind: 'tabstop', index: Number(value), children: [] });
    else parent.children.push({ kind: 'variable', name: value, children: [] });
    return true;
  }

  private parseComplexPlaceholder(parent: Parent): boolean {
    const token = this.token;
    if (!(this.accept(T.Dollar) && this.accept(T.CurlyOpen))) return this.backTo(token);
    const index = this.acceptText(T.Int);
    if (!index) return this.backTo(token);
    const placeholder: Extract<Node, { kind: 'tabstop' }> = { kind: 'tabstop', index: Number(index), children: [] };

    if (this.accept(T.Colon)) {
      for (;;) {
        if (this.accept(T.CurlyClose)) {
          placeholder.children = mergeText(placeholder.children);
          parent.children.push(placeholder);
          return true;
        }
        if (this.parseAny(placeholder)) continue;
        // EOF before the closing brace: VS Code keeps what it read as text.
        parent.children.push({ kind: 'text', value: '${' + index + ':' }, ...placeholder.children);
        return true;
      }
    }
    if (placeholder.index > 0 && this.accept(T.Pipe)) {
      const options: string[] = [];
      for (;;) {
        const option = this.parseChoiceElement();
        if (option !== undefined) {
          options.push(option);
          if (this.accept(T.Comma)) continue;
          if (this.accept(T.Pipe)) {
            placeholder.choice = options;
            if (this.accept(T.CurlyClose)) {
              parent.children.push(placeholder);
              return true;
            }
          }
        }
        return this.backTo(token);
      }
    }
    if (this.accept(T.Forwardslash)) {
      const transform = this.parseTransform();
      if (!transform) return this.backTo(token);
      placeholder.transform = transform;
      parent.children.push(placeholder);
      return true;
    }
    if (this.accept(T.CurlyClose)) {
      parent.children.push(placeholder);
      return true;
    }
    return this.backTo(token);
  }

  private parseChoiceElement(): string | undefined {
    const token = this.token;
    const values: string[] = [];
    for (;;) {
      if (this.token.type === T.Comma || this.token.type === T.Pipe) break;
      let value = this.acceptText(T.Backslash);
      if (value) value = this.acceptText(T.Comma) || this.acceptText(T.Pipe) || this.acceptText(T.Backslash) || value;
      else value = this.acceptText(undefined);
      if (!value) {
        this.backTo(token);
        return undefined;
      }
      values.push(value);
    }
    if (values.length === 0) {
      this.backTo(token);
      return undefined;
    }
    return values.join('');
  }

  private parseComplexVariable(parent: Parent): boolean {
    const token = this.token;
    if (!(this.accept(T.Dollar) && this.accept(T.CurlyOpen))) return this.backTo(token);
    const name = this.acceptText(T.VariableName);
    if (!name) return this.backTo(token);
    const variable: Extract<Node, { kind: 'variable' }> = { kind: 'variable', name, children: [] };

    if (this.accept(T.Colon)) {
      for (;;) {
        if (this.accept(T.CurlyClose)) {
          variable.children = mergeText(variable.children);
          parent.children.push(variable);
          return true;
        }
        if (this.parseAny(variable)) continue;
        parent.children.push({ kind: 'text', value: '${' + name + ':' }, ...variable.children);
        return true;
      }
    }
    if (this.accept(T.Forwardslash)) {
      const transform = this.parseTransform();
      if (!transform) return this.backTo(token);
      variable.transform = transform;
      parent.children.push(variable);
      return true;
    }
    if (this.accept(T.CurlyClose)) {
      parent.children.push(variable);
      return true;
    }
    return this.backTo(token);
  }

  private parseTransform(): Transform | undefined {
    let regexValue = '';
    let regexOptions = '';
    const format: FormatPart[] = [];

    for (;;) {
      if (this.accept(T.Forwardslash)) break;
      const backslash = this.acceptText(T.Backslash);
      if (backslash) {
        regexValue += this.acceptText(T.Forwardslash) || backslash;
        continue;
      }
      if (this.token.type !== T.EOF) {
        regexValue += this.acceptText(undefined);
        continue;
      }
      return undefined;
    }
    for (;;) {
      if (this.accept(T.Forwardslash)) break;
      const backslash = this.acceptText(T.Backslash);
      if (backslash) {
        format.push({ kind: 'text', value: this.acceptText(T.Backslash) || this.acceptText(T.Forwardslash) || backslash });
        continue;
      }
      const group = this.parseFormatString();
      if (group) {
        format.push(group);
        continue;
      }
      if (this.token.type !== T.EOF) {
        format.push({ kind: 'text', value: this.acceptText(undefined) });
        continue;
      }
      return undefined;
    }
    for (;;) {
      if (this.accept(T.CurlyClose)) break;
      if (this.token.type !== T.EOF) {
        regexOptions += this.acceptText(undefined);
        continue;
      }
      return undefined;
    }
    let regex: RegExp;
    try {
      regex = new RegExp(regexValue, regexOptions);
    } catch {
      return undefined;
    }
    return { regex, format: mergeFormatText(format) };
  }

  private parseFormatString(): FormatPart | undefined {
    const token = this.token;
    if (!this.accept(T.Dollar)) return undefined;
    const complex = this.accept(T.CurlyOpen);
    const indexText = this.acceptText(T.Int);
    const fail = (): undefined => {
      this.backTo(token);
      return undefined;
    };
    if (!indexText) return fail();
    const index = Number(indexText);
    if (!complex) return { kind: 'group', index };
    if (this.accept(T.CurlyClose)) return { kind: 'group', index };
    if (!this.accept(T.Colon)) return fail();

    if (this.accept(T.Forwardslash)) {
      const shorthand = this.acceptText(T.VariableName);
      if (!shorthand || !this.accept(T.CurlyClose)) return fail();
      return { kind: 'group', index, shorthand };
    }
    if (this.accept(T.Plus)) {
      const ifValue = this.until(T.CurlyClose);
      return ifValue ? { kind: 'group', index, ifValue } : fail();
    }
    if (this.accept(T.Dash)) {
      const elseValue = this.until(T.CurlyClose);
      return elseValue ? { kind: 'group', index, elseValue } : fail();
    }
    if (this.accept(T.QuestionMark)) {
      const ifValue = this.until(T.Colon);
      if (!ifValue) return fail();
      const elseValue = this.until(T.CurlyClose);
      return elseValue ? { kind: 'group', index, ifValue, elseValue } : fail();
    }
    const elseValue = this.until(T.CurlyClose);
    return elseValue ? { kind: 'group', index, elseValue } : fail();
  }

  private parseAnything(parent: Parent): boolean {
    if (this.token.type === T.EOF) return false;
    parent.children.push({ kind: 'text', value: this.scanner.tokenText(this.token) });
    this.accept(undefined);
    return true;
  }
}

function mergeText(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') last.value += node.value;
    else out.push(node.kind === 'text' ? { ...node } : node);
  }
  return out;
}

function mergeFormatText(parts: FormatPart[]): FormatPart[] {
  const out: FormatPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') last.value += part.value;
    else out.push(part.kind === 'text' ? { ...part } : part);
  }
  return out;
}

/** Parses a snippet body (a string, or VS Code's array of lines) into a tree. */
export function parseSnippet(body: string | string[]): Node[] {
  return new Parser().parse(Array.isArray(body) ? body.join('\n') : body);
}

// ---------------------------------------------------------------------------------------------------------
// Transforms

function applyFormat(part: Extract<FormatPart, { kind: 'group' }>, value: string): string {
  switch (part.shorthand) {
    case 'upcase':
      return value.toLocaleUpperCase();
    case 'downcase':
      return value.toLocaleLowerCase();
    case 'capitalize':
      return value ? value[0].toLocaleUpperCase() + value.slice(1) : '';
    case 'pascalcase': {
      const words = value.match(/[a-z0-9]+/gi);
      return words ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') : value;
    }
    case 'camelcase': {
      const words = value.match(/[a-z0-9]+/gi);
      return words
        ? words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() : w.charAt(0).toUpperCase()) + w.slice(1)).join('')
        : value;
    }
    default:
      break;
  }
  if (value && part.ifValue !== undefined) return part.ifValue;
  if (!value && part.elseValue !== undefined) return part.elseValue;
  return value;
}

function formatGroups(format: FormatPart[], groups: string[]): string {
  let out = '';
  for (const part of format) {
    out += part.kind === 'text' ? part.value : applyFormat(part, groups[part.index] ?? '');
  }
  return out;
}

/** Applies a snippet transform to a value, as VS Code does (String.replace with the format as replacer). */
export function applyTransform(transform: Transform, value: string): string {
  let matched = false;
  const result = value.replace(transform.regex, (...args: unknown[]) => {
    matched = true;
    // args: match, p1..pn, offset, string[, groups]
    const hasNamedGroups = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null;
    const groups = args.slice(0, hasNamedGroups ? -3 : -2).map((g) => (typeof g === 'string' ? g : ''));
    return formatGroups(transform.format, groups);
  });
  if (!matched && transform.format.some((p) => p.kind === 'group' && p.elseValue !== undefined)) {
    return formatGroups(transform.format, []);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Expansion

/** Returns a variable's value, or undefined when the variable is not known (VS Code then keeps the default). */
export type VariableResolver = (name: string) => string | undefined;

export interface ExpandOptions {
  /** Variable values; a function, or a map of known names. Default: {@link defaultVariables} of 'untitled.js'. */
  variables?: VariableResolver | Record<string, string>;
  /** Chosen option per choice tabstop index (an option's text, or its position). Default: the first option. */
  choices?: Record<number, string | number>;
}

export interface Expansion {
  text: string;
  /** Offset of the final cursor ($0) in text, or the end of the text when the snippet has no $0. */
  cursor: number;
  /** Each tabstop index that appears (except 0) with its resolved value, in index order. */
  tabstops: Map<number, string>;
}

/** Names of the variables VS Code defines (values depend on the editor; these are the documented ones). */
export const KNOWN_VARIABLES = [
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER',
  'TM_FILENAME', 'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD',
  'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE',
  'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET',
  'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
] as const;

/**
 * Values VS Code would give the variables when a snippet is inserted at the start of an empty file at
 * `filePath` (relative to a workspace folder named `workspace`), with nothing selected and an empty
 * clipboard. Date, time and random values are fixed so that expansions are reproducible.
 */
export function defaultVariables(filePath: string, workspace = 'project'): Record<string, string> {
  const normalized = filePath.replace(/\\/g, '/');
  const base = normalized.slice(normalized.lastIndexOf('/') + 1);
  const dir = normalized.includes('/') ? normalized.slice(0, normalized.lastIndexOf('/')) : '';
  const dot = base.lastIndexOf('.');
  return {
    // No selection, no word under the cursor and an empty clipboard: VS Code leaves TM_SELECTED_TEXT,
    // TM_CURRENT_WORD and CLIPBOARD unresolved (so their defaults apply); the current line is empty.
    TM_CURRENT_LINE: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_FILENAME: base,
    TM_FILENAME_BASE: dot > 0 ? base.slice(0, dot) : base,
    TM_DIRECTORY: `/${workspace}${dir ? `/${dir}` : ''}`,
    TM_FILEPATH: `/${workspace}/${normalized}`,
    RELATIVE_FILEPATH: normalized,
    WORKSPACE_NAME: workspace,
    WORKSPACE_FOLDER: `/${workspace}`,
    CURSOR_INDEX: '0',
    CURSOR_NUMBER: '1',
    CURRENT_YEAR: '2025',
    CURRENT_YEAR_SHORT: '25',
    CURRENT_MONTH: '01',
    CURRENT_MONTH_NAME: 'January',
    CURRENT_MONTH_NAME_SHORT: 'Jan',
    CURRENT_DATE: '02',
    CURRENT_DAY_NAME: 'Thursday',
    CURRENT_DAY_NAME_SHORT: 'Thu',
    CURRENT_HOUR: '03',
    CURRENT_MINUTE: '04',
    CURRENT_SECOND: '05',
    CURRENT_SECONDS_UNIX: '1735787045',
    CURRENT_TIMEZONE_OFFSET: 'Z',
    RANDOM: '123456',
    RANDOM_HEX: 'a1b2c3',
    UUID: '00000000-0000-4000-8000-000000000000',
    BLOCK_COMMENT_START: '/*',
    BLOCK_COMMENT_END: '*/',
    LINE_COMMENT: '//',
  };
}

function walk(nodes: Node[], visit: (node: Node) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind !== 'text') walk(node.children, visit);
  }
}

/** The choice tabstops of a snippet: index → options (the first occurrence of an index wins). */
export function choicesOf(body: string | string[] | Node[]): Map<number, string[]> {
  const nodes = typeof body === 'string' || (Array.isArray(body) && typeof body[0] === 'string') ? parseSnippet(body as string | string[]) : (body as Node[]);
  const choices = new Map<number, string[]>();
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.choice && !choices.has(node.index)) choices.set(node.index, node.choice);
  });
  return choices;
}

/** Expands a snippet body to the text inserted when every placeholder keeps its default. */
export function expandSnippet(body: string | string[], options: ExpandOptions = {}): Expansion {
  const nodes = parseSnippet(body);
  const variables = options.variables ?? defaultVariables('untitled.js');
  const resolve: VariableResolver =
    typeof variables === 'function' ? variables : (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined);

  // Defaults for each tabstop index: the first occurrence that has content (or is a choice) defines it.
  const definitions = new Map<number, Extract<Node, { kind: 'tabstop' }>>();
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.index !== 0 && !definitions.has(node.index) && (node.children.length > 0 || node.choice)) {
      definitions.set(node.index, node);
    }
  });

  const values = new Map<number, string>();
  const resolving = new Set<number>();

  const valueOf = (index: number): string => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const definition = definitions.get(index);
    if (!definition || resolving.has(index)) return '';
    resolving.add(index);
    let value: string;
    if (definition.choice) {
      const wanted = options.choices?.[index];
      if (wanted === undefined) value = definition.choice[0];
      else if (typeof wanted === 'number') {
        if (!(wanted in definition.choice)) throw new Error(`choice $${index} has no option #${wanted}`);
        value = definition.choice[wanted];
      } else {
        if (!definition.choice.includes(wanted)) throw new Error(`choice $${index} has no option ${JSON.stringify(wanted)}`);
        value = wanted;
      }
    } else {
      value = render(definition.children);
    }
    resolving.delete(index);
    values.set(index, value);
    return value;
  };

  let cursor = -1;
  let out = '';

  const renderInto = (list: Node[], emit: (s: string) => void, track: boolean): void => {
    for (const node of list) {
      if (node.kind === 'text') emit(node.value);
      else if (node.kind === 'tabstop') {
        if (node.index === 0) {
          if (track && cursor < 0) cursor = out.length;
          renderInto(node.children, emit, track);
        } else {
          const value = valueOf(node.index);
          emit(node.transform ? applyTransform(node.transform, value) : value);
        }
      } else {
        const known = (KNOWN_VARIABLES as readonly string[]).includes(node.name);
        // VS Code turns an unknown variable without a default into a placeholder holding its name.
        if (!known && node.children.length === 0) {
          emit(node.name);
          continue;
        }
        let value = resolve(node.name);
        // A transform always yields a value (of '' when the variable is unset), replacing the default.
        if (node.transform) value = applyTransform(node.transform, value ?? '');
        if (value !== undefined) emit(value);
        else renderInto(node.children, emit, track);
      }
    }
  };

  function render(list: Node[]): string {
    let s = '';
    renderInto(list, (piece) => (s += piece), false);
    return s;
  }

  renderInto(nodes, (piece) => (out += piece), true);

  const tabstops = new Map<number, string>();
  const indices = new Set<number>();
  walk(nodes, (node) => {
    if (node.kind === 'tabstop' && node.index !== 0) indices.add(node.index);
  });
  for (const index of [...indices].sort((a, b) => a - b)) tabstops.set(index, valueOf(index));

  return { text: out, cursor: cursor < 0 ? out.length : cursor, tabstops };
}

/**
 * Every expansion a test should see: one per combination of choice options (the cartesian product over
 * the snippet's choice tabstops), each labelled with the options it took. A snippet without choices has
 * exactly one expansion, labelled ''.
 */
export function expandEveryChoice(
  body: string | string[],
  options: Omit<ExpandOptions, 'choices'> = {},
  maxCombinations = 64,
): Array<{ label: string; choices: Record<number, string>; expansion: Expansion }> {
  const choices = [...choicesOf(body).entries()];
  const total = choices.reduce((n, [, opts]) => n * opts.length, 1);
  if (total > maxCombinations) {
    throw new Error(`snippet has ${total} choice combinations (more than ${maxCombinations}): split it or use fewer choices`);
  }
  const combos: Array<Record<number, string>> = [{}];
  for (const [index, opts] of choices) {
    const next: Array<Record<number, string>> = [];
    for (const combo of combos) for (const option of opts) next.push({ ...combo, [index]: option });
    combos.splice(0, combos.length, ...next);
  }
  return combos.map((combo) => ({
    label: Object.entries(combo)
      .map(([index, option]) => `${index}=${option}`)
      .join(','),
    choices: combo,
    expansion: expandSnippet(body, { ...options, choices: combo }),
  }));
}

import type { SyntaxNode } from '../parsing/parser';
import type { Family } from '../flow/analyzer';
import type { FixSpec } from '../rules/model';
import type { Fix, TextEdit } from '../types';
import { jsStringValue, pyStringValue, unescapeJs } from '../flow/strings';

/**
 * The "parameterise this query" fix: takes a query built by concatenation, a template literal or Python
 * formatting, turns every interpolated value into a placeholder of the driver's style, and passes the
 * values the way the driver takes them. It declines (returns undefined) rather than guess: identifiers
 * (table or column names) cannot be parameters, and a call that already passes parameters is left alone.
 */

type Part = { text: string } | { expr: SyntaxNode };

interface Hole {
  expr: string;
  prefix: string; // literal characters moved from inside quotes into the value ('%' for LIKE)
  suffix: string;
}

const IDENTIFIER_POSITION = /(\bfrom|\bjoin|\binto|\bupdate|\btable|\bby|\bas|\.|\bselect|,)\s*[`"[]?$/i;

export function parameteriseFix(
  call: SyntaxNode,
  argument: SyntaxNode,
  spec: FixSpec,
  family: Family,
  source: string,
): Fix | undefined {
  let queryNode = argument;
  const edits: TextEdit[] = [];
  let viaVariable: SyntaxNode | undefined;
  if (argument.type === 'identifier') {
    viaVariable = singleUseDefinition(argument, family);
    if (!viaVariable) return undefined;
    queryNode = viaVariable;
  }
  const parts = flatten(queryNode, family);
  if (!parts || !parts.some((p) => 'expr' in p)) return undefined;

  const built = buildQuery(parts, spec, family, source);
  if (!built) return undefined;
  const { sql, holes } = built;

  const args = call.childForFieldName('arguments');
  const argList = args ? (args.namedChildren.filter((c) => c && c.type !== 'comment') as SyntaxNode[]) : [];
  const index = argList.findIndex((a) => a.id === argument.id);
  const next = argList[index + 1];
  const valueText = (h: Hole) => withAffixes(h, family);

  if (spec.values === 'tagged-template') {
    if (viaVariable || argList.length !== 1 || family !== 'js') return undefined;
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    let template = '`';
    let hi = 0;
    for (const piece of sql.split(PLACEHOLDER_MARK)) {
      if (hi > 0) template += '${' + valueText(holes[hi - 1]) + '}';
      template += piece.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
      hi++;
    }
    template += '`';
    const calleeText = spec.rename ? renameCallee(callee, spec.rename) : callee.text;
    edits.push({ start: call.startIndex, end: call.endIndex, text: calleeText + template });
    return { title: spec.title ?? 'Parameterise this query (tagged template)', edits };
  }

  const numbered = numberPlaceholders(sql, spec, holes);
  const literal = family === 'python' ? pythonLiteral(numbered) : jsLiteral(numbered, queryNode, source);
  edits.push({ start: queryNode.startIndex, end: queryNode.endIndex, text: literal });
  const afterArg = argument.endIndex;
  const values = holes.map(valueText);
  const names = placeholderNames(holes);

  switch (spec.values) {
    case 'array-argument':
    case 'list-argument':
    case 'tuple-argument': {
      if (next && !isFunction(next)) return undefined;
      const list =
        spec.values === 'tuple-argument'
          ? `(${values.join(', ')}${values.length === 1 ? ',' : ''})`
          : `[${values.join(', ')}]`;
      edits.push({ start: afterArg, end: afterArg, text: `, ${list}` });
      break;
    }
    case 'replacements-option': {
      const replacements = `replacements: [${values.join(', ')}]`;
      if (!next) edits.push({ start: afterArg, end: afterArg, text: `, { ${replacements} }` });
      else if (next.type === 'object' && !/\b(replacements|bind)\b/.test(next.text)) {
        const open = next.startIndex + 1;
        const empty = next.namedChildren.length === 0;
        edits.push({ start: open, end: open, text: empty ? ` ${replacements} ` : ` ${replacements},` });
      } else return undefined;
      break;
    }
    case 'named-object-argument': {
      if (next) return undefined;
      const obj = names.map((n, i) => (n === values[i] ? n : `${n}: ${values[i]}`)).join(', ');
      edits.push({ start: afterArg, end: afterArg, text: `, { ${obj} }` });
      break;
    }
    case 'bindparams': {
      if (family !== 'python') return undefined;
      const kw = names.map((n, i) => `${n}=${values[i]}`).join(', ');
      edits.push({ start: call.endIndex, end: call.endIndex, text: `.bindparams(${kw})` });
      break;
    }
    case 'input-chain': {
      const callee = call.childForFieldName('function');
      const object = callee?.childForFieldName('object');
      if (!callee || callee.type !== 'member_expression' || !object || next) return undefined;
      const inputs = names.map((n, i) => `.input('${n}', ${values[i]})`).join('');
      edits.push({ start: object.endIndex, end: object.endIndex, text: inputs });
      break;
    }
    default:
      return undefined;
  }
  return { title: spec.title ?? 'Parameterise this query', edits };
}

const PLACEHOLDER_MARK = '\u0001';

/** Joins the parts into SQL with a mark per value, moving quotes around values out of the SQL. */
function buildQuery(parts: Part[], spec: FixSpec, family: Family, source: string): { sql: string; holes: Hole[] } | undefined {
  let sql = '';
  const holes: Hole[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if ('text' in p) {
      sql += spec.placeholder === '%s' ? p.text.replace(/%/g, '%%') : p.text;
      continue;
    }
    // value inside quotes: '...' + x + '...'
    const before = /(['"])([%]*)$/.exec(sql);
    const nextPart = parts[i + 1];
    const after = nextPart && 'text' in nextPart ? /^([%]*)(['"])/.exec(nextPart.text) : null;
    let prefix = '';
    let suffix = '';
    if (before && after && before[1] === after[2]) {
      sql = sql.slice(0, sql.length - before[0].length);
      prefix = before[2].replace(/%%/g, '%');
      suffix = after[1];
      (parts[i + 1] as { text: string }).text = (nextPart as { text: string }).text.slice(after[0].length);
    } else if (IDENTIFIER_POSITION.test(sql.replace(/%%/g, '%'))) {
      return undefined; // a table or column name: needs an allow-list, not a parameter
    } else if (nextPart && 'text' in nextPart && /^\s*[`"\]]/.test(nextPart.text)) {
      return undefined; // quoted identifier
    }
    holes.push({ expr: source.slice(p.expr.startIndex, p.expr.endIndex), prefix, suffix });
    sql += PLACEHOLDER_MARK;
  }
  if (/\$\d|(^|[^:]):[a-z_]\w*|\?|@[a-z_]/i.test(sql.replace(new RegExp(PLACEHOLDER_MARK, 'g'), '')) && spec.placeholder !== '%s') {
    return undefined; // already has placeholders of its own: the values are passed somewhere we do not rewrite
  }
  return { sql, holes };
}

function numberPlaceholders(sql: string, spec: FixSpec, holes: Hole[]): string {
  const names = placeholderNames(holes);
  let i = 0;
  return sql.replace(new RegExp(PLACEHOLDER_MARK, 'g'), () => {
    const n = i++;
    switch (spec.placeholder) {
      case '$n':
        return `$${n + 1}`;
      case '?':
        return '?';
      case '%s':
        return '%s';
      case '@name':
        return `@${names[n]}`;
      case ':name':
        return `:${names[n]}`;
      default:
        return '?';
    }
  });
}

/** `req.params.id` → `id`; clashes get a number; anything odd becomes p1, p2... */
function placeholderNames(holes: Hole[]): string[] {
  const used = new Set<string>();
  return holes.map((h, i) => {
    let base = /([A-Za-z_]\w*)\s*\)?\s*$/.exec(h.expr)?.[1] ?? `p${i + 1}`;
    if (/^(this|self|toString|trim|String|str)$/.test(base)) base = `p${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}${k}`;
    used.add(name);
    return name;
  });
}

function withAffixes(h: Hole, family: Family): string {
  if (!h.prefix && !h.suffix) return h.expr;
  const q = family === 'python' ? '"' : "'";
  const pieces = [h.prefix ? `${q}${h.prefix}${q}` : '', h.expr, h.suffix ? `${q}${h.suffix}${q}` : ''].filter(Boolean);
  return family === 'python' && !h.expr.startsWith('str(') ? pieces.map((p) => (p === h.expr ? `str(${p})` : p)).join(' + ') : pieces.join(' + ');
}

function jsLiteral(sql: string, original: SyntaxNode, source: string): string {
  if (sql.includes('\n') || original.type === 'template_string') return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const firstQuote = /['"]/.exec(source.slice(original.startIndex, original.endIndex))?.[0] ?? "'";
  const quote = sql.includes(firstQuote) && !sql.includes(firstQuote === "'" ? '"' : "'") ? (firstQuote === "'" ? '"' : "'") : firstQuote;
  return quote + sql.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

function pythonLiteral(sql: string): string {
  if (sql.includes('\n')) return '"""' + sql.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"') + '"""';
  const quote = sql.includes('"') && !sql.includes("'") ? "'" : '"';
  return quote + sql.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

function renameCallee(callee: SyntaxNode, rename: string): string {
  if (callee.type === 'member_expression') {
    const obj = callee.childForFieldName('object');
    return `${obj?.text ?? ''}.${rename}`;
  }
  return rename;
}

function isFunction(n: SyntaxNode): boolean {
  return n.type === 'arrow_function' || n.type === 'function_expression' || n.type === 'function';
}

/** Splits a string-building expression into literal text and interpolated expressions. */
function flatten(node: SyntaxNode, family: Family): Part[] | undefined {
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? flatten(inner, family) : undefined;
    }
    case 'binary_expression':
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return undefined;
      if (op === '+') {
        const l = flattenOperand(left, family);
        const r = flattenOperand(right, family);
        return l && r ? [...l, ...r] : undefined;
      }
      if (op === '%' && family === 'python' && left.type === 'string') return percentFormat(left, right);
      return undefined;
    }
    case 'string':
      if (family === 'python') {
        if (node.namedChildren.some((c) => c?.type === 'interpolation')) return fString(node);
        return [{ text: pyStringValue(node).text }];
      }
      return [{ text: jsStringValue(node).text }];
    case 'concatenated_string': {
      const out: Part[] = [];
      for (const c of node.namedChildren) {
        const f = c ? flatten(c, family) : undefined;
        if (!f) return undefined;
        out.push(...f);
      }
      return out;
    }
    case 'template_string': {
      const out: Part[] = [];
      for (const c of node.namedChildren) {
        if (!c) continue;
        if (c.type === 'string_fragment') out.push({ text: c.text });
        else if (c.type === 'escape_sequence') out.push({ text: unescapeJs(c.text) });
        else if (c.type === 'template_substitution' && c.namedChildren[0]) out.push({ expr: c.namedChildren[0] });
      }
      return mergeText(out);
    }
    case 'call': {
      // "...{}...".format(a, b)
      const fn = node.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
        const recv = fn.childForFieldName('object');
        const args = node.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'keyword_argument') as SyntaxNode[];
        if (recv?.type === 'string' && args) return braceFormat(pyStringValue(recv).text, args);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function flattenOperand(node: SyntaxNode, family: Family): Part[] | undefined {
  const literal = flatten(node, family);
  if (literal) return literal;
  return [{ expr: node }];
}

function mergeText(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('text' in p && last && 'text' in last) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

function fString(node: SyntaxNode): Part[] | undefined {
  const out: Part[] = [];
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out.push({ text: c.text });
    else if (c.type === 'interpolation') {
      const e = c.childForFieldName('expression') ?? c.namedChildren[0];
      if (!e || c.namedChildren.length > 1) return undefined; // format specs / conversions: leave to a person
      out.push({ expr: e });
    }
  }
  return mergeText(out);
}

function percentFormat(left: SyntaxNode, right: SyntaxNode): Part[] | undefined {
  const text = pyStringValue(left).text;
  const values = right.type === 'tuple' ? (right.namedChildren.filter(Boolean) as SyntaxNode[]) : [right];
  const pieces = text.split(/%[sd]/);
  if (/%\(|%[^sd%]/.test(text.replace(/%[sd]|%%/g, ''))) return undefined;
  if (pieces.length - 1 !== values.length) return undefined;
  const out: Part[] = [];
  pieces.forEach((piece, i) => {
    out.push({ text: piece.replace(/%%/g, '%') });
    if (i < values.length) out.push({ expr: values[i] });
  });
  return mergeText(out);
}

function braceFormat(text: string, args: SyntaxNode[]): Part[] | undefined {
  const pieces = text.split(/\{\}/);
  if (/\{[^}]+\}/.test(text) || pieces.length - 1 !== args.length) return undefined;
  const out: Part[] = [];
  pieces.forEach((piece, i) => {
    out.push({ text: piece });
    if (i < args.length) out.push({ expr: args[i] });
  });
  return mergeText(out);
}

/**
 * `const sql = "..." + id; db.query(sql)`: the initializer, when the variable is declared once right in
 * this function, never reassigned, and used only by this call.
 */
function singleUseDefinition(id: SyntaxNode, family: Family): SyntaxNode | undefined {
  const name = id.text;
  let fnBody: SyntaxNode | null = id.parent;
  while (fnBody && !/^(statement_block|block|program|module)$/.test(fnBody.type)) fnBody = fnBody.parent;
  if (!fnBody) return undefined;
  let init: SyntaxNode | undefined;
  let uses = 0;
  let assignments = 0;
  const visit = (n: SyntaxNode) => {
    if (n.type === 'identifier' && n.text === name) {
      const p = n.parent;
      if (p?.type === 'variable_declarator' && p.childForFieldName('name')?.id === n.id) {
        assignments++;
        init = p.childForFieldName('value') ?? undefined;
      } else if (family === 'python' && p?.type === 'assignment' && p.childForFieldName('left')?.id === n.id) {
        assignments++;
        init = p.childForFieldName('right') ?? undefined;
      } else if ((p?.type === 'assignment_expression' || p?.type === 'augmented_assignment_expression' || p?.type === 'augmented_assignment') && p.childForFieldName('left')?.id === n.id) {
        assignments += 2;
      } else uses++;
    }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  visit(fnBody);
  if (assignments !== 1 || uses !== 1 || !init) return undefined;
  if (init.startIndex > id.startIndex) return undefined;
  return init;
}

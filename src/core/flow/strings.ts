import { constant, HOLE, type Value } from './value';
import type { SyntaxNode } from '../parsing/parser';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };

export function unescapeJs(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, e: string) => {
    if (e[0] === 'u' && e[1] === '{') return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' && e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'x' && e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return SIMPLE_ESCAPES[e] ?? e;
  });
}

/** A JavaScript string literal's value. */
export function jsStringValue(node: SyntaxNode): Value {
  const raw = node.text;
  return constant(unescapeJs(raw.slice(1, -1)));
}

/** A Python string literal without interpolations (raw strings keep their backslashes). */
export function pyStringValue(node: SyntaxNode): Value {
  const start = node.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '"';
  const raw = /r/i.test(start);
  let text = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') text += raw ? c.text : unescapeJs(c.text);
    else if (c.type === 'escape_sequence') text += raw ? c.text : unescapeJs(c.text);
  }
  return constant(text);
}

/** `"... %s ..." % x`: each conversion becomes a hole in the known text (`%%` stays a percent sign). */
export function pyFormatText(text: string): string {
  return text.replace(/%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdifrxXeEgGcoa%]/g, (m) => (m === '%%' ? '%' : HOLE));
}

/** `"... {} ...".format(x)`: each replacement field becomes a hole (`{{` stays a brace). */
export function braceFormatText(text: string): string {
  return text.replace(/\{\{|\}\}|\{[^{}]*\}/g, (m) => (m === '{{' ? '{' : m === '}}' ? '}' : HOLE));
}

// Where the snippet prefix being typed starts. Snippet prefixes contain dashes (`ex-app-cjs`), which are
// not word characters in JavaScript, so the editor's own word at the cursor would be just `cjs`; the
// completion items replace the whole dashed token instead.

const TOKEN = /[A-Za-z0-9-]*$/;

/**
 * The offset in `linePrefix` (the line's text before the cursor) where the typed prefix starts, or undefined
 * when the cursor is not after something that could start a snippet prefix: after a member access (`app.`),
 * inside an identifier (`_x`, `$x`), or after a dash that begins no prefix (`i--`, `a - b`). When the
 * completion was triggered by typing `-`, the token must begin one of `prefixes`.
 */
export function prefixStart(linePrefix: string, prefixes: readonly string[], triggerCharacter?: string): number | undefined {
  const match = TOKEN.exec(linePrefix);
  const start = match ? match.index : linePrefix.length;
  const token = linePrefix.slice(start);
  const before = linePrefix[start - 1];
  if (before !== undefined && /[.\w$]/.test(before)) return undefined;
  if (token !== '' && !/^[A-Za-z]/.test(token)) return undefined;
  if (triggerCharacter === '-' && !prefixes.some((p) => p.startsWith(token))) return undefined;
  return start;
}

import type { Range } from './types';

/**
 * `// coach-ignore-next-line rule-id[, other-id] -- reason` covers the next line;
 * `// coach-ignore-line rule-id -- reason` covers its own line. `#` instead of `//` in Python.
 * A suppression needs a rule id (no blanket ignores), and its reason travels with the finding.
 */
export interface Suppression {
  ruleIds: string[];
  reason: string;
  /** 0-based line the suppression applies to. */
  appliesTo: number;
  range: Range;
}

const PATTERN = /(?:\/\/|#)\s*coach-ignore-(next-line|line)\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)(?:\s+--\s*(.*?))?\s*(?:\*\/)?$/;

export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('coach-ignore-')) return out;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = PATTERN.exec(line);
    if (!m) return;
    const column = m.index;
    out.push({
      ruleIds: m[2].split(',').map((s) => s.trim()),
      reason: (m[3] ?? '').trim(),
      appliesTo: m[1] === 'next-line' ? i + 1 : i,
      range: { start: { line: i, column }, end: { line: i, column: line.length } },
    });
  });
  return out;
}

export function suppressionFor(suppressions: Suppression[], ruleId: string, line: number): Suppression | undefined {
  return suppressions.find((s) => s.appliesTo === line && s.ruleIds.includes(ruleId));
}

/** The comment a "suppress" quick fix inserts above a line, indented like it. */
export function suppressionComment(lineComment: string, ruleId: string, indent: string, reason = 'why this is safe'): string {
  return `${indent}${lineComment} coach-ignore-next-line ${ruleId} -- ${reason}\n`;
}

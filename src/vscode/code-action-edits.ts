import { findSuppressions, suppressionComment } from '../core/suppressions';
import type { Fix } from '../core/types';

// The text side of the quick fixes, kept apart from the provider so it is testable without VS Code:
// a rule's fix as position ranges, and where and what the "suppress" action inserts. Positions are
// whatever the caller's `positionAt` returns (the document's own, in the editor).

export interface PositionedEdit<P> {
  start: P;
  end: P;
  text: string;
}

/**
 * A finding's fix as edits between positions, in document order. `positionAt` must be the converter of
 * the exact text the finding was computed for. Undefined when the fix cannot be applied as given: no
 * edits, an offset outside the text, or edits that overlap.
 */
export function fixEdits<P>(fix: Fix, textLength: number, positionAt: (offset: number) => P): PositionedEdit<P>[] | undefined {
  if (!fix.edits.length) return undefined;
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let previousEnd = -1;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > textLength) return undefined;
    if (e.start < previousEnd) return undefined; // overlaps the previous edit (touching is fine, as in applyEdits)
    previousEnd = e.end;
  }
  return sorted.map((e) => ({ start: positionAt(e.start), end: positionAt(e.end), text: e.text }));
}

/**
 * What "Suppress <rule> for this line" inserts at `line`:`column` (0-based): `before`, then `reason` (the
 * part the editor selects for the user to overwrite; empty when there is none), then `after`.
 */
export interface SuppressionInsertion {
  line: number;
  column: number;
  before: string;
  reason: string;
  after: string;
}

export const DEFAULT_REASON = 'why this is safe';

const IDS_OF_NEXT_LINE_COMMENT = /coach-ignore-next-line\s+[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*/;

/**
 * The insertion that silences `ruleId` on the 0-based line `line`. Normally a new comment line above it,
 * indented like it: `<indent>// coach-ignore-next-line <rule> -- why this is safe`. When the line above
 * already is a `coach-ignore-next-line` comment (for another rule), a second comment above it would
 * only silence that comment line, so the rule id is added to its list instead. Undefined when the
 * comment above already names the rule.
 */
export function suppressionInsertion(lineText: (line: number) => string, line: number, lineComment: string, ruleId: string, eol = '\n'): SuppressionInsertion | undefined {
  if (line > 0) {
    const above = lineText(line - 1);
    const existing = findSuppressions(above).find((s) => s.appliesTo === 1);
    if (existing) {
      if (existing.ruleIds.includes(ruleId)) return undefined;
      const ids = IDS_OF_NEXT_LINE_COMMENT.exec(above.slice(existing.range.start.column));
      if (ids) return { line: line - 1, column: existing.range.start.column + ids.index + ids[0].length, before: `, ${ruleId}`, reason: '', after: '' };
    }
  }
  const indent = /^[ \t]*/.exec(lineText(line))?.[0] ?? '';
  const marker = '\u0000';
  const [before, after] = suppressionComment(lineComment, ruleId, indent, marker).split(marker);
  return { line, column: 0, before, reason: DEFAULT_REASON, after: after.replace(/\n$/, eol) };
}

/** The insertion as plain text. */
export function insertionText(s: SuppressionInsertion): string {
  return s.before + s.reason + s.after;
}

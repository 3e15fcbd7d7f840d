import type { Finding, Range } from '../core/types';

// The findings behind the live diagnostics of each open document, with the document version they were
// computed for. A quick fix's edits are character offsets into exactly that version's text, so the code
// action provider uses a finding only when the document is still at that version. No `vscode` import:
// keys are URI strings, so this is testable without the editor.

interface Entry {
  version: number;
  findings: readonly Finding[];
}

export class FindingStore {
  private readonly entries = new Map<string, Entry>();

  set(uri: string, version: number, findings: readonly Finding[]): void {
    this.entries.set(uri, { version, findings });
  }

  /** The findings of `uri` at `version`, or undefined when none were computed for that version. */
  get(uri: string, version: number): readonly Finding[] | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version ? entry.findings : undefined;
  }

  /** Whether live analysis has results for `uri` (any version). */
  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** What a diagnostic tells about its finding (VS Code hands code actions copies, not our objects). */
export interface DiagnosticKey {
  ruleId: string;
  message: string;
  range: Range;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

/** The finding a diagnostic was made from: same rule, same range and same message. */
export function findingFor(findings: readonly Finding[], key: DiagnosticKey): Finding | undefined {
  return findings.find((f) => f.ruleId === key.ruleId && f.message === key.message && sameRange(f.range, key.range));
}

// The engine's public vocabulary. Everything in src/core speaks these types; the VS Code adapter and the
// CLI translate them to their own worlds. No `vscode` import may appear anywhere under src/core.

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

export type LanguageId = 'javascript' | 'typescript' | 'tsx' | 'python';

/** Zero-based line and column (UTF-16 code units, as editors count). */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A text replacement in the analysed file, by character offsets into the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One step of a data-flow trace, shown to the user as "where the data came from". */
export interface TraceStep {
  range: Range;
  note: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Rule metadata the fronts show (docs link, CWE tags) without reloading the rule. */
  cwe: string[];
  checklist?: string;
  trace: TraceStep[];
  fix?: Fix;
  /** Set when a suppression comment covers the finding; fronts count these but do not show them. */
  suppressed?: { reason: string; range: Range };
}

export interface RuleTestCase {
  code: string;
  /** File name used to pick the language and for messages; defaults by the rule's first language. */
  filename?: string;
  /** Invalid cases: the 1-based lines that must be flagged. */
  lines?: number[];
  severity?: Severity;
  /** Invalid cases with a fix: the exact text after applying it. */
  output?: string;
}

export interface RuleTests {
  valid: RuleTestCase[];
  invalid: RuleTestCase[];
}

/** Where a rule came from, so errors and docs can point back at it. */
export interface RuleSource {
  file: string;
  builtin: boolean;
}

/** A problem found while loading rules: the rule is skipped, the others still load. */
export interface RuleLoadError {
  file: string;
  line: number; // 1-based
  column: number; // 1-based
  message: string;
}

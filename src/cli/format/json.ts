import type { Finding, Range } from '../../core/types';
import { countBySeverity, type FileResult, type ScanResult } from '../scan';
import { LineIndex } from '../text-index';

// The JSON report, version 1. Lines and columns are 1-based (columns count UTF-16 code units, as
// editors do); range ends are exclusive. Fix edits also keep the engine's 0-based character offsets.

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  file: string;
  range: JsonRange;
  cwe: string[];
  checklist: string | null;
  trace: { range: JsonRange; note: string }[];
  fix: { title: string; edits: { start: number; end: number; range: JsonRange; text: string }[] } | null;
  suppressed?: { reason: string; range: JsonRange };
}

export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  skipped: { file: string; reason: string }[];
  summary: {
    filesScanned: number;
    filesSkipped: number;
    problems: number;
    errors: number;
    warnings: number;
    info: number;
    hints: number;
    suppressed: number;
    fixable: number;
    fixesApplied: number;
    filesFixed: number;
  };
}

export function oneBased(range: Range): JsonRange {
  return {
    start: { line: range.start.line + 1, column: range.start.column + 1 },
    end: { line: range.end.line + 1, column: range.end.column + 1 },
  };
}

function jsonFinding(f: Finding, file: FileResult, index: LineIndex | undefined): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: file.path,
    range: oneBased(f.range),
    cwe: f.cwe,
    checklist: f.checklist ?? null,
    trace: f.trace.map((step) => ({ range: oneBased(step.range), note: step.note })),
    fix: f.fix
      ? {
          title: f.fix.title,
          edits: f.fix.edits.map((e) => ({
            start: e.start,
            end: e.end,
            range: index ? oneBased({ start: index.positionAt(e.start), end: index.positionAt(e.end) }) : oneBased(f.range),
            text: e.text,
          })),
        }
      : null,
  };
  if (f.suppressed) out.suppressed = { reason: f.suppressed.reason, range: oneBased(f.suppressed.range) };
  return out;
}

export function buildJsonReport(result: ScanResult, options: { listSuppressed: boolean; toolVersion: string }): JsonReport {
  const findings: JsonFinding[] = [];
  const suppressed: JsonFinding[] = [];
  let suppressedCount = 0;
  for (const file of result.files) {
    const index = file.text !== undefined ? new LineIndex(file.text) : undefined;
    findings.push(...file.findings.map((f) => jsonFinding(f, file, index)));
    suppressedCount += file.suppressed.length;
    if (options.listSuppressed) suppressed.push(...file.suppressed.map((f) => jsonFinding(f, file, index)));
  }
  const counts = countBySeverity(result.files);
  return {
    version: 1,
    tool: { name: 'Backend Coach', version: options.toolVersion },
    findings,
    suppressed,
    skipped: result.skipped.map((s) => ({ file: s.path, reason: s.reason })),
    summary: {
      filesScanned: result.filesScanned,
      filesSkipped: result.skipped.length,
      problems: findings.length,
      errors: counts.error,
      warnings: counts.warning,
      info: counts.info,
      hints: counts.hint,
      suppressed: suppressedCount,
      fixable: findings.filter((f) => f.fix).length,
      fixesApplied: result.fixesApplied,
      filesFixed: result.filesFixed,
    },
  };
}

export function formatJson(result: ScanResult, options: { listSuppressed: boolean; toolVersion: string }): string {
  return JSON.stringify(buildJsonReport(result, options), null, 2) + '\n';
}

import * as fs from 'fs';
import * as path from 'path';
import { applyEdits } from '../core/edits';
import { MAX_FILE_CHARS, type AnalysisResult, type Engine } from '../core/engine';
import { SEVERITY_RANK, type Finding, type Severity, type TextEdit } from '../core/types';
import type { FailOn } from './args';
import { unifiedDiff } from './diff';

export type FixMode = 'none' | 'fix' | 'dry-run';

export interface FileResult {
  /** Absolute path. */
  file: string;
  /** Path relative to the working folder, with `/`. */
  path: string;
  findings: Finding[];
  suppressed: Finding[];
  /** The text the findings refer to (after --fix, the fixed text); kept only when there are findings. */
  text?: string;
  /** Fixes applied (or, with --fix-dry-run, that would be). */
  fixesApplied: number;
}

export interface SkippedFile {
  file: string;
  path: string;
  reason: string;
}

export interface ScanResult {
  files: FileResult[];
  skipped: SkippedFile[];
  /** Files analysed (not skipped). */
  filesScanned: number;
  fixesApplied: number;
  filesFixed: number;
  /** --fix-dry-run: the unified diff of every file that would change. */
  diff: string;
  /** Problems that did not stop the scan (a fix that was refused, a file that could not be written). */
  warnings: string[];
}

/** Fix passes per file: a later pass applies fixes that overlapped an earlier one's. */
const MAX_FIX_PASSES = 10;
/** Files over this many bytes are not read at all (the engine skips over MAX_FILE_CHARS characters). */
const MAX_FILE_BYTES = MAX_FILE_CHARS * 4;

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

export async function scanFiles(
  engine: Engine,
  files: readonly string[],
  options: { cwd: string; fix: FixMode; skipped?: readonly { file: string; reason: string }[] },
): Promise<ScanResult> {
  const result: ScanResult = {
    files: [],
    skipped: (options.skipped ?? []).map((s) => ({ ...s, path: displayPath(s.file, options.cwd) })),
    filesScanned: 0,
    fixesApplied: 0,
    filesFixed: 0,
    diff: '',
    warnings: [],
  };
  for (const file of files) {
    const rel = displayPath(file, options.cwd);
    const skip = (reason: string) => result.skipped.push({ file, path: rel, reason });

    let text: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) {
        skip('not a regular file');
        continue;
      }
      if (stat.size > MAX_FILE_BYTES) {
        skip(`larger than ${MAX_FILE_CHARS / 1_000_000} MB`);
        continue;
      }
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      skip(`cannot read: ${errorCode(e)}`);
      continue;
    }

    let analysis: AnalysisResult;
    try {
      analysis = await engine.analyze(file, text);
    } catch (e) {
      skip(`analysis failed: ${(e as Error).message}`);
      continue;
    }
    if (analysis.skipped) {
      skip(analysis.skipped);
      continue;
    }
    result.filesScanned++;

    let fixed: Fixed = { text, analysis, applied: 0 };
    if (options.fix !== 'none') fixed = await fixFile(engine, file, rel, text, analysis, result.warnings);
    if (fixed.applied > 0 && fixed.text !== text) {
      if (options.fix === 'fix') {
        try {
          fs.writeFileSync(file, fixed.text);
        } catch (e) {
          result.warnings.push(`${rel}: cannot write the fixed file (${errorCode(e)}); left unchanged`);
          fixed = { text, analysis, applied: 0 };
        }
      } else {
        result.diff += unifiedDiff(text, fixed.text, `a/${rel}`, `b/${rel}`);
      }
      if (fixed.applied > 0) {
        result.fixesApplied += fixed.applied;
        result.filesFixed++;
      }
    }

    const { findings, suppressed } = fixed.analysis;
    result.files.push({
      file,
      path: rel,
      findings,
      suppressed,
      text: findings.length || suppressed.length ? fixed.text : undefined,
      fixesApplied: fixed.applied,
    });
  }
  result.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

interface Fixed {
  text: string;
  analysis: AnalysisResult;
  applied: number;
}

/**
 * Applies every fix that does not overlap another, re-analyses, and repeats while fixes had to wait
 * for an overlapping one. A pass whose result no longer parses cleanly (when the original did) is
 * refused: the file keeps the last good text.
 */
async function fixFile(engine: Engine, file: string, rel: string, text: string, first: AnalysisResult, warnings: string[]): Promise<Fixed> {
  const hadSyntaxErrors = first.syntaxError ?? false;
  let current: Fixed = { text, analysis: first, applied: 0 };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixable = current.analysis.findings.filter((f) => f.fix && f.fix.edits.length);
    if (!fixable.length) break;
    const chosen: TextEdit[] = [];
    let taken = 0;
    let deferred = 0;
    for (const f of fixable) {
      const edits = (f.fix as NonNullable<Finding['fix']>).edits;
      if (edits.some((e) => chosen.some((c) => touches(e, c)))) deferred++;
      else {
        chosen.push(...edits);
        taken++;
      }
    }
    let next: string;
    try {
      next = applyEdits(current.text, chosen);
    } catch (e) {
      warnings.push(`${rel}: a fix could not be applied (${(e as Error).message})`);
      break;
    }
    if (next === current.text) break;
    let analysis: AnalysisResult;
    try {
      analysis = await engine.analyze(file, next);
    } catch (e) {
      warnings.push(`${rel}: the fixed file could not be re-analysed (${(e as Error).message}); fix not applied`);
      break;
    }
    if (analysis.skipped || (!hadSyntaxErrors && analysis.syntaxError)) {
      warnings.push(`${rel}: a fix would leave the file with a syntax error; fix not applied`);
      break;
    }
    current = { text: next, analysis, applied: current.applied + taken };
    if (!deferred) break;
  }
  return current;
}

/** Edits that overlap or touch are not applied in the same pass: their order would be a guess. */
function touches(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

export function countBySeverity(files: readonly FileResult[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) for (const finding of f.findings) counts[finding.severity]++;
  return counts;
}

/** Exit code 1 when a finding is at or above the --fail-on level. */
export function failed(files: readonly FileResult[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITY_RANK[failOn];
  return files.some((f) => f.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold));
}

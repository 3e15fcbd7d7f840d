import { Engine } from '../../engine';
import type { Finding } from '../../types';
import type { CollectEvidenceOptions, Evidence } from '../types';
import type { DetectorContext, QueryFindings } from './detector';
import { DETECTORS } from './detectors';
import { Workspace } from './workspace';

export const DEFAULT_MAX_ANALYZED_FILES = 200;

/**
 * Runs the detectors over the workspace at `root` and returns what each saw, keyed by detector id. A
 * detector that throws reports "not found" with the reason instead of failing the others.
 */
export async function collectEvidence(root: string, options: CollectEvidenceOptions = {}): Promise<Map<string, Evidence>> {
  const ws = Workspace.read(root, options);
  const ctx: DetectorContext = { ws, inputs: options, queryFindings: (files) => queryFindings(ws, files, options) };
  const wanted = options.detectors ? DETECTORS.filter((d) => options.detectors?.includes(d.id)) : DETECTORS;
  const out = new Map<string, Evidence>();
  for (const detector of wanted) {
    await yieldToEventLoop();
    let evidence: Evidence;
    try {
      evidence = await detector.detect(ctx);
    } catch (e) {
      evidence = { detector: detector.id, found: false, detail: `could not check: ${(e as Error).message}` };
    }
    // A capped listing cannot prove absence: say so instead of a flat "not found".
    if (!evidence.found && ws.truncated) evidence = { ...evidence, detail: `${evidence.detail} (only the first ${ws.files.length} files were looked at)` };
    out.set(detector.id, evidence);
  }
  return out;
}

let engine: Engine | undefined;

async function queryFindings(ws: Workspace, files: readonly string[], options: CollectEvidenceOptions): Promise<QueryFindings | undefined> {
  if (options.findings) return { count: options.findings.filter(isQueryFinding).length, files: [], analysed: 0, notAnalysed: 0 };
  if (options.analyze === false) return undefined;
  engine ??= Engine.create();
  const max = options.maxAnalyzedFiles ?? DEFAULT_MAX_ANALYZED_FILES;
  const result: QueryFindings = { count: 0, files: [], analysed: 0, notAnalysed: Math.max(0, files.length - max) };
  for (const rel of files.slice(0, max)) {
    await yieldToEventLoop();
    const text = ws.read(rel);
    const analysis = text === undefined ? undefined : await engine.analyze(rel, text);
    if (!analysis || analysis.skipped) {
      result.notAnalysed++; // unreadable, minified or too large: it proves nothing either way
      continue;
    }
    result.analysed++;
    const n = analysis.findings.filter(isQueryFinding).length;
    if (n) {
      result.count += n;
      result.files.push(rel);
    }
  }
  return result;
}

/** The editor's extension host shares this thread: let it breathe between pieces of work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isQueryFinding(f: Finding): boolean {
  return !f.suppressed && (f.checklist === 'security.parameterised-queries' || f.ruleId.startsWith('unparameterised-query-'));
}

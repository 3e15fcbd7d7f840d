import type { DetectorInfo, Evidence, EvidenceInputs } from '../types';
import type { Workspace } from './workspace';

/** What a detector gets: the workspace listing, the optional inputs, and the engine's findings on demand. */
export interface DetectorContext {
  ws: Workspace;
  inputs: EvidenceInputs;
  /**
   * Unparameterised-query findings over the given files: `inputs.findings` when the caller passed them,
   * else the engine's analysis of those files (bounded), or undefined when analysis is off.
   */
  queryFindings(files: readonly string[]): Promise<QueryFindings | undefined>;
}

export interface QueryFindings {
  /** Unsuppressed unparameterised-query findings. */
  count: number;
  /** Files with findings, when known (findings passed in carry no file name). */
  files: string[];
  /** Files analysed by the engine (0 when the findings were passed in). */
  analysed: number;
  /** Files with queries that were not analysed because of the cap. */
  notAnalysed: number;
}

/** One idea of "this project does X": an id the curriculum names, and how to see it. */
export interface Detector extends DetectorInfo {
  detect(ctx: DetectorContext): Evidence | Promise<Evidence>;
}

/** Evidence with a detail that joins what was seen, capped so a huge repository gives a short line. */
export function seen(detector: string, found: boolean, what: readonly string[], otherwise: string, max = 4): Evidence {
  if (!what.length) return { detector, found, detail: otherwise };
  const shown = what.slice(0, max).join(', ');
  return { detector, found, detail: what.length > max ? `${shown} and ${what.length - max} more` : shown };
}

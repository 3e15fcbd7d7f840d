// The checklist's vocabulary, shared by the engine side (curriculum, progress, evidence) and the fronts
// (the sidebar webview, the CLI). No `vscode` import here.

import type { Finding } from '../types';

/** A learner's state for one item. `todo` is the default and is not stored. */
export type ItemState = 'todo' | 'learning' | 'done' | 'skipped';

export const ITEM_STATES: readonly ItemState[] = ['todo', 'learning', 'done', 'skipped'];

export interface ChecklistLink {
  title: string;
  url: string;
}

/** One thing to learn or do. `id` is stable forever (`section.item`); rewordings keep it. */
export interface ChecklistItem {
  id: string;
  title: string;
  /** A short explanation (Markdown, one or two sentences). */
  summary: string;
  /** Why it matters (Markdown). */
  why: string;
  links: ChecklistLink[];
  /** Rule ids that check this item (their findings are "Show findings"). */
  rules: string[];
  /** Snippet prefixes that help with it ("Insert snippet"). */
  snippets: string[];
  /** Ids of evidence detectors that can tick this item (see evidence.ts). */
  evidence: string[];
}

export interface ChecklistSection {
  id: string;
  title: string;
  summary: string;
  items: ChecklistItem[];
}

export interface Curriculum {
  /** Bumped when ids change; `renamed` maps every old id to its new one so progress follows. */
  version: number;
  sections: ChecklistSection[];
  renamed: Record<string, string>;
}

/** What one detector saw: `found` ticks the item; `detail` says what was seen ("Dockerfile, compose.yaml"). */
export interface Evidence {
  detector: string;
  found: boolean;
  detail: string;
}

/** One item's stored progress. `updated` is an ISO timestamp, used when merging imports. */
export interface ItemProgress {
  state: ItemState;
  updated: string;
  note?: string;
}

/** The learner's progress as stored (global to the user, synced): versioned so old formats migrate. */
export interface ProgressFile {
  format: 'backend-coach-progress';
  version: 1;
  items: Record<string, ItemProgress>;
}

/** An item as a front shows it: the learner's state, what evidence says, and the two combined. */
export interface ItemStatus {
  item: ChecklistItem;
  /** What the learner set by hand (`todo` when never touched). */
  manual: ItemState;
  evidence: Evidence[];
  /** Done by hand, or detected; evidence never un-ticks what the learner ticked. Skipped stays skipped. */
  effective: ItemState;
  /**
   * Every one of the item's detectors found its evidence (an item without detectors is never detected).
   * Set whatever the manual state is; it makes `effective` done only when the learner neither ticked nor
   * skipped the item.
   */
  detected: boolean;
}

// ---- Additions by the engine side (nothing above is renamed or removed). ----

/** A problem in a curriculum file, with its 1-based position, for a clear error message. */
export interface CurriculumError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `curriculum` is set only when the file loaded without error. */
export interface CurriculumLoadResult {
  curriculum?: Curriculum;
  errors: CurriculumError[];
}

/** What parsing a stored progress value gave: always a usable ProgressFile, and what was repaired. */
export interface ProgressParseResult {
  progress: ProgressFile;
  /** One human-readable line per repair or migration ("item \"x.y\": state 7 is not a state; dropped"). */
  recovered: string[];
}

/** Counts of effective states, for a progress bar. `done` includes detected items. */
export interface ProgressCounts {
  total: number;
  todo: number;
  learning: number;
  done: number;
  skipped: number;
  /** Done because evidence says so (the learner did not tick it). */
  detected: number;
}

export interface SectionSummary extends ProgressCounts {
  section: ChecklistSection;
}

export interface ChecklistSummary {
  overall: ProgressCounts;
  sections: SectionSummary[];
}

/** Inputs from other parts of Backend Coach that some detectors use; each is optional. */
export interface EvidenceInputs {
  /**
   * Findings of the engine over the workspace (e.g. the editor's last workspace scan). When absent and
   * `analyze` is not false, collectEvidence analyses the listed source files itself, bounded.
   */
  findings?: Finding[];
  /** From dependency health; undefined means the check did not run. */
  dependencyHealth?: { outdatedMajors: number };
}

export interface CollectEvidenceOptions extends EvidenceInputs {
  /** Stop listing after this many files (default 5000); detectors then say what they saw so far. */
  maxFiles?: number;
  /** Files larger than this are never read (default 256 KiB). */
  maxFileBytes?: number;
  /** Analyse source files with the engine when `findings` is not given (default true; at most `maxAnalyzedFiles`). */
  analyze?: boolean;
  /** Default 200. */
  maxAnalyzedFiles?: number;
  /** Only run these detectors (default: all). */
  detectors?: readonly string[];
}

/** A detector as the fronts can list it: its id (used in the curriculum's `evidence`) and what it looks for. */
export interface DetectorInfo {
  id: string;
  title: string;
  /** One sentence: what counts as evidence. */
  looksFor: string;
}

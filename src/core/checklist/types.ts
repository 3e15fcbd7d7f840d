// The checklist's vocabulary, shared by the engine side (curriculum, progress, evidence) and the fronts
// (the sidebar webview, the CLI). No `vscode` import here.

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
  detected: boolean;
}

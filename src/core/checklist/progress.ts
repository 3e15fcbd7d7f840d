import type { Curriculum, ItemState, ProgressFile } from './types';

// The learner's progress as a value: every function here is pure and returns a new ProgressFile, so the
// editor can store the result as is and a test can compare before and after.

export const PROGRESS_FORMAT = 'backend-coach-progress';

export function emptyProgress(): ProgressFile {
  return { format: PROGRESS_FORMAT, version: 1, items: {} };
}

/** The learner's own state for an item (`todo` when never touched). */
export function manualState(progress: ProgressFile, id: string): ItemState {
  return Object.prototype.hasOwnProperty.call(progress.items, id) ? progress.items[id].state : 'todo';
}

/**
 * Sets an item's state. `todo` removes the entry, because absence means todo; a note survives a change of
 * state but not a reset.
 */
export function setItemState(progress: ProgressFile, id: string, state: ItemState, now: Date = new Date()): ProgressFile {
  if (state === 'todo') return resetItem(progress, id);
  const previous = Object.prototype.hasOwnProperty.call(progress.items, id) ? progress.items[id] : undefined;
  const entry = { state, updated: now.toISOString(), ...(previous?.note !== undefined ? { note: previous.note } : {}) };
  return { ...progress, items: { ...progress.items, [id]: entry } };
}

export function resetItem(progress: ProgressFile, id: string): ProgressFile {
  if (!Object.prototype.hasOwnProperty.call(progress.items, id)) return progress;
  const items = { ...progress.items };
  delete items[id];
  return { ...progress, items };
}

/**
 * Resets every item of a section: the section's current items, and stored ids under the section's prefix
 * that this curriculum does not know (a newer curriculum's items of the same section).
 */
export function resetSection(progress: ProgressFile, curriculum: Curriculum, sectionId: string): ProgressFile {
  const section = curriculum.sections.find((s) => s.id === sectionId);
  if (!section) throw new Error(`no section "${sectionId}" in the curriculum`);
  const ids = new Set(section.items.map((i) => i.id));
  const items = Object.fromEntries(Object.entries(progress.items).filter(([id]) => !ids.has(id) && !id.startsWith(`${sectionId}.`)));
  return { ...progress, items };
}

/** Everything back to todo. Unknown ids go too: the learner asked for a clean slate. */
export function resetAll(): ProgressFile {
  return emptyProgress();
}

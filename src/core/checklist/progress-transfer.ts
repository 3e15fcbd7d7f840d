import { parseProgress } from './progress-parse';
import type { ProgressFile, ProgressParseResult } from './types';

// Moving progress between machines or out of the editor: a JSON export, and an import that merges rather
// than replaces, so importing an old backup never loses what was done since.

/** Pretty JSON of the current format, with ids sorted so two exports diff cleanly. */
export function exportProgress(progress: ProgressFile): string {
  const items = Object.fromEntries(Object.keys(progress.items).sort().map((id) => [id, progress.items[id]]));
  return JSON.stringify({ format: progress.format, version: progress.version, items }, null, 2) + '\n';
}

/**
 * Per item, the entry with the newer `updated` wins; on a tie the current one stays. Items only one side
 * has are kept. Pure: neither input changes.
 */
export function mergeProgress(current: ProgressFile, incoming: ProgressFile): ProgressFile {
  const items = { ...current.items };
  for (const [id, entry] of Object.entries(incoming.items)) {
    const mine = Object.prototype.hasOwnProperty.call(items, id) ? items[id] : undefined;
    if (!mine || entry.updated > mine.updated) items[id] = entry;
  }
  return { ...current, items };
}

/**
 * Reads an export (any format parseProgress understands) and merges it into `current`. `recovered`
 * says what had to be repaired in the imported text; `changed` lists the ids the import changed.
 */
export function importProgress(
  current: ProgressFile,
  text: string,
  renamed: Readonly<Record<string, string>> = {},
): ProgressParseResult & { changed: string[] } {
  const parsed = parseProgress(text, renamed);
  const progress = mergeProgress(current, parsed.progress);
  const changed = Object.keys(progress.items).filter((id) => progress.items[id] !== current.items[id]);
  return { progress, recovered: parsed.recovered, changed };
}

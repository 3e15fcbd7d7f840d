import { parseProgress, type ProgressFile } from '../../core/checklist';

// Reading the learner's stored progress (globalState) with the engine's recovery and migration, and
// deciding what to keep as a backup. Never wipes: the stored value is only replaced when the learner next
// changes something, and whatever needed repair is kept, as it was, under the backup key first. No
// `vscode` import, so it is unit-tested directly.

export interface StoredProgress {
  progress: ProgressFile;
  /** What was repaired or migrated (empty when the value was read as it is). */
  recovered: string[];
  /** Set when the raw value needed repair and is not the backup already: store it under the backup key. */
  backup?: unknown;
}

export function readStoredProgress(raw: unknown, currentBackup: unknown, renamed: Readonly<Record<string, string>>): StoredProgress {
  const { progress, recovered } = parseProgress(raw, renamed);
  if (!recovered.length || raw === undefined) return { progress, recovered };
  return sameJson(raw, currentBackup) ? { progress, recovered } : { progress, recovered, backup: raw };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

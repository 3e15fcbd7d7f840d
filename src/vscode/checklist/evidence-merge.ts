import type { Evidence } from '../../core/checklist';

// Evidence of a multi-root workspace: each detector's result over all folders. No `vscode` import.

export interface FolderEvidence {
  name: string;
  evidence: ReadonlyMap<string, Evidence>;
}

/**
 * A detector counts as found when it found something in any folder; the detail then names the folders
 * where it did (when there is more than one folder). Otherwise the first folder's detail says why not.
 */
export function mergeFolderEvidence(folders: readonly FolderEvidence[]): Map<string, Evidence> {
  if (folders.length === 1) return new Map(folders[0].evidence);
  const out = new Map<string, Evidence>();
  const ids = new Set(folders.flatMap((f) => [...f.evidence.keys()]));
  for (const id of ids) {
    const found = folders.flatMap((f) => {
      const e = f.evidence.get(id);
      return e?.found ? [`${f.name}: ${e.detail}`] : [];
    });
    if (found.length) out.set(id, { detector: id, found: true, detail: found.join('; ') });
    else {
      const first = folders.map((f) => f.evidence.get(id)).find((e) => e !== undefined)!;
      out.set(id, { detector: id, found: false, detail: first.detail });
    }
  }
  return out;
}

/** Evidence as JSON for workspaceState, and back; anything unreadable is left out. */
export function evidenceToJson(evidence: ReadonlyMap<string, Evidence>): Evidence[] {
  return [...evidence.values()];
}

export function evidenceFromJson(value: unknown): Map<string, Evidence> | undefined {
  if (!Array.isArray(value)) return undefined;
  const out = new Map<string, Evidence>();
  for (const e of value) {
    if (typeof e === 'object' && e !== null && typeof e.detector === 'string' && typeof e.found === 'boolean' && typeof e.detail === 'string') {
      out.set(e.detector, { detector: e.detector, found: e.found, detail: e.detail });
    }
  }
  return out;
}

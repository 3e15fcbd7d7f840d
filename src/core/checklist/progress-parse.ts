import { ITEM_STATES, type ItemProgress, type ItemState, type ProgressParseResult } from './types';
import { emptyProgress, PROGRESS_FORMAT } from './progress';

// Reads a stored progress value of any shape and never throws or wipes it. Formats:
//   v1 (current): { format: 'backend-coach-progress', version: 1, items: { [id]: { state, updated, note? } } }
//   v0 (first draft, and what a learner writes by hand): { done: [id...], learning?: [id...], skipped?: [id...] }
// Anything else is recovered as far as it can be: a JSON string is parsed, an `items` object is read
// entry by entry, and each entry that cannot be read is dropped alone and reported. Unknown ids are kept
// (a newer curriculum may know them); ids in `renamed` move to their new id.

/** Timestamp given to entries that arrive without a valid one: older than anything real, so merges prefer real dates. */
export const UNKNOWN_TIME = new Date(0).toISOString();

const ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

/** `value` is what was stored: an object, a JSON text, or anything else. */
export function parseProgress(value: unknown, renamed: Readonly<Record<string, string>> = {}): ProgressParseResult {
  const recovered: string[] = [];
  const items: Record<string, ItemProgress> = {};
  const put = (rawId: string, entry: ItemProgress, where: string) => {
    const id = followRenames(rawId, renamed);
    if (id !== rawId) recovered.push(`${where}: "${rawId}" was renamed to "${id}"; moved`);
    const existing = Object.prototype.hasOwnProperty.call(items, id) ? items[id] : undefined;
    if (existing) {
      // Two entries for one id (an old and a new id, or a v0 id listed twice): the newer one stays.
      const keepNew = entry.updated > existing.updated;
      recovered.push(`${where}: "${id}" appears twice; kept the ${keepNew ? 'newer' : 'first'} entry (${keepNew ? entry.state : existing.state})`);
      if (!keepNew) return;
    }
    items[id] = entry;
  };

  let data = value;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch (e) {
      recovered.push(`the stored progress is not valid JSON (${(e as Error).message}); started empty, nothing readable was lost`);
      return { progress: emptyProgress(), recovered };
    }
  }
  if (data === undefined || data === null) return { progress: emptyProgress(), recovered };
  if (!isRecord(data)) {
    recovered.push(`the stored progress is ${describe(data)}, not an object; started empty`);
    return { progress: emptyProgress(), recovered };
  }

  if ('items' in data || 'format' in data || 'version' in data) {
    if (data.format !== undefined && data.format !== PROGRESS_FORMAT) recovered.push(`format was ${JSON.stringify(data.format)}; read as ${PROGRESS_FORMAT}`);
    if (data.version !== undefined && data.version !== 1) recovered.push(`version was ${JSON.stringify(data.version)}; read as version 1`);
    if (!isRecord(data.items)) {
      if (data.items !== undefined) recovered.push(`"items" is ${describe(data.items)}, not an object; no item could be read`);
    } else {
      for (const [id, raw] of Object.entries(data.items)) {
        const entry = readEntry(id, raw, recovered);
        if (entry) put(id, entry, `item "${id}"`);
      }
    }
  } else if (V0_KEYS.some((k) => k in data)) {
    recovered.push('migrated from the v0 format (lists of ids per state) to version 1');
    for (const key of V0_KEYS) {
      const list = data[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        recovered.push(`v0 "${key}" is ${describe(list)}, not a list; ignored`);
        continue;
      }
      list.forEach((id, i) => {
        if (typeof id !== 'string' || !ID.test(id)) {
          recovered.push(`v0 "${key}"[${i}]: ${JSON.stringify(id) ?? describe(id)} is not an item id; dropped`);
          return;
        }
        put(id, { state: key, updated: UNKNOWN_TIME }, `v0 "${key}"`);
      });
    }
  } else if (Object.keys(data).length) {
    recovered.push(`the stored progress has none of the known keys (${Object.keys(data).slice(0, 5).join(', ')}); started empty`);
  }
  return { progress: { format: PROGRESS_FORMAT, version: 1, items }, recovered };
}

const V0_KEYS = ['done', 'learning', 'skipped'] as const satisfies readonly ItemState[];

function readEntry(id: string, raw: unknown, recovered: string[]): ItemProgress | undefined {
  const where = `item "${id}"`;
  if (!ID.test(id)) {
    recovered.push(`${where}: not an item id (section.item); dropped`);
    return undefined;
  }
  // A bare state string is what a hand edit or an older writer produces: keep it.
  const entry = typeof raw === 'string' ? { state: raw } : raw;
  if (!isRecord(entry)) {
    recovered.push(`${where}: ${describe(raw)} is not an entry; dropped`);
    return undefined;
  }
  if (!(ITEM_STATES as readonly unknown[]).includes(entry.state)) {
    recovered.push(`${where}: state ${JSON.stringify(entry.state) ?? describe(entry.state)} is not one of ${ITEM_STATES.join(', ')}; dropped`);
    return undefined;
  }
  const state = entry.state as ItemState;
  if (state === 'todo') return undefined; // the default, never stored
  let updated = UNKNOWN_TIME;
  if (typeof entry.updated === 'string' && !Number.isNaN(Date.parse(entry.updated))) updated = new Date(entry.updated).toISOString();
  else recovered.push(`${where}: no valid "updated" time; kept the state with an unknown time`);
  const out: ItemProgress = { state, updated };
  if (typeof entry.note === 'string') out.note = entry.note;
  else if (entry.note !== undefined) recovered.push(`${where}: note is ${describe(entry.note)}, not text; dropped the note`);
  return out;
}

/** Follows old → new ids, guarding against a cycle in a hand-edited map. */
export function followRenames(id: string, renamed: Readonly<Record<string, string>>): string {
  const seen = new Set<string>();
  let current = id;
  while (Object.prototype.hasOwnProperty.call(renamed, current) && !seen.has(current)) {
    seen.add(current);
    current = renamed[current];
  }
  return current;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

import { manualState } from './progress';
import type { ChecklistSummary, Curriculum, Evidence, ItemState, ItemStatus, ProgressCounts, ProgressFile } from './types';

// Combines what the learner said with what the workspace shows. The learner always has the last word:
// evidence can tick an item, never un-tick or un-skip it.

export function statusOf(curriculum: Curriculum, progress: ProgressFile, evidence: ReadonlyMap<string, Evidence>): ItemStatus[] {
  const out: ItemStatus[] = [];
  for (const section of curriculum.sections) {
    for (const item of section.items) {
      const manual = manualState(progress, item.id);
      // A detector that did not run says nothing; it is listed as not found so the view can say why.
      const seen = item.evidence.map((id) => evidence.get(id) ?? { detector: id, found: false, detail: 'not checked' });
      const detected = seen.length > 0 && seen.every((e) => e.found);
      out.push({ item, manual, evidence: seen, effective: effectiveState(manual, detected), detected });
    }
  }
  return out;
}

export function effectiveState(manual: ItemState, detected: boolean): ItemState {
  if (manual === 'done' || manual === 'skipped') return manual;
  return detected ? 'done' : manual;
}

/** Overall and per-section counts of effective states, in curriculum order. */
export function summarize(curriculum: Curriculum, statuses: readonly ItemStatus[]): ChecklistSummary {
  const byId = new Map(statuses.map((s) => [s.item.id, s]));
  const overall = emptyCounts();
  const sections = curriculum.sections.map((section) => {
    const counts = emptyCounts();
    for (const item of section.items) {
      const status = byId.get(item.id);
      if (!status) continue;
      count(counts, status);
      count(overall, status);
    }
    return { section, ...counts };
  });
  return { overall, sections };
}

function emptyCounts(): ProgressCounts {
  return { total: 0, todo: 0, learning: 0, done: 0, skipped: 0, detected: 0 };
}

function count(counts: ProgressCounts, status: ItemStatus): void {
  counts.total++;
  counts[status.effective]++;
  if (status.effective === 'done' && status.manual !== 'done') counts.detected++;
}

import { type ChecklistLink, type Curriculum, type Evidence, type ItemState, type ItemStatus, type ProgressCounts, summarize } from '../../core/checklist';
import { isHttpsUrl, markdownParagraphs, type Paragraph } from './inline-markdown';

// What the checklist webview shows, computed on the extension side from the curriculum and the items'
// statuses: plain JSON (it is posted to the webview), with the Markdown of explanations already split
// into text runs so the webview builds its DOM with textContent and never parses HTML. No `vscode` import.

export interface ItemView {
  id: string;
  title: string;
  summary: Paragraph[];
  why: Paragraph[];
  links: ChecklistLink[];
  rules: string[];
  snippets: string[];
  /** What the learner set by hand. */
  manual: ItemState;
  /** What the view shows: done by hand or detected. */
  effective: ItemState;
  detected: boolean;
  /** What the workspace evidence says, in words ("done — detected: Dockerfile"); empty when nothing to say. */
  evidence: string;
  /** Lower-case text the filter box searches. */
  search: string;
}

export interface SectionView {
  id: string;
  title: string;
  summary: Paragraph[];
  items: ItemView[];
  counts: ProgressCounts;
  percent: number;
}

/** Where evidence stands: no folder open, being collected for the first time, or collected. */
export type EvidenceState = 'no-workspace' | 'collecting' | 'ready';

export interface ChecklistView {
  sections: SectionView[];
  counts: ProgressCounts;
  percent: number;
  evidence: EvidenceState;
  /** A problem to show above the list (the curriculum could not be loaded, progress was recovered...). */
  notice?: string;
}

/** Done as a share of the items not skipped, 0-100. Everything skipped counts as complete. */
export function percentDone(c: ProgressCounts): number {
  const relevant = c.total - c.skipped;
  if (c.total === 0) return 0;
  if (relevant <= 0) return 100;
  return Math.round((100 * c.done) / relevant);
}

function countsOnly(c: ProgressCounts): ProgressCounts {
  return { total: c.total, todo: c.todo, learning: c.learning, done: c.done, skipped: c.skipped, detected: c.detected };
}

/** What the evidence says about one item, in words. */
export function evidenceText(status: Pick<ItemStatus, 'evidence' | 'detected' | 'effective'>, hasDetectors: boolean, state: EvidenceState): string {
  if (!hasDetectors) return '';
  if (state === 'no-workspace') return 'open a folder to detect this automatically';
  if (state === 'collecting' && !status.evidence.length) return 'checking the workspace…';
  const details = (list: Evidence[]) => list.map((e) => e.detail.trim()).filter(Boolean).join('; ');
  if (status.detected) {
    const seen = details(status.evidence.filter((e) => e.found));
    const prefix = status.effective === 'done' ? 'done — detected' : 'detected';
    return seen ? `${prefix}: ${seen}` : prefix;
  }
  const missing = details(status.evidence);
  return missing ? `not detected yet: ${missing}` : 'not detected yet';
}

/** The item's status when the engine gave none (an item it did not list): the learner's state unknown, no evidence. */
function defaultStatus(item: ItemStatus['item']): ItemStatus {
  return { item, manual: 'todo', evidence: [], effective: 'todo', detected: false };
}

export function toChecklistView(curriculum: Curriculum, statuses: readonly ItemStatus[], evidence: EvidenceState, notice?: string): ChecklistView {
  const byId = new Map(statuses.map((s) => [s.item.id, s]));
  const complete = curriculum.sections.flatMap((s) => s.items.map((item) => byId.get(item.id) ?? defaultStatus(item)));
  const summary = summarize(curriculum, complete);
  const sections = curriculum.sections.map((section, i): SectionView => {
    const counts = summary.sections[i];
    const items = section.items.map((item): ItemView => {
      const status = byId.get(item.id) ?? defaultStatus(item);
      const links = item.links.filter((l) => isHttpsUrl(l.url));
      return {
        id: item.id,
        title: item.title,
        summary: markdownParagraphs(item.summary),
        why: markdownParagraphs(item.why),
        links,
        rules: [...item.rules],
        snippets: [...item.snippets],
        manual: status.manual,
        effective: status.effective,
        detected: status.detected,
        evidence: evidenceText(status, item.evidence.length > 0, evidence),
        search: [item.id, item.title, item.summary, item.why, ...item.rules, ...item.snippets, ...links.map((l) => l.title)].join('\n').toLowerCase(),
      };
    });
    const sectionCounts = countsOnly(counts);
    return { id: section.id, title: section.title, summary: markdownParagraphs(section.summary), items, counts: sectionCounts, percent: percentDone(sectionCounts) };
  });
  return { sections, counts: summary.overall, percent: percentDone(summary.overall), evidence, ...(notice ? { notice } : {}) };
}

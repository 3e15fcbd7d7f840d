import { summarize } from './status';
import type { Curriculum, ItemState, ItemStatus, ProgressCounts } from './types';

// A Markdown report a learner can share (a pull request, a mentor, a portfolio): overall and per-section
// progress, then every item with its state and what evidence was seen. Plain Markdown, no HTML.

export interface ReportOptions {
  title?: string;
  /** Shown under the title; default: now. Pass a fixed date for reproducible output. */
  date?: Date;
  /** Where the evidence came from (a folder name), shown under the title. */
  workspace?: string;
}

const MARK: Record<ItemState, string> = { done: '[x]', learning: '[~]', skipped: '[-]', todo: '[ ]' };
const WORD: Record<ItemState, string> = { done: 'done', learning: 'learning', skipped: 'skipped', todo: 'to do' };

export function markdownReport(curriculum: Curriculum, statuses: readonly ItemStatus[], options: ReportOptions = {}): string {
  const summary = summarize(curriculum, statuses);
  const byId = new Map(statuses.map((s) => [s.item.id, s]));
  const out: string[] = [`# ${options.title ?? 'Backend Coach learning checklist'}`, ''];
  const context = [`${(options.date ?? new Date()).toISOString().slice(0, 10)}`, `curriculum version ${curriculum.version}`];
  if (options.workspace) context.push(`evidence from \`${options.workspace}\``);
  out.push(context.join(' · '), '', `**Overall: ${counts(summary.overall)}**`, '');
  out.push('| Section | Done | Learning | Skipped | To do |', '|---|---|---|---|---|');
  for (const s of summary.sections) out.push(`| ${cell(s.section.title)} | ${s.done}/${s.total} | ${s.learning} | ${s.skipped} | ${s.todo} |`);
  out.push('', `Legend: ${(['done', 'learning', 'skipped', 'todo'] as const).map((s) => `\`${MARK[s]}\` ${WORD[s]}`).join(', ')}.`, '');
  for (const section of curriculum.sections) {
    out.push(`## ${section.title}`, '');
    for (const item of section.items) {
      const status = byId.get(item.id);
      if (!status) continue;
      out.push(`- ${MARK[status.effective]} **${item.title}** (\`${item.id}\`): ${stateLine(status)}`);
      for (const e of status.evidence) out.push(`  - ${e.found ? 'seen' : 'not seen'} (${e.detector}): ${e.detail}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function counts(c: ProgressCounts): string {
  const pct = c.total ? Math.round((100 * c.done) / c.total) : 0;
  const parts = [`${c.done} of ${c.total} done (${pct}%)`];
  if (c.detected) parts.push(`${c.detected} of them detected`);
  if (c.learning) parts.push(`${c.learning} learning`);
  if (c.skipped) parts.push(`${c.skipped} skipped`);
  return parts.join(', ');
}

function stateLine(s: ItemStatus): string {
  if (s.effective === 'done' && s.manual !== 'done') return 'done (detected)';
  if (s.effective === 'done' && s.detected) return 'done (ticked, and detected)';
  return WORD[s.effective];
}

/** Table cells cannot hold a pipe. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

import * as fs from 'fs';
import * as path from 'path';
import { collectEvidence, detectorInfo, emptyProgress, loadCurriculum, markdownReport, statusOf, summarize, type Curriculum, type Evidence, type ItemStatus } from '../core/checklist';
import { UsageError } from './args';
import { CHECKLIST_HELP, type ChecklistOptions } from './checklist-args';
import { COLORS, NO_COLORS, useColor, type Palette } from './color';
import type { CliIo } from './main';

// `backend-coach checklist`: what the evidence in a folder says about each checklist item. The learner's
// own progress belongs to the editor (synced with their settings); the CLI never reads or writes it, so
// every item here is either detected or not.

export async function runChecklist(options: ChecklistOptions, io: CliIo, version = '0.0.0'): Promise<number> {
  if (options.help) {
    io.stdout.write(CHECKLIST_HELP);
    return 0;
  }
  const dir = path.resolve(io.cwd, options.dir);
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`checklist: no such folder: ${options.dir}`);

  const { curriculum, errors } = loadCurriculum();
  if (!curriculum) {
    for (const e of errors) io.stderr.write(`${e.file}:${e.line}:${e.column}: ${e.message}\n`);
    io.stderr.write('backend-coach: the checklist curriculum could not be loaded (errors above)\n');
    return 2;
  }
  const started = Date.now();
  const evidence = await collectEvidence(dir);
  const elapsed = Date.now() - started;
  const statuses = statusOf(curriculum, emptyProgress(), evidence);
  const shown = options.dir === '.' ? path.basename(dir) : options.dir;

  if (options.format === 'json') io.stdout.write(checklistJson(curriculum, statuses, evidence, { dir, version }));
  else if (options.format === 'markdown') io.stdout.write(markdownReport(curriculum, statuses, { workspace: shown }));
  else {
    const colors = useColor({ flag: options.color, isTTY: io.stdout.isTTY, env: io.env ?? {} }) ? COLORS : NO_COLORS;
    io.stdout.write(checklistText(curriculum, statuses, evidence, { shown, elapsed, colors }));
  }
  return 0;
}

export function checklistText(
  curriculum: Curriculum,
  statuses: readonly ItemStatus[],
  evidence: ReadonlyMap<string, Evidence>,
  ctx: { shown: string; elapsed: number; colors: Palette },
): string {
  const c = ctx.colors;
  const summary = summarize(curriculum, statuses);
  const byId = new Map(statuses.map((s) => [s.item.id, s]));
  const out: string[] = [c.bold(`Backend Coach checklist: evidence in ${ctx.shown}`), ''];
  for (const s of summary.sections) {
    const checkable = s.section.items.filter((i) => i.evidence.length).length;
    const count = checkable ? `${s.detected} of ${checkable} checkable item${checkable === 1 ? '' : 's'} detected` : 'no automatic checks';
    out.push(`${c.bold(s.section.title)} ${c.gray(`(${count})`)}`);
    for (const item of s.section.items) {
      const status = byId.get(item.id);
      if (!status) continue;
      if (!item.evidence.length) {
        out.push(c.gray(`   ·  ${item.title}`));
        continue;
      }
      out.push(`  ${status.detected ? c.green('[x]') : '[ ]'} ${item.title}`);
      for (const e of status.evidence) out.push(`      ${e.found ? c.green('seen') : c.yellow('not seen')} ${c.gray(e.detector + ':')} ${e.detail}`);
    }
    out.push('');
  }
  const found = [...evidence.values()].filter((e) => e.found).length;
  out.push(`${summary.overall.detected} of ${summary.overall.total} items detected; ${found} of ${evidence.size} detectors found their evidence (${(ctx.elapsed / 1000).toFixed(1)} s).`);
  out.push(c.gray('Items marked · have no automatic check. Your own progress (learning, done, skipped) is kept by'));
  out.push(c.gray("the editor's checklist; this command only reads the folder."));
  return out.join('\n') + '\n';
}

export function checklistJson(curriculum: Curriculum, statuses: readonly ItemStatus[], evidence: ReadonlyMap<string, Evidence>, ctx: { dir: string; version: string }): string {
  const summary = summarize(curriculum, statuses);
  const byId = new Map(statuses.map((s) => [s.item.id, s]));
  const report = {
    tool: { name: 'backend-coach', version: ctx.version },
    folder: ctx.dir,
    curriculumVersion: curriculum.version,
    detected: summary.overall.detected,
    total: summary.overall.total,
    detectors: detectorInfo().map((d) => ({ ...d, found: evidence.get(d.id)?.found ?? false, detail: evidence.get(d.id)?.detail ?? 'not run' })),
    sections: summary.sections.map((s) => ({
      id: s.section.id,
      title: s.section.title,
      detected: s.detected,
      total: s.total,
      items: s.section.items.map((item) => {
        const status = byId.get(item.id);
        return { id: item.id, title: item.title, detected: status?.detected ?? false, evidence: status?.evidence ?? [] };
      }),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

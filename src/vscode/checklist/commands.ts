import * as path from 'path';
import * as vscode from 'vscode';
import { exportProgress, importProgress, markdownReport, type ProgressFile, resetAll, resetItem, resetSection } from '../../core/checklist';
import type { ChecklistModel } from './checklist-model';
import { CHECKLIST_COMMANDS, CHECKLIST_VIEW } from './ids';

// The checklist's commands (palette category "Backend Coach"). Every one catches its own errors: a failed
// export shows a message and a line in the output, never an exception in the extension host.

export interface ResetTarget {
  scope: 'item' | 'section' | 'all';
  id?: string;
}

function isResetTarget(v: unknown): v is ResetTarget {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (t.scope === 'all' || t.scope === 'item' || t.scope === 'section') && (t.id === undefined || typeof t.id === 'string');
}

export function registerChecklistCommands(model: ChecklistModel, output: vscode.OutputChannel, reveal: (itemId: string) => void): vscode.Disposable[] {
  const guarded = (name: string, run: (...args: unknown[]) => Promise<unknown>) =>
    vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (e) {
        output.appendLine(`Checklist: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(`Backend Coach: ${e instanceof Error ? e.message : String(e)}`);
      }
    });

  return [
    // Open Checklist, or (from a finding's "Open the checklist item") open it at one item.
    guarded(CHECKLIST_COMMANDS.open, async (itemId) => {
      if (typeof itemId === 'string' && model.known.item(itemId)) reveal(itemId);
      await vscode.commands.executeCommand(`${CHECKLIST_VIEW}.focus`);
    }),
    guarded(CHECKLIST_COMMANDS.reset, (target) => reset(model, isResetTarget(target) ? target : undefined)),
    guarded(CHECKLIST_COMMANDS.exportProgress, () => exportProgressToFile(model)),
    guarded(CHECKLIST_COMMANDS.importProgress, () => importProgressFromFile(model, output)),
    guarded(CHECKLIST_COMMANDS.exportReport, () => exportReport(model)),
    guarded(CHECKLIST_COMMANDS.refreshEvidence, () => refreshEvidence(model)),
  ];
}

async function refreshEvidence(model: ChecklistModel): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Backend Coach: open a folder to let the checklist look at your project.');
    return;
  }
  model.evidence.start();
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Backend Coach: checking the workspace for the checklist' }, () => model.evidence.refresh());
}

/** Asks what to reset when the caller did not say, then asks for confirmation (modal). */
async function reset(model: ChecklistModel, target: ResetTarget | undefined): Promise<void> {
  const { curriculum } = model;
  let chosen = target;
  if (!chosen) {
    const scope = await vscode.window.showQuickPick(
      [
        { label: 'One item…', scope: 'item' as const },
        { label: 'One section…', scope: 'section' as const },
        { label: 'All progress', scope: 'all' as const },
      ],
      { title: 'Backend Coach: Reset Checklist Progress', placeHolder: 'What do you want to reset to "to do"?' },
    );
    if (!scope) return;
    if (scope.scope === 'all') chosen = { scope: 'all' };
    else if (scope.scope === 'section') {
      const s = await vscode.window.showQuickPick(curriculum.sections.map((x) => ({ label: x.title, description: x.id, id: x.id })), { title: 'Reset which section?' });
      if (!s) return;
      chosen = { scope: 'section', id: s.id };
    } else {
      const progress = model.store.read();
      const touched = curriculum.sections.flatMap((s) => s.items.filter((i) => progress.items[i.id]).map((i) => ({ label: i.title, description: `${progress.items[i.id].state} · ${s.title}`, id: i.id })));
      if (!touched.length) {
        void vscode.window.showInformationMessage('Backend Coach: no item has progress to reset.');
        return;
      }
      const i = await vscode.window.showQuickPick(touched, { title: 'Reset which item?', matchOnDescription: true });
      if (!i) return;
      chosen = { scope: 'item', id: i.id };
    }
  }

  const what =
    chosen.scope === 'all'
      ? 'all your checklist progress'
      : chosen.scope === 'section'
        ? `the section "${curriculum.sections.find((s) => s.id === chosen.id)?.title ?? chosen.id}"`
        : `"${curriculum.sections.flatMap((s) => s.items).find((i) => i.id === chosen.id)?.title ?? chosen.id}"`;
  const confirm = 'Reset';
  const answer = await vscode.window.showWarningMessage(
    `Reset ${what} to "to do"?`,
    { modal: true, detail: 'Items the workspace shows as done stay ticked. Export your progress first if you may want it back.' },
    confirm,
  );
  if (answer !== confirm) return;
  await model.store.update((p: ProgressFile) => (chosen.scope === 'all' ? resetAll() : chosen.scope === 'section' ? resetSection(p, curriculum, chosen.id!) : resetItem(p, chosen.id!)));
}

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}

async function exportProgressToFile(model: ChecklistModel): Promise<void> {
  const uri = await vscode.window.showSaveDialog({ title: 'Export Checklist Progress', defaultUri: defaultUri('backend-coach-progress.json'), filters: { JSON: ['json'] }, saveLabel: 'Export' });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(exportProgress(model.store.read()), 'utf8'));
  void vscode.window.showInformationMessage(`Backend Coach: checklist progress exported to ${path.basename(uri.fsPath)}.`);
}

async function importProgressFromFile(model: ChecklistModel, output: vscode.OutputChannel): Promise<void> {
  const [uri] = (await vscode.window.showOpenDialog({ title: 'Import Checklist Progress', canSelectMany: false, filters: { JSON: ['json'] }, openLabel: 'Import' })) ?? [];
  if (!uri) return;
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  let changed: string[] = [];
  let recovered: string[] = [];
  await model.store.update((current) => {
    const result = importProgress(current, text, model.renamed());
    changed = result.changed;
    recovered = result.recovered;
    return result.progress;
  });
  if (recovered.length) {
    output.appendLine(`Checklist: importing ${uri.fsPath}:`);
    for (const line of recovered) output.appendLine(`  - ${line}`);
  }
  const notes = recovered.length ? ` (${recovered.length} note${recovered.length === 1 ? '' : 's'} in the Backend Coach output)` : '';
  void vscode.window.showInformationMessage(
    changed.length ? `Backend Coach: imported progress for ${changed.length} item${changed.length === 1 ? '' : 's'}; newer entries were kept${notes}.` : `Backend Coach: nothing new to import from ${path.basename(uri.fsPath)}${notes}.`,
  );
}

async function exportReport(model: ChecklistModel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && model.evidence.state !== 'ready') await refreshEvidence(model);
  const report = markdownReport(model.curriculum, model.statuses(), folder ? { workspace: folder.name } : {});
  const uri = await vscode.window.showSaveDialog({ title: 'Export Checklist Report', defaultUri: defaultUri('backend-coach-checklist.md'), filters: { Markdown: ['md'] }, saveLabel: 'Export' });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(report, 'utf8'));
  await vscode.window.showTextDocument(uri, { preview: true });
}

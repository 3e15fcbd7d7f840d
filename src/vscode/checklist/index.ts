import * as vscode from 'vscode';
import type { Finding } from '../../core/types';
import { ChecklistModel } from './checklist-model';
import { registerChecklistCommands } from './commands';
import { EvidenceService } from './evidence-service';
import { CHECKLIST_VIEW } from './ids';
import { ProgressStore } from './progress-store';
import { ChecklistViewProvider } from './view-provider';

// The checklist sidebar (issue 5): the view, its commands, the progress store and the evidence. Nothing
// here runs at activation beyond registering: the curriculum loads and evidence is collected when the
// checklist is first shown or used.

export interface ChecklistDeps {
  output: vscode.OutputChannel;
  /** The engine's findings over the workspace (the last scan), for the evidence detectors. */
  findings: () => Finding[];
  /** Optional: WorkspaceScanner.onDidChangeScanning; when a scan ends, evidence that uses findings is collected again. */
  onDidChangeScanning?: vscode.Event<boolean>;
}

export function registerChecklist(context: vscode.ExtensionContext, deps: ChecklistDeps): void {
  // The store reads old ids through the curriculum's renames; the model is there before the first read.
  const store: ProgressStore = new ProgressStore(context.globalState, (): Readonly<Record<string, string>> => model.renamed(), deps.output);
  const evidence = new EvidenceService(context.workspaceState, deps.findings, deps.output);
  const model: ChecklistModel = new ChecklistModel(context.extensionPath, store, evidence, deps.output);
  const provider = new ChecklistViewProvider(context.extensionUri, model, deps.output);
  context.subscriptions.push(
    store,
    evidence,
    provider,
    vscode.window.registerWebviewViewProvider(CHECKLIST_VIEW, provider),
    ...registerChecklistCommands(model, deps.output, (itemId) => provider.reveal(itemId)),
  );
  if (deps.onDidChangeScanning) context.subscriptions.push(deps.onDidChangeScanning((scanning) => scanning || evidence.scanFinished()));
}

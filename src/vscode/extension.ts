import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../core/engine';
import { registerCodeActions } from './code-actions';
import { DiagnosticsController } from './diagnostics';
import { COMMANDS } from './ids';
import { registerRuleDocs } from './rule-docs';
import { ScanWorkerClient } from './scan-client';
import { registerSnippetCompletions } from './snippet-completions';
import { WorkspaceScanner } from './workspace-scan';

// extension.ts only wires things together; each piece lives in its own file.

/** The extra rule folders to load. They come from the workspace, so an untrusted workspace gets none. */
function ruleDirs(output?: vscode.OutputChannel): string[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const configured = vscode.workspace.getConfiguration('backendCoach').get<string[]>('rulesFolders', []);
  if (!vscode.workspace.isTrusted) {
    if (configured.length) output?.appendLine('Workspace is not trusted: rule folders from backendCoach.rulesFolders are not loaded.');
    return [];
  }
  return configured.flatMap((dir) => (path.isAbsolute(dir) ? [dir] : folders.map((f) => path.join(f.uri.fsPath, dir))));
}

function createEngine(output: vscode.OutputChannel): Engine {
  const engine = Engine.create({ ruleDirs: ruleDirs(output) });
  for (const e of engine.errors) output.appendLine(`${e.file}:${e.line}:${e.column}: ${e.message}`);
  return engine;
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Backend Coach');
  registerSnippetCompletions(context, output);
  let engine: Engine | undefined;
  const getEngine = () => (engine ??= createEngine(output));
  const diagnostics = new DiagnosticsController(getEngine);
  registerCodeActions(context, diagnostics.store);
  const ruleDocs = registerRuleDocs(context, getEngine);
  const worker = new ScanWorkerClient(path.join(context.extensionPath, 'dist', 'scan-worker.js'), () => ({ ruleDirs: ruleDirs() }), (line) => output.appendLine(line));
  const scanner = new WorkspaceScanner(worker, diagnostics, output);
  const reload = (rulesMayDiffer: boolean) => {
    engine = undefined;
    diagnostics.refreshAll();
    ruleDocs.refresh();
    if (rulesMayDiffer) scanner.rulesChanged();
  };
  context.subscriptions.push(
    output,
    diagnostics,
    worker,
    scanner,
    // Nothing is returned: a command's result crosses to the UI process, and a scan result is big.
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, async () => void (await scanner.scanWorkspace())),
    vscode.commands.registerCommand(COMMANDS.exportSarif, () => scanner.exportSarif(getEngine(), String(context.extension.packageJSON.version ?? '0.0.0'))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('backendCoach')) reload(e.affectsConfiguration('backendCoach.rulesFolders'));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => reload(true)),
  );
}

export function deactivate(): void {}

import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../core/engine';
import { DiagnosticsController } from './diagnostics';
import { registerSnippetCompletions } from './snippet-completions';

// extension.ts only wires things together; each piece lives in its own file.

function createEngine(output: vscode.OutputChannel): Engine {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const configured = vscode.workspace.getConfiguration('backendCoach').get<string[]>('rulesFolders', []);
  // Rule folders come from the workspace, so an untrusted workspace gets only the bundled rules.
  const ruleDirs = vscode.workspace.isTrusted
    ? configured.flatMap((dir) => (path.isAbsolute(dir) ? [dir] : folders.map((f) => path.join(f.uri.fsPath, dir))))
    : [];
  if (!vscode.workspace.isTrusted && configured.length) output.appendLine('Workspace is not trusted: rule folders from backendCoach.rulesFolders are not loaded.');
  const engine = Engine.create({ ruleDirs });
  for (const e of engine.errors) output.appendLine(`${e.file}:${e.line}:${e.column}: ${e.message}`);
  return engine;
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Backend Coach');
  registerSnippetCompletions(context, output);
  let engine: Engine | undefined;
  const getEngine = () => (engine ??= createEngine(output));
  const diagnostics = new DiagnosticsController(getEngine);
  context.subscriptions.push(
    output,
    diagnostics,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('backendCoach')) return;
      engine = undefined;
      diagnostics.refreshAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      engine = undefined;
      diagnostics.refreshAll();
    }),
  );
}

export function deactivate(): void {}

import * as vscode from 'vscode';
import { DependencyCodeActionProvider } from './code-action-provider';
import { DependencyHealth, type DependencyHealthDeps } from './dependency-health';
import { DependencyHoverProvider } from './hover-provider';
import { ManifestStore } from './manifest-store';
import { MANIFEST_SELECTOR } from './selectors';
import { COMMANDS } from '../ids';

// Dependency health in the editor: diagnostics on manifest version strings, a hover, quick fixes, and a
// command to check again now. The engine (src/core/deps) does the work; this only wires VS Code to it.

export const REFRESH_DEPENDENCIES_COMMAND = COMMANDS.checkDependencies;

export function registerDependencyHealth(context: vscode.ExtensionContext, deps: DependencyHealthDeps): void {
  const store = new ManifestStore();
  const health = new DependencyHealth(context, deps, store);
  const schedule = (document: vscode.TextDocument, delay?: number) => health.schedule(document, delay);
  const lockfiles = vscode.workspace.createFileSystemWatcher('**/{package-lock.json,npm-shrinkwrap.json}');
  const disposables: vscode.Disposable[] = [
    health,
    lockfiles,
    lockfiles.onDidChange((uri) => health.lockfileChanged(uri)),
    lockfiles.onDidCreate((uri) => health.lockfileChanged(uri)),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new DependencyHoverProvider(store, (file, d) => health.publishedDates(file, d))),
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new DependencyCodeActionProvider(store), {
      providedCodeActionKinds: DependencyCodeActionProvider.providedCodeActionKinds,
    }),
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidSaveTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => health.forget(d.uri)),
    deps.onDidChangeNetworkAllowed(() => health.networkChanged()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('backendCoach.dependencies')) health.networkChanged();
    }),
    vscode.commands.registerCommand(REFRESH_DEPENDENCIES_COMMAND, () => health.refresh()),
  ];
  context.subscriptions.push(...disposables);
  void health.checkAll();
}

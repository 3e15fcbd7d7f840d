import * as path from 'path';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { Engine } from '../core/engine';
import { registerCodeActions } from './code-actions';
import { Configuration } from './configuration';
import { DiagnosticsController } from './diagnostics';
import { COMMANDS, SETTINGS } from './ids';
import { registerRuleDocs } from './rule-docs';
import { ScanWorkerClient } from './scan-client';
import { registerSnippetCompletions } from './snippet-completions';
import { StatusBar } from './status-bar';
import { WorkspaceScanner } from './workspace-scan';
import { registerDependencyHealth } from './deps';
import { registerChecklist } from './checklist';

// extension.ts only wires things together; each piece lives in its own file. Activation does no real
// work: the rules load on the first analysis, the grammars on the first file of their language.

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Backend Coach', { log: true });
  const configuration = new Configuration(output);
  registerSnippetCompletions(context, output);

  // The rules are loaded once per set of rule folders; a settings change only re-applies the settings.
  let rules: Engine | undefined;
  let engine: Engine | undefined;
  const getEngine = () => {
    if (engine) return engine;
    const config = configuration.get();
    if (!rules) {
      const t = performance.now();
      rules = Engine.create({ ruleDirs: config.ruleDirs });
      output.info(`Loaded ${rules.rules.length} rules in ${(performance.now() - t).toFixed(1)} ms.`);
      for (const e of rules.errors) output.error(`${e.file}:${e.line}:${e.column}: ${e.message}`);
    }
    return (engine = rules.withSettings(config.settings));
  };

  // Network use (dependency checks) needs both the user's consent and a trusted workspace.
  const networkAllowed = () => vscode.workspace.isTrusted && vscode.workspace.getConfiguration('backendCoach').get<boolean>(SETTINGS.networkEnabled, false) === true;
  const networkChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    networkChanged,
    vscode.workspace.onDidGrantWorkspaceTrust(() => networkChanged.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`backendCoach.${SETTINGS.networkEnabled}`) && networkChanged.fire()),
  );
  registerDependencyHealth(context, { output, networkAllowed, onDidChangeNetworkAllowed: networkChanged.event });

  const diagnostics = new DiagnosticsController(getEngine, (file) => configuration.get().isExcluded(file));
  registerCodeActions(context, diagnostics.store);
  const ruleDocs = registerRuleDocs(context, getEngine);
  const worker = new ScanWorkerClient(
    path.join(context.extensionPath, 'dist', 'scan-worker.js'),
    () => ({ ruleDirs: configuration.get().ruleDirs, settings: configuration.get().settings }),
    (line) => output.appendLine(line),
  );
  const scanner = new WorkspaceScanner(worker, diagnostics, output, (file) => configuration.get().isExcluded(file));
  // Evidence such as "every query parameterised" may only use a complete, current scan of the workspace.
  registerChecklist(context, { output, findings: () => scanner.lastFindings(), onDidChangeScanning: scanner.onDidChangeScanning });
  const statusBar = new StatusBar();
  statusBar.setReviewerMode(configuration.get().settings.reviewerMode);

  context.subscriptions.push(
    output,
    configuration,
    diagnostics,
    worker,
    scanner,
    statusBar,
    scanner.onDidChangeScanning((on) => statusBar.setScanning(on)),
    configuration.onDidChange(({ rulesChanged }) => {
      if (rulesChanged) rules = undefined;
      engine = undefined;
      diagnostics.refreshAll();
      ruleDocs.refresh();
      scanner.rulesChanged(); // the last scan was made under other settings
      statusBar.setReviewerMode(configuration.get().settings.reviewerMode);
    }),
    // Nothing is returned: a command's result crosses to the UI process, and a scan result is big.
    vscode.commands.registerCommand(COMMANDS.scanWorkspace, async () => void (await scanner.scanWorkspace())),
    vscode.commands.registerCommand(COMMANDS.exportSarif, () => scanner.exportSarif(getEngine(), String(context.extension.packageJSON.version ?? '0.0.0'))),
    vscode.commands.registerCommand(COMMANDS.toggleReviewerMode, () => toggleReviewerMode(configuration.get().settings.reviewerMode)),
    vscode.commands.registerCommand(COMMANDS.showProblems, () => vscode.commands.executeCommand('workbench.actions.view.problems')),
  );
  output.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
}

/** Flips reviewer mode where it is set (the workspace, when the workspace sets it; otherwise the user's settings). */
async function toggleReviewerMode(current: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration('backendCoach');
  const inspect = config.inspect<boolean>(SETTINGS.reviewerMode);
  const target = inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const on = !current; // the effective value: .backend-coach.yaml may have set it
  await config.update(SETTINGS.reviewerMode, on, target);
  void vscode.window.setStatusBarMessage(`Backend Coach: reviewer mode ${on ? 'on: hint-level rules are shown' : 'off'}`, 4000);
}

export function deactivate(): void {}

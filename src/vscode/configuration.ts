import * as path from 'path';
import * as vscode from 'vscode';
import { excludeFilter } from '../core/config/path-filter';
import { CONFIG_FILE, loadProjectConfig, type ConfigProblem } from '../core/config/project-config';
import { mergeSettings, type CoachSettings } from '../core/config/settings';
import { SETTINGS } from './ids';

// What the extension runs with: the team's `.backend-coach.yaml` (at the root of the first workspace
// folder) under the user's own settings, which win key by key. The same file drives the CLI. Mistakes in
// the file show as problems on it. In an untrusted workspace, rule folders named by the workspace (its
// settings or its .backend-coach.yaml) are not loaded, and the user is told why once.

export interface EffectiveConfiguration {
  settings: CoachSettings;
  /** Absolute rule folders to load (none in an untrusted workspace). */
  ruleDirs: string[];
  /** Rule folders that were named but not loaded because the workspace is not trusted. */
  blockedRuleDirs: string[];
  /** Is this file excluded by `exclude`? */
  isExcluded(file: string): boolean;
}

type Level = 'globalValue' | 'workspaceValue' | 'workspaceFolderValue';
const LEVELS: Level[] = ['globalValue', 'workspaceValue', 'workspaceFolderValue'];

/**
 * The user's settings as layers (user, workspace, folder), each holding only what was set explicitly
 * there: the defaults must not hide the values of .backend-coach.yaml.
 */
function userLayers(): Partial<CoachSettings>[] {
  const config = vscode.workspace.getConfiguration('backendCoach');
  const at = <T>(key: string, level: Level) => config.inspect<T>(key)?.[level];
  const isMap = (v: unknown): v is Record<string, never> => !!v && typeof v === 'object' && !Array.isArray(v);
  return LEVELS.map((level) => {
    const out: Partial<CoachSettings> = {};
    const reviewerMode = at<boolean>(SETTINGS.reviewerMode, level);
    if (typeof reviewerMode === 'boolean') out.reviewerMode = reviewerMode;
    const rules = at<unknown>(SETTINGS.rules, level);
    if (isMap(rules)) out.rules = rules;
    const categories = at<unknown>(SETTINGS.categories, level);
    if (isMap(categories)) out.categories = categories;
    const exclude = at<unknown>(SETTINGS.exclude, level);
    if (Array.isArray(exclude)) out.exclude = exclude.filter((g): g is string => typeof g === 'string');
    return out;
  });
}

export class Configuration implements vscode.Disposable {
  private readonly problems = vscode.languages.createDiagnosticCollection('backend-coach-config');
  private readonly changed = new vscode.EventEmitter<{ rulesChanged: boolean }>();
  /** Fires when settings, the .backend-coach.yaml or trust changed; `rulesChanged` when rule folders may differ. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];
  private current: EffectiveConfiguration | undefined;
  private toldAboutTrust = false;

  constructor(private readonly output: vscode.OutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const fileChanged = () => this.invalidate(true);
    this.disposables.push(
      watcher,
      watcher.onDidChange(fileChanged),
      watcher.onDidCreate(fileChanged),
      watcher.onDidDelete(fileChanged),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('backendCoach')) this.invalidate(e.affectsConfiguration(`backendCoach.${SETTINGS.rulesFolders}`));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate(true)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate(true)),
    );
  }

  get(): EffectiveConfiguration {
    return (this.current ??= this.compute());
  }

  private invalidate(rulesChanged: boolean): void {
    this.current = undefined;
    this.changed.fire({ rulesChanged });
  }

  private compute(): EffectiveConfiguration {
    const root = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
    const project = root ? loadProjectConfig(root) : undefined;
    this.showProblems(project?.file, project?.problems ?? []);
    const settings = mergeSettings(project?.settings ?? {}, ...userLayers());

    const named = [
      ...(project?.settings.rulesFolders ?? []),
      ...(vscode.workspace.getConfiguration('backendCoach').get<string[]>(SETTINGS.rulesFolders, []) ?? [])
        .filter((d) => typeof d === 'string' && d)
        .flatMap((d) => (path.isAbsolute(d) ? [d] : (vscode.workspace.workspaceFolders ?? []).map((f) => path.join(f.uri.fsPath, d)))),
    ].filter((d, i, all) => all.indexOf(d) === i);
    const trusted = vscode.workspace.isTrusted;
    if (!trusted && named.length) this.tellAboutTrust(named);
    settings.rulesFolders = trusted ? named : [];

    const excluded = excludeFilter(settings.exclude);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return {
      settings,
      ruleDirs: settings.rulesFolders,
      blockedRuleDirs: trusted ? [] : named,
      isExcluded: (file) =>
        folders.some((folder) => {
          const rel = path.relative(folder, file);
          return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && excluded(rel.split(path.sep).join('/'));
        }),
    };
  }

  private showProblems(file: string | undefined, problems: ConfigProblem[]): void {
    this.problems.clear();
    if (!file || !problems.length) return;
    this.problems.set(
      vscode.Uri.file(file),
      problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, p.column - 1, p.line - 1, p.column - 1 + 1), p.message, vscode.DiagnosticSeverity.Warning);
        d.source = 'Backend Coach';
        return d;
      }),
    );
    for (const p of problems) this.output.appendLine(`${file}:${p.line}:${p.column}: ${p.message}`);
  }

  private tellAboutTrust(dirs: string[]): void {
    this.output.appendLine(`Workspace is not trusted: rule folders from the workspace are not loaded (${dirs.join(', ')}).`);
    if (this.toldAboutTrust) return;
    this.toldAboutTrust = true;
    void vscode.window
      .showInformationMessage(
        'Backend Coach: this workspace is not trusted, so the rule folders it names are not loaded (only the built-in rules run). Trust the workspace to use them.',
        'Manage Workspace Trust',
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

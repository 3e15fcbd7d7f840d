import * as vscode from 'vscode';
import { DependencyChecker, DEFAULT_TTL_MS, manifestKind } from '../../core/deps/check';
import { dependencyFindings } from '../../core/deps/findings';
import { LineIndex } from '../../core/line-index';
import type { DegradationNotice, DependencyFinding, DependencyReport } from '../../core/deps/model';
import type { Severity } from '../../core/types';
import type { ManifestStore } from './manifest-store';
import { MANIFEST_EXCLUDE, MANIFEST_GLOB, MAX_WORKSPACE_MANIFESTS } from './selectors';

// Keeps dependency diagnostics on manifests: checks open manifests (on open, save and, debounced,
// as they are edited) and the workspace's manifests once, through a DependencyChecker whose network
// use follows `networkAllowed()`. Everything that can fail is caught and logged: a registry problem
// never reaches the user as more than one message.

export const DEPENDENCY_DIAGNOSTIC_SOURCE = 'Backend Coach';
const DOCS = 'https://github.com/backend-coach/backend-coach/blob/main/docs/dependencies.md';
const DEBOUNCE_MS = 800;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export interface DependencyHealthDeps {
  output: vscode.OutputChannel;
  networkAllowed: () => boolean;
  onDidChangeNetworkAllowed: vscode.Event<void>;
}

export function toDependencyDiagnostic(f: DependencyFinding, document: { positionAt(offset: number): vscode.Position }): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(f.dependency.start), document.positionAt(f.dependency.end));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DEPENDENCY_DIAGNOSTIC_SOURCE;
  d.code = { value: f.id, target: vscode.Uri.parse(`${DOCS}#${f.id}`) };
  return d;
}

export class DependencyHealth implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('backend-coach-dependencies');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private checker: DependencyChecker;
  /** Messages already shown or logged this session: each is said once. */
  private readonly said = new Set<string>();
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: DependencyHealthDeps,
    private readonly store: ManifestStore,
  ) {
    this.checker = this.createChecker();
  }

  private createChecker(ttlMs?: number): DependencyChecker {
    const hours = vscode.workspace.getConfiguration('backendCoach').get<number>('dependencies.cacheTtlHours', DEFAULT_TTL_MS / 3_600_000);
    return new DependencyChecker({
      network: this.safeNetworkAllowed(),
      cacheDir: this.context.globalStorageUri.fsPath,
      // Proxies and certificate authorities come from the first folder's .npmrc (and the user's).
      configDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      ttlMs: ttlMs ?? Math.max(0, hours) * 3_600_000,
    });
  }

  private safeNetworkAllowed(): boolean {
    try {
      return this.deps.networkAllowed() === true;
    } catch (e) {
      this.log(`networkAllowed() failed, treating the network as off: ${(e as Error).message}`);
      return false;
    }
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('backendCoach').get<boolean>('dependencies.enabled', true);
  }

  /** Publication dates for the hover, asked of the registry only if the report lacks them. */
  publishedDates(manifestFile: string, d: DependencyReport): Promise<DependencyReport['published']> {
    return this.checker.publishedDates(manifestFile, d).catch((e) => {
      this.log(`publication dates of ${d.name}: ${(e as Error)?.message ?? String(e)}`);
      return d.published;
    });
  }

  /** The network setting or trust changed: new checker, everything checked again. */
  networkChanged(): void {
    this.checker = this.createChecker();
    void this.checkAll();
  }

  /** "Check Dependencies Now": ignores the cache's TTL once (when the network may be used). */
  async refresh(): Promise<void> {
    const saved = this.checker;
    this.checker = this.createChecker(0);
    try {
      await this.checkAll();
    } finally {
      this.checker = saved;
    }
  }

  schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (document.uri.scheme !== 'file' || !manifestKind(document.uri.fsPath)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.checkDocument(document);
      }, delay),
    );
  }

  /** A lockfile changed (npm install ran): the installed versions of its package.json changed with it. */
  lockfileChanged(lockfile: vscode.Uri): void {
    const manifest = vscode.Uri.joinPath(lockfile, '..', 'package.json');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === manifest.toString());
    if (open) this.schedule(open, 0);
    else void this.checkFileOnDisk(manifest);
  }

  forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.store.delete(uri.toString());
  }

  /** Open manifests first, then (bounded) the workspace's other manifests, from disk. */
  async checkAll(): Promise<void> {
    try {
      if (!this.enabled()) {
        this.collection.clear();
        return;
      }
      const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && manifestKind(d.uri.fsPath));
      for (const d of open) await this.checkDocument(d);
      const openUris = new Set(open.map((d) => d.uri.toString()));
      const files = await vscode.workspace.findFiles(MANIFEST_GLOB, MANIFEST_EXCLUDE, MAX_WORKSPACE_MANIFESTS);
      for (const uri of files) if (!openUris.has(uri.toString())) await this.checkFileOnDisk(uri);
    } catch (e) {
      this.log(`dependency check failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  private async checkDocument(document: vscode.TextDocument): Promise<void> {
    if (this.disposed || !this.enabled()) return;
    try {
      const version = document.version;
      const text = document.getText();
      const { report, notices } = await this.checker.checkFile(document.uri.fsPath, text);
      if (this.disposed || document.isClosed || document.version !== version) return;
      this.report(notices);
      if (report.error) {
        this.log(`${document.uri.fsPath}: ${report.error}`);
        this.collection.set(document.uri, []);
        return;
      }
      const findings = dependencyFindings(report, text);
      this.store.set(document.uri.toString(), { version, report, findings });
      this.collection.set(document.uri, findings.map((f) => toDependencyDiagnostic(f, document)));
    } catch (e) {
      this.log(`checking ${document.uri.fsPath} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  private async checkFileOnDisk(uri: vscode.Uri): Promise<void> {
    if (this.disposed || !this.enabled()) return;
    try {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const { report, notices } = await this.checker.checkFile(uri.fsPath, text);
      if (this.disposed) return;
      this.report(notices);
      if (report.error) {
        this.log(`${uri.fsPath}: ${report.error}`);
        return;
      }
      // Offsets in the file's text; a document opened later is checked again on its own.
      const index = new LineIndex(text);
      const positions = {
        positionAt: (offset: number) => {
          const p = index.positionAt(offset);
          return new vscode.Position(p.line, p.column);
        },
      };
      this.collection.set(uri, dependencyFindings(report, text).map((f) => toDependencyDiagnostic(f, positions)));
    } catch (e) {
      this.log(`checking ${uri.fsPath} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private report(notices: DegradationNotice[]): void {
    for (const n of notices) {
      if (this.said.has(n.message)) continue;
      this.said.add(n.message);
      this.log(`${n.feature}: ${n.message}`);
    }
    if (!this.safeNetworkAllowed()) this.explainNetworkOff();
    else if (notices.some((n) => n.feature === 'advisories') && !this.said.has('#advisories-shown')) {
      this.said.add('#advisories-shown');
      void vscode.window.showWarningMessage('Backend Coach: vulnerability data is unavailable from the registry; outdated and deprecated checks go on. Details in the Backend Coach output.', 'Show Output').then(
        (choice) => choice && this.deps.output.show(true),
        () => undefined,
      );
    }
  }

  /**
   * Once (not once per session: it is remembered in global state, per reason): why dependency results
   * are only cached ones, and how to change it. The output channel gets it every session.
   */
  private explainNetworkOff(): void {
    if (this.said.has('#network-off')) return;
    this.said.add('#network-off');
    const reason = vscode.workspace.isTrusted ? 'network use is off (backendCoach.network.enabled)' : 'this workspace is not trusted';
    this.log(`dependency checks show cached results only: ${reason}`);
    const key = `backendCoach.dependencies.explained.${vscode.workspace.isTrusted ? 'networkOff' : 'untrusted'}`;
    if (this.context.globalState.get<boolean>(key)) return;
    void this.context.globalState.update(key, true);
    // In an untrusted workspace the setting alone would not help: trust comes first.
    const action = vscode.workspace.isTrusted ? 'Enable network use' : 'Manage Workspace Trust';
    void vscode.window.showInformationMessage(`Backend Coach checks dependencies from its cache only (results may be out of date): ${reason}.`, action).then(
      (choice) => {
        if (choice === 'Enable network use') void vscode.commands.executeCommand('workbench.action.openSettings', 'backendCoach.network.enabled');
        else if (choice === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
      },
      () => undefined,
    );
  }

  private log(line: string): void {
    try {
      this.deps.output.appendLine(`[dependencies] ${line}`);
    } catch {
      // the output channel is gone (shutting down)
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.collection.dispose();
  }
}

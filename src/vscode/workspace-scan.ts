import * as path from 'path';
import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import { languageForFile } from '../core/parsing/languages';
import type { Finding } from '../core/types';
import { formatSarif } from '../cli/format/sarif';
import type { ScanResult } from '../cli/scan';
import { toDiagnostic } from './diagnostics';
import type { FindingStore } from './finding-store';
import type { ScanWorkerClient } from './scan-client';
import { commonRoot, ScanAccumulator, scanExcludeGlob, scanIncludeGlob, type FromWorker } from './scan-protocol';

// Scan Workspace and Export Findings as SARIF. The scan runs in a worker thread (scan-client.ts); its
// results go to a diagnostic collection of their own for files that are not open. An open file belongs
// to the live diagnostics (diagnostics.ts): when they analyse it, its scan entry is dropped.

const MAX_FILES = 50_000;

interface CompletedScan {
  result: ScanResult;
  cwd: string;
  /** The files it analysed or skipped (absolute paths). */
  files: Set<string>;
  /** A supported file changed, appeared or went away since, or the rules changed. */
  stale: boolean;
}

export class WorkspaceScanner implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('backend-coach-scan');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private last: CompletedScan | undefined;
  private running: Promise<CompletedScan | undefined> | undefined;
  private readonly scanning = new vscode.EventEmitter<boolean>();
  /** True when a scan starts, false when it ends (the status bar's spinner). */
  readonly onDidChangeScanning = this.scanning.event;

  constructor(
    private readonly client: ScanWorkerClient,
    private readonly live: { store: FindingStore; onDidAnalyse: vscode.Event<vscode.Uri> },
    private readonly output: vscode.OutputChannel,
    /** Files the settings' `exclude` leaves out. */
    private readonly isExcluded: (file: string) => boolean = () => false,
  ) {
    this.disposables.push(this.scanning);
    const watcher = vscode.workspace.createFileSystemWatcher(scanIncludeGlob());
    const markStale = () => {
      if (this.last) this.last.stale = true;
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(markStale),
      watcher.onDidCreate(markStale),
      watcher.onDidDelete((uri) => {
        markStale();
        this.collection.delete(uri); // a deleted file has no problems left
      }),
      vscode.workspace.onDidSaveTextDocument((d) => languageForFile(d.fileName) && markStale()),
      // The live diagnostics replace the scan's for a file once they have analysed it...
      live.onDidAnalyse((uri) => this.collection.delete(uri)),
      // ...and when it is closed (they clear it), the scan's view of it comes back, from the file on disk.
      vscode.workspace.onDidCloseTextDocument((d) => this.rescanClosed(d.uri)),
    );
  }

  /** The findings of the last complete scan of the whole workspace, or [] when there is none or it is out of date. */
  lastFindings(): Finding[] {
    if (!this.last || this.last.stale) return [];
    return this.last.result.files.flatMap((f) => f.findings);
  }

  /** The rules changed: the last scan no longer says what a scan would say now. */
  rulesChanged(): void {
    if (this.last) this.last.stale = true;
    this.client.reset();
  }

  /** Scans the workspace (or joins the scan already running) with a cancellable progress notification. */
  scanWorkspace(): Promise<CompletedScan | undefined> {
    if (!this.running) {
      this.scanning.fire(true);
      this.running = this.runScan().finally(() => {
        this.running = undefined;
        this.scanning.fire(false);
      });
    }
    return this.running;
  }

  private async runScan(): Promise<CompletedScan | undefined> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const cwd = commonRoot(folders.map((f) => f.uri.fsPath), path.sep);
    if (!cwd) {
      void vscode.window.showWarningMessage('Backend Coach: open a folder to scan it.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Backend Coach: scanning the workspace', cancellable: true },
      async (progress, token) => {
        const started = Date.now();
        progress.report({ message: 'finding files…' });
        const uris = await vscode.workspace.findFiles(scanIncludeGlob(), scanExcludeGlob(), MAX_FILES, token);
        const files = [...new Set(uris.filter((u) => u.scheme === 'file' && languageForFile(u.fsPath) && !this.isExcluded(u.fsPath)).map((u) => u.fsPath))].sort();
        if (uris.length >= MAX_FILES) this.output.appendLine(`Scan Workspace: only the first ${MAX_FILES} files are scanned.`);
        if (token.isCancellationRequested) return undefined;

        const acc = new ScanAccumulator();
        const scanned = new Set<string>();
        let done = 0;
        let reported = 0;
        let lastReport = 0;
        const onMessage = (m: FromWorker) => {
          acc.add(m);
          if (m.type === 'file') this.show(m.result.file, m.result.findings.length ? m.result.findings : undefined, scanned);
          if (m.type === 'skipped') this.show(m.skipped.file, undefined, scanned);
          if (m.type !== 'file' && m.type !== 'skipped') return;
          done++;
          const now = Date.now();
          if (now - lastReport > 100 || done === files.length) {
            const percent = (100 * done) / Math.max(1, files.length);
            progress.report({ increment: percent - reported, message: `${done}/${files.length} files · ${plural(acc.findingCount, 'problem')}` });
            reported = percent;
            lastReport = now;
          }
        };
        let outcome: { cancelled: boolean };
        try {
          outcome = await this.client.scan(files, cwd, onMessage, token);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          this.output.appendLine(`Scan Workspace failed: ${message}`);
          void vscode.window.showErrorMessage(`Backend Coach: the workspace scan failed: ${message}`);
          return undefined;
        }
        const result = acc.result();
        const problems = plural(acc.findingCount, 'problem');
        const inFiles = plural(result.files.filter((f) => f.findings.length).length, 'file');
        this.output.appendLine(
          `Scan Workspace: ${problems} in ${inFiles}; ${result.filesScanned} files analysed, ${result.skipped.length} skipped, ${Date.now() - started} ms${outcome.cancelled ? ' (cancelled)' : ''}.`,
        );
        for (const s of result.skipped) this.output.appendLine(`  skipped ${s.path}: ${s.reason}`);
        if (!outcome.cancelled) {
          // Files that were in an earlier scan and are gone now (deleted, excluded) lose their problems.
          const stale: vscode.Uri[] = [];
          this.collection.forEach((uri) => void (scanned.has(uri.toString()) || stale.push(uri)));
          for (const uri of stale) this.collection.delete(uri);
        }
        if (outcome.cancelled) {
          void vscode.window.showInformationMessage(`Backend Coach: scan cancelled after ${plural(done, 'file')}; ${problems} found so far.`);
          return undefined;
        }
        this.last = { result, cwd, files: new Set(files), stale: false };
        void vscode.window.showInformationMessage(`Backend Coach: ${problems} in ${inFiles} (${plural(result.filesScanned, 'file')} scanned).`, 'Show Problems').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
        return this.last;
      },
    );
  }

  /** Puts a scanned file's findings in the Problems panel, unless live diagnostics own the file. */
  private show(file: string, findings: Finding[] | undefined, scanned?: Set<string>): void {
    const uri = vscode.Uri.file(file);
    scanned?.add(uri.toString());
    if (this.live.store.has(uri.toString())) return;
    if (findings) this.collection.set(uri, findings.map((f) => toDiagnostic(f, uri)));
    else this.collection.delete(uri);
  }

  private rescanClosed(uri: vscode.Uri): void {
    const last = this.last;
    if (uri.scheme !== 'file' || !last?.files.has(uri.fsPath) || this.running) return;
    const onMessage = (m: FromWorker) => {
      if (m.type === 'file') this.show(m.result.file, m.result.findings.length ? m.result.findings : undefined);
      else if (m.type === 'skipped') this.show(m.skipped.file, undefined);
    };
    this.client.scan([uri.fsPath], last.cwd, onMessage).catch((e) => this.output.appendLine(`Rescanning ${uri.fsPath} failed: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** Writes the last scan (scanning first unless it is complete and current) as SARIF to a file the user picks. */
  async exportSarif(engine: Engine, toolVersion: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await vscode.window.showSaveDialog({
      title: 'Backend Coach: Export Findings as SARIF',
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'backend-coach.sarif') : undefined,
      filters: { SARIF: ['sarif', 'json'] },
      saveLabel: 'Export',
    });
    if (!target) return;
    const scan = this.last && !this.last.stale ? this.last : await this.scanWorkspace();
    if (!scan) return; // cancelled, failed, or no folder: already said
    const sarif = formatSarif(scan.result, { cwd: scan.cwd, toolVersion, rules: engine.rules, ruleErrors: engine.errors, listSuppressed: false });
    await vscode.workspace.fs.writeFile(target, Buffer.from(sarif, 'utf8'));
    const count = scan.result.files.reduce((n, f) => n + f.findings.length, 0);
    const choice = await vscode.window.showInformationMessage(`Backend Coach: exported ${plural(count, 'finding')} to ${path.basename(target.fsPath)}.`, 'Open');
    if (choice) await vscode.window.showTextDocument(target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

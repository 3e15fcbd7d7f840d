import * as path from 'path';
import * as vscode from 'vscode';
import { collectEvidence, type Evidence } from '../../core/checklist';
import type { Finding } from '../../core/types';
import { evidenceFromJson, evidenceToJson, mergeFolderEvidence } from './evidence-merge';
import { EVIDENCE_CACHE_KEY } from './ids';
import type { EvidenceState } from './view-model';

// What the workspace shows, per workspace (cached in workspaceState so a reload shows it at once). It is
// collected off the hot path: never during activation, only once the checklist is shown or asked for,
// debounced, one collection at a time. Files created or deleted anywhere but dependency and VCS folders,
// and edits of manifests, schedule a new one; edits of source files mark it stale, and the next showing
// of the view refreshes it.

const DEBOUNCE_MS = 1500;
const FIRST_DELAY_MS = 300;
const IGNORED = /(^|\/)(node_modules|\.git\/|\.hg\/|\.svn\/|__pycache__|\.venv\/|venv\/)/;
const MANIFESTS = new Set(['package.json', '.gitignore', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'setup.cfg', 'Dockerfile', 'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', 'go.mod', 'pom.xml', 'build.gradle', 'composer.json', 'tsconfig.json']);

export class EvidenceService implements vscode.Disposable {
  private evidence: Map<string, Evidence> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stale = false;
  private started = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly findings: () => Finding[],
    private readonly output: vscode.OutputChannel,
  ) {
    this.evidence = evidenceFromJson(workspaceState.get(EVIDENCE_CACHE_KEY));
  }

  get state(): EvidenceState {
    if (!vscode.workspace.workspaceFolders?.length) return 'no-workspace';
    return this.evidence ? 'ready' : 'collecting';
  }

  /** The evidence known now (possibly from the last session); empty when none was collected yet. */
  get current(): ReadonlyMap<string, Evidence> {
    return this.evidence ?? new Map();
  }

  /** Starts watching and collecting; called when the checklist is first shown or used. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onFile = (uri: vscode.Uri, isChange: boolean) => {
      const rel = vscode.workspace.asRelativePath(uri, false);
      if (IGNORED.test(rel)) return;
      if (isChange && !MANIFESTS.has(path.posix.basename(uri.path))) return;
      this.schedule();
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => onFile(u, false)),
      watcher.onDidDelete((u) => onFile(u, false)),
      watcher.onDidChange((u) => onFile(u, true)),
      vscode.workspace.onDidSaveTextDocument(() => (this.stale = true)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule(0)),
    );
    // A short wait even the first time, so the view's first render goes before the collection.
    this.schedule(this.evidence ? DEBOUNCE_MS : FIRST_DELAY_MS);
  }

  /** The view became visible: refresh when sources were saved since the last collection. */
  viewShown(): void {
    this.start();
    if (this.stale) this.schedule();
  }

  /** A workspace scan ended: its findings are newer than what the detectors saw (only once collecting started). */
  scanFinished(): void {
    if (this.started) this.schedule();
  }

  /** Collects again after `delayMs` of quiet. */
  schedule(delayMs = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Collects now (or right after the collection under way) and resolves when done. */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.collectAll().finally(() => (this.running = undefined));
    await this.running;
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }

  private async collectAll(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    this.stale = false;
    const started = Date.now();
    try {
      const known = this.findings();
      // The editor's findings when it has some (the last scan); otherwise the engine analyses a bounded set itself.
      const options = known.length ? { findings: known } : {};
      const perFolder = [];
      for (const folder of folders) perFolder.push({ name: folder.name, evidence: await collectEvidence(folder.uri.fsPath, options) });
      this.evidence = perFolder.length ? mergeFolderEvidence(perFolder) : new Map();
      this.output.appendLine(`Checklist: evidence collected in ${Date.now() - started} ms (${[...this.evidence.values()].filter((e) => e.found).length} of ${this.evidence.size} detectors found something).`);
      await this.workspaceState.update(EVIDENCE_CACHE_KEY, evidenceToJson(this.evidence));
    } catch (e) {
      this.output.appendLine(`Checklist: could not collect evidence: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.evidence ??= new Map();
    }
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

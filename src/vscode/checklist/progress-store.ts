import * as vscode from 'vscode';
import type { ProgressFile } from '../../core/checklist';
import { PROGRESS_BACKUP_KEY, PROGRESS_KEY } from './ids';
import { readStoredProgress } from './stored-progress';

// The learner's progress in globalState: global to the user, synced by Settings Sync (only this key; the
// backup stays on the machine). Read through on every use, so a value synced from another machine or
// written by another window is what the next render shows.

export class ProgressStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** The raw values whose repair was already logged (by their JSON), so each is reported once. */
  private readonly reported = new Set<string>();
  /** Repairs of the value last read, for the view's notice. */
  recovered: string[] = [];

  constructor(
    private readonly state: vscode.ExtensionContext['globalState'],
    private readonly renamed: () => Readonly<Record<string, string>>,
    private readonly output: vscode.OutputChannel,
  ) {
    state.setKeysForSync([PROGRESS_KEY]);
  }

  read(): ProgressFile {
    const raw = this.state.get<unknown>(PROGRESS_KEY);
    const result = readStoredProgress(raw, this.state.get<unknown>(PROGRESS_BACKUP_KEY), this.renamed());
    this.recovered = result.recovered;
    if (result.backup !== undefined) {
      // Kept as it was before anything overwrites it; failures to write are logged, never thrown.
      this.state.update(PROGRESS_BACKUP_KEY, result.backup).then(undefined, (e) => this.output.appendLine(`Checklist: could not back up the stored progress: ${String(e)}`));
    }
    if (result.recovered.length) {
      const key = safeJson(raw);
      if (!this.reported.has(key)) {
        this.reported.add(key);
        this.output.appendLine(`Checklist: the stored progress was repaired on reading (the original is kept under ${PROGRESS_BACKUP_KEY}):`);
        for (const line of result.recovered) this.output.appendLine(`  - ${line}`);
      }
    }
    return result.progress;
  }

  /** Applies `change` to the current progress and stores the result. */
  async update(change: (progress: ProgressFile) => ProgressFile): Promise<ProgressFile> {
    const next = change(this.read());
    await this.state.update(PROGRESS_KEY, next);
    this.changed.fire();
    return next;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}

import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { COMMANDS } from './ids';

// One status bar item: Backend Coach's problem count for the workspace (open files and the last scan), a
// spinner while a scan runs, "reviewer" when reviewer mode is on. A click opens the Problems panel.

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('backendCoach.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private scanning = false;
  private reviewer = false;
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'Backend Coach';
    this.item.command = COMMANDS.showProblems;
    this.disposables.push(vscode.languages.onDidChangeDiagnostics(() => this.scheduleUpdate()));
    this.update();
    this.item.show();
  }

  setScanning(scanning: boolean): void {
    this.scanning = scanning;
    this.update();
  }

  setReviewerMode(on: boolean): void {
    this.reviewer = on;
    this.update();
  }

  /** Diagnostics change in bursts (every keystroke, every scanned file): count at most every 200 ms. */
  private scheduleUpdate(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 200);
  }

  private update(): void {
    const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else if (d.severity === vscode.DiagnosticSeverity.Information) counts.infos++;
        else counts.hints++;
      }
    }
    // Hints are left out of the count, as the Problems panel leaves them out.
    const total = counts.errors + counts.warnings + counts.infos;
    const icon = this.scanning ? '$(sync~spin)' : total ? '$(warning)' : '$(check)';
    this.item.text = `${icon} Coach${total ? ` ${total}` : ''}${this.reviewer ? ' · reviewer' : ''}`;
    const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
    const parts = [n(counts.errors, 'error'), n(counts.warnings, 'warning'), n(counts.infos, 'info'), n(counts.hints, 'hint')];
    this.item.tooltip = `Backend Coach: ${parts.join(', ')}${this.scanning ? ' (scanning the workspace…)' : ''}${this.reviewer ? '\nReviewer mode is on: hint-level rules are shown.' : ''}\nClick to open the Problems panel.`;
    this.item.accessibilityInformation = { label: `Backend Coach: ${total} problems${this.scanning ? ', scanning' : ''}${this.reviewer ? ', reviewer mode' : ''}`, role: 'button' };
    this.item.backgroundColor = counts.errors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

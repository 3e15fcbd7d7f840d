import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import type { Tree } from '../core/parsing/parser';
import { languageForEditorId } from '../core/parsing/languages';
import { AnalysisCache } from '../core/incremental';
import type { Finding, Severity } from '../core/types';
import { FindingStore } from './finding-store';
import { ruleDocsUri } from './rule-docs';

export const DIAGNOSTIC_SOURCE = 'Backend Coach';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const DEBOUNCE_MS = 250;

function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

export function toDiagnostic(f: Finding, uri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: f.ruleId, target: ruleDocsUri(f.ruleId) };
  d.relatedInformation = f.trace.slice(0, -1).map((t) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(t.range)), t.note));
  return d;
}

/**
 * Keeps the Problems panel in step with open documents: analyses on open and (debounced) as you type,
 * clears on close. One syntax tree per document is kept and edited, so re-parsing is incremental.
 * The findings behind each document's diagnostics go to `store` with the document version they belong
 * to (the quick fixes read them), and `onDidAnalyse` tells when a document's diagnostics were replaced.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('backend-coach');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly trees = new Map<string, Tree>();
  /** Per document: results of unchanged top-level statements are reused after an edit. */
  private readonly caches = new Map<string, AnalysisCache>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly analysed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidAnalyse = this.analysed.event;

  constructor(
    private readonly engine: () => Engine,
    /** Files the settings' `exclude` leaves out: never analysed, their problems cleared. */
    private readonly isExcluded: (file: string) => boolean = () => false,
    readonly store = new FindingStore(),
  ) {
    this.disposables.push(
      this.collection,
      this.analysed,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        this.editTree(e); // in every mode: the kept tree must follow the text, or a later parse reuses stale nodes
        if (this.mode() !== 'onType') return;
        this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.mode() === 'onSave') this.schedule(d, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private mode(): string {
    return vscode.workspace.getConfiguration('backendCoach').get<string>('run', 'onType');
  }

  refreshAll(): void {
    for (const t of this.trees.values()) t.delete();
    this.trees.clear();
    this.caches.clear(); // the rules or settings changed: nothing cached still holds
    if (this.mode() === 'off') this.collection.clear(); // turned off: what was shown goes too
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private editTree(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const tree = this.trees.get(key);
    if (!tree) return;
    if (e.contentChanges.length !== 1) {
      tree.delete();
      this.trees.delete(key); // several changes at once: a full parse is simpler and still fast
      return;
    }
    const c = e.contentChanges[0];
    const lines = c.text.split('\n');
    const endRow = c.range.start.line + lines.length - 1;
    const endColumn = lines.length === 1 ? c.range.start.character + c.text.length : lines[lines.length - 1].length;
    tree.edit({
      startIndex: c.rangeOffset,
      oldEndIndex: c.rangeOffset + c.rangeLength,
      newEndIndex: c.rangeOffset + c.text.length,
      startPosition: { row: c.range.start.line, column: c.range.start.character },
      oldEndPosition: { row: c.range.end.line, column: c.range.end.character },
      newEndPosition: { row: endRow, column: endColumn },
    });
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!languageForEditorId(doc.languageId) || doc.uri.scheme === 'output' || this.mode() === 'off') return;
    if (doc.uri.scheme === 'file' && this.isExcluded(doc.uri.fsPath)) return this.forget(doc.uri);
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.analyse(doc), delay));
  }

  private async analyse(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const version = doc.version;
    const lang = languageForEditorId(doc.languageId);
    if (!lang) return;
    try {
      const oldTree = this.trees.get(key);
      this.trees.delete(key);
      let cache = this.caches.get(key);
      if (!cache) this.caches.set(key, (cache = new AnalysisCache()));
      const result = await this.engine().analyze(doc.fileName, doc.getText(), { language: lang.id, oldTree, keepTree: true, cache });
      oldTree?.delete(); // trees live in WebAssembly memory: free each one we replace
      if (doc.isClosed || doc.version !== version) {
        result.tree?.delete(); // a newer analysis is on its way
        return;
      }
      if (result.tree) this.trees.set(key, result.tree);
      this.collection.set(doc.uri, result.findings.map((f) => toDiagnostic(f, doc.uri)));
      this.store.set(key, version, result.findings);
      this.analysed.fire(doc.uri);
    } catch (err) {
      // A failure in one file must never take the extension host down: log it and keep going.
      console.error(`Backend Coach: analysis of ${doc.fileName} failed`, err);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.trees.get(key)?.delete();
    this.trees.delete(key);
    this.caches.delete(key);
    this.collection.delete(uri);
    this.store.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.trees.values()) t.delete();
    for (const d of this.disposables) d.dispose();
  }
}

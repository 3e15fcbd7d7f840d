import * as vscode from 'vscode';
import type { QuickFix } from '../../core/deps/model';
import { dependencyQuickFixes, updateAllPatchMinor } from '../../core/deps/quick-fixes';
import { dependencyAt } from './hover-provider';
import type { ManifestStore } from './manifest-store';

// Quick fixes on a dependency line: "Update to X (within range)", "Update to latest X (...)" and, for
// the whole manifest, "Update all patch/minor". Each edits the version strings only.

export class DependencyCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: ManifestStore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    // Offsets are only valid in the text they were computed from: this version of the document.
    const entry = this.store.get(document.uri.toString(), document.version);
    const d = entry && dependencyAt(document, range.start, entry.report.dependencies);
    if (!entry || !d) return [];
    const diagnostics = context.diagnostics.filter((x) => x.source === 'Backend Coach' && String(typeof x.code === 'object' ? x.code.value : x.code).startsWith('dependency-'));
    const actions = dependencyQuickFixes(d).map((fix, i) => toAction(document, fix, diagnostics, i === 0));
    const all = updateAllPatchMinor(entry.report);
    if (all && all.edits.length > 1) actions.push(toAction(document, all, [], false));
    return actions;
  }
}

function toAction(document: vscode.TextDocument, fix: QuickFix, diagnostics: vscode.Diagnostic[], preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
  action.edit = edit;
  action.diagnostics = diagnostics;
  // Within-range updates do not change what the range allows: the safe default for Auto Fix.
  action.isPreferred = preferred && fix.kind === 'within-range';
  return action;
}

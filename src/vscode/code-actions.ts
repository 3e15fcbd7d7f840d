import * as vscode from 'vscode';
import { LANGUAGES, languageForEditorId } from '../core/parsing/languages';
import type { Finding, Fix } from '../core/types';
import { fixEdits, suppressionInsertion } from './code-action-edits';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { findingFor, type FindingStore } from './finding-store';
import { SHOW_RULE_DOCS_COMMAND } from './rule-docs';
import { CHECKLIST_COMMANDS } from './checklist/ids';

const OPEN_CHECKLIST_COMMAND = CHECKLIST_COMMANDS.open;

// Quick fixes on Backend Coach's diagnostics: the rule's own fix (preferred), a suppression comment
// with its reason selected for typing, the rule's docs, and the checklist item it teaches.

/** Every editor language id the engine analyses (javascript, javascriptreact, typescript, ...). */
export const CODE_ACTION_LANGUAGES: readonly string[] = LANGUAGES.flatMap((l) => l.editorIds);

function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export class CoachCodeActionProvider implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly store: FindingStore) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const lang = languageForEditorId(document.languageId);
    if (!lang) return [];
    // Offsets of a fix are only valid in the text they were computed from: this version of the document.
    const findings = this.store.get(document.uri.toString(), document.version);
    const fixes: vscode.CodeAction[] = [];
    const suppressions: vscode.CodeAction[] = [];
    const explanations: vscode.CodeAction[] = [];
    const lessons: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    const once = (key: string) => !seen.has(key) && Boolean(seen.add(key));

    for (const d of context.diagnostics) {
      const ruleId = ruleIdOf(d);
      if (!ruleId) continue;
      const finding = findings && findingFor(findings, { ruleId, message: d.message, range: { start: { line: d.range.start.line, column: d.range.start.character }, end: { line: d.range.end.line, column: d.range.end.character } } });
      if (finding?.fix && once(`fix:${keyOf(finding)}`)) {
        const action = fixAction(document, d, finding.fix);
        if (action) fixes.push(action);
      }
      if (once(`suppress:${ruleId}:${d.range.start.line}`)) {
        const action = suppressAction(document, d, ruleId, lang.lineComment);
        if (action) suppressions.push(action);
      }
      if (once(`explain:${ruleId}`)) explanations.push(explainAction(d, ruleId));
      if (finding?.checklist && once(`checklist:${finding.checklist}`)) lessons.push(checklistAction(d, finding.checklist));
    }
    return [...fixes, ...suppressions, ...explanations, ...lessons];
  }
}

function keyOf(f: Finding): string {
  return `${f.ruleId}:${f.range.start.line}:${f.range.start.column}:${f.range.end.line}:${f.range.end.column}`;
}

function fixAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: Fix): vscode.CodeAction | undefined {
  const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  const edits = fixEdits(fix, length, (offset) => document.positionAt(offset));
  if (!edits) return undefined;
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const e of edits) action.edit.replace(document.uri, new vscode.Range(e.start, e.end), e.text);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

function suppressAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: string, lineComment: string): vscode.CodeAction | undefined {
  if (diagnostic.range.start.line >= document.lineCount) return undefined; // a diagnostic older than an edit
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const insertion = suppressionInsertion((line) => document.lineAt(line).text, diagnostic.range.start.line, lineComment, ruleId, eol);
  if (!insertion) return undefined;
  const action = new vscode.CodeAction(`Suppress ${ruleId} for this line…`, vscode.CodeActionKind.QuickFix);
  // A snippet edit: in the editor the reason comes out selected, ready to be typed over. Where no editor
  // shows the file, VS Code applies it as plain text ("why this is safe").
  const snippet = new vscode.SnippetString().appendText(insertion.before);
  if (insertion.reason) snippet.appendPlaceholder(insertion.reason);
  snippet.appendText(insertion.after);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.set(document.uri, [vscode.SnippetTextEdit.insert(new vscode.Position(insertion.line, insertion.column), snippet)]);
  action.diagnostics = [diagnostic];
  return action;
}

function explainAction(diagnostic: vscode.Diagnostic, ruleId: string): vscode.CodeAction {
  const action = new vscode.CodeAction(`Explain ${ruleId}`, vscode.CodeActionKind.QuickFix);
  action.command = { command: SHOW_RULE_DOCS_COMMAND, title: `Explain ${ruleId}`, arguments: [ruleId] };
  action.diagnostics = [diagnostic];
  return action;
}

/** Opens the learning checklist at the item this finding's rule belongs to. */
function checklistAction(diagnostic: vscode.Diagnostic, itemId: string): vscode.CodeAction {
  const action = new vscode.CodeAction(`Open the checklist item ${itemId}`, vscode.CodeActionKind.QuickFix);
  action.command = { command: OPEN_CHECKLIST_COMMAND, title: 'Open the checklist item', arguments: [itemId] };
  action.diagnostics = [diagnostic];
  return action;
}

export function registerCodeActions(context: vscode.ExtensionContext, store: FindingStore): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([...CODE_ACTION_LANGUAGES], new CoachCodeActionProvider(store), {
      providedCodeActionKinds: CoachCodeActionProvider.providedCodeActionKinds,
    }),
  );
}

import * as vscode from 'vscode';
import type { ChecklistItem } from '../../core/checklist';
import { moduleSystemOf } from '../../core/project/module-system';
import { findPackageInfo } from '../../core/project/package-info';
import type { CatalogSnippet } from '../../core/project/snippet-catalog';
import { rankSnippets } from '../../core/project/snippet-ranking';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { COMMANDS } from '../ids';
import { isHttpsUrl } from './inline-markdown';

// What an item's buttons do: insert a snippet, show the findings of its rules, open a rule's docs or a
// link. Each runs on a message that was already validated against the curriculum.

const JS_TS = new Set(['javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

/**
 * Inserts the snippet `prefix` at the cursor of the active JavaScript/TypeScript editor, in the variant
 * that fits the file (module system, TypeScript, the project's framework), as completion would rank it.
 * Without such an editor, into a new untitled JavaScript file.
 */
export async function insertSnippet(prefix: string, catalog: readonly CatalogSnippet[]): Promise<void> {
  const variants = catalog.filter((s) => s.base === prefix || s.prefix === prefix);
  if (!variants.length) {
    void vscode.window.showWarningMessage(`Backend Coach: no snippet has the prefix "${prefix}".`);
    return;
  }
  let editor = vscode.window.activeTextEditor;
  if (!editor || !JS_TS.has(editor.document.languageId)) {
    const document = await vscode.workspace.openTextDocument({ language: 'javascript' });
    editor = await vscode.window.showTextDocument(document);
  }
  const { document } = editor;
  const language = document.languageId.startsWith('typescript') ? 'typescript' : 'javascript';
  const filePath = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
  let pkg;
  try {
    pkg = filePath ? findPackageInfo(filePath, { stopAt: vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath }) : undefined;
  } catch {
    pkg = undefined; // rank without project facts
  }
  const ranked = rankSnippets(variants, { language, module: moduleSystemOf(filePath, pkg) }, pkg);
  // A JavaScript-only snippet in a TypeScript file is still better than nothing.
  const snippet = ranked[0]?.snippet ?? variants[0];
  await editor.insertSnippet(new vscode.SnippetString(snippet.body));
}

interface FindingPick extends vscode.QuickPickItem {
  uri: vscode.Uri;
  range: vscode.Range;
}

function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || d.code === undefined) return undefined;
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function findingsOf(rules: readonly string[]): FindingPick[] {
  const wanted = new Set(rules);
  return vscode.languages.getDiagnostics().flatMap(([uri, diagnostics]) =>
    diagnostics
      .filter((d) => wanted.has(ruleOf(d) ?? ''))
      .map((d) => ({
        label: `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}`,
        description: ruleOf(d),
        detail: d.message,
        uri,
        range: d.range,
      })),
  );
}

/**
 * The findings of the item's rules in open and scanned files, to pick one and go there. With none, offers
 * Scan Workspace (the only way to know about files nobody opened) and looks again after it.
 */
export async function showFindings(item: ChecklistItem): Promise<void> {
  let picks = findingsOf(item.rules);
  if (!picks.length) {
    const scan = 'Scan Workspace';
    const answer = await vscode.window.showInformationMessage(`Backend Coach: no ${item.rules.join(', ')} finding in the open or scanned files.`, scan);
    if (answer !== scan) return;
    await vscode.commands.executeCommand(COMMANDS.scanWorkspace);
    picks = findingsOf(item.rules);
    if (!picks.length) {
      void vscode.window.showInformationMessage(`Backend Coach: the workspace has no ${item.rules.join(', ')} finding.`);
      return;
    }
  }
  const picked = await vscode.window.showQuickPick(picks, { title: `Findings for "${item.title}"`, placeHolder: `${picks.length} finding${picks.length === 1 ? '' : 's'}: pick one to go there`, matchOnDetail: true });
  if (picked) await vscode.window.showTextDocument(picked.uri, { selection: picked.range });
}

export async function showRuleDocs(ruleId: string): Promise<void> {
  await vscode.commands.executeCommand(COMMANDS.showRuleDocs, ruleId);
}

/** Opens an https link in the browser; anything else is refused (the message was validated already: belt and braces). */
export async function openLink(url: string): Promise<boolean> {
  if (!isHttpsUrl(url)) return false;
  return vscode.env.openExternal(vscode.Uri.parse(url, true));
}

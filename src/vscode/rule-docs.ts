import * as vscode from 'vscode';
import type { Engine } from '../core/engine';
import { COMMANDS, RULE_DOCS_SCHEME } from './ids';
import { ruleDocsMarkdown } from './rule-docs-markdown';

// A rule's docs inside VS Code, offline: the page is rendered from the loaded rule into a read-only
// virtual document (scheme backend-coach-docs) and shown with the built-in Markdown preview.
//
// The diagnostics' code link points at that document too. VS Code opens a diagnostic's code target from
// the hover, the F8 peek and the Problems panel; only the Problems panel allows `command:` URIs (the
// others ignore them silently), and the product's own URL scheme (vscode://<extension>/...) makes desktop
// VS Code ask "Allow 'Backend Coach' extension to open this URI?". Any other URI opens as an editor, so the
// link opens the page's source, marked with a query; seeing that editor, we swap it for the preview.

export const SHOW_RULE_DOCS_COMMAND = COMMANDS.showRuleDocs;
const FROM_LINK = 'from=diagnostic';

/** The diagnostic code target: `backend-coach-docs:/<id>.md?from=diagnostic`. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return ruleDocsDocumentUri(ruleId).with({ query: FROM_LINK });
}

/** The virtual document holding the rule's page. */
export function ruleDocsDocumentUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${ruleId}.md` });
}

function ruleIdOfDocument(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

class RuleDocsProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly engine: () => Engine) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = ruleIdOfDocument(uri);
    const rule = this.engine().rule(id);
    return rule ? ruleDocsMarkdown(rule) : `# Unknown rule \`${id}\`\n\nNo loaded rule has this id. Check \`backendCoach.rulesFolders\` and the Backend Coach output.\n`;
  }

  /** The rules were reloaded: open pages are rendered again. */
  refresh(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === RULE_DOCS_SCHEME) this.changed.fire(doc.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function pickRule(engine: Engine): Promise<string | undefined> {
  const items = [...engine.rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({ label: r.id, description: r.title, detail: [r.severity, r.category, ...r.cwe].join(' · ') }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Backend Coach: Show Rule Docs', placeHolder: 'Which rule?', matchOnDescription: true });
  return picked?.label;
}

export async function showRuleDocs(engine: Engine, ruleId?: unknown): Promise<void> {
  const id = typeof ruleId === 'string' && ruleId ? ruleId : await pickRule(engine);
  if (!id) return;
  if (!engine.rule(id)) {
    void vscode.window.showErrorMessage(`Backend Coach: no loaded rule has the id "${id}".`);
    return;
  }
  const uri = ruleDocsDocumentUri(id);
  const beside = vscode.window.activeTextEditor !== undefined;
  try {
    // Running the command activates the built-in Markdown extension if it is not active yet (so asking
    // getCommands() first would miss it).
    await vscode.commands.executeCommand(beside ? 'markdown.showPreviewToSide' : 'markdown.showPreview', uri);
    return;
  } catch {
    // The built-in Markdown extension is disabled or missing: show the page's source, which reads well enough.
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preview: true });
}

/**
 * A docs page opened from a diagnostic's link shows as Markdown source: replace it by the preview, in the
 * same editor group. (The page opened by the preview's "Open Source" has no query and stays as it is.)
 */
async function previewLinkedDocs(editor: vscode.TextEditor | undefined): Promise<void> {
  const uri = editor?.document.uri;
  if (!uri || uri.scheme !== RULE_DOCS_SCHEME || uri.query !== FROM_LINK) return;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri.with({ query: '' }));
  } catch {
    return; // no Markdown extension: the source stays, which reads well enough
  }
  const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tab) await vscode.window.tabGroups.close(tab);
}

/** Registers the docs provider and the command; returns `refresh` for when rules reload. */
export function registerRuleDocs(context: vscode.ExtensionContext, engine: () => Engine): { refresh(): void } {
  const provider = new RuleDocsProvider(engine);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, provider),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId?: unknown) => showRuleDocs(engine(), ruleId)),
    vscode.window.onDidChangeActiveTextEditor((editor) => void previewLinkedDocs(editor)),
  );
  return provider;
}

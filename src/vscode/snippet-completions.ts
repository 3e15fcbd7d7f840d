import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { prefixStart } from '../core/project/completion-token';
import { moduleSystemOf } from '../core/project/module-system';
import { findPackageInfo, type PackageInfo } from '../core/project/package-info';
import { isSnippetFileName, parseSnippetFile, type CatalogSnippet } from '../core/project/snippet-catalog';
import { snippetPreview } from '../core/project/snippet-preview';
import { rankSnippets, type RankedSnippet } from '../core/project/snippet-ranking';

// The snippet packs as completions that know the project: the variant that fits the file's module system
// and the project's Express/Fastify comes first, and the detail says why (docs/snippets.md, "Snippets that
// know your project"). Replaces the static `contributes.snippets`, so each snippet is listed once.
// JavaScript and TypeScript only: backend code does not live in .jsx/.tsx components.

const LANGUAGES = ['javascript', 'typescript'] as const;

export function registerSnippetCompletions(context: vscode.ExtensionContext, output?: vscode.OutputChannel): vscode.Disposable {
  const provider = new SnippetCompletionProvider(path.join(context.extensionPath, 'snippets'), output);
  const registration = vscode.languages.registerCompletionItemProvider([...LANGUAGES], provider, '-');
  context.subscriptions.push(registration);
  return registration;
}

class SnippetCompletionProvider implements vscode.CompletionItemProvider {
  private catalog: CatalogSnippet[] | undefined;
  private readonly previews = new WeakMap<CatalogSnippet, string>();

  constructor(
    private readonly snippetsDir: string,
    private readonly output: vscode.OutputChannel | undefined,
  ) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionItem[] | undefined {
    const snippets = this.snippets();
    const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
    const trigger = context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter ? context.triggerCharacter : undefined;
    const start = prefixStart(linePrefix, snippets.map((s) => s.prefix), trigger);
    if (start === undefined) return undefined;

    const filePath = document.uri.scheme === 'file' ? document.uri.fsPath : undefined;
    const pkg = filePath ? this.packageInfo(document.uri, filePath) : undefined;
    const language = document.languageId === 'typescript' ? 'typescript' : 'javascript';
    const range = new vscode.Range(position.line, start, position.line, position.character);
    return rankSnippets(snippets, { language, module: moduleSystemOf(filePath, pkg) }, pkg).map((ranked) => this.item(ranked, range));
  }

  private item(ranked: RankedSnippet, range: vscode.Range): vscode.CompletionItem {
    const { snippet } = ranked;
    const item = new vscode.CompletionItem({ label: snippet.prefix, description: snippet.name }, vscode.CompletionItemKind.Snippet);
    item.insertText = new vscode.SnippetString(snippet.body);
    item.range = range;
    item.sortText = ranked.sortText;
    item.filterText = ranked.filterText;
    item.detail = ranked.detail;
    const documentation = new vscode.MarkdownString();
    if (ranked.warning) documentation.appendMarkdown(`⚠ ${markdownWithCode(ranked.warning)}\n\n`);
    // appendText would turn every space into &nbsp;, and a long description would then never wrap.
    item.documentation = documentation.appendMarkdown(`${escapeMarkdown(snippet.description)}\n\n`).appendCodeblock(this.preview(snippet), snippet.language);
    return item;
  }

  /** The body with its defaults, as the documentation shows it (built once per snippet). */
  private preview(snippet: CatalogSnippet): string {
    let text = this.previews.get(snippet);
    if (text === undefined) this.previews.set(snippet, (text = snippetPreview(snippet.body)));
    return text;
  }

  private packageInfo(uri: vscode.Uri, filePath: string): PackageInfo | undefined {
    try {
      return findPackageInfo(filePath, { stopAt: vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath });
    } catch (error) {
      // Reading is designed not to throw; if it does anyway, offer the snippets without project facts.
      this.output?.appendLine(`Snippets: could not read the project of ${filePath}: ${String(error)}`);
      return undefined;
    }
  }

  /** The shipped packs, read once. */
  private snippets(): CatalogSnippet[] {
    return (this.catalog ??= readSnippetCatalog(this.snippetsDir, this.output));
  }
}

/** The snippet packs in `dir` (the extension's snippets/). A pack that cannot be read is reported and left out. */
export function readSnippetCatalog(dir: string, output?: vscode.OutputChannel): CatalogSnippet[] {
  const catalog: CatalogSnippet[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter(isSnippetFileName).sort();
  } catch (error) {
    output?.appendLine(`Snippets: cannot list ${dir}: ${String(error)}`);
  }
  for (const name of names) {
    try {
      catalog.push(...parseSnippetFile(name, fs.readFileSync(path.join(dir, name), 'utf8')));
    } catch (error) {
      output?.appendLine(`Snippets: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return catalog;
}

/** The description as Markdown text: characters that would format it are escaped, spaces stay spaces. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+\-.!|~]/g, '\\$&');
}

/** Text whose `backticked` parts are code, the rest escaped (a range from package.json is not Markdown). */
function markdownWithCode(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : escapeMarkdown(part)))
    .join('');
}

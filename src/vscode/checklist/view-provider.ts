import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { setItemState } from '../../core/checklist';
import type { ChecklistModel } from './checklist-model';
import { CHECKLIST_COMMANDS } from './ids';
import { insertSnippet, openLink, showFindings, showRuleDocs } from './item-actions';
import { validateWebviewMessage, type FromWebview, type ToWebview } from './messages';

// The checklist sidebar: a webview view whose page (media/checklist/) renders the view model and posts
// back what the learner does. Strict CSP with a fresh nonce each time the page is loaded; resources only
// from media/checklist; no retainContextWhenHidden: the page keeps its own UI state with
// getState/setState and asks for the model again ("ready") whenever it is loaded.

export class ChecklistViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** For the log: how long the first page load took. */
  private resolvedAt: number | undefined;
  private readonly loggedInvalid = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** An item to show once the page is there (Open Checklist at an item, before the page has loaded). */
  private pendingReveal: string | undefined;
  private pageReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly model: ChecklistModel,
    private readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(
      model.store.onDidChange(() => this.render()),
      model.evidence.onDidChange(() => this.render()),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.pageReady = false;
    this.resolvedAt = Date.now();
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'checklist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    // The page takes a while to load (seconds, in a busy browser): read the curriculum meanwhile.
    setTimeout(() => this.model.preload(), 0);
    // The view is resolved again after the user closed it: each resolution's listeners go with its view.
    const listeners = [
      view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      view.onDidChangeVisibility(() => {
        this.pageReady = false;
        if (!view.visible) return;
        // The page was unloaded when hidden: it loads again, with a fresh nonce.
        view.webview.html = this.html(view.webview, media);
      }),
    ];
    listeners.push(
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        this.pageReady = false;
        for (const l of listeners) l.dispose();
      }),
    );
  }

  /** Expands `itemId` (and its section) and scrolls to it: now if the page is up, else when it is. */
  reveal(itemId: string): void {
    this.pendingReveal = itemId;
    if (this.pageReady) this.flushReveal();
  }

  private flushReveal(): void {
    const itemId = this.pendingReveal;
    const view = this.view;
    if (!itemId || !view?.visible) return;
    this.pendingReveal = undefined;
    const message: ToWebview = { type: 'reveal', itemId };
    view.webview.postMessage(message).then(undefined, (e) => this.log(`could not post to the view: ${String(e)}`));
  }

  /** Posts the current model to the page, if it is showing. */
  render(): void {
    const view = this.view;
    if (!view?.visible) return;
    let message: ToWebview;
    try {
      message = { type: 'render', view: this.model.view() };
    } catch (e) {
      this.log(`could not build the view: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return;
    }
    view.webview.postMessage(message).then(undefined, (e) => this.log(`could not post to the view: ${String(e)}`));
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'checklist.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'checklist.js'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}" nonce="${nonce}">
<title>Backend Coach checklist</title>
</head>
<body>
<main aria-labelledby="page-title">
<h1 id="page-title" class="visually-hidden">Backend Coach learning checklist</h1>
<div id="overall" class="overall">
<div class="overall-line"><span id="overall-label" class="overall-label">Your progress</span><span id="overall-text" class="overall-text"></span></div>
<div id="overall-bar" class="bar" role="progressbar" aria-labelledby="overall-label" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0"><div class="fill"></div></div>
</div>
<div class="tools" role="search">
<input id="filter" type="search" placeholder="Filter items" aria-label="Filter checklist items" spellcheck="false" autocomplete="off">
<select id="show" aria-label="Show items">
<option value="all">All items</option>
<option value="open">Not done</option>
<option value="learning">Learning</option>
<option value="done">Done</option>
<option value="skipped">Skipped</option>
</select>
</div>
<p id="notice" class="notice" role="status" hidden></p>
<p id="evidence-note" class="note" hidden></p>
<p id="match-count" class="visually-hidden" role="status"></p>
<div id="sections"></div>
<p id="empty" class="note" hidden>No item matches the filter.</p>
</main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }

  private onMessage(raw: unknown): void {
    const result = validateWebviewMessage(raw, this.model.known);
    if (!result.ok) {
      // Logged once per reason: a misbehaving page must not flood the output.
      if (!this.loggedInvalid.has(result.reason) && this.loggedInvalid.size < 50) {
        this.loggedInvalid.add(result.reason);
        this.log(`ignored a message from the view: ${result.reason}`);
      }
      return;
    }
    this.handle(result.message).catch((e) => {
      this.log(`${result.message.type} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void vscode.window.showErrorMessage(`Backend Coach: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.resolvedAt) {
          this.log(`view loaded ${Date.now() - this.resolvedAt} ms after it was resolved`);
          this.resolvedAt = undefined;
        }
        this.render();
        this.pageReady = true;
        this.flushReveal();
        // Evidence is collected (or refreshed, if stale) only once the page shows what is known already.
        this.model.evidence.viewShown();
        return;
      case 'setState':
        await this.model.store.update((p) => setItemState(p, message.itemId, message.state));
        return;
      case 'insertSnippet':
        await insertSnippet(message.prefix, this.model.snippets());
        return;
      case 'showFindings':
        await showFindings(this.model.known.item(message.itemId)!);
        return;
      case 'showRuleDocs':
        await showRuleDocs(message.ruleId);
        return;
      case 'openLink':
        await openLink(message.url);
        return;
      case 'reset':
        await vscode.commands.executeCommand(CHECKLIST_COMMANDS.reset, { scope: message.scope, id: message.id });
        return;
    }
  }

  private log(line: string): void {
    this.output.appendLine(`Checklist: ${line}`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

// What a person does in the VS Code workbench, driven through Playwright: open a file with Quick Open, run
// a command from the palette, type, read squiggles and Problems rows. Everything is read from the DOM the
// person sees; nothing talks to VS Code's internals.
/* global document */
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const EDITOR = '.part.editor .editor-group-container.active .monaco-editor:not(.monaco-diff-editor .monaco-editor)';

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** Polls `probe` until it returns a truthy value, and returns that value; fails naming `what`. */
  async waitUntil(what, probe, timeoutMs = 30_000, intervalMs = 100) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(intervalMs);
    }
  }

  /**
   * Like waitUntil, but the probe must hold for `stableMs` in a row: a diagnostic can come and go while
   * text is typed, so "it is gone" means "it is gone and stays gone". Returns when it started to hold.
   */
  async waitSettled(what, probe, { stableMs = 1500, timeoutMs = 30_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    let since;
    for (;;) {
      const ok = await probe();
      const now = Date.now();
      if (!ok) since = undefined;
      else if (since === undefined) since = now;
      else if (now - since >= stableMs) return since;
      if (now > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (to hold for ${stableMs} ms)`);
      await sleep(100);
    }
  }

  async waitReady(timeoutMs = 60_000) {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
  }

  async quickInput(key, text) {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
  }

  /** The quick input's rows: their labels, and which one has the keyboard focus. */
  quickInputRows() {
    return this.page.evaluate(() => {
      const rows = [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')];
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return {
        labels: rows.map((r) => r.querySelector('.label-name')?.textContent ?? ''),
        focused: rows.findIndex((r) => r.classList.contains('focused')),
      };
    });
  }

  /**
   * Moves the keyboard focus to the quick input row labelled exactly `label` and presses Enter. The list
   * fills in as results arrive (editor history first, then the file search) and re-sorts as it does, so it
   * must stop changing first; a click could land on the row that moved under the pointer.
   */
  async pickQuickInputRow(label, timeoutMs = 15_000) {
    let last = '';
    let stableSince = 0;
    await this.waitUntil(`"${label}" in a settled quick input list`, async () => {
      const { labels } = await this.quickInputRows();
      const key = labels.join('\n');
      if (key !== last) [last, stableSince] = [key, Date.now()];
      return labels.includes(label) && Date.now() - stableSince >= 300;
    }, timeoutMs);
    for (let i = 0; i < 50; i++) {
      const { labels, focused } = await this.quickInputRows();
      const target = labels.indexOf(label);
      if (target === focused) break;
      await this.page.keyboard.press(target > focused ? 'ArrowDown' : 'ArrowUp');
    }
    const { labels, focused } = await this.quickInputRows();
    if (labels[focused] !== label) throw new Error(`could not move to "${label}" in the quick input list (${labels.join(', ')})`);
    const pressed = Date.now();
    await this.page.keyboard.press('Enter');
    return pressed;
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab to be the active one.
   * Returns the time Enter was pressed, so callers can time what follows.
   */
  async openFile(file, timeoutMs = 30_000) {
    const name = path.basename(file);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.quickInput('Control+P', file);
        const pressed = await this.pickQuickInputRow(name);
        await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: timeoutMs });
        await this.page.locator(EDITOR).first().waitFor({ timeout: timeoutMs });
        return pressed;
      } catch (err) {
        await this.page.keyboard.press('Escape');
        if (attempt === 2) throw new Error(`could not open ${file} with Quick Open: ${err.message.split('\n')[0]}`);
      }
    }
  }

  /** Runs a command by its palette label ("File: Revert File"). */
  async runCommand(label) {
    await this.quickInput('F1', `>${label}`);
    await this.pickQuickInputRow(label);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  }

  /** Opens the Problems panel unless it is already showing (Ctrl+Shift+M would toggle it). */
  async showProblems() {
    if (await this.page.locator('.markers-panel').isVisible().catch(() => false)) return;
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** The Problems panel's rows: each file, and each problem under it, as the text a person reads. */
  async problems() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.markers-panel .tree-container:not(.hidden) .monaco-list-row')].map((row) => ({
        level: Number(row.getAttribute('aria-level')),
        text: row.innerText.replace(/\s+/g, ' ').trim(),
        severity: ['error', 'warning', 'info'].find((s) => row.querySelector(`.codicon-${s}`)) ?? '',
        label: row.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /**
   * Shows only the problems of files matching `glob` in the Problems panel. Its list is virtual: rows
   * scrolled out of view are not in the DOM, so reading a file's rows without a filter could miss them.
   */
  async filterProblems(glob) {
    await this.showProblems();
    const input = this.page.locator('.viewpane-filter input[aria-label="Filter Problems"]');
    if ((await input.inputValue()) === glob) return;
    await input.fill(glob);
    // The panel applies a filter 400 ms after the last keystroke; then it must show only matching files.
    await sleep(600);
    const name = glob.split('/').pop();
    await this.waitUntil(`the Problems filter ${glob} to apply`, async () => {
      const files = (await this.problems()).filter((r) => r.level === 1).map((r) => r.text.split(' ')[0]);
      return files.every((f) => f === name) && (files.length > 0 || (await this.page.locator('.markers-panel .message-box-container').isVisible()));
    }, 10_000);
  }

  /** Backend Coach's problems for `file` ({text, severity}), read from the rows under its file row in Problems. */
  async coachProblems(file) {
    await this.filterProblems(`**/${file}`);
    const rows = await this.problems();
    const out = [];
    let current;
    for (const r of rows) {
      if (r.level === 1) current = r.text.split(' ')[0];
      else if (r.level === 2 && current === file && r.text.includes('Backend Coach')) out.push({ text: r.text, severity: r.severity });
    }
    return out;
  }

  /** Resolves when the active editor shows a squiggle of `kind`; returns when, for timing. */
  async waitForSquiggle(kind = 'error', timeoutMs = 60_000) {
    await this.page.waitForSelector(`${EDITOR} .squiggly-${kind}`, { timeout: timeoutMs });
    return Date.now();
  }

  async waitForNoSquiggle(kind = 'error', timeoutMs = 30_000) {
    await this.page.waitForSelector(`${EDITOR} .squiggly-${kind}`, { state: 'detached', timeout: timeoutMs });
    return Date.now();
  }

  /** Line numbers (1-based) under squiggles of `kind` (error, warning, info) in the active editor. */
  async squiggleLines(kind = 'error') {
    return this.page.evaluate(
      ({ editor, kind }) => {
        const root = document.querySelector(editor);
        if (!root) return [];
        const numbers = [...root.querySelectorAll('.margin-view-overlays .line-numbers')].map((e) => ({ n: Number(e.textContent), top: e.getBoundingClientRect().top }));
        const lines = new Set();
        for (const s of root.querySelectorAll(`.squiggly-${kind}`)) {
          const top = s.getBoundingClientRect().top;
          const line = numbers.find((l) => Math.abs(l.top - top) < 2);
          lines.add(line ? line.n : -1);
        }
        return [...lines].sort((a, b) => a - b);
      },
      { editor: EDITOR, kind },
    );
  }

  /** The text of line `n` as rendered in the active editor (the line must be on screen). */
  async lineText(n) {
    return this.page.evaluate(
      ({ editor, n }) => {
        const root = document.querySelector(editor);
        const num = [...(root?.querySelectorAll('.margin-view-overlays .line-numbers') ?? [])].find((e) => Number(e.textContent) === n);
        if (!num) return undefined;
        const top = num.getBoundingClientRect().top;
        const line = [...root.querySelectorAll('.view-lines .view-line')].find((e) => Math.abs(e.getBoundingClientRect().top - top) < 2);
        return line?.textContent.replace(/\u00a0/g, ' ');
      },
      { editor: EDITOR, n },
    );
  }

  /** Selects line `n` from its first non-blank character to its end, with the keyboard. */
  async selectLine(n) {
    await this.quickInput('Control+G', `:${n}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
    await this.page.keyboard.press('Home'); // from column 1 to the first non-blank character
    await this.page.keyboard.press('Shift+End');
  }

  /** Types like a person: one key event per character. */
  async type(text, delayMs = 20) {
    await this.page.keyboard.type(text, { delay: delayMs });
  }

  async activeTab() {
    const tab = this.page.locator('.tabs-container .tab.active');
    return { name: await tab.getAttribute('data-resource-name'), dirty: (await tab.getAttribute('class')).includes('dirty') };
  }

  /** Texts of the notification toasts on screen (an extension host crash shows up here). */
  async notifications() {
    return this.page.evaluate(() => [...document.querySelectorAll('.notifications-toasts .notification-list-item')].map((n) => n.innerText.replace(/\s+/g, ' ').trim()));
  }

  /**
   * Every notification of the session, including those whose toast has already hidden itself: the
   * toasts on screen, else the ones in the notification center (opened, read, closed again).
   */
  async allNotifications() {
    const read = (sel) => this.page.evaluate((s) => [...document.querySelectorAll(s)].map((n) => n.innerText.replace(/\s+/g, ' ').trim()), sel);
    const toasts = await read('.notifications-toasts .notification-list-item');
    await this.runCommand('Notifications: Show Notifications');
    const center = await this.waitUntil('the notification center', async () => (await this.page.locator('.notifications-center').isVisible()) && read('.notifications-center .notification-list-item'), 10_000);
    await this.page.keyboard.press('Escape');
    return [...new Set([...toasts, ...center])];
  }

  /** Replaces all the text of the active editor by typing `text`, then saves with Ctrl+S. */
  async retypeAndSave(text) {
    await this.page.keyboard.press('Control+A');
    await this.type(text, 5);
    await this.page.keyboard.press('Control+S');
    await this.waitUntil('the active tab to be saved', async () => !(await this.activeTab()).dirty, 15_000);
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
    return path.basename(file);
  }
}

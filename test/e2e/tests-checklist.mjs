// End-to-end tests of the checklist sidebar (issue 5): the webview view in its own activity-bar container.
// The view is a webview inside nested iframes; the tests find its frame by its document (title "Backend
// Coach checklist") and act in it as a person would: click, tick, type, press keys. Like the other
// modules, each test asserts on what a person sees and puts back what it changed (the explorer is shown
// again at the end, because the workbench restores the last sidebar after a reload).
/* global document, window, getComputedStyle, axe */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'yaml';
import { quickFix } from './tests-actions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, 'test-results/e2e');
const CURRICULUM = parse(fs.readFileSync(path.join(root, 'checklist/curriculum.yaml'), 'utf8'));
const AXE = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const TITLE = 'Backend Coach checklist';

/** The first item that no detector can tick: ticking it by hand is the only way it becomes done. */
const MANUAL = CURRICULUM.sections.flatMap((s) => s.items.map((i) => ({ section: s.id, ...i }))).find((i) => !i.evidence?.length);
/** The item a Dockerfile ticks. */
const DOCKER = CURRICULUM.sections.flatMap((s) => s.items.map((i) => ({ section: s.id, ...i }))).find((i) => i.evidence?.length === 1 && i.evidence[0] === 'container');

/** The frame holding the checklist page once it has rendered the model (body[data-ready]). */
async function checklistFrame(wb, timeoutMs = 60_000) {
  return wb.waitUntil('the checklist webview to render', async () => {
    for (const frame of wb.page.frames()) {
      if (frame === wb.page.mainFrame() || frame.isDetached()) continue;
      const ready = await frame.evaluate((t) => document.title === t && document.body?.dataset.ready === 'true', TITLE).catch(() => false);
      if (ready) return frame;
    }
    return undefined;
  }, timeoutMs, 250);
}

async function openChecklist(wb) {
  await wb.runCommand('Backend Coach: Open Checklist');
  return checklistFrame(wb);
}

/** Shows the explorer again: the tests of other modules (and waitReady after a reload) expect it. */
async function showExplorer(wb) {
  await wb.runCommand('View: Show Explorer');
  await wb.page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
}

const itemSel = (id) => `li.item[data-id="${id}"]`;
const sectionSel = (id) => `section.section[data-id="${id}"]`;

/** Expands a section (or an item) unless it is open; the page re-renders, so the frame is found again. */
async function expand(wb, frame, toggleSelector) {
  const toggle = frame.locator(toggleSelector).first();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await wb.waitUntil(`${toggleSelector} to be expanded`, async () => (await frame.locator(toggleSelector).first().getAttribute('aria-expanded')) === 'true', 10_000);
}

async function collapse(frame, toggleSelector) {
  const toggle = frame.locator(toggleSelector).first();
  if ((await toggle.getAttribute('aria-expanded').catch(() => null)) === 'true') await toggle.click();
}

/** axe-core run inside the webview document: the violations, serious and critical ones first. */
async function axeViolations(frame) {
  if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(AXE);
  return frame.evaluate(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`) }));
  });
}

function assertNoSeriousViolations(violations, where) {
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `axe: serious or critical violations in the checklist (${where}):\n${JSON.stringify(serious, null, 2)}`);
}

/** Picks a color theme with Preferences: Color Theme, as a person would; returns the theme that was current. */
async function pickColorTheme(wb, label) {
  await wb.quickInput('F1', '>Preferences: Color Theme');
  await wb.pickQuickInputRow('Preferences: Color Theme');
  await wb.waitUntil('the color theme list', async () => (await wb.quickInputRows()).labels.some((l) => /Dark|Light/.test(l)));
  await sleep(300);
  const { labels, focused } = await wb.quickInputRows();
  const previous = labels[focused];
  await wb.page.locator('.quick-input-widget input').fill(label);
  await wb.pickQuickInputRow(label);
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  return previous;
}

const THEMES = [
  { label: 'Light Modern', kind: 'vs', dark: false },
  { label: 'Dark Modern', kind: 'vs-dark', dark: true },
  { label: 'Dark High Contrast', kind: 'hc-black', dark: true },
  { label: 'Light High Contrast', kind: 'hc-light', dark: false },
];

/** Relative luminance (0 black - 1 white) of a CSS rgb()/rgba() colour. */
function luminance(css) {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

let themeToRestore;

export const CHECKLIST_TESTS = [
  {
    id: 'checklist-from-finding',
    name: 'the Quick Fix "Open the checklist item" on a finding opens the checklist at that item, expanded and focused',
    async run({ wb, step }) {
      const itemId = 'security.parameterised-queries';
      await wb.openFile('routes.js');
      await wb.waitForSquiggle('error');
      await quickFix(wb, 4, `Open the checklist item ${itemId}`, { step });
      const frame = await checklistFrame(wb);
      const shown = await wb.waitUntil('the item open and focused', () =>
        frame.evaluate((id) => {
          const toggle = document.getElementById(`i-${id}-toggle`);
          return toggle?.getAttribute('aria-expanded') === 'true' && document.activeElement === toggle && !document.getElementById(`i-${id}-body`)?.hidden;
        }, itemId), 20_000);
      assert.ok(shown);
      await step('checklist opened at the item');
    },
    async cleanup({ wb }) {
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-sections',
    name: 'the checklist view in its activity-bar container shows every section of the curriculum, each with a progress bar, and filters as you type',
    async run({ wb, step, metrics }) {
      const started = Date.now();
      const frame = await openChecklist(wb);
      metrics.openToRenderMs = Date.now() - started;
      await step('checklist opened');
      const titles = await frame.locator('section.section .section-title').allTextContents();
      assert.deepEqual(titles, CURRICULUM.sections.map((s) => s.title), 'one section per curriculum section, in order');
      assert.equal(await frame.locator('section.section [role="progressbar"]').count(), CURRICULUM.sections.length);
      const overall = frame.locator('#overall-bar');
      assert.match(await overall.getAttribute('aria-valuenow'), /^\d+$/);
      const items = CURRICULUM.sections.reduce((n, s) => n + s.items.length, 0);
      assert.match(await frame.locator('#overall-text').textContent(), new RegExp(`^\\d+ of ${items} done`));

      // The filter box narrows the list to matching items and opens their sections; clearing it restores the list.
      const target = CURRICULUM.sections.at(-1).items[0];
      await frame.locator('#filter').fill(target.title);
      await wb.waitUntil('the filter to apply', async () => (await frame.locator(`${itemSel(target.id)}`).count()) === 1 && (await frame.locator('section.section').count()) < CURRICULUM.sections.length, 10_000);
      assert.ok(await frame.locator(`${itemSel(target.id)} .item-toggle`).isVisible(), 'the matching item is shown, its section opened');
      await step('filtered');
      await frame.locator('#filter').fill('');
      await wb.waitUntil('the full list again', async () => (await frame.locator('section.section').count()) === CURRICULUM.sections.length, 10_000);
    },
    cleanup: async ({ wb }) => {
      const frame = await checklistFrame(wb, 5_000).catch(() => undefined);
      if (frame) await frame.locator('#filter').fill('').catch(() => {});
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-persist',
    name: 'ticking an item persists across a window reload (Developer: Reload Window), and the open section stays open',
    async run({ wb, step, page, metrics }) {
      assert.ok(MANUAL, 'the curriculum has an item without detectors');
      let frame = await openChecklist(wb);
      await expand(wb, frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      const before = await frame.locator('#overall-text').textContent();
      const checkbox = frame.locator(`${itemSel(MANUAL.id)} input.done`);
      assert.equal(await checkbox.isChecked(), false, `${MANUAL.id} starts unticked`);
      await checkbox.click();
      // Done once the extension stored it and sent the model back.
      await wb.waitUntil('the item to be rendered as done', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count()) === 1, 15_000);
      const after = await frame.locator('#overall-text').textContent();
      assert.equal(Number(after.split(' ')[0]), Number(before.split(' ')[0]) + 1, `the overall count goes up: "${before}" → "${after}"`);
      await step('ticked');

      // The sidebar is restored after a reload: show the explorer so the workbench's readiness check finds it.
      await showExplorer(wb);
      const reloaded = Date.now();
      await wb.runCommand('Developer: Reload Window');
      await page.waitForLoadState('domcontentloaded');
      await wb.waitReady(90_000);
      metrics.reloadToReadyMs = Date.now() - reloaded;
      frame = await openChecklist(wb);
      await step('after reload');
      assert.equal(await frame.locator(`${sectionSel(MANUAL.section)} .section-toggle`).getAttribute('aria-expanded'), 'true', 'the section opened before the reload is still open (webview state)');
      assert.equal(await frame.locator(`${itemSel(MANUAL.id)} input.done`).isChecked(), true, 'still ticked after the reload');
      assert.equal(await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count(), 1);
      assert.equal(await frame.locator('#overall-text').textContent(), after);
    },
    async cleanup({ wb }) {
      const frame = await checklistFrame(wb, 10_000).catch(() => undefined);
      if (frame) {
        const checkbox = frame.locator(`${itemSel(MANUAL.id)} input.done`);
        if (await checkbox.isChecked().catch(() => false)) {
          await checkbox.click();
          await wb.waitUntil('the item to be unticked', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-todo`).count()) === 1, 15_000);
        }
        await collapse(frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      }
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-reset',
    name: 'resetting a section asks for confirmation in a modal dialog; Cancel keeps the progress, Reset clears it',
    async run({ wb, step, page }) {
      const frame = await openChecklist(wb);
      await expand(wb, frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      await frame.locator(`${itemSel(MANUAL.id)} input.done`).click();
      await wb.waitUntil('the item to be done', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count()) === 1, 15_000);
      const section = CURRICULUM.sections.find((s) => s.id === MANUAL.section);
      const dialog = page.locator('.monaco-dialog-box');
      const resetLink = frame.locator(`${sectionSel(MANUAL.section)} .section-footer button`);

      await resetLink.click();
      await dialog.waitFor({ timeout: 15_000 });
      assert.match(await dialog.innerText(), new RegExp(`Reset the section "${section.title}" to "to do"\\?`));
      await step('confirmation');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
      await sleep(500);
      assert.equal(await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count(), 1, 'Cancel keeps the progress');

      await resetLink.click();
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.getByRole('button', { name: 'Reset' }).click();
      await wb.waitUntil('the item back to to do', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-todo`).count()) === 1, 15_000);
      assert.equal(await frame.locator(`${itemSel(MANUAL.id)} input.done`).isChecked(), false);
    },
    async cleanup({ wb, page }) {
      if (await page.locator('.monaco-dialog-box').isVisible().catch(() => false)) await page.keyboard.press('Escape');
      const frame = await checklistFrame(wb, 10_000).catch(() => undefined);
      if (frame) {
        const checkbox = frame.locator(`${itemSel(MANUAL.id)} input.done`);
        if (await checkbox.isChecked().catch(() => false)) await checkbox.click();
        await collapse(frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      }
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-export-import',
    name: 'Export Checklist Progress writes the progress as JSON; Import Checklist Progress merges such a file back',
    async run({ wb, step, page, workspace }) {
      const file = path.join(workspace, 'backend-coach-progress.json');
      fs.rmSync(file, { force: true });
      let frame = await openChecklist(wb);
      await expand(wb, frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      await frame.locator(`${itemSel(MANUAL.id)} input.done`).click();
      await wb.waitUntil('the item to be done', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count()) === 1, 15_000);

      // code-server's save and open dialogs are quick inputs holding a path.
      const input = page.locator('.quick-input-widget input');
      await wb.quickInput('F1', '>Backend Coach: Export Checklist Progress (JSON)');
      await wb.pickQuickInputRow('Backend Coach: Export Checklist Progress (JSON)');
      await wb.waitUntil('the save dialog', async () => (await input.inputValue().catch(() => '')).endsWith('/backend-coach-progress.json'));
      await page.keyboard.press('Enter');
      const exported = await wb.waitUntil('the exported file', () => {
        try {
          return JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch {
          return undefined;
        }
      }, 30_000);
      assert.equal(exported.format, 'backend-coach-progress');
      assert.equal(exported.items[MANUAL.id]?.state, 'done', JSON.stringify(exported));

      // Untick, then import the file: the item comes back, merged (nothing else changes).
      frame = await checklistFrame(wb);
      await frame.locator(`${itemSel(MANUAL.id)} input.done`).click();
      await wb.waitUntil('the item to be to do', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-todo`).count()) === 1, 15_000);
      await wb.quickInput('F1', '>Backend Coach: Import Checklist Progress (JSON)');
      await wb.pickQuickInputRow('Backend Coach: Import Checklist Progress (JSON)');
      await wb.waitUntil('the open dialog', async () => (await page.locator('.quick-input-widget').isVisible()) && (await input.inputValue().catch(() => '')).startsWith('/'));
      await input.fill(file);
      await sleep(500);
      await page.keyboard.press('Enter');
      await wb.waitUntil('the imported progress in the view', async () => (await frame.locator(`${itemSel(MANUAL.id)}.state-done`).count()) === 1, 30_000);
      const note = await wb.waitUntil('the import message', async () => (await wb.notifications()).find((n) => /imported progress for 1 item/.test(n)), 15_000);
      assert.match(note, /Backend Coach: imported progress for 1 item/);
      await step('imported');
    },
    async cleanup({ wb, workspace }) {
      fs.rmSync(path.join(workspace, 'backend-coach-progress.json'), { force: true });
      const frame = await checklistFrame(wb, 10_000).catch(() => undefined);
      if (frame) {
        const checkbox = frame.locator(`${itemSel(MANUAL.id)} input.done`);
        if (await checkbox.isChecked().catch(() => false)) await checkbox.click();
        await collapse(frame, `${sectionSel(MANUAL.section)} .section-toggle`);
      }
      await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-evidence',
    name: 'adding a Dockerfile to the workspace ticks the Docker item by itself ("done — detected: Dockerfile"); removing it un-ticks it',
    async run({ wb, step, workspace, metrics }) {
      assert.ok(DOCKER, 'the curriculum has an item ticked by the container detector');
      const frame = await openChecklist(wb);
      await expand(wb, frame, `${sectionSel(DOCKER.section)} .section-toggle`);
      const evidence = frame.locator(`${itemSel(DOCKER.id)} .evidence`);
      const text = () => evidence.textContent().catch(() => '');
      await wb.waitUntil('the workspace to be checked', async () => /^not detected yet/.test(await text()), 60_000);
      assert.equal(await frame.locator(`${itemSel(DOCKER.id)} input.done`).isChecked(), false);

      fs.writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "routes.js"]\n');
      const written = Date.now();
      await wb.waitUntil('the Docker item to be detected', async () => /^done — detected: .*Dockerfile/.test(await text()), 60_000);
      metrics.fileToDetectedMs = Date.now() - written;
      assert.equal(await frame.locator(`${itemSel(DOCKER.id)} input.done`).isChecked(), true, 'detected means ticked');
      assert.equal(await frame.locator(`${itemSel(DOCKER.id)}.state-done`).count(), 1);
      await step('dockerfile detected');

      fs.rmSync(path.join(workspace, 'Dockerfile'));
      await wb.waitUntil('the Docker item to be undetected', async () => /^not detected yet/.test(await text()), 60_000);
      assert.equal(await frame.locator(`${itemSel(DOCKER.id)} input.done`).isChecked(), false, 'evidence gone, nobody ticked it: unticked');
    },
    async cleanup({ wb, workspace }) {
      fs.rmSync(path.join(workspace, 'Dockerfile'), { force: true });
      const frame = await checklistFrame(wb, 5_000).catch(() => undefined);
      if (frame) await collapse(frame, `${sectionSel(DOCKER.section)} .section-toggle`);
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-actions',
    name: 'an item\'s "Show findings" lists the findings of its rules, and "Insert" puts its snippet, in the variant that fits the project (CommonJS by its package.json), at the cursor',
    async run({ wb, step, page, workspace }) {
      const item = CURRICULUM.sections.flatMap((s) => s.items.map((i) => ({ section: s.id, ...i }))).find((i) => i.rules?.includes('unparameterised-query-pg') && i.snippets?.includes('ex-query-pg'));
      assert.ok(item, 'an item checked by unparameterised-query-pg with the ex-query-pg snippet');
      await wb.openFile('routes.js');
      await wb.waitForSquiggle('error');
      await page.keyboard.press('Control+End');
      const frame = await openChecklist(wb);
      await expand(wb, frame, `${sectionSel(item.section)} .section-toggle`);
      await expand(wb, frame, `${itemSel(item.id)} .item-toggle`);

      await frame.locator(`${itemSel(item.id)} button`, { hasText: 'Show findings' }).click();
      // The quick input keeps the palette's old rows while hidden: wait for the picker's own title.
      const title = page.locator('.quick-input-widget .quick-input-title');
      await wb.waitUntil('the findings picker', async () => (await page.locator('.quick-input-widget').isVisible()) && /^Findings for/.test((await title.textContent().catch(() => '')) ?? ''), 30_000);
      const rows = await wb.waitUntil('the picker rows', async () => {
        const { labels } = await wb.quickInputRows();
        return labels.some((l) => /:\d+$/.test(l)) ? labels : undefined;
      }, 15_000);
      await step('findings picker');
      assert.ok(rows.includes('routes.js:4'), `the picker lists the finding on routes.js line 4: ${JSON.stringify(rows)}`);
      await page.keyboard.press('Escape');

      // A package.json that makes .js files CommonJS: the snippet comes in its CommonJS variant, as completion ranks it.
      fs.writeFileSync(path.join(workspace, 'package.json'), JSON.stringify({ name: 'workspace', private: true, type: 'commonjs', dependencies: { express: '^5.1.0', pg: '^8.16.0' } }, null, 2));
      await frame.locator(`${itemSel(item.id)} button.snippet`, { hasText: 'Insert ex-query-pg' }).click();
      const text = await wb.waitUntil('the snippet in routes.js', async () => {
        const t = await page.evaluate(() => document.querySelector('.part.editor .editor-group-container.active .monaco-editor .view-lines')?.innerText.replace(/\u00a0/g, ' '));
        return t?.includes('pg.Pool(') ? t : undefined;
      }, 15_000);
      await step('snippet inserted');
      assert.ok(text.includes("const pg = require('pg');"), 'the CommonJS variant, as package.json says "type": "commonjs"');
      assert.ok(!text.includes("import pg from 'pg';"));
      assert.ok(text.includes("pool.query('SELECT * FROM users WHERE id = ' + req.query.id);"), 'inserted at the cursor (the end), the file\'s own lines kept');
      assert.equal((await wb.activeTab()).name, 'routes.js');
    },
    async cleanup({ wb, workspace }) {
      fs.rmSync(path.join(workspace, 'package.json'), { force: true });
      await wb.openFile('routes.js');
      if ((await wb.activeTab()).dirty) await wb.runCommand('File: Revert File');
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-walkthrough',
    name: 'the "Get started with Backend Coach" walkthrough lists its steps, and the checklist step\'s button opens the checklist',
    async run({ wb, step, page }) {
      await wb.quickInput('F1', '>Welcome: Open Walkthrough...');
      await wb.pickQuickInputRow('Welcome: Open Walkthrough...');
      await wb.pickQuickInputRow('Get started with Backend Coach');
      const steps = page.locator('.getting-started-step');
      await steps.first().waitFor({ timeout: 20_000 });
      const titles = (await page.locator('.getting-started-step .step-title').allTextContents()).map((t) => t.trim());
      assert.deepEqual(titles, ['See a finding and fix it', 'Scan the whole workspace', 'Follow the learning checklist', 'Insert a secure snippet']);
      await page.locator('.getting-started-step', { hasText: 'Follow the learning checklist' }).first().click();
      const button = page.locator('.getting-started-step.expanded').getByRole('button', { name: 'Open Checklist' });
      await button.waitFor({ timeout: 10_000 });
      await step('walkthrough');
      await button.click();
      const frame = await checklistFrame(wb);
      assert.equal(await frame.locator('section.section').count(), CURRICULUM.sections.length);
      await step('checklist opened from the walkthrough');
    },
    async cleanup({ wb }) {
      await wb.runCommand('View: Close All Editors').catch(() => {});
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-a11y',
    name: 'the checklist is keyboard operable with a visible focus, and axe-core finds no serious or critical violation',
    async run({ wb, step, page, metrics }) {
      const frame = await openChecklist(wb);
      // Keyboard: focus the first section's toggle, Enter opens it, Tab reaches its first item's checkbox.
      const first = CURRICULUM.sections[0];
      await collapse(frame, `${sectionSel(first.id)} .section-toggle`);
      await frame.locator(`${sectionSel(first.id)} .section-toggle`).focus();
      await page.keyboard.press('Enter');
      await wb.waitUntil('Enter to open the section', async () => (await frame.locator(`${sectionSel(first.id)} .section-toggle`).getAttribute('aria-expanded')) === 'true', 10_000);
      await page.keyboard.press('Tab');
      const focused = await frame.evaluate(() => {
        const el = document.activeElement;
        return { section: el?.closest('section.section')?.getAttribute('data-id'), tag: el?.tagName, toggle: el?.classList.contains('section-toggle'), outline: getComputedStyle(el).outlineStyle };
      });
      assert.ok(focused.section === first.id && !focused.toggle && /^(INPUT|A|BUTTON)$/.test(focused.tag), `Tab moves into the opened section: ${JSON.stringify(focused)}`);
      assert.notEqual(focused.outline, 'none', `the focused element shows a focus outline (${JSON.stringify(focused)})`);
      // Space ticks the focused checkbox; "Learning" is a toggle button reachable by keyboard too.
      const item = first.items[0];
      await frame.locator(`${itemSel(item.id)} .item-toggle`).focus();
      await page.keyboard.press('Enter');
      const learning = frame.locator(`${itemSel(item.id)} .state-button`, { hasText: 'Learning' });
      await learning.waitFor({ state: 'visible', timeout: 10_000 });
      await learning.focus();
      await page.keyboard.press('Space');
      await wb.waitUntil('the item to be marked learning', async () => (await frame.locator(`${itemSel(item.id)}.state-learning`).count()) === 1, 15_000);
      assert.equal(await frame.locator(`${itemSel(item.id)} .state-button[aria-pressed="true"]`).textContent(), 'Learning');
      assert.ok(await frame.evaluate(() => document.activeElement?.classList.contains('state-button')), 'the focus stays on the button after the page re-renders');
      await step('keyboard: section open, item learning');

      // Everything open that the page can show at once: every section and the first item of each.
      for (const s of CURRICULUM.sections) {
        await expand(wb, frame, `${sectionSel(s.id)} .section-toggle`);
        await expand(wb, frame, `${itemSel(s.items[0].id)} .item-toggle`);
      }
      const violations = await axeViolations(frame);
      metrics.axe = violations.map((v) => `${v.impact} ${v.id}`);
      await step('axe run');
      assertNoSeriousViolations(violations, 'default theme, everything open');
    },
    async cleanup({ wb }) {
      const frame = await checklistFrame(wb, 10_000).catch(() => undefined);
      if (frame) {
        const item = CURRICULUM.sections[0].items[0];
        const pressed = frame.locator(`${itemSel(item.id)} .state-button[aria-pressed="true"]`);
        if (await pressed.count()) await pressed.first().click();
        await wb.waitUntil('the item back to to do', async () => (await frame.locator(`${itemSel(item.id)}.state-todo`).count()) === 1, 10_000).catch(() => {});
      }
      await showExplorer(wb);
    },
  },
  {
    id: 'checklist-themes',
    name: 'the checklist follows the light, dark and both high-contrast themes (screenshots), with no serious axe violation in any',
    async run({ wb, step, page, metrics }) {
      metrics.themes = {};
      for (const theme of THEMES) {
        const previous = await pickColorTheme(wb, theme.label);
        themeToRestore ??= previous;
        await wb.waitUntil(`the ${theme.label} theme`, () => page.evaluate((kind) => document.querySelector('.monaco-workbench')?.classList.contains(kind), theme.kind), 15_000);
        const frame = await openChecklist(wb);
        const first = CURRICULUM.sections.find((s) => s.items.some((i) => i.rules?.length)) ?? CURRICULUM.sections[0];
        await expand(wb, frame, `${sectionSel(first.id)} .section-toggle`);
        await expand(wb, frame, `${itemSel((first.items.find((i) => i.rules?.length) ?? first.items[0]).id)} .item-toggle`);
        // The page's colours come from the theme: a light background in light themes, dark in dark ones.
        const colors = await wb.waitUntil('the page to take the theme colours', async () => {
          const c = await frame.evaluate(() => ({ background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color, checkbox: getComputedStyle(document.querySelector('input.done')).accentColor }));
          return luminance(c.background) < 0.2 === theme.dark ? c : undefined;
        }, 15_000);
        metrics.themes[theme.label] = colors;
        assert.ok(Math.abs(luminance(colors.background) - luminance(colors.text)) > 0.4, `text stands out from the background in ${theme.label}: ${JSON.stringify(colors)}`);
        await page.mouse.move(900, 450); // no hover highlight in the pictures
        await step(`theme ${theme.label}`);
        await page.locator('.part.sidebar').screenshot({ path: path.join(resultsDir, `checklist-theme-${theme.kind}-item.png`) });
        await frame.evaluate(() => window.scrollTo(0, 0));
        await page.locator('.part.sidebar').screenshot({ path: path.join(resultsDir, `checklist-theme-${theme.kind}-top.png`) });
        assertNoSeriousViolations(await axeViolations(frame), theme.label);
      }
    },
    async cleanup({ wb }) {
      if (themeToRestore) await pickColorTheme(wb, themeToRestore).catch(() => {});
      themeToRestore = undefined;
      await showExplorer(wb);
    },
  },
];

export { CHECKLIST_TESTS as TESTS };

// End-to-end tests of the quick fixes, the rule docs and Scan Workspace / Export SARIF. They run against the
// same workbench after the tests of tests.mjs (routes.js is back to its original text by then) and before
// its final check that the extension logged no error: run.mjs takes the whole list, TESTS, from here. Like
// tests.mjs, each test asserts on what a person sees and puts back what it changed.
/* global document */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROUTES_INJECTED_LINE, ROUTES_PARAMETERISED_LINE } from './fixtures.mjs';

const RULE = 'unparameterised-query-pg';
/** The start of the docs title, "Unparameterised query (node-postgres, postgres.js)" (the rest may wrap). */
const DOCS_TITLE_START = 'Unparameterised query (node-postgres';
const REASON = 'ids are checked by the router';

/**
 * A file no test opens: Scan Workspace must report it (at the top of the workspace, where Workbench's
 * Problems helpers find a file by its name). Another in node_modules and one that files.exclude hides,
 * which it must not report.
 */
const NEVER_OPENED = { rel: 'never-opened.js', name: 'never-opened.js' };
const IN_NODE_MODULES = 'node_modules/some-lib/never-scanned.js';
const EXCLUDED = 'generated/excluded-by-setting.js';
const injected = (table) => `const { Pool } = require('pg');
const pool = new Pool();
app.get('/${table}', async (req, res) => {
  res.json(await pool.query('SELECT * FROM ${table} WHERE id = ' + req.query.id));
});
`;

/** The rows of the open Quick Fix / code action menu, as their labels (group headers left out). */
function actionMenuItems(wb) {
  // Group headers ("Quick Fix", "Extract"...) are rows too; the actions are the rows with an icon.
  return wb.page.evaluate(() =>
    [...document.querySelectorAll('.action-widget .monaco-list-row')].filter((r) => r.querySelector('.codicon')).map((r) => r.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/**
 * Selects line `n` (so the cursor is on its diagnostic), opens Quick Fix with Ctrl+. and chooses `label`.
 * The menu waits for every code action provider; the first time that includes a tsserver still starting,
 * which on two cores can take a minute, so Ctrl+. is pressed again while no menu has come.
 */
export async function quickFix(wb, n, label, { step, metrics } = {}) {
  const started = Date.now();
  let attempts = 0;
  for (;;) {
    attempts++;
    await wb.selectLine(n);
    await wb.page.keyboard.press('Control+.');
    const shown = await wb.page.locator('.action-widget .monaco-list-row').first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
    if (shown) break;
    if (Date.now() - started > 90_000) throw new Error(`no Quick Fix menu after ${attempts} tries of Ctrl+. in ${Date.now() - started} ms`);
    await wb.page.keyboard.press('Escape');
  }
  if (metrics) Object.assign(metrics, { quickFixMenuMs: Date.now() - started, quickFixAttempts: attempts });
  const items = await actionMenuItems(wb);
  if (step) await step('quick fix menu');
  assert.ok(items.some((i) => i.includes(label)), `the Quick Fix menu offers "${label}"; it shows ${JSON.stringify(items)}`);
  await wb.page.locator('.action-widget .monaco-list-row', { hasText: label }).first().click();
  await wb.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => {});
  return items;
}

async function noCoachProblem(wb, file) {
  return wb.waitSettled(`no Backend Coach problem for ${file}`, async () => (await wb.squiggleLines('error')).length === 0 && (await wb.coachProblems(file)).length === 0);
}

async function openRoutesWithDiagnostic(wb) {
  await wb.openFile('routes.js');
  await wb.waitSettled('the diagnostic on line 4 of routes.js', async () => (await wb.squiggleLines('error')).join() === '4' && (await wb.coachProblems('routes.js')).length === 1);
}

/** Puts routes.js back as it is on disk (File: Revert File) when a test left it changed. */
async function revertRoutes(wb) {
  await wb.openFile('routes.js');
  if ((await wb.activeTab()).dirty) await wb.runCommand('File: Revert File');
  assert.equal((await wb.activeTab()).dirty, false);
}

/** Waits for an editor tab whose label contains `text`; returns its label. */
async function tabLabeled(wb, text, timeoutMs = 15_000) {
  return wb.waitUntil(`a tab labelled "${text}"`, () =>
    wb.page.evaluate((t) => [...document.querySelectorAll('.tabs-container .tab')].map((e) => e.getAttribute('aria-label') ?? e.innerText).find((l) => l.includes(t)), text), timeoutMs);
}

export const ACTION_TESTS = [
  {
    id: 'quick-fix-parameterise',
    name: 'Quick Fix offers "Parameterise this query" first; applying it rewrites the query and the diagnostic disappears',
    async run({ wb, step, metrics }) {
      await openRoutesWithDiagnostic(wb);
      const items = await quickFix(wb, 4, 'Parameterise this query', { step, metrics });
      metrics.menu = items;
      assert.match(items[0], /^Parameterise this query/, 'the rule fix comes first');
      assert.ok(items.some((i) => i.includes(`Suppress ${RULE} for this line`)), JSON.stringify(items));
      assert.ok(items.some((i) => i.includes(`Explain ${RULE}`)), JSON.stringify(items));
      await wb.waitUntil('line 4 to be rewritten', async () => (await wb.lineText(4))?.trim() === ROUTES_PARAMETERISED_LINE);
      const cleared = Date.now();
      await noCoachProblem(wb, 'routes.js');
      metrics.fixToClearedMs = Date.now() - cleared;
      await step('fixed, no problem');
      assert.equal(await wb.lineText(4), `  ${ROUTES_PARAMETERISED_LINE}`, 'indentation kept');
    },
    cleanup: ({ wb }) => revertRoutes(wb),
  },
  {
    id: 'quick-fix-suppress',
    name: 'the suppress action inserts "// coach-ignore-next-line <rule> -- <reason>" above the line with the reason selected, and the finding goes away',
    async run({ wb, step, metrics }) {
      await openRoutesWithDiagnostic(wb);
      await quickFix(wb, 4, `Suppress ${RULE} for this line`, { metrics });
      await wb.waitUntil('the comment on line 4', async () => (await wb.lineText(4))?.includes('coach-ignore-next-line'));
      await step('comment inserted');
      // The reason is a snippet placeholder: typing replaces it.
      await wb.type(REASON);
      await wb.page.keyboard.press('Escape');
      assert.equal(await wb.lineText(4), `  // coach-ignore-next-line ${RULE} -- ${REASON}`);
      assert.equal(await wb.lineText(5), `  ${ROUTES_INJECTED_LINE}`);
      await noCoachProblem(wb, 'routes.js');
      await step('reason typed, no problem');
    },
    cleanup: ({ wb }) => revertRoutes(wb),
  },
  {
    id: 'explain-rule',
    name: '"Explain <rule>" and the rule link in Problems both open the rule docs inside VS Code',
    async run({ wb, step, page, metrics }) {
      await openRoutesWithDiagnostic(wb);
      await quickFix(wb, 4, `Explain ${RULE}`, { metrics });
      metrics.docsTab = await tabLabeled(wb, RULE);
      const text = await docsText(wb);
      await step('docs opened from the quick fix');
      assert.ok(text.includes(DOCS_TITLE_START), `the docs show the rule title; got ${text.slice(0, 200)}`);
      assert.ok(/Why it matters/.test(text) && /CWE-89/.test(text), 'the docs show the rule text and its CWE');
      await page.keyboard.press('Control+W');

      // The rule id in the Problems row is a link to the same page.
      await openRoutesWithDiagnostic(wb);
      await wb.filterProblems('**/routes.js');
      const link = page.locator('.markers-panel .monaco-list-row .monaco-link', { hasText: RULE }).first();
      await link.waitFor({ timeout: 15_000 });
      await link.click();
      metrics.docsTabFromLink = await tabLabeled(wb, RULE);
      assert.ok((await docsText(wb)).includes(DOCS_TITLE_START));
      await step('docs opened from the Problems link');
      await page.keyboard.press('Control+W');
    },
  },
  {
    id: 'scan-workspace',
    name: 'Scan Workspace reports a file that was never opened (not node_modules, not files.exclude); opening it swaps in the live diagnostic without a duplicate',
    async run({ wb, step, workspace, metrics }) {
      for (const [rel, table] of [[NEVER_OPENED.rel, 'reports'], [IN_NODE_MODULES, 'vendored'], [EXCLUDED, 'generated']]) {
        fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
        fs.writeFileSync(path.join(workspace, rel), injected(table));
      }
      const settings = path.join(workspace, '.vscode/settings.json');
      fs.writeFileSync(settings, JSON.stringify({ 'backendCoach.run': 'onType', 'files.exclude': { '**/generated': true } }, null, 2));
      await sleep(1500); // the workbench notices the new settings

      const started = Date.now();
      await wb.runCommand('Backend Coach: Scan Workspace');
      const rows = await wb.waitUntil(`a Backend Coach row for ${NEVER_OPENED.name}`, async () => {
        const r = await wb.coachProblems(NEVER_OPENED.name);
        return r.length ? r : undefined;
      }, 90_000);
      metrics.scanToRowMs = Date.now() - started;
      await step('never-opened file in Problems');
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.equal(rows[0].severity, 'error');
      assert.match(rows[0].text, /Request data \(req\.query\.id, line 4\).*Backend Coach.*unparameterised-query-pg.*\[Ln 4, Col \d+\]/);
      assert.ok(!(await wb.page.locator(`.tabs-container .tab[data-resource-name="${NEVER_OPENED.name}"]`).count()), 'the file is not open');

      // The scan ends with a summary; files it must skip have no row.
      const summary = await wb.waitUntil('the scan summary notification', async () => (await wb.notifications()).find((n) => /Backend Coach: \d+ problems? in \d+ files?/.test(n)), 120_000);
      metrics.scanMs = Date.now() - started;
      metrics.summary = summary;
      assert.deepEqual(await wb.coachProblems('never-scanned.js'), [], 'node_modules is skipped');
      assert.deepEqual(await wb.coachProblems('excluded-by-setting.js'), [], 'files.exclude is honoured');
      await step('scan finished');

      // Opened, the file's problem comes from the live diagnostics: still exactly one row.
      await wb.openFile(NEVER_OPENED.rel);
      await wb.waitForSquiggle('error');
      await sleep(1000);
      await wb.waitSettled('exactly one row for the opened file', async () => (await wb.coachProblems(NEVER_OPENED.name)).length === 1).catch(async (err) => {
        throw new Error(`${err.message}; Problems shows ${JSON.stringify(await wb.coachProblems(NEVER_OPENED.name))}`);
      });
      await step('opened: one live row');
    },
  },
  {
    id: 'export-sarif',
    name: 'Export Findings as SARIF writes the last scan to the file chosen in the save dialog',
    async run({ wb, step, page, workspace }) {
      const target = path.join(workspace, 'backend-coach.sarif');
      fs.rmSync(target, { force: true });
      // Not wb.runCommand: it waits for the palette to close, and the save dialog reuses the same quick input.
      await wb.quickInput('F1', '>Backend Coach: Export Findings as SARIF');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Backend Coach: Export Findings as SARIF' }).first().click();
      // code-server's save dialog is a quick input holding the proposed path (the workspace's backend-coach.sarif).
      const input = page.locator('.quick-input-widget input');
      await wb.waitUntil('the save dialog with the proposed file name', async () => (await input.inputValue().catch(() => '')).endsWith('/backend-coach.sarif'));
      await step('save dialog');
      await page.keyboard.press('Enter');
      await wb.waitUntil('the SARIF file on disk', () => fs.existsSync(target), 60_000);
      const log = await wb.waitUntil('a complete SARIF file', () => {
        try {
          return JSON.parse(fs.readFileSync(target, 'utf8'));
        } catch {
          return undefined;
        }
      });
      await step('exported');
      assert.equal(log.version, '2.1.0');
      const results = log.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
      assert.ok(results.includes(`${RULE} ${NEVER_OPENED.rel}:4`), JSON.stringify(results));
      assert.ok(results.includes(`${RULE} routes.js:4`), JSON.stringify(results));
      assert.ok(!results.some((r) => r.includes('node_modules') || r.includes('generated/')), JSON.stringify(results));
      assert.ok(log.runs[0].tool.driver.rules.some((r) => r.id === RULE));
    },
    async cleanup({ wb, workspace }) {
      for (const rel of [NEVER_OPENED.rel, IN_NODE_MODULES, EXCLUDED, 'backend-coach.sarif']) fs.rmSync(path.join(workspace, rel), { force: true });
      fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), '{ "backendCoach.run": "onType" }');
      await wb.runCommand('Notifications: Clear All Notifications').catch(() => {});
    },
  },
];

export { ACTION_TESTS as TESTS };

/**
 * The text of the rule docs on screen: inside the Markdown preview (a webview) when a tab shows one,
 * otherwise the page's source in the editor (the built-in Markdown extension is not among the suite's).
 */
async function docsText(wb) {
  return wb.waitUntil('the rule docs to render', async () => {
    const preview = (await wb.page.locator('.tabs-container .tab[aria-label^="Preview"]').count()) > 0;
    const frames = preview ? wb.page.frames().filter((f) => f !== wb.page.mainFrame()) : [wb.page.mainFrame()];
    for (const frame of frames) {
      const text = (await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')).replace(/\u00a0/g, ' ');
      if (text.includes('Why it matters')) return text;
    }
    return undefined;
  });
}

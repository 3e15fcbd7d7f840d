// The end-to-end tests, in the order they run against one workbench. Each opens the files it needs and
// undoes its edits and settings (`cleanup` runs even when it fails), so any subset can run
// (BACKEND_COACH_E2E_ONLY). Each asserts on what a person sees; ctx.step(label) saves a screenshot to
// test-results/e2e/, ctx.metrics goes to metrics.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIG_MINIFIED, LARGE, ROUTES_INJECTED_LINE, ROUTES_JS, ROUTES_PARAMETERISED_LINE } from './fixtures.mjs';

const TWO_LINES = 'const PAGE_SIZE = 50;\nconst MAX_PAGES = 20;\n';
const CRASH = /extension host terminated|terminated unexpectedly|extension host .*(crash|unresponsive)/i;

/** Backend Coach's problems for `file` once there is at least one. */
async function coachProblemsShown(wb, file, timeoutMs = 30_000) {
  return wb.waitUntil(`a Backend Coach row for ${file} in Problems`, async () => {
    const rows = await wb.coachProblems(file);
    return rows.length ? rows : undefined;
  }, timeoutMs);
}

/** Waits until `file` has no Backend Coach squiggle or Problems row, and stays so; returns when that began. */
function coachProblemsGone(wb, file, timeoutMs = 30_000) {
  return wb.waitSettled(`no Backend Coach problem for ${file}`, async () => (await wb.squiggleLines('error')).length === 0 && (await wb.coachProblems(file)).length === 0, { timeoutMs });
}

/** Puts `.vscode/settings.json` back to running on type, unless it already is. */
async function restoreRunSetting({ wb, workspace }) {
  if (!/"off"|"onSave"/.test(fs.readFileSync(path.join(workspace, '.vscode/settings.json'), 'utf8'))) return;
  await wb.openFile('.vscode/settings.json');
  await wb.retypeAndSave('{ "backendCoach.run": "onType" }');
}

/** Puts a workspace file back to `text` through the editor (so VS Code and the extension see it), if it changed. */
async function restoreFile({ wb, page, workspace }, name, text) {
  const onDisk = fs.readFileSync(path.join(workspace, name), 'utf8');
  const open = await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).count();
  if (onDisk === text && !(open && (await page.locator(`.tabs-container .tab.dirty[data-resource-name="${name}"]`).count()))) return;
  await wb.openFile(name);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text); // one insertion: no auto-indent after each Enter
  await page.keyboard.press('Control+S');
  await wb.waitUntil(`${name} to be saved`, async () => !(await wb.activeTab()).dirty, 15_000);
}

async function assertHostAlive(wb) {
  const crashes = (await wb.notifications()).filter((n) => CRASH.test(n));
  assert.deepEqual(crashes, [], 'the workbench reports an extension host problem');
}

export const TESTS = [
  {
    id: 'js-diagnostic',
    name: 'a JS file with request data concatenated into pool.query() shows a squiggle on that line and a Problems row',
    async run({ wb, step, metrics, suiteMetrics }) {
      await wb.showProblems();
      const opened = await wb.openFile('routes.js');
      metrics.openedAt = opened;
      const shown = await wb.waitForSquiggle('error');
      metrics.openToSquiggleMs = suiteMetrics.firstSquiggleMs = shown - opened; // includes activating the extension
      await step('squiggle');
      assert.deepEqual(await wb.squiggleLines('error'), [4], 'error squiggle on line 4 only');
      const rows = await coachProblemsShown(wb, 'routes.js');
      await step('problems row');
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.equal(rows[0].severity, 'error');
      assert.match(rows[0].text, /Request data \(req\.query\.id, line 4\) is pasted into the SQL text passed to pool\.query\(\)/);
      assert.match(rows[0].text, /Backend Coach/);
      assert.match(rows[0].text, /unparameterised-query-pg/);
      assert.match(rows[0].text, /\[Ln 4, Col \d+\]/);
    },
  },
  {
    id: 'as-you-type',
    name: 'typing the parameterised query clears the diagnostic without saving; typing the injection back restores it',
    async run({ wb, step, metrics }) {
      await wb.openFile('routes.js');
      await wb.waitForSquiggle('error');

      await wb.selectLine(4);
      await step('line 4 selected');
      await wb.type(ROUTES_PARAMETERISED_LINE);
      const typedFix = Date.now();
      assert.equal((await wb.lineText(4)).trim(), ROUTES_PARAMETERISED_LINE, 'the editor shows what was typed');
      const cleared = await coachProblemsGone(wb, 'routes.js');
      metrics.fixTypedToClearedMs = Math.max(0, cleared - typedFix);
      await step('parameterised, unsaved, no problem');
      assert.equal((await wb.activeTab()).dirty, true, 'the file is not saved');

      await wb.selectLine(4);
      await wb.type(ROUTES_INJECTED_LINE);
      const typedInjection = Date.now();
      const rows = await wb.waitSettled('the diagnostic back on line 4', async () => {
        const r = await wb.coachProblems('routes.js');
        return r.length === 1 && /req\.query\.id, line 4/.test(r[0].text) && (await wb.squiggleLines('error')).join() === '4';
      });
      metrics.injectionTypedToShownMs = Math.max(0, rows - typedInjection);
      await step('injected again, unsaved, problem back');
      assert.match((await wb.coachProblems('routes.js'))[0].text, /unparameterised-query-pg/);
      assert.equal((await wb.activeTab()).dirty, true, 'the file is still not saved');

      await wb.runCommand('File: Revert File');
      assert.equal((await wb.activeTab()).dirty, false);
    },
  },
  {
    id: 'python-diagnostic',
    name: 'a Flask handler concatenating request.args into cursor.execute() shows its diagnostic',
    async run({ wb, step, metrics }) {
      const opened = await wb.openFile('app.py');
      metrics.openToSquiggleMs = (await wb.waitForSquiggle('error')) - opened; // first Python file: loads the grammar
      assert.deepEqual(await wb.squiggleLines('error'), [11]);
      const rows = await coachProblemsShown(wb, 'app.py');
      await step('python squiggle and problem');
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.equal(rows[0].severity, 'error');
      assert.match(rows[0].text, /Request data \(request\.args, line 11\) is pasted into the SQL text passed to cursor\.execute\(\)/);
      assert.match(rows[0].text, /Backend Coach/);
      assert.match(rows[0].text, /unparameterised-query-dbapi/);
    },
  },
  {
    id: 'hostile-files',
    name: 'a syntax-broken file and a 5 MB minified file do not take the extension host down',
    async run({ wb, step, metrics }) {
      let opened = await wb.openFile('broken.js');
      metrics.brokenOpenMs = Date.now() - opened;
      await sleep(2000); // let the analysis of the broken file run
      metrics.brokenFileProblems = (await wb.coachProblems('broken.js')).map((r) => r.text);
      await step('broken file open');

      opened = await wb.openFile(BIG_MINIFIED.name, 60_000);
      metrics.bigMinifiedOpenMs = Date.now() - opened;
      await wb.waitUntil('the minified file to be rendered', () => wb.lineText(1), 60_000);
      metrics.bigMinifiedRenderedMs = Date.now() - opened;
      // Is the UI still responsive? Time a palette round trip and a tab switch with the big file open.
      const tPalette = Date.now();
      await wb.quickInput('F1', '>');
      metrics.paletteWithBigFileMs = Date.now() - tPalette;
      await wb.page.keyboard.press('Escape');
      await step('minified file open');
      await sleep(2000); // the analysis of the big file (or its skip) has had its chance to misbehave
      metrics.bigMinifiedProblems = (await wb.coachProblems(BIG_MINIFIED.name)).length;

      // A large file that is analysed in full: how long until its diagnostic, with the extension host busy?
      opened = await wb.openFile(LARGE.name, 60_000);
      const large = await coachProblemsShown(wb, LARGE.name, 60_000);
      metrics.largeFileOpenToProblemMs = Date.now() - opened;
      assert.match(large[0].text, new RegExp(`req\\.query\\.id, line ${LARGE.injectedLine}\\)`));
      // ...and after an edit at its end: how long until the diagnostic follows (a re-analysis of 600 kB)
      await wb.selectLine(LARGE.injectedLine);
      await wb.type(ROUTES_PARAMETERISED_LINE);
      const typed = Date.now();
      metrics.largeFileEditToClearedMs = Math.max(0, (await coachProblemsGone(wb, LARGE.name, 60_000)) - typed);
      await step('large file edited, diagnostic gone');
      await wb.runCommand('File: Revert File');

      opened = await wb.openFile('alive.js');
      const shown = await wb.waitForSquiggle('error', 60_000);
      metrics.aliveOpenToSquiggleMs = shown - opened;
      assert.deepEqual(await wb.squiggleLines('error'), [4]);
      const rows = await coachProblemsShown(wb, 'alive.js');
      await step('next file still diagnosed');
      assert.match(rows[0].text, /req\.params\.id, line 4.*unparameterised-query-pg/);
      await assertHostAlive(wb);
      // nothing beyond generous sanity bounds: the numbers go to metrics.json
      assert.ok(metrics.paletteWithBigFileMs < 20_000, `command palette took ${metrics.paletteWithBigFileMs} ms to open`);
      assert.ok(metrics.aliveOpenToSquiggleMs < 30_000, `diagnostic took ${metrics.aliveOpenToSquiggleMs} ms`);
    },
    /** The big files stay out of the later tests: a settings change re-analyses every open file. */
    async cleanup({ wb }) {
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    id: 'setting-off',
    name: 'with backendCoach.run set to off in the workspace settings, a newly opened file gets no diagnostic',
    async run({ wb, step, metrics, suiteMetrics, log }) {
      await wb.openFile('routes.js');
      await wb.waitForSquiggle('error');
      await wb.openFile('.vscode/settings.json');
      await wb.retypeAndSave('{ "backendCoach.run": "off" }');
      await step('workspace setting off');

      // How long to wait for something that must not happen: well past the slowest diagnostic seen so far.
      const seen = [suiteMetrics.tests['as-you-type']?.injectionTypedToShownMs, suiteMetrics.tests['hostile-files']?.aliveOpenToSquiggleMs].filter(Number.isFinite);
      const quietMs = Math.max(4000, 3 * Math.max(0, ...seen));
      metrics.quietPeriodMs = quietMs;
      await wb.openFile('while-off.js');
      await sleep(quietMs);
      assert.deepEqual(await wb.squiggleLines('error'), [], 'no squiggle while off');
      assert.deepEqual(await wb.coachProblems('while-off.js'), [], 'no Problems row while off');
      await step('new file, setting off');
      // Not asserted (the brief is about new files): does turning it off clear what was already shown?
      metrics.routesProblemsKeptAfterOff = (await coachProblemsShown(wb, 'routes.js', 3000).catch(() => [])).length;
      if (metrics.routesProblemsKeptAfterOff) log(`note: after backendCoach.run=off, routes.js still shows ${metrics.routesProblemsKeptAfterOff} Backend Coach problem(s)`);

      await wb.openFile('.vscode/settings.json');
      await wb.retypeAndSave('{ "backendCoach.run": "onType" }');
      const back = Date.now();
      await wb.openFile('while-off.js');
      await wb.waitForSquiggle('error');
      metrics.onAgainToSquiggleMs = Date.now() - back;
      assert.deepEqual(await wb.squiggleLines('error'), [4], 'the same file is diagnosed once the setting is back');
      await coachProblemsShown(wb, 'while-off.js');
      await step('setting back on, diagnostic shown');
    },
    cleanup: restoreRunSetting,
  },
  {
    id: 'on-save',
    name: 'with backendCoach.run set to onSave, lines added above a query move its diagnostic when the file is saved',
    async run({ wb, step, page }) {
      await wb.openFile('.vscode/settings.json');
      await wb.retypeAndSave('{ "backendCoach.run": "onSave" }');
      await wb.openFile('routes.js');
      await wb.waitSettled('the diagnostic on line 4', async () => (await wb.squiggleLines('error')).join() === '4' && (await wb.coachProblems('routes.js')).length === 1);

      await wb.selectLine(1);
      await page.keyboard.press('Home');
      await wb.type(TWO_LINES); // code, not comments: Enter in a // comment would continue the comment
      await step('two lines typed above, unsaved');
      assert.equal(await wb.lineText(6), `  ${ROUTES_INJECTED_LINE}`);
      await page.keyboard.press('Control+S');
      const rows = await wb.waitSettled('the diagnostic on line 6 after saving', async () => {
        const r = await wb.coachProblems('routes.js');
        return r.length === 1 && /req\.query\.id, line 6\).*\[Ln 6, Col \d+\]/.test(r[0].text) && (await wb.squiggleLines('error')).join() === '6';
      }, { timeoutMs: 15_000 }).catch(async (err) => {
        await step('after saving');
        throw new Error(`${err.message}; Problems shows ${JSON.stringify(await wb.coachProblems('routes.js'))}, squiggles on lines ${await wb.squiggleLines('error')}`);
      });
      assert.ok(rows);
      await step('saved, diagnostic on line 6');
    },
    /** Puts routes.js and the setting back, whatever happened. */
    async cleanup(ctx) {
      await restoreFile(ctx, 'routes.js', ROUTES_JS);
      await restoreRunSetting(ctx);
    },
  },
  {
    id: 'no-extension-errors',
    name: 'the extension logged no error in the extension host during the whole run',
    async run({ consoleLines, metrics }) {
      const errors = consoleLines.filter((l) => /\[Extension Host\]/.test(l) && /Backend Coach|backend-coach\.backend-coach/.test(l));
      metrics.errors = errors.map((e) => e.split('\n').slice(0, 3).join(' | '));
      assert.deepEqual(metrics.errors, []);
    },
  },
];

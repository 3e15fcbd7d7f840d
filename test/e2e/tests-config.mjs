// End-to-end tests of what users configure: per-rule severity in settings, the team's .backend-coach.yaml,
// reviewer mode, the status bar item, Workspace Trust, and how long activation took. Like the other test
// modules, each asserts on what a person sees and puts back what it changed.
/* global document */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const RULE = 'unparameterised-query-pg';
const STATUS = '.statusbar-item[id$="backendCoach.status"]';

async function setWorkspaceSettings(wb, json) {
  await wb.openFile('.vscode/settings.json');
  await wb.retypeAndSave(JSON.stringify(json));
}

/** The status bar item's text as shown ("$(check) Coach 3" renders as its icon and "Coach 3"). */
async function statusText(page) {
  return page.evaluate((sel) => document.querySelector(sel)?.innerText.replace(/\s+/g, ' ').trim() ?? null, STATUS);
}

/** A rule of the team's own, in a rule folder of the workspace: flags every call of `eval`. */
const TEAM_RULE = `id: team-no-eval
title: No eval (team rule)
severity: warning
category: security
languages: [javascript]
cwe: [CWE-95]
message: "Our team does not use eval()."
docs: |
  ## Why it matters
  eval runs text as code.
match:
  query: |
    (call_expression function: (identifier) @f) @finding
  where: { f: "^eval$" }
tests:
  valid: [{ code: "run(x);" }]
  invalid: [{ code: "eval(x);", lines: [1] }]
`;

/** Line 3 has a team-rule finding (eval); line 5 a built-in one (request data in a pg query). */
const TEAM_JS = `const { Pool } = require('pg');
const pool = new Pool();
eval(process.argv[2]);
app.get('/t', (req, res) => {
  pool.query('SELECT * FROM t WHERE id = ' + req.query.id);
});
`;

function writeTeamFolder(dir) {
  fs.mkdirSync(path.join(dir, '.backend-coach/rules'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.backend-coach/rules/team-no-eval.yaml'), TEAM_RULE);
  fs.writeFileSync(path.join(dir, '.backend-coach.yaml'), 'rulesFolders: [.backend-coach/rules]\n');
  fs.writeFileSync(path.join(dir, 'team.js'), TEAM_JS);
}

export const TESTS = [
  {
    id: 'severity-setting',
    name: 'a per-rule severity in the settings changes the diagnostic live: error becomes warning, off removes it',
    async run({ wb, step }) {
      await wb.openFile('routes.js');
      await wb.waitSettled('an error squiggle on line 4', async () => (await wb.squiggleLines('error')).join() === '4');
      await setWorkspaceSettings(wb, { 'backendCoach.run': 'onType', 'backendCoach.rules': { [RULE]: 'warning' } });
      await wb.openFile('routes.js');
      await wb.waitSettled('a warning squiggle, and no error, on line 4', async () => (await wb.squiggleLines('warning')).join() === '4' && (await wb.squiggleLines('error')).length === 0);
      const rows = await wb.coachProblems('routes.js');
      assert.deepEqual(rows.map((r) => r.severity), ['warning'], JSON.stringify(rows));
      await step('rule set to warning');

      await setWorkspaceSettings(wb, { 'backendCoach.run': 'onType', 'backendCoach.rules': { [RULE]: 'off' } });
      await wb.openFile('routes.js');
      await wb.waitSettled('no squiggle on routes.js', async () => (await wb.squiggleLines('warning')).length === 0 && (await wb.squiggleLines('error')).length === 0 && (await wb.coachProblems('routes.js')).length === 0);
      await step('rule off');
    },
    async cleanup({ wb }) {
      await setWorkspaceSettings(wb, { 'backendCoach.run': 'onType' });
      await wb.openFile('routes.js');
      await wb.waitSettled('the error squiggle back on line 4', async () => (await wb.squiggleLines('error')).join() === '4');
    },
  },
  {
    id: 'team-config',
    name: ".backend-coach.yaml turns a rule off for the whole team, shows its own mistakes as problems, and deleting it brings the rule back",
    async run({ wb, workspace, step }) {
      const file = path.join(workspace, '.backend-coach.yaml');
      await wb.openFile('routes.js');
      await wb.waitSettled('an error squiggle on line 4', async () => (await wb.squiggleLines('error')).join() === '4');
      fs.writeFileSync(file, `rules:\n  ${RULE}: off\n  no-such-level: loud\n`);
      await wb.waitSettled('no squiggle once the file turns the rule off', async () => (await wb.squiggleLines('error')).length === 0 && (await wb.coachProblems('routes.js')).length === 0);
      await step('rule off in .backend-coach.yaml');
      const configRows = await wb.waitUntil('a problem on .backend-coach.yaml', async () => {
        const rows = await wb.coachProblems('.backend-coach.yaml');
        return rows.length ? rows : undefined;
      });
      assert.match(configRows[0].text, /rules\.no-such-level must be one of off, on, error, warning, info, hint/);
      await step('the mistake in .backend-coach.yaml shown as a problem');
      fs.rmSync(file);
      await wb.openFile('routes.js');
      await wb.waitSettled('the error squiggle back on line 4', async () => (await wb.squiggleLines('error')).join() === '4');
      await step('file deleted, rule back');
    },
    async cleanup({ workspace }) {
      fs.rmSync(path.join(workspace, '.backend-coach.yaml'), { force: true });
    },
  },
  {
    id: 'reviewer-mode',
    name: 'reviewer mode (Toggle Reviewer Mode) shows the hint-level rules, and the status bar says so',
    async run({ wb, page, step, metrics }) {
      await wb.openFile('loop.js');
      await sleep(1500);
      // (tsserver puts hints of its own on line 1: "require" could be an import)
      assert.ok(!(await wb.squiggleLines('hint')).includes(5), 'no hint on the loop outside reviewer mode');
      assert.doesNotMatch((await statusText(page)) ?? '', /reviewer/);
      const t = Date.now();
      await wb.runCommand('Backend Coach: Toggle Reviewer Mode');
      await wb.waitUntil('a hint on line 5 (the query awaited in the loop)', async () => (await wb.squiggleLines('hint')).includes(5));
      metrics.toggleToHintMs = Date.now() - t;
      await wb.waitUntil('"reviewer" in the status bar', async () => /reviewer/.test((await statusText(page)) ?? ''));
      await step('reviewer mode on: hint shown');
      await wb.runCommand('Backend Coach: Toggle Reviewer Mode');
      await wb.waitSettled('the hint gone again', async () => !(await wb.squiggleLines('hint')).includes(5) && !/reviewer/.test((await statusText(page)) ?? ''));
      await step('reviewer mode off');
    },
    async cleanup({ wb, page }) {
      if (/reviewer/.test((await statusText(page)) ?? '')) await wb.runCommand('Backend Coach: Toggle Reviewer Mode');
      await wb.runCommand('View: Close All Editors');
    },
  },
  {
    id: 'status-bar',
    name: "the status bar item counts Backend Coach's problems and opens the Problems panel when clicked",
    async run({ wb, page, step }) {
      await wb.openFile('routes.js');
      await wb.waitForSquiggle('error');
      const text = await wb.waitUntil('a count in the status bar item', async () => {
        const t = await statusText(page);
        return t && /Coach \d+/.test(t) ? t : undefined;
      });
      const count = Number(/Coach (\d+)/.exec(text)[1]);
      assert.ok(count >= 1, text);
      // Hide the panel, then click the item: Problems must come back.
      await wb.runCommand('View: Toggle Panel Visibility');
      await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
      await page.locator(STATUS).click();
      await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
      await step(`status bar "${text}", Problems opened by a click`);
    },
  },
  {
    id: 'workspace-trust',
    name: "in an untrusted folder the workspace's rule folder is not loaded and the user is told why; trusted, it is",
    async run({ secondWindow, workspace, step, metrics }) {
      const untrusted = path.join(path.dirname(workspace), 'untrusted-project');
      writeTeamFolder(untrusted);
      const win = await secondWindow({ folder: untrusted, trust: true, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' } });
      try {
        // The trust prompt: the folder stays untrusted (Restricted Mode).
        const no = win.page.getByRole('button', { name: /No, I don.t trust the authors/i });
        await no.waitFor({ timeout: 60_000 });
        await step('trust prompt');
        await no.click();
        await win.wb.waitReady();
        await win.wb.showProblems();
        await win.wb.openFile('team.js');
        await win.wb.waitForSquiggle('error'); // the built-in rule runs
        await win.wb.waitSettled('the built-in finding only, on line 5', async () => (await win.wb.squiggleLines('error')).join() === '5' && (await win.wb.squiggleLines('warning')).length === 0, { stableMs: 3000 });
        const told = await win.wb.waitUntil('the notification saying why rule folders are not loaded', async () => (await win.wb.allNotifications()).find((n) => /not trusted.*rule folders/i.test(n)), 30_000, 1000);
        metrics.notification = told;
        await step('untrusted: team rule not loaded, user told why');
      } finally {
        await win.close();
      }

      // The same kind of folder, trusted: the team rule is loaded (so the test above could have failed).
      const trusted = path.join(path.dirname(workspace), 'trusted-project');
      writeTeamFolder(trusted);
      const win2 = await secondWindow({ folder: trusted, trust: false });
      try {
        await win2.wb.waitReady();
        await win2.wb.openFile('team.js');
        await win2.wb.waitUntil('the team rule on line 3 and the built-in one on line 5', async () => (await win2.wb.squiggleLines('warning')).join() === '3' && (await win2.wb.squiggleLines('error')).join() === '5', 60_000);
        await step('trusted: team rule loaded');
      } finally {
        await win2.close();
      }
    },
  },
  {
    id: 'activation-time',
    name: "activation is timed in Backend Coach's log, and the first analysis of the run took place after it",
    async run({ server, metrics, log }) {
      const found = [];
      const visit = (dir) => {
        for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
          if (e.isDirectory()) visit(path.join(dir, e.name));
          else if (/Backend Coach\.log$/.test(e.name)) found.push(path.join(dir, e.name));
        }
      };
      visit(path.join(server.userDataDir, 'logs'));
      assert.ok(found.length, `a "Backend Coach.log" under ${server.userDataDir}/logs`);
      const text = found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      const activated = /Activated in ([\d.]+) ms/.exec(text);
      const loaded = /Loaded (\d+) rules in ([\d.]+) ms/.exec(text);
      assert.ok(activated, text.slice(0, 500));
      assert.ok(loaded, text.slice(0, 500));
      metrics.activationMs = Number(activated[1]);
      metrics.ruleLoadMs = Number(loaded[2]);
      metrics.rules = Number(loaded[1]);
      log(`    activation took ${metrics.activationMs} ms; loading ${metrics.rules} rules on first analysis ${metrics.ruleLoadMs} ms`);
      assert.ok(text.indexOf(activated[0]) < text.indexOf(loaded[0]), 'rules load on first analysis, after activation');
    },
  },
];

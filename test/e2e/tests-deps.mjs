// End-to-end tests of dependency health in the editor, against a registry served by the test itself on
// 127.0.0.1 (named in the workspace's .npmrc): nothing leaves the machine before network use is allowed;
// once it is, an outdated version is underlined on its exact version string and the quick fix updates it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const NAME = 'left-pad-e2e';
const VERSIONS = ['1.0.0', '1.1.0', '1.3.0'];
const MANIFEST = `{
  "name": "deps-project",
  "private": true,
  "dependencies": {
    "${NAME}":    "1.0.0"
  }
}
`;

function packument() {
  const time = Object.fromEntries(VERSIONS.map((v, i) => [v, new Date(Date.UTC(2020, i, 1)).toISOString()]));
  return { name: NAME, 'dist-tags': { latest: '1.3.0' }, versions: Object.fromEntries(VERSIONS.map((v) => [v, { name: NAME, version: v }])), time };
}

/** A registry with one package and no advisories; it counts the requests it gets. */
async function startRegistry() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.url === `/${NAME}`) return res.end(JSON.stringify(packument()));
    if (req.method === 'POST' && req.url.startsWith('/-/npm/v1/security/advisories/bulk')) return res.end('{}');
    res.statusCode = 404;
    res.end('{"error":"Not found"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, port: server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

let registry;

async function setWorkspaceSettings(wb, json) {
  await wb.openFile('.vscode/settings.json');
  await wb.retypeAndSave(JSON.stringify(json));
}

export const TESTS = [
  {
    id: 'dependency-health',
    name: 'with network use off no request reaches the registry; allowed, an outdated version is flagged on its version string and the quick fix updates it',
    async run({ wb, page, workspace, step, metrics }) {
      registry = await startRegistry();
      const npmrc = `registry=http://127.0.0.1:${registry.port}/\n`;
      fs.writeFileSync(path.join(workspace, '.npmrc'), npmrc);
      fs.mkdirSync(path.join(workspace, 'deps-project'), { recursive: true });
      fs.writeFileSync(path.join(workspace, 'deps-project/.npmrc'), npmrc);
      fs.writeFileSync(path.join(workspace, 'deps-project/package.json'), MANIFEST);

      await wb.openFile('deps-project/package.json');
      await sleep(5000);
      assert.deepEqual(registry.seen, [], 'no request while backendCoach.network.enabled is off');
      await step('network off: no request, no diagnostic');

      await setWorkspaceSettings(wb, { 'backendCoach.run': 'onType', 'backendCoach.network.enabled': true });
      await wb.openFile('deps-project/package.json');
      const t = Date.now();
      await wb.waitUntil('a warning squiggle on the version string (line 5)', async () => (await wb.squiggleLines('warning')).includes(5) || (await wb.squiggleLines('info')).includes(5), 60_000);
      metrics.allowedToDiagnosticMs = Date.now() - t;
      metrics.requests = [...registry.seen];
      assert.ok(registry.seen.includes(`GET /${NAME}`), JSON.stringify(registry.seen));
      await wb.showProblems();
      await page.locator('.viewpane-filter input[aria-label="Filter Problems"]').fill(''); // an earlier test's filter would hide the row
      await sleep(600);
      const row = await wb.waitUntil('the Problems row of the outdated dependency', async () => (await wb.problems()).find((r) => r.text.includes('Backend Coach') && r.text.includes('dependency-outdated')));
      assert.match(row.text, new RegExp(`${NAME}: resolves to 1\\.0\\.0, latest 1\\.3\\.0 \\(minor update\\)`));
      await step('outdated dependency flagged');

      // The quick fix on the version string.
      await wb.selectLine(5);
      await page.keyboard.press('Control+.');
      const fix = page.locator('.action-widget .monaco-list-row', { hasText: `Update ${NAME} to latest 1.3.0` }).first();
      await fix.waitFor({ timeout: 30_000 });
      await step('quick fix menu');
      await fix.click();
      await wb.waitUntil('the version string updated in place', async () => (await wb.lineText(5))?.trim() === `"${NAME}":    "1.3.0"`);
      await page.keyboard.press('Control+S');
      await wb.waitSettled('no squiggle on the manifest', async () => !(await wb.squiggleLines('warning')).includes(5) && !(await wb.squiggleLines('info')).includes(5));
      await step('updated; diagnostic gone');
    },
    async cleanup({ wb, workspace }) {
      await setWorkspaceSettings(wb, { 'backendCoach.run': 'onType' });
      await wb.runCommand('View: Close All Editors');
      for (const f of ['.npmrc', 'deps-project']) fs.rmSync(path.join(workspace, f), { recursive: true, force: true });
      await registry?.close();
    },
  },
];

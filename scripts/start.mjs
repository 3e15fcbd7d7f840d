// `npm start`: the product's main job from one command. Builds the extension and its VSIX, installs the real
// VS Code host when it is missing (scripts/setup-vscode-host.sh: code-server = VS Code 1.139.1 on Node 24,
// from the npm registry), installs the fresh VSIX into it, opens the example backend (examples/) and
// prints the local URL. Ctrl+C stops it. State (settings, open editors) is kept in .cache/start/.
//
//   npm start [-- --port 3901] [-- --screenshot docs/images/npm-start.png]
//   (--screenshot: also open a file with findings in headless Chromium, save a picture of it, and exit)
/* global process, console */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeServer, locateHost } from '../test/e2e/host.mjs';
import { Workbench } from '../test/e2e/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = Number(option('--port') ?? process.env.PORT ?? 3901);
const screenshot = option('--screenshot');
const say = (line) => console.log(`backend-coach start: ${line}`);

function run(what, command, args) {
  say(what);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`backend-coach start: ${what} failed (exit ${r.status})`);
    process.exit(1);
  }
}

run('building the extension and its VSIX (npm run package)', 'npm', ['run', '--silent', 'package']);
run('checking the VS Code host (scripts/setup-vscode-host.sh)', 'bash', ['scripts/setup-vscode-host.sh']);
const host = locateHost(root);
if (host.missing.length) {
  console.error(`backend-coach start: the VS Code host is incomplete: missing ${host.missing.join(', ')}`);
  process.exit(1);
}

const stateDir = path.join(root, '.cache/start');
const server = new CodeServer({ host, stateDir, marker: 'BACKEND_COACH_START=1' });
server.writeUserSettings({
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'npm.fetchOnlinePackageInfo': false,
});
say(await server.installExtension(path.join(root, 'backend-coach.vsix')));
const examples = path.join(root, 'examples');
await server.start(examples, 60_000, port).catch((err) => {
  console.error(`backend-coach start: ${err.message} (is port ${port} taken? try: npm start -- --port 3902)`);
  process.exit(1);
});
const url = server.url(examples);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

if (screenshot) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: host.chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    await page.goto(url);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    const wb = new Workbench(page);
    await wb.openFile('express-shop/server.js');
    await page.waitForSelector('.squiggly-error', { timeout: 60_000 }).catch(async (err) => {
      await page.screenshot({ path: '/tmp/npm-start-failed.png' });
      throw err;
    });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForTimeout(2500);
    fs.mkdirSync(path.dirname(path.resolve(root, screenshot)), { recursive: true });
    await page.screenshot({ path: path.resolve(root, screenshot) });
    say(`screenshot saved to ${screenshot}`);
  } finally {
    await browser.close();
    await server.stop();
  }
  process.exit(0);
}

say(`VS Code ${host.versions().vscode} with Backend Coach is running on the example backend:`);
console.log(`\n    ${url}\n`);
say('open that URL in a browser; Ctrl+C stops it.');

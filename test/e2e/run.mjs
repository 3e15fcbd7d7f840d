// End-to-end suite: the packaged extension (backend-coach.vsix) in a real VS Code — code-server's server
// and web workbench, installed by scripts/setup-vscode-host.sh — driven through Chromium with Playwright,
// asserting on what a person sees: squiggles, Problems rows, the editor's text.
//
//   node test/e2e/run.mjs [--package]     (--package: rebuild the VSIX even when it looks fresh)
//   env: BACKEND_COACH_E2E_ONLY=id,id (run some tests), BACKEND_COACH_E2E_VSIX=file (test that VSIX as is),
//        BACKEND_COACH_E2E_KEEP=1 (keep the temp dir), BACKEND_COACH_E2E_BUILTINS=all|a,b (built-in extensions)
//
// Writes a screenshot per step and metrics.json to test-results/e2e/. Ends with "N passed, N failed", or
// writes {"passes","failures","pending"} to $BACKEND_COACH_SUMMARY_FILE (how scripts/test.mjs collects it).
/* global process, console, setTimeout, clearTimeout */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeServer, codeServerPart, killAll, locateHost, processesMarked, processTree, RssSampler } from './host.mjs';
import { writeWorkspace } from './fixtures.mjs';
import { packIntegrationRunner } from './integration.mjs';
import { Workbench } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, 'test-results/e2e');
const vsix = process.env.BACKEND_COACH_E2E_VSIX ? path.resolve(process.env.BACKEND_COACH_E2E_VSIX) : path.join(root, 'backend-coach.vsix');
const SUITE_TIMEOUT_MS = Number(process.env.BACKEND_COACH_E2E_TIMEOUT_MS || 30 * 60_000);
const TEST_TIMEOUT_MS = 180_000; // the hostile-files test takes 40-75 s on a busy 2-core machine

/**
 * The suite's test modules, in order; each exports TESTS. tests.mjs's last test (no extension error was
 * logged during the whole run) runs after all of them.
 */
const MODULES = ['tests.mjs', 'tests-actions.mjs', 'tests-config.mjs', 'tests-checklist.mjs', 'tests-deps.mjs', 'tests-integration.mjs'];
const FINAL_CHECK = 'no-extension-errors';

async function loadTests() {
  const all = [];
  for (const name of MODULES) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), name);
    if (fs.existsSync(file)) all.push(...(await import(file)).TESTS);
  }
  return [...all.filter((t) => t.id !== FINAL_CHECK), ...all.filter((t) => t.id === FINAL_CHECK)];
}

const t0 = Date.now();
const log = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

function finish(passes, failures) {
  const file = process.env.BACKEND_COACH_SUMMARY_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify({ passes, failures, pending: 0 }));
  else console.log(`\n${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

/** Inputs of the VSIX: when one is newer than the VSIX, it is rebuilt. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'rules', 'snippets', 'schemas', 'media', 'package.json', 'package-lock.json', '.vscodeignore', 'scripts/build.mjs', 'README.md', 'CHANGELOG.md', 'LICENSE']) visit(path.join(root, p));
  return newest;
}

function ensureVsix() {
  if (process.env.BACKEND_COACH_E2E_VSIX) return log(`using ${vsix} (BACKEND_COACH_E2E_VSIX)`);
  const stale = !fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < newestSource();
  if (!stale && !process.argv.includes('--package')) return log(`using ${path.relative(root, vsix)} (up to date)`);
  log('npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  log(`packaged ${path.relative(root, vsix)} (${(fs.statSync(vsix).size / 1e6).toFixed(2)} MB)`);
}

/** Quiet, deterministic user settings: no welcome page, no popups, typing inserts exactly what is typed. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.autoSave': 'off',
  'remote.autoForwardPorts': false,
  'editor.minimap.enabled': false,
  'editor.hover.enabled': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'editor.inlineSuggest.enabled': false,
  'editor.acceptSuggestionOnEnter': 'off',
};

/**
 * The built-in extensions a JavaScript/TypeScript/Python developer has working for them: the languages
 * (grammars, language configuration), the TypeScript server, JSON for settings files, the default themes.
 * Git, GitHub, Copilot, debuggers and the other ~80 are left out: on two cores they double the start-up time
 * and have nothing to do with this extension. BACKEND_COACH_E2E_BUILTINS=all keeps every one (or give a
 * comma-separated list).
 */
const BUILTINS = ['javascript', 'typescript-basics', 'typescript-language-features', 'python', 'json', 'json-language-features', 'configuration-editing', 'theme-defaults', 'theme-seti', 'node_modules' /* typescript, for tsserver */];

/**
 * What VS Code's own extension host log says: when Backend Coach was activated (to split the first-squiggle
 * time into VS Code's part and ours), and any error lines mentioning it.
 */
function readExtensionHostLog(metrics) {
  const file = [];
  const find = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) find(path.join(dir, e.name));
      else if (e.name === 'remoteexthost.log') file.push(path.join(dir, e.name));
    }
  };
  find(path.join(resultsDir, 'vscode-logs'));
  if (!file.length) return {};
  const text = fs.readFileSync(file[0], 'utf8');
  const out = {};
  const activated = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d+) \[info\] ExtensionService#_doActivateExtension backend-coach\.backend-coach\b.*activationEvent: '([^']+)'/m.exec(text);
  const openedAt = metrics.tests['js-diagnostic']?.openedAt;
  if (activated && openedAt) {
    out.activationEvent = activated[3];
    out.openToActivationMs = new Date(`${activated[1]}T${activated[2]}`).getTime() - openedAt; // the log is in local time
    if (Number.isFinite(metrics.firstSquiggleMs)) out.activationToFirstSquiggleMs = metrics.firstSquiggleMs - out.openToActivationMs;
  }
  out.extensionHostErrors = text.split('\n').filter((l) => /\[error\]/.test(l) && /backend.?coach/i.test(l)).slice(0, 20);
  return out;
}

/** With BACKEND_COACH_E2E_TRACE=1, logs how long each workbench action took (to find where time goes). */
function traced(wb) {
  if (!process.env.BACKEND_COACH_E2E_TRACE) return wb;
  return new Proxy(wb, {
    get(target, prop) {
      const value = target[prop];
      if (typeof value !== 'function') return value;
      return async (...args) => {
        const t = Date.now();
        try {
          return await value.apply(target, args);
        } finally {
          log(`      ${String(prop)}(${args.map((a) => JSON.stringify(a)?.slice(0, 40)).join(', ')}) ${Date.now() - t} ms`);
        }
      };
    },
  });
}

function builtinExtensions() {
  const env = process.env.BACKEND_COACH_E2E_BUILTINS;
  if (env === 'all') return undefined;
  return env ? env.split(',') : BUILTINS;
}

async function main() {
  const host = locateHost(root);
  if (host.missing.length) {
    console.error(`e2e: the VS Code host is not installed: missing ${host.missing.join(', ')}.\ne2e: run \`bash scripts/setup-vscode-host.sh\` first (see docs/testing.md).`);
    return finish(0, 1);
  }
  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(resultsDir, { recursive: true });
  const { chromium } = await import('playwright-core');

  const metrics = { startedAt: new Date().toISOString(), host: host.versions(), tests: {} };
  const results = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-coach-e2e-'));
  const marker = `BACKEND_COACH_E2E_RUN=${path.basename(tmp)}`; // every process we start carries it
  const workspace = path.join(tmp, 'workspace');
  const server = new CodeServer({ host, stateDir: path.join(tmp, 'state'), marker, builtins: builtinExtensions() });
  const sampler = new RssSampler();
  let browser;
  let tornDown = false;
  const consoleLines = [];

  const chromiumMarker = `${marker}-chromium`;
  /** Markers of the code-servers started by ctx.secondWindow, for the teardown. */
  const extraMarkers = [];
  const attempt = async (what, fn) => {
    try {
      return await fn();
    } catch (err) {
      log(`teardown: ${what} failed: ${err.message}`);
    }
  };
  // One teardown, however many callers (the signal handler, the watchdog, the end of main): each awaits it.
  let teardownDone;
  const teardown = () => (teardownDone ??= tearDownOnce());
  const tearDownOnce = async () => {
    tornDown = true;
    sampler.stop();
    await attempt('closing Chromium', () => Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 10_000))]));
    const stopped = await attempt('stopping code-server', () => server.stop());
    const killed = await attempt('killing leftovers', () => killAll([...processesMarked(marker), ...processesMarked(chromiumMarker), ...extraMarkers.flatMap((m) => processesMarked(m))], 1000));
    log(`teardown: code-server stopped (${stopped?.processes} processes; ${(stopped?.killed ?? 0) + (killed ?? 0)} needed SIGKILL)`);
    // keep the logs: the browser console (where the extension's console.error lands), code-server's, VS Code's
    await attempt('copying logs', () => {
      fs.writeFileSync(path.join(resultsDir, 'browser-console.log'), consoleLines.join('\n'));
      if (fs.existsSync(server.logFile)) fs.copyFileSync(server.logFile, path.join(resultsDir, 'code-server.log'));
      const logs = path.join(server.userDataDir, 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(resultsDir, 'vscode-logs'), { recursive: true });
    });
    if (process.env.BACKEND_COACH_E2E_KEEP) log(`kept ${tmp}`);
    else await attempt('removing the temp dir', () => fs.rmSync(tmp, { recursive: true, force: true }));
  };
  const onSignal = (sig) => {
    if (teardownDone) return;
    log(`${sig}: tearing down`);
    teardown().finally(() => process.exit(130));
  };
  // `on`, not `once`: Playwright's own handlers (turned off below anyway) exit early when they are the last listener.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Whatever hangs, the suite ends: closing the browser makes every pending Playwright call fail.
  const watchdog = setTimeout(() => {
    log(`suite timeout (${SUITE_TIMEOUT_MS} ms): tearing down`);
    results.push({ name: 'suite finished within its time limit', ok: false, error: 'suite timeout' });
    void teardown();
  }, SUITE_TIMEOUT_MS);
  watchdog.unref();

  try {
    ensureVsix();
    writeWorkspace(workspace);
    server.writeUserSettings(USER_SETTINGS);
    const tInstall = Date.now();
    log(await server.installExtension(vsix));
    metrics.installExtensionMs = Date.now() - tInstall;
    const integrationResults = path.join(tmp, 'integration-results.json');
    log(await server.installExtension(await packIntegrationRunner(tmp, integrationResults)));

    const tSpawn = Date.now();
    await server.start(workspace);
    metrics.httpReadyMs = Date.now() - tSpawn;
    sampler.watch('codeServer', (procs) => processTree(server.process.pid, procs).map((p) => p.pid), codeServerPart);
    log(`code-server pid ${server.process.pid} on 127.0.0.1:${server.port}, /healthz after ${metrics.httpReadyMs} ms`);

    const chromiumEnv = { ...process.env, [chromiumMarker.split('=')[0]]: chromiumMarker.split('=')[1], XDG_CONFIG_HOME: path.join(tmp, 'chromium/config'), XDG_CACHE_HOME: path.join(tmp, 'chromium/cache') };
    browser = await chromium.launch({
      executablePath: host.chromium,
      headless: true, // Playwright adds --headless; it also makes a fresh profile (it refuses --user-data-dir)
      handleSIGINT: false, // our teardown closes it, after which code-server is stopped too
      handleSIGTERM: false,
      handleSIGHUP: false,
      env: chromiumEnv,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    sampler.watch('chromium', () => processesMarked(chromiumMarker));
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // The extension's console.error reaches the page as "[Extension Host] ...": that is where its errors show.
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    const wb = traced(new Workbench(page));

    await page.goto(server.url(workspace));
    await wb.waitReady();
    metrics.spawnToWorkbenchReadyMs = Date.now() - tSpawn;
    log(`workbench ready ${metrics.spawnToWorkbenchReadyMs} ms after spawn`);
    await wb.screenshot(path.join(resultsDir, '00-workbench-ready.png'));

    const only = process.env.BACKEND_COACH_E2E_ONLY?.split(',');
    for (const [i, test] of (await loadTests()).entries()) {
      if (tornDown) break;
      if (only && !only.includes(test.id)) continue;
      const prefix = String(i + 1).padStart(2, '0');
      let stepNo = 0;
      const tTest = Date.now();
      const ctx = {
        wb,
        page,
        workspace,
        metrics: (metrics.tests[test.id] = {}),
        suiteMetrics: metrics,
        consoleLines,
        log,
        server,
        integrationResults,
        /** Reports a result of its own (the in-host integration tests, one per test), counted in the summary. */
        addResult: (name, ok, error) => results.push({ name, ok, ms: 0, ...(error ? { error } : {}) }),
        /**
         * A second VS Code (its own code-server, user data and browser page) on `folder`, for what one
         * window cannot show, such as Workspace Trust. `close()` stops it.
         */
        secondWindow: async ({ folder, trust = false, settings = {} }) => {
          // Its own marker: stopping it must not take the suite's code-server down with it.
          const secondMarker = `${marker}-${test.id}`;
          extraMarkers.push(secondMarker);
          const second = new CodeServer({ host, stateDir: path.join(tmp, `state-${test.id}`), marker: secondMarker, builtins: builtinExtensions(), trust });
          second.writeUserSettings({ ...USER_SETTINGS, ...settings });
          await second.installExtension(vsix);
          await second.start(folder);
          const secondContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
          const secondPage = await secondContext.newPage();
          secondPage.setDefaultTimeout(30_000);
          secondPage.on('console', (m) => {
            if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${test.id}] ${m.type()}: ${m.text()}`);
          });
          await secondPage.goto(second.url(folder));
          return {
            server: second,
            page: secondPage,
            wb: traced(new Workbench(secondPage)),
            close: async () => {
              await secondContext.close().catch(() => {});
              await second.stop();
            },
          };
        },
        step: async (label) => {
          const file = await wb.screenshot(path.join(resultsDir, `${prefix}-${test.id}-${++stepNo}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`));
          log(`    ${test.id} +${((Date.now() - tTest) / 1000).toFixed(1)}s: ${label} (${file})`);
        },
      };
      let timer;
      try {
        await Promise.race([
          test.run(ctx),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`test timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS))),
        ]);
        results.push({ name: test.name, ok: true, ms: Date.now() - tTest });
        log(`✓ ${test.name} (${Date.now() - tTest} ms)`);
      } catch (err) {
        results.push({ name: test.name, ok: false, ms: Date.now() - tTest, error: err.stack ?? String(err) });
        log(`✗ ${test.name} (${Date.now() - tTest} ms)\n${String(err.stack ?? err).replace(/^/gm, '      ')}`);
        await wb.screenshot(path.join(resultsDir, `${prefix}-${test.id}-FAILED.png`)).catch(() => {});
        fs.writeFileSync(path.join(resultsDir, `${prefix}-${test.id}-FAILED-problems.json`), JSON.stringify(await wb.problems().catch(() => []), null, 2));
      } finally {
        clearTimeout(timer);
        ctx.metrics.ms = Date.now() - tTest;
        // leave no quick input or dialog open for the next test
        await page.keyboard.press('Escape').catch(() => {});
        if (test.cleanup) {
          await test.cleanup(ctx).catch((err) => {
            results.push({ name: `${test.name} (cleanup)`, ok: false, error: err.stack ?? String(err) });
            log(`✗ cleanup of ${test.id}: ${err.message}`);
          });
        }
      }
    }
  } catch (err) {
    results.push({ name: 'suite setup', ok: false, error: err.stack ?? String(err) });
    log(`✗ suite setup failed\n${String(err.stack ?? err).replace(/^/gm, '      ')}`);
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) await pages[0].screenshot({ path: path.join(resultsDir, 'setup-FAILED.png') }).catch(() => {});
    }
  } finally {
    clearTimeout(watchdog);
    await teardown();
  }

  Object.assign(metrics, readExtensionHostLog(metrics));
  const mb = (kb) => Math.round(kb / 1024);
  metrics.peakRssMb = Object.fromEntries(Object.entries(sampler.peakKb).map(([k, kb]) => [k, mb(kb)]));
  metrics.peakRssMbByPart = Object.fromEntries(Object.entries(sampler.peakPartsKb.codeServer ?? {}).map(([k, kb]) => [k, mb(kb)]));
  metrics.totalMs = Date.now() - t0;
  metrics.results = results.map(({ name, ok, ms, error }) => ({ name, ok, ms, ...(error ? { error: error.split('\n')[0] } : {}) }));
  fs.writeFileSync(path.join(resultsDir, 'metrics.json'), JSON.stringify(metrics, null, 2));
  log(`spawn→workbench ${metrics.spawnToWorkbenchReadyMs} ms; open→first squiggle ${metrics.firstSquiggleMs} ms; peak RSS code-server ${metrics.peakRssMb.codeServer} MB, chromium ${metrics.peakRssMb.chromium} MB (test-results/e2e/metrics.json)`);
  const failures = results.filter((r) => !r.ok).length;
  finish(results.length - failures, failures);
}

main().catch((err) => {
  console.error(err);
  finish(0, 1);
});

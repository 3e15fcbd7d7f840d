// Runs the integration tests (test/integration/) inside this workbench's extension host, through the
// runner extension installed beside Backend Coach (integration.mjs), and reports each of them as a result
// of its own. They use the `vscode` API the way other extensions and VS Code do.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

export const TESTS = [
  {
    id: 'integration-in-host',
    name: 'the integration tests ran inside the extension host (each is reported on its own)',
    async run({ wb, integrationResults, addResult, metrics, log }) {
      fs.rmSync(integrationResults, { force: true });
      await wb.runCommand('View: Close All Editors');
      const started = Date.now();
      await wb.runCommand('Backend Coach Tests: Run Integration Tests');
      const results = await wb.waitUntil('the integration results file', async () => {
        if (!fs.existsSync(integrationResults)) return undefined;
        const r = JSON.parse(fs.readFileSync(integrationResults, 'utf8'));
        return r.done ? r : undefined;
      }, 170_000, 500);
      metrics.ms = Date.now() - started;
      assert.equal(results.error, undefined, results.error);
      for (const t of results.tests) {
        addResult(`in the extension host: ${t.title}`, t.ok, t.error);
        log(`${t.ok ? '✓' : '✗'} in the extension host: ${t.title} (${t.ms} ms)${t.ok ? '' : `\n${t.error.replace(/^/gm, '      ')}`}`);
      }
      metrics.tests = results.tests.length;
      assert.ok(results.tests.length >= 8, `${results.tests.length} tests ran`);
      assert.deepEqual(results.tests.filter((t) => !t.ok).map((t) => t.title), []);
    },
    async cleanup({ wb }) {
      await wb.runCommand('View: Close All Editors');
    },
  },
];

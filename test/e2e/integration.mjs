/* global process */
// The integration tests (test/integration/) run inside the extension host of the suite's code-server:
// this installs a small runner extension (test/integration/host-runner/) beside Backend Coach with the
// suite bundled into it. The e2e test `integration-in-host` runs its command and reads the results file.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** Bundles test/integration/index.ts into one CommonJS file; `vscode` and `mocha` come from the host. */
export async function bundleSuite(outFile) {
  await esbuild.build({
    entryPoints: [path.join(root, 'test/integration/index.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/**
 * Builds the runner extension (its files, the bundled suite, runner.json naming mocha and the results
 * file) as a VSIX in `workDir`, to be installed like any extension. Returns the VSIX's path.
 */
export async function packIntegrationRunner(workDir, resultsFile) {
  const dir = path.join(workDir, 'integration-runner');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'extension.js']) fs.copyFileSync(path.join(root, 'test/integration/host-runner', f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT (test-only extension of Backend Coach; never published)\n');
  await bundleSuite(path.join(dir, 'suite.js'));
  fs.writeFileSync(path.join(dir, 'runner.json'), JSON.stringify({ mocha: require.resolve('mocha'), results: resultsFile }));
  const vsix = path.join(workDir, 'integration-runner.vsix');
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging the integration runner failed:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

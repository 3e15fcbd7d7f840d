import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

// For people with desktop VS Code: `npx tsx test/integration/desktop-runner.ts` runs the same suite under
// @vscode/test-electron. That downloads VS Code, so it cannot run on the CI machine; there, the
// end-to-end suite runs the suite inside code-server's extension host (test/e2e/integration.mjs).

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const out = path.join(root, 'test-results/integration-desktop');
  fs.mkdirSync(out, { recursive: true });
  const builder = pathToFileURL(path.join(root, 'test/e2e/integration.mjs')).href;
  const { bundleSuite } = (await import(builder)) as { bundleSuite(outFile: string): Promise<void> };
  await bundleSuite(path.join(out, 'suite.js'));
  // The entry @vscode/test-electron loads in the extension host: it must export run().
  fs.writeFileSync(
    path.join(out, 'entry.js'),
    `const Mocha = require(${JSON.stringify(require.resolve('mocha'))});
exports.run = () => new Promise((resolve, reject) => {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90000 });
  mocha.addFile(${JSON.stringify(path.join(out, 'suite.js'))});
  mocha.run((failures) => (failures ? reject(new Error(failures + ' failed')) : resolve()));
});
`,
  );
  const { runTests } = await import('@vscode/test-electron');
  await runTests({ extensionDevelopmentPath: root, extensionTestsPath: path.join(out, 'entry.js'), launchArgs: [path.join(root, 'examples')] });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

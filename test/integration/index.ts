// The integration suite's entry: every test file that runs inside the extension host. Bundled with
// esbuild into one file (`vscode` and `mocha` stay external) by test/e2e/integration.mjs for the
// code-server host, and loaded by desktop-runner.ts under @vscode/test-electron.
import './extension.test';

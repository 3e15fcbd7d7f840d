// The in-host end of the integration tests: a command that runs the bundled mocha suite (suite.js, built
// by test/e2e/integration.mjs beside this file) inside the extension host and writes each test's outcome
// to the results file named in runner.json. Plain CommonJS: it is copied into the extensions folder as is.
/* global require, __dirname, exports */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, loaded by the extension host as is */
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('backendCoachTests.run', async () => {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'runner.json'), 'utf8'));
      const tests = [];
      const write = (done, error) => fs.writeFileSync(config.results, JSON.stringify({ done, error, tests }, null, 2));
      try {
        const Mocha = require(config.mocha);
        function Collect(runner) {
          runner.on('pass', (t) => tests.push({ title: t.fullTitle(), ok: true, ms: t.duration }));
          runner.on('fail', (t, err) => tests.push({ title: t.fullTitle(), ok: false, ms: t.duration, error: String((err && err.stack) || err).slice(0, 2000) }));
        }
        const mocha = new Mocha({ ui: 'bdd', timeout: 90000, reporter: Collect });
        mocha.addFile(path.join(__dirname, 'suite.js'));
        await new Promise((resolve) => mocha.run(() => resolve()));
        write(true);
      } catch (err) {
        write(true, String((err && err.stack) || err));
      }
    }),
  );
};
exports.deactivate = () => {};

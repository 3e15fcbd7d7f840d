import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { build } from 'esbuild';
import { cleanup, PG_VULNERABLE, project } from './cli-helpers';

const root = path.join(__dirname, '..', '..');
const tsx = require.resolve('tsx/cjs');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

function node(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: the backend-coach executable', () => {
  after(cleanup);

  it('src/cli/main.ts runs main() with the process arguments and sets the exit code when run directly', function () {
    this.timeout(60_000);
    const dir = project({ 'app.js': PG_VULNERABLE });
    const main = path.join(root, 'src', 'cli', 'main.ts');
    const versionRun = node(['-r', tsx, main, '--version'], root);
    assert.deepStrictEqual(versionRun, { code: 0, stdout: `${version}\n`, stderr: '' });
    const scan = node(['-r', tsx, main, 'scan', '--format', 'json'], dir);
    assert.strictEqual(scan.code, 1, scan.stderr);
    assert.strictEqual(JSON.parse(scan.stdout).findings[0].file, 'app.js');
    const usage = node(['-r', tsx, main, 'scan', '--bogus'], root);
    assert.strictEqual(usage.code, 2);
    assert.strictEqual(usage.stderr, 'backend-coach: unknown option "--bogus" (see --help)\n');
  });

  it('bundles into one file that runs from an installed package layout', async function () {
    this.timeout(60_000);
    // package.json, dist/cli.js, dist/wasm/*.wasm and rules/, as in the published package.
    const pkg = project({ 'package.json': JSON.stringify({ name: 'backend-coach', version }) });
    await build({
      entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
      outfile: path.join(pkg, 'dist', 'cli.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      minify: true,
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'silent',
    });
    fs.mkdirSync(path.join(pkg, 'dist', 'wasm'));
    const wasm = path.join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    for (const f of ['tree-sitter.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-python.wasm']) {
      fs.copyFileSync(path.join(wasm, f), path.join(pkg, 'dist', 'wasm', f));
    }
    fs.cpSync(path.join(root, 'rules'), path.join(pkg, 'rules'), { recursive: true });

    const dir = project({ 'src/app.js': PG_VULNERABLE });
    const cli = path.join(pkg, 'dist', 'cli.js');
    assert.ok(fs.readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n"use strict"'), 'exactly one hashbang line');
    const r = node([cli, 'scan'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /^src\/app\.js\n {2}1:91 {2}error {2}/);
    assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
  });
});

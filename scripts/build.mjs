// Bundles the extension and the CLI, copies the grammars they load, and renders each rule's docs page.
import { createHash } from 'crypto';
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: false, minify: true, logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: [path.join(root, 'src/vscode/extension.ts')], outfile: path.join(dist, 'extension.js'), external: ['vscode'], format: 'cjs' });
// Scan Workspace runs the engine in a worker thread, off the extension host's main thread.
await esbuild.build({ ...common, entryPoints: [path.join(root, 'src/vscode/scan-worker.ts')], outfile: path.join(dist, 'scan-worker.js'), format: 'cjs' });
if (fs.existsSync(path.join(root, 'src/cli/main.ts'))) {
  await esbuild.build({ ...common, entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: path.join(dist, 'cli.js'), format: 'cjs', banner: { js: '#!/usr/bin/env node' } });
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}

// The rule schema's validators, precompiled (ajv standalone) so start-up does not compile the schema.
{
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const ajv = new Ajv({ code: { source: true }, allErrors: true, strict: false, validateFormats: false });
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(root, 'schemas/rule.schema.json'), 'utf8')), 'rule');
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(root, 'schemas/definitions.schema.json'), 'utf8')), 'definitions');
  const source = path.join(dist, 'rule-validators.src.cjs');
  fs.writeFileSync(source, standaloneCode(ajv, { rule: 'rule', definitions: 'definitions' }));
  await esbuild.build({ ...common, entryPoints: [source], outfile: path.join(dist, 'rule-validators.js'), format: 'cjs' });
  fs.rmSync(source);
}

// The built-in rules as data, with a hash of each file's text (src/core/rules/loader.ts uses an entry only
// while the file is unchanged): loading them then needs no YAML parsing, most of the start-up cost.
{
  const rulesDir = path.join(root, 'rules');
  const list = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [path.join(dir, e.name)] : []));
  const files = {};
  for (const file of list(rulesDir)) {
    const text = fs.readFileSync(file, 'utf8');
    files[path.relative(rulesDir, file).split(path.sep).join('/')] = { sha1: createHash('sha1').update(text).digest('hex'), data: parse(text, { uniqueKeys: true }) };
  }
  fs.writeFileSync(path.join(dist, 'builtin-rules.json'), JSON.stringify({ files }));
}

// Only the grammars of the languages we analyse ship (tree-sitter.wasm is the runtime).
const wasmSrc = path.join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm');
fs.mkdirSync(path.join(dist, 'wasm'));
for (const f of ['tree-sitter.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-python.wasm'])
  fs.copyFileSync(path.join(wasmSrc, f), path.join(dist, 'wasm', f));

// docs/rules/<id>.md from each rule's own docs, so links and SARIF helpUri point at real pages.
const docsDir = path.join(root, 'docs/rules');
fs.mkdirSync(docsDir, { recursive: true });
const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of walk(path.join(root, 'rules')).filter((f) => f.endsWith('.yaml'))) {
  const rule = parse(fs.readFileSync(file, 'utf8'));
  if (!rule?.id) continue;
  const page = [
    `# ${rule.title} (\`${rule.id}\`)`,
    '',
    `Severity: **${rule.severity}** · Category: ${rule.category} · Languages: ${rule.languages.join(', ')} · ${rule.cwe.join(', ')}${rule.owasp?.length ? ' · ' + rule.owasp.join(', ') : ''}`,
    '',
    rule.docs.trim(),
    '',
    '## References',
    ...(rule.references ?? []).map((r) => `- ${r}`),
    '',
    `_Generated from [\`${path.relative(root, file)}\`](../../${path.relative(root, file)}); edit the rule, not this page._`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(docsDir, `${rule.id}.md`), page);
}

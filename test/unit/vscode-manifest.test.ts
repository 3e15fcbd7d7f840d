import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Engine } from '../../src/core/engine';
import { COMMANDS, RULE_DOCS_SCHEME, SETTINGS } from '../../src/vscode/ids';
import { CHECKLIST_COMMANDS } from '../../src/vscode/checklist/ids';
import { RULE_SETTINGS } from '../../src/core/config/settings';
import { ruleDocsMarkdown } from '../../src/vscode/rule-docs-markdown';
import { cleanup, project, TEST_RULE } from './cli-helpers';

// What the extension declares (package.json, .vscodeignore, the build) agrees with what its code
// registers, and the rule docs page it renders offline.

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('VS Code manifest', () => {
  it('contributes every command the extension registers, in the "Backend Coach" category, and no other', () => {
    const contributed = manifest.contributes.commands as { command: string; title: string; category: string }[];
    assert.deepStrictEqual(contributed.map((c) => c.command).sort(), [...Object.values(COMMANDS), ...Object.values(CHECKLIST_COMMANDS)].sort());
    for (const c of contributed) {
      assert.strictEqual(c.category, 'Backend Coach', c.command);
      assert.ok(c.title && !c.title.startsWith('Backend Coach'), `${c.command}: the category prefixes the title`);
    }
    const titles = Object.fromEntries(contributed.map((c) => [c.command, c.title]));
    assert.deepStrictEqual(titles, {
      'backendCoach.showRuleDocs': 'Show Rule Docs',
      'backendCoach.scanWorkspace': 'Scan Workspace',
      'backendCoach.exportSarif': 'Export Findings as SARIF',
      'backendCoach.toggleReviewerMode': 'Toggle Reviewer Mode',
      'backendCoach.showProblems': 'Show Problems',
      'backendCoach.checkDependencies': 'Check Dependencies Now',
      'backendCoach.openChecklist': 'Open Checklist',
      'backendCoach.resetChecklistProgress': 'Reset Checklist Progress',
      'backendCoach.exportChecklistProgress': 'Export Checklist Progress (JSON)',
      'backendCoach.importChecklistProgress': 'Import Checklist Progress (JSON)',
      'backendCoach.exportChecklistReport': 'Export Checklist Report (Markdown)',
      'backendCoach.refreshChecklistEvidence': 'Refresh Checklist Evidence',
    });
  });

  it('contributes every setting the extension reads, and the per-rule values the engine understands', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepStrictEqual(Object.keys(properties).sort(), Object.values(SETTINGS).map((k) => `backendCoach.${k}`).sort());
    for (const [key, p] of Object.entries(properties) as [string, { description?: string; markdownDescription?: string }][]) assert.ok(p.description || p.markdownDescription, `${key} has a description`);
    assert.deepStrictEqual(properties['backendCoach.rules'].additionalProperties.enum, [...RULE_SETTINGS]);
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'schemas/config.schema.json'), 'utf8'));
    assert.deepStrictEqual(schema.properties.rules.additionalProperties.enum, [...RULE_SETTINGS]);
    assert.deepStrictEqual(Object.keys(schema.properties).sort(), ['categories', 'exclude', 'reviewerMode', 'rules', 'rulesFolders']);
    // the network and the workspace's rule folders stay off in an untrusted workspace
    assert.deepStrictEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ['backendCoach.network.enabled', 'backendCoach.rulesFolders']);
  });

  it('activates for the rule docs scheme, so a restored docs preview finds its provider', () => {
    assert.ok(manifest.activationEvents.includes(`onFileSystem:${RULE_DOCS_SCHEME}`));
  });

  it('builds the scan worker as its own bundle and ships it in the VSIX', () => {
    assert.match(fs.readFileSync(path.join(root, 'scripts/build.mjs'), 'utf8'), /src\/vscode\/scan-worker\.ts'\)\], outfile: path\.join\(dist, 'scan-worker\.js'\)/);
    assert.match(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'), /^!dist\/scan-worker\.js$/m);
  });
});

describe('VS Code rule docs page', () => {
  after(cleanup);

  it('renders a bundled rule: title, severity, CWE and OWASP, its docs, references and where it comes from', () => {
    const rule = Engine.create().rule('unparameterised-query-pg');
    assert.ok(rule);
    const md = ruleDocsMarkdown(rule);
    const lines = md.split('\n');
    assert.strictEqual(lines[0], '# Unparameterised query (node-postgres, postgres.js)');
    assert.ok(md.includes('`unparameterised-query-pg` · Severity: **error** · Category: security · Languages: javascript, typescript'));
    assert.ok(md.includes('**CWE:** [CWE-89](https://cwe.mitre.org/data/definitions/89.html) · **OWASP:** A03:2021 Injection · **Checklist:** `security.parameterised-queries`'));
    for (const heading of ['## Why it matters', '## How to fix', '## Before', '## After', '## References']) assert.ok(lines.includes(heading), heading);
    assert.ok(md.includes("pool.query('SELECT * FROM users WHERE email = $1', [req.body.email]);"), 'the After example');
    assert.ok(lines.includes('- <https://owasp.org/Top10/A03_2021-Injection/>'));
    assert.ok(md.includes(`[\`unparameterised-query-pg.yaml\`](${pathToFileURL(rule.source.file).href}), a rule that ships with Backend Coach`));
    assert.ok(md.includes('`coach-ignore-next-line unparameterised-query-pg -- reason`'));
    assert.ok(md.indexOf('## Why it matters') > md.indexOf('**CWE:**') && md.indexOf('## References') > md.indexOf('## After'), 'in reading order');
  });

  it('renders a user rule without CWE, OWASP or references', () => {
    const dir = project({ 'rules/test-sink.yaml': TEST_RULE });
    const rule = Engine.create({ builtin: false, ruleDirs: [path.join(dir, 'rules')] }).rule('test-sink');
    assert.ok(rule);
    const md = ruleDocsMarkdown(rule);
    assert.ok(md.startsWith('# Request data reaches the test sink\n'));
    assert.ok(!md.includes('**CWE:**') && !md.includes('## References'));
    assert.ok(md.includes('A rule used by the CLI tests.'));
    assert.ok(md.includes('one of your rules'));
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';
import { coachDiagnostics, diagnosticsWhen, EXTENSION_ID, PG_INJECTED, removeScratch, until, withSetting, writeScratch } from './helpers';

// Runs inside the extension host of a real VS Code, next to Backend Coach, and talks to it only through
// the `vscode` API: what other extensions and VS Code itself see of it.

describe('Backend Coach in the extension host', () => {
  after(removeScratch);

  it('is installed, activates, and contributes its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['backendCoach.scanWorkspace', 'backendCoach.exportSarif', 'backendCoach.showRuleDocs', 'backendCoach.toggleReviewerMode', 'backendCoach.showProblems']) assert.ok(commands.includes(c), c);
  });

  it('publishes a diagnostic with its rule id, a docs link, the trace, and the source', async () => {
    const uri = await writeScratch('routes.js', PG_INJECTED);
    await vscode.window.showTextDocument(uri);
    const [d] = await diagnosticsWhen(uri, 'one diagnostic', (ds) => ds.length === 1);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 3);
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'unparameterised-query-pg');
    assert.equal(code.target.scheme, 'backend-coach-docs');
    assert.match(d.message, /req\.query\.id, line 4/);
    assert.ok(d.relatedInformation?.some((r) => r.message === 'req.query'), JSON.stringify(d.relatedInformation));
  });

  it('offers the preferred quick fix, whose edit parameterises the query and clears the diagnostic', async () => {
    const uri = await writeScratch('fix-me.js', PG_INJECTED);
    const editor = await vscode.window.showTextDocument(uri);
    const [d] = await diagnosticsWhen(uri, 'the diagnostic', (ds) => ds.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // (returned actions carry no diagnostics; other providers' titles never name our rules)
    const ours = actions.filter((a) => /Parameterise|unparameterised-query-pg|checklist item/.test(a.title));
    assert.ok(ours.every((a) => a.kind?.value === 'quickfix'), JSON.stringify(ours.map((a) => a.kind)));
    assert.deepEqual(
      ours.map((a) => a.title),
      ['Parameterise this query', 'Suppress unparameterised-query-pg for this line…', 'Explain unparameterised-query-pg', 'Open the checklist item security.parameterised-queries'],
    );
    assert.deepEqual(ours[3].command?.arguments, ['security.parameterised-queries']);
    assert.equal(ours[3].command?.command, 'backendCoach.openChecklist');
    const fix = ours[0];
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(editor.document.lineAt(3).text, "  pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]);");
    await diagnosticsWhen(uri, 'no diagnostic after the fix', (ds) => ds.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('follows a per-rule severity setting and an excluded glob, live', async () => {
    const uri = await writeScratch('severity.js', PG_INJECTED);
    await vscode.window.showTextDocument(uri);
    await diagnosticsWhen(uri, 'an error', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error);
    await withSetting('rules', { 'unparameterised-query-pg': 'info' }, () =>
      diagnosticsWhen(uri, 'the same finding as information', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Information),
    );
    await withSetting('exclude', ['integration-scratch/severity.js'], () => diagnosticsWhen(uri, 'no diagnostic for an excluded file', (ds) => ds.length === 0));
    await diagnosticsWhen(uri, 'the error back', (ds) => ds.length === 1 && ds[0].severity === vscode.DiagnosticSeverity.Error);
  });

  it('Toggle Reviewer Mode turns the hint-level rules on and off', async () => {
    const uri = await writeScratch(
      'loop.js',
      "const { Pool } = require('pg');\nconst pool = new Pool();\nasync function f(ids) {\n  for (const id of ids) {\n    await pool.query('SELECT 1 WHERE $1', [id]);\n  }\n}\n",
    );
    await vscode.window.showTextDocument(uri);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(coachDiagnostics(uri), []);
    await vscode.commands.executeCommand('backendCoach.toggleReviewerMode');
    try {
      const [hint] = await diagnosticsWhen(uri, 'a hint', (ds) => ds.length === 1);
      assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
      assert.equal((hint.code as { value: string }).value, 'query-in-loop');
      assert.equal(hint.range.start.line, 4);
    } finally {
      await vscode.commands.executeCommand('backendCoach.toggleReviewerMode');
    }
    await diagnosticsWhen(uri, 'no hint once off', (ds) => ds.length === 0);
  });

  it('analyses an untitled document of a supported language', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: PG_INJECTED });
    await vscode.window.showTextDocument(doc);
    await diagnosticsWhen(doc.uri, 'a diagnostic in the untitled document', (ds) => ds.length === 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('serves each rule page offline as a read-only document', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'backend-coach-docs', path: '/unparameterised-query-pg.md' }));
    assert.equal(doc.languageId, 'markdown');
    for (const heading of ['## Why it matters', '## How to fix', '## Before', '## After']) assert.ok(doc.getText().includes(heading), heading);
  });

  it('Scan Workspace reports a file that was never opened', async () => {
    const uri = await writeScratch('never-opened.js', PG_INJECTED);
    await vscode.commands.executeCommand('backendCoach.scanWorkspace');
    await until('the scanned file in the diagnostics', () => coachDiagnostics(uri).length === 1, 60_000);
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), false, 'the file was never opened');
  });
});

import * as assert from 'assert';
import * as vscode from 'vscode';

// Shared by the in-host integration tests: files in a scratch folder of the workspace, waiting for
// Backend Coach's diagnostics, and settings that are put back.

export const EXTENSION_ID = 'backend-coach.backend-coach';
export const SOURCE = 'Backend Coach';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder');
  return folder.uri;
}

/** A file under `integration-scratch/` of the workspace (removed by `removeScratch`). */
export async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'integration-scratch', name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function removeScratch(): Promise<void> {
  await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'integration-scratch'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
}

export function coachDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Polls until `probe` returns something truthy (diagnostics arrive after a debounce and an analysis). */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Backend Coach's diagnostics of `uri` once they satisfy `ok`. */
export function diagnosticsWhen(uri: vscode.Uri, what: string, ok: (d: vscode.Diagnostic[]) => boolean, timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  return until(what, () => {
    const d = coachDiagnostics(uri);
    return ok(d) ? d : undefined;
  }, timeoutMs);
}

/** Sets a workspace setting of Backend Coach for the duration of `body`, then puts the old value back. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('backendCoach');
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('backendCoach').update(key, before, vscode.ConfigurationTarget.Workspace);
  }
}

export const PG_INJECTED = `const { Pool } = require('pg');
const pool = new Pool();
app.get('/u', (req, res) => {
  pool.query('SELECT * FROM users WHERE id = ' + req.query.id);
});
`;

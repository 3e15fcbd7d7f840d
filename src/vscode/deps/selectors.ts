import type * as vscode from 'vscode';

// Which documents are manifests, by file name (their language ids vary: json, toml, pip-requirements,
// plaintext), and the glob that finds them in the workspace.

export const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/package.json' },
  { scheme: 'file', pattern: '**/requirements*.txt' },
  { scheme: 'file', pattern: '**/pyproject.toml' },
];

export const MANIFEST_GLOB = '**/{package.json,requirements*.txt,pyproject.toml}';
export const MANIFEST_EXCLUDE = '**/{node_modules,.venv,venv,.git,dist,build,out}/**';

/** Manifests looked at in the workspace without being opened: enough for a big monorepo, bounded. */
export const MAX_WORKSPACE_MANIFESTS = 50;

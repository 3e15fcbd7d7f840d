// Names the extension shares with its manifest (package.json), in one place without a `vscode` import,
// so test/unit/vscode-manifest.test.ts can check that they agree.

/** The commands, each contributed in package.json with the category "Backend Coach". */
export const COMMANDS = {
  showRuleDocs: 'backendCoach.showRuleDocs',
  scanWorkspace: 'backendCoach.scanWorkspace',
  exportSarif: 'backendCoach.exportSarif',
} as const;

/** The scheme of the read-only documents holding rule docs (an `onFileSystem:` activation event too). */
export const RULE_DOCS_SCHEME = 'backend-coach-docs';

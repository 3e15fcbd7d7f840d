// Names the extension shares with its manifest (package.json), in one place without a `vscode` import,
// so test/unit/vscode-manifest.test.ts can check that they agree.

/** The commands, each contributed in package.json with the category "Backend Coach". */
export const COMMANDS = {
  showRuleDocs: 'backendCoach.showRuleDocs',
  scanWorkspace: 'backendCoach.scanWorkspace',
  exportSarif: 'backendCoach.exportSarif',
  toggleReviewerMode: 'backendCoach.toggleReviewerMode',
  showProblems: 'backendCoach.showProblems',
  checkDependencies: 'backendCoach.checkDependencies',
} as const;

/** The settings, under `backendCoach.` in package.json's contributes.configuration. */
export const SETTINGS = {
  run: 'run',
  reviewerMode: 'reviewerMode',
  rules: 'rules',
  categories: 'categories',
  exclude: 'exclude',
  rulesFolders: 'rulesFolders',
  networkEnabled: 'network.enabled',
  dependenciesEnabled: 'dependencies.enabled',
  dependenciesCacheTtlHours: 'dependencies.cacheTtlHours',
} as const;

/** The scheme of the read-only documents holding rule docs (an `onFileSystem:` activation event too). */
export const RULE_DOCS_SCHEME = 'backend-coach-docs';

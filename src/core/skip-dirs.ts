/** Folders never walked into: dependencies, VCS data, build output, caches, virtual environments. */
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '__pycache__',
  '.venv',
  'venv',
]);

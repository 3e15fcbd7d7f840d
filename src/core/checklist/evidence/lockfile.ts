import { fileDetector } from './file-detector';

// A lockfile pins every dependency (and theirs) to an exact version, so every install is the same.
export const lockfile = fileDetector({
  id: 'lockfile',
  title: 'Dependency lockfile',
  looksFor: 'package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock, poetry.lock, Pipfile.lock, uv.lock and the like',
  files: /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|composer\.lock|Gemfile\.lock|go\.sum|Cargo\.lock)$/,
  otherwise: 'no lockfile: commit the one your package manager writes',
});

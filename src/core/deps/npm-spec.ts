import * as semver from 'semver';

// What an npm version spec means, in the cases that matter for a registry lookup. Specs that do not
// name a registry version (workspace:, file:, git, URLs) are skipped with a reason, never an error.

export type NpmSpec =
  | { type: 'range' | 'tag'; registryName: string; range: string; rangeOffset: number }
  | { type: 'skip'; reason: string };

const SKIPPED: [RegExp, string][] = [
  [/^workspace:/, 'workspace: protocol (a package of this workspace, not from the registry)'],
  [/^file:/, 'file: dependency (a local folder or tarball)'],
  [/^link:/, 'link: dependency (a symlinked local folder)'],
  [/^portal:/, 'portal: dependency (a local folder)'],
  [/^(?:git\+[a-z]+|git):\/\/|^git@|^(?:github|gitlab|bitbucket|gist):/i, 'git dependency (not versioned by the registry)'],
  [/^https?:\/\//i, 'tarball URL (not versioned by the registry)'],
  [/^(?:\.{1,2}\/|\/|~\/|[a-zA-Z]:[\\/])/, 'local path (a folder or tarball on disk)'],
  // `user/repo` and `user/repo#ref` are GitHub shorthands (npm-package-arg reads them so).
  [/^[^@\s/:]+\/[^\s/:]+(?:#.*)?$/, 'git dependency (GitHub shorthand)'],
];

/** Classifies `spec` as npm does; `name` is the manifest key (the alias name for `npm:` aliases). */
export function classifyNpmSpec(name: string, spec: string): NpmSpec {
  const trimmed = spec.trim();
  const lead = spec.length - spec.trimStart().length;
  if (trimmed.startsWith('npm:')) {
    const target = trimmed.slice(4);
    // `npm:@scope/pkg@^1` — the version part follows the first `@` after the (optional) scope's.
    const at = target.indexOf('@', target.startsWith('@') ? 1 : 0);
    const registryName = at < 0 ? target : target.slice(0, at);
    const range = at < 0 ? '' : target.slice(at + 1);
    if (!registryName) return { type: 'skip', reason: 'npm: alias without a package name' };
    const inner = classifyNpmSpec(registryName, range);
    if (inner.type === 'skip') return inner;
    return { ...inner, registryName, rangeOffset: lead + 4 + (at < 0 ? target.length : at + 1) };
  }
  for (const [pattern, reason] of SKIPPED) if (pattern.test(trimmed)) return { type: 'skip', reason };
  if (trimmed === '' || semver.validRange(trimmed, { loose: true }) !== null) return { type: 'range', registryName: name, range: trimmed || '*', rangeOffset: lead };
  if (/^[A-Za-z][\w.-]*$/.test(trimmed)) return { type: 'tag', registryName: name, range: trimmed, rangeOffset: lead };
  return { type: 'skip', reason: `not a version, range or dist-tag: ${JSON.stringify(spec)}` };
}

import type { Range, Severity, TextEdit } from '../types';

// The vocabulary of dependency health: what the engine reports for each dependency of a manifest.
// The CLI and the VS Code adapter only translate these objects.

export type Ecosystem = 'npm' | 'pypi';

export type ManifestKind = 'package.json' | 'requirements.txt' | 'pyproject.toml';

/** How far the resolved version is behind the latest: the first semver part that differs. */
export type Distance = 'patch' | 'minor' | 'major' | 'prerelease';

/** A dependency as written in a manifest, before anything is looked up. */
export interface DeclaredDependency {
  ecosystem: Ecosystem;
  /** The name the manifest uses (the alias name for `npm:` aliases). */
  name: string;
  /** The package looked up in the registry (differs from `name` for `npm:` aliases). */
  registryName: string;
  /** The version spec as written, e.g. `^4.17.11`, `npm:lodash@^4`, `>=2.0,<3`. */
  spec: string;
  /** The range part of the spec that versions are matched against (`^4` for `npm:lodash@^4`). */
  range: string;
  /** Where the version part sits in the manifest text: offsets of `range` (not the quotes). */
  start: number;
  end: number;
  /** The section it came from: `dependencies`, `devDependencies`, `project.dependencies`, ... */
  section: string;
  /** Set when the spec is not a registry version (workspace:, file:, git, URL): not looked up. */
  skipped?: string;
}

export interface Advisory {
  id: string;
  severity: AdvisorySeverity;
  title: string;
  url?: string;
  /** The lowest version above the resolved one that the advisory does not affect, if known. */
  firstFixed?: string;
  /** The affected versions as the source states them (npm's `vulnerable_versions`). */
  vulnerableVersions?: string;
}

export type AdvisorySeverity = 'critical' | 'high' | 'moderate' | 'low' | 'info' | 'unknown';

export interface DependencyReport extends DeclaredDependency {
  /** Resolved in the lockfile (package-lock.json), or pinned with `==` in a Python manifest. */
  installed?: string;
  /** The highest version the spec allows (what `npm install` would pick). */
  wanted?: string;
  latest?: string;
  /** The version compared with `latest`: installed, else wanted. */
  current?: string;
  distance?: Distance;
  /** The registry's deprecation (npm) or yank (PyPI) message for the current version. */
  deprecated?: string;
  advisories: Advisory[];
  /** Publication dates (ISO) of current/wanted/latest, when the registry gave them. */
  published: { current?: string; wanted?: string; latest?: string };
  homepage?: string;
  repository?: string;
  /** Where to read about a major step: the package's releases page, when known. */
  releaseNotes?: string;
  /** The registry had no answer and no cached one: why (not an error: the dependency is just unknown). */
  unavailable?: string;
  /** The data came from the cache after its TTL, or while the network was off. */
  stale?: boolean;
  /** Why it is stale: `offline` (network use is off) or the error of the failed refresh. */
  staleReason?: string;
}

export interface ManifestReport {
  file: string;
  kind: ManifestKind;
  ecosystem: Ecosystem;
  dependencies: DependencyReport[];
  /** The manifest could not be read or parsed: nothing else is reported for it. */
  error?: string;
  /** The lockfile used for installed versions, if any. */
  lockfile?: string;
  /** requirements.txt: the files it includes with `-r` (relative to it). */
  includes?: string[];
}

/** A problem to show on a manifest line, with a stable id (`dependency-outdated`, ...). */
export interface DependencyFinding {
  id: DependencyFindingId;
  severity: Severity;
  message: string;
  range: Range;
  dependency: DependencyReport;
}

export type DependencyFindingId = 'dependency-outdated' | 'dependency-deprecated' | 'dependency-vulnerable';

/** One thing that went wrong with a feature (advisories refused, registry offline), said once. */
export interface DegradationNotice {
  feature: 'metadata' | 'advisories';
  message: string;
}

export interface QuickFix {
  title: string;
  kind: 'within-range' | 'latest' | 'all-patch-minor';
  edits: TextEdit[];
}

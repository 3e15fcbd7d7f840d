import * as path from 'path';
import * as semver from 'semver';
import { ancestors } from './ancestors';
import { FileTracker, isObject, parseJsonObject, stampOf } from './file-stamps';

// Which major version of a dependency a project runs. What is installed beats what is asked for: first
// node_modules (resolved the way Node resolves it, from the package folder upwards), then the npm lock file
// (v2/v3 `packages`, v1 `dependencies`), and only then the range written in package.json.

export type VersionSource = 'node_modules' | 'lockfile' | 'range';

export interface DependencyFacts {
  name: string;
  /** The range as written in package.json ('' when it is not a string). */
  range: string;
  /** The exact installed version, from node_modules or the lock file. */
  installed?: string;
  /** The major version the project runs, when it can be told. */
  major?: number;
  /** Where `major` comes from. */
  source?: VersionSource;
}

export function dependencyFacts(name: string, range: string, packageDir: string, stopAt: string | undefined, files: FileTracker): DependencyFacts {
  const installed = fromNodeModules(name, packageDir, stopAt, files) ?? fromLockfile(name, packageDir, stopAt, files);
  if (installed) return { name, range, installed: installed.version, major: semver.major(installed.version), source: installed.source };
  const major = majorOfRange(range);
  return major === undefined ? { name, range } : { name, range, major, source: 'range' };
}

/**
 * The one major version a range allows: '^4.18.2' → 4, '5.x' → 5, '~5.1.0' → 5, 'npm:express@^5' → 5.
 * A range open across majors ('*', '>=4', '4 || 5', 'latest', a git URL, 'workspace:*') tells nothing.
 */
export function majorOfRange(range: string): number | undefined {
  let spec = range.trim();
  if (spec.startsWith('npm:')) {
    const at = spec.lastIndexOf('@');
    if (at <= 'npm:'.length) return undefined;
    spec = spec.slice(at + 1);
  }
  const valid = semver.validRange(spec, { loose: true });
  if (valid === null) return undefined;
  const min = semver.minVersion(valid);
  if (min === null) return undefined;
  // `<N+1.0.0` also admits N+1's prereleases, which npm installs only when a range names them.
  const oneMajor = `>=${min.major}.0.0-0 <${min.major + 1}.0.0`;
  return semver.subset(valid, oneMajor, { includePrerelease: true }) ? min.major : undefined;
}

interface Installed {
  version: string;
  source: 'node_modules' | 'lockfile';
}

function fromNodeModules(name: string, packageDir: string, stopAt: string | undefined, files: FileTracker): Installed | undefined {
  for (const dir of ancestors(packageDir, stopAt)) {
    const manifest = files.readJsonObject(path.join(dir, 'node_modules', ...name.split('/'), 'package.json'));
    const version = manifest && semver.valid(stringOr(manifest.version));
    if (version) return { version, source: 'node_modules' };
  }
  return undefined;
}

function fromLockfile(name: string, packageDir: string, stopAt: string | undefined, files: FileTracker): Installed | undefined {
  for (const dir of ancestors(packageDir, stopAt)) {
    // npm uses npm-shrinkwrap.json instead of package-lock.json when both exist.
    for (const lockName of ['npm-shrinkwrap.json', 'package-lock.json']) {
      const file = path.join(dir, lockName);
      if (!files.exists(file)) continue;
      const lock = parsedLockfile(file);
      const rel = path.relative(dir, packageDir).split(path.sep).filter(Boolean);
      const version = lock && lockedVersion(lock, name, rel);
      return version ? { version, source: 'lockfile' } : undefined;
    }
  }
  return undefined;
}

/** The version a lock file records for `name` as seen from the package at `rel` (path segments from the
 *  lock file's folder), trying the folders Node would look in, nearest first. */
function lockedVersion(lock: Record<string, unknown>, name: string, rel: string[]): string | undefined {
  if (isObject(lock.packages)) {
    for (let depth = rel.length; depth >= 0; depth--) {
      const key = [...rel.slice(0, depth), 'node_modules', name].join('/');
      const entry = lock.packages[key];
      const version = isObject(entry) ? semver.valid(stringOr(entry.version)) : null;
      if (version) return version;
    }
    return undefined;
  }
  // lockfileVersion 1 describes the root package only.
  if (rel.length === 0 && isObject(lock.dependencies)) {
    const entry = lock.dependencies[name];
    return (isObject(entry) && semver.valid(stringOr(entry.version))) || undefined;
  }
  return undefined;
}

// A monorepo's packages share one lock file, often megabytes of JSON: parse it once per change.
const lockfiles = new Map<string, { mtimeMs?: number; size?: number; json: Record<string, unknown> | undefined }>();

function parsedLockfile(file: string): Record<string, unknown> | undefined {
  const stamp = stampOf(file);
  const cached = lockfiles.get(file);
  if (cached && cached.mtimeMs === stamp.mtimeMs && cached.size === stamp.size) return cached.json;
  const tracker = new FileTracker();
  const text = tracker.read(file);
  const json = text === undefined ? undefined : parseJsonObject(text);
  lockfiles.set(file, { mtimeMs: tracker.stamps[0]?.mtimeMs, size: tracker.stamps[0]?.size, json });
  return json;
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

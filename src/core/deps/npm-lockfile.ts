import { ManifestError } from './npm-manifest';

// package-lock.json → the version installed for each direct dependency of the root package.
// v2/v3 list packages by install path (`node_modules/<name>`); v1 nests them under `dependencies`.

export interface Lockfile {
  lockfileVersion: number;
  /** Manifest name (alias name for aliases) → installed version. */
  installed: Map<string, string>;
}

export function parsePackageLock(text: string): Lockfile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`package-lock.json is not valid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object') throw new ManifestError('package-lock.json must hold a JSON object');
  const lock = doc as { lockfileVersion?: number; packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
  const installed = new Map<string, string>();
  const lockfileVersion = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : 1;
  if (lock.packages && typeof lock.packages === 'object') {
    for (const [location, entry] of Object.entries(lock.packages)) {
      // Only top-level installs: `node_modules/a/node_modules/b` is a nested copy, not our dependency.
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(location);
      if (m && typeof entry?.version === 'string') installed.set(m[1], entry.version);
    }
  } else if (lock.dependencies && typeof lock.dependencies === 'object') {
    for (const [name, entry] of Object.entries(lock.dependencies)) {
      if (typeof entry?.version !== 'string') continue;
      // v1 writes an alias's version as `npm:<name>@<version>`.
      const alias = /^npm:(?:@[^/]+\/)?[^@]+@(.+)$/.exec(entry.version);
      installed.set(name, alias ? alias[1] : entry.version);
    }
  }
  return { lockfileVersion, installed };
}

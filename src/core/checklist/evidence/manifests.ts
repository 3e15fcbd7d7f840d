import type { Workspace } from './workspace';

// The project's package.json files (the root one and any in sub-packages), parsed leniently: a broken
// manifest is simply not evidence.

export interface PackageJson {
  rel: string;
  scripts: Record<string, string>;
  dependencies: Set<string>;
}

export function packageJsons(ws: Workspace): PackageJson[] {
  const out: PackageJson[] = [];
  for (const rel of ws.filter((f) => f === 'package.json' || f.endsWith('/package.json'))) {
    let data: unknown;
    try {
      data = JSON.parse(ws.read(rel) ?? '');
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const d = data as Record<string, unknown>;
    const scripts = isStringMap(d.scripts) ? d.scripts : {};
    const dependencies = new Set<string>();
    for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      if (typeof d[key] === 'object' && d[key] !== null) for (const name of Object.keys(d[key] as object)) dependencies.add(name);
    }
    out.push({ rel, scripts, dependencies });
  }
  return out;
}

/** Python dependency files, as text, for a cheap "is this package listed" check. */
export function pythonManifests(ws: Workspace): { rel: string; text: string }[] {
  const names = /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|Pipfile|setup\.cfg|setup\.py)$/;
  return ws.filter(names).flatMap((rel) => {
    const text = ws.read(rel);
    return text === undefined ? [] : [{ rel, text }];
  });
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
}

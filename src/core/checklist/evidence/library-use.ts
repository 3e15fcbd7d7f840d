import { importBindings, importedModules, isUsed, isUsedInline } from './imports';
import type { Evidence } from '../types';
import { seen } from './detector';
import { codeOf, isPython, isTestFile, sourceFiles } from './source-files';
import type { Workspace } from './workspace';

// "The project uses library X": X is imported by the project's own (non-test) source, and, for libraries
// that do nothing until wired in (middleware), one of the names it was imported as is also called or
// handed to `app.use`/`register`. A dependency listed in package.json but never imported is not use.

export interface Libraries {
  js?: readonly string[];
  py?: readonly string[];
}

export interface LibraryUse {
  module: string;
  file: string;
}

export function importsOf(ws: Workspace, libraries: Libraries, limit = 20): LibraryUse[] {
  return scan(ws, libraries, limit, (code, module, python) => importedModules(code, [module], python).length > 0);
}

export function wiredIn(ws: Workspace, libraries: Libraries, limit = 20): LibraryUse[] {
  return scan(ws, libraries, limit, (code, module, python) => {
    if (!importedModules(code, [module], python).length) return false;
    return isUsedInline(code, module) || isUsed(code, importBindings(code, module, python));
  });
}

/**
 * Evidence for middleware-like libraries: found when one is wired in (or `alsoSeen` lists another sign);
 * otherwise the detail tells "imported but never used" apart from "not there at all".
 */
export function wiringEvidence(detector: string, ws: Workspace, libraries: Libraries, alsoSeen: readonly string[], nothing: string): Evidence {
  const used = [...describeUses(wiredIn(ws, libraries)), ...alsoSeen];
  if (used.length) return seen(detector, true, used, '');
  const imported = describeUses(importsOf(ws, libraries));
  return { detector, found: false, detail: imported.length ? `${imported.join(', ')} imported but never used` : nothing };
}

/** Distinct modules, then the files: "helmet (src/app.js)". */
export function describeUses(uses: readonly LibraryUse[]): string[] {
  const byModule = new Map<string, string[]>();
  for (const u of uses) byModule.set(u.module, [...(byModule.get(u.module) ?? []), u.file]);
  return [...byModule].map(([module, files]) => `${module} (${files.slice(0, 2).join(', ')}${files.length > 2 ? ', ...' : ''})`);
}

function scan(ws: Workspace, libraries: Libraries, limit: number, test: (code: string, module: string, python: boolean) => boolean): LibraryUse[] {
  const out: LibraryUse[] = [];
  for (const file of sourceFiles(ws)) {
    if (isTestFile(file)) continue;
    const python = isPython(file);
    const modules = (python ? libraries.py : libraries.js) ?? [];
    if (!modules.length) continue;
    const code = codeOf(ws, file);
    if (code === undefined) continue;
    for (const module of modules) {
      // A quick substring check first: most files mention none of the modules.
      if (!code.includes(python ? module.split('.')[0] : module)) continue;
      if (test(code, module, python)) out.push({ module, file });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

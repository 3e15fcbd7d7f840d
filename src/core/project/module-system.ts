import * as path from 'path';
import type { PackageInfo } from './package-info';

// Which module system Node gives a file: the extension decides for .mjs/.mts (ES module) and .cjs/.cts
// (CommonJS) whatever package.json says; every other file follows the nearest package.json's "type".

export type ModuleSystem = 'esm' | 'cjs';

export type ModuleReason =
  /** .mjs/.mts/.cjs/.cts */
  | 'extension'
  /** the nearest package.json's "type" (or its absence) */
  | 'package-type'
  /** no package.json at or above the file (or an unsaved file) */
  | 'no-package-json'
  /** the nearest package.json is not valid JSON */
  | 'unreadable-package-json';

export interface FileModule {
  system?: ModuleSystem;
  reason: ModuleReason;
  /** The file's extension with its dot ('.mjs'), when it has one. */
  extension?: string;
}

const BY_EXTENSION: Record<string, ModuleSystem> = { '.mjs': 'esm', '.mts': 'esm', '.cjs': 'cjs', '.cts': 'cjs' };

export function moduleSystemOf(filePath: string | undefined, pkg: PackageInfo | undefined): FileModule {
  const extension = filePath ? path.extname(filePath).toLowerCase() || undefined : undefined;
  const withExtension = (module: FileModule): FileModule => (extension ? { ...module, extension } : module);
  if (extension && Object.hasOwn(BY_EXTENSION, extension)) return withExtension({ system: BY_EXTENSION[extension], reason: 'extension' });
  if (!pkg) return withExtension({ reason: 'no-package-json' });
  if (!pkg.readable) return withExtension({ reason: 'unreadable-package-json' });
  return withExtension({ system: pkg.moduleType === 'module' ? 'esm' : 'cjs', reason: 'package-type' });
}

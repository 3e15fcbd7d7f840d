import type { Workspace } from './workspace';

// Which listed files are the project's own source code, and their text with comment lines removed, so a
// commented-out `app.use(helmet())` is not taken for the real thing.

const JS = /\.(m|c)?(j|t)sx?$/;
const PY = /\.py$/;

export function isJsLike(rel: string): boolean {
  return JS.test(rel) && !rel.endsWith('.d.ts') && !/\.min\.js$/.test(rel);
}

export function isPython(rel: string): boolean {
  return PY.test(rel);
}

export function sourceFiles(ws: Workspace): string[] {
  return ws.filter((f) => isJsLike(f) || isPython(f));
}

/** Test files exercise a library rather than wire it into the app; evidence of use comes from the rest. */
export function isTestFile(rel: string): boolean {
  return /(^|\/)(test|tests|__tests__|spec|e2e)\//.test(rel) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(rel) || /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(rel) || /(^|\/)conftest\.py$/.test(rel);
}

/** Several detectors read the same files: strip each once per workspace. */
const stripped = new WeakMap<Workspace, Map<string, string | undefined>>();

/** The file's code without comment lines and block comments (a cheap approximation; strings are left alone). */
export function codeOf(ws: Workspace, rel: string): string | undefined {
  let cache = stripped.get(ws);
  if (!cache) stripped.set(ws, (cache = new Map()));
  if (cache.has(rel)) return cache.get(rel);
  const text = ws.read(rel);
  let code: string | undefined;
  if (text !== undefined) code = isPython(rel) ? text.replace(/^\s*#.*$/gm, '') : text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  cache.set(rel, code);
  return code;
}

import * as path from 'path';
import { ancestors } from './ancestors';
import { FileTracker, isObject, parseJsonObject, unchanged, type Stamp } from './file-stamps';
import { dependencyFacts, type DependencyFacts } from './installed-version';

// What the nearest package.json says about the project a file belongs to: its module system, whether it is
// a TypeScript project, and which Express and Fastify it runs. Reading never throws: a package.json that is
// not a JSON object gives a PackageInfo with `readable: false` and every fact unknown.

export type ModuleType = 'module' | 'commonjs' | 'unknown';

export interface PackageInfo {
  /** Absolute path of the package.json. */
  file: string;
  dir: string;
  /** false: package.json is not a JSON object (a syntax error, an empty file…). */
  readable: boolean;
  /** Node's rule: "type": "module" makes .js files ES modules; anything else (or nothing) CommonJS. */
  moduleType: ModuleType;
  /** The "type" field as written, when it is a string. */
  typeField?: string;
  /** How the project shows it uses TypeScript: a `typescript` dependency or a tsconfig.json beside package.json. */
  typescript?: 'dependency' | 'tsconfig';
  /** Present when package.json declares the dependency (in any dependency field). */
  express?: DependencyFacts;
  fastify?: DependencyFacts;
}

export interface LookupOptions {
  /** The workspace folder: the search for package.json, node_modules and lock files stops there. */
  stopAt?: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** The nearest package.json at or above the file's folder (up to `stopAt`), or undefined. */
export function findPackageJson(filePath: string, options: LookupOptions = {}): string | undefined {
  const files = new FileTracker();
  return ancestors(path.dirname(path.resolve(filePath)), options.stopAt)
    .map((dir) => path.join(dir, 'package.json'))
    .find((candidate) => files.exists(candidate));
}

/** Facts about the project of the file at `filePath`, or undefined when no package.json is found. */
export function findPackageInfo(filePath: string, options: LookupOptions = {}): PackageInfo | undefined {
  const file = findPackageJson(filePath, options);
  return file === undefined ? undefined : readPackageInfo(file, options);
}

// One entry per package.json (and stop folder), valid while none of the files it was read from changes.
const cache = new Map<string, { info: PackageInfo; stamps: Stamp[] }>();

/** Facts from one package.json; cached until it, its tsconfig.json, lock file or installed packages change. */
export function readPackageInfo(file: string, options: LookupOptions = {}): PackageInfo {
  const resolved = path.resolve(file);
  const key = `${resolved}\0${options.stopAt ?? ''}`;
  const cached = cache.get(key);
  if (cached && unchanged(cached.stamps)) return cached.info;
  const files = new FileTracker();
  const info = read(resolved, options.stopAt, files);
  cache.set(key, { info, stamps: files.stamps });
  return info;
}

/** Forgets every cached answer (tests; a window reload does the same for the extension). */
export function clearPackageInfoCache(): void {
  cache.clear();
}

function read(file: string, stopAt: string | undefined, files: FileTracker): PackageInfo {
  const dir = path.dirname(file);
  const text = files.read(file);
  const json = text === undefined ? undefined : parseJsonObject(text);
  const hasTsconfig = files.exists(path.join(dir, 'tsconfig.json'));
  if (!json) return { file, dir, readable: false, moduleType: 'unknown', typescript: hasTsconfig ? 'tsconfig' : undefined };

  const typeField = typeof json.type === 'string' ? json.type : undefined;
  const info: PackageInfo = { file, dir, readable: true, moduleType: typeField === 'module' ? 'module' : 'commonjs' };
  if (typeField !== undefined) info.typeField = typeField;
  const declared = (name: string) => declaredRange(json, name);
  if (declared('typescript') !== undefined) info.typescript = 'dependency';
  else if (hasTsconfig) info.typescript = 'tsconfig';
  for (const name of ['express', 'fastify'] as const) {
    const range = declared(name);
    if (range !== undefined) info[name] = dependencyFacts(name, range, dir, stopAt, files);
  }
  return info;
}

/** The range package.json gives `name` in the first dependency field that has it ('' when not a string). */
function declaredRange(json: Record<string, unknown>, name: string): string | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const deps = json[field];
    if (!isObject(deps) || !Object.hasOwn(deps, name)) continue;
    const range = deps[name];
    return typeof range === 'string' ? range : '';
  }
  return undefined;
}

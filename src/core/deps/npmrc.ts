import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// npm's configuration as far as talking to registries goes: the registry, per-scope registries, auth
// for each registry (token, basic auth), and proxies. Read from the project's .npmrc, the user's
// (~/.npmrc or NPM_CONFIG_USERCONFIG) and the global one (NPM_CONFIG_GLOBALCONFIG or
// <prefix>/etc/npmrc), in that priority, then npm_config_* environment variables on top, as npm does.

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export type Env = Record<string, string | undefined>;

export interface NpmConfig {
  /** Key → value after `${ENV}` expansion, highest priority source winning. */
  values: Map<string, string>;
  /** The files read, highest priority first. */
  files: string[];
  /** Problems that do not stop anything: an unset `${VAR}`, an unreadable file. */
  warnings: string[];
}

export interface NpmConfigSources {
  projectDir: string;
  env: Env;
  /** Overrides for tests; default from the environment as npm computes them. */
  userConfig?: string;
  globalConfig?: string;
}

export function loadNpmConfig(sources: NpmConfigSources): NpmConfig {
  const { env } = sources;
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  const envValue = (key: string) => env[`npm_config_${key}`] ?? env[`NPM_CONFIG_${key.toUpperCase()}`];
  const prefix = envValue('prefix') ?? env.PREFIX ?? path.dirname(path.dirname(process.execPath));
  const files = [
    path.join(sources.projectDir, '.npmrc'),
    sources.userConfig ?? envValue('userconfig') ?? path.join(home, '.npmrc'),
    sources.globalConfig ?? envValue('globalconfig') ?? path.join(prefix, 'etc', 'npmrc'),
  ];
  const values = new Map<string, string>();
  const warnings: string[] = [];
  const read: string[] = [];
  // Lowest priority first, so each later source overwrites.
  for (const file of [...files].reverse()) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    read.unshift(file);
    for (const [key, raw] of parseIni(text)) {
      const value = expandEnv(raw, env, (name) => warnings.push(`${file}: ${key} uses \${${name}}, which is not set`));
      if (value !== undefined) values.set(key, value);
    }
  }
  for (const [name, value] of Object.entries(env)) {
    const m = /^npm_config_(.+)$/i.exec(name);
    if (m && value !== undefined) values.set(m[1].toLowerCase().replace(/_/g, '-'), value);
  }
  return { values, files: read, warnings };
}

/** `key = value` lines; `;` and `#` start comments; quoted values are unquoted. Sections are ignored. */
function parseIni(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith(';') || trimmed.startsWith('#') || trimmed.startsWith('[')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    const key = trimmed.slice(0, eq).trim();
    let value = trimmed.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    out.push([key, value]);
  }
  return out;
}

/**
 * `${NAME}` → the variable's value. An unset variable makes the whole value unusable (undefined), as
 * sending a token with a hole in it would only fail later and less clearly; `${NAME?}` means "empty if unset".
 */
export function expandEnv(value: string, env: Env, onMissing: (name: string) => void): string | undefined {
  let missing = false;
  const out = value.replace(/(\\*)\$\{([^}?]+)(\?)?\}/g, (whole, slashes: string, name: string, optional: string | undefined) => {
    // An even number of backslashes leaves the `$` live; an odd number escapes it.
    if (slashes.length % 2 === 1) return whole.slice(1);
    const v = env[name];
    if (v === undefined && !optional) {
      missing = true;
      onMissing(name);
    }
    return slashes.slice(slashes.length / 2) + (v ?? '');
  });
  return missing ? undefined : out;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The registry for a package: its scope's registry if configured, else the default one. */
export function registryFor(config: NpmConfig, packageName: string): string {
  const scope = /^(@[^/]+)\//.exec(packageName)?.[1];
  const scoped = scope && config.values.get(`${scope}:registry`);
  return withSlash(scoped || config.values.get('registry') || DEFAULT_REGISTRY);
}

/** `https://host:8080/path/` → `//host:8080/path/`: the key prefix npm uses for per-registry settings. */
function nerfDart(url: string): string {
  const u = new URL(url);
  return `//${u.host}${withSlash(u.pathname)}`;
}

/**
 * The Authorization header for a request to `url` on `registry`, if .npmrc holds credentials for it:
 * `//host/path/:_authToken`, `:_auth`, or `:username` + `:_password` (base64), matched on the
 * registry's path and then each shorter path, as npm does.
 */
export function authorizationFor(config: NpmConfig, registry: string): string | undefined {
  let key = nerfDart(registry);
  for (;;) {
    const token = config.values.get(`${key}:_authToken`);
    if (token) return `Bearer ${token}`;
    const basic = config.values.get(`${key}:_auth`);
    if (basic) return `Basic ${basic}`;
    const user = config.values.get(`${key}:username`);
    const password = config.values.get(`${key}:_password`);
    if (user && password) return `Basic ${Buffer.from(`${user}:${Buffer.from(password, 'base64').toString('utf8')}`).toString('base64')}`;
    if (key === '//' || !key.includes('/', 2)) break;
    const shorter = key.replace(/[^/]+\/$/, '');
    if (shorter === key || shorter.length <= 2) break;
    key = shorter;
  }
  // A bare `_authToken` applies to the default registry only, like npm's legacy behaviour.
  const legacy = config.values.get('_authToken');
  if (legacy && withSlash(registry) === withSlash(config.values.get('registry') || DEFAULT_REGISTRY)) return `Bearer ${legacy}`;
  return undefined;
}

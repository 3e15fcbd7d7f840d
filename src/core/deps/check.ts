import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { CachedLookup, type Lookup } from './cached-lookup';
import { DiskCache } from './disk-cache';
import { DEFAULT_HTTP_OPTIONS, HttpClient, type HttpClientOptions } from './http-client';
import { nodeTransport, type Transport } from './http-transport';
import type { Advisory, DeclaredDependency, DegradationNotice, DependencyReport, ManifestKind, ManifestReport } from './model';
import { ManifestError, parsePackageJson } from './npm-manifest';
import { parsePackageLock } from './npm-lockfile';
import { NpmRegistryClient, type PackageDoc, type RawAdvisory } from './npm-registry';
import { distance, pickVersion } from './npm-versions';
import { DEFAULT_REGISTRY, loadNpmConfig, type Env, type NpmConfig } from './npmrc';
import { comparePep440, distancePep440, maxSatisfyingPep440, parsePep440, pinnedVersion } from './pep440';
import { proxySettings } from './proxy';
import { DEFAULT_OSV, DEFAULT_PYPI, PyPiClient, type OsvVulnerability, type PyPiProject } from './pypi-registry';
import { parsePyprojectToml } from './pyproject-toml';
import { parseRequirementsTxt } from './requirements-txt';

// The dependency checker: manifests in, one report per manifest out. It reads the manifests and
// lockfiles, asks the registries (through the cache, and only when `network` is true) and puts
// installed / wanted / latest / deprecation / advisories together for each dependency.

export interface DependencyCheckOptions {
  /** False: answers come from the cache only and no socket is opened. */
  network: boolean;
  /** Where the persistent cache lives; without it the cache lasts as long as this checker. */
  cacheDir?: string;
  /** How long an answer is fresh (default 6 hours). */
  ttlMs?: number;
  env?: Env;
  /** Replaces the node http(s) transport (tests, the bench). */
  transport?: Transport;
  /** The folder whose .npmrc (with the user's and global ones) gives proxies and TLS settings; default the working folder. */
  configDir?: string;
  /** The user's and global .npmrc, for tests; default where npm looks. */
  userNpmrc?: string;
  globalNpmrc?: string;
  pypiUrl?: string;
  osvUrl?: string;
  http?: Partial<Omit<HttpClientOptions, 'transport'>>;
  /** Check vulnerabilities (default true). */
  advisories?: boolean;
  now?: () => number;
  /** The Node version engines are checked against when picking versions, as npm does. */
  nodeVersion?: string;
}

export const DEFAULT_TTL_MS = 6 * 60 * 60 * 1000;

export interface ProjectReport {
  manifests: ManifestReport[];
  /** Features that did not work (registry down, advisories refused), each said once. */
  notices: DegradationNotice[];
  /** Some results came from the cache past their TTL, or could not be fetched. */
  stale: boolean;
  network: boolean;
}

export interface ManifestCheck {
  report: ManifestReport;
  notices: DegradationNotice[];
}

const MANIFEST_KINDS: Record<string, ManifestKind> = { 'package.json': 'package.json', 'pyproject.toml': 'pyproject.toml' };

/** The kind of manifest a file name is, or undefined (requirements*.txt count as requirements.txt). */
export function manifestKind(file: string): ManifestKind | undefined {
  const base = path.basename(file);
  if (MANIFEST_KINDS[base]) return MANIFEST_KINDS[base];
  return /^requirements.*\.txt$/i.test(base) ? 'requirements.txt' : undefined;
}

export class DependencyChecker {
  readonly http: HttpClient;
  readonly cache: DiskCache;
  private readonly lookup: CachedLookup;
  private readonly env: Env;
  private readonly pypi: PyPiClient;
  private readonly npmConfigs = new Map<string, NpmConfig>();
  private readonly refusedAdvisoryEndpoints = new Map<string, string>();

  constructor(private readonly options: DependencyCheckOptions) {
    this.env = options.env ?? process.env;
    this.cache = new DiskCache(options.cacheDir);
    this.lookup = new CachedLookup(this.cache, { network: options.network, ttlMs: options.ttlMs ?? DEFAULT_TTL_MS, now: options.now ?? Date.now });
    const transport: Transport = options.network ? (options.transport ?? this.nodeTransport(options.configDir ?? process.cwd())) : () => Promise.reject(new Error('network use is off'));
    this.http = new HttpClient({ ...DEFAULT_HTTP_OPTIONS, ...options.http, transport });
    this.pypi = new PyPiClient(this.http, this.lookup, { pypi: options.pypiUrl ?? DEFAULT_PYPI, osv: options.osvUrl ?? DEFAULT_OSV });
  }

  /** Sockets as npm would open them: its proxies, extra certificate authorities and strict-ssl. */
  private nodeTransport(configDir: string): Transport {
    const config = this.npmConfig(configDir);
    const ca: string[] = [];
    const cafile = config.values.get('cafile');
    if (cafile) {
      try {
        ca.push(fs.readFileSync(cafile, 'utf8'));
      } catch (e) {
        config.warnings.push(`cafile ${cafile} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); only the usual certificate authorities are trusted`);
      }
    }
    const inline = config.values.get('ca');
    if (inline) ca.push(inline.replace(/\\n/g, '\n'));
    return nodeTransport(proxySettings(this.env, config.values), { ca, rejectUnauthorized: config.values.get('strict-ssl') !== 'false' });
  }

  /** The .npmrc settings that apply to a project folder (read once per folder). */
  npmConfig(projectDir: string): NpmConfig {
    let config = this.npmConfigs.get(projectDir);
    if (!config) {
      config = loadNpmConfig({ projectDir, env: this.env, userConfig: this.options.userNpmrc, globalConfig: this.options.globalNpmrc });
      this.npmConfigs.set(projectDir, config);
    }
    return config;
  }

  /** Checks every manifest directly in `dir` (package.json, requirements*.txt and their -r files, pyproject.toml). */
  async checkProject(dir: string): Promise<ProjectReport> {
    const files: string[] = [];
    for (const name of fs.readdirSync(dir).sort()) if (manifestKind(name) && fs.statSync(path.join(dir, name)).isFile()) files.push(path.join(dir, name));
    const checks: ManifestCheck[] = [];
    const done = new Set<string>();
    while (files.length) {
      const file = files.shift() as string;
      if (done.has(file)) continue;
      done.add(file);
      const check = await this.checkFile(file);
      checks.push(check);
      for (const include of check.report.includes ?? []) files.push(path.resolve(path.dirname(file), include));
    }
    return this.summarise(checks);
  }

  summarise(checks: ManifestCheck[]): ProjectReport {
    const seen = new Set<string>();
    const notices = checks.flatMap((c) => c.notices).filter((n) => !seen.has(n.message) && Boolean(seen.add(n.message)));
    const manifests = checks.map((c) => c.report);
    const stale = manifests.some((m) => m.dependencies.some((d) => d.stale || d.unavailable));
    return { manifests, notices, stale, network: this.options.network };
  }

  /** Checks one manifest; `text` is its current content (an editor buffer), read from disk if absent. */
  async checkFile(file: string, text?: string): Promise<ManifestCheck> {
    const kind = manifestKind(file);
    const report: ManifestReport = { file, kind: kind ?? 'package.json', ecosystem: kind === 'package.json' ? 'npm' : 'pypi', dependencies: [] };
    try {
      if (!kind) throw new ManifestError(`${path.basename(file)} is not a manifest Backend Coach reads`);
      const content = text ?? fs.readFileSync(file, 'utf8');
      if (kind === 'package.json') return await this.checkNpm(report, content);
      let declared: DeclaredDependency[];
      if (kind === 'pyproject.toml') declared = parsePyprojectToml(content);
      else {
        const parsed = parseRequirementsTxt(content);
        declared = parsed.dependencies;
        if (parsed.includes.length) report.includes = parsed.includes;
      }
      return await this.checkPython(report, declared);
    } catch (e) {
      report.error = e instanceof ManifestError ? e.message : `cannot check ${path.basename(file)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`;
      return { report, notices: [] };
    }
  }

  private async checkNpm(report: ManifestReport, text: string): Promise<ManifestCheck> {
    const declared = parsePackageJson(text);
    const dir = path.dirname(report.file);
    const notices: DegradationNotice[] = [];
    const installed = this.readLockfile(dir, report, notices);
    const config = this.npmConfig(dir);
    for (const w of config.warnings) notices.push({ feature: 'metadata', message: `.npmrc: ${w}` });
    const registry = new NpmRegistryClient(this.http, this.lookup, config, this.refusedAdvisoryEndpoints);
    const docs = new Map<string, Lookup<PackageDoc>>();
    await Promise.all(
      [...new Set(declared.filter((d) => !d.skipped).map((d) => d.registryName))].map(async (name) => docs.set(name, await registry.packument(name))),
    );
    report.dependencies = declared.map((d) => npmDependency(d, docs.get(d.registryName), installed.get(d.name), this.options.nodeVersion ?? process.version, registry.registryOf(d.registryName)));
    noticeFailures(report.dependencies, notices, 'the npm registry');

    if (this.options.advisories !== false) {
      const checked = report.dependencies.filter((d) => d.current && !d.skipped && !d.unavailable);
      const { values, refused } = await registry.advisories(checked.map((d) => ({ name: d.registryName, version: d.current as string })));
      for (const message of refused) notices.push({ feature: 'advisories', message });
      for (const d of checked) {
        const found = values.get(`${d.registryName}@${d.current}`);
        if (!found?.ok) continue;
        const doc = docs.get(d.registryName);
        d.advisories = npmAdvisories(found.value, d.current as string, doc?.ok ? doc.value : undefined);
        if (found.stale) d.stale = true;
      }
    }
    return { report, notices };
  }

  /**
   * Fills in the publication dates of a dependency's current, wanted and latest versions when its
   * report lacks them (an abbreviated npm document): one more request per package per TTL, on demand.
   */
  async publishedDates(manifestFile: string, d: DependencyReport): Promise<DependencyReport['published']> {
    // PyPI's answer always has the dates; a report that has some needs no second request.
    if (d.ecosystem !== 'npm' || d.skipped || !d.current || d.published.current || d.published.latest) return d.published;
    const registry = new NpmRegistryClient(this.http, this.lookup, this.npmConfig(path.dirname(manifestFile)), this.refusedAdvisoryEndpoints);
    const found = await registry.publishedTimes(d.registryName);
    if (!found.ok) return d.published;
    const time = found.value;
    return { current: d.current && time[d.current], wanted: d.wanted && time[d.wanted], latest: d.latest && time[d.latest] };
  }

  private readLockfile(dir: string, report: ManifestReport, notices: DegradationNotice[]): Map<string, string> {
    for (const name of ['npm-shrinkwrap.json', 'package-lock.json']) {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      try {
        const lock = parsePackageLock(text);
        report.lockfile = file;
        return lock.installed;
      } catch (e) {
        notices.push({ feature: 'metadata', message: `${file}: ${(e as Error).message}; installed versions are not known` });
        return new Map();
      }
    }
    return new Map();
  }

  private async checkPython(report: ManifestReport, declared: DeclaredDependency[]): Promise<ManifestCheck> {
    const notices: DegradationNotice[] = [];
    const projects = new Map<string, Lookup<PyPiProject>>();
    await Promise.all(
      [...new Set(declared.filter((d) => !d.skipped).map((d) => d.registryName))].map(async (name) => projects.set(name, await this.pypi.project(name))),
    );
    report.dependencies = declared.map((d) => pythonDependency(d, projects.get(d.registryName)));
    noticeFailures(report.dependencies, notices, 'PyPI');
    if (this.options.advisories !== false) {
      const checked = report.dependencies.filter((d) => d.current && !d.skipped && !d.unavailable);
      const { values, refused } = await this.pypi.vulnerabilities(checked.map((d) => ({ name: d.registryName, version: d.current as string })));
      for (const message of refused) notices.push({ feature: 'advisories', message });
      for (const d of checked) {
        const found = values.get(`${d.registryName}@${d.current}`);
        if (!found?.ok) continue;
        d.advisories = found.value.map((v) => osvAdvisory(v, d.current as string));
        if (found.stale) d.stale = true;
      }
    }
    return { report, notices };
  }
}

/** One notice per distinct failure (not one per package): we are offline, or a registry is failing. */
function noticeFailures(deps: DependencyReport[], notices: DegradationNotice[], source: string): void {
  const offline = deps.filter((d) => d.staleReason === OFFLINE).length;
  if (offline) notices.push({ feature: 'metadata', message: `network use is off: ${offline} dependenc${offline === 1 ? 'y is' : 'ies are'} shown from the cache (possibly out of date) or not at all` });
  const errors = new Map<string, number>();
  for (const d of deps) {
    const reason = d.staleReason !== OFFLINE ? d.staleReason : undefined;
    if (reason) errors.set(reason, (errors.get(reason) ?? 0) + 1);
  }
  for (const [reason, count] of errors) notices.push({ feature: 'metadata', message: `${source}: ${reason} (${count} package${count === 1 ? '' : 's'}; cached results are shown where there are some)` });
}

const OFFLINE = 'offline';

function base(d: DeclaredDependency): DependencyReport {
  return { ...d, advisories: [], published: {} };
}

/** The looked-up value, with the dependency marked stale or unavailable as the lookup went. */
function applyLookup<T>(out: DependencyReport, found: Lookup<T> | undefined): T | undefined {
  if (!found) return undefined;
  if (!found.ok) {
    out.unavailable = found.offline ? 'not in the cache, and network use is off' : found.error;
    out.stale = true;
    out.staleReason = found.offline ? OFFLINE : found.error;
    return undefined;
  }
  if (found.stale) {
    out.stale = true;
    out.staleReason = found.error ?? OFFLINE;
  }
  return found.value;
}

export function npmDependency(d: DeclaredDependency, found: Lookup<PackageDoc> | undefined, installed: string | undefined, nodeVersion: string, registry?: string): DependencyReport {
  const out = base(d);
  if (installed) out.installed = installed;
  if (d.skipped) return out;
  const doc = applyLookup(out, found);
  if (!doc) return out;
  if (doc.missing) {
    out.unavailable = `${d.registryName} is not in the registry (404)`;
    return out;
  }
  out.wanted = pickVersion(doc, d.range, nodeVersion);
  out.latest = pickVersion(doc, '*', nodeVersion);
  out.current = installed ?? out.wanted;
  if (out.current && out.latest) out.distance = distance(out.current, out.latest);
  if (out.current) out.deprecated = doc.versions[out.current]?.deprecated;
  const time = doc.time ?? {};
  out.published = { current: out.current && time[out.current], wanted: out.wanted && time[out.wanted], latest: out.latest && time[out.latest] };
  if (doc.homepage) out.homepage = doc.homepage;
  if (doc.repository) out.repository = doc.repository;
  out.releaseNotes = releasesPage(doc.repository) ?? doc.homepage ?? (registry === DEFAULT_REGISTRY ? `https://www.npmjs.com/package/${d.registryName}?activeTab=versions` : undefined);
  return out;
}

/** `git+https://github.com/o/r.git`, `github:o/r` or npm's shorthand `o/r` → `https://github.com/o/r/releases`. */
export function releasesPage(repository: string | undefined): string | undefined {
  const m = repository && (/github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?(?:[#/].*)?$/.exec(repository) ?? /^(?:github:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(repository));
  return m ? `https://github.com/${m[1]}/${m[2]}/releases` : undefined;
}

function npmAdvisories(raw: RawAdvisory[], version: string, doc: PackageDoc | undefined): Advisory[] {
  const out: Advisory[] = [];
  for (const a of raw) {
    if (a.vulnerableVersions && !semver.satisfies(version, a.vulnerableVersions, { loose: true, includePrerelease: true })) continue;
    const advisory: Advisory = { id: a.id, severity: a.severity, title: a.title, ...(a.url ? { url: a.url } : {}) };
    if (a.vulnerableVersions) advisory.vulnerableVersions = a.vulnerableVersions;
    // The first release above ours that the advisory's range leaves out.
    const fixed = Object.keys(doc?.versions ?? {})
      .filter((v) => semver.valid(v) && !semver.prerelease(v) && semver.gt(v, version) && !(a.vulnerableVersions && semver.satisfies(v, a.vulnerableVersions, { loose: true })))
      .sort(semver.compare)[0];
    if (fixed) advisory.firstFixed = fixed;
    out.push(advisory);
  }
  return out;
}

export function pythonDependency(d: DeclaredDependency, found: Lookup<PyPiProject> | undefined): DependencyReport {
  const out = base(d);
  const pinned = d.spec ? pinnedVersion(d.spec) : undefined;
  if (pinned) out.installed = pinned;
  if (d.skipped) return out;
  const project = applyLookup(out, found);
  if (!project) return out;
  if (project.missing) {
    out.unavailable = `${d.registryName} is not on PyPI (404)`;
    return out;
  }
  const available = Object.entries(project.releases)
    .filter(([, r]) => r.yanked === undefined)
    .map(([v]) => v);
  out.latest = project.latest;
  out.wanted = d.spec ? maxSatisfyingPep440(available, d.spec) : project.latest;
  out.current = pinned ?? out.wanted;
  if (out.current && out.latest) out.distance = distancePep440(out.current, out.latest);
  const yank = out.current !== undefined ? project.releases[out.current]?.yanked : undefined;
  if (yank !== undefined) out.deprecated = `yanked from PyPI${yank ? `: ${yank}` : ''}`;
  out.published = {
    current: out.current && project.releases[out.current]?.published,
    wanted: out.wanted && project.releases[out.wanted]?.published,
    latest: out.latest && project.releases[out.latest]?.published,
  };
  if (project.homepage) out.homepage = project.homepage;
  if (project.repository) out.repository = project.repository;
  out.releaseNotes = releasesPage(project.repository) ?? project.homepage;
  return out;
}

function osvAdvisory(v: OsvVulnerability, version: string): Advisory {
  const current = parsePep440(version);
  const fixed = v.fixed
    .map((f) => parsePep440(f))
    .filter((f): f is NonNullable<typeof f> => Boolean(f && current && comparePep440(f, current) > 0))
    .sort(comparePep440)[0];
  return { id: v.id, severity: v.severity, title: v.title, url: v.url, ...(fixed ? { firstFixed: fixed.text } : {}) };
}

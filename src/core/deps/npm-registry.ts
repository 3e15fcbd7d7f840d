import type { CachedLookup, Lookup } from './cached-lookup';
import { RequestFailed, type HttpClient } from './http-client';
import type { AdvisorySeverity } from './model';
import { authorizationFor, registryFor, type NpmConfig } from './npmrc';
import type { Packument, VersionInfo } from './npm-versions';

// The npm registry: packuments (abbreviated, `application/vnd.npm.install-v1+json`, which holds every
// field the checks use) and the bulk advisory endpoint. Each package goes to its scope's registry with
// that registry's credentials. Answers are trimmed to what the checks use before they are cached.

export const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** The cached form of a packument; `missing` records a 404, so it is not asked again within the TTL. */
export interface PackageDoc extends Packument {
  missing?: boolean;
}

export interface RawAdvisory {
  id: string;
  title: string;
  severity: AdvisorySeverity;
  url?: string;
  vulnerableVersions?: string;
}

export class NpmRegistryClient {
  constructor(
    private readonly http: HttpClient,
    private readonly lookup: CachedLookup,
    private readonly config: NpmConfig,
    /** Registries whose advisory endpoint refused, with the message: not asked again by this checker. */
    private readonly refusedEndpoints: Map<string, string> = new Map(),
  ) {}

  registryOf(name: string): string {
    return registryFor(this.config, name);
  }

  packument(name: string): Promise<Lookup<PackageDoc>> {
    const registry = this.registryOf(name);
    return this.lookup.get<PackageDoc>(`npm:${registry}:${name}`, async (etag) => {
      const url = `${registry}${name.replace('/', '%2f')}`;
      const response = await this.http.json({ url, headers: this.headers(registry, ABBREVIATED, etag) });
      if (response.status === 304) return 'not-modified';
      if (response.status === 404) return { value: { name, 'dist-tags': {}, versions: {}, missing: true } };
      return { value: trimPackument(name, response.json), etag: response.headers.etag };
    });
  }

  /**
   * Publication times from the full packument, for registries whose abbreviated document leaves them
   * out (npmjs.org's does). Asked only when a caller wants dates (the editor's hover), cached like the rest.
   */
  publishedTimes(name: string): Promise<Lookup<Record<string, string>>> {
    const registry = this.registryOf(name);
    return this.lookup.get<Record<string, string>>(`npm-time:${registry}:${name}`, async (etag) => {
      const response = await this.http.json({ url: `${registry}${name.replace('/', '%2f')}`, headers: this.headers(registry, 'application/json', etag) });
      if (response.status === 304) return 'not-modified';
      if (response.status === 404) return { value: {} };
      return { value: trimPackument(name, response.json).time ?? {}, etag: response.headers.etag };
    });
  }

  /**
   * Advisories for `name@version` pairs, from each registry's bulk endpoint. A registry that refuses the
   * endpoint (405 behind a proxy, 404 on a private registry) gives `refused` with the reason; the
   * packages of the other registries are still checked.
   */
  async advisories(pairs: { name: string; version: string }[]): Promise<{ values: Map<string, Lookup<RawAdvisory[]>>; refused: string[] }> {
    const byRegistry = new Map<string, { name: string; version: string }[]>();
    for (const p of pairs) byRegistry.set(this.registryOf(p.name), [...(byRegistry.get(this.registryOf(p.name)) ?? []), p]);
    const values = new Map<string, Lookup<RawAdvisory[]>>();
    const refused: string[] = [];
    await Promise.all(
      [...byRegistry].map(async ([registry, list]) => {
        const known = this.refusedEndpoints.get(registry);
        if (known) {
          refused.push(known);
          return;
        }
        const keyOf = (p: { name: string; version: string }) => `npm-advisories:${registry}:${p.name}@${p.version}`;
        let endpointRefused = false;
        const result = await this.lookup.getMany<RawAdvisory[]>(list.map(keyOf), async (missing) => {
          const wanted = list.filter((p) => missing.includes(keyOf(p)));
          const body: Record<string, string[]> = {};
          for (const p of wanted) body[p.name] = [...new Set([...(body[p.name] ?? []), p.version])];
          let response;
          try {
            response = await this.http.json({
              url: `${registry}-/npm/v1/security/advisories/bulk`,
              method: 'POST',
              headers: { ...this.headers(registry, 'application/json'), 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
          } catch (e) {
            if (e instanceof RequestFailed && e.status !== undefined && e.status !== 429 && e.status < 500) {
              endpointRefused = true;
              throw new EndpointRefused(registry, e.status);
            }
            throw e;
          }
          if (response.status === 404) {
            endpointRefused = true;
            throw new EndpointRefused(registry, 404);
          }
          return parseBulkAdvisories(response.json, wanted, keyOf);
        });
        if (result.error) refused.push(result.error);
        if (result.error && endpointRefused) this.refusedEndpoints.set(registry, result.error);
        for (const p of list) {
          const found = result.values.get(keyOf(p));
          if (found) values.set(`${p.name}@${p.version}`, found);
        }
      }),
    );
    return { values, refused };
  }

  private headers(registry: string, accept: string, etag?: string): Record<string, string> {
    const headers: Record<string, string> = { accept, 'user-agent': 'backend-coach (dependency health)' };
    const auth = authorizationFor(this.config, registry);
    if (auth) headers.authorization = auth;
    if (etag) headers['if-none-match'] = etag;
    return headers;
  }
}

export class EndpointRefused extends Error {
  constructor(registry: string, status: number) {
    super(`the advisory endpoint of ${registry} refused the request (HTTP ${status}); vulnerabilities are not checked for its packages, outdated and deprecated checks go on`);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Keeps what the checks read; a registry answer of the wrong shape is an error, not an empty package. */
export function trimPackument(name: string, doc: unknown): PackageDoc {
  if (!isRecord(doc) || !isRecord(doc.versions)) throw new Error(`the registry sent an answer for ${name} that is not a packument`);
  const versions: Record<string, VersionInfo> = {};
  for (const [version, raw] of Object.entries(doc.versions)) {
    const info: VersionInfo = {};
    if (isRecord(raw)) {
      if (typeof raw.deprecated === 'string' && raw.deprecated) info.deprecated = raw.deprecated;
      if (isRecord(raw.engines) && typeof raw.engines.node === 'string') info.engines = { node: raw.engines.node };
    }
    versions[version] = info;
  }
  const out: PackageDoc = { name, 'dist-tags': isRecord(doc['dist-tags']) ? (doc['dist-tags'] as Record<string, string>) : {}, versions };
  if (isRecord(doc.time)) out.time = Object.fromEntries(Object.entries(doc.time).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'modified' && e[0] !== 'created'));
  // Abbreviated documents have no top-level homepage/repository; the latest version's manifest may.
  const latest = isRecord(doc['dist-tags']) && typeof doc['dist-tags'].latest === 'string' ? doc.versions[doc['dist-tags'].latest] : undefined;
  const from = (key: 'homepage' | 'repository') => doc[key] ?? (isRecord(latest) ? latest[key] : undefined);
  const homepage = from('homepage');
  if (typeof homepage === 'string') out.homepage = homepage;
  const repository = from('repository');
  const repo = isRecord(repository) ? repository.url : repository;
  if (typeof repo === 'string') out.repository = repo;
  return out;
}

const SEVERITIES: AdvisorySeverity[] = ['critical', 'high', 'moderate', 'low', 'info'];

function parseBulkAdvisories(json: unknown, pairs: { name: string; version: string }[], keyOf: (p: { name: string; version: string }) => string): Map<string, RawAdvisory[]> {
  if (!isRecord(json)) throw new Error('the advisory endpoint sent an answer that is not an object');
  const out = new Map<string, RawAdvisory[]>();
  for (const p of pairs) {
    const list = Array.isArray(json[p.name]) ? (json[p.name] as unknown[]) : [];
    // The endpoint answers per package for all versions asked; each advisory carries its affected range.
    out.set(
      keyOf(p),
      list.filter(isRecord).map((a) => ({
        id: String((typeof a.url === 'string' && /GHSA(?:-[a-z0-9]{4}){3}/i.exec(a.url)?.[0]) || a.github_advisory_id || a.id || ''),
        title: String(a.title ?? ''),
        severity: SEVERITIES.includes(a.severity as AdvisorySeverity) ? (a.severity as AdvisorySeverity) : 'unknown',
        url: typeof a.url === 'string' ? a.url : undefined,
        vulnerableVersions: typeof a.vulnerable_versions === 'string' ? a.vulnerable_versions : undefined,
      })),
    );
  }
  return out;
}

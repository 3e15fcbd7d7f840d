import type { CachedLookup, Lookup } from './cached-lookup';
import type { HttpClient } from './http-client';
import type { AdvisorySeverity } from './model';

// PyPI's JSON API (`/pypi/<name>/json`) for versions, dates and yanks, and OSV (`/v1/querybatch`, then
// `/v1/vulns/<id>`) for the vulnerabilities of a resolved version. Answers are trimmed before caching.

export const DEFAULT_PYPI = 'https://pypi.org/';
export const DEFAULT_OSV = 'https://api.osv.dev/';

export interface PyPiProject {
  name: string;
  latest?: string;
  /** version → upload date (ISO) and yank reason (`''` when yanked without one). */
  releases: Record<string, { published?: string; yanked?: string }>;
  homepage?: string;
  repository?: string;
  missing?: boolean;
}

export interface OsvVulnerability {
  id: string;
  title: string;
  severity: AdvisorySeverity;
  url: string;
  /** `fixed` events of the PyPI ranges for this package. */
  fixed: string[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

export class PyPiClient {
  constructor(
    private readonly http: HttpClient,
    private readonly lookup: CachedLookup,
    private readonly urls: { pypi: string; osv: string },
  ) {}

  project(name: string): Promise<Lookup<PyPiProject>> {
    const base = withSlash(this.urls.pypi);
    return this.lookup.get<PyPiProject>(`pypi:${base}:${name}`, async (etag) => {
      const response = await this.http.json({ url: `${base}pypi/${encodeURIComponent(name)}/json`, headers: { accept: 'application/json', ...(etag ? { 'if-none-match': etag } : {}) } });
      if (response.status === 304) return 'not-modified';
      if (response.status === 404) return { value: { name, releases: {}, missing: true } };
      return { value: trimProject(name, response.json), etag: response.headers.etag };
    });
  }

  /** OSV ids of the vulnerabilities affecting each `name@version`, then each one's details. */
  async vulnerabilities(pairs: { name: string; version: string }[]): Promise<{ values: Map<string, Lookup<OsvVulnerability[]>>; refused: string[] }> {
    const base = withSlash(this.urls.osv);
    const keyOf = (p: { name: string; version: string }) => `osv-ids:${base}:${p.name}@${p.version}`;
    const ids = await this.lookup.getMany<string[]>(pairs.map(keyOf), async (missing) => {
      const wanted = pairs.filter((p) => missing.includes(keyOf(p)));
      const response = await this.http.json({
        url: `${base}v1/querybatch`,
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ queries: wanted.map((p) => ({ package: { name: p.name, ecosystem: 'PyPI' }, version: p.version })) }),
      });
      const results = isRecord(response.json) && Array.isArray(response.json.results) ? response.json.results : undefined;
      if (!results || results.length !== wanted.length) throw new Error('OSV sent a querybatch answer of the wrong shape');
      const out = new Map<string, string[]>();
      wanted.forEach((p, i) => {
        const vulns = isRecord(results[i]) && Array.isArray(results[i].vulns) ? (results[i].vulns as unknown[]) : [];
        out.set(keyOf(p), vulns.filter(isRecord).map((v) => String(v.id)));
      });
      return out;
    });
    const values = new Map<string, Lookup<OsvVulnerability[]>>();
    const refused = ids.error ? [`OSV (${base}): ${ids.error}; vulnerabilities of Python packages are not checked, outdated checks go on`] : [];
    await Promise.all(
      pairs.map(async (p) => {
        const found = ids.values.get(keyOf(p));
        if (!found?.ok) {
          if (found) values.set(`${p.name}@${p.version}`, found);
          return;
        }
        const details = await Promise.all(found.value.map((id) => this.vulnerability(base, id, p.name)));
        const ok = details.filter((d): d is Extract<Lookup<OsvVulnerability>, { ok: true }> => d.ok);
        values.set(`${p.name}@${p.version}`, {
          ok: true,
          value: ok.map((d) => d.value),
          stale: found.stale || ok.some((d) => d.stale),
          storedAt: found.storedAt,
          error: found.error ?? details.find((d) => !d.ok)?.error,
        });
      }),
    );
    return { values, refused };
  }

  private vulnerability(base: string, id: string, packageName: string): Promise<Lookup<OsvVulnerability>> {
    return this.lookup.get<OsvVulnerability>(`osv-vuln:${base}:${id}:${packageName}`, async () => {
      const response = await this.http.json({ url: `${base}v1/vulns/${encodeURIComponent(id)}`, headers: { accept: 'application/json' } });
      if (response.status === 404) return { value: { id, title: id, severity: 'unknown', url: `https://osv.dev/vulnerability/${id}`, fixed: [] } };
      return { value: trimVulnerability(id, packageName, response.json) };
    });
  }
}

function trimProject(name: string, doc: unknown): PyPiProject {
  if (!isRecord(doc) || !isRecord(doc.info)) throw new Error(`PyPI sent an answer for ${name} that is not a project`);
  const releases: PyPiProject['releases'] = {};
  if (isRecord(doc.releases)) {
    for (const [version, files] of Object.entries(doc.releases)) {
      const list = Array.isArray(files) ? files.filter(isRecord) : [];
      const dates = list.map((f) => f.upload_time_iso_8601 ?? f.upload_time).filter((d): d is string => typeof d === 'string').sort();
      // A release counts as yanked when all its files are.
      const yanked = list.length > 0 && list.every((f) => f.yanked === true);
      releases[version] = { ...(dates[0] ? { published: dates[0] } : {}), ...(yanked ? { yanked: String(list[0].yanked_reason ?? '') } : {}) };
    }
  }
  const info = doc.info;
  const urls = isRecord(info.project_urls) ? (info.project_urls as Record<string, unknown>) : {};
  const pick = (...keys: string[]) => keys.map((k) => urls[k]).find((v): v is string => typeof v === 'string' && v !== '');
  const homepage = (typeof info.home_page === 'string' && info.home_page) || pick('Homepage', 'homepage', 'Home');
  const repository = pick('Source', 'Source Code', 'Repository', 'repository', 'Code', 'GitHub');
  return {
    name,
    latest: typeof info.version === 'string' ? info.version : undefined,
    releases,
    ...(homepage ? { homepage } : {}),
    ...(repository ? { repository } : {}),
  };
}

const OSV_SEVERITY: Record<string, AdvisorySeverity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'moderate', MEDIUM: 'moderate', LOW: 'low' };

function trimVulnerability(id: string, packageName: string, doc: unknown): OsvVulnerability {
  if (!isRecord(doc)) throw new Error(`OSV sent an answer for ${id} that is not a vulnerability`);
  const specific = isRecord(doc.database_specific) ? doc.database_specific : {};
  const fixed: string[] = [];
  for (const affected of Array.isArray(doc.affected) ? doc.affected.filter(isRecord) : []) {
    const pkg = isRecord(affected.package) ? affected.package : {};
    if (String(pkg.name ?? '').toLowerCase().replace(/[-_.]+/g, '-') !== packageName) continue;
    for (const range of Array.isArray(affected.ranges) ? affected.ranges.filter(isRecord) : []) {
      for (const event of Array.isArray(range.events) ? range.events.filter(isRecord) : []) if (typeof event.fixed === 'string') fixed.push(event.fixed);
    }
  }
  return {
    id: typeof doc.id === 'string' ? doc.id : id,
    title: String(doc.summary ?? doc.details ?? id).split('\n')[0],
    severity: OSV_SEVERITY[String(specific.severity ?? '').toUpperCase()] ?? 'unknown',
    url: `https://osv.dev/vulnerability/${id}`,
    fixed,
  };
}

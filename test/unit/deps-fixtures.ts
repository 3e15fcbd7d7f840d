import * as http from 'http';
import type { AddressInfo } from 'net';

// Shared by the deps-*.test.ts files: a real HTTP server on 127.0.0.1 that answers like the npm
// registry, PyPI and OSV from fixtures, records every request it sees, and misbehaves on demand.

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export class FixtureServer {
  readonly seen: SeenRequest[] = [];
  /** Path (with query) → handler; a missing path answers 404. */
  readonly routes = new Map<string, Handler>();
  private readonly server: http.Server;
  private readonly sockets = new Set<import('net').Socket>();
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        const handler = this.routes.get(req.url ?? '') ?? this.routes.get(`${req.method} ${req.url}`);
        if (handler) handler(req, res, body);
        else {
          res.statusCode = 404;
          res.end('{"error":"Not found"}');
        }
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  json(path: string, body: unknown, status = 200, headers: Record<string, string> = {}): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  }

  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): SeenRequest[] {
    return this.seen.filter((r) => r.url.startsWith(prefix));
  }
}

/** An npm packument with the given versions (oldest first); options set tags, deprecations, engines. */
export function packument(
  name: string,
  versions: string[],
  options: { latest?: string; deprecated?: Record<string, string>; engines?: Record<string, string>; tags?: Record<string, string>; repository?: string } = {},
): unknown {
  const time: Record<string, string> = { created: '2015-01-01T00:00:00.000Z', modified: '2024-01-01T00:00:00.000Z' };
  versions.forEach((v, i) => (time[v] = new Date(Date.UTC(2016, 0, 1 + i * 30)).toISOString()));
  return {
    name,
    'dist-tags': { latest: options.latest ?? versions[versions.length - 1], ...options.tags },
    versions: Object.fromEntries(
      versions.map((v) => [
        v,
        {
          name,
          version: v,
          ...(options.deprecated?.[v] ? { deprecated: options.deprecated[v] } : {}),
          ...(options.engines?.[v] ? { engines: { node: options.engines[v] } } : {}),
          dist: { tarball: `https://example.invalid/${name}-${v}.tgz` },
        },
      ]),
    ),
    time,
    ...(options.repository ? { repository: { type: 'git', url: options.repository } } : {}),
  };
}

/** A PyPI JSON API answer: `releases` as version → yank reason (undefined: not yanked). */
export function pypiProject(name: string, latest: string, releases: Record<string, string | undefined>): unknown {
  return {
    info: { name, version: latest, home_page: '', project_urls: { Source: `https://github.com/example/${name}` }, yanked: false },
    releases: Object.fromEntries(
      Object.entries(releases).map(([v, yank], i) => [
        v,
        [{ filename: `${name}-${v}.tar.gz`, upload_time_iso_8601: new Date(Date.UTC(2018, 0, 1 + i * 40)).toISOString(), yanked: yank !== undefined, yanked_reason: yank ?? null }],
      ]),
    ),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

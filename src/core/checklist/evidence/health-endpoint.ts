import { seen, type Detector } from './detector';
import { codeOf, isTestFile, sourceFiles } from './source-files';

// A health or readiness route, for load balancers and orchestrators: a route definition (Express/Fastify/
// Koa `.get(`, Fastify `url:`, Flask/FastAPI decorators, Django `path(`) whose path ends in one of the names.
const NAME = '(health|healthz|livez|readyz|healthcheck)(?:/[\\w-]+)?/?';
// Express/Fastify/Koa/Flask/FastAPI paths start with a slash, Django's `path('health/', ...)` does not; a
// leading slash is required of the others so `cache.get('health')` is not a route.
const ROUTE = new RegExp(
  `(?:\\.(?:get|head|all|route)\\s*\\(|\\burl\\s*:|@\\w+\\.(?:get|head|route|api_route)\\s*\\()\\s*['"\`](?:/[\\w-]+)*/${NAME}['"\`]|\\b(?:re_)?path\\s*\\(\\s*['"\`]\\^?(?:[\\w-]+/)*${NAME}\\$?['"\`]`,
);

export const healthEndpoint: Detector = {
  id: 'health-endpoint',
  title: 'A health endpoint',
  looksFor: 'a route for /health, /healthz, /livez or /readyz (Express, Fastify, Koa, Flask, FastAPI, Django)',
  detect({ ws }) {
    const hits: string[] = [];
    for (const file of sourceFiles(ws)) {
      if (isTestFile(file)) continue;
      const code = codeOf(ws, file);
      const match = code && ROUTE.exec(code);
      if (match) hits.push(`/${match[1] ?? match[2]} (${file})`);
      if (hits.length >= 3) break;
    }
    return seen(this.id, hits.length > 0, hits, 'no /health, /healthz, /livez or /readyz route');
  },
};

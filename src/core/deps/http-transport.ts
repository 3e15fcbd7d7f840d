import * as http from 'http';
import * as https from 'https';
import * as tls from 'tls';
import * as zlib from 'zlib';
import type { Duplex } from 'stream';
import { proxyFor, type ProxySettings } from './proxy';

// The one place that opens sockets. A Transport is a small fetch: the rest of the engine only sees this
// type, so tests and the bench can point it at a local server, and "network off" means none is made.
// Every request has a deadline and a body size cap (a 50 MB answer is refused, not buffered).

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** `refused`: a proxy said no to the tunnel; like `timeout` and `too-large`, not worth asking again at once. */
export type TransportErrorKind = 'timeout' | 'too-large' | 'refused' | 'network';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface TlsSettings {
  /** Extra certificate authorities (PEM), from .npmrc's `cafile` / `ca`: a company proxy's, say. */
  ca?: string[];
  /** .npmrc `strict-ssl=false` turns certificate checks off, as it does for npm. */
  rejectUnauthorized?: boolean;
}

/** A Transport over node's http/https, through the proxy the settings name for each URL. */
export function nodeTransport(proxies: ProxySettings, tlsSettings: TlsSettings = {}): Transport {
  // Node's default authorities stay trusted; the extra ones are added to them.
  const ca = tlsSettings.ca?.length ? [...tls.rootCertificates, ...tlsSettings.ca] : undefined;
  const tlsOptions = { ...(ca ? { ca } : {}), ...(tlsSettings.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) };
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const target = new URL(request.url);
      const proxy = proxyFor(proxies, target);
      let settled = false;
      const cleanups: (() => void)[] = [];
      const finish = (error: Error | undefined, response?: HttpResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        for (const c of cleanups) c();
        if (error) reject(error);
        else resolve(response as HttpResponse);
      };
      const timer = setTimeout(() => finish(new TransportError('timeout', `no complete answer from ${target.host} within ${request.timeoutMs} ms`)), request.timeoutMs);

      const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const send = (options: http.RequestOptions, secure: boolean) => {
        const req = (secure ? https : http).request({ ...options, ...(secure ? tlsOptions : {}), method: request.method ?? 'GET', headers: { ...headers, ...(options.headers as Record<string, string>) } });
        cleanups.push(() => req.destroy());
        req.on('error', (e) => finish(new TransportError('network', `${target.host}: ${e.message}`)));
        req.on('response', (res) => readBody(res, request.maxBytes, target.host, finish));
        req.end(request.body);
      };

      if (!proxy) {
        send({ protocol: target.protocol, hostname: target.hostname, port: target.port, path: target.pathname + target.search, agent: false }, target.protocol === 'https:');
      } else if (target.protocol === 'http:') {
        // A plain-HTTP request goes to the proxy with the absolute URL as its path.
        send({ hostname: proxy.hostname, port: proxy.port || 80, path: target.href, agent: false, headers: { host: target.host, ...proxyAuth(proxy) } }, false);
      } else {
        // HTTPS: ask the proxy for a CONNECT tunnel, then speak TLS to the registry through it.
        const connect = http.request({ hostname: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: `${target.hostname}:${target.port || 443}`, headers: { host: `${target.hostname}:${target.port || 443}`, ...proxyAuth(proxy) }, agent: false });
        cleanups.push(() => connect.destroy());
        connect.on('error', (e) => finish(new TransportError('network', `proxy ${proxy.host}: ${e.message}`)));
        connect.on('connect', (res, socket: Duplex) => {
          cleanups.push(() => socket.destroy());
          socket.on('error', (e) => finish(new TransportError('network', `proxy ${proxy.host}: ${e.message}`)));
          if (res.statusCode !== 200) return finish(new TransportError('refused', `proxy ${proxy.host} refused the tunnel to ${target.host}: HTTP ${res.statusCode}`));
          const secure = tls.connect({ socket: socket as never, servername: target.hostname, ...tlsOptions });
          // The handshake starts at once: a certificate error can come before the request listens.
          secure.on('error', (e) => finish(new TransportError('refused', `${target.host}: ${e.message}`)));
          cleanups.push(() => secure.destroy());
          send({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, agent: false, createConnection: () => secure }, true);
        });
        connect.end();
      }
    });
}

function proxyAuth(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Reads (and inflates) a body, refusing it as soon as it passes `maxBytes`, declared or actual. */
function readBody(res: http.IncomingMessage, maxBytes: number, host: string, finish: (e: Error | undefined, r?: HttpResponse) => void): void {
  const tooLarge = () => new TransportError('too-large', `the answer from ${host} is larger than ${Math.round(maxBytes / 1e6)} MB; refused`);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    finish(tooLarge());
    res.destroy();
    return;
  }
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const stream = encoding === 'gzip' ? res.pipe(zlib.createGunzip()) : encoding === 'deflate' ? res.pipe(zlib.createInflate()) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      // Settle first: destroying the response emits 'aborted', which must not win.
      finish(tooLarge());
      res.destroy();
      stream.destroy();
      return;
    }
    chunks.push(chunk);
  });
  stream.on('error', (e) => finish(new TransportError('network', `${host}: ${e.message}`)));
  res.on('aborted', () => finish(new TransportError('network', `${host}: the connection closed mid-answer`)));
  stream.on('end', () => {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    finish(undefined, { status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
  });
}

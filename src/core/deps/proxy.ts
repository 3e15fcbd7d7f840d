import type { Env } from './npmrc';

// Which proxy a request goes through: .npmrc's `https-proxy` / `proxy` / `noproxy`, else the usual
// environment variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower case too), as npm and curl read them.

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  /** Host names (or suffixes, `.example.com`), optionally with `:port`; `*` turns proxies off. */
  noProxy: string[];
}

export function proxySettings(env: Env, npmrc: Map<string, string> = new Map()): ProxySettings {
  const pick = (...names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
  const httpProxy = npmrc.get('proxy') || pick('HTTP_PROXY', 'http_proxy');
  const httpsProxy = npmrc.get('https-proxy') || pick('HTTPS_PROXY', 'https_proxy') || httpProxy;
  const noProxy = (npmrc.get('noproxy') ?? pick('NO_PROXY', 'no_proxy') ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return { httpProxy, httpsProxy, noProxy };
}

/** The proxy URL for `target`, or undefined to connect directly. */
export function proxyFor(settings: ProxySettings, target: URL): URL | undefined {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of settings.noProxy) {
    if (entry === '*') return undefined;
    const [name, entryPort] = entry.split(/:(?=\d+$)/);
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  const proxy = target.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
  if (!proxy) return undefined;
  try {
    return new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
  } catch {
    return undefined;
  }
}

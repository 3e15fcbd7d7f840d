import { Limiter } from './limiter';
import { TransportError, type HttpRequest, type HttpResponse, type Transport } from './http-transport';

// Requests as the registries need them: bounded concurrency, a deadline and a size cap on each, retries
// with backoff on 429 (honouring Retry-After, within a cap) and 5xx and network errors, and JSON bodies
// checked before use. Failures come back as one error type with a short reason fit for the user.

export interface HttpClientOptions {
  transport: Transport;
  concurrency: number;
  timeoutMs: number;
  maxBytes: number;
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff delay; doubles each retry. */
  backoffMs: number;
  /** A Retry-After longer than this is not waited for: the request fails (and stale data is used). */
  maxRetryAfterMs: number;
}

export const DEFAULT_HTTP_OPTIONS: Omit<HttpClientOptions, 'transport'> = {
  concurrency: 16,
  timeoutMs: 15_000,
  maxBytes: 20_000_000,
  attempts: 3,
  backoffMs: 250,
  maxRetryAfterMs: 10_000,
};

/** A request that did not give a usable answer; `status` is set when the server answered. */
export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface JsonResponse {
  status: number;
  json: unknown;
  headers: Record<string, string | undefined>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HttpClient {
  private readonly limiter: Limiter;
  /** How many requests went out (retries included), for tests and the bench. */
  requests = 0;

  constructor(private readonly options: HttpClientOptions) {
    this.limiter = new Limiter(options.concurrency);
  }

  /**
   * Sends the request, retrying what can be retried. Statuses in `accept` (default: 2xx) return; 304 and
   * 404 are returned too (the caller knows what they mean); anything else throws RequestFailed.
   */
  async json(request: Omit<HttpRequest, 'timeoutMs' | 'maxBytes'>): Promise<JsonResponse> {
    const response = await this.send(request);
    if (response.status === 304 || response.status === 404) return { status: response.status, json: undefined, headers: response.headers };
    try {
      return { status: response.status, json: JSON.parse(response.body.toString('utf8')), headers: response.headers };
    } catch {
      throw new RequestFailed(`${hostOf(request.url)} sent malformed JSON for ${pathOf(request.url)}`);
    }
  }

  private async send(request: Omit<HttpRequest, 'timeoutMs' | 'maxBytes'>): Promise<HttpResponse> {
    const o = this.options;
    let lastError = '';
    for (let attempt = 1; attempt <= o.attempts; attempt++) {
      let response: HttpResponse;
      try {
        this.requests++;
        response = await this.limiter.run(() => o.transport({ ...request, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes }));
      } catch (e) {
        // A body over the cap will be as large next time: do not ask again.
        // A body over the cap will be as large next time, and a server that hung once gets no second
        // full timeout: neither is asked again.
        if (e instanceof TransportError && e.kind !== 'network') throw new RequestFailed(e.message);
        lastError = e instanceof Error ? e.message : String(e);
        if (attempt < o.attempts) await sleep(o.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const { status } = response;
      if ((status >= 200 && status < 300) || status === 304 || status === 404) return response;
      lastError = `${hostOf(request.url)} answered HTTP ${status} for ${pathOf(request.url)}`;
      if (status !== 429 && status < 500) throw new RequestFailed(lastError, status);
      if (attempt === o.attempts) throw new RequestFailed(lastError, status);
      const wait = status === 429 ? retryAfterMs(response.headers['retry-after']) : undefined;
      if (wait !== undefined && wait > o.maxRetryAfterMs) throw new RequestFailed(`${lastError}; asked to retry after ${Math.round(wait / 1000)} s`, status);
      await sleep(wait ?? o.backoffMs * 2 ** (attempt - 1));
    }
    throw new RequestFailed(lastError);
  }
}

/** Retry-After as seconds or an HTTP date → milliseconds from now. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}

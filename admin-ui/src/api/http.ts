import { ApiError, type ApiErrorBody } from './api-error';

/**
 * The single way the UI talks to the API. Everything cross-cutting lives here: the
 * Accept-Language header, JSON encoding, error decoding and (later) the session. Sessions will
 * ride on the same-origin cookie sent by `credentials: 'same-origin'`; a 401 goes to
 * `onUnauthorized`, which the auth module will point at the sign-in page.
 */
export interface HttpOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

interface HttpConfig {
  baseUrl: string;
  locale: () => string;
  onUnauthorized: (error: ApiError) => void;
  fetch: typeof fetch;
}

const config: HttpConfig = {
  baseUrl: '/api',
  locale: () => 'en',
  onUnauthorized: () => {},
  fetch: (...args) => globalThis.fetch(...args),
};

export function configureHttp(options: Partial<HttpConfig>): void {
  Object.assign(config, options);
}

export function buildUrl(path: string, query: HttpOptions['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${config.baseUrl}${path}${search ? `?${search}` : ''}`;
}

export async function http<T>(method: string, path: string, options: HttpOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': config.locale(), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await config.fetch(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const payload: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = new ApiError(response.status, toErrorBody(payload, response.statusText));
    if (response.status === 401) config.onUnauthorized(error);
    throw error;
  }
  return payload as T;
}

function toErrorBody(payload: unknown, fallback: string): ApiErrorBody {
  if (payload && typeof payload === 'object' && 'code' in payload) return payload as ApiErrorBody;
  return { code: 'CRM_ERR_HTTP', message: fallback || 'Request failed' };
}

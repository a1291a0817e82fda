import { configureHttp } from '../api/http';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

type Responder = (request: SeenRequest) => { status?: number; body?: unknown } | undefined;

/** Points the HTTP client at a fake server; returns the requests it saw. */
export function fakeApi(respond: Responder): SeenRequest[] {
  const seen: SeenRequest[] = [];
  configureHttp({
    fetch: async (input, init) => {
      const request: SeenRequest = {
        method: init?.method ?? 'GET',
        url: new URL(String(input), 'http://ui.test'),
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      seen.push(request);
      const answer = respond(request) ?? { status: 404, body: { code: 'CRM_ERR_ROUTE_NOT_FOUND', message: 'not found' } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status ?? 200 });
    },
  });
  return seen;
}

import autocannon from 'autocannon';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface LoadResult {
  seconds: number;
  connections: number;
  /** Responses of any status. */
  responses: number;
  /** Successful (2xx) requests per second: the throughput that counts. */
  reqPerSec: number;
  ok: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Latency of the 2xx responses, in ms. */
  latency: LatencySummary;
  /**
   * The server process's CPU time per successful request, in µs: less sensitive to other work on
   * the machine than req/s (it does not count PostgreSQL's share).
   */
  cpuPerRequestUs?: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  request: autocannon.Request;
}

/** One autocannon run, before it is combined with the other rounds of the same server. */
export interface LoadRound {
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  okLatencies: number[];
  /** CPU time the server used during the round (ms). */
  cpuMs?: number;
}

/** Drives one server with autocannon for a fixed time; only 2xx responses count as successful requests. */
export async function runLoad(options: LoadOptions): Promise<LoadRound> {
  const okLatencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        duration: options.seconds,
        connections: options.connections,
        pipelining: 1,
        timeout: 30,
        requests: [options.request],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) okLatencies.push(responseTime);
    });
  });
  return {
    seconds: result.duration,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    okLatencies,
  };
}

/** Adds up the rounds of one server into its result for the scenario. */
export function combineRounds(rounds: LoadRound[], connections: number): LoadResult {
  const sum = (pick: (round: LoadRound) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const statusCodes: Record<string, number> = {};
  for (const round of rounds) for (const [code, n] of Object.entries(round.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  return {
    seconds: Math.round(seconds * 100) / 100,
    connections,
    responses: Object.values(statusCodes).reduce((total, n) => total + n, 0),
    reqPerSec: Math.round((ok / seconds) * 10) / 10,
    ok,
    non2xx: sum((r) => r.non2xx),
    statusCodes,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    latency: summarize(rounds.flatMap((r) => r.okLatencies)),
    cpuPerRequestUs: ok ? Math.round((sum((r) => r.cpuMs ?? 0) / ok) * 1000) : 0,
  };
}

/** One client, one request after the other: the latency a single user sees with no queueing. */
export async function probeLatency(urls: string[], rounds: number, headers: Record<string, string> = {}): Promise<LatencySummary & { failures: number }> {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const response = await fetch(urls[i % urls.length]!, { headers });
    await response.arrayBuffer();
    if (response.ok) times.push(performance.now() - started);
    else failures++;
  }
  return { ...summarize(times), failures };
}

/** A latency probe whose responses carry `total` (and the product's `total_estimated`): what each path answered. */
export async function probeTotals(
  urls: string[],
  rounds: number,
  headers: Record<string, string> = {},
): Promise<LatencySummary & { failures: number; totals: { url: string; total: number; estimated: boolean }[] }> {
  const times: number[] = [];
  const totals = new Map<string, { url: string; total: number; estimated: boolean }>();
  let failures = 0;
  for (let i = 0; i < rounds; i++) {
    const url = urls[i % urls.length]!;
    const started = performance.now();
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { total?: number; total_estimated?: boolean };
    if (!response.ok || typeof body.total !== 'number') {
      failures++;
      continue;
    }
    times.push(performance.now() - started);
    totals.set(url, { url, total: body.total, estimated: body.total_estimated === true });
  }
  return { ...summarize(times), failures, totals: [...totals.values()] };
}

export function summarize(values: number[]): LatencySummary {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0, mean: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / sorted.length),
    max: round(sorted[sorted.length - 1]!),
  };
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server started as a child process of the bench, with its resident memory sampled every 500 ms. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Stops the process and returns its peak resident memory in MB. */
  stop(): Promise<MemoryReport>;
}

export interface MemoryReport {
  /** VmRSS once the server first answered, before any load. */
  startMb: number;
  /** Highest VmRSS sampled every 500 ms. */
  sampledPeakMb: number;
  /** VmHWM (the kernel's high-water mark) read just before stopping. */
  highWaterMb: number;
  peakMb: number;
}

export interface StartOptions {
  name: string;
  /** Script run with node: TypeScript through `--import tsx`, JavaScript as it is. */
  script: string;
  cwd: string;
  env: Record<string, string>;
  nodeArgs?: string[];
  healthPath: string;
  port: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node <script>` with the bench's own Node (the workspace's Node 22) and waits until it answers. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const loader = options.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, options.script], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[${options.name}] ${chunk}`);
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilHealthy(child, `${url}${options.healthPath}`, output);

  const startKb = readStatusKb(child.pid!, 'VmRSS');
  let sampledPeak = startKb;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, readStatusKb(child.pid!, 'VmRSS'));
  }, 500);
  sampler.unref();

  return {
    name: options.name,
    url,
    pid: child.pid!,
    async stop() {
      clearInterval(sampler);
      const highWater = readStatusKb(child.pid!, 'VmHWM');
      sampledPeak = Math.max(sampledPeak, readStatusKb(child.pid!, 'VmRSS'));
      await stopChild(child);
      const mb = (kb: number) => Math.round(kb / 102.4) / 10;
      return { startMb: mb(startKb), sampledPeakMb: mb(sampledPeak), highWaterMb: mb(highWater), peakMb: mb(Math.max(sampledPeak, highWater)) };
    },
  };
}

async function waitUntilHealthy(child: ChildProcess, healthUrl: string, output: string[]): Promise<void> {
  const deadline = Date.now() + 120_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited while starting:\n${output.join('')}`);
    try {
      const response = await fetch(healthUrl);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer ${healthUrl} within 120 s:\n${output.join('')}`);
}

/** SIGTERM (the API closes its pool and, under --cpu-prof, writes its profile), SIGKILL after 15 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function readStatusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Builds the production bundle of a core directory when it is missing or older than its sources (as `pnpm start` does). */
export function buildCore(coreDir: string): string {
  const result = spawnSync(process.execPath, [path.join(coreDir, 'scripts', 'build.mjs'), '--if-stale'], { cwd: coreDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`building ${coreDir} failed (exit ${result.status})`);
  return path.join(coreDir, 'dist', 'server.js');
}

/**
 * The Node options core's start script runs the bundle with (`node … dist/server.js` in
 * core/package.json), so that the bench measures the API exactly as `pnpm start` runs it.
 */
export function productionNodeArgs(coreDir: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(coreDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const match = /(?:^|&&)\s*node((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/server\.js\s*$/.exec(pkg.scripts?.start ?? '');
  if (!match) throw new Error(`core's start script does not end in "node [options] dist/server.js": ${pkg.scripts?.start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

/** CPU time (user + system) a process has used so far, in ms (from /proc; 0 when unreadable). */
export function cpuTimeMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

// Server figures against a child-process mock and a bare node:http server serving a same-size body:
// req/s and p99 (the load generator shares these 2 cores, so req/s is capped by it), and the server's
// own CPU time per request, which the generator cannot inflate.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { type LoadResult, quantile, runLoad } from './load.js';

export interface ServerInfo {
  url: string;
  path: string;
  headers: Record<string, string>;
  bodyBytes: number;
  apiKey?: string;
}

export interface BenchServer {
  readonly info: ServerInfo;
  readonly child: ChildProcess;
}

export interface Measured extends LoadResult {
  /** Server CPU time (user + system) per request, µs. */
  readonly cpuUs: number;
}

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
}

export async function startServer(...args: string[]): Promise<BenchServer> {
  const script = new URL('./servers.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const [line] = (await once(lines, 'line')) as [string];
  return { info: JSON.parse(line) as ServerInfo, child };
}

/** Sends `message` over IPC and waits for the answer. */
export async function ask<T>(server: BenchServer, message: unknown): Promise<T> {
  server.child.send(message as string);
  const [answer] = (await once(server.child, 'message')) as [T];
  return answer;
}

/** One load run (closed loop, or paced at `ratePerSecond`), with the server's CPU time over it. */
export async function measure(
  server: BenchServer,
  connections: number,
  durationMs: number,
  ratePerSecond?: number,
): Promise<Measured> {
  const before = await ask<NodeJS.CpuUsage>(server, 'cpu');
  const { url, path, headers } = server.info;
  const result = await runLoad(url, path, headers, {
    connections,
    durationMs,
    ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
  });
  const after = await ask<NodeJS.CpuUsage>(server, 'cpu');
  const cpu = after.user - before.user + (after.system - before.system);
  return { ...result, cpuUs: cpu / result.requests };
}

/** What `sequentialP99` measures. */
export interface SequentialFigures {
  /** p99 (ms) as the client saw it: the server's time plus the loopback, the scheduler and the client's own pauses. */
  readonly p99Ms: number;
  /** p99 (ms) of the server's own time per request (request parsed -> response handed to the kernel). */
  readonly serviceP99Ms: number;
  /** The server's CPU time per request, µs. */
  readonly cpuUs: number;
  /** Mean response body size, bytes. */
  readonly meanBytes: number;
  readonly bodies: Set<string>;
}

/**
 * `count` sequential GETs cycling over `paths` (after one warm-up round): the p99 the client saw, the
 * p99 of the server's own time, and the server's CPU time per request.
 */
export async function sequentialP99(
  server: BenchServer,
  paths: readonly string[],
  count: number,
): Promise<SequentialFigures> {
  const pool = new Pool(server.info.url, { connections: 1 });
  let before: NodeJS.CpuUsage | undefined;
  const latencies: number[] = [];
  const bodies = new Set<string>();
  let bytes = 0;
  try {
    for (let i = 0; i < count + paths.length; i++) {
      if (i === paths.length) {
        before = await ask<NodeJS.CpuUsage>(server, 'cpu');
        await ask<boolean>(server, 'time'); // from here on, not the warm-up round
      }
      const path = paths[i % paths.length] ?? '/';
      const sent = performance.now();
      const response = await pool.request({ path, method: 'GET', headers: server.info.headers });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${text}`);
      if (i >= paths.length) {
        latencies.push(performance.now() - sent); // the first round warms up
        bytes += Buffer.byteLength(text);
      }
      bodies.add(text);
    }
    const after = await ask<NodeJS.CpuUsage>(server, 'cpu');
    const service = await ask<number[]>(server, 'service');
    const cpu = before === undefined ? Number.NaN : after.user - before.user + (after.system - before.system);
    return {
      p99Ms: quantile(latencies, 0.99),
      serviceP99Ms: service.length === count ? quantile(service, 0.99) : Number.NaN,
      cpuUs: cpu / count,
      meanBytes: bytes / count,
      bodies,
    };
  } finally {
    await pool.close();
  }
}

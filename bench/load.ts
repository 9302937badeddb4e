import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** 99th percentile of the per-request latency (ms), queueing on the connections included. */
  readonly p99Ms: number;
}

/** The median; for an even count, the mean of the middle two. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The `q` quantile (0-1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationMs: number;
  /**
   * Offered load: request n leaves no earlier than n / ratePerSecond s after the start (a connection
   * still waits for its last answer). Absent: closed loop, each connection sends the next request as
   * soon as the last one ends, as fast as the server (and the generator beside it) can go.
   */
  readonly ratePerSecond?: number;
}

/** Load over `connections` keep-alive connections: closed loop, or paced at `ratePerSecond`. */
export async function runLoad(
  url: string,
  path: string,
  headers: Record<string, string>,
  options: LoadOptions,
): Promise<LoadResult> {
  const pool = new Pool(url, { connections: options.connections, pipelining: 1 });
  let requests = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + options.durationMs;
  const interval = options.ratePerSecond === undefined ? 0 : 1000 / options.ratePerSecond;
  let slots = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      if (interval > 0) {
        const due = started + slots++ * interval;
        if (due >= deadline) break;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const sent = performance.now();
      const response = await pool.request({ path, method: 'GET', headers });
      await response.body.dump();
      latencies.push(performance.now() - sent);
      if (response.statusCode === 200) requests += 1;
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  if (failures > 0) throw new Error(`${failures} requests failed during the load run: the benchmark is invalid.`);
  return { requests, seconds, perSecond: requests / seconds, p99Ms: quantile(latencies, 0.99) };
}

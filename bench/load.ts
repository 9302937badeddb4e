import { Pool } from 'undici';

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Closed-loop load: `connections` keep-alive connections, each sending the next request when the last ends. */
export async function runLoad(
  url: string,
  path: string,
  headers: Record<string, string>,
  options: { connections: number; durationMs: number },
): Promise<LoadResult> {
  const pool = new Pool(url, { connections: options.connections, pipelining: 1 });
  let requests = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const response = await pool.request({ path, method: 'GET', headers });
      await response.body.dump();
      if (response.statusCode === 200) requests += 1;
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  if (failures > 0) throw new Error(`${failures} requests failed during the load run: the benchmark is invalid.`);
  return { requests, seconds, perSecond: requests / seconds };
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ErrorCodes, RetryStrategy } from '../contract/index.js';
import { type FaultMatch, type FaultTarget, faultMatches } from '../reference-mock/faults.js';
import { ObserveError } from './errors.js';

/**
 * What the proxy does to a matching request. All but `lost_response` are answered by the proxy without
 * forwarding, so the provider's state is untouched: `status` / `rate_limit` (an error envelope, 429 and
 * 5xx with Retry-After), `drop` (the connection is closed), `hang` (held until the client gives up),
 * `delay` (held `delayMs`, then forwarded unless the client left). `lost_response` forwards the request,
 * lets the provider run it, and closes the client's connection instead of passing the answer on.
 */
export const ProxyFaultKind = z.enum(['status', 'rate_limit', 'drop', 'hang', 'delay', 'lost_response']);
export type ProxyFaultKind = z.infer<typeof ProxyFaultKind>;

const errorCode = z.string().refine((code) => Object.hasOwn(ErrorCodes, code), {
  message: 'not a DutyClaims error code (see harness/contract/error-codes.ts)',
});

/** One entry of a `--faults` file: the reference mock's fault shape, plus `lost_response`. */
export const ProxyFaultSpec = z
  .object({
    kind: ProxyFaultKind,
    count: z.number().int().min(1).max(1_000_000).default(1),
    status: z.number().int().min(400).max(599).optional(),
    errorCode: errorCode.optional(),
    retryStrategy: RetryStrategy.optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    match: z
      .object({ operationId: z.string().optional(), method: z.string().optional(), path: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ProxyFaultSpec = z.infer<typeof ProxyFaultSpec>;
export type ProxyFaultInput = z.input<typeof ProxyFaultSpec>;

/** A `--faults` file: a JSON array of faults, applied in order (the first that matches takes the request). */
export const FaultScheduleFile = z.array(ProxyFaultSpec).max(10_000);

/** Faults kinds the proxy answers itself: a production upstream never sees them, but a write guard needs none. */
export const isAnsweredByProxy = (kind: ProxyFaultKind): boolean => kind !== 'lost_response' && kind !== 'delay';

/** Faults waiting to fire, first match wins; each use counts down. */
export interface ProxyFaultBook {
  take(target: FaultTarget): ProxyFaultSpec | null;
  readonly specs: readonly ProxyFaultSpec[];
}

/** A fault book over a parsed schedule. */
export function createProxyFaultBook(specs: readonly ProxyFaultSpec[]): ProxyFaultBook {
  const held = specs.map((spec) => ({ spec, remaining: spec.count }));
  return {
    specs,
    take(target) {
      const fault = held.find((f) => f.remaining > 0 && faultMatches(f.spec.match as FaultMatch | undefined, target));
      if (!fault) return null;
      fault.remaining--;
      return fault.spec;
    },
  };
}

/** Parses a fault schedule (the content of a `--faults` file), with every problem named. */
export function parseFaultSchedule(json: unknown, source: string): ProxyFaultSpec[] {
  const parsed = FaultScheduleFile.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
  throw new ObserveError(
    'OBSERVE_ERR_FAULTS_FILE',
    `${source} is not a fault schedule (${problems.slice(0, 5).join('; ')}). Write a JSON array such as [{"kind":"lost_response","match":{"operationId":"createClaim"}}].`,
  );
}

/** Reads and parses a `--faults` file. */
export async function readFaultSchedule(path: string): Promise<ProxyFaultSpec[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ObserveError(
      'OBSERVE_ERR_FAULTS_FILE',
      `Cannot read the faults file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ObserveError(
      'OBSERVE_ERR_FAULTS_FILE',
      `The faults file ${path} is not JSON (${(error as Error).message}): write a JSON array of faults.`,
    );
  }
  return parseFaultSchedule(json, path);
}

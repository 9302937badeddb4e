import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';

/** W3C Trace Context `traceparent`, version 00: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** True for a `traceparent` a W3C Trace Context receiver accepts (version 00, non-zero ids). */
export function isValidTraceparent(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = TRACEPARENT.exec(value);
  return match !== null && !/^0+$/.test(match[1] ?? '') && !/^0+$/.test(match[2] ?? '');
}

/** The trace id of a valid `traceparent`, else null. */
export const traceIdOf = (traceparent: string | null | undefined): string | null =>
  isValidTraceparent(traceparent) ? (TRACEPARENT.exec(traceparent)?.[1] ?? null) : null;

interface OtelApi {
  readonly context: { active(): unknown };
  readonly trace: {
    getSpanContext(context: unknown): { traceId: string; spanId: string; traceFlags: number } | undefined;
  };
  readonly isSpanContextValid: (context: { traceId: string; spanId: string; traceFlags: number }) => boolean;
}

let otel: OtelApi | null | undefined;
/** `@opentelemetry/api` when the partner has it (an optional peer); loaded once, never required. */
function openTelemetry(): OtelApi | null {
  if (otel !== undefined) return otel;
  try {
    otel = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
  } catch {
    otel = null;
  }
  return otel;
}

/**
 * Random bytes as hex, taken from a pool refilled 4 KiB at a time. Two `randomBytes` calls per request
 * (a Buffer each, and a trip into the crypto binding) were 5-15 us of the client's own time per call;
 * one refill serves ~170 calls. Trace and span ids are not secrets: they only need to be random.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let taken = 0;
function randomHex(bytes: number): string {
  if (taken + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    taken = 0;
  }
  const hex = pool.toString('hex', taken, taken + bytes);
  taken += bytes;
  return hex;
}

const nonZeroHex = (bytes: number): string => {
  for (;;) {
    const hex = randomHex(bytes);
    if (!/^0+$/.test(hex)) return hex;
  }
};

/**
 * The `traceparent` of one logical call: the active OpenTelemetry span's context when
 * `@opentelemetry/api` is installed and a span is active, else a new sampled trace.
 */
export function newTraceparent(api: OtelApi | null = openTelemetry()): string {
  const active = api?.trace.getSpanContext(api.context.active());
  if (api && active && api.isSpanContextValid(active))
    return `00-${active.traceId}-${active.spanId}-${(active.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  return `00-${nonZeroHex(16)}-${nonZeroHex(8)}-01`;
}

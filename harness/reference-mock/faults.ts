import type { ErrorCode, RetryStrategy } from '../contract/index.js';
import { newId } from './ids.js';

export type FaultKind = 'status' | 'rate_limit' | 'delay' | 'drop' | 'hang' | 'duplicate_delivery';

/** Which API requests a fault applies to; every given field must match. */
export interface FaultMatch {
  readonly operationId?: string;
  readonly method?: string;
  /** A concrete path (`/v1/claims/clm_...`) or the route template (`/v1/claims/{claimId}/status`). */
  readonly path?: string;
}

/** A fault to inject into the next `count` matching API responses (or webhook deliveries). */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching requests (deliveries for `duplicate_delivery`) it applies to; default 1. */
  readonly count?: number;
  /**
   * For `status`: the status to answer (default: the status of `errorCode`, else 500; 429 and 5xx
   * from 502 carry Retry-After).
   */
  readonly status?: number;
  /**
   * For `status` and `rate_limit`: the envelope's error code (default: the catalog's code for the
   * status), e.g. `credential_invalid` for a credential revoked mid-run or `api_disabled`.
   */
  readonly errorCode?: ErrorCode;
  /**
   * For `status` and `rate_limit`: the envelope's `retryStrategy` (default: the code's), e.g. a 503
   * that says `no_retry` or `contact_support`, which a client branching on the status alone retries.
   */
  readonly retryStrategy?: RetryStrategy;
  /** For `status` 503/429 and `rate_limit`: the Retry-After seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** For `delay`: real milliseconds to wait before answering normally (default 1000). */
  readonly delayMs?: number;
  readonly match?: FaultMatch;
}

/** A fault the mock holds, with what is left of it. */
export interface InjectedFault {
  readonly id: string;
  readonly kind: FaultKind;
  readonly remaining: number;
  readonly status: number | null;
  readonly errorCode: ErrorCode | null;
  readonly retryStrategy: RetryStrategy | null;
  readonly retryAfterSeconds: number | null;
  readonly delayMs: number | null;
  readonly match: FaultMatch | null;
}

interface HeldFault {
  readonly id: string;
  readonly spec: FaultSpec;
  remaining: number;
}

/** The request a fault is matched against. */
export interface FaultTarget {
  readonly method: string;
  readonly path: string;
  readonly operationId: string | null;
  readonly template: string | null;
}

/** Faults waiting to fire, in the order they were injected. */
export interface FaultBook {
  add(spec: FaultSpec): InjectedFault;
  list(): InjectedFault[];
  /** Takes one use of the first request fault matching `target`, if any. */
  takeForRequest(target: FaultTarget): FaultSpec | null;
  /** Takes one use of a `duplicate_delivery` fault; true when the next delivery must be sent twice. */
  takeDuplicateDelivery(): boolean;
  clear(): void;
}

/** Whether a fault's match applies to a request (no match: every request). */
export const faultMatches = (match: FaultMatch | undefined, target: FaultTarget): boolean =>
  !match ||
  ((match.operationId === undefined || match.operationId === target.operationId) &&
    (match.method === undefined || match.method.toUpperCase() === target.method) &&
    (match.path === undefined || match.path === target.path || match.path === target.template));

const describe = (fault: HeldFault): InjectedFault => ({
  id: fault.id,
  kind: fault.spec.kind,
  remaining: fault.remaining,
  status: fault.spec.status ?? null,
  errorCode: fault.spec.errorCode ?? null,
  retryStrategy: fault.spec.retryStrategy ?? null,
  retryAfterSeconds: fault.spec.retryAfterSeconds ?? null,
  delayMs: fault.spec.delayMs ?? null,
  match: fault.spec.match ?? null,
});

/** Creates an empty fault book. */
export function createFaultBook(): FaultBook {
  let held: HeldFault[] = [];
  const take = (fault: HeldFault) => {
    fault.remaining--;
    if (fault.remaining <= 0) held = held.filter((other) => other !== fault);
    return fault.spec;
  };
  return {
    add(spec) {
      const fault: HeldFault = { id: newId('flt'), spec, remaining: spec.count ?? 1 };
      held.push(fault);
      return describe(fault);
    },
    list: () => held.map(describe),
    takeForRequest(target) {
      if (held.length === 0) return null;
      const fault = held.find((f) => f.spec.kind !== 'duplicate_delivery' && faultMatches(f.spec.match, target));
      return fault ? take(fault) : null;
    },
    takeDuplicateDelivery() {
      const fault = held.find((f) => f.spec.kind === 'duplicate_delivery');
      if (!fault) return false;
      take(fault);
      return true;
    },
    clear() {
      held = [];
    },
  };
}

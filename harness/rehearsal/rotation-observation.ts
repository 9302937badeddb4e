import type { Outcome } from './observations.js';

/** One call made while the client switched keys: which key served it and what came back. */
export interface SwitchCall {
  /** The prefix of the key the final attempt sent; never the key. */
  readonly keyPrefix: string | null;
  /** Started after the client was handed the new key. */
  readonly afterSwitch: boolean;
  readonly ok: boolean;
  readonly status: number | null;
  readonly errorCode: string | null;
  readonly requestId: string | null;
  readonly attempts: number;
}

/** One synthetic delivery of the webhook-secret rotation, as the receiver (or delivery log) saw it. */
export interface RotationDelivery {
  readonly deliveryId: string | null;
  readonly eventId: string | null;
  /** Sent before the rotation, after it (old and new secret both sign), or after the old secret expired. */
  readonly phase: 'before' | 'overlap' | 'after-overlap';
  readonly accepted: boolean;
  readonly detail: string;
}

/** What the key and secret rotation of a run saw. Prefixes and ids only, never a key or secret. */
export interface RotationObservation {
  /** Why the rotation did not run (not asked for, read-only, OAuth, no golden path), or null. */
  readonly skipped: string | null;
  readonly graceSeconds: number;
  /** How the grace was waited out: the mock's clock, or real time. */
  readonly clock: 'mock' | 'real';
  oldKeyPrefix: string | null;
  newKeyPrefix: string | null;
  created: Outcome<{ readonly id: string; readonly prefix: string; readonly scopes: readonly string[] }> | null;
  switchCalls: SwitchCall[];
  revoke: Outcome<{ readonly status: string; readonly graceEndsAt: string | null }> | null;
  /** A call with the old key after revocation, inside the grace. */
  insideGrace: SwitchCall | null;
  /** A call with the old key once the grace had passed. */
  afterGrace: SwitchCall | null;
  /** Why the webhook-secret rotation did not run, or null. */
  secretSkipped: string | null;
  secretRotate: Outcome<{ readonly secretPrefix: string }> | null;
  deliveries: RotationDelivery[];
  secretError: string | null;
}

/** A rotation that did not run, and why. */
export const skippedRotation = (reason: string, graceSeconds: number): RotationObservation => ({
  skipped: reason,
  graceSeconds,
  clock: 'real',
  oldKeyPrefix: null,
  newKeyPrefix: null,
  created: null,
  switchCalls: [],
  revoke: null,
  insideGrace: null,
  afterGrace: null,
  secretSkipped: reason,
  secretRotate: null,
  deliveries: [],
  secretError: null,
});

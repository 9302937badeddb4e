import type { RetryStrategy } from '../../contract/index.js';
import type { FaultSpec } from '../../reference-mock/index.js';

/** A fault whose envelope tells the client not to retry, and the strategy it says. */
export interface StrategyFault extends FaultSpec {
  readonly retryStrategy: Exclude<RetryStrategy, 'backoff'>;
}

/**
 * Answers whose status a client branching on the status alone retries (503, 500, 429), but whose
 * envelope says `no_retry` or `contact_support`: retry-strategy-honoured judges that none is retried.
 * One step 6 id each (ScenarioFixture.strategyClientIds, same order).
 */
export const STRATEGY_FAULTS: readonly StrategyFault[] = [
  { kind: 'status', status: 503, retryStrategy: 'no_retry', retryAfterSeconds: 0 },
  { kind: 'status', status: 500, retryStrategy: 'contact_support' },
  { kind: 'rate_limit', retryStrategy: 'contact_support', retryAfterSeconds: 1 },
];

/** A credential revoked mid-run: 401 `credential_invalid` (`no_retry`); no-retry-on-4xx judges it. */
export const REVOKED_CREDENTIAL_FAULT: FaultSpec = { kind: 'status', errorCode: 'credential_invalid' };

/** The API disabled for the partner: 403 `api_disabled` (`contact_support`); no-retry-on-4xx judges it. */
export const API_DISABLED_FAULT: FaultSpec = { kind: 'status', errorCode: 'api_disabled' };

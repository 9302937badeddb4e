import type { ServerResponse } from 'node:http';
import { type ErrorCode, ErrorCodes } from '../../harness/contract/error-codes.js';
import { CONTRACT_PIN } from '../../harness/contract/pin.js';

/** Valid ids of each kind (prefix + 20 lowercase base32 characters). */
export const ids = {
  partnerOrg: 'porg_7k2m9q4x8p3v6w1z5n0b',
  client: 'cli_7k2m9q4x8p3v6w1z5n0b',
  claim: 'clm_7k2m9q4x8p3v6w1z5n0b',
  job: 'job_7k2m9q4x8p3v6w1z5n0b',
  endpoint: 'we_7k2m9q4x8p3v6w1z5n0b',
  event: 'evt_7k2m9q4x8p3v6w1z5n0b',
  request: (n: number) => `req_${String(n).padStart(20, '0')}`,
  delivery: (n: number) => `whd_${String(n).padStart(20, '0')}`,
} as const;

/** A PartnerOrganization body that satisfies the contract. */
export const partnerOrganization = (environment: 'sandbox' | 'production' = 'sandbox') => ({
  id: ids.partnerOrg,
  name: 'Acme Customs Ltd',
  environment,
  status: 'active',
  contract: { hash: CONTRACT_PIN.hash, version: CONTRACT_PIN.version },
  createdAt: '2026-11-01T09:00:00.000Z',
});

/** A Claim body as `POST /v1/claims` answers it. */
export const claim = () => ({
  id: ids.claim,
  jobId: ids.job,
  clientId: ids.client,
  status: 'received',
  claimType: 'duty_drawback',
  amount: { currency: 'GBP', value: '120.50' },
  reference: 'order-1',
  createdAt: '2026-11-01T09:00:00.000Z',
});

/** A WebhookDelivery body with the given sequence number in its id. */
export const delivery = (n: number) => ({
  id: ids.delivery(n),
  eventId: ids.event,
  endpointId: ids.endpoint,
  eventType: 'sandbox.test',
  status: 'succeeded',
  attempts: [{ attempt: 1, at: '2026-11-01T09:00:00.000Z', responseStatus: 200, error: null, durationMs: 12 }],
  createdAt: '2026-11-01T09:00:00.000Z',
  nextAttemptAt: null,
});

/** The error envelope the provider sends for `code`, with its catalogued status, type and retry strategy. */
export const errorEnvelope = (code: ErrorCode, correlationId = 'corr_test', requestNumber = 1) => {
  const spec = ErrorCodes[code];
  return {
    status: spec.status,
    body: {
      error: {
        type: spec.type,
        code,
        message: spec.message,
        requestId: ids.request(requestNumber),
        correlationId,
        retryStrategy: spec.retryStrategy,
      },
    },
  };
};

/** Writes a JSON response with the headers every DutyClaims response carries. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  requestNumber = 1,
): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-request-id': ids.request(requestNumber),
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': '99',
    'x-ratelimit-reset': '1795000000',
    'dutyclaims-contract-hash': CONTRACT_PIN.hash,
    'dutyclaims-environment': 'sandbox',
    ...headers,
  });
  response.end(JSON.stringify(body));
}

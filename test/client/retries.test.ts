import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  type ClientOptions,
  createDutyClaimsClient,
  isDutyClaimsApiError,
  isNetworkError,
} from '../../harness/client/index.js';
import type { ErrorCode } from '../../harness/contract/index.js';
import { createHttpTestServer } from '../support/create-http-test-server.js';
import { claim, errorEnvelope, ids, sendJson } from '../support/dutyclaims-responses.js';

const apiKey = 'dc_test_abcdefghijklmnopqrstuvwxyz234567';
const claimBody = {
  clientId: ids.client,
  claimType: 'duty_drawback' as const,
  amount: { currency: 'GBP', value: '10.00' },
  reference: 'order-7',
};

/** A client whose waits are recorded instead of slept, with jitter fixed at half the window. */
function recordingClient(baseUrl: string, extra: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createDutyClaimsClient({
    baseUrl,
    credential: { apiKey },
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  return { client, sleeps };
}

/** Answers `failures` with the given error, then succeeds with a claim. */
const failThenSucceed = (failures: number, code: ErrorCode, headers: Record<string, string> = {}) => {
  let count = 0;
  return (request: { headers: Record<string, unknown> }, response: Parameters<typeof sendJson>[0]) => {
    count += 1;
    if (count > failures) return sendJson(response, 202, claim(), {}, count);
    const { status, body } = errorEnvelope(code, String(request.headers['x-correlation-id']), count);
    sendJson(response, status, body, headers, count);
  };
};

describe('retries', () => {
  it('retries 503 with full-jitter backoff and the same Idempotency-Key and correlation id', async () => {
    await using server = await createHttpTestServer(failThenSucceed(2, 'service_unavailable'));
    const { client, sleeps } = recordingClient(server.url);
    await using _ = client;

    const { meta } = await client.createClaim(claimBody);

    expect(server.requests).toHaveLength(3);
    const keys = new Set(server.requests.map((request) => request.headers['idempotency-key']));
    const correlations = new Set(server.requests.map((request) => request.headers['x-correlation-id']));
    expect([...keys]).toEqual([meta.idempotencyKey]);
    expect([...correlations]).toEqual([meta.correlationId]);
    expect(sleeps).toEqual([100, 200]);
    expect(meta.attempts.map((attempt) => [attempt.status, attempt.errorCode, attempt.delayMs])).toEqual([
      [503, 'service_unavailable', 0],
      [503, 'service_unavailable', 100],
      [202, null, 200],
    ]);
    expect(meta.attempts.map((attempt) => attempt.requestId)).toEqual([ids.request(1), ids.request(2), ids.request(3)]);
    expect(meta.requestId).toBe(ids.request(3));
  });

  it('waits at least Retry-After on 429', async () => {
    await using server = await createHttpTestServer(failThenSucceed(1, 'rate_limited', { 'retry-after': '3' }));
    const { client, sleeps } = recordingClient(server.url);
    await using _ = client;
    const { meta } = await client.createClaim(claimBody);
    expect(sleeps).toEqual([3_000]);
    expect(server.requests).toHaveLength(2);
    expect(meta.attempts.map((attempt) => attempt.delayMs)).toEqual([0, 3_000]);
  });

  it('waits for Retry-After in real time with the default sleep', async () => {
    await using server = await createHttpTestServer(failThenSucceed(1, 'rate_limited', { 'retry-after': '1' }));
    await using client = createDutyClaimsClient({ baseUrl: server.url, credential: { apiKey } });
    const started = performance.now();
    const { meta } = await client.createClaim(claimBody);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(meta.attempts[1]?.delayMs).toBeGreaterThanOrEqual(1_000);
  });

  it('stops instead of retrying early when Retry-After exceeds maxRetryAfterMs', async () => {
    await using server = await createHttpTestServer(failThenSucceed(1, 'rate_limited', { 'retry-after': '120' }));
    const { client, sleeps } = recordingClient(server.url);
    await using _ = client;
    const error = await client.createClaim(claimBody).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 120_000 });
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    'validation_failed',
    'credential_invalid',
    'insufficient_scope',
    'resource_not_found',
    'idempotency_key_reused',
    'malformed_json',
  ] as const)('never retries %s', async (code) => {
    await using server = await createHttpTestServer(failThenSucceed(1, code));
    const { client, sleeps } = recordingClient(server.url);
    await using _ = client;
    const error = await client.createClaim(claimBody).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error) && error.code).toBe(code);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxAttempts and says how many attempts it made', async () => {
    await using server = await createHttpTestServer(failThenSucceed(10, 'internal_error'));
    const { client, sleeps } = recordingClient(server.url, { retry: { maxAttempts: 3 } });
    await using _ = client;
    const error = await client.createClaim(claimBody).catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error) && error.meta.attempts.length).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect((error as Error).message).toContain('after 3 attempts');
  });

  it('retries an envelope-less 502 from a proxy and reports DC_ERR_UNEXPECTED_RESPONSE', async () => {
    await using server = await createHttpTestServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    });
    const { client } = recordingClient(server.url, { retry: { maxAttempts: 2 } });
    await using _ = client;
    const error = await client.health().catch((caught: unknown) => caught);
    expect(isDutyClaimsApiError(error)).toBe(true);
    if (!isDutyClaimsApiError(error)) return;
    expect(error).toMatchObject({ code: 'DC_ERR_UNEXPECTED_RESPONSE', status: 502, envelope: null });
    expect(error.message).toContain('baseUrl');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a connection dropped before the response, keeping the Idempotency-Key', async () => {
    let count = 0;
    await using server = await createHttpTestServer((request, response) => {
      count += 1;
      if (count === 1) request.socket.destroy();
      else sendJson(response, 202, claim());
    });
    const { client } = recordingClient(server.url);
    await using _ = client;
    const { meta } = await client.createClaim(claimBody);
    expect(meta.attempts.map((attempt) => [attempt.status, attempt.errorCode])).toEqual([
      [null, 'DC_ERR_NETWORK'],
      [202, null],
    ]);
    expect(meta.attempts[0]?.errorDetail).toBe('UND_ERR_SOCKET');
    expect(new Set(server.requests.map((request) => request.headers['idempotency-key'])).size).toBe(1);
  });

  it('reports a refused connection as NetworkError after retrying it', async () => {
    const port = await freePort();
    const { client, sleeps } = recordingClient(`http://127.0.0.1:${port}`);
    await using _ = client;
    const error = await client.health().catch((caught: unknown) => caught);
    expect(isNetworkError(error)).toBe(true);
    if (!isNetworkError(error)) return;
    expect(error.causeCode).toBe('ECONNREFUSED');
    expect(error.meta.attempts).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(error.meta.status).toBeNull();
  });
});

/** A loopback port nothing listens on (bound, read, released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

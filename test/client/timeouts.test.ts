import { describe, expect, it, vi } from 'vitest';
import { createDutyClaimsClient, isTimeoutError } from '../../harness/client/index.js';
import { createHttpTestServer } from '../support/create-http-test-server.js';
import { ids, partnerOrganization, sendJson } from '../support/dutyclaims-responses.js';

const apiKey = 'dc_test_abcdefghijklmnopqrstuvwxyz234567';
const noWait = async () => {};

describe('timeouts', () => {
  it('times out a response whose headers never come, retries it, then succeeds', async () => {
    let count = 0;
    await using server = await createHttpTestServer((_request, response) => {
      count += 1;
      if (count === 1) return; // hang
      sendJson(response, 200, partnerOrganization());
    });
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { apiKey },
      timeouts: { headersMs: 150 },
      sleep: noWait,
    });
    const { meta } = await client.getPartnerOrganization(ids.partnerOrg);
    expect(meta.attempts.map((attempt) => [attempt.errorCode, attempt.errorDetail, attempt.status])).toEqual([
      ['DC_ERR_TIMEOUT', 'headers', null],
      [null, null, 200],
    ]);
    expect(meta.attempts[0]?.durationMs).toBeGreaterThanOrEqual(140);
  });

  it('rejects with TimeoutError phase headers when every attempt hangs', async () => {
    await using server = await createHttpTestServer(() => {});
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      credential: { apiKey },
      timeouts: { headersMs: 100 },
      retry: { maxAttempts: 2 },
      sleep: noWait,
    });
    const error = await client.getPartnerOrganization(ids.partnerOrg).catch((caught: unknown) => caught);
    expect(isTimeoutError(error)).toBe(true);
    if (!isTimeoutError(error)) return;
    expect(error).toMatchObject({ code: 'DC_ERR_TIMEOUT', phase: 'headers', timeoutMs: 100 });
    expect(error.meta.attempts).toHaveLength(2);
    // Both attempts reach the server, but on a busy machine the client's timeout may fire before the
    // server (same event loop) has read the second one: wait for it.
    await vi.waitFor(() => expect(server.requests).toHaveLength(2), { timeout: 10_000 });
  });

  it('times out a body that stalls after the headers', async () => {
    await using server = await createHttpTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"status":');
    });
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      timeouts: { bodyMs: 100 },
      retry: { maxAttempts: 1 },
    });
    const error = await client.health().catch((caught: unknown) => caught);
    expect(isTimeoutError(error) && error.phase).toBe('body');
  });

  it('ends the whole call at totalMs, backoff included, without another attempt', async () => {
    await using server = await createHttpTestServer(() => {});
    await using client = createDutyClaimsClient({
      baseUrl: server.url,
      timeouts: { headersMs: 5_000, totalMs: 200 },
    });
    const started = performance.now();
    const error = await client.health().catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(isTimeoutError(error)).toBe(true);
    if (!isTimeoutError(error)) return;
    // Phase `total`, not `headers`: the call deadline cut the attempt; without it the 5 s headers
    // timeout would have ended it (phase `headers`), and a retry would add a second attempt.
    expect(error).toMatchObject({ phase: 'total', timeoutMs: 200 });
    expect(error.meta.attempts.map((attempt) => [attempt.errorCode, attempt.errorDetail])).toEqual([
      ['DC_ERR_TIMEOUT', 'total'],
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    // At most one: on a busy machine the deadline may pass before the request reaches the server.
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });
});

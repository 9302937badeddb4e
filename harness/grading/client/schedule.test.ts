import { describe, expect, it } from 'vitest';
import { startReferenceMock } from '../../reference-mock/index.js';
import { faultSchedule } from './schedule.js';
import { seedScenario } from './setup.js';

// The schedule against the real reference mock: what a client meets at each step, in order.
describe('faultSchedule on the reference mock', () => {
  it('answers the documented faults in order, then normally', async () => {
    await using mock = await startReferenceMock();
    const fixture = await seedScenario(mock, 7);
    for (const fault of faultSchedule(fixture, { retryAfterSeconds: 1, holdMs: 400, slowReadMs: 50, maxRetries: 2 }))
      await mock.control.injectFault(fault);
    const headers = { authorization: `Bearer ${mock.personas.sandbox.apiKey}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown, timeoutMs = 5000) => {
      try {
        const response = await fetch(`${mock.url}${path}`, {
          method,
          headers: { ...headers, 'idempotency-key': 'k1' },
          signal: AbortSignal.timeout(timeoutMs),
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await response.json()) as { id?: string; error?: { code: string; retryStrategy: string } };
        return {
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          id: json.id,
          code: json.error?.code,
          retryStrategy: json.error?.retryStrategy,
        };
      } catch (error) {
        return { status: (error as Error).name === 'TimeoutError' ? 'timeout' : 'dropped' };
      }
    };

    const client = { externalRef: fixture.clientRef, name: 'P', country: 'GB' };
    expect(await call('POST', '/v1/clients', client)).toMatchObject({ status: 429, retryAfter: '1' });
    const created = await call('POST', '/v1/clients', client);
    expect(created.status).toBe(201);

    const claim = {
      clientId: created.id,
      claimType: 'duty_drawback',
      amount: { currency: 'GBP', value: '1' },
      reference: 'r',
    };
    expect(await call('POST', '/v1/claims', claim)).toMatchObject({ status: 503, retryAfter: '0' });
    expect(await call('POST', '/v1/claims', claim)).toMatchObject({ status: 'dropped' });
    const submitted = await call('POST', '/v1/claims', claim);
    expect(submitted.status).toBe(202);

    const statusPath = `/v1/claims/${submitted.id}/status`;
    expect(await call('GET', statusPath, undefined, 150)).toMatchObject({ status: 'timeout' });
    expect(await call('GET', statusPath)).toMatchObject({ status: 200 });

    const list = '/v1/webhook-deliveries?limit=5';
    expect(await call('GET', list)).toMatchObject({ status: 429, retryAfter: '1' });
    expect(await call('GET', list)).toMatchObject({ status: 503, retryAfter: '0' });
    expect((await call('GET', list)).status).toBe(200);

    const authority = (id: string) => call('GET', `/v1/clients/${id}/authority`);
    const [firstChain] = fixture.chainClientIds;
    const failures = [];
    for (let attempt = 0; attempt < 3; attempt++) failures.push((await authority(firstChain ?? '')).status);
    expect(failures).toEqual([503, 'dropped', 500]);
    const started = performance.now();
    expect((await authority(firstChain ?? '')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect((await authority(fixture.forbiddenClientId)).status).toBe(403);
    expect((await authority(fixture.unknownClientId)).status).toBe(404);
    // The read that keeps failing: maxRetries + 2 failures (2 + 2 here), then it clears.
    const giveUp = [];
    for (let attempt = 0; attempt < 5; attempt++) giveUp.push((await authority(fixture.giveUpClientId)).status);
    expect(giveUp).toEqual([503, 503, 503, 503, 200]);
    // Error branches: retryable-looking statuses whose envelope says not to retry, then 200.
    const [noRetry, support500, support429] = fixture.strategyClientIds;
    expect(await authority(noRetry ?? '')).toMatchObject({ status: 503, retryAfter: '0', retryStrategy: 'no_retry' });
    expect(await authority(support500 ?? '')).toMatchObject({ status: 500, retryStrategy: 'contact_support' });
    expect(await authority(support429 ?? '')).toMatchObject({ status: 429, retryStrategy: 'contact_support' });
    expect((await authority(noRetry ?? '')).status).toBe(200);
    expect(await authority(fixture.revokedClientId)).toMatchObject({ status: 401, code: 'credential_invalid' });
    expect(await authority(fixture.disabledClientId)).toMatchObject({
      status: 403,
      code: 'api_disabled',
      retryStrategy: 'contact_support',
    });
    expect(fixture.clientIds).toHaveLength(22);
    expect(new Set(fixture.clientIds).size).toBe(22);

    // The held read is journaled when its hold ends, with no status: the client had gone.
    await expect
      .poll(async () => (await mock.control.journal()).filter((e) => e.fault === 'delay' && e.status === null), {
        timeout: 1000,
      })
      .toHaveLength(1);
  });
});

import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { derivePersonas, isReferenceMockError, startReferenceMock } from '../../harness/reference-mock/index.js';
import { call } from './support/http.js';

describe('startReferenceMock', () => {
  it('starts on 127.0.0.1 with a free port, waiting on no timer', async () => {
    await (await startReferenceMock()).close(); // module warm-up
    // Timers frozen: a start or close that waited on one (a delay, a retry) would never settle and
    // the test would time out. Durations are printed, not asserted: they measure the machine's load.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    const durations: number[] = [];
    try {
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        const mock = await startReferenceMock();
        durations.push(performance.now() - started);
        expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(mock.port).toBeGreaterThan(0);
        await mock.close();
      }
    } finally {
      vi.useRealTimers();
    }
    durations.sort((a, b) => a - b);
    const [median, max] = [durations[2] ?? Number.NaN, durations[4] ?? Number.NaN];
    console.info(`reference mock start: median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms of 5`);
  });

  it('seeds the same personas every start for the same seed, others for another seed', async () => {
    await using first = await startReferenceMock({ seed: 'suite-a' });
    await using second = await startReferenceMock({ seed: 'suite-a' });
    await using third = await startReferenceMock({ seed: 'suite-b' });
    expect(first.personas).toEqual(second.personas);
    expect(first.personas).toEqual(derivePersonas('suite-a'));
    expect(third.personas.sandbox.apiKey).not.toBe(first.personas.sandbox.apiKey);
    // The seeded key works on the second server: credentials are a function of the seed alone.
    const org = await call(second.url, 'GET', `/v1/partner-organizations/${first.personas.sandbox.partnerOrgId}`, {
      token: first.personas.sandbox.apiKey,
    });
    expect(org.status).toBe(200);
    expect(await second.control.personas()).toEqual(second.personas);
  });

  it('stops listening when the `await using` scope ends, and close() can be called twice', async () => {
    let url = '';
    {
      await using mock = await startReferenceMock();
      url = mock.url;
      expect((await call(url, 'GET', '/health')).status).toBe(200);
      await mock.close();
    }
    await expect(request(`${url}/health`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports a taken port as a ReferenceMockError saying what to do', async () => {
    await using mock = await startReferenceMock();
    const error = await startReferenceMock({ port: mock.port }).catch((caught: unknown) => caught);
    expect(isReferenceMockError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MOCK_ERR_LISTEN', message: expect.stringMatching(/Pick another port/) });
  });

  it('refuses a non-loopback host before listening, unless explicitly allowed', async () => {
    await expect(startReferenceMock({ host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'MOCK_ERR_OPTIONS',
      message: expect.stringMatching(/not a loopback address.*allowNonLoopbackHost: true/s),
    });
    // Allowed, it tries to listen: 192.0.2.1 (TEST-NET-1) is on no interface here, so nothing is exposed.
    const controlToken = 'control-token-0123456789';
    await expect(
      startReferenceMock({ host: '192.0.2.1', allowNonLoopbackHost: true, controlToken }),
    ).rejects.toMatchObject({
      code: 'MOCK_ERR_LISTEN',
    });
  });

  it('rejects invalid options before listening', async () => {
    await expect(startReferenceMock({ maxBodyBytes: 0 })).rejects.toMatchObject({ code: 'MOCK_ERR_OPTIONS' });
  });
});

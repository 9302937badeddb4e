import { describe, expect, it } from 'vitest';
import { CONTRACT_PIN } from '../contract/index.js';
import { isReferenceMockError } from './errors.js';
import { DEFAULT_REFERENCE_MOCK_OPTIONS, type ReferenceMockOptions, resolveReferenceMockOptions } from './options.js';

describe('resolveReferenceMockOptions', () => {
  it('applies every default from one constant', () => {
    const resolved = resolveReferenceMockOptions();
    expect(resolved).toEqual(DEFAULT_REFERENCE_MOCK_OPTIONS);
    expect(resolved.host).toBe('127.0.0.1');
    expect(resolved.port).toBe(0);
    expect(resolved.environment).toBe('sandbox');
    expect(resolved.rateLimit).toEqual({ limit: 1000, windowMs: 60_000 });
    expect(resolved.webhookDelivery).toEqual({
      timeoutMs: 5000,
      retryBaseMs: 1000,
      maxAttempts: 5,
      allowNonLoopback: false,
      signingClock: 'mock',
    });
    expect(resolved.connections.requestTimeoutMs).toBe(30_000);
    expect(resolved.retention.maxDeliveries).toBe(5000);
    expect(resolved.controlToken).toBeNull();
    expect(resolved.maxBodyBytes).toBe(65_536);
    expect(resolved.contractHash).toBe(CONTRACT_PIN.hash);
    expect(resolved.timers).toBe('real');
  });

  it('merges nested options field by field and never mutates the caller object', () => {
    const given: ReferenceMockOptions = { rateLimit: { limit: 5 }, webhookDelivery: { retryBaseMs: 10 } };
    const snapshot = structuredClone(given);
    const resolved = resolveReferenceMockOptions(given);
    expect(resolved.rateLimit).toEqual({ limit: 5, windowMs: 60_000 });
    expect(resolved.webhookDelivery.retryBaseMs).toBe(10);
    expect(resolved.webhookDelivery.maxAttempts).toBe(5);
    expect(given).toEqual(snapshot);
  });

  it('switches the timeline to manual timers when a clock is injected, unless told otherwise', () => {
    const clock = () => 0;
    expect(resolveReferenceMockOptions({ clock }).timers).toBe('manual');
    expect(resolveReferenceMockOptions({ clock, timers: 'real' }).timers).toBe('real');
  });

  it('rejects invalid options with a ReferenceMockError naming each field', () => {
    let caught: unknown;
    try {
      resolveReferenceMockOptions({ port: -1, environment: 'staging' as never, contractHash: 'nope' });
    } catch (error) {
      caught = error;
    }
    expect(isReferenceMockError(caught)).toBe(true);
    if (!isReferenceMockError(caught)) return;
    expect(caught.code).toBe('MOCK_ERR_OPTIONS');
    expect(caught.details.map((d) => d.field).sort()).toEqual(['contractHash', 'environment', 'port']);
  });

  it('refuses a non-loopback host unless allowNonLoopbackHost is set, saying why and how to opt in', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
      let caught: unknown;
      try {
        resolveReferenceMockOptions({ host });
      } catch (error) {
        caught = error;
      }
      expect(caught, host).toMatchObject({
        name: 'ReferenceMockError',
        code: 'MOCK_ERR_OPTIONS',
        details: [{ field: 'host', reason: expect.stringMatching(/not a loopback address/) }],
      });
      expect((caught as Error).message).toMatch(/no authentication/);
      expect((caught as Error).message).toMatch(/allowNonLoopbackHost: true/);
      expect((caught as Error).message).toMatch(/DUTYCLAIMS_MOCK_ALLOW_NON_LOOPBACK_HOST=1/);
      const token = 'control-token-0123456789';
      expect(resolveReferenceMockOptions({ host, allowNonLoopbackHost: true, controlToken: token })).toMatchObject({
        host,
        allowNonLoopbackHost: true,
        controlToken: token,
      });
      expect(() => resolveReferenceMockOptions({ host, allowNonLoopbackHost: true })).toThrow(
        /without a control token/,
      );
      expect(
        resolveReferenceMockOptions({ host, allowNonLoopbackHost: true, allowUnauthenticatedControl: true }),
      ).toMatchObject({ controlToken: null });
    }
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(resolveReferenceMockOptions({ host }).host).toBe(host);
  });

  it('rejects a timeline whose offsets go backwards', () => {
    expect(() => resolveReferenceMockOptions({ timeline: { validatingAfterMs: 50, submittedAfterMs: 10 } })).toThrow(
      /must not decrease/,
    );
  });
});

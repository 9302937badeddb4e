import { describe, expect, it } from 'vitest';
import { createXSignatureScheme } from '../../webhooks/schemes/x-signature.js';
import { isWebhookGradeConfigError, type WebhookGradeConfigField } from './errors.js';
import { resolveWebhookGradeOptions, type WebhookGradeOptions } from './options.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const base = { url: 'http://127.0.0.1:8080/webhooks', secret };

const refused = (options: WebhookGradeOptions): { field: WebhookGradeConfigField; message: string } => {
  try {
    resolveWebhookGradeOptions(options);
  } catch (error) {
    if (isWebhookGradeConfigError(error)) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected the options to be refused');
};

describe('resolveWebhookGradeOptions', () => {
  it('applies the documented defaults without touching the caller object', () => {
    const options = Object.freeze({ ...base });
    const resolved = resolveWebhookGradeOptions(options);
    expect(resolved).toMatchObject({
      toleranceSeconds: 300,
      ackTimeoutMs: 5000,
      processingWaitMs: 30_000,
      processingQuietMs: 2000,
      processedEvents: null,
      allowNonLoopback: false,
    });
    expect(resolved.scheme.id).toBe('dutyclaims');
    expect(resolved.url.href).toBe('http://127.0.0.1:8080/webhooks');
  });

  it('accepts loopback hosts and refuses others unless allowed', () => {
    for (const url of ['http://localhost:1/', 'http://[::1]:1/', 'http://127.0.0.2:1/'])
      expect(() => resolveWebhookGradeOptions({ ...base, url })).not.toThrow();
    expect(refused({ ...base, url: 'https://hooks.example.com/x' })).toMatchObject({
      field: 'url',
      message: expect.stringContaining('--allow-non-loopback'),
    });
    expect(refused({ ...base, processedEventsUrl: 'http://10.0.0.1/processed' }).field).toBe('processedEvents');
    expect(() =>
      resolveWebhookGradeOptions({ ...base, url: 'https://hooks.example.com/x', allowNonLoopback: true }),
    ).not.toThrow();
  });

  it('says what to fix for each bad setting', () => {
    expect(refused({ ...base, url: 'not a url' }).field).toBe('url');
    expect(refused({ ...base, url: 'ftp://127.0.0.1/' }).field).toBe('url');
    expect(refused({ ...base, secret: '' }).field).toBe('secret');
    expect(refused({ ...base, scheme: 'stripe' as never }).message).toContain('standard-webhooks');
    expect(refused({ ...base, toleranceSeconds: 0 }).field).toBe('toleranceSeconds');
    expect(refused({ ...base, ackTimeoutMs: 1.5 }).field).toBe('ackTimeoutMs');
    expect(refused({ ...base, processedEventsUrl: 'http://127.0.0.1/p', processedEventsCommand: 'cat x' }).field).toBe(
      'processedEvents',
    );
  });

  it('refuses a secret the scheme cannot sign with, without echoing it', () => {
    const result = refused({ ...base, secret: 'whsec_not base64 at all!!', scheme: 'standard-webhooks' });
    expect(result.field).toBe('secret');
    expect(result.message).not.toContain('base64 at all');
  });

  it('takes a scheme object, e.g. x-signature with another message format', () => {
    const scheme = createXSignatureScheme({ messageTemplate: '{eventId}.{timestamp}.{body}' });
    expect(resolveWebhookGradeOptions({ ...base, scheme }).scheme).toBe(scheme);
  });
});

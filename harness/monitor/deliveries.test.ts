import { describe, expect, it } from 'vitest';
import type { CallMetadata } from '../client/metadata.js';
import type { WebhookDelivery } from '../contract/schemas/webhooks.js';
import type { Outcome } from '../rehearsal/observations.js';
import { deliveryFailuresCheck, deliverySucceededCheck } from './deliveries.js';

const now = new Date('2026-11-30T06:00:00.000Z');
const DAY = 86_400_000;
const delivery = (id: string, status: WebhookDelivery['status'], hoursAgo: number): WebhookDelivery => ({
  id,
  eventId: 'evt_1',
  endpointId: 'we_receiver',
  eventType: 'claim.status_changed',
  status,
  attempts: [
    { attempt: 1, at: now.toISOString(), responseStatus: 500, error: null, durationMs: 3 },
    { attempt: 2, at: now.toISOString(), responseStatus: null, error: 'connection refused', durationMs: 1 },
  ],
  createdAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
  nextAttemptAt: null,
});
const log = (...deliveries: WebhookDelivery[]): Outcome<readonly WebhookDelivery[]> => ({
  ok: true,
  value: deliveries,
  meta: { requestId: 'req_log' } as CallMetadata,
});

describe('deliveryFailuresCheck', () => {
  it('fails on a failed delivery in the window, with its id, attempts and last error', () => {
    const check = deliveryFailuresCheck(
      log(delivery('whd_ok', 'succeeded', 1), delivery('whd_bad', 'failed', 2)),
      DAY,
      now,
    );
    expect(check.verdict).toBe('fail');
    expect(check.detail).toContain(
      'whd_bad (we_receiver claim.status_changed): failed, 2 attempts, last error: connection refused',
    );
    expect(check.evidence).toContain('we_receiver claim.status_changed: 1 failed, 1 succeeded');
  });

  it('passes when the failure is older than the window, and reports deliveries still retrying', () => {
    const check = deliveryFailuresCheck(
      log(delivery('whd_old', 'failed', 30), delivery('whd_r', 'retrying', 1)),
      DAY,
      now,
    );
    expect(check.verdict).toBe('pass');
    expect(check.detail).toMatch(/1 still retrying: whd_r/);
  });

  it('is not run when the delivery log could not be read', () => {
    const refused: Outcome<readonly WebhookDelivery[]> = {
      ok: false,
      error: { name: 'DutyClaimsAuthError', code: 'scope_missing', message: 'no' },
      meta: null,
    };
    expect(deliveryFailuresCheck(refused, DAY, now)).toMatchObject({
      verdict: 'not_run',
      detail: expect.stringContaining('scope_missing'),
    });
    expect(deliveryFailuresCheck(null, DAY, now).verdict).toBe('not_run');
  });
});

describe('deliverySucceededCheck', () => {
  it('is not run until traffic is live', () => {
    expect(deliverySucceededCheck(log(), DAY, now, false).verdict).toBe('not_run');
  });

  it('with live traffic, fails when nothing succeeded in the window and passes when something did', () => {
    expect(deliverySucceededCheck(log(delivery('whd_old', 'succeeded', 30)), DAY, now, true).verdict).toBe('fail');
    expect(deliverySucceededCheck(log(delivery('whd_ok', 'succeeded', 3)), DAY, now, true)).toMatchObject({
      verdict: 'pass',
      evidence: ['whd_ok (we_receiver claim.status_changed)'],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { dutyClaimsScheme } from '../../webhooks/schemes/dutyclaims.js';
import { xDualSignatureScheme } from '../../webhooks/schemes/x-dual-signature.js';
import type { WebhookReceiverCheckId } from './checks.js';
import type { DeliveryOutcome } from './deliver.js';
import { evaluateChecks } from './evaluate.js';
import { viewHook } from './hook-view.js';
import type { HookReading } from './processed-hook.js';

const url = new URL('http://127.0.0.1:1/webhooks');
let counter = 0;
const outcome = (
  checkId: WebhookReceiverCheckId,
  expectation: 'accept' | 'reject',
  status: number | null,
  eventId = `evt_${++counter}`,
): DeliveryOutcome => ({
  delivery: { checkId, label: checkId, expectation, eventId, deliveryId: `whd_${counter}`, headers: {}, rawBody: '{}' },
  status,
  error: status === null ? 'no answer within 5000 ms' : null,
  durationMs: 3,
  responseExcerpt: '',
});
const reading = (eventIds: string[]): HookReading => ({ ok: true, source: 'GET hook', eventIds });

const valid = outcome('valid-delivery', 'accept', 200, 'evt_valid');
const tampered = outcome('tampered-body', 'reject', 400, 'evt_tampered');
const first = outcome('duplicate-processed-once', 'accept', 200, 'evt_dup');
const again = outcome('duplicate-processed-once', 'accept', 200, 'evt_dup');
const verdicts = (outcomes: DeliveryOutcome[], hook: HookReading | null, scheme = dutyClaimsScheme) =>
  Object.fromEntries(
    evaluateChecks({ url, scheme, ackTimeoutMs: 5000, outcomes, hook: viewHook(hook, outcomes) }).map((check) => [
      check.id,
      check.verdict,
    ]),
  );

describe('evaluateChecks', () => {
  it('does not grade processing without a hook, and never turns that into a pass', () => {
    const result = verdicts([valid, tampered, first, again], null);
    expect(result['rejected-not-processed']).toBe('not_graded');
    expect(result['duplicate-processed-once']).toBe('not_graded');
    expect(result['tampered-body']).toBe('pass');
  });

  it('distrusts a hook that lists none of the acknowledged events (e.g. always [])', () => {
    const result = verdicts([valid, tampered, first, again], reading([]));
    expect(result['rejected-not-processed']).toBe('not_graded');
    expect(result['duplicate-processed-once']).toBe('not_graded');
  });

  it('says the wait ran out, not that the hook is wrong, when a slow worker listed nothing in time', () => {
    const view = viewHook(reading([]), [valid, tampered, first, again], 4000);
    expect(view.state).toBe('unusable');
    expect(view.state === 'unusable' ? view.reason : '').toMatch(
      /listed none of the validly signed events within 4\.0 s .*raise processingWaitMs/,
    );
  });

  it('grades processing from a healthy hook', () => {
    expect(verdicts([valid, tampered, first, again], reading(['evt_valid', 'evt_dup']))).toMatchObject({
      'rejected-not-processed': 'pass',
      'duplicate-processed-once': 'pass',
    });
    expect(
      verdicts([valid, tampered, first, again], reading(['evt_valid', 'evt_dup', 'evt_tampered', 'evt_dup'])),
    ).toMatchObject({
      'rejected-not-processed': 'fail',
      'duplicate-processed-once': 'fail',
    });
  });

  it('fails a duplicate that is not acknowledged, with or without a hook', () => {
    const refused = outcome('duplicate-processed-once', 'accept', 409, 'evt_dup');
    expect(verdicts([valid, first, refused], null)['duplicate-processed-once']).toBe('fail');
  });

  it('fails a rejection case that got no HTTP answer, and a valid delivery that timed out', () => {
    const hung = outcome('tampered-body', 'reject', null);
    const slow = outcome('valid-delivery', 'accept', null);
    expect(verdicts([slow, hung], null)).toMatchObject({ 'tampered-body': 'fail', 'valid-delivery': 'fail' });
  });

  it('does not grade rotation for a scheme with one signature per delivery', () => {
    expect(verdicts([valid], null, xDualSignatureScheme).rotation).toBe('not_graded');
  });

  it('never passes a check for which nothing was sent: no outcomes means not graded, saying so', () => {
    const checks = evaluateChecks({
      url,
      scheme: dutyClaimsScheme,
      ackTimeoutMs: 5000,
      outcomes: [],
      hook: viewHook(null, []),
    });
    expect(checks.filter((check) => check.verdict === 'pass')).toEqual([]);
    for (const check of checks) expect(check.verdict, check.id).toBe('not_graded');
    const byId = Object.fromEntries(checks.map((check) => [check.id, check]));
    expect(byId['malformed-signature']?.reason).toMatch(/no delivery was sent for this check.*malformed\(\)/);
    expect(byId['tampered-body']?.reason).toMatch(/no delivery was sent for this check/);
    expect(byId['valid-delivery']?.reason).toMatch(/no delivery was sent for this check/);
    expect(byId['duplicate-processed-once']?.reason).toMatch(/no duplicate delivery was sent/);
    expect(byId['duplicate-processed-once']?.reason).not.toContain('both deliveries were acknowledged');
  });

  it('does not claim "both deliveries" for a duplicate check that saw only one', () => {
    const result = evaluateChecks({
      url,
      scheme: dutyClaimsScheme,
      ackTimeoutMs: 5000,
      outcomes: [valid, first],
      hook: viewHook(reading(['evt_valid', 'evt_dup']), [valid, first]),
    }).find((check) => check.id === 'duplicate-processed-once');
    expect(result?.verdict).toBe('not_graded');
    expect(result?.reason).toMatch(/1 of the 2 deliveries/);
  });
});

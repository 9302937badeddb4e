import { describe, expect, it } from 'vitest';
import type { GateResult } from '../harness/packet/schema.js';
import { checkOutcome, checkTestName } from './gate-check-tests.js';

const gate = (
  checks: GateResult['checks'],
  verdict: GateResult['verdict'] = 'pass',
  reason = 'ok',
  evidence: GateResult['evidence'] = [],
): GateResult =>
  ({ id: 'credential-and-header-discipline', verdict, reason, checks, evidence }) as unknown as GateResult;

describe('checkTestName', () => {
  it('names templated checks for every instance', () => {
    expect(checkTestName('{family}: scopes granted')).toBe('each route family: scopes granted');
    expect(checkTestName('pact {path} pinned to the served contract')).toBe('each pact pinned to the served contract');
    expect(checkTestName('authenticated read')).toBe('authenticated read');
  });
});

describe('checkOutcome', () => {
  it('fails when any instance of a templated check failed, naming it', () => {
    const outcome = checkOutcome(
      gate([
        { name: 'claims: scopes granted', verdict: 'pass', detail: 'claims:write granted' },
        { name: 'webhooks: scopes granted', verdict: 'fail', detail: 'missing webhooks:write' },
      ]),
      '{family}: scopes granted',
    );
    expect(outcome).toMatchObject({ verdict: 'fail', reason: 'webhooks: scopes granted: missing webhooks:write' });
    expect(outcome.lines).toHaveLength(2);
  });

  it('passes only when every instance passed', () => {
    const outcome = checkOutcome(
      gate([{ name: 'authenticated read', verdict: 'pass', detail: 'GET capabilities 200 req_1' }]),
      'authenticated read',
    );
    expect(outcome).toMatchObject({ verdict: 'pass', lines: ['pass authenticated read: GET capabilities 200 req_1'] });
  });

  it('is not run when the gate reported no instance, with the gate reason when the gate did not run', () => {
    expect(checkOutcome(gate([], 'not_run', 'read-only run'), 'authenticated read')).toMatchObject({
      verdict: 'not_run',
      reason: 'Not run: read-only run',
    });
    expect(checkOutcome(gate([]), 'authenticated read').reason).toBe('Not run: this run did not perform it');
  });

  it('passes on the reason the gate gives for a check it was not asked to perform', () => {
    const evidence = [
      { label: 'Capabilities', value: 'GET capabilities 200' },
      {
        label: 'Key and secret rotation',
        value: 'Not run: key and secret rotation was not asked for. Run it with --rotation.',
      },
    ];
    expect(checkOutcome(gate([], 'pass', 'ok', evidence), 'key rotation: no failed call across the switch')).toEqual({
      verdict: 'not_run',
      reason:
        'Not run: this run did not perform it (Key and secret rotation: key and secret rotation was not asked for. Run it with --rotation.)',
      lines: [],
    });
  });

  it('is not run, never passed, when an instance was not checked', () => {
    const outcome = checkOutcome(
      gate([
        { name: 'claims: scopes granted', verdict: 'pass', detail: 'ok' },
        { name: 'webhooks: scopes granted', verdict: 'not_run', detail: 'capabilities unreadable' },
      ]),
      '{family}: scopes granted',
    );
    expect(outcome).toMatchObject({
      verdict: 'not_run',
      reason: 'Not run: webhooks: scopes granted: capabilities unreadable',
    });
  });
});

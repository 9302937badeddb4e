import { describe, expect, it } from 'vitest';
import { catalogCheckOf } from './catalog.js';
import { fail, gateResult } from './gate-result.js';

describe('the check catalogue', () => {
  it('maps a reported check name to its catalogued check, placeholders included', () => {
    expect(catalogCheckOf('credential-and-header-discipline', 'claims: scopes granted')).toBe(
      '{family}: scopes granted',
    );
    expect(catalogCheckOf('environment-and-contract-pin', 'pact /a/b.json pinned to the served contract')).toBe(
      'pact {path} pinned to the served contract',
    );
    expect(catalogCheckOf('webhook-readiness', 'claims: scopes granted')).toBeNull();
  });

  it('refuses a gate result with a check the catalogue does not list, so no check goes untested', () => {
    expect(() =>
      gateResult('webhook-readiness', { checks: [fail('something new', 'x')], evidence: [], requestIds: [] }),
    ).toThrow(/"something new", which GATE_CHECKS does not list/);
  });
});

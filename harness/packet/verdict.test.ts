import { describe, expect, it } from 'vitest';
import { GATE_IDS } from '../gates/catalog.js';
import { contractMatch, summarizeGates } from './verdict.js';

const allPassing = GATE_IDS.map((id) => ({ id, verdict: 'pass' as const }));

describe('summarizeGates', () => {
  it('is ready only when every checklist gate passed', () => {
    expect(summarizeGates(allPassing)).toEqual({ verdict: 'ready', summary: { pass: 6, fail: 0, notRun: 0 } });
  });

  it('is not ready when a gate was not run, even with no failures', () => {
    const gates = allPassing.map((gate, index) => (index === 2 ? { ...gate, verdict: 'not_run' as const } : gate));
    expect(summarizeGates(gates)).toEqual({ verdict: 'not_ready', summary: { pass: 5, fail: 0, notRun: 1 } });
  });

  it('is not ready when a gate failed', () => {
    const gates = allPassing.map((gate, index) => (index === 0 ? { ...gate, verdict: 'fail' as const } : gate));
    expect(summarizeGates(gates).verdict).toBe('not_ready');
  });

  it('is not ready when a checklist gate is missing or there are no gates', () => {
    expect(summarizeGates(allPassing.slice(1)).verdict).toBe('not_ready');
    expect(summarizeGates([]).verdict).toBe('not_ready');
  });
});

describe('contractMatch', () => {
  it('compares the served hash with the pin', () => {
    const base = { pinnedHash: 'aaaa', pinnedFrom: 'pin.ts', pinOrigin: 'shipped_contract' as const, version: null };
    expect(contractMatch({ ...base, servedHash: 'aaaa' })).toBe('match');
    expect(contractMatch({ ...base, servedHash: 'bbbb' })).toBe('mismatch');
    expect(contractMatch({ ...base, servedHash: null })).toBe('not_read');
  });
});

import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest-name.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('TARGT', 'TARGET')).toBe(1);
    expect(editDistance('TARGET', 'TARGT')).toBe(1);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
    expect(editDistance('', 'ABC')).toBe(3);
    expect(editDistance('SAME', 'SAME')).toBe(0);
  });
});

describe('closestName', () => {
  const known = ['DUTYCLAIMS_TARGET', 'DUTYCLAIMS_API_KEY', 'DUTYCLAIMS_OUT_DIR', 'DUTYCLAIMS_BASE_URL'];

  it('suggests the name a person most likely meant, whatever the case', () => {
    expect(closestName('DUTYCLAIMS_TARGT', known)).toBe('DUTYCLAIMS_TARGET');
    expect(closestName('dutyclaims_target', known)).toBe('DUTYCLAIMS_TARGET');
    expect(closestName('DUTYCLAIMS_APIKEY', known)).toBe('DUTYCLAIMS_API_KEY');
    expect(closestName('DUTYCLAIM_BASE_URL', known)).toBe('DUTYCLAIMS_BASE_URL');
    expect(closestName('DUTYCLAIMS_OUTPUT_DIR', known)).toBe('DUTYCLAIMS_OUT_DIR');
  });

  it('suggests nothing when no name is close', () => {
    expect(closestName('DUTYCLAIMS_DEPLOYMENT_PIPELINE_TOKEN', known)).toBeNull();
    expect(closestName('X', [])).toBeNull();
  });
});
